"""A proposal's record: who proposed what, why, and what the working group decided.

The record is a small YAML file, `amendments/<name>.yml`, committed on the proposal's branch with the change
itself, so that the branch carries everything about the proposal and an accepted proposal's record lands in
main with its text. It holds what a meeting needs without reading the change: the proposer and date, the
chapters and sections touched, the rationale, the status (proposed, accepted, rejected, deferred) and the
meeting that decided it; for a Word import also every edit found (with its author and whether it was
tracked), the comments and what could not be placed.

Example:
    >>> record = Record(name="ch5-rooms", proposer="Layla Hassan <layla@moi.gov.iq>", date="2026-12-03",
    ...                 rationale="Interview rooms for children", source="word")
    >>> Record.from_yaml(record.to_yaml()) == record
    True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

import yaml

from ..diagnostics import UsageError

STATUSES = ("proposed", "accepted", "rejected", "deferred")
OPEN = ("proposed", "deferred")
FOLDER = "amendments"


def record_path(name: str) -> str:
    return f"{FOLDER}/{name}.yml"


@dataclass
class Record:
    name: str
    proposer: str
    date: str  # ISO date the proposal was made
    rationale: str = ""
    source: str = "markdown"  # word (sop import docx), markdown (sop propose) or pull-request
    base: str = ""  # the commit the drafter's text started from
    status: str = "proposed"
    meeting: str | None = None  # the meeting that decided it (a draft tag such as wg-4, or its name)
    decided: str | None = None  # ISO date of the decision
    decided_by: str | None = None
    note: str = ""  # what the meeting said with its decision
    chapters: list[str] = field(default_factory=list)  # chapter ids
    sections: list[str] = field(default_factory=list)  # chapter#section (lang) touched
    changes: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)

    def to_yaml(self) -> str:
        return yaml.safe_dump(asdict(self), allow_unicode=True, sort_keys=False, width=1000)

    @classmethod
    def from_yaml(cls, text: str | bytes, where: str = "the record") -> "Record":
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise UsageError(f"{where} is not valid YAML ({exc.__class__.__name__}): repair it, or make the "
                             "proposal again") from None
        known = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or not {"name", "proposer", "date"} <= set(data):
            raise UsageError(f"{where} lacks name, proposer or date: repair it, or make the proposal again")
        record = cls(**{k: v for k, v in data.items() if k in known})
        if record.status not in STATUSES:
            raise UsageError(f"{where} has status '{record.status}'; it must be one of {', '.join(STATUSES)}")
        record.date = str(record.date)
        return record

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

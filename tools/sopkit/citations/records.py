"""What the finder reports: a citation as written, and how it names its law."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LawRef:
    """How a citation names its law."""

    # "id" (a link), "number" (number and year), "name" (title or alias), "same" ("this law"), "generic" ("the
    # Protocol": a kind of instrument, in `words`), "none"
    kind: str
    law_id: str | None = None
    number: str | None = None
    year: str | None = None
    type: str | None = None  # "law" or "instructions" when the words say so
    words: str = ""  # the folded words that named it
    other: str = ""  # why the name is not a bundled law's: "Yemen", "a model law", "the Kurdistan Region" ...
    fuzzy: bool = False  # the name was matched to a law's title or alias that it nearly spells
    said: bool = False  # the name said again ("الدستور المذكور", "this Constitution"): the law named before it


@dataclass(frozen=True)
class Citation:
    """A citation as written: where it is, which provisions it names, and how it names the law."""

    start: int
    end: int
    text: str
    provisions: tuple[str, ...]  # dotted ids; empty for a whole law
    law: LawRef
    kind: str = "plain"  # "plain" or "link"
    target: str | None = None  # a link's target as written
    label: str | None = None  # a link's text
    label_start: int | None = None

"""How a translated chapter is presented while it is not fully in step: for the site and the print edition alike.

A reader of a translation must never be shown less than the SOP says, nor an outdated procedure without being
told. So a renderer shows, in a translated chapter:

- each section of the source that the translation lacks, in the source's language, with a notice, where the
  source has it (before the next section the translation has);
- a notice under each section whose source changed since the translation was marked (and at the top when the
  chapter's opening did).

`presentation(corpus, chapter)` says which, from the states `sop i18n status` reports.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import OPENING, Chapter, Corpus
from .status import MISSING, STALE, translation_states


class MissingRun(NamedTuple):
    """Consecutive sections of the source that a translation lacks, and where they go in it."""

    sections: tuple[str, ...]  # source section ids, in order
    before: str | None  # the id of the translation's section they stand before; None: at the end


class Presentation(NamedTuple):
    source: Chapter
    stale: frozenset[str]  # section ids (and OPENING) whose source changed since they were marked
    missing: tuple[MissingRun, ...]

    @property
    def in_step(self) -> bool:
        return not self.stale and not self.missing


def presentation(corpus: Corpus, chapter: Chapter, states=None) -> Presentation | None:
    """What a renderer adds to the translated `chapter`; None for a source chapter or one without a source.
    `states` (translation_states of the corpus) may be given when several chapters are presented."""
    if chapter.is_source:
        return None
    source = corpus.source_chapter(chapter)
    if source is None:
        return None
    states = translation_states(corpus) if states is None else states
    mine = [s for s in states if s.chapter == source.key and s.lang == chapter.lang]
    stale = frozenset(s.section for s in mine if s.state == STALE)
    runs: list[MissingRun] = []
    pending: list[str] = []
    for s in mine:
        if s.section == OPENING:
            continue
        if s.state == MISSING:
            pending.append(s.section)
        elif pending:
            runs.append(MissingRun(tuple(pending), s.section))
            pending = []
    if pending:
        runs.append(MissingRun(tuple(pending), None))
    return Presentation(source, stale, tuple(runs))


def source_lines(source: Chapter, lines: list[str], sections: tuple[str, ...]) -> tuple[int, int]:
    """The 0-based range [first, end) of `lines` (the source chapter's, one for one) that holds the consecutive
    `sections`: from the first one's heading to the heading after the last one (or the end)."""
    first = source.section(sections[0]).line - 1
    last = source.section(sections[-1])
    after = next((s for s in source.sections if s.line > last.line), None)
    return first, (after.line - 1 if after is not None else len(lines))

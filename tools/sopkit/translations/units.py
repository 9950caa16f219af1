"""The units a translation is kept in step by: a chapter's opening (its title and the text before its first
section) and each of its sections, with the fingerprint of their text.

A fingerprint is a hash of the unit's heading and text in Unicode NFC with every run of white space made one
space: rewrapping a paragraph or realigning a table does not make a translation stale; a changed word, number,
link or heading does.
"""

from __future__ import annotations

import hashlib
import unicodedata

from ..model import OPENING, Chapter, Section


def unit_ids(chapter: Chapter) -> list[str]:
    """The units of `chapter`, in order: OPENING, then each section that has an id."""
    return [OPENING] + list(dict.fromkeys(s.id for s in chapter.sections if s.id))


def unit_text(chapter: Chapter, unit: str) -> str | None:
    """The heading and text of `unit` of `chapter` as written, or None when the chapter has no such unit."""
    if unit == OPENING:
        return f"{chapter.title or ''}\n\n{chapter.intro}"
    section = chapter.section(unit)
    return None if section is None else _section_text(section)


def _section_text(section: Section) -> str:
    return f"{section.label}\n\n{section.text}"


def fingerprint(text: str) -> str:
    """The fingerprint of a unit's text (32 hexadecimal digits)."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=16).hexdigest()


def unit_fingerprint(chapter: Chapter, unit: str) -> str | None:
    text = unit_text(chapter, unit)
    return None if text is None else fingerprint(text)


def unit_name(chapter: Chapter, unit: str) -> str:
    """How a reader knows the unit: "5.4 Interviewing victims", or "(title and opening text)"."""
    if unit == OPENING:
        return "(title and opening text)"
    section = chapter.section(unit)
    return f"{section.number_text} {section.label}" if section is not None else unit

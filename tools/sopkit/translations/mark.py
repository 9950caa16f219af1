"""`sop i18n mark LANG CHAPTER [SECTION]`: record that a translator brought a translation up to date.

A unit is recorded (its source fingerprint and the source chapter's git blob written to the lock file) only when
the translation agrees with its source in what a reader relies on: the same section ids in the same order, and
the same provisions cited in the section. Otherwise it is refused (T004) and nothing of it is recorded; the
other units of the chapter are still recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..citations.check import cited_by_section
from ..citations.document import chapter_citations
from ..citations.resolve import Resolver, law_names
from ..diagnostics import Diagnostic, UsageError, diagnostic
from ..model import OPENING, Chapter, Corpus, TranslationRecord
from ..validate import compare_ids
from .lock import render, source_blob, write_lock
from .units import unit_fingerprint, unit_ids, unit_name


@dataclass
class MarkResult:
    marked: list[str] = field(default_factory=list)  # units recorded now
    already: list[str] = field(default_factory=list)  # units whose record was already the current one
    skipped: list[str] = field(default_factory=list)  # units the translation does not have yet
    refused: list[Diagnostic] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # records of units the source no longer has
    records: dict = field(default_factory=dict)  # every record of the lock file after this mark


def find_chapter(corpus: Corpus, ref: str) -> Chapter:
    """The source chapter `ref` names: its file name (05-investigation), number (5, 05), id (ch5) or slug."""
    ref = ref.strip().removesuffix(".md")
    sources = [c for c in corpus.chapters if c.is_source]
    for c in sources:
        if ref in (c.key, c.slug, f"ch{c.number}", c.id) or (ref.isdigit() and int(ref) == c.number):
            return c
    known = ", ".join(c.key for c in sources) or "none"
    raise UsageError(f"no chapter '{ref}' in the corpus; the chapters are: {known}")


def check_language(corpus: Corpus, lang: str) -> None:
    others = [x for x in corpus.settings.languages if x != corpus.settings.source_language]
    if lang not in others:
        raise UsageError(f"'{lang}' is not a language the SOP is translated into; use one of: {', '.join(others)}")


def mark(corpus: Corpus, lang: str, chapter_ref: str, section: str | None = None, write: bool = True,
         records: dict | None = None) -> MarkResult:
    """Record the units of one chapter's translation into `lang` (or only `section`) as up to date, writing the
    lock file when `write` and something changed. `records` (default: the corpus's lock) are the records to
    start from: several marks can be gathered before one write."""
    if corpus.revision is not None:
        raise UsageError("sop i18n mark records the working tree's translations; run it without --rev")
    check_language(corpus, lang)
    source = find_chapter(corpus, chapter_ref)
    translation = corpus.translation(source, lang)
    if translation is None:
        raise UsageError(f"{source.key} has no translation into {lang} (sop/{source.key}.{lang}.md): translate "
                         "it first")
    units = unit_ids(source)
    if section is not None:
        if section not in units:
            ids = ", ".join(u for u in units if u != OPENING)
            raise UsageError(f"{source.key} has no section '{section}'; its sections are: {OPENING}, {ids}")
        units = [section]
    result = MarkResult()
    structure = compare_ids(translation.path, translation.sections, source.path, source.sections, "section",
                             missing=False)
    names, resolver = law_names(corpus), Resolver(corpus)
    cited = _citations(corpus, source, names, resolver), _citations(corpus, translation, names, resolver)
    records = dict(corpus.translations.records if records is None else records)
    if section is None:  # the whole chapter: records of units its source no longer has are dropped
        gone = [k for k in records if k[0] == source.key and k[1] == lang and k[2] not in units]
        for k in gone:
            del records[k]
        result.dropped = [k[2] for k in gone]
    result.records = records
    blob = None
    for unit in units:
        if unit != OPENING and translation.section(unit) is None:
            result.skipped.append(unit)
            continue
        why = _disagreement(unit, structure, cited)
        if why:
            sec = translation.section(unit) if unit != OPENING else None
            line, col = (sec.line, sec.id_column) if sec else (1, 1)
            result.refused.append(diagnostic("T004", translation.path, line, col,
                                             f"{unit_name(source, unit)} was not marked: {why}",
                                             f"make it agree with {source.path}, then mark it again"))
            continue
        fingerprint = unit_fingerprint(source, unit)
        old = records.get((source.key, lang, unit))
        if blob is None:
            blob = source_blob(corpus, source.path) or ""
        if old is not None and old.fingerprint == fingerprint and (old.blob or not blob):
            result.already.append(unit)  # (a record without the source's blob gets it, for status's word diff)
            continue
        records[(source.key, lang, unit)] = TranslationRecord(fingerprint, blob or None, 0)
        result.marked.append(unit)
    if write and (result.marked or result.dropped):
        write_lock(corpus, render(corpus, records))
    return result


def _citations(corpus: Corpus, chapter: Chapter, names, resolver: Resolver) -> dict:
    text = next((f.text for f in corpus.files if f.path == chapter.path), None)
    if text is None:
        return {}
    return cited_by_section(chapter_citations(corpus, chapter, text, names, resolver))


def _disagreement(unit: str, structure: list[Diagnostic], cited: tuple[dict, dict]) -> str:
    """Why the unit's translation cannot be recorded as following its source, or ""."""
    if structure:
        first = structure[0]
        return f"the chapter's sections differ from the source's ({first.message}, line {first.line})"
    key = None if unit == OPENING else unit
    theirs, mine = cited[0].get(key, set()), cited[1].get(key, set())
    parts = []
    if theirs - mine:
        parts.append("it does not cite " + ", ".join(sorted(theirs - mine)))
    if mine - theirs:
        parts.append("it cites " + ", ".join(sorted(mine - theirs)) + ", which the source does not")
    return "; ".join(parts)

"""The state of every translation unit: `current`, `stale` or `missing`, per chapter, section and language.

- `missing`: the translation has no such section (or there is no translation of the chapter at all);
- `stale`: the source unit's fingerprint is not the one recorded when the translation was last marked, or the
  translation was never marked;
- `current`: the recorded fingerprint is the source unit's now.

`check_translation_state` is the pass of `sop check` that reports them: T001 (stale) and T002 (missing), both
warnings, so that a drafter may change the source in one language and translators follow.

Example (after a drafter changed section 5.4 of the English source, and before the translators followed):
    >>> states = translation_states(corpus)
    >>> [(s.chapter, s.section, s.lang, s.state) for s in states if s.state != "current"]
    [('05-investigation', 'interviewing-victims', 'ar', 'stale'),
     ('05-investigation', 'interviewing-victims', 'ckb', 'stale')]
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, diagnostic
from ..memo import Memo
from ..model import OPENING, Chapter, Corpus, TranslationRecord
from .units import unit_fingerprint, unit_ids, unit_name

CURRENT, STALE, MISSING = "current", "stale", "missing"


@dataclass(frozen=True)
class UnitState:
    """One unit of one source chapter in one language."""

    chapter: str  # the source chapter's key: 05-investigation
    section: str  # a section id, or OPENING
    lang: str
    state: str  # current, stale, missing
    source: Chapter
    translation: Chapter | None
    record: TranslationRecord | None

    @property
    def name(self) -> str:
        return unit_name(self.source, self.section)

    def as_dict(self) -> dict:
        return {"chapter": self.chapter, "section": self.section, "lang": self.lang, "state": self.state}


def translation_states(corpus: Corpus) -> list[UnitState]:
    """Every unit of every source chapter in every other language of the corpus, in chapter, language and
    source order."""
    out = []
    source_lang = corpus.settings.source_language
    for source in (c for c in corpus.chapters if c.is_source):
        for lang in corpus.settings.languages:
            if lang == source_lang:
                continue
            out += _chapter_states(corpus, source, lang)
    return out


def _chapter_states(corpus: Corpus, source: Chapter, lang: str) -> list[UnitState]:
    translation = corpus.translation(source, lang)
    out = []
    for unit in unit_ids(source):
        record = corpus.translations.record(source.key, lang, unit)
        if translation is None or (unit != OPENING and translation.section(unit) is None):
            state = MISSING
        elif record is None or record.fingerprint != unit_fingerprint(source, unit):
            state = STALE
        else:
            state = CURRENT
        out.append(UnitState(source.key, unit, lang, state, source, translation, record))
    return out


def check_translation_state(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """T001 and T002 over the corpus: a warning per stale or missing section, one per untranslated chapter of a
    language that has some chapter translated (a language no one has begun to translate into is not flagged
    chapter by chapter)."""
    out = []
    by_chapter: dict = {}
    for s in translation_states(corpus):
        by_chapter.setdefault((s.chapter, s.lang), []).append(s)
    in_use = {c.lang for c in corpus.chapters if not c.is_source}  # languages translation has begun in
    for (key, lang), states in by_chapter.items():
        source, translation = states[0].source, states[0].translation
        if translation is None:
            if lang not in in_use:
                continue  # no chapter is translated into it yet: `sop i18n status` shows it, the check does not
            out.append(diagnostic("T002", source.path, 1, 1, f"chapter {key} has no translation into {lang}",
                                  f"translate it as sop/{key}.{lang}.md (sop i18n export {lang} {key} gives a "
                                  f"file for translation tools), then run: sop i18n mark {lang} {key}"))
            continue
        previous = None
        for s in states:
            section = translation.section(s.section) if s.section != OPENING else None
            if s.state == MISSING:
                line, col = (previous.line, previous.column) if previous else (1, 1)
                after = f"after {{#{previous.id}}}" if previous else "after the opening text"
                out.append(diagnostic("T002", translation.path, line, col,
                                      f"section {s.name} {{#{s.section}}} of the source is not translated yet "
                                      f"({source.path}:{source.section(s.section).line})",
                                      f"translate it and add its heading {after}, then run: "
                                      f"sop i18n mark {lang} {key} {s.section}"))
            elif s.state == STALE:
                line, col = (section.line, section.id_column) if section else (1, 1)
                why = "was never marked as up to date" if s.record is None else \
                    "follows an earlier text of its source section (sop i18n status shows what changed)"
                out.append(diagnostic("T001", translation.path, line, col, f"the translation of {s.name} {why}",
                                      f"bring it up to date with {source.path}, then run: "
                                      f"sop i18n mark {lang} {key} {s.section}"))
            if section is not None:
                previous = section
    return out

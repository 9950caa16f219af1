"""Typed reading of `law.yml`, chapter front matter and `sop.yml`: every problem is an L002 or L006 with its line.

Values arrive as text (see yamldoc): this module checks their shape (a date is YYYY-MM-DD, a year four
digits, a language one of the corpus's) and builds the model's metadata records.
"""

from __future__ import annotations

import datetime as _dt
import re
from types import MappingProxyType

from .diagnostics import Diagnostic, diagnostic
from .model import Amendment, LawMeta, ProvisionHistory, Settings, Term, TranslationLock, TranslationRecord
from .yamldoc import YamlDoc

LAW_TYPES = ("law", "instructions", "regulation", "constitution", "treaty", "decree")
JURISDICTIONS = ("iq", "iq-kr", "un")
TEXT_STATUSES = ("official", "translation", "summary")
LAW_STATUSES = ("in-force", "repealed")
CHAPTER_STATUSES = ("draft", "adopted")

LAW_FIELDS = ("id", "type", "jurisdiction", "number", "year", "title", "authoritative", "text_status", "aliases",
              "dates", "gazette", "status", "repealed_by", "amendments", "provisions", "verify")
CHAPTER_FIELDS = ("id", "title", "status", "reviewed")
SETTINGS_FIELDS = ("source_language", "languages")
TERM_FIELDS = ("id", "note", "avoid")  # and one field per language
LOCK_FIELDS = ("format", "chapters")
LOCK_FORMAT = 1
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}\Z")
_BLOB = re.compile(r"^[0-9a-f]{40}\Z")

LAW_ID = re.compile(r"^(iq|iq-kr|un)/[a-z0-9]+(-[a-z0-9]+)*\Z")
PROVISION_ID = re.compile(r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*\Z")
CHAPTER_ID = re.compile(r"^ch[1-9][0-9]*\Z")  # \Z: `$` would let "ch5\n" pass


class _Fields:
    """Reads typed fields out of a YamlDoc, collecting diagnostics instead of raising."""

    def __init__(self, doc: YamlDoc, path: str, languages: tuple[str, ...]):
        self.doc, self.path, self.languages = doc, path, languages
        self.diagnostics: list[Diagnostic] = []
        self.data = doc.data if isinstance(doc.data, dict) else {}

    def report(self, keypath: tuple, message: str, hint: str, code: str = "L002", at_key: bool = False) -> None:
        line, col = self.doc.key_position(keypath) if at_key else self.doc.position(keypath)
        self.diagnostics.append(diagnostic(code, self.path, line, col, message, hint))

    def unknown(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                self.report((key,), f"unknown field '{key}' is ignored",
                            f"the fields are: {', '.join(known)}", code="L006", at_key=True)

    def _missing(self, key: str, required: bool, hint: str) -> None:
        if required:
            self.report((), f"required field '{key}' is missing", hint)

    def text(self, key, required=False, *, choices=None, pattern=None, hint="", path=None):
        keypath = path or (key,)
        value = _get(self.data, keypath)
        if value is None:
            self._missing(".".join(map(str, keypath)), required, hint or f"add '{key}: ...'")
            return None
        name = ".".join(map(str, keypath))
        if not isinstance(value, str) or not value.strip():
            self.report(keypath, f"'{name}' must be non-empty text, not {_kind(value)}", hint or "write it as text")
            return None
        if choices and value not in choices:
            self.report(keypath, f"'{name}' is '{value}', which is not one of: {', '.join(choices)}",
                        f"write one of: {', '.join(choices)}")
            return None
        if pattern and not pattern.match(value):
            self.report(keypath, f"'{name}' is '{value}', which is not well formed", hint)
            return None
        return value

    def date(self, key, required=False, path=None):
        keypath = path or (key,)
        value = self.text(key, required, path=keypath, hint="write the date as \"YYYY-MM-DD\"")
        if value is None:
            return None
        try:
            _dt.date.fromisoformat(value)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
        except ValueError:
            self.report(keypath, f"'{'.'.join(map(str, keypath))}' is '{value}', which is not a date",
                        "write the date as \"YYYY-MM-DD\", e.g. \"2012-04-23\"")
            return None
        return value

    def language(self, key, required=False, path=None):
        return self.text(key, required, choices=self.languages, path=path)

    def mapping(self, key, required=False, path=None) -> dict | None:
        keypath = path or (key,)
        value = _get(self.data, keypath)
        if value is None:
            self._missing(key, required, f"add '{key}:' with one entry per line")
            return None
        if not isinstance(value, dict):
            self.report(keypath, f"'{key}' must be a mapping, not {_kind(value)}", "write 'key: value' lines under it")
            return None
        return value

    def text_list(self, keypath: tuple) -> tuple[str, ...]:
        value = _get(self.data, keypath)
        if value is None:
            return ()
        name = ".".join(map(str, keypath))
        if isinstance(value, str):
            value = [value]
            self.report(keypath, f"'{name}' must be a list", f"write it as [{value[0]}]")
            return ()
        if not isinstance(value, list):
            self.report(keypath, f"'{name}' must be a list of text, not {_kind(value)}", "write it as [a, b]")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item)
            else:
                self.report(keypath + (i,), f"item {i + 1} of '{name}' must be non-empty text", "write it as text")
        return tuple(out)

    def lang_keys(self, key: str, mapping: dict) -> dict:
        out = {}
        for lang, value in mapping.items():
            if lang not in self.languages:
                self.report((key, lang), f"'{key}' has an entry for unknown language '{lang}'",
                            f"the languages are: {', '.join(self.languages)}", at_key=True)
            else:
                out[lang] = value
        return out


def _get(data, keypath):
    for k in keypath:
        if isinstance(data, dict) and k in data:
            data = data[k]
        elif isinstance(data, list) and isinstance(k, int) and k < len(data):
            data = data[k]
        else:
            return None
    return data


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "empty text"}.get(type(value), type(value).__name__)


def _not_mapping(doc: YamlDoc, path: str, what: str) -> list[Diagnostic]:
    line, col = doc.position(())
    return [diagnostic("L002", path, line, col, f"{what} must be a mapping of fields, not {_kind(doc.data)}",
                       "write one 'field: value' per line")]


def read_settings(doc: YamlDoc, path: str) -> tuple[Settings, list[Diagnostic]]:
    """`sop.yml`: the source language and the corpus's languages."""
    if not isinstance(doc.data, dict):
        return Settings(), (_not_mapping(doc, path, "sop.yml") if doc.data is not None else [])
    f = _Fields(doc, path, ())
    f.unknown(SETTINGS_FIELDS)
    languages = f.text_list(("languages",)) or Settings().languages
    for i, lang in enumerate(languages):
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            f.report(("languages", i), f"'{lang}' is not a language code", "use ISO 639 codes such as en, ar, ckb")
    f.languages = languages
    source = f.language("source_language") or "en"
    return Settings(source, tuple(languages)), f.diagnostics


def read_front_matter(doc: YamlDoc, path: str, languages) -> tuple[dict, list[Diagnostic]]:
    """A chapter's front matter: id, title, status, reviewed (all required). The doc's positions are lines of the
    chapter file (load_yaml's `first_line`)."""
    if not isinstance(doc.data, dict):
        return {}, _not_mapping(doc, path, "front matter")
    f = _Fields(doc, path, tuple(languages))
    f.unknown(CHAPTER_FIELDS)
    fields = {
        "id": f.text("id", True, pattern=CHAPTER_ID, hint="write the chapter id as ch<number>, e.g. id: ch5"),
        "title": f.text("title", True, hint="add the chapter's title, e.g. title: Case Management"),
        "status": f.text("status", True, choices=CHAPTER_STATUSES),
        "reviewed": f.date("reviewed", True),
    }
    fields["positions"] = {k: doc.position((k,)) for k in CHAPTER_FIELDS}
    return fields, f.diagnostics


def read_law_meta(doc: YamlDoc, path: str, languages) -> tuple[LawMeta | None, list[Diagnostic]]:
    """`law.yml`. Returns None for the metadata when a required field is unusable."""
    if not isinstance(doc.data, dict):
        return None, _not_mapping(doc, path, "law.yml")
    f = _Fields(doc, path, tuple(languages))
    f.unknown(LAW_FIELDS)
    law_id = f.text("id", True, hint="add 'id: <jurisdiction>/<folder>', e.g. id: iq/law-28-2012")
    law_type = f.text("type", True, choices=LAW_TYPES)
    jurisdiction = f.text("jurisdiction", True, choices=JURISDICTIONS)
    year = f.text("year", True, pattern=re.compile(r"^\d{4}\Z"), hint='write the year as four digits, e.g. "2012"')
    number = f.text("number")
    titles = {}
    title_map = f.mapping("title", True)
    if title_map is not None:
        for lang, value in f.lang_keys("title", title_map).items():
            if t := f.text(lang, path=("title", lang)):
                titles[lang] = t
        if not titles and title_map is not None:
            f.report(("title",), "'title' names the law in no known language", "add e.g. 'en: Anti-Human Trafficking Law'")
    authoritative = f.language("authoritative", True)
    status_value = _get(f.data, ("text_status",))
    text_status: dict[str, str] = {}
    if status_value is None:
        f.report((), "required field 'text_status' is missing",
                 "add 'text_status: summary' (or official/translation, one per language)")
    elif isinstance(status_value, dict):
        for lang in f.lang_keys("text_status", status_value):
            if s := f.text(lang, choices=TEXT_STATUSES, path=("text_status", lang)):
                text_status[lang] = s
    elif s := f.text("text_status", choices=TEXT_STATUSES):
        text_status = {lang: s for lang in languages}
    aliases = {}
    if (alias_map := f.mapping("aliases")) is not None:
        for lang in f.lang_keys("aliases", alias_map):
            aliases[lang] = f.text_list(("aliases", lang))
    dates = {}
    if (date_map := f.mapping("dates")) is not None:
        for key in date_map:
            if d := f.date(key, path=("dates", key)):
                dates[key] = d
    gazette = {}
    if (gazette_map := f.mapping("gazette")) is not None:
        for key in gazette_map:
            value = f.date(key, path=("gazette", key)) if key == "date" else f.text(key, path=("gazette", key))
            if value:
                gazette[key] = value
    status = f.text("status", choices=LAW_STATUSES) or "in-force"
    repealed_by = f.text("repealed_by", pattern=LAW_ID, hint="name the repealing law by its id, e.g. iq/law-28-2012")
    amendments = _amendments(f)
    history = _histories(f)
    verify = f.text_list(("verify",))
    if None in (law_id, law_type, jurisdiction, year, authoritative) or not titles or not text_status:
        return None, f.diagnostics
    return LawMeta(
        id=law_id, type=law_type, jurisdiction=jurisdiction, year=year, title=MappingProxyType(titles),
        authoritative=authoritative, text_status=MappingProxyType(text_status), number=number,
        aliases=MappingProxyType(aliases), dates=MappingProxyType(dates), gazette=MappingProxyType(gazette),
        status=status, repealed_by=repealed_by, amendments=amendments, provisions=MappingProxyType(history),
        verify=verify,
    ), f.diagnostics


def _amendments(f: _Fields) -> tuple[Amendment, ...]:
    value = _get(f.data, ("amendments",))
    if value is None:
        return ()
    if not isinstance(value, list):
        f.report(("amendments",), "'amendments' must be a list", "write '- {by: <law id>, date: \"YYYY-MM-DD\"}'")
        return ()
    out = []
    for i, item in enumerate(value):
        base = ("amendments", i)
        if not isinstance(item, dict):
            f.report(base, f"amendment {i + 1} must be a mapping", "write '{by: <law id>, date: \"YYYY-MM-DD\"}'")
            continue
        by = f.text("by", True, pattern=LAW_ID, path=base + ("by",), hint="name the amending law by its id")
        date = f.date("date", path=base + ("date",))
        provisions = f.text_list(base + ("provisions",))
        note = f.text("note", path=base + ("note",)) or ""
        if by:
            out.append(Amendment(by, date, provisions, note))
    return tuple(out)


def _histories(f: _Fields) -> dict[str, ProvisionHistory]:
    value = f.mapping("provisions")
    out: dict[str, ProvisionHistory] = {}
    for pid, entry in (value or {}).items():
        base = ("provisions", pid)
        if not PROVISION_ID.match(pid):
            f.report(base, f"'{pid}' is not a provision id", "write dotted ids such as 6 or 6.1.a", at_key=True)
            continue
        if not isinstance(entry, dict):
            f.report(base, f"provision '{pid}' must map to {{repealed|amended: date, by: law id}}",
                     "e.g. \"6.2\": {amended: \"2030-01-01\", by: iq/law-99-2030}")
            continue
        repealed = f.date("repealed", path=base + ("repealed",))
        amended = f.date("amended", path=base + ("amended",))
        by = f.text("by", path=base + ("by",), pattern=LAW_ID, hint="name the law by its id")
        if not repealed and not amended:
            f.report(base, f"provision '{pid}' says neither 'repealed' nor 'amended'",
                     "add repealed: \"YYYY-MM-DD\" or amended: \"YYYY-MM-DD\"")
            continue
        out[pid] = ProvisionHistory(pid, repealed, amended, by)
    return out


def read_glossary(doc: YamlDoc, path: str, languages) -> tuple[tuple[Term, ...], list[Diagnostic]]:
    """`glossary.yml`: a list of concepts, each with an id, its term in each language, an optional note, and
    optional renderings to avoid per language (`avoid: {ar: [...]}`), which T003 reports where they are used."""
    if doc.data is None:
        return (), []
    if not isinstance(doc.data, list):
        line, col = doc.position(())
        return (), [diagnostic("L002", path, line, col, "the glossary must be a list of terms",
                               "write one '- id: ...' entry per concept, with en:, ar:, ckb: and note:")]
    out, diagnostics, seen = [], [], set()
    for i, entry in enumerate(doc.data):
        line, col = doc.position((i,))
        if not isinstance(entry, dict):
            diagnostics.append(diagnostic("L002", path, line, col, f"glossary entry {i + 1} is not a mapping",
                                          "write it as '- id: ...' with en:, ar:, ckb: and note:"))
            continue
        f = _Fields(_Sub(doc, i), path, tuple(languages))
        f.unknown(TERM_FIELDS + tuple(languages))
        term_id = f.text("id", True, hint="add 'id: <concept-id>', e.g. id: presumed-victim")
        terms = {lang: t for lang in languages if (t := f.text(lang))}
        avoid = {}
        given = f.mapping("avoid")
        for lang in f.lang_keys("avoid", given or {}):
            avoid[lang] = f.text_list(("avoid", lang))
        note = f.text("note") or ""
        diagnostics += f.diagnostics
        if term_id is None:
            continue
        if term_id in seen:
            diagnostics.append(diagnostic("V001", path, line, col, f"glossary id '{term_id}' is used twice",
                                          "give each concept its own id, or merge the two entries"))
            continue
        seen.add(term_id)
        out.append(Term(term_id, MappingProxyType(terms), MappingProxyType(avoid), note, line))
    return tuple(out), diagnostics


def read_translation_lock(doc: YamlDoc, path: str, languages) -> tuple[TranslationLock, list[Diagnostic]]:
    """`translations.lock.yml`, written by `sop i18n mark`: chapters -> language -> section -> {source, blob}.
    An entry that is not well formed is reported and left out: its section counts as never marked (stale)."""
    if doc.data is None:
        return TranslationLock(path=path), []
    hint = "run `sop i18n mark` again for the chapters concerned; this file is written by the tool"
    f = _Fields(doc, path, tuple(languages))
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        return TranslationLock(path=path), [diagnostic("L002", path, line, col, "not a translation lock file", hint)]
    f.unknown(LOCK_FIELDS)
    if str(doc.data.get("format")) != str(LOCK_FORMAT):  # the YAML reader gives every scalar as text
        f.report(("format",), f"format {doc.data.get('format')!r} is not the one this tool writes ({LOCK_FORMAT})",
                 hint)
        return TranslationLock(path=path), f.diagnostics
    records = {}
    for chapter, by_lang in (f.mapping("chapters") or {}).items():
        if not isinstance(by_lang, dict):
            f.report(("chapters", chapter), f"chapter '{chapter}' must map languages to sections", hint)
            continue
        for lang, sections in by_lang.items():
            if lang not in languages or not isinstance(sections, dict):
                f.report(("chapters", chapter, lang), f"'{lang}' is not a language of the corpus with sections",
                         hint, at_key=True)
                continue
            for section, entry in sections.items():
                keypath = ("chapters", chapter, lang, section)
                fingerprint = entry.get("source") if isinstance(entry, dict) else None
                blob = entry.get("blob") if isinstance(entry, dict) else None
                if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint) or \
                        (blob is not None and (not isinstance(blob, str) or not _BLOB.match(blob))):
                    f.report(keypath, f"the record of {chapter} {lang} '{section}' is not well formed", hint)
                    continue
                records[(str(chapter), lang, str(section))] = TranslationRecord(fingerprint, blob,
                                                                                doc.position(keypath)[0])
    return TranslationLock(MappingProxyType(records), path), f.diagnostics


_LOCK_LINE = re.compile(r'^(?P<indent>(?:  ){1,3})(?P<key>[A-Za-z0-9_][A-Za-z0-9_-]*|"[^"\\]*"):'
                        r'(?: \{source: "(?P<source>[0-9a-f]{32})"(?:, blob: "(?P<blob>[0-9a-f]{40})")?\})?$')


def read_translation_lock_lines(text: str, path: str, languages) -> TranslationLock | None:
    """translations.lock.yml read line by line, as `sop i18n mark` writes it: a corpus of a hundred chapters has
    twelve thousand records, read so in 0.05 s against 0.4 s by the YAML reader. None as soon as a line is not in
    that form (edited by hand, a merge conflict): the file is then read as YAML, which says where and why."""
    records = {}
    seen: set = set()  # chapters and (chapter, language) pairs: given twice, the YAML reader says where
    chapter = lang = None
    lines = text.split("\n")
    head = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    if len(head) < 2 or lines[head[0]] != f"format: {LOCK_FORMAT}" or lines[head[1]] not in ("chapters:",
                                                                                           "chapters: {}"):
        return None
    for n in head[2:]:
        m = _LOCK_LINE.match(lines[n])
        if m is None:
            return None
        key, depth = m["key"].strip('"'), len(m["indent"]) // 2
        if depth == 1 and not m["source"] and key not in seen:
            chapter, lang = key, None
            seen.add(key)
        elif depth == 2 and not m["source"] and chapter is not None and key in languages \
                and (chapter, key) not in seen:
            lang = key
            seen.add((chapter, key))
        elif depth == 3 and m["source"] and lang is not None and (chapter, lang, key) not in records:
            records[(chapter, lang, key)] = TranslationRecord(m["source"], m["blob"], n + 1)
        else:
            return None
    return TranslationLock(MappingProxyType(records), path)


class _Sub:
    """One item of a YAML list seen as a document of its own (positions still those of the file)."""

    def __init__(self, doc: YamlDoc, index: int):
        self.doc, self.index = doc, index
        self.data = doc.data[index]

    def position(self, keypath: tuple):
        return self.doc.position((self.index, *keypath))

    def key_position(self, keypath: tuple):
        return self.doc.key_position((self.index, *keypath))

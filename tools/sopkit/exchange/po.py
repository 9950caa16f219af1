"""One chapter in one language as a gettext PO file, for translation tools (Poedit, Weblate, OmegaT, Lokalize).

Export: one entry per unit, in the source's order. The chapter's title and opening text come first, with the
context `_opening` (as in translations.lock.yml); then each section, its id the context. `msgid` is the source
unit and `msgstr` the current translation of it (empty where there is none), both with their markup as tags
(placeholders.py). A stale unit is
flagged `fuzzy`; every unit's state is in a translator comment (`# state: stale`), what its tags stand for in
extracted comments, and where the source unit stands in a reference (`#: sop/05-investigation.md:12`).

Import gives the translation file's new text. Nothing of the translation is lost: a unit the PO does not hold,
or holds with an empty `msgstr`, keeps its text; only a changed unit's own stretch of the file is rewritten, so
that an export imported unchanged gives back the same bytes. A unit is refused, and its section keeps its text,
when its tags are broken, missing or extra (X001), or when it does not belong to the chapter as it is now
(X002): its context names no unit of the source chapter, it is given twice, or its `msgid` is not the source
unit's text now (the PO was exported from another chapter, or before the source changed: export it again, the
translation tool's memory offers the translation). The other units are still imported: the new text holds
every unit accepted, and a caller that wants all or nothing writes it only when there is no diagnostic. The
whole PO is refused (no text) when it cannot be read (X003) or its header names another language or chapter
(X002).

A section the translation lacks is added, where the source has it, when the PO translates it. A translation
file that does not exist yet is made when the PO translates at least one unit: front matter from the source
(id, status and reviewed; the title from the opening unit, else the source's), then the units translated, in the
source's order. Sections not translated are left out, as still to translate.

The `fuzzy` flag is not read on import: whether a translation is up to date is the lock file's record
(`sop i18n mark`), not the translation tool's.

Example:
    >>> po_text = export_po(corpus, source, translation, "ar", {"interviewing-victims": "stale"})
    >>> new_text, diagnostics = import_po(corpus, source, translation, "ar", edited_po_text)
"""

from __future__ import annotations

import json
import os
import re
from typing import NamedTuple

import polib

from .. import __version__
from ..diagnostics import Diagnostic, UsageError, diagnostic
from ..model import OPENING, Block, Chapter, Corpus
from .layout import (Layout, apply_edits, atx_heading, chapter_layout, heading_line, insertion, new_file_layout,
                     replace_text, title_edit, with_newline, yaml_scalar)
from .placeholders import Tagged, Untagged, legend, tag_like, tag_unit, untag

OPENING_CONTEXT = OPENING  # "_opening", as in the translation lock: no section id starts with "_"
CURRENT, STALE, MISSING = "current", "stale", "missing"
STATES = (CURRENT, STALE, MISSING)


class Unit(NamedTuple):
    """A chapter's title and opening text, or one section: what one PO entry holds."""

    context: str  # OPENING_CONTEXT or the section id
    section_id: str | None  # None for the opening
    head: str  # the title, or the heading's label
    body: str
    blocks: tuple[Block, ...]
    line: int  # where it starts in its file


def default_po_name(source: Chapter, lang: str) -> str:
    """The PO file's usual name: `05-investigation.ar.po`."""
    return f"{source.key}.{lang}.po"


def chapter_units(chapter: Chapter) -> list[Unit]:
    """The units of a chapter in order: the opening, then each section with an id (the first of a duplicate).
    Their text has its lines ending in LF, whatever the file's are (layout.py writes them back as they were)."""
    title_line = chapter.front_matter_positions.get("title", (1, 1))[0]
    units = [_unit(OPENING_CONTEXT, None, chapter.title or "", chapter.intro, chapter.intro_blocks, title_line)]
    seen = set()
    for s in chapter.sections:
        if s.id is not None and s.id not in seen:
            seen.add(s.id)
            units.append(_unit(s.id, s.id, s.label, s.text, s.blocks, s.line))
    return units


def _unit(context: str, section_id: str | None, head: str, body: str, blocks, line: int) -> Unit:
    if "\r" in body:
        body = with_newline(body, "\n").strip("\r\n")
        blocks = tuple(b._replace(text=with_newline(b.text, "\n")) for b in blocks)
    return Unit(context, section_id, head, body, tuple(blocks), line)


def _translated(translation: Chapter | None, unit: Unit) -> Unit | None:
    """The translation's own unit for the source's `unit`, if it has one."""
    if translation is None:
        return None
    if unit.section_id is None:
        return chapter_units(translation)[0]
    s = translation.section(unit.section_id)
    return None if s is None else _unit(s.id, s.id, s.label, s.text, s.blocks, s.line)


def _tagged(unit: Unit) -> Tagged:
    return tag_unit(unit.head, unit.body, unit.blocks)


# -- export ---------------------------------------------------------------------------------------------

def export_po(corpus: Corpus, source_chapter: Chapter, translation_chapter: Chapter | None, lang: str,
              states: dict) -> str:
    """The PO text of `source_chapter` for translation into `lang`, with `translation_chapter`'s text (None when
    there is no translation file yet). `states` maps a section id (None for the opening) to current, stale or
    missing; a unit it leaves out is missing where the translation lacks it, else current."""
    _check_call(corpus, source_chapter, translation_chapter, lang)
    po = polib.POFile(wrapwidth=78)
    po.header = (f"{source_chapter.key} ({source_chapter.path}) for translation into {lang}: translate the text "
                 "between the tags and keep every tag (see the comments of each unit for what they stand for)")
    po.metadata = {
        "Project-Id-Version": f"sop {source_chapter.key}",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"sopkit {__version__}",
        "X-Sop-Chapter": source_chapter.key,
    }
    for unit in chapter_units(source_chapter):
        tagged = _tagged(unit)
        current = _translated(translation_chapter, unit)
        msgstr = tag_like(tagged, current.head, current.body, current.blocks)[0] if current else ""
        state = _state(states, unit, current)
        po.append(polib.POEntry(msgctxt=unit.context, msgid=tagged.text, msgstr=msgstr, tcomment=f"state: {state}",
                                comment="\n".join(["<1>…</1> = " + ("the chapter's title" if unit.section_id is None
                                                                    else "the heading")] + legend(tagged)),
                                occurrences=[(source_chapter.path, str(unit.line))],
                                flags=["fuzzy"] if state == STALE else []))
    return str(po).rstrip("\n") + "\n"


def _state(states: dict, unit: Unit, current: Unit | None) -> str:
    state = states.get(unit.context, states.get(unit.section_id))  # the opening as OPENING (status.py) or None
    if state is None:
        return MISSING if current is None else CURRENT
    if state not in STATES:
        raise UsageError(f"unknown translation state '{state}' for {unit.context}: use {', '.join(STATES)}")
    return state


def _check_call(corpus: Corpus, source: Chapter, translation: Chapter | None, lang: str) -> None:
    """A source chapter, a language to translate it into, and that chapter's translation into it (or None)."""
    if not source.is_source:
        raise UsageError(f"{source.path} is a translation: export and import name the source chapter")
    if lang == source.lang or lang not in corpus.settings.languages:
        others = ", ".join(x for x in corpus.settings.languages if x != source.lang)
        raise UsageError(f"cannot translate {source.key} into '{lang}': the languages to translate into are {others}")
    if translation is not None and (translation.lang != lang or translation.key != source.key):
        raise UsageError(f"{translation.path} is not the {lang} translation of {source.path}")


# -- import ---------------------------------------------------------------------------------------------

def import_po(corpus: Corpus, source_chapter: Chapter, translation_chapter: Chapter | None, lang: str,
              po_text: str, *, po_path: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The translation file's new text with the PO's units in it, and the diagnostics of the units refused (each
    at its line of the PO file `po_path`, by default `default_po_name`). The text is None when the whole PO is
    refused, or when there is no translation file and the PO translates nothing."""
    _check_call(corpus, source_chapter, translation_chapter, lang)
    po_path = po_path or default_po_name(source_chapter, lang)
    lines = po_text.splitlines()
    po, refusal = _read_po(po_text, po_path)
    refusal = refusal or _foreign(po, source_chapter, lang, po_path, lines)
    if refusal is not None:
        return None, [refusal]
    accepted, diagnostics = _accepted_units(po, source_chapter, translation_chapter, lang, po_path, lines)
    if translation_chapter is None and not accepted:
        return None, diagnostics
    return _new_text(corpus, source_chapter, translation_chapter, accepted), diagnostics


def _read_po(po_text: str, po_path: str) -> tuple[polib.POFile | None, Diagnostic | None]:
    """The PO file, or the X003 that refuses it."""
    def refused(line: int, why: str) -> tuple[None, Diagnostic]:
        return None, diagnostic("X003", po_path, line, 1, f"not a readable PO file: {why}",
                                "give the .po file the translation tool saved (sop i18n export makes one)")
    if not po_text.strip():
        return refused(1, "it is empty")
    if _names_a_file(po_text):  # polib reads the file a string names, rather than the string
        return refused(1, "it holds a file name, not PO entries")
    broken = _broken_line(po_text)
    if broken:
        return refused(broken, "a line that is neither a comment, nor a keyword with a quoted string, nor a quoted "
                               "string going on")
    try:
        po = polib.pofile(po_text, encoding="utf-8")
    except (OSError, ValueError, UnicodeError) as exc:
        m = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(exc))
        return refused(int(m.group(1)) if m else 1, (m.group(2) if m and m.group(2) else "syntax error"))
    if not po.metadata and not len(po):
        return refused(1, "it holds no PO entry")
    return po, None


# a PO line: blank, a comment (obsolete entries too), or a keyword or a continuation with one string closed by
# an unescaped quote (polib reads `msgstr "text` as `tex`, dropping a letter: such a line is refused instead)
_PO_LINE = re.compile(r'\s*(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*)?')


def _broken_line(po_text: str) -> int | None:
    """The first line of `po_text` that is not a PO line (1-based), if any."""
    for i, line in enumerate(po_text.splitlines()):
        if not _PO_LINE.fullmatch(line):
            return i + 1
    return None


def _names_a_file(text: str) -> bool:
    try:
        return os.path.exists(text)
    except (ValueError, OSError):
        return False


def _foreign(po, source: Chapter, lang: str, po_path: str, lines: list[str]) -> Diagnostic | None:
    """X002 for a PO whose header names another language or chapter: none of it belongs here."""
    if po is None:
        return None
    language = po.metadata.get("Language", "").strip()
    if language and re.split(r"[_\-@.]", language)[0].lower() != lang:
        return diagnostic("X002", po_path, _line_of(lines, "Language:"), 1,
                          f"the PO file is a translation into '{language}', not into '{lang}'",
                          f"import it into its own language, or export the {lang} one: sop i18n export {lang} "
                          f"{source.key}")
    chapter = po.metadata.get("X-Sop-Chapter", "").strip()
    if chapter and chapter != source.key:
        return diagnostic("X002", po_path, _line_of(lines, "X-Sop-Chapter:"), 1,
                          f"the PO file is chapter {chapter}, not {source.key}",
                          f"import it into chapter {chapter}")
    return None


def _line_of(lines: list[str], needle: str, start: int = 0) -> int:
    """The 1-based line, from 0-based `start` on, that holds `needle` (the first line when none does)."""
    for i in range(max(start, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    return max(start, 0) + 1


def _accepted_units(po, source: Chapter, translation: Chapter | None, lang: str, po_path: str,
                    lines: list[str]) -> tuple[dict, list[Diagnostic]]:
    """The PO's units to put into the translation (context -> Untagged), and the diagnostics of those refused."""
    units = {u.context: u for u in chapter_units(source)}
    accepted: dict[str, Untagged] = {}
    first_line: dict[str, int] = {}
    diagnostics: list[Diagnostic] = []
    for entry in po:
        if entry.obsolete:
            continue
        start = max((entry.linenum or 1) - 1, 0)
        context_line = _line_of(lines, "msgid" if entry.msgctxt is None else "msgctxt", start)
        unit = units.get(entry.msgctxt)
        tagged = _tagged(unit) if unit is not None else None
        why = _foreign_unit(entry, tagged, first_line, source, lang)
        if why:
            diagnostics.append(diagnostic("X002", po_path, context_line, 1, why[0], why[1]))
            continue
        first_line[entry.msgctxt] = context_line
        if not entry.msgstr.strip():
            continue
        current = _translated(translation, unit)
        own = tag_like(tagged, current.head, current.body, current.blocks)[1] if current else {}
        result = untag(tagged, own, entry.msgstr)
        if result.problems:
            more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
            diagnostics.append(diagnostic(
                "X001", po_path, _line_of(lines, "msgstr", start), 1,
                f"the translation of {entry.msgctxt} is refused: {result.problems[0]}{more}",
                "keep every tag of the source text exactly once (<n>…</n> around the text it marks, <n/> alone), "
                "list markers, table pipes and blocks in their order at the start or end of their lines; the "
                "section keeps its text until then"))
            continue
        accepted[entry.msgctxt] = result
    return accepted, diagnostics


def _foreign_unit(entry, tagged: Tagged | None, first_line: dict, source: Chapter,
                  lang: str) -> tuple[str, str] | None:
    """Why an entry does not belong to the chapter as it is now (message, hint), or None when it does. `tagged`
    is the source unit its context names, None when it names none."""
    context = entry.msgctxt
    if tagged is None:
        name = "no context" if context is None else f"the context '{context}'"
        return (f"a unit with {name} is not a unit of {source.key}",
                f"units of {source.key} have the context {OPENING_CONTEXT} or a section id of {source.path}; "
                "was the PO file made for another chapter?")
    if context in first_line:
        return (f"the unit {context} is given twice (first at line {first_line[context]})",
                "keep one of them")
    if entry.msgid != tagged.text:
        return (f"the source text of {context} is not {source.path}'s now: the PO file was made from another "
                "chapter or before the source changed",
                f"export it again (sop i18n export {lang} {source.key}), let the translation tool's memory fill "
                "in what was translated, and import that file")
    return None


# -- the new text ---------------------------------------------------------------------------------------

def _new_text(corpus: Corpus, source: Chapter, translation: Chapter | None, accepted: dict) -> str:
    """The translation file with each accepted unit in its place (see the module's docstring)."""
    opening = accepted.get(OPENING_CONTEXT)
    if translation is None:
        layout, bom = new_file_layout(_front_matter(source, opening.head if opening else source.title or "")), False
    else:
        file = _file(corpus, translation.path)
        layout, bom = chapter_layout(file.text, translation), file.bom
    edits = []
    if opening is not None:
        title = title_edit(layout, opening.head) if translation and opening.head != translation.title else None
        if title is not None:
            edits.append(title)
        edits.append(replace_text(layout, layout.opening, opening.body))
    edits += _section_edits(corpus, source, translation, layout, accepted)
    return ("\ufeff" if bom else "") + apply_edits(layout.text, edits)


def _section_edits(corpus: Corpus, source: Chapter, translation: Chapter | None, layout: Layout,
                   accepted: dict) -> list:
    """The edits of the sections: each accepted one changed in place, or added before the next section the
    translation has (in the source's order)."""
    edits: list = []
    waiting: list[str] = []  # new sections, for the place of the next section the translation has
    source_layout = None
    for unit in chapter_units(source)[1:]:
        result = accepted.get(unit.context)
        place = layout.sections.get(unit.context)
        if place is None:
            if result is not None:
                source_layout = source_layout or chapter_layout(_file(corpus, source.path).text, source)
                waiting.append(_new_section(source, source_layout, unit.context, result))
            continue
        if waiting:
            edits.append(insertion(layout, unit.context, waiting))
            waiting = []
        if result is None:
            continue
        section = translation.section(unit.context)
        if result.head != section.label:
            if place.label is not None:
                edits.append((*place.label, result.head))
            else:
                edits.append((*place.heading, atx_heading(section.level, unit.context, result.head)))
        edits.append(replace_text(layout, place.body, result.body))
    if waiting:
        edits.append(insertion(layout, None, waiting))
    return edits


def _new_section(source: Chapter, source_layout: Layout, section_id: str, result: Untagged) -> str:
    """The Markdown of a section new to the translation: its heading as the source writes it, with the
    translated label, then its text."""
    place = source_layout.sections[section_id]
    start = place.heading[0]
    raw = source_layout.text[start:place.heading[1]]
    label = None if place.label is None else (place.label[0] - start, place.label[1] - start)
    heading = heading_line(raw, label, source.section(section_id).level, section_id, result.head)
    return heading + ("\n\n" + result.body if result.body else "")


def _front_matter(source: Chapter, title: str) -> str:
    """The front matter of a new translation: the source's id, status and review date, the translated title."""
    return (f"---\nid: {yaml_scalar(source.id or '')}\ntitle: {yaml_scalar(title)}\n"
            f"status: {yaml_scalar(source.status or '')}\nreviewed: {json.dumps(source.reviewed or '')}\n---\n")


def _file(corpus: Corpus, path: str):
    for f in corpus.files:
        if f.path == path:
            return f
    raise UsageError(f"{path} is not among the corpus's files: load the corpus again")

"""Structural validation of the loaded corpus: ids, headings, translations (V001-V005, V009, V010).

A pass: a function from the corpus to a list of diagnostics. It reads the model only.
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostic, diagnostic
from .memo import Memo, memoized
from .model import Chapter, Corpus, Law, LawText, Provision, Section
from .schema import PROVISION_ID

SECTION_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def validate(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """Every structural problem of the corpus's laws and chapters."""
    out: list[Diagnostic] = []
    for law in corpus.laws.values():
        out += memoized(memo, "validate law", law, _law)
    for chapter in corpus.chapters:
        out += memoized(memo, "validate chapter", chapter, _chapter)
    out += _section_ids_across_chapters(corpus)
    out += _translations(corpus, memo)
    return out


def _ids(path: str, headings, pattern: re.Pattern, what: str, example: str) -> list[Diagnostic]:
    """V001 duplicates, V003 missing ids, V005 malformed ids, in one file's headings."""
    out = []
    seen: dict[str, Provision | Section] = {}
    for h in headings:
        if h.id is None:
            out.append(diagnostic("V003", path, h.line, h.column, f"{what} heading '{h.label}' has no id",
                                  f"end the heading with an id, e.g. {example}"))
            continue
        if not pattern.match(h.id):
            out.append(diagnostic("V005", path, h.line, h.id_column, f"{what} id '{h.id}' is not well formed",
                                  _id_hint(h.id, what)))
        if h.id in seen:
            first = seen[h.id]
            out.append(diagnostic("V001", path, h.line, h.id_column,
                                  f"{what} id '{h.id}' is used twice (first on line {first.line})",
                                  "give each heading its own id; if the text moved, remove the old heading"))
        else:
            seen[h.id] = h
    return out


def _id_hint(hid: str, what: str) -> str:
    if any(ch.isdigit() and not ch.isascii() for ch in hid):
        return "write ids with ASCII digits 0-9, whatever digits the heading text uses"
    if what == "section":
        return "use lower-case ASCII letters, digits and hyphens, starting with a letter: e.g. interviewing-victims"
    return "use dot-separated segments of ASCII letters and digits: e.g. 6, 6.1, 6.1.a, 6bis"


def _law(law: Law) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    meta = law.meta
    if meta is not None:
        yml = f"{law.folder}/law.yml"
        if meta.id != law.id:
            out.append(diagnostic("V002", yml, 1, 1, f"id '{meta.id}' does not match the folder {law.folder}",
                                  f"write 'id: {law.id}', or move the folder to laws/{meta.id}"))
        if meta.jurisdiction != law.id.split("/")[0]:
            out.append(diagnostic("V002", yml, 1, 1, f"jurisdiction '{meta.jurisdiction}' does not match the "
                                  f"folder laws/{law.id.split('/')[0]}/",
                                  f"write 'jurisdiction: {law.id.split('/')[0]}' or move the folder"))
    for text in law.texts.values():
        out += _ids(text.path, text.provisions, PROVISION_ID, "provision", "## Article 6 {#6}")
        out += _law_levels(text)
    return out


def _law_levels(text: LawText) -> list[Diagnostic]:
    """V009: the file opens with its title; each provision's level and parent fit its id."""
    out = []
    if text.title is None:
        out.append(diagnostic("V009", text.path, 1, 1, "the law file does not open with a level-1 title",
                              "make the first heading the law's title: # Anti-Human Trafficking Law No. 28 of 2012"))
    open_ids: list[str] = []  # the ids of the headings enclosing the current one, outermost first
    for p in text.provisions:
        if p.id is None or not PROVISION_ID.match(p.id):
            continue
        segments = p.id.split(".")
        if p.level != len(segments) + 1:
            out.append(diagnostic("V009", text.path, p.line, p.column,
                                  f"provision {p.id} is a level-{p.level} heading; an id of {len(segments)} "
                                  f"segment(s) belongs at level {len(segments) + 1}",
                                  f"write it as {'#' * (len(segments) + 1)} {p.label} {{#{p.id}}}"))
            continue
        open_ids = open_ids[: len(segments) - 1]
        parent = ".".join(segments[:-1])
        if parent and (not open_ids or open_ids[-1] != parent):
            under = open_ids[-1] if open_ids else "no article"
            out.append(diagnostic("V009", text.path, p.line, p.id_column,
                                  f"provision {p.id} stands under {under}, not under its parent {parent}",
                                  f"move it below the heading {{#{parent}}}, or correct its id"))
        open_ids.append(p.id)
    return out


def _chapter(chapter: Chapter) -> list[Diagnostic]:
    out = _ids(chapter.path, chapter.sections, SECTION_ID, "section", "## Interviewing victims {#interviewing-victims}")
    expected = f"ch{chapter.number}"
    if chapter.id is not None and chapter.id != expected:
        line, col = chapter.front_matter_positions.get("id", (1, 1))
        if chapter.is_source:
            out.append(diagnostic("V002", chapter.path, line, col,
                                  f"chapter id '{chapter.id}' does not match the file number {chapter.number:02d}",
                                  f"write 'id: {expected}', or renumber the file"))
    return out


def _section_ids_across_chapters(corpus: Corpus) -> list[Diagnostic]:
    out = []
    for lang in corpus.settings.languages:
        owner: dict[str, Chapter] = {}
        for chapter in corpus.chapters_in(lang):
            for s in dict.fromkeys(s.id for s in chapter.sections if s.id):  # each id once per chapter
                if s in owner:
                    sec = chapter.section(s)
                    out.append(diagnostic("V010", chapter.path, sec.line, sec.id_column,
                                          f"section id '{s}' is also used in {owner[s].path}",
                                          "sop: links name sections by id alone; rename one of the two"))
                else:
                    owner[s] = chapter
    return out


def _translations(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    out = []
    sources = {(c.number, c.slug): c for c in corpus.chapters if c.is_source}
    for chapter in corpus.chapters:
        if chapter.is_source:
            continue
        source = sources.get((chapter.number, chapter.slug))
        if source is None:
            continue
        if chapter.id and source.id and chapter.id != source.id:
            line, col = chapter.front_matter_positions.get("id", (1, 1))
            out.append(diagnostic("V004", chapter.path, line, col,
                                  f"chapter id '{chapter.id}' differs from its source's '{source.id}'",
                                  f"write 'id: {source.id}' as in {source.path}"))
        # a source section the translation lacks is not an error: it is T002, a section still to translate
        out += memoized(memo, "compare sections", chapter, lambda ch, src=source: compare_ids(
            ch.path, ch.sections, src.path, src.sections, "section", missing=False), token=_Same(source))
    for law in corpus.laws.values():
        base = law.text()
        if base is None:
            continue
        for text in law.texts.values():
            if text is not base:
                out += memoized(memo, "compare provisions", text, lambda t, b=base: compare_ids(
                    t.path, t.provisions, b.path, b.provisions, "provision"), token=_Same(base))
    return out


class _Same:
    """A memo token equal only to one holding the very same object."""

    def __init__(self, item):
        self.item = item

    def __eq__(self, other) -> bool:
        return isinstance(other, _Same) and other.item is self.item

    __hash__ = None


def compare_ids(path: str, items, source_path: str, source_items, what: str, missing: bool = True) \
        -> list[Diagnostic]:
    """V004: `items` should carry exactly the ids of `source_items`, in the same order (with `missing` false, an
    id of the source that `items` lack is let pass)."""
    out = []
    mine = [h for h in items if h.id]
    theirs = [h for h in source_items if h.id]
    by_id = {}
    for m in mine:
        by_id.setdefault(m.id, m)
    my_ids = by_id.keys()
    their_ids = {h.id for h in theirs}
    previous = None  # the last heading present in both, where a missing one should follow
    for h in theirs:
        if h.id in my_ids:
            previous = by_id[h.id]
            continue
        if not missing:
            continue
        line, col = (previous.line, previous.column) if previous else (1, 1)
        after = f"after {{#{previous.id}}}" if previous else "at the start"
        out.append(diagnostic("V004", path, line, col,
                              f"{what} {{#{h.id}}} of the source is missing ({source_path}:{h.line})",
                              f"translate it and add its heading {after}"))
    for h in mine:
        if h.id not in their_ids:
            out.append(diagnostic("V004", path, h.line, h.id_column,
                                  f"{what} {{#{h.id}}} is not in the source {source_path}",
                                  "remove it, correct its id, or add it to the source first"))
    common_mine = [h.id for h in mine if h.id in their_ids]
    common_theirs = [h.id for h in theirs if h.id in my_ids]
    if common_mine != common_theirs:
        for mine_id, their_id in zip(common_mine, common_theirs):
            if mine_id != their_id:
                h = by_id[mine_id]
                out.append(diagnostic("V004", path, h.line, h.id_column,
                                      f"{what}s are in a different order than in the source: {{#{mine_id}}} "
                                      f"stands where the source has {{#{their_id}}}",
                                      f"order the {what}s as in {source_path}"))
                break
    return out

"""One volume of the print edition: the whole SOP in one language as one pandoc document, which the writers
(typst.py, docx.py) turn into a PDF and a Word file. What the document holds is described in the module
docstrings of ast.py and annex.py; in short:

- every chapter in order, in the volume's language, or in the source language with a notice where it has no
  translation yet (as on the site: site/layout.py chooses); its title and its sections carry the numbers the
  model computed (labels.number_headings, the same function the site uses), so that both show the same numbers;
- a citation link `[label](law:…)` prints as its label (the computed one where none is written, as on the site)
  followed by a reference to its annex entry and that entry's page: "[annex, p. 41]";
- a `[label](sop:…)` reference prints as the section's label and page: "section 5.4 (Interviewing victims)
  (p. 23)", or, where the writer chose other words, those words and "(section 5.4, p. 23)";
- the annex: the text of every provision the volume's chapters cite (annex.py);
- suggested changes (CriticMarkup) as tracked changes and comments, with a notice under the chapter's title
  (suggested.py).
The title page's facts (title, status, version, date, revision) are the document's metadata.

Example:
    >>> doc = volume_document(corpus, "ckb", edition_info(".", None, corpus))
    >>> doc["meta"]["lang"]
    {'t': 'MetaString', 'c': 'ckb'}
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .. import pandoc as P
from ..blocks import split_front_matter
from ..citations.document import chapter_citations
from ..citations.resolve import Resolver, law_names
from ..citations.targets import LawTarget, SectionTarget, parse_target
from ..labels import number_headings, numerals, section_label
from ..lookup import link_words
from ..model import OPENING, Chapter, Corpus
from ..translations.present import Presentation, presentation
from ..translations.status import translation_states
from ..site.layout import Layout
from ..site.pages import chapter_title, direction
from ..site.strings import say, words
from ..suggestions import find_suggestions
from . import ast as A
from .annex import Annex
from .info import EditionInfo
from .suggested import as_spans, marked_text


_FSI, _PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate


def printed_chapters(corpus: Corpus, lang: str) -> list[Chapter]:
    """The chapters a volume in `lang` prints, in order: each in `lang`, else its source-language text."""
    layout = Layout(corpus)
    return [layout.chapter_in(source, lang) for source in layout.source_chapters()]


def volume_document(corpus: Corpus, lang: str, info: EditionInfo) -> dict:
    """The pandoc document (JSON data) of the volume in `lang`."""
    chapters = printed_chapters(corpus, lang)
    texts = {f.path: f.text for f in corpus.files}
    states = translation_states(corpus)
    shown = {c.path: p for c in chapters if c.lang == lang and (p := presentation(corpus, c, states)) is not None
             and not p.in_step}
    missing_from = [shown[c.path].source for c in chapters if c.path in shown and shown[c.path].missing]
    with ThreadPoolExecutor(max_workers=2) as pool:  # pandoc runs as a process: two at once on two cores
        bodies = list(pool.map(lambda c: _chapter_blocks(c, texts.get(c.path, "")), chapters))
        source_bodies = dict(zip([c.path for c in missing_from],
                                 pool.map(lambda c: _chapter_blocks(c, texts.get(c.path, "")), missing_from)))
    annex = Annex(corpus, lang, _cited(corpus, chapters + missing_from, texts))  # the sections shown from sources too
    sections = {s.id: (c, s) for c in chapters for s in c.sections if s.id}
    for source in missing_from:  # a section shown in the source's language where the translation lacks it
        for section in source.sections:
            sections.setdefault(section.id, (source, section))
    refs = _References(corpus, lang, annex, sections)
    all_drafts = all(c.status != "adopted" for c in chapters)
    suggested = {c.path for c in chapters if find_suggestions(texts.get(c.path, ""), c).suggestions}
    blocks: list = []
    for chapter, body in zip(chapters, bodies):
        chapter_blocks = _chapter(chapter, body, lang, refs, note_draft=not all_drafts,
                                  note_suggestions=chapter.path in suggested)
        if chapter.path in shown:
            p = shown[chapter.path]
            source_body = source_bodies.get(p.source.path)
            source_blocks = A.replace_inlines(source_body[0], lambda i: refs.lower(i, p.source)) if source_body \
                else []
            chapter_blocks = _in_step(chapter_blocks, p, source_blocks, lang)
        blocks += chapter_blocks
    blocks = _unique_ids(as_spans(blocks), annex.ids) + annex.blocks
    like = {"pandoc-api-version": bodies[0][1] if bodies else _api_version()}
    return P.document(like, blocks) | {"meta": _meta(lang, info)}


def _chapter_blocks(chapter: Chapter, text: str) -> tuple[list, list]:
    """The chapter's text as pandoc reads it, its headings numbered, its suggested changes marked (suggested.py);
    with pandoc's AST version."""
    body = split_front_matter(text).body
    lines = number_headings(marked_text(body).split("\n"), chapter)
    doc = A.read_document("\n".join(lines), f"read {chapter.path}")
    return doc["blocks"], doc["pandoc-api-version"]


def _api_version() -> list:
    return A.read_document("")["pandoc-api-version"]


def _chapter(chapter: Chapter, body: tuple, lang: str, refs: "_References", note_draft: bool,
             note_suggestions: bool = False) -> list:
    blocks = A.replace_inlines(body[0], lambda inline: refs.lower(inline, chapter))
    title = [A.header(1, A.text_inlines(chapter_title(chapter)), f"chapter:{chapter.number}")]
    # as on the site, under the title: the marked changes are not the text the working group adopted
    suggestions = [A.notice("note", say(lang, "suggestions", "title"), say(lang, "suggestions", "text"))] \
        if note_suggestions else []
    out: list = []
    if chapter.lang != lang:
        name = words(lang)["languages"].get(chapter.lang, chapter.lang)
        out.append(A.in_language(chapter.lang, direction(chapter.lang), title))
        out.append(A.notice("warning", say(lang, "untranslated_chapter", "title"),
                            say(lang, "untranslated_chapter", "text", language=name)))
        if note_draft and chapter.status == "draft":
            out.append(A.notice("note", say(lang, "draft", "title"), say(lang, "draft", "text")))
        out += suggestions
        out.append(A.in_language(chapter.lang, direction(chapter.lang), blocks))
        return out
    out += title
    if note_draft and chapter.status == "draft":
        out.append(A.notice("note", say(lang, "draft", "title"), say(lang, "draft", "text")))
    return out + suggestions + blocks


def _in_step(blocks: list, shown: Presentation, source_blocks: list, lang: str) -> list:
    """A translated chapter's blocks with a notice under each stale section's heading (and under the title for a
    stale opening) and the source's blocks of the sections it lacks, in the source's language with a notice,
    where the source has them: as the site shows them (site/chapters.py)."""
    name = words(lang)["languages"].get(shown.source.lang, shown.source.lang)
    stale = A.notice("warning", say(lang, "stale_section", "title"),
                     say(lang, "stale_section", "text", language=name))
    out: list = []
    heading = _heading_index(blocks)
    before = {run.before: run for run in shown.missing if run.before}
    for i, block in enumerate(blocks):
        ident = heading.get(i)
        if ident in before:
            out += _missing(before[ident], source_blocks, shown, lang, name)
        out.append(block)
        if ident in shown.stale or (i == 0 and OPENING in shown.stale):
            out.append(stale)
    for run in shown.missing:
        if run.before is None:
            out += _missing(run, source_blocks, shown, lang, name)
    return out


def _heading_index(blocks: list) -> dict[int, str]:
    """Index of each top-level section heading among `blocks` -> its id."""
    return {i: b["c"][1][0] for i, b in enumerate(blocks) if b.get("t") == "Header" and b["c"][1][0]}


def _missing(run, source_blocks: list, shown: Presentation, lang: str, name: str) -> list:
    """The source's blocks of the run of sections a translation lacks, set in the source's language, after a
    notice in the volume's."""
    heads = _heading_index(source_blocks)
    start = next((i for i, ident in heads.items() if ident == run.sections[0]), None)
    if start is None:
        return []
    end = next((i for i, ident in sorted(heads.items()) if i > start and ident not in run.sections),
               len(source_blocks))
    return [A.notice("warning", say(lang, "untranslated_section", "title"),
                     say(lang, "untranslated_section", "text", language=name)),
            A.in_language(shown.source.lang, direction(shown.source.lang), source_blocks[start:end])]


def _cited(corpus: Corpus, chapters: list[Chapter], texts: dict) -> dict[str, set]:
    """The provisions the chapters cite, linked or in plain words: law id -> provision ids (None: whole law)."""
    names, resolver = law_names(corpus), Resolver(corpus)
    cited: dict[str, set] = {}
    for chapter in chapters:
        for cc in chapter_citations(corpus, chapter, texts.get(chapter.path, ""), names, resolver):
            r = cc.resolution
            if r.law and r.law in corpus.laws:
                cited.setdefault(r.law, set()).update(r.provisions or (None,))
    return cited


class _References:
    """How a volume prints its citation links and its references to sections."""

    def __init__(self, corpus: Corpus, lang: str, annex: Annex, sections: dict):
        self.corpus, self.lang, self.annex, self.sections = corpus, lang, annex, sections
        self.words = link_words(corpus)

    def lower(self, inline: dict, chapter: Chapter):
        if inline["t"] != "Link":
            return None
        _, label, (url, _title) = inline["c"]
        target = parse_target(url)
        if not isinstance(target, (LawTarget, SectionTarget)):
            return None
        written = _has_words(label)
        if not written:
            label = self._label(url, target)
            if chapter.lang != self.lang:  # the volume's words inside a chapter in another language: isolated
                label = [P.text(_FSI), *label, P.text(_PDI)]
        label = A.replace_inlines(label, lambda i: self.lower(i, chapter))
        if isinstance(target, LawTarget):
            return self._citation(label, target, chapter)
        return self._reference(label, target, written, chapter)

    def _label(self, url: str, target) -> list:
        """The words for a link written without any: the provision with its law, or the section's number and
        title. A section not translated into the volume's language is named by its source-language title,
        isolated (FSI … PDI) so that the brackets around an English title inside Arabic words stay in place."""
        words = self.words(url, self.lang)
        found = section_label(self.corpus, target.section, self.lang) if isinstance(target, SectionTarget) else None
        if found is None or not found.fallback or found.title not in words:
            return A.text_inlines(words)
        before, _, after = words.rpartition(found.title)
        return A.text_inlines(before + _FSI + found.title + _PDI + after)

    def _added(self, chapter: Chapter, *inlines: dict) -> dict:
        """What the volume adds after a citation or a reference, in the volume's language (and direction, where
        the chapter is in another)."""
        if chapter.lang == self.lang:
            return A.added(*inlines)
        return A.added(*inlines, lang=self.lang, direction=direction(self.lang))

    def _citation(self, label: list, target: LawTarget, chapter: Chapter) -> list:
        anchor = self.annex.target(target.law, target.provision)
        if anchor is None:
            return [P.span(label, [A.CITE])]
        ref = A.filled(say(self.lang, "print", "annex_ref", page="{page}"), page=[A.pageref(anchor)])
        return [P.span(label + [self._added(chapter, {"t": "Space"}, A.internal_link(ref, anchor))], [A.CITE])]

    def _reference(self, label: list, target: SectionTarget, written: bool, chapter: Chapter) -> list:
        found = self.sections.get(target.section)
        if found is None:
            return label
        chapter, section = found
        page = [A.pageref(section.id)]
        if written:
            ref = A.filled(say(self.lang, "print", "section_ref", number="{number}", page="{page}"),
                           number=A.text_inlines(numerals(section.number_text, self.lang)), page=page)
        else:
            ref = A.filled(say(self.lang, "print", "page_ref", page="{page}"), page=page)
        return [A.internal_link(label, section.id), self._added(chapter, {"t": "Space"}, *ref)]


def _has_words(inlines: list) -> bool:
    return any(i.get("t") not in ("Space", "SoftBreak", "LineBreak") for i in inlines)


def _unique_ids(blocks: list, reserved: set) -> list:
    """The chapters' `blocks` with the id of every header that a header before already has, or that the annex
    uses (`reserved`), removed: a page reference must name one place. Headers stand among blocks only (in Divs,
    quotes and lists), never inside inlines: only blocks are walked."""
    used: set[str] = set(reserved)

    def fix(items: list) -> None:
        for block in items:
            kind = block.get("t")
            if kind == "Header":
                ident = block["c"][1][0]
                if ident:
                    if ident in used:
                        block["c"][1][0] = ""
                    used.add(ident)
            elif kind in ("Div", "BlockQuote"):
                fix(block["c"][1] if kind == "Div" else block["c"])
            elif kind in ("BulletList", "OrderedList"):
                for item in block["c"] if kind == "BulletList" else block["c"][1]:
                    fix(item)

    try:
        fix(blocks)
    except RecursionError:
        from ..diagnostics import UsageError

        raise UsageError("a chapter is nested too deeply to be printed; flatten it") from None
    return blocks


def _meta(lang: str, info: EditionInfo) -> dict:
    def inlines(words: str) -> dict:
        return {"t": "MetaInlines", "c": A.text_inlines(words)}

    status = "draft" if info.draft else "adopted"
    meta = {
        "lang": {"t": "MetaString", "c": lang},
        "dir": {"t": "MetaString", "c": direction(lang)},
        "title": inlines(say(lang, "print", "title")),
        "status": inlines(say(lang, "print", "statuses", status)),
        "draft": {"t": "MetaBool", "c": info.draft},
        "draft-mark": inlines(say(lang, "print", "draft_mark")),
        "version": inlines(info.version or "—"),
        "date": inlines(info.date(lang)),
        "revision": inlines(info.revision(lang)),
        "status-label": inlines(say(lang, "print", "status")),
        "version-label": inlines(say(lang, "print", "version")),
        "date-label": inlines(say(lang, "print", "date")),
        "revision-label": inlines(say(lang, "print", "revision")),
        "toc-title": inlines(say(lang, "print", "contents")),
        "notice-title": inlines(say(lang, "print", "notice", "title")),
        "notice": {"t": "MetaBlocks", "c": [{"t": "Para", "c": A.text_inlines(say(lang, "print", "notice", "text"))}]},
        "page-numbering": {"t": "MetaString", "c": numerals("1", lang)},
    }
    return meta

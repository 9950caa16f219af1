"""Which sections of the SOP cite each law and each provision, as a reader of one language finds them.

The index is made once per build from the document-citation API (citations/document.corpus_citations, every
citation of every chapter, linked or plain) through the look-up behind `sop refs` (lookup.references), so the
site lists what `sop refs` answers. A reader of a language is shown the chapters of that language, and the
source-language chapter where one has no translation yet (the stand-in the site shows in its place).

Under a provision stand the sections that cite it or one of its parts (a citation of Article 6(1)(b) is
listed under 6.1.b, under 6.1 and under 6, as `sop refs law:…#6` counts it), each once, in the order of the
SOP; a citation of an enclosing provision is not repeated under each of its parts (a citation of Article 6
stands under Article 6 only). A citation of the whole law, with no provision, is listed at the top of the
law's page.

Example:
    >>> index = CitationIndex(corpus, Layout(corpus))
    >>> [(c.chapter.path, c.section) for c in index.citing("iq/law-28-2012", "6", "ar")][:1]
    [('sop/01-general-provisions.ar.md', 'term-child')]
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..citations.document import ChapterCitation, corpus_citations
from ..lookup import Key, references
from ..model import Chapter, Corpus
from .layout import Layout
from .links import Linker
from .pages import direction
from .strings import say
from .text import markdown_text


class Citing(NamedTuple):
    """One citation of a law, where a reader finds it."""

    chapter: Chapter  # the chapter a reader of the language reads: its own, or the source-language stand-in
    section: str | None  # the id of the section it stands in; None in the chapter's introduction
    provisions: tuple[str, ...]  # what it cites of the law; () for the whole law
    citation: ChapterCitation


class CitationIndex:
    """The citations of one corpus by law and by language, computed once (the plugin's on_config)."""

    def __init__(self, corpus: Corpus, layout: Layout, citations: list[ChapterCitation] | None = None):
        self.corpus = corpus
        self.layout = layout
        self.citations = corpus_citations(corpus) if citations is None else citations
        keys = [Key(law_id, None) for law_id in sorted(corpus.laws)]
        order = {c.path: n for n, c in enumerate(sorted(corpus.chapters, key=lambda c: (c.number, c.slug, c.lang)))}
        self._by_law: dict[str, list[Citing]] = {}
        for ref in references(corpus, keys, self.citations):
            cc = ref.citation
            self._by_law.setdefault(cc.resolution.law, []).append(Citing(cc.chapter, cc.section, ref.provisions, cc))
        for found in self._by_law.values():  # in the order of the SOP: chapter, then place in it
            found.sort(key=lambda c: (order[c.chapter.path], c.citation.line, c.citation.column))
        self._shown: dict[str, frozenset[str]] = {}
        self._under: dict[tuple[str, str], dict[str, list[Citing]]] = {}  # (law, lang) -> provision -> places
        self._keys: dict[str, dict[str | None, set[str]]] = {}  # chapter path -> section -> what it cites
        for law_id, found in self._by_law.items():
            for c in found:
                self._keys.setdefault(c.chapter.path, {}).setdefault(c.section, set()).update(
                    {f"{law_id}#{p}" for p in c.provisions} or {law_id})

    def chapters(self, lang: str) -> list[Chapter]:
        """The chapters the `lang` site shows, in order: translated, or the source chapter in its place."""
        return [self.layout.chapter_in(source, lang) for source in self.layout.source_chapters()]

    def of_law(self, law_id: str, lang: str) -> list[Citing]:
        """Every citation of the law in the chapters the `lang` site shows, in the order of the SOP."""
        if lang not in self._shown:
            self._shown[lang] = frozenset(c.path for c in self.chapters(lang))
        shown = self._shown[lang]
        return [c for c in self._by_law.get(law_id, ()) if c.chapter.path in shown]

    def citing(self, law_id: str, provision: str, lang: str) -> list[Citing]:
        """The places that cite `provision` or one of its parts, each section once (its first citation)."""
        if (law_id, lang) not in self._under:  # each citation under what it cites and every enclosing provision
            under: dict[str, list[Citing]] = {}
            for c in self.of_law(law_id, lang):
                for enclosing in dict.fromkeys(e for p in c.provisions for e in _enclosing(p)):
                    under.setdefault(enclosing, []).append(c)
            self._under[(law_id, lang)] = under
        return _once(self._under[(law_id, lang)].get(provision, []))

    def citing_law(self, law_id: str, lang: str) -> list[Citing]:
        """The places that cite the law as a whole (no provision), each section once."""
        return _once([c for c in self.of_law(law_id, lang) if not c.provisions])

    def keys_by_section(self, chapter: Chapter) -> dict[str | None, frozenset[str]]:
        """What each section of `chapter` cites: {section id: {"law#provision", or "law" for a whole law}}, the
        comparison `sop check` makes between a translation and its source (C109)."""
        return {section: frozenset(keys) for section, keys in self._keys.get(chapter.path, {}).items()}

    def counts(self, lang: str) -> Counter:
        """How many citations each chapter the `lang` site shows makes of each law: {(chapter path, law id): n}.
        A citation naming several provisions ("Articles 5 and 6") counts once."""
        return Counter((c.chapter.path, law_id) for law_id in self._by_law for c in self.of_law(law_id, lang))


def _enclosing(provision: str) -> list[str]:
    """`provision` and every provision enclosing it: 6.1.b, 6.1, 6."""
    parts = provision.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _once(found: list[Citing]) -> list[Citing]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for c in found:
        if (c.chapter.path, c.section) not in seen:
            seen.add((c.chapter.path, c.section))
            out.append(c)
    return out


def place_link(citing: Citing, linker: Linker, page_src: str, page_url: str, lang: str) -> str:
    """A link to where a citation stands: its section ("section 5.4 (Interviewing victims)"), or its chapter
    ("chapter 3 (National Legal Framework)") for one in a chapter's introduction."""
    if citing.section is not None:
        found = linker.section_link(citing.section, page_src, page_url, lang)
        if found is not None:
            return found
    return linker.chapter_link(citing.chapter, page_src, page_url, lang)


def cited_by_block(places: list[Citing], heading: str, linker: Linker, page_src: str, page_url: str,
                   lang: str) -> list[str]:
    """The Markdown of a "cited by" list: a heading and a link to each place; nothing when there is none. It is
    marked with the page's language, since it may stand inside a law text in another (pages.in_language)."""
    if not places:
        return []
    items = [f"- {place_link(c, linker, page_src, page_url, lang)}" for c in places]
    return [f'<div class="sop-cited-by" lang="{lang}" dir="{direction(lang)}" markdown>', "",
            f"**{markdown_text(heading)}**", "", *items, "", "</div>", ""]


def law_cited_by(index: CitationIndex, linker: Linker, law_id: str, lang: str, page_src: str, page_url: str):
    """For the page of `law_id` in `lang`: a function giving the "cited by" Markdown of a provision, or of the
    whole law when called with None (what pages.law_page asks)."""

    def block(provision: str | None) -> list[str]:
        if provision is None:
            return cited_by_block(index.citing_law(law_id, lang), say(lang, "cited_by", "law"), linker, page_src,
                                  page_url, lang)
        return cited_by_block(index.citing(law_id, provision, lang), say(lang, "cited_by", "provision"), linker,
                              page_src, page_url, lang)

    return block

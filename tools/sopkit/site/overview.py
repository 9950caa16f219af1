"""The overview page of each language (`overview.md`, `ar/overview.md`, `ckb/overview.md`): two pictures made at
build time (charts.py) where a reader would rather look than read, each followed by the same facts as a table.

- The citation map: the chapters the language's site shows (rows) × the laws (columns), each cell the number
  of citations from that chapter to that law (citedby.CitationIndex, the index behind `sop refs`). A cell
  leads to the list, further down the page, of the sections that make those citations and what each cites.
- The translation status: each chapter in each language, as the source text, translated (every section
  current), out of step with its source (a section stale or missing), or not translated yet: the states of
  `sop i18n status` (translations/status.py), counted per chapter.

The page is linked from the home page and stands after it in the navigation; it is left out of the search
index (its labels would match every search for a law's name).

Example:
    >>> page = overview_page(Overview(corpus, layout, index, linker), "ar")
    >>> page.splitlines()[4]
    '# نظرة عامة'
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import NamedTuple

from mkdocs.utils import get_relative_url

from ..labels import SHORT, numerals, provision_label
from ..model import OPENING, Chapter, Corpus, Law
from ..translations.status import translation_states
from .charts import Cell, Grid, Label, Shade, count_shade, grid_chart
from .citedby import CitationIndex, Citing, place_link
from .layout import Layout
from .links import Linker
from .pages import OVERVIEW, chapter_title, foreign, law_title
from .strings import say, words
from .text import html_text, markdown_text

SOURCE, TRANSLATED, STALE, MISSING = "source", "translated", "stale", "missing"
MARKS = {SOURCE: "◆", TRANSLATED: "✓", STALE: "!", MISSING: "–"}
SHADES = {SOURCE: Shade.SOURCE, TRANSLATED: Shade.DONE, STALE: Shade.STALE, MISSING: Shade.MISSING}
SHORT_NAME = 30  # a law's name in a column of the map: its title when this short, else its shortest alias
_UNSAFE = re.compile(r"[^a-z0-9]+")


class Status(NamedTuple):
    state: str  # source, translated, stale, missing
    reasons: tuple[tuple[str, int], ...] = ()  # for stale: ("stale_sections", n), ("missing_sections", n)


def overview_src(layout: Layout, lang: str) -> str:
    """Where the overview page of `lang` is written, as mkdocs names it."""
    return f"{layout.folder(lang)}{OVERVIEW}"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The address of a generated page from the site's root, as mkdocs gives it (`ar/overview/`)."""
    stem = src[:-len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


class Overview:
    """What the overview pages of every language are made from: computed once per build."""

    def __init__(self, corpus: Corpus, layout: Layout, index: CitationIndex, linker: Linker):
        self.corpus = corpus
        self.layout = layout
        self.index = index
        self.linker = linker
        self.laws = sorted(corpus.laws.values(), key=lambda law: law.id)
        self.states = translation_states(corpus)  # what sop i18n status reports

    def translation_status(self, source: Chapter, lang: str) -> Status:
        """Where the chapter `source` stands in `lang`: its sections' states, counted."""
        if lang == source.lang:
            return Status(SOURCE)
        if self.corpus.translation(source, lang) is None:
            return Status(MISSING)
        states = [s.state for s in self.states if s.chapter == source.key and s.lang == lang]
        reasons = tuple((key, n) for key, n in (("stale_sections", states.count("stale")),
                                                ("missing_sections", states.count("missing"))) if n)
        return Status(STALE, reasons) if reasons else Status(TRANSLATED)


def anchor(chapter: Chapter, law: Law) -> str:
    """The id of the list of citations from `chapter` to `law` on the overview page: `cites-ch5-iq-law-28-2012`."""
    return "cites-" + _UNSAFE.sub("-", f"{chapter.id or chapter.number}-{law.id}".lower()).strip("-")


def overview_page(overview: Overview, lang: str, use_directory_urls: bool = True) -> str:
    """The Markdown of the overview page of `lang`, in a site whose pages are folders (`overview/`) or, with
    `use_directory_urls` False, files (`overview.html`: the copy read from a folder)."""
    src = overview_src(overview.layout, lang)
    url = page_url(src, use_directory_urls)
    out = ["---", "search:", "  exclude: true", "---", f"# {markdown_text(say(lang, 'overview', 'title'))}", ""]
    out += _citation_map(overview, lang, src, url)
    out += _translations(overview, lang, url, use_directory_urls)
    out += _citations_by_chapter(overview, lang, src, url)
    return "\n".join(out) + "\n"


# -- the citation map ----------------------------------------------------------------------------------

def short_name(law: Law, lang: str) -> Label:
    """A law's name short enough for a column: its title in `lang` where short, else its shortest alias of a
    few words in `lang`, else its title (shortened by the chart); in the law's authoritative language where
    `lang` has no name for it."""
    title = law_title(law, lang)
    meta = law.meta
    own = bool((law.texts.get(lang) and law.texts[lang].title) or (meta and meta.title.get(lang)))
    if own and len(title) <= SHORT_NAME:
        return Label(title, lang)
    aliases = [a for a in (meta.aliases.get(lang, []) if meta else []) if len(a) >= 6]
    if aliases:
        return Label(min(aliases, key=lambda a: (len(a), a)), lang)
    if own:
        return Label(title, lang)
    other = meta.authoritative if meta else lang
    return Label(title, other if other in (meta.title if meta else {}) else lang)


def _citation_map(overview: Overview, lang: str, src: str, url: str) -> list[str]:
    chapters = overview.index.chapters(lang)
    counts = overview.index.counts(lang)
    laws = [law for law in overview.laws if any(counts[(c.path, law.id)] for c in chapters)]
    most = max(counts.values(), default=0)
    columns = [short_name(law, lang) for law in laws]
    cells = {}
    for i, chapter in enumerate(chapters):
        for j, law in enumerate(laws):
            n = counts[(chapter.path, law.id)]
            if n:
                cells[(i, j)] = Cell(str(n), count_shade(n, most), "#" + anchor(chapter, law),
                                     f"{chapter_title(chapter)} — {law_title(law, lang)}: "
                                     + say(lang, "overview", "citation_map", "count", count=str(n)))
            else:
                cells[(i, j)] = Cell("", Shade.NONE)
    svg = grid_chart(Grid(rows=[Label(chapter_title(c), c.lang) for c in chapters], columns=columns, cells=cells,
                          title=say(lang, "overview", "citation_map", "title"),
                          desc=say(lang, "overview", "citation_map", "desc"), lang=lang, id="sop-citation-map"))
    out = [f"## {markdown_text(say(lang, 'overview', 'citation_map', 'title'))} {{#citation-map}}", "",
           markdown_text(say(lang, "overview", "citation_map", "text")), "",
           '<div class="sop-chart">', svg, "</div>", ""]
    head = [say(lang, "overview", "chapter"), *(law_title(law, lang) for law in laws)]
    rows = []
    for chapter in chapters:
        row = [foreign(markdown_text(chapter_title(chapter)), chapter.lang, lang)]
        for law in laws:
            n = counts[(chapter.path, law.id)]
            row.append(f"[{n}](#{anchor(chapter, law)})" if n else "0")
        rows.append(row)
    out += _table(lang, head, rows)
    return out


def _citations_by_chapter(overview: Overview, lang: str, src: str, url: str) -> list[str]:
    """For each chapter and law: the sections citing the law and what each cites, where the map's cells lead."""
    out = [f"## {markdown_text(say(lang, 'overview', 'by_chapter'))} {{#citations-by-chapter}}", ""]
    linker = overview.linker
    for chapter in overview.index.chapters(lang):
        found = {law.id: [c for c in overview.index.of_law(law.id, lang) if c.chapter is chapter]
                 for law in overview.laws}
        if not any(found.values()):
            continue
        out += [f"### {foreign(markdown_text(chapter_title(chapter)), chapter.lang, lang)}", ""]
        for law in overview.laws:
            if not found[law.id]:
                continue
            count = say(lang, "overview", "citation_map", "count", count=str(len(found[law.id])))
            name = linker.law_link(markdown_text(law_title(law, lang)), law.id, None, src, url, lang)
            out += [f'<div id="{anchor(chapter, law)}" class="sop-cites" markdown>', "",
                    f"**{name}** ({markdown_text(count)})", ""]
            for place, cited in _by_place(found[law.id]):
                what = [linker.law_link(markdown_text(provision_label(overview.corpus, law.id, p, lang, form=SHORT)),
                                        law.id, p, src, url, lang) for p in cited]
                out.append(f"- {place_link(place, linker, src, url, lang)}" + (": " + ", ".join(what) if what else ""))
            out += ["", "</div>", ""]
    return out


def _by_place(found: list[Citing]) -> list[tuple[Citing, list[str]]]:
    """Citations grouped by the section they stand in (in order), with the provisions each section cites."""
    places: dict[tuple[str, str | None], tuple[Citing, list[str]]] = {}
    for c in found:
        _, cited = places.setdefault((c.chapter.path, c.section), (c, []))
        cited.extend(p for p in c.provisions if p not in cited)
    return list(places.values())


# -- the translation status ----------------------------------------------------------------------------

def _translations(overview: Overview, lang: str, url: str, use_directory_urls: bool) -> list[str]:
    layout = overview.layout
    languages = list(overview.corpus.settings.languages)
    names = words(lang)["languages"]
    sources = layout.source_chapters()
    state_words = {state: say(lang, "overview", "translations", state) for state in MARKS}
    cells = {}
    statuses = {}
    for i, source in enumerate(sources):
        for j, other in enumerate(languages):
            status = overview.translation_status(source, other)
            statuses[(i, j)] = status
            shown = layout.chapter_in(source, other)
            href = (get_relative_url(_chapter_url(layout, shown, use_directory_urls), url)
                    if status.state != MISSING else None)
            cells[(i, j)] = Cell(MARKS[status.state], SHADES[status.state], href,
                                 f"{chapter_title(source)} — {names.get(other, other)}: {_said(lang, status)}",
                                 dashed=status.state == MISSING)
    legend = [(Cell(MARKS[s], SHADES[s], dashed=s == MISSING), Label(state_words[s], lang)) for s in MARKS]
    rows = [Label(chapter_title(layout.chapter_in(s, lang)), layout.chapter_in(s, lang).lang) for s in sources]
    svg = grid_chart(Grid(rows=rows, columns=[Label(names.get(other, other), lang) for other in languages],
                          cells=cells, title=say(lang, "overview", "translations", "title"),
                          desc=say(lang, "overview", "translations", "desc"), lang=lang, id="sop-translations",
                          cell_width=80, slanted=False, legend=legend))
    out = [f"## {markdown_text(say(lang, 'overview', 'translations', 'title'))} {{#translation-status}}", "",
           markdown_text(say(lang, "overview", "translations", "text")), "",
           '<div class="sop-chart">', svg, "</div>", ""]
    head = [say(lang, "overview", "chapter"), *(names.get(other, other) for other in languages)]
    table = []
    for i, source in enumerate(sources):
        shown = layout.chapter_in(source, lang)
        table.append([foreign(markdown_text(chapter_title(shown)), shown.lang, lang),
                      *(f"{MARKS[statuses[(i, j)].state]} {markdown_text(_said(lang, statuses[(i, j)]))}"
                        for j in range(len(languages)))])
    out += _table(lang, head, table)
    out += _behind(overview, lang, url, use_directory_urls)
    return out


def _behind(overview: Overview, lang: str, url: str, use_directory_urls: bool) -> list[str]:
    """The sections not in step, each with its language and state and a link to where it is read: what
    `sop i18n status` lists (translators' work), or a sentence saying every section is current."""
    behind = [s for s in overview.states if s.state != "current" and s.translation is not None]
    untranslated = {(s.chapter, s.lang) for s in overview.states if s.translation is None}
    if not behind and not untranslated:
        return [markdown_text(say(lang, "overview", "translations", "all_current")), ""]
    names = words(lang)["languages"]
    out = [f"### {markdown_text(say(lang, 'overview', 'translations', 'behind'))}", ""]
    for s in behind:
        # an address, not a Markdown link: the page may be another language's, which this build does not hold
        page = get_relative_url(_chapter_url(overview.layout, s.translation, use_directory_urls), url)
        target = "" if s.section == OPENING else f"#{s.section}"
        title = html_text(s.name if s.section != OPENING else chapter_title(s.source))
        state = markdown_text(say(lang, "overview", "translations", s.state))
        out.append(f"- {markdown_text(names.get(s.lang, s.lang))}: "
                   f'<a href="{html_text(page + target)}">{foreign(title, s.source.lang, lang)}</a> — {state}')
    return out + [""]


def _said(lang: str, status: Status) -> str:
    said = say(lang, "overview", "translations", status.state)
    if status.reasons:
        said += " (" + "; ".join(say(lang, "overview", "translations", key, n=numerals(str(n), lang))
                                for key, n in status.reasons) + ")"
    return said


# -- shared --------------------------------------------------------------------------------------------

def _table(lang: str, head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (cells Markdown already, but `head` plain words) folded under "the same as a table"."""
    cells = [[markdown_text(h) for h in head], *rows]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "---|" * len(head))
    return ['<details class="sop-chart-table" markdown>',
            f"<summary>{markdown_text(say(lang, 'overview', 'as_table'))}</summary>", "", *lines, "", "</details>", ""]


def _chapter_url(layout: Layout, chapter: Chapter, use_directory_urls: bool) -> str:
    """The address of a chapter's page in its own language's site (a link in the picture is raw HTML, which
    mkdocs does not resolve)."""
    name = PurePosixPath(layout.chapter_src(chapter)).name.split(".", 1)[0]
    return page_url(f"{layout.folder(chapter.lang)}{name}.md", use_directory_urls)


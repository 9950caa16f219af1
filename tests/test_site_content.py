"""What the published site tells a reader about the citations: the "cited by" lists of the law pages, the
provision's words on a citation link (hover and tap), and the overview's pictures (the citation map and the
translation status).

One build of the bundled corpus for the module, through `sop build` as a user runs it; the expectations come
from `sop refs` (the command legal advisers use), from the law pages themselves, or from the document-citation
API, never from the site's own modules. The hostile cases build the sandbox (the bundled corpus in a git
repository) after changing a law text or a translation, and assert the exit code, the message, what the page
holds, and that no corpus byte changed.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from conftest import REPO
from sopkit.citations.document import corpus_citations
from sopkit.site.strings import say
from test_site import sop

FOLDERS = {"en": "", "ar": "ar/", "ckb": "ckb/"}
SITE = "http://site.invalid/"
SVG = re.compile(r'<svg\b[^>]*\bclass="sop-chart__svg"[^>]*>.*?</svg>', re.S)  # the charts, not the theme's icons
SVG_NS = "{http://www.w3.org/2000/svg}"


class Site:
    def __init__(self, root: Path):
        self.root = root

    def html(self, url: str) -> str:
        return (self.root / url / "index.html" if url else self.root / "index.html").read_text(encoding="utf-8")

    def page(self, url: str):
        return lxml.html.fromstring(self.html(url))


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(page url from the site root, fragment) a link of the page at `page_url` leads to."""
    parts = urlsplit(urljoin(SITE + page_url, href))
    assert parts.geturl().startswith(SITE), href
    return unquote(parts.path[len(urlsplit(SITE).path):]), unquote(parts.fragment)


def words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site)  # the bundled corpus built once for the session (conftest.py): read, never changed


@pytest.fixture(scope="module")
def partial(partial_site) -> Site:
    return Site(partial_site)  # the corpus while being translated (conftest.partial_corpus), built once


def shown_chapters(corpus, lang: str) -> list:
    """The chapters the `lang` site shows, in order: its own, else the source chapter standing in."""
    out = []
    for source in sorted((c for c in corpus.chapters if c.is_source), key=lambda c: c.number):
        own = [c for c in corpus.chapters if c.lang == lang and c.number == source.number and c.slug == source.slug]
        out.append(own[0] if own else source)
    return out


def chapter_url(chapter, lang: str) -> str:
    return f"{FOLDERS[lang]}{chapter.path.split('/')[1].split('.')[0]}/"


@functools.lru_cache(maxsize=None)
def refs(key: str) -> list[dict]:
    r = sop("refs", key, "--format", "json", "--root", str(REPO))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["references"]


def expected_places(corpus, key: str, lang: str, whole_law: bool = False) -> list[tuple[str, str]]:
    """Where `sop refs` says `key` is cited, as the `lang` site shows it: (chapter page, section anchor), each
    once, in the order of the SOP."""
    shown = {c.path: c for c in shown_chapters(corpus, lang)}
    order = [c.path for c in shown_chapters(corpus, lang)]
    found = [r for r in refs(key) if r["path"] in shown and (not r["provisions"]) == whole_law]
    found.sort(key=lambda r: (order.index(r["path"]), r["line"], r["column"]))
    out: list[tuple[str, str]] = []
    for r in found:
        place = (chapter_url(shown[r["path"]], lang), r["section"] or "")
        if place not in out:
            out.append(place)
    return out


def cited_by_block(page, provision: str | None):
    """The "cited by" list of a provision on a law page (the first after its heading, before the next
    heading), or the one of the whole law (the first of the page, before any provision)."""
    if provision is None:
        block = page.find_class("md-content")[0].find_class("sop-cited-by")[0]
        assert not [e for e in block.itersiblings(preceding=True) if re.fullmatch(r"h[2-6]", e.tag)]
        return block
    block = page.get_element_by_id(provision).getnext()
    while block is not None and "sop-cited-by" not in (block.get("class") or ""):
        assert not re.fullmatch(r"h[2-6]", block.tag), f"no cited-by list under {provision}"
        block = block.getnext()
    assert block is not None, f"no cited-by list under {provision}"
    return block


def cited_by_list(site: Site, url: str, provision: str | None, lang: str = "en") -> list[tuple[str, str]]:
    """The places a law page lists under `provision` (or at its top for the whole law)."""
    block = cited_by_block(site.page(url), provision)
    assert block.get("lang") == lang  # the page's language, also inside a law text in another
    return [resolve(url, a.get("href")) for a in block.iter("a")]


# -- cited by: the law page lists what `sop refs` finds, in the reader's language ---------------------------

@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
@pytest.mark.parametrize("key", ["iq/law-28-2012#6", "iq/law-28-2012#1", "iq/law-23-1971#51", "iq/law-111-1969#48",
                                 "un/tip-protocol-2000#3"])
def test_cited_by_lists_what_sop_refs_finds(site, corpus, lang, key):
    law, provision = key.split("#")
    url = f"{FOLDERS[lang]}laws/{law}/"
    expected = expected_places(corpus, f"law:{key}", lang)
    if not expected:
        pytest.skip(f"{key} is not cited")  # keeps the table of keys honest if the corpus changes
    assert cited_by_list(site, url, provision, lang) == expected


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_cited_by_the_whole_law_stands_at_the_top(site, corpus, lang):
    url = f"{FOLDERS[lang]}laws/iq/law-28-2012/"
    expected = expected_places(corpus, "law:iq/law-28-2012", lang, whole_law=True)
    assert expected and cited_by_list(site, url, None, lang) == expected


def test_cited_by_names_sections_in_the_readers_language(site, partial):
    # translated chapters: their sections by their own titles
    ar = [words(a) for a in cited_by_block(site.page("ar/laws/iq/law-28-2012/"), "6").iter("a")]
    assert "القسم 5.6 (استجواب المشتبه بهم)" in ar and "القسم 3.2.2 (الجرائم والعقوبات)" in ar
    assert not list(cited_by_block(site.page("ckb/laws/iq/law-28-2012/"), "6").iter("bdi"))
    # chapter 6 not translated yet (the partial corpus): its English title stands in, isolated
    block = cited_by_block(partial.page("ckb/laws/iq/law-28-2012/"), "11.4")
    assert all(words(a).startswith(("تەوەری ", "بەشی ")) for a in block.iter("a"))
    assert any(words(a).startswith("تەوەری ٦.") for a in block.iter("a"))
    stand_in = [b for b in block.iter("bdi")]
    assert stand_in and all(b.get("lang") == "en" and b.get("dir") == "ltr" for b in stand_in)


def test_cited_by_lists_each_section_once(site):
    for lang, folder in FOLDERS.items():
        page = site.page(f"{folder}laws/iq/law-28-2012/")
        for block in page.find_class("sop-cited-by"):
            hrefs = [a.get("href") for a in block.iter("a")]
            assert len(hrefs) == len(set(hrefs)), (lang, hrefs)


def test_cited_by_a_point_counts_under_its_paragraph_and_article(site, corpus):
    # Article 6(1)(b) is cited in section 1.4.6: listed under 6.1.b, 6.1 and 6, not under 6.2
    places = {p: cited_by_list(site, "laws/iq/law-28-2012/", p) for p in ("6.1.b", "6.1", "6")}
    child = ("01-general-provisions/", "term-child")
    assert all(child in found for found in places.values())
    page = site.page("laws/iq/law-28-2012/")
    heading = page.get_element_by_id("6.2")
    following = heading.getnext()
    while following is not None and not re.fullmatch(r"h[2-6]", following.tag):
        assert child[1] not in " ".join(a.get("href") for a in following.iter("a"))
        following = following.getnext()


# -- the provision's words on a citation link ----------------------------------------------------------------

def provision_words(site: Site, url: str, provision: str) -> tuple[str, str | None]:
    """The words under a provision's heading on the law page (to the next heading or its cited-by list), and the
    language they are marked with."""
    page = site.page(url)
    heading = page.get_element_by_id(provision)
    out = []
    element = heading.getnext()
    first = True
    while element is not None and not re.fullmatch(r"h[2-6]", element.tag) \
            and "sop-cited-by" not in (element.get("class") or ""):
        history = first and element.tag == "p" and len(element) == 1 and element[0].tag == "em" \
            and not (element.text or "").strip() and not (element[0].tail or "").strip()
        if not history:
            out.append(words(element))
        first = False
        element = element.getnext()
    marked = next((e.get("lang") for e in heading.iterancestors() if e.get("lang")), None)
    return " ".join(out), marked


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_citation_links_carry_the_start_of_the_provisions_words(site, lang):
    url = f"{FOLDERS[lang]}05-investigation/"
    links = [a for a in site.page(url).iter("a") if a.getparent().get("class") == "sop-cite"]
    assert len(links) > 10
    checked = 0
    for a in links:
        title = a.get("title")
        assert title, words(a)
        target, provision = resolve(url, a.get("href"))
        text, marked = provision_words(site, target, provision)
        assert a.getparent().get("data-lang") == marked, (target, provision)
        assert a.getparent().get("data-dir") == ("ltr" if marked == "en" else "rtl")
        if not text:  # an article of paragraphs only: its words are its parts'
            continue
        if title.endswith("…"):
            assert len(title) <= 301 and text.startswith(title[:-1].rstrip()), (title, text)
            assert len(text) > len(title) - 1
        else:
            assert title == text
        checked += 1
    assert checked > 10


def test_a_kurdish_reader_gets_the_arabic_text_where_the_law_has_no_kurdish_one(partial):
    page = partial.page("ckb/05-investigation/")  # the Criminal Procedure Code has no Kurdish text there
    spans = [s for s in page.find_class("sop-cite") if "law-23-1971" in s[0].get("href")]
    assert spans and all((s.get("data-lang"), s.get("data-dir")) == ("ar", "rtl") for s in spans)
    kurdish = [s for s in page.find_class("sop-cite") if "law-28-2012" in s[0].get("href")]
    assert kurdish and all(s.get("data-lang") == "ckb" for s in kurdish)


def test_the_citation_script_is_loaded_from_the_site(site):
    page = site.page("05-investigation/")
    sources = [s.get("src") for s in page.iter("script") if s.get("src")]
    assert any(src.endswith("assets/javascripts/citations.js") and "//" not in src for src in sources)
    assert (site.root / "assets/javascripts/citations.js").is_file()


# -- the overview: the citation map and the translation status -----------------------------------------------

def svgs(site: Site, lang: str) -> dict[str, ET.Element]:
    """The overview's pictures by id, parsed as XML (ParseError if one is not well-formed)."""
    out = {}
    for svg in SVG.findall(site.html(f"{FOLDERS[lang]}overview/")):
        root = ET.fromstring(svg)
        out[root.get("aria-labelledby").split("-title")[0]] = root
    return out


def test_overview_is_linked_from_home_and_navigation(site):
    for lang, folder in FOLDERS.items():
        home = site.page(folder)
        content = home.find_class("md-content")[0]
        assert (f"{folder}overview/", "") in [resolve(folder, a.get("href")) for a in content.iter("a")]
        nav = home.find_class("md-nav--primary")[0]
        assert (f"{folder}overview/", "") in [resolve(folder, a.get("href")) for a in nav.iter("a") if a.get("href")]


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_overview_pictures_are_well_formed_and_described(site, lang):
    found = svgs(site, lang)
    assert set(found) == {"sop-citation-map", "sop-translations"}
    for name, svg in found.items():
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG_NS}title"), svg.find(f"{SVG_NS}desc")
        assert title.get("id") == f"{name}-title" and title.text and desc.get("id") == f"{name}-desc" and desc.text
        assert svg.get("lang") == lang and svg.get("direction") == ("ltr" if lang == "en" else "rtl")
        assert not [e for e in svg.iter() if e.get("style") or e.tag.endswith("script")]
    page = site.page(f"{FOLDERS[lang]}overview/")
    tables = page.find_class("sop-chart-table")
    assert len(tables) == 2 and all(t.tag == "details" and list(t.iter("table")) for t in tables)


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_citation_map_counts_are_the_citation_index(site, corpus, lang):
    from sopkit.site.overview import anchor  # only for the name of each cell's anchor

    index = corpus_citations(corpus)
    shown = shown_chapters(corpus, lang)
    expected = Counter()
    for cc in index:
        if cc.resolution.law and cc.resolution.status != "unknown-law" and cc.chapter in shown:
            expected[(cc.chapter.path, cc.resolution.law)] += 1
    by_anchor = {anchor(chapter, corpus.laws[law]): n for (chapter_path, law), n in expected.items()
                 for chapter in shown if chapter.path == chapter_path}
    svg = svgs(site, lang)["sop-citation-map"]
    cells = {a.get("href")[1:]: int(a.find(f"{SVG_NS}text").text) for a in svg.iter(f"{SVG_NS}a")}
    assert cells == by_anchor
    page = site.page(f"{FOLDERS[lang]}overview/")
    for name, n in by_anchor.items():
        listed = page.get_element_by_id(name)  # where the cell leads: the sections citing the law
        assert "sop-cites" in listed.get("class") and list(listed.iter("li")) and str(n) in words(listed)


def test_citation_map_is_mirrored_on_right_to_left_pages(site):
    for lang, mirrored in (("en", False), ("ar", True), ("ckb", True)):
        svg = svgs(site, lang)["sop-citation-map"]
        rects = [float(r.get("x")) for r in svg.iter(f"{SVG_NS}rect")]
        labels = [t for t in svg if t.tag == f"{SVG_NS}text" and not t.get("transform")]
        label_x = float(labels[0].get("x"))
        assert (label_x > max(rects)) == mirrored and (label_x < min(rects)) == (not mirrored)
        rows = {t.get("lang"): t.get("direction") for t in labels}
        assert rows.get("en") in (None, "ltr") and rows.get("ar", "rtl") == "rtl" and rows.get("ckb", "rtl") == "rtl"


def test_overview_pictures_are_the_same_bytes_from_another_process(site, corpus):
    # another process, another hash seed: any order taken from a set or a dict of unordered keys would show
    from sopkit.site.citedby import CitationIndex
    from sopkit.site.layout import Layout
    from sopkit.site.links import Linker
    from sopkit.site.overview import Overview, overview_page

    layout = Layout(corpus)
    overview = Overview(corpus, layout, CitationIndex(corpus, layout), Linker(corpus, layout))
    for lang, folder in FOLDERS.items():
        made = SVG.findall(overview_page(overview, lang))
        assert made == SVG.findall(site.html(f"{folder}overview/")) and len(made) == 2
        assert SVG.findall(overview_page(overview, lang)) == made


def _status_marks(site: Site, lang: str) -> list[str]:
    svg = svgs(site, lang)["sop-translations"]
    return [t.text for a in svg for t in a.iter(f"{SVG_NS}text") if a.tag in (f"{SVG_NS}a", f"{SVG_NS}g")
            and a.find(f"{SVG_NS}rect") is not None and a.find(f"{SVG_NS}title") is not None]


def _expected_marks(corpus) -> list[str]:
    """The marks `sop i18n status` makes: per chapter, the source, then each language."""
    from sopkit.translations.status import translation_states

    states = translation_states(corpus)
    out = []
    for source in sorted((c for c in corpus.chapters if c.is_source), key=lambda c: c.number):
        for other in ("en", "ar", "ckb"):
            mine = {s.state for s in states if s.chapter == source.key and s.lang == other}
            out.append("◆" if other == "en" else "–" if corpus.translation(source, other) is None
                       else "✓" if mine == {"current"} else "!")
    return out


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_translation_status_of_the_bundled_corpus(site, corpus, lang):
    assert _status_marks(site, lang) == _expected_marks(corpus) == ["◆", "✓", "✓"] * 8


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_translation_status_while_translating(partial, partial_corpus, lang):
    from sopkit.load import load_corpus

    marks = _status_marks(partial, lang)
    assert marks == _expected_marks(load_corpus(partial_corpus)[0])
    assert marks[4 * 3:8 * 3] == ["◆", "!", "!", "◆", "–", "–", "◆", "✓", "–", "◆", "✓", "✓"]  # chapters 5 to 8


# -- hostile corpora -----------------------------------------------------------------------------------

HOSTILE = ('He said "stop" & left; &lt;script&gt;alert(1)&lt;/script&gt; `<img src=x onerror=alert(2)>` '
           "it's {: .x} *done* \\) (")
HOSTILE_WORDS = 'He said "stop" & left; <script>alert(1)</script> <img src=x onerror=alert(2)> it\'s {: .x} done ) ('


def _replace_provision_text(sandbox, path: str, heading: str, text: str) -> None:
    law = (sandbox.root / path).read_text(encoding="utf-8")
    start = law.index(heading) + len(heading)
    end = law.index("\n#", start)
    sandbox.write(path, law[:start] + "\n\n" + text + "\n" + law[end:])


def built_in(sandbox, tmp_path: Path):
    """The sandbox's corpus, as it stands now, built by `sop build` into tmp_path/site: (site, result). The build
    must succeed and leave every corpus byte as it was."""
    sandbox.snapshot()
    out = tmp_path / "site"
    r = sandbox.sop("build", "-o", str(out))
    assert r.code == 0, r.both
    sandbox.assert_corpus_unchanged()
    return out, r


# Law text and law names are words, never markup: in a title attribute, in the tap box (textContent, see
# citations.js), in the picture. One build holds both hostile inputs.
def test_escaping_law_text_and_law_names_with_markup_and_quotes(sandbox, tmp_path):
    _replace_provision_text(sandbox, "laws/iq/law-28-2012/en.md", "### First {#1.1}", HOSTILE)
    law_yml = (sandbox.root / "laws/iq/law-76-2017/law.yml").read_text(encoding="utf-8")
    hostile_name = '"L" <script>x</script> & </svg>'  # the map names a law with a long title by its shortest alias
    aliases = re.search(r"^  en: \[.*\]$", law_yml, re.M)  # the English aliases, the only list-valued en:
    sandbox.write("laws/iq/law-76-2017/law.yml", law_yml[:aliases.start()] + "  en: [" + json.dumps(hostile_name)
                  + "]" + law_yml[aliases.end():])
    out, r = built_in(sandbox, tmp_path)
    assert "built" in r.err
    html = (out / "01-general-provisions/index.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    titles = [a.get("title") for a in page.iter("a") if a.get("href", "").endswith("law-28-2012/#1.1")]
    assert titles and all(t == HOSTILE_WORDS for t in titles)
    assert "<script>alert" not in html and "<img src=x" not in html and "onerror=alert(2)>" not in html
    assert 'title="He said &quot;stop&quot; &amp; left; &lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert [s for s in page.find_class("md-content")[0].iter("script")] == []
    overview = (out / "overview/index.html").read_text(encoding="utf-8")
    pictures = SVG.findall(overview)
    assert len(pictures) == 2
    names = [" ".join(t.itertext()) for t in ET.fromstring(pictures[0]).iter(f"{SVG_NS}text")]
    assert any(hostile_name in name for name in names), names  # in full in the label's <title>
    assert "<script>x" not in overview and "& </svg>" not in overview


# A translation that no longer cites what its source cites is out of step (C109), and the chart says so.
def test_a_translation_with_a_stale_or_missing_section_is_marked_out_of_step(partial, partial_site):
    # chapter 5: a section's source changed since both translations were marked, and the Arabic lacks a section
    for folder in FOLDERS.values():
        svg = ET.fromstring(SVG.findall((partial_site / folder / "overview/index.html").read_text(encoding="utf-8"))[1])
        cells = [a for a in svg.iter(f"{SVG_NS}a")]
        stale = [a for a in cells if a.find(f"{SVG_NS}text").text == "!"]
        assert len(stale) == 2 and all(a.get("href").endswith("05-investigation/") for a in stale), folder
        said = [t.text for a in stale for t in a.iter(f"{SVG_NS}title")]
        assert len(said) == 2 and any(":" in t for t in said), said  # how many sections, and which way
    table = words(partial.page("overview/"))
    assert "sections not translated yet: 1" in table and "sections that follow an earlier text of the source: 1" \
        in table


def test_the_overview_lists_the_sections_to_translate_or_bring_up_to_date(site, partial):
    assert say("ar", "overview", "translations", "all_current") in words(site.page("ar/overview/"))
    page = partial.page("ar/overview/")
    heading = next(h for h in page.iter("h3") if say("ar", "overview", "translations", "behind") in words(h))
    items = heading.getnext().findall("li")
    found = [(resolve("ar/overview/", li.find("a").get("href")), words(li)) for li in items]
    assert [target for target, _ in found] == [("ar/05-investigation/", "interviewing-witnesses"),
                                               ("ar/05-investigation/", "questioning-suspects"),
                                               ("ckb/05-investigation/", "questioning-suspects")]
    assert say("ar", "overview", "translations", "missing") in found[0][1]
    assert say("ar", "overview", "translations", "stale") in found[2][1]

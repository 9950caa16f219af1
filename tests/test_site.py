"""The published site: `sop build` on the bundled corpus, read back from the HTML it wrote.

One build for the module (`site` fixture, through the command as a user runs it); each test reads the pages.
The hostile cases at the end run `sop build` in the sandbox (the bundled corpus in a git repository) and
assert the exit code, the message, and that no corpus byte changed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import markdown
import pytest

from conftest import REPO
from hostile import CH5
from sopkit.labels import number_headings
from sopkit.site.strings import say
from sopkit.site.text import fill, ltr_markdown, markdown_text
from sopkit.yamldoc import load_yaml

LANGUAGES = {"": "en", "ar/": "ar", "ckb/": "ckb"}
DIRECTION = {"en": "ltr", "ar": "rtl", "ckb": "rtl"}
SITE = "http://site.invalid/"  # a base to resolve the site's relative links against


def sop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], capture_output=True, text=True, cwd=cwd,
                       timeout=300)
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    return r


class Site:
    """The pages of a built site, parsed once: by path relative to the site ('ar/05-investigation/index.html')."""

    def __init__(self, root: Path):
        self.root = root
        self.pages = {p.relative_to(root).as_posix(): lxml.html.parse(str(p)).getroot()
                      for p in sorted(root.rglob("*.html"))}
        self.ids = {path: {e.get("id") for e in page.iter() if e.get("id")} |
                    {e.get("name") for e in page.iter("a") if e.get("name")}
                    for path, page in self.pages.items()}

    def page(self, url: str):
        return self.pages[url.rstrip("/") + "/index.html" if url else "index.html"]

    def resolve(self, page_path: str, href: str) -> tuple[str, str] | None:
        """(file, fragment) a link of the page leads to, or None for a link leaving the site."""
        url = urljoin(SITE + page_path, href)
        if not url.startswith(SITE):
            return None
        parts = urlsplit(url)
        path = unquote(parts.path[len(urlsplit(SITE).path):])
        if path == "" or path.endswith("/"):
            path += "index.html"
        elif (self.root / path).is_dir():
            path += "/index.html"
        return path, unquote(parts.fragment)

    def links(self):
        """Every (page, element, attribute, value) that points somewhere: a, link, script, img."""
        for path, page in self.pages.items():
            for element in page.iter("a", "link", "script", "img"):
                for attribute in ("href", "src"):
                    value = element.get(attribute)
                    if value is not None:
                        yield path, element, attribute, value


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site)  # the bundled corpus built once for the session (conftest.py): read, never changed


@pytest.fixture(scope="module")
def partial(partial_site) -> Site:
    return Site(partial_site)  # the corpus while being translated (conftest.partial_corpus), built once


def text(element) -> str:
    return " ".join(element.text_content().split())


def language_of(path: str) -> str:
    first = path.split("/", 1)[0] + "/"
    return LANGUAGES.get(first, "en")


# -- languages: where each page lives, and its lang and dir ----------------------------------------------

def test_home_page_in_each_language_lists_every_chapter_and_law(site, corpus):
    chapters = [c for c in corpus.chapters if c.is_source]
    for folder, lang in LANGUAGES.items():
        page = site.page(folder)
        assert page.get("lang") == lang and page.get("dir") == DIRECTION[lang]
        assert say(lang, "working_summaries", "title") in text(page)
        article = page.find_class("md-content")[0]
        targets = {site.resolve(f"{folder}index.html", a.get("href"))[0] for a in article.iter("a")
                   if a.get("href") and not a.get("href").startswith("#")}
        for chapter in chapters:
            assert f"{folder}{chapter.path.split('/')[1].split('.')[0]}/index.html" in targets, (lang, chapter.path)
        for law_id in corpus.laws:
            assert f"{folder}laws/{law_id}/index.html" in targets, (lang, law_id)


def test_chapter_pages_carry_lang_and_dir_on_html(site):
    assert (site.page("05-investigation").get("lang"), site.page("05-investigation").get("dir")) == ("en", "ltr")
    assert (site.page("ar/05-investigation").get("lang"), site.page("ar/05-investigation").get("dir")) == ("ar", "rtl")
    assert (site.page("ckb/05-investigation").get("lang"), site.page("ckb/05-investigation").get("dir")) == \
        ("ckb", "rtl")


def test_every_page_has_the_lang_and_dir_of_its_folder(site):
    assert len(site.pages) > 50
    for path, page in site.pages.items():
        lang = language_of(path)
        assert (page.get("lang"), page.get("dir")) == (lang, DIRECTION[lang]), path


def test_chapter_text_is_the_chapter_of_the_page_language(site):
    assert "التحقيق" in text(site.page("ar/05-investigation").find_class("md-content")[0])
    assert "لێکۆڵینەوە" in text(site.page("ckb/05-investigation").find_class("md-content")[0])


def test_navigation_holds_only_pages_of_its_language(site):
    for folder, lang in LANGUAGES.items():
        for url in (folder, f"{folder}05-investigation", f"{folder}laws/iq/law-28-2012"):
            path = f"{url}/index.html" if url else "index.html"
            nav = site.page(url).find_class("md-nav--primary")[0]
            hrefs = [a.get("href") for a in nav.iter("a") if a.get("href") and not a.get("href").startswith("#")]
            assert len(hrefs) > 15
            for href in hrefs:
                target, _ = site.resolve(path.replace("//", "/"), href)
                assert language_of(target) == lang, (path, href, target)


def test_untranslated_chapter_shows_the_source_text_with_a_notice(partial):
    page = partial.page("ar/06-victim-protection")  # chapter 6 has no Arabic translation there
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    body = text(page.find_class("md-content")[0])
    assert say("ar", "untranslated_chapter", "title") in body
    english = [div for div in page.iter("div") if div.get("lang") == "en" and div.get("dir") == "ltr"]
    assert english and "6.1 Immediate safety" in text(english[0])


def test_a_section_not_translated_yet_shows_the_source_text_where_it_belongs_with_a_notice(partial):
    from conftest import PARTIAL_MISSING_SECTION

    page = partial.page("ar/05-investigation")
    _, section = PARTIAL_MISSING_SECTION
    heading = page.get_element_by_id(section)  # the English section, in the Arabic page, at its place
    block = heading.getparent()
    assert (block.get("lang"), block.get("dir")) == ("en", "ltr")
    assert text(heading).startswith("5.5 Interviewing witnesses")
    notice = block.getprevious()
    assert say("ar", "untranslated_section", "title") in text(notice)
    after = page.get_element_by_id("questioning-suspects")  # numbered as the source numbers it, not 5.5
    assert text(after).startswith("5.6 ")
    order = [e.get("id") for e in page.iter("h2", "h3") if e.get("id")]
    assert order.index("victim-interview-prohibited-practices") < order.index(section) \
        < order.index("questioning-suspects")


def test_a_section_whose_source_changed_bears_a_notice_in_both_translations(partial):
    from conftest import PARTIAL_STALE_SECTION

    _, section = PARTIAL_STALE_SECTION
    for lang in ("ar", "ckb"):
        heading = partial.page(f"{lang}/05-investigation").get_element_by_id(section)
        notice = heading.getnext()
        assert say(lang, "stale_section", "title") in text(notice), lang
        assert "admonition" in notice.get("class") and "warning" in notice.get("class")
    others = [e for e in partial.page("ar/05-investigation").find_class("admonition")
              if say("ar", "stale_section", "title") in text(e)]
    assert len(others) == 1  # the other sections are current: no notice


def test_language_switcher_points_at_the_same_page_in_each_language(site):
    for url in ("ar/05-investigation", "ckb/laws/iq/law-28-2012", "ar/06-victim-protection", "ar"):
        path = f"{url}/index.html"
        alternates = {e.get("hreflang"): site.resolve(path, e.get("href"))[0]
                      for e in site.page(url).iter("a") if e.get("hreflang") and "md-select__link" in e.get("class")}
        plain = url.split("/", 1)[1] if "/" in url else ""
        assert alternates == {lang: f"{folder}{plain}/index.html".replace("//", "/").lstrip("/")
                              for folder, lang in LANGUAGES.items()}, url


def test_no_alternate_link_in_the_head_for_material_to_fetch_a_sitemap_beside(site):
    # Material fetches sitemap.xml beside each <link rel=alternate>, taking it for a language's root: here it
    # would be the page itself, and three requests per page would fail
    assert not [path for path, page in site.pages.items() if page.find(".//head/link[@rel='alternate']") is not None]


def test_one_404_page_in_the_source_language(site):
    assert [p for p in site.pages if p.endswith("404.html")] == ["404.html"]


# -- links ---------------------------------------------------------------------------------------------

def test_no_link_is_left_to_a_law_or_sop_target(site):
    left = [(path, value) for path, _, _, value in site.links() if value.startswith(("law:", "sop:"))]
    assert not left


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    checked = 0
    for path, element, attribute, value in site.links():
        if value.startswith(("mailto:", "javascript:")) or value == "":
            continue
        resolved = site.resolve(path, value)
        if resolved is None:
            continue
        target, fragment = resolved
        checked += 1
        if not (site.root / target).is_file():
            broken.append((path, value, "no file"))
        elif fragment and target.endswith(".html") and fragment not in site.ids.get(target, ()):
            broken.append((path, value, "no anchor"))
    assert checked > 5000
    assert not broken, broken[:20]


def test_citation_links_go_to_the_provision_in_the_reader_language(site):
    for folder in LANGUAGES:
        path = f"{folder}05-investigation/index.html"
        law_links = [site.resolve(path, a.get("href")) for a in site.pages[path].iter("a")
                     if "/laws/" in (a.get("href") or "")]
        assert law_links
        for target, fragment in law_links:
            assert target.startswith(f"{folder}laws/"), (folder, target)
        assert (f"{folder}laws/iq/law-23-1971/index.html", "51") in law_links


def test_a_law_page_has_an_anchor_per_provision(site, corpus):
    law = corpus.laws["iq/law-28-2012"]
    for folder, lang in LANGUAGES.items():
        ids = site.ids[f"{folder}laws/iq/law-28-2012/index.html"]
        assert "6.2" in ids
        assert set(law.texts[lang].by_id) <= ids


def test_section_links_read_the_section_and_go_to_it(site):
    # `[](sop:case-registration-numbering)` in chapter 5: chapter 7 has no Arabic text, so the Arabic reader goes
    # to the English chapter inside the Arabic site
    for folder in LANGUAGES:
        path = f"{folder}05-investigation/index.html"
        links = [(text(a), site.resolve(path, a.get("href"))) for a in site.pages[path].iter("a")
                 if (a.get("href") or "").endswith("#case-registration-numbering")]
        assert links, folder
        for words, target in links:
            assert words and "7.2" in words.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
            assert target == (f"{folder}07-case-management/index.html", "case-registration-numbering")


def test_an_untranslated_section_title_is_isolated_in_its_own_direction(partial):
    # chapter 7 has no Kurdish text: the Kurdish link names the section by its English title, kept left to right
    links = [a for a in partial.page("ckb/05-investigation").iter("a")
             if (a.get("href") or "").endswith("#case-registration-numbering")]
    assert links
    for a in links:
        isolated = a.findall(".//bdi")
        assert [(b.get("lang"), b.get("dir"), text(b)) for b in isolated] == [
            ("en", "ltr", "Case registration and numbering")]


def test_section_numbers_in_chapter_headings(site):
    heading = site.page("05-investigation").get_element_by_id("investigation-opening")
    assert text(heading).startswith("5.1 Opening an investigation")
    heading = site.page("ar/05-investigation").get_element_by_id("reactive-investigations")
    assert text(heading).startswith("5.1.1 ")
    title = site.page("05-investigation").find_class("md-content")[0].find(".//h1")
    assert text(title).startswith("5. ")


def test_kurdish_numbers_are_written_as_the_kurdish_text_and_its_links_write_them(site):
    heading = site.page("ckb/05-investigation").get_element_by_id("investigation-opening")
    assert text(heading).startswith("٥.١ ")  # as the chapter's own text writes numbers (ماددەی (٥١))
    title = site.page("ckb/05-investigation").find_class("md-content")[0].find(".//h1")
    assert text(title).startswith("٥. ")
    links = [text(a) for a in site.page("ckb/05-investigation").iter("a")
             if (a.get("href") or "").endswith("#crime-scene-premises") and "٥.٣" in text(a)]
    assert links  # `[](sop:crime-scene-premises)` reads "تەوەری ٥.٣ (...)", as the heading it goes to
    heading = site.page("ckb/05-investigation").get_element_by_id("crime-scene-premises")
    assert text(heading).startswith("٥.٣ ")


# -- laws ------------------------------------------------------------------------------------------------

def test_law_pages_bear_the_working_summary_banner(site):
    for folder, lang in LANGUAGES.items():
        assert say(lang, "law_summary", "title") in text(site.page(f"{folder}laws/iq/law-28-2012"))


def test_law_without_text_in_the_language_gives_the_authoritative_text_with_a_notice(partial, partial_corpus):
    from sopkit.load import load_corpus

    law = load_corpus(partial_corpus)[0].laws["iq/law-23-1971"]
    assert "ckb" not in law.texts and law.meta.authoritative == "ar"
    page = partial.page("ckb/laws/iq/law-23-1971")
    assert (page.get("lang"), page.get("dir")) == ("ckb", "rtl")
    assert say("ckb", "untranslated_law", "title") in text(page)
    arabic = [div for div in page.iter("div") if div.get("lang") == "ar" and div.get("dir") == "rtl"]
    assert arabic and set(law.texts["ar"].by_id) <= {e.get("id") for e in arabic[0].iter() if e.get("id")}
    assert "1971" in text(page)  # the metadata


def test_dates_keep_their_order_in_right_to_left_text(site):
    page = site.page("ar/laws/iq/law-28-2012")
    isolated = [text(e) for e in page.iter("bdi") if e.get("dir") == "ltr"]
    assert "2012-04-23" in isolated


# -- the build -------------------------------------------------------------------------------------------

def test_building_twice_gives_identical_bytes(site, tmp_path):
    again = tmp_path / "again"
    assert sop("build", "--root", str(REPO), "-o", str(again)).returncode == 0
    first = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert first == second
    differ = [p for p in first if (site.root / p).read_bytes() != (again / p).read_bytes()]
    assert not differ


def test_the_site_fetches_nothing_from_other_hosts(site):
    outside = {(path, value) for path, element, attribute, value in site.links()
               if element.tag in ("link", "script", "img") and urlsplit(value).netloc}
    assert not outside
    for path, page in site.pages.items():
        assert "fonts.googleapis" not in lxml.html.tostring(page, encoding="unicode"), path


def test_repository_config_is_the_one_sopkit_ships_and_is_plain_yaml():
    ours = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    shipped = (REPO / "tools" / "sopkit" / "site" / "mkdocs.yml").read_text(encoding="utf-8")
    assert load_yaml(ours).data == load_yaml(shipped).data
    config = load_yaml(ours).data
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert plugins.index("sop") < plugins.index("i18n")
    assert config["theme"]["font"] == "false"  # no Google Fonts (load_yaml keeps scalars as written)
    assert "navigation.instant" not in (config["theme"].get("features") or [])


# -- small parts -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["Article 6 [draft]", "*not emphasis* _nor_ `code`", "<script>alert(1)</script>",
                                   "a {#id} b", "1. not a list", "# not a heading", "x & y", "a|b", "back\\slash",
                                   "المادة (6) من القانون"])
def test_words_put_into_markdown_read_back_as_themselves(words):
    html = markdown.markdown(f"- {markdown_text(words)}", extensions=["attr_list", "tables"])
    assert lxml.html.fromstring(html).text_content().strip() == words


def test_values_filled_into_words_stay_left_to_right():
    made = fill("عُدّل في {date} بموجب {by}", date=ltr_markdown("2024-08-19"),
                by=ltr_markdown("iq/law-18-2024"))
    paragraph = lxml.html.fromstring(markdown.markdown(made))
    assert paragraph.text_content() == "عُدّل في 2024-08-19 بموجب iq/law-18-2024"
    assert [(e.get("dir"), e.text) for e in paragraph.iter("bdi")] == [("ltr", "2024-08-19"), ("ltr", "iq/law-18-2024")]


def test_numbers_go_into_atx_and_setext_headings(corpus):
    from dataclasses import replace

    from sopkit.model import Section

    def section(sid, label, level, line, number):
        return Section(id=sid, label=label, level=level, line=line, column=1, id_column=1, text="",
                       text_line=line + 1, number=number)

    chapter = next(c for c in corpus.chapters if c.path == CH5)
    lines = ["intro", "## Opening {#opening}", "", "Setext heading", "---", "### # {#empty}"]
    chapter = replace(chapter, sections=(section("opening", "Opening", 2, 2, (5, 1)),
                                         section("setext", "Setext heading", 2, 4, (5, 2)),
                                         section("empty", "#", 3, 6, (5, 2, 1))))
    assert number_headings(lines, chapter) == ["intro", "## 5.1 Opening {#opening}", "", "5.2 Setext heading", "---",
                                               "### 5.2.1 # {#empty}"]


# -- sop build, tried as a hostile or careless user would ---------------------------------------------

# check errors: nothing is built, nothing is written
def test_build_check_error_builds_nothing(sandbox):
    ch5 = sandbox.root / CH5
    ch5.write_text(ch5.read_text(encoding="utf-8") + "\nSee [](sop:no-such-section).\n", encoding="utf-8")
    sandbox.snapshot()
    r = sandbox.sop("build")
    assert r.code == 1
    assert "C107" in r.err and "nothing was built" in r.err
    assert not (sandbox.root / "site").exists()
    assert [p.name for p in sandbox.root.iterdir() if p.name.startswith(".")] == [".git"]
    sandbox.assert_corpus_unchanged()


def test_build_check_error_keeps_the_site_built_before(sandbox, tmp_path):
    out = tmp_path / "public"
    assert sandbox.sop("build", "-o", str(out)).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ch5 = sandbox.root / CH5
    ch5.write_text(ch5.read_text(encoding="utf-8") + "\nSee [](law:iq/no-such-law#1).\n", encoding="utf-8")
    sandbox.snapshot()
    r = sandbox.sop("build", "-o", str(out))
    assert r.code == 1 and "C101" in r.err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    sandbox.assert_corpus_unchanged()


# where the site may go
@pytest.mark.parametrize("target, words", [
    ("sop/site", "it is a file of the corpus (under sop/)"),
    ("laws", "it is the corpus folder laws/"),
    (".", "the folder is not empty and does not hold a site built before"),
    ("..", "the folder is not empty"),
    ("no/such/folder", "does not exist"),
    ("sop.yml", "it is the corpus file sop.yml"),
])
def test_build_refuses_target(sandbox, target, words):
    r = sandbox.sop("build", "-o", target)
    assert r.code == 2
    assert r.err.startswith("sop: error: ") and words in r.err
    sandbox.assert_corpus_unchanged()


def test_build_refuses_a_folder_holding_other_files(sandbox, tmp_path):
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "letter.txt").write_text("mine", encoding="utf-8")
    r = sandbox.sop("build", "-o", str(keep))
    assert r.code == 2 and "would delete what it holds" in r.err
    assert [p.name for p in keep.iterdir()] == ["letter.txt"]
    sandbox.assert_corpus_unchanged()


def test_build_refuses_a_symbolic_link_as_target(sandbox, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    r = sandbox.sop("build", "-o", str(tmp_path / "link"))
    assert r.code == 2 and "symbolic link" in r.err
    assert list((tmp_path / "real").iterdir()) == []
    sandbox.assert_corpus_unchanged()


# the corpus's mkdocs.yml is read as plain YAML before mkdocs reads it
@pytest.mark.parametrize("config, words", [
    ("site_name: x\ndocs_dir: sop\nplugins:\n  - sop\nmarkdown_extensions:\n  - !!python/name:os.system\n",
     "tag"),
    ("site_name: x\ndocs_dir: sop\nhooks:\n  - evil.py\n", "hooks"),
    ("site_name: x\ndocs_dir: sop\ntheme: material\n", "does not list the sop plugin"),
])
def test_build_refuses_a_config_that_would_run_code_or_miss_the_plugin(sandbox, config, words, tmp_path):
    (sandbox.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (sandbox.root / "evil.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').write('x')\n", encoding="utf-8")
    r = sandbox.sop("build")
    assert r.code == 2 and words in r.err
    assert not (tmp_path / "ran").exists() and not (sandbox.root / "site").exists()
    sandbox.assert_corpus_unchanged()


def test_build_without_a_config_uses_the_one_sopkit_ships(sandbox):
    assert not (sandbox.root / "mkdocs.yml").exists()
    r = sandbox.sop("build")
    assert r.code == 0, r.err
    page = lxml.html.parse(str(sandbox.root / "site" / "ckb" / "05-investigation" / "index.html")).getroot()
    assert (page.get("lang"), page.get("dir")) == ("ckb", "rtl")
    sandbox.assert_corpus_unchanged()


def test_build_help_has_an_example():
    r = sop("build", "--help")
    assert r.returncode == 0 and "sop build -o public" in r.stdout


def test_mkdocs_reads_the_plugin_by_its_entry_point():
    from importlib.metadata import entry_points

    (plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "sop"]
    assert plugin.load().__name__ == "SopPlugin"



# -- the glossary ----------------------------------------------------------------------------------------------

def test_the_glossary_is_a_page_per_language_with_every_term_in_the_readers_language_first(site, corpus):
    for folder, lang in LANGUAGES.items():
        page = site.page(f"{folder}glossary")
        assert (page.get("lang"), page.get("dir")) == (lang, DIRECTION[lang])
        assert say(lang, "glossary", "title") in text(page.find_class("md-content")[0])
        rows = page.find_class("md-content")[0].findall(".//tbody/tr")
        assert len(rows) == len(corpus.glossary)
        for row, term in zip(rows, corpus.glossary):
            cells = row.findall("td")
            assert text(cells[0]) == term.terms[lang] and cells[0].find(".//span").get("id") == term.id
            for cell in cells[1:3]:  # the other languages' terms, each isolated in its own direction
                bdi = cell.find(".//bdi")
                assert bdi is not None and bdi.get("dir") == DIRECTION[bdi.get("lang")]
        flagrant = page.get_element_by_id("flagrant-offence").getparent().getparent()
        assert "الجرم المشهود" in text(flagrant)  # the rendering to avoid, named with its concept
        home = site.page(folder.rstrip("/"))
        assert any(site.resolve(f"{folder}index.html", a.get("href"))[0] == f"{folder}glossary/index.html"
                   for a in home.find_class("md-content")[0].iter("a") if a.get("href"))

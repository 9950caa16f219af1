"""The site's search (sopkit/site/search.py and its scripts): one compact index for every language, folded in the
browser exactly as `sopkit.normalize.fold` folds, the reader's language first.

One `sop build` for the module. The browser's side is run for real, without a browser: node runs the built
worker (the site's step, Material's worker, lunr and the folded language it imports) through
tests/search_worker.js, and answers queries as the site would.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from conftest import REPO
from sopkit.normalize import fold
from sopkit.site import search

LANGUAGES = ["en", "ar", "ckb"]
SOURCE = "en"
HARNESS = Path(__file__).with_name("search_worker.js")
NODE = shutil.which("node")
needs_node = pytest.mark.usefixtures("node")  # make test installs node (Debian's nodejs) with the browser


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site  # the bundled corpus built once for the session (conftest.py): read, never changed


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / search.INDEX_JSON).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def node() -> str:
    if NODE is None:
        pytest.fail("no node to run the site's search worker: `make test` installs it (apt-get install nodejs)")
    return NODE


def worker(site: Path, reader: str, queries) -> dict | list:
    r = subprocess.run([NODE, str(HARNESS), str(site), reader, json.dumps(queries, ensure_ascii=False)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def site_of(location: str) -> str:
    return search.site_of(location, SOURCE, LANGUAGES)


NOT_SEARCHED = {"overview/"}  # left out of search on purpose (overview.py: its labels would match every law's name)


def pages(site: Path):
    """(language, location as the index writes it, parsed page) for every searched page of the site."""
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        location = "" if rel == "." else f"{rel}/"
        lang = site_of(location)
        if (location if lang == SOURCE else location[len(lang) + 1:]) in NOT_SEARCHED:
            continue
        yield site_of(location), location, lxml.html.fromstring(path.read_text(encoding="utf-8"))


def plain(markup: str) -> str:
    """The words of an index document's markup: blocks apart, inline markup (code, em) dropped."""
    blocks = re.sub(r"</?(?:p|li|ul|ol|h\d|div|table|tr|td|th|pre|blockquote)\b[^>]*>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", blocks)).split())


# -- the files: every language's search, written once all languages are built ----------------------------

def test_files_index_as_json_and_as_script(site, index):
    script = (site / search.INDEX_SCRIPT).read_text(encoding="utf-8")
    assert script.startswith("var __index = ") and script.rstrip().endswith(";")
    assert json.loads(script[len("var __index = "):].rstrip().rstrip(";")) == index  # what file:// reads


def test_files_index_names_the_folded_language(index):
    config = index["config"]
    assert config["lang"] == ["folded"] and config["separator"] == search.SEPARATOR
    assert config["sop"] == {"source": SOURCE, "languages": LANGUAGES}
    assert "trimmer" in config["pipeline"]


def test_files_index_holds_every_page_of_every_language(site, index):
    locations = {doc["location"] for doc in index["docs"]}
    seen = set()
    for lang, location, _ in pages(site):
        assert location in locations, f"{location or '/'} is not in the search index"
        seen.add(lang)
    assert seen == set(LANGUAGES)


def test_files_a_worker_per_language_and_pages_point_at_theirs(site):
    material = next((site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    core = material.split("//# sourceMappingURL")[0].strip()
    language = (site / search.LANGUAGE_SCRIPT).read_text(encoding="utf-8").strip()
    for lang in LANGUAGES:
        text = (site / search.worker_path(lang, SOURCE)).read_text(encoding="utf-8")
        assert f'var READER = "{lang}"' in text and core in text and language in text
        assert text.index(core) < text.index(language)  # the language needs Material's lunr
    for lang, location, page in pages(site):
        config = json.loads(page.get_element_by_id("__config").text)
        assert config["search"].endswith(search.worker_path(lang, SOURCE)), location


def test_files_folded_language_holds_the_python_table(site):
    text = (site / search.LANGUAGE_SCRIPT).read_text(encoding="utf-8")
    table = json.loads(re.search(r"var TABLE = (\{.*?\});", text).group(1))
    assert table == search.fold_table() and table["أ"] == "ا" and table["ك"] == "ک"


# -- size: UTF-8 as written, no blanks, copies by reference ------------------------------------------------

def test_size_compact(site, index):
    raw = (site / search.INDEX_JSON).read_bytes()
    assert b"\\u06" not in raw and b"\\u0" not in raw  # Arabic script as UTF-8, not \u escapes
    assert b'": ' not in raw[:2000] and b", " not in raw[:200]  # no blanks between tokens
    assert raw == search.encode(index).encode("utf-8")
    keys = {key for doc in index["docs"] for key in doc}
    assert keys <= {"location", "title", "text", "same_as"}, keys
    before = len(json.dumps(_expanded(index)).encode())  # as Material writes it: \u escapes, every copy in full
    assert len(raw) < 0.6 * before, (len(raw), before)


def test_size_stand_ins_are_written_as_references(partial_site):
    """While chapters are not translated yet (conftest.partial_corpus), their stand-ins repeat the source's
    sections: the index names the source's document instead of copying it."""
    raw = (partial_site / search.INDEX_JSON).read_bytes()
    index = json.loads(raw)
    copies = [doc for doc in index["docs"] if "same_as" in doc]
    assert copies and {doc["location"].split("/")[1] for doc in copies} >= {"06-victim-protection"}
    before = len(json.dumps(_expanded(index)).encode())
    assert len(raw) < 0.6 * before, (len(raw), before)


def _expanded(index: dict) -> dict:
    by_location = {doc["location"]: doc for doc in index["docs"]}
    docs = [{**by_location[doc["same_as"]], "location": doc["location"]} if "same_as" in doc else doc
            for doc in index["docs"]]
    return {"config": index["config"], "docs": docs}


def test_size_copies_only_of_identical_source_sections(index):
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for doc in index["docs"]:
        if "same_as" in doc:
            assert site_of(doc["location"]) != SOURCE and site_of(doc["same_as"]) == SOURCE
            assert doc["location"].split("/", 1)[1] == doc["same_as"] and "same_as" not in by_location[doc["same_as"]]


def test_size_compacting_keeps_every_document():
    material = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}},
                "docs": [{"location": "a/", "title": "A", "text": "<p>x</p>"},
                         {"location": "a/#s", "title": "S", "text": "y"},
                         {"location": "ar/a/", "title": "أ", "text": "<p>س</p>"},
                         {"location": "ar/a/#s", "title": "S", "text": "y"},
                         {"location": "ar/a/#t", "title": "S", "text": "changed"}]}
    compact = search.compact_index(material, "en", ["en", "ar"])
    assert [d["location"] for d in compact["docs"]] == [d["location"] for d in material["docs"]]
    assert compact["docs"][3] == {"location": "ar/a/#s", "same_as": "a/#s"}
    assert compact["docs"][4] == material["docs"][4]  # not the same text as a/#t (there is none): kept
    assert _expanded(compact)["docs"] == material["docs"]


# -- folding: the browser folds as Python does --------------------------------------------------------------

def test_fold_table_is_what_fold_does():
    table = search.fold_table()
    for ch, image in table.items():
        assert fold(ch) == image
    for ch in "abcاکیهرلو0123456789ئ"[:-1] + "ڤ":
        assert ch not in table or table[ch] != ch


WORDS = ["إفادة", "أَفادَة", "الضحيّة", "ضحيــة", "كوردي", "کوردی", "مادەی", "مادهى", "ڕێکار", "ريكار", "٢٠١٢", "۲۰۱۲",
         "ئاسایش", "آمن", "ٱلقانون", "قوربانى", "بە\u200cڵگەنامە", "Article", "VICTIM", "6.2", "(٦)", "مؤسسة"]


@needs_node
def test_fold_browser_equals_python(site, index):
    words = set(WORDS)
    for doc in index["docs"][::7]:  # words of every language and script from the site itself
        words.update(plain(doc.get("text", "") + " " + doc.get("title", "")).split())
    words = sorted(words)
    folded = worker(site, "fold", words)
    mismatches = {w: (folded[w], fold(w)) for w in words if folded[w] != fold(w)}
    assert not mismatches, list(mismatches.items())[:10]
    assert len(words) > 1000


# -- finding words as readers type them --------------------------------------------------------------------

@needs_node
@pytest.mark.parametrize("reader", LANGUAGES)
def test_find_without_diacritics_hamza_or_kurdish_letters(site, reader):
    pairs = [("إفادة", "افادة"), ("الضحيّة", "الضحية"), ("ضحية", "ضحيّة"), ("کوردی", "كوردي"), ("قوربانی", "قوربانى"),
             ("مرۆڤ", "مروڤ")]
    found = worker(site, reader, [q for pair in pairs for q in pair] + ["victim", "Victims"])
    for written, typed in pairs:
        assert found[written], f"{written} finds nothing"
        assert found[typed] == found[written], (written, typed)
    assert found["victim"] and found["Victims"]


@needs_node
def test_find_expected_pages(site):
    found = worker(site, "ar", ["افادة", "الضحية", "victim"])
    assert "ar/01-general-provisions/#principle-trauma-informed" in found["افادة"][0]
    assert any("ar/01-general-provisions/#term-victim" in group for group in found["الضحية"])
    found = worker(site, "ckb", ["كوردي", "قوربانى"])
    assert all(site_of(group[0]) == "ckb" for group in found["كوردي"])
    assert found["قوربانى"][0][0].startswith("ckb/")
    found = worker(site, "en", ["victim"])
    assert found["victim"][0][0] == "06-victim-protection/"


# -- the reader's language first ----------------------------------------------------------------------------

@needs_node
@pytest.mark.parametrize("reader", LANGUAGES)
def test_reader_language_first(site, reader):
    queries = ["28", "2012", "victim", "الاتجار", "قانون"]
    found = worker(site, reader, queries)
    for query in queries:
        sites = [site_of(group[0]) for group in found[query]]
        own = {"en": ("28", "2012", "victim"), "ar": ("28", "2012", "الاتجار", "قانون"), "ckb": ("28", "2012")}
        if query in own[reader]:  # a word of the reader's own language (or a number): found in its pages
            assert reader in sites, (query, sites)
        if query in ("28", "2012"):  # numbers every language writes alike: found in several languages
            assert len(set(sites)) > 1, (query, sites)
        first_other = next((i for i, s in enumerate(sites) if s != reader), len(sites))
        assert all(s != reader for s in sites[first_other:]), (query, sites)


@needs_node
@pytest.mark.parametrize("reader", LANGUAGES)
def test_reader_documents_boosted_and_restored(site, index, reader):
    docs = worker(site, reader, "docs")
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert {d[0] for d in docs if site_of(d[0]) == reader} == {loc for loc in by_location if site_of(loc) == reader}
    for location, title, text, boost in docs:
        assert (boost > 1) == (site_of(location) == reader), location
        doc = by_location[location]
        original = by_location[doc["same_as"]] if "same_as" in doc else doc
        assert (title, text) == (original["title"], original["text"]), location


# -- no text lost: every page's sections and paragraphs are in the reader's index -------------------------

@needs_node
@pytest.mark.parametrize("reader", LANGUAGES)
def test_no_text_lost(site, reader):
    docs = worker(site, reader, "docs")
    by_page: dict[str, list[str]] = {}
    titles = set()
    for location, title, text, _ in docs:
        by_page.setdefault(location.split("#")[0], []).append(plain(f"{title} {text}"))
        titles.add(location)
    checked = 0
    for lang, location, page in pages(site):
        if lang != reader:
            continue
        content = " ".join(by_page[location])
        article = page.find_class("md-content__inner")[0]
        for heading in article.xpath(".//h2[@id] | .//h3[@id]"):
            assert f"{location}#{heading.get('id')}" in titles, (location, heading.get("id"))
        for paragraph in article.xpath(".//p[not(ancestor::*[contains(@class,'admonition')])]"):
            words = " ".join(paragraph.text_content().split())
            if words:
                assert words in content, (location, words[:80])
                checked += 1
    assert checked > 100

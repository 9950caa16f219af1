"""The site offline and in print: the service worker's list and version, the downloadable copy for file://, the
print stylesheet on every page, and a build that is byte-identical for the same revision.

No browser here (tests/test_browser.py drives one): these read what `sop build` wrote.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest

from sopkit.site.offline import (DOWNLOAD_NAME, FRAME_WORKER, PRINT, REGISTER, SERVICE_WORKER, download_path,
                                 manifest, search_scripts, version, write_service_worker, zip_copy)

FOLDERS = {"en": "", "ar": "ar/", "ckb": "ckb/"}


def _manifest(site: Path) -> dict:
    text = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const MANIFEST = (\{.*\});\n", text).group(1))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled corpus built twice from the same revision (a git repository), by `sop build`."""
    from hostile import make_sandbox

    box = make_sandbox(tmp_path_factory.mktemp("offline"))
    first, second = box.root.parent / "first", box.root.parent / "second"
    for out in (first, second):
        r = box.sop("build", "-o", str(out), timeout=600)
        assert r.code == 0, r.both
    return first, second


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


# -- the service worker --------------------------------------------------------------------------------------

def test_manifest_splits_pages_by_language_and_leaves_out_what_no_reader_needs():
    files = ["index.html", "05-investigation/index.html", "ar/index.html", "ar/05-investigation/index.html",
             "ckb/laws/iq/law-28-2012/index.html", "404.html", "assets/stylesheets/main.css",
             "assets/javascripts/bundle.js.map", "download/sop-offline.zip", "sitemap.xml", "sitemap.xml.gz",
             "sw.js", "assets/javascripts/lunr/min/lunr.ar.min.js", "assets/javascripts/lunr/min/lunr.x.min.js",
             "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "search/search_index.json",
             "search/search_index.js"]
    shared, pages = manifest(files, FOLDERS, search_languages=["ar"])
    assert pages == {"en": ["", "05-investigation/"], "ar": ["ar/", "ar/05-investigation/"],
                     "ckb": ["ckb/laws/iq/law-28-2012/"]}
    assert shared == ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                      "assets/javascripts/lunr/min/lunr.ar.min.js",
                      "404.html", "assets/stylesheets/main.css", "search/search_index.json"]
    _, by_file = manifest(files, FOLDERS, directory_urls=False)
    assert by_file["ar"] == ["ar/index.html", "ar/05-investigation/index.html"]


def test_search_scripts_follow_the_index_languages():
    assert search_scripts(["en"]) == []
    assert search_scripts(["folded"]) == ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                                          "assets/javascripts/lunr/min/lunr.folded.min.js"]


def test_version_changes_with_any_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("one", encoding="utf-8")
    (tmp_path / "x.css").write_text("p{}", encoding="utf-8")
    write_service_worker(tmp_path, {"en": ""})
    first = _manifest(tmp_path)["version"]
    write_service_worker(tmp_path, {"en": ""})
    assert _manifest(tmp_path)["version"] == first  # sw.js itself is not hashed
    (tmp_path / "x.css").write_text("p{color:red}", encoding="utf-8")
    write_service_worker(tmp_path, {"en": ""})
    assert _manifest(tmp_path)["version"] != first


def test_every_page_registers_the_worker_and_the_worker_lists_every_page(site):
    listed = _manifest(site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    urls = {lang: set(u) for lang, u in listed["pages"].items()}
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        assert REGISTER in html and FRAME_WORKER in html and PRINT in html, page
        url = page[: -len("index.html")]
        lang = "ar" if page.startswith("ar/") else "ckb" if page.startswith("ckb/") else "en"
        assert url in urls[lang], page
    assert sum(len(u) for u in urls.values()) == len(pages)
    for rel in listed["shared"]:
        assert (site / rel).is_file(), rel
    assert not any(rel.endswith((".map", ".zip")) for rel in listed["shared"])
    # the print edition's PDFs are fetched when a reader asks for one, not on a phone's first visit
    assert (site / "print" / "sop.en.pdf").is_file()
    assert not any(rel.startswith("print/") for rel in listed["shared"])


def test_the_frame_worker_is_loaded_before_the_theme_creates_its_worker(site):
    html = (site / "ar/05-investigation/index.html").read_text(encoding="utf-8")
    assert html.index(FRAME_WORKER) < html.index("bundle.")


# -- the downloadable copy (file://) -------------------------------------------------------------------------

def test_each_home_page_links_to_the_copy(site):
    for home, prefix in (("index.html", ""), ("ar/index.html", "../"), ("ckb/index.html", "../")):
        hrefs = lxml.html.parse(str(site / home)).getroot().xpath("//article//a/@href")
        assert prefix + download_path() in hrefs, home
    assert (site / download_path()).is_file()


def test_the_copy_opens_from_a_folder(site, tmp_path):
    with zipfile.ZipFile(site / download_path()) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(n.startswith(f"{DOWNLOAD_NAME}/") for n in names)
        archive.extractall(tmp_path)
    root = tmp_path / DOWNLOAD_NAME
    for needed in ("index.html", "ar/index.html", "ckb/index.html", "ar/05-investigation.html",
                   "search/search_index.js", FRAME_WORKER):
        assert (root / needed).is_file(), needed
    assert not (root / SERVICE_WORKER).exists() and not any(root.rglob("*.map")) and not any(root.rglob("*.zip"))
    assert not (root / "404.html").exists()  # a server's page, with addresses from the server's root
    assert (root / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    # every link inside the copy names a file that is there, with its anchor (no folder URLs: file:// would
    # show a folder listing)
    for page in sorted(root.rglob("*.html")):
        tree = lxml.html.parse(str(page)).getroot()
        ids = None
        for href in tree.xpath("//a/@href | //link[@rel='stylesheet']/@href | //script/@src"):
            if re.match(r"[a-z]+:", href) or href.startswith("#"):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve()
            assert target.is_file(), (page.relative_to(root), href)
            if anchor and target.suffix == ".html":
                ids = {e.get("id") for e in lxml.html.parse(str(target)).getroot().iter() if e.get("id")}
                assert anchor in ids, (page.relative_to(root), href)


def test_the_copys_language_switcher_names_files(site, tmp_path):
    data = (site / download_path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        html = archive.read(f"{DOWNLOAD_NAME}/ckb/laws/iq/law-28-2012.html").decode("utf-8")
    switcher = lxml.html.fromstring(html).xpath("//*[contains(@class,'md-select')]//a[@hreflang]/@href")
    assert sorted(switcher) == ["../../../ar/laws/iq/law-28-2012.html", "../../../laws/iq/law-28-2012.html",
                                "law-28-2012.html"]


def test_the_zip_is_the_same_for_the_same_files(tmp_path, monkeypatch):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.html").write_text("x", encoding="utf-8")
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = zip_copy(tmp_path)
    (tmp_path / "a.html").touch()  # another modification time: the same zip
    assert zip_copy(tmp_path) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    assert zip_copy(tmp_path) != first


# -- the whole build ----------------------------------------------------------------------------------------

def test_the_build_is_byte_identical_for_the_same_revision(built):
    first, second = built
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    differing = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert differing == []
    assert version(first, [f for f in files if f != SERVICE_WORKER]) == _manifest(first)["version"]


# -- print --------------------------------------------------------------------------------------------------

def test_the_print_stylesheet_hides_the_chrome_and_keeps_headings_with_their_text(site):
    css = (site / PRINT).read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    for selector in (".md-header", ".md-sidebar", ".md-search", ".md-select", ".md-footer", ".md-tabs"):
        assert selector in block.split("display: none")[0], selector
    assert "break-after: avoid" in block and "a::after" in block
    assert "direction" not in block  # the page keeps its own (rtl for ar and ckb)

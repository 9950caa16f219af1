"""The published site in a real browser, under its Content-Security-Policy and without a connection: as served,
as the downloadable copy opened from a folder (file://), and from the service worker's cache once visited.

The site is the one tests/test_browser.py reads (built once per session, tests/conftest.py), in the same chromium.
What is watched on every page: the browser's `securitypolicyviolation` events (collected by a script the browser
runs before the page's own, in every document), console errors and uncaught errors, and requests. Screenshots go
to build/screenshots/ with the others: the Arabic chapter opened from a folder, a page read offline.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from test_browser import (LANGUAGES, WIDE, Reader, browser, screenshot, search, server, site,  # noqa: F401
                          switch)
from sopkit.site.offline import DOWNLOAD_NAME, SERVICE_WORKER, download_path

# Runs in every document before its scripts (the browser injects it: the page's policy does not apply to it).
_WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.sopViolation(`${e.violatedDirective} refused ${e.blockedURI || "inline code"} `
                      + `(${e.sourceFile || location.href}:${e.lineNumber})`);
}, true);
"""
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
HANG_GUARD = 30  # seconds: the service worker keeps a language's pages in about one here


class Watch:
    """What went wrong in a browser context: policy violations, console errors, uncaught errors, and (under
    file://) any request for something other than a local file."""

    def __init__(self, context, local: bool = False):
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.outside: list[str] = []
        context.expose_function("sopViolation", lambda text: self.violations.append(text))
        context.add_init_script(_WATCH)
        context.on("page", self.page)
        context.on("request", lambda r: self.requests.append(r.url))
        context.set_default_timeout(10_000)  # a step that cannot happen fails in seconds, not half a minute
        if local:
            context.route("**/*", self._local)

    def page(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} ({page.url})"))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e} ({page.url})"))

    def _local(self, route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def assert_clean(self) -> None:
        assert self.violations == [], "the Content-Security-Policy refused something"
        assert self.errors == []


def find_results(page, query: str) -> int:
    """How many results the search box lists for `query` (it waits for them)."""
    search(page, query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    return page.locator(".md-search-result__item").count()


def file_title(path: Path) -> str:
    return lxml.html.parse(str(path)).getroot().findtext(".//title")


# -- the Content-Security-Policy refuses nothing the site does -------------------------------------------------


@pytest.mark.parametrize("path, query, goal", [
    ("05-investigation/", "victim", "ar"),
    ("ar/05-investigation/", "الضحية", "ckb"),
    ("ckb/05-investigation/", "قوربانی", "en"),
    ("laws/iq/law-28-2012/", "trafficking", "ckb"),
])
def test_policy_refuses_nothing_a_reader_does(browser, server, path, query, goal):
    reader = Reader(browser, server, WIDE)
    watch = Watch(reader.context)
    watch.page(reader.page)  # the tab was opened before the watch
    try:
        page = reader.open(path)
        assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
        if "laws/" not in path:  # before searching: the search's closing fade would hold up the pointer
            citations = page.locator(".sop-cite > a")
            assert citations.count() > 0
            link = citations.first
            link.hover()
            link.focus()
            box = page.locator("#sop-cite-box")
            box.wait_for(state="visible")  # citations.js ran and placed its box (a style set by script)
            assert box.locator("p").text_content() == link.get_attribute("title")
            page.keyboard.press("Escape")
        assert find_results(page, query) > 0
        page.keyboard.press("Escape")
        switch(page, goal)
        assert page.evaluate("() => document.documentElement.lang") == goal
        page.wait_for_load_state("load")
        watch.assert_clean()
        assert reader.outside == [] and reader.failed == []
    finally:
        reader.close()


# -- the downloadable copy, opened from a folder -------------------------------------------------------------


@pytest.fixture(scope="module")
def copy(site, tmp_path_factory) -> Path:
    """The site's download/sop-offline.zip unpacked into a folder: the copy's own folder."""
    folder = tmp_path_factory.mktemp("copy")
    with zipfile.ZipFile(site / download_path()) as archive:
        archive.extractall(folder)
    return folder / DOWNLOAD_NAME


@pytest.fixture
def local(browser):
    """A tab that may read local files only; on leaving: nothing refused, no error, nothing else requested."""
    context = browser.new_context(viewport=WIDE)
    watch = Watch(context, local=True)
    page = context.new_page()
    yield page
    context.close()
    assert watch.outside == [], "a request left the folder"
    assert [u for u in watch.requests if not u.startswith(LOCAL_SCHEMES)] == []
    watch.assert_clean()


def test_copy_lays_out_arabic_right_to_left(local, copy):
    for lang, direction in (("ar", "rtl"), ("ckb", "rtl"), ("en", "ltr")):
        local.goto((copy / LANGUAGES[lang] / "05-investigation.html").as_uri())
        assert local.evaluate("() => document.documentElement.dir") == direction
        for selector in ("html", "body", ".md-content", ".md-typeset h2"):
            assert local.eval_on_selector(selector, "e => getComputedStyle(e).direction") == direction
        assert local.locator(".md-typeset h1").first.is_visible()
        if lang == "ar":
            screenshot(local, "file-ar-chapter-05")


def test_copy_links_name_files_that_exist_with_their_anchors(local, copy):
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            root = lxml.html.parse(str(path)).getroot()
            ids[path] = {e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
        return ids[path]

    broken, checked = [], 0
    for lang in LANGUAGES:
        for name in ("index.html", "05-investigation.html", "laws/iq/law-28-2012.html", "overview.html"):
            source = copy / LANGUAGES[lang] / name
            local.goto(source.as_uri(), wait_until="domcontentloaded")
            hrefs = local.eval_on_selector_all(  # SVG links too (their href is not a string)
                "a[href]", "as => as.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
            for href in hrefs:
                if not href.startswith("file:"):
                    continue
                checked += 1
                parts = urlsplit(href)
                target = Path(unquote(parts.path))
                where = f"{source.relative_to(copy)}: {href.removeprefix(copy.as_uri())}"
                if not target.is_relative_to(copy):
                    broken.append(f"{where}: outside the copy")
                elif parts.path.endswith("/") or target.is_dir():
                    broken.append(f"{where}: a folder, not a file (a folder opens no page from file://)")
                elif not target.is_file():
                    broken.append(f"{where}: no such file")
                elif parts.fragment and (target.suffix != ".html" or unquote(parts.fragment) not in anchors(target)):
                    broken.append(f"{where}: no such anchor")
    assert checked > 500
    assert broken == []


@pytest.mark.parametrize("lang, query", [("ar", "افادة"), ("ckb", "قوربانى")])
def test_copy_search_finds_words_and_opens_the_page(local, copy, lang, query):
    local.goto((copy / LANGUAGES[lang] / "05-investigation.html").as_uri())
    assert find_results(local, query) > 0
    first = local.locator(".md-search-result__item > a").first
    href = first.evaluate("a => a.href")
    with local.expect_navigation():
        first.click()
    opened = urlsplit(local.url)
    assert local.url == href and opened.scheme == "file"
    assert opened.path.endswith(".html") and Path(unquote(opened.path)).is_file()
    assert Path(unquote(opened.path)).is_relative_to(copy / LANGUAGES[lang])  # the reader's language first
    assert local.evaluate("() => document.documentElement.lang") == lang
    if opened.fragment:
        assert local.locator(f"[id='{unquote(opened.fragment)}']").count() == 1


def test_copy_switcher_keeps_the_provision(local, copy):
    local.goto((copy / "ckb/laws/iq/law-28-2012.html").as_uri() + "#6.2")
    assert local.locator("[id='6.2']").count() == 1
    switch(local, "ar")
    landed = urlsplit(local.url)
    assert Path(unquote(landed.path)) == copy / "ar/laws/iq/law-28-2012.html"
    assert unquote(landed.fragment) == "6.2"
    assert local.evaluate("() => document.documentElement.lang") == "ar"
    assert local.locator("[id='6.2']").count() == 1


# -- offline once visited (service worker) -------------------------------------------------------------------


def manifest(site: Path) -> dict:
    text = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const MANIFEST = (\{.*\});\n", text).group(1))


_CACHED = """async () => {
  const names = await caches.keys();
  const urls = [];
  for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
  return {controlled: !!navigator.serviceWorker.controller, names: names, urls: urls};
}"""


class _Fresh(http.server.SimpleHTTPRequestHandler):
    """The site's files, never kept by the browser's own HTTP cache: offline, only the service worker has them."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class Unpluggable:
    """A server of the site that the test can switch off: then nothing answers at its address."""

    def __init__(self, site: Path):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Fresh, directory=str(site)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.plugged = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def unplug(self) -> None:
        if self.plugged:
            self.plugged = False
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def unpluggable(site):
    server = Unpluggable(site)
    yield server
    server.unplug()


def test_a_language_read_once_opens_offline(browser, unpluggable, site):
    server = unpluggable.origin
    expected = manifest(site)
    cache_name = "sop-" + expected["version"]
    arabic = {server + url for url in expected["pages"]["ar"]}
    assert {server + "ar/laws/iq/law-28-2012/", server + "ar/06-victim-protection/"} <= arabic
    context = browser.new_context(viewport=WIDE, service_workers="allow")
    watch = Watch(context)
    try:
        page = context.new_page()
        page.goto(server + "ar/05-investigation/", wait_until="load")
        deadline = time.monotonic() + HANG_GUARD
        while True:  # the worker takes the page, then keeps the language's pages in the background
            state = page.evaluate(_CACHED)
            if state["controlled"] and cache_name in state["names"] and arabic <= set(state["urls"]):
                break
            assert time.monotonic() < deadline, f"the Arabic pages were not kept: {state['names']}, " \
                f"missing {sorted(arabic - set(state['urls']))[:5]}, controlled: {state['controlled']}"
            page.wait_for_timeout(100)
        assert not any(url.startswith(server + "ckb/") for url in state["urls"])  # one language only

        context.set_offline(True)
        unpluggable.unplug()  # and nothing answers: whatever the browser's offline mode leaves out, nothing comes
        for path in ("ar/06-victim-protection/", "ar/laws/iq/law-28-2012/"):
            response = page.goto(server + path, wait_until="load")
            assert response is not None and response.ok and response.from_service_worker
            assert page.title() == file_title(site / path / "index.html")
            assert page.evaluate("() => document.documentElement.lang") == "ar"
            assert page.locator(".md-typeset h1").first.is_visible()
        screenshot(page, "offline-ar-law-28-2012")  # the last page opened
        assert find_results(page, "الضحية") > 0
        first = page.locator(".md-search-result__item > a").first.evaluate("a => a.href")
        assert first.startswith(server + "ar/")

        # a page never visited, of a language never read: the site's own "not found" page, from the cache
        for path in ("ckb/05-investigation/", "05-investigation/"):
            response = page.goto(server + path, wait_until="load")
            assert response is not None and response.from_service_worker
            assert page.title() == file_title(site / "404.html")
            assert "404" in page.locator(".md-typeset h1").first.inner_text()
        screenshot(page, "offline-ckb-not-kept")
        watch.assert_clean()
        refused = page.evaluate("""async (url) => {
          try { await fetch(url, {cache: "no-store"}); return false; } catch (e) { return true; } }""",
                                server + "sitemap.xml")  # never cached: offline, it fails (and logs an error)
        assert refused, "the browser was not offline: the test proved nothing"
    finally:
        context.close()

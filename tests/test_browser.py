"""The published site in a real browser: Debian's chromium, driven by Playwright, reading the site `sop build`
made from the bundled corpus, served from a local web server.

What a reader sees is checked as the browser computes it (direction and layout, where things sit), not as the
HTML says it. Every page is visited in every language; no request may leave the site (a reader's reading is
nobody else's business, and readers may be offline). Screenshots of the pages a reader would look at first are
kept in build/screenshots/ (SOP_ARTIFACTS to put them elsewhere): look at them after a change to the site.

The browser is the system's chromium (`make test` installs it; SOP_CHROMIUM names another one): Playwright's
own browser download is not reachable from the machines this project runs on.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import playwright.sync_api as playwright
import pytest

from conftest import REPO

ARTIFACTS = Path(os.environ.get("SOP_ARTIFACTS") or REPO / "build" / "screenshots")
LANGUAGES = {"en": "", "ar": "ar/", "ckb": "ckb/"}
WIDE = {"width": 1280, "height": 900}  # wide enough for both sidebars (Material shows the contents from 1220 px)
PHONE = {"width": 390, "height": 844}


def chromium() -> str:
    found = os.environ.get("SOP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("no chromium: install it with `make test` (it runs `apt-get install chromium`), "
                    "or name one with SOP_CHROMIUM=/path/to/chromium")
    return found


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test's output is the findings, not the server's log
        pass


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site  # built once per session (conftest.py): test_browser_offline.py reads it too


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(site: Path):
    yield from _serve(site)


@pytest.fixture(scope="module")
def partial_server(partial_site: Path):
    yield from _serve(partial_site)  # the corpus while being translated (conftest.partial_corpus)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield browser
        browser.close()


class Reader:
    """A browser tab on the site that records every request leaving it, and every failed one."""

    def __init__(self, browser, origin: str, viewport: dict):
        self.origin = origin
        self.context = browser.new_context(viewport=viewport)
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: HTTP {r.status}"))

    def _failed(self, request) -> None:
        if "ERR_ABORTED" not in (request.failure or ""):  # cut short by the next page being opened: not a fault
            self.failed.append(f"{request.url}: {request.failure}")

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.origin + path, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser, server):
    tab = Reader(browser, server, WIDE)
    yield tab
    tab.close()
    assert tab.outside == [], f"requests left the site: {tab.outside}"
    assert tab.failed == [], f"requests failed: {tab.failed}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


# -- right to left, as the browser lays it out ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_layout_direction_is_computed_for_the_language(reader, lang):
    page = reader.open(f"{LANGUAGES[lang]}05-investigation/")
    rtl = lang != "en"
    assert page.evaluate("document.documentElement.lang") == lang
    for selector in ("html", "body", ".md-content", ".md-typeset h2"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).direction") == ("rtl" if rtl else "ltr")
    content, navigation, contents = box(page, ".md-content"), box(page, ".md-sidebar--primary"), \
        box(page, ".md-sidebar--secondary")
    # the chapters' navigation sits where the reader starts reading: on the right in Arabic and Kurdish
    assert (navigation["x"] > content["x"]) is rtl
    assert (contents["x"] < content["x"]) is rtl
    heading = box(page, ".md-typeset h2")
    inner = box(page, ".md-content__inner")
    if rtl:  # a heading starts at the right edge of the text
        assert abs((heading["x"] + heading["width"]) - (inner["x"] + inner["width"])) < 2
    else:
        assert abs(heading["x"] - inner["x"]) < 2
    screenshot(page, f"{lang}-chapter-05")


def test_rtl_page_on_a_phone_keeps_its_text_on_the_right(browser, server):
    tab = Reader(browser, server, PHONE)
    try:
        page = tab.open("ar/05-investigation/")
        first = page.locator(".md-typeset p").first
        text_box, inner = first.bounding_box(), box(page, ".md-content__inner")
        assert abs((text_box["x"] + text_box["width"]) - (inner["x"] + inner["width"])) < 2
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sticks out
        screenshot(page, "ar-chapter-05-phone")
        assert tab.outside == [] and tab.failed == []
    finally:
        tab.close()


# -- the language switcher ------------------------------------------------------------------------------


def switch(page, lang: str) -> None:
    page.hover(".md-select")
    with page.expect_navigation():
        page.click(f".md-select a[hreflang='{lang}']")


@pytest.mark.parametrize("start, goal", [("en", "ar"), ("ar", "ckb"), ("ckb", "en")])
def test_switcher_keeps_the_page_and_the_anchor(reader, start, goal):
    page = reader.open(f"{LANGUAGES[start]}05-investigation/#investigation-first-24-hours")
    switch(page, goal)
    assert urlsplit(page.url).path == f"/{LANGUAGES[goal]}05-investigation/"
    assert urlsplit(page.url).fragment == "investigation-first-24-hours"
    assert page.evaluate("document.documentElement.lang") == goal
    heading = page.locator("#investigation-first-24-hours").bounding_box()
    assert heading is not None and 0 <= heading["y"] < WIDE["height"], "the section is not where the reader is"


def test_switcher_keeps_a_provision_of_a_law(reader):
    page = reader.open("laws/iq/law-28-2012/#6")
    switch(page, "ar")
    assert urlsplit(page.url).path == "/ar/laws/iq/law-28-2012/"
    assert unquote(urlsplit(page.url).fragment) == "6"


def test_switcher_follows_the_section_the_reader_scrolled_to(reader):
    page = reader.open("ar/05-investigation/")
    page.locator("#investigation-first-24-hours").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('investigation-first-24-hours').scrollIntoView()")
    # Material marks the section being read once its scroll spy has run: wait for it to settle there (read at
    # once, the mark can still be on the section before, where the page was a moment earlier)
    page.wait_for_function("() => { const a = document.querySelector('.md-nav--secondary .md-nav__link--active');"
                           " return a && a.getAttribute('href') === '#investigation-first-24-hours'; }",
                           timeout=10_000)
    active = page.eval_on_selector(".md-nav--secondary .md-nav__link--active", "a => a.getAttribute('href')")
    switch(page, "en")
    assert urlsplit(page.url).path == "/05-investigation/"
    assert "#" + urlsplit(page.url).fragment == active


# -- every link and every anchor, in every language ----------------------------------------------------


def page_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def test_every_internal_link_and_anchor_resolves(reader, site):
    page = reader.page
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for path in page_paths(site):
        url = reader.origin + path.removesuffix("index.html")
        page.goto(url, wait_until="domcontentloaded")
        ids[urlsplit(url).path] = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
        links[urlsplit(url).path] = page.eval_on_selector_all(  # SVG links too (their href is not a string)
            "a[href]", "as => as.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
    assert len(ids) >= 50
    broken = []
    for source, hrefs in links.items():
        for href in hrefs:
            if not href.startswith(reader.origin):
                continue
            parts = urlsplit(href)
            target = unquote(parts.path)
            if target.endswith("/index.html"):
                target = target.removesuffix("index.html")
            if target not in ids:
                if not (site / target.lstrip("/")).is_file():
                    broken.append(f"{source}: {href}: no such page")
                continue
            if parts.fragment and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{source}: {href}: no such anchor")
    assert broken == []


# -- what a reader of a language without a translation sees -------------------------------------------


@pytest.fixture
def partial_reader(browser, partial_server):
    tab = Reader(browser, partial_server, WIDE)
    yield tab
    tab.close()
    assert tab.outside == [] and tab.failed == []


def test_untranslated_chapter_shows_its_source_text_with_a_notice(partial_reader):
    page = partial_reader.open("ckb/06-victim-protection/")
    notice = page.locator(".md-typeset .admonition.warning").first
    assert notice.is_visible()
    assert page.eval_on_selector(".md-typeset .admonition.warning", "e => getComputedStyle(e).direction") == "rtl"
    english = page.locator(".md-typeset [lang='en']").first
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    screenshot(page, "ckb-chapter-06-untranslated")


def test_a_missing_section_reads_left_to_right_inside_the_right_to_left_page(partial_reader):
    page = partial_reader.open("ar/05-investigation/")
    heading = page.locator("[id='interviewing-witnesses']")
    assert heading.evaluate("e => getComputedStyle(e).direction") == "ltr"
    box = heading.bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert box["x"] - content["x"] < content["width"] / 3  # an English heading starts at the left
    arabic = page.locator("[id='questioning-suspects']")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    right = arabic.bounding_box()
    assert right["x"] + right["width"] > content["x"] + content["width"] * 2 / 3  # an Arabic one ends at the right
    heading.scroll_into_view_if_needed()
    screenshot(page, "ar-chapter-05-missing-and-stale-sections")


def test_law_page_screenshots(reader):
    for lang in LANGUAGES:
        page = reader.open(f"{LANGUAGES[lang]}laws/iq/law-28-2012/")
        assert page.locator("[id='6']").count() == 1
        screenshot(page, f"{lang}-law-28-2012")


# -- the words of a cited provision: hover, tap, keyboard ----------------------------------------------


def provision_words(page, href: str) -> str:
    """The text of the provision a citation leads to, as its law page shows it (heading's next paragraphs)."""
    target = page.context.new_page()
    try:
        target.goto(href, wait_until="domcontentloaded")
        anchor = unquote(urlsplit(href).fragment)
        return target.locator(f"[id='{anchor}']").evaluate(
            "h => { let t = ''; for (let e = h.nextElementSibling; e && !/^H[1-6]$/.test(e.tagName); "
            "e = e.nextElementSibling) t += ' ' + e.textContent; return t.replace(/\\s+/g, ' ').trim(); }")
    finally:
        target.close()


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_citation_carries_the_provision_words_of_the_page_it_leads_to(reader, lang):
    page = reader.open(f"{LANGUAGES[lang]}05-investigation/")
    citations = page.locator(".sop-cite > a")
    assert citations.count() > 5
    for i in (0, citations.count() // 2):
        link = citations.nth(i)
        title = link.get_attribute("title")
        assert title, "a citation without the provision's words"
        words = provision_words(page, link.evaluate("a => a.href"))
        start = title.removesuffix("…").strip()[:60]
        assert " ".join(start.split()) in words, (title, words[:200])


def _cite_languages(page) -> dict:
    langs = page.eval_on_selector_all(".sop-cite", "ss => ss.map(s => [s.querySelector('a').href, s.dataset.lang])")
    by_law = {}
    for href, lang in langs:
        by_law.setdefault(urlsplit(href).path.split("/laws/")[-1], set()).add(lang)
    return by_law


def test_citation_words_are_marked_with_their_language(reader, partial_reader):
    by_law = _cite_languages(reader.open("ckb/05-investigation/"))
    assert by_law.get("iq/law-28-2012/") == by_law.get("iq/law-23-1971/") == {"ckb"}  # both have a Kurdish text
    by_law = _cite_languages(partial_reader.open("ckb/05-investigation/"))  # the CPC without a Kurdish text
    assert by_law.get("iq/law-23-1971/") == {"ar"}  # its Arabic, authoritative text


def test_a_tap_shows_the_words_and_a_second_tap_follows_the_link(browser, server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + "ar/05-investigation/", wait_until="load")
        link = page.locator(".sop-cite > a").first
        link.scroll_into_view_if_needed()
        before = page.url
        link.tap()
        box = page.locator("#sop-cite-box")
        box.wait_for(state="visible")
        assert page.url == before
        assert box.locator("p").text_content() == link.get_attribute("title")
        assert box.locator("p").get_attribute("lang") == link.evaluate("a => a.parentNode.dataset.lang")
        assert box.locator("a").evaluate("a => a.href") == link.evaluate("a => a.href")
        assert link.get_attribute("aria-describedby") == "sop-cite-box"
        assert box.evaluate("b => b.querySelectorAll('*').length") == 2  # the words and the link, nothing else
        ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the viewport only: a full-page shot resizes, which closes the box
        page.screenshot(path=str(ARTIFACTS / "ar-citation-tapped-phone.png"))
        href = link.evaluate("a => a.href")
        with page.expect_navigation():
            link.tap()
        assert page.url == href
    finally:
        context.close()


def test_keyboard_focus_shows_the_words_and_escape_hides_them(reader):
    page = reader.open("05-investigation/")
    link = page.locator(".sop-cite > a").first
    link.focus()
    box = page.locator("#sop-cite-box")
    box.wait_for(state="visible")
    assert box.locator("a").is_hidden()
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")


def test_a_mouse_click_follows_the_citation_at_once(reader):
    page = reader.open("05-investigation/")
    link = page.locator(".sop-cite > a").first
    href = link.evaluate("a => a.href")
    with page.expect_navigation():
        link.click()
    assert page.url == href


# -- search: Arabic and Kurdish as people type them, the reader's language first ------------------------


def search(page, query: str) -> list[str]:
    """The result links Material shows for `query` typed into the search box (paths from the site root)."""
    page.click(".md-search__input") if page.locator(".md-search__input").is_visible() else \
        page.click("label[for='__search']")
    field = page.locator(".md-search__input")
    field.fill("")
    field.type(query)
    field.press("End")  # Material searches on key events; typing non-ASCII text fires none
    # the results come from the search worker, a list at a time: read them until they stop changing
    found, since = None, 0
    for _ in range(100):
        page.wait_for_timeout(100)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")
        if hrefs and hrefs == found:
            since += 1
            if since == 5:
                break
        else:
            found, since = hrefs, 0
    return [urlsplit(h).path.lstrip("/") + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "")
            for h in found or []]


@pytest.mark.parametrize("lang, typed, written", [
    ("ar", "افادة", "إفادة"),  # no hamza
    ("ar", "الضحية", "الضحيّة"),  # no shadda
    ("ar", "ضحيه", "ضحية"),  # ha for ta marbuta
    ("ckb", "كوردي", "کوردی"),  # Kurdish typed with Arabic kaf and yeh
    ("ckb", "قوربانى", "قوربانی"),  # alef maksura for Kurdish yeh
])
def test_search_finds_a_word_however_it_is_typed(reader, lang, typed, written):
    page = reader.open(f"{LANGUAGES[lang]}05-investigation/")
    found = search(page, typed)
    assert found, f"nothing found for {typed}"
    assert found == search(page, written)
    assert found[0].startswith(LANGUAGES[lang]) and not found[0].startswith(("ar/", "ckb/")[lang == "ar"])


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_search_lists_the_readers_language_first(reader, lang):
    page = reader.open(f"{LANGUAGES[lang]}05-investigation/")
    found = search(page, "28")  # a law number: written in every language's pages
    assert len(found) > 3
    mine = [path.startswith(LANGUAGES[lang]) and not (lang == "en" and path.startswith(("ar/", "ckb/")))
            for path in found]
    assert mine[0] and mine == sorted(mine, reverse=True), found
    screenshot(page, f"{lang}-search-28")

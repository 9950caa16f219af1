"""The HTML redline renders each changed section's Markdown (tables, lists, emphasis) with the changes marked inside
it, citations as their labels in the chapter's language, and Arabic and Kurdish laid out right to left, as a real
browser computes it.

Two drafts of a chapter are written as folders (a folder is a draft, tests/test_diff.py `_folder_drafts`), the
page is rendered, and what a reviewer reads is checked: in the HTML (which element holds which mark, that the
HTML nests properly) and in chromium (where the text and the table's columns sit). Screenshots of an Arabic and a
Kurdish redline are kept in build/redline-screenshots/: look at them after a change to the page.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CHAPTER, CHAPTER_AR, REPO
from test_browser import browser  # noqa: F401  (the suite's chromium, launched once per module)
from test_diff import CH, WG1, WG2, _folder_drafts
from sopkit.history import Credit
from sopkit.lookup import link_words
from sopkit.redline.credit import credit
from sopkit.redline.html import render_html

AR = "sop/01-general-provisions.ar.md"
CKB = "sop/01-general-provisions.ckb.md"
SCREENSHOTS = REPO / "build" / "redline-screenshots"
VOID = {"br", "hr", "img", "meta", "input", "wbr"}
NOT_INSIDE = {"table", "thead", "tbody", "tr", "ul", "ol"}  # elements whose children are rows, cells or items


class _Nesting(HTMLParser):
    """Every element closed in the order opened, and no mark where the HTML parser would move it out of a table
    or a list (foster parenting)."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.faults: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ins", "del", "span", "bdi") and self.open and self.open[-1] in NOT_INSIDE:
            self.faults.append(f"<{tag}> directly inside <{self.open[-1]}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # `<hr />`: opens and closes nothing
        pass

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.faults.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
        else:
            self.open.pop()


def well_formed(page: str) -> list[str]:
    checker = _Nesting()
    checker.feed(page)
    checker.close()
    return checker.faults + [f"<{t}> never closed" for t in checker.open]


def section(page: str, section_id: str) -> str:
    """The HTML of the part of the page showing the section `section_id`."""
    start = page.index(f"<code>#{section_id}</code>")
    return page[start:page.index("</section>", start)]


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def _chapter(body: str) -> str:
    return CHAPTER.split("## ")[0] + "## Duties {#sop-duties}\n\n" + body + "\n"


def _page(tmp_path: Path, old: str, new: str, path: str = CH, labels: bool = False) -> str:
    diff = _folder_drafts(tmp_path, {path: old}, {path: new})
    words = link_words(_draft(tmp_path, "new"), _draft(tmp_path, "old")) if labels else None
    page = render_html(diff, words)
    assert well_formed(page) == []
    return page


def _draft(tmp_path: Path, name: str):
    from sopkit.drafts import load_draft

    return load_draft(tmp_path, str(tmp_path / name))


# -- Markdown rendered, the changes marked inside it --------------------------------------------------------------

TABLE = """| Authority | Duty |
| --- | --- |
| Investigator | Registers the case |
| Judge | Decides on detention |"""


def test_a_row_added_to_a_table_is_one_inserted_row_and_the_others_are_unmarked(tmp_path):
    new = TABLE.replace("| Judge |", "| Police | Protects the victim |\n| Judge |")
    page = _page(tmp_path, _chapter(TABLE), _chapter(new))
    table = section(page, "sop-duties")
    rows = re.findall(r"<tr[^>]*>.*?</tr>", table, re.S)
    assert len(rows) == 4  # a table, not its Markdown source
    inserted = [r for r in rows if r.startswith('<tr class="inserted">')]
    assert inserted == [rows[2]] and "<ins>Police</ins>" in rows[2] and "<ins>Protects the victim</ins>" in rows[2]
    assert not any("<ins>" in r or "<del>" in r or "class=" in r for r in rows[:2] + rows[3:])
    assert "|" not in text(table)


def test_a_row_deleted_from_a_table_is_one_deleted_row(tmp_path):
    new = TABLE.replace("\n| Investigator | Registers the case |", "")
    rows = re.findall(r"<tr[^>]*>.*?</tr>", section(_page(tmp_path, _chapter(TABLE), _chapter(new)), "sop-duties"),
                      re.S)
    assert [r.split(">")[0] for r in rows] == ["<tr", '<tr class="deleted"', "<tr"]
    assert "<del>Investigator</del>" in rows[1] and "<del>" not in rows[0] + rows[2]


def test_an_item_added_to_a_list_is_one_inserted_item(tmp_path):
    old = "- Identify the victim.\n- Inform the judge."
    new = "- Identify the victim.\n- Refer the victim to a shelter.\n- Inform the judge."
    part = section(_page(tmp_path, _chapter(old), _chapter(new)), "sop-duties")
    items = re.findall(r"<li[^>]*>.*?</li>", part, re.S)
    assert items == ["<li>Identify the victim.</li>",
                     '<li class="inserted"><ins>Refer the victim to a shelter.</ins></li>',
                     "<li>Inform the judge.</li>"]


def test_bold_is_rendered_with_the_change_inside_it(tmp_path):
    part = section(_page(tmp_path, _chapter("The officer informs the **investigating judge** at once."),
                         _chapter("The officer informs the **competent investigating judge** at once.")), "sop-duties")
    assert re.search(r"<strong><ins>competent</ins> investigating judge</strong>", part), part
    assert "**" not in text(part)


@pytest.mark.parametrize("old, new, marked", [
    # emphasis taken away: the deletion runs into the bold words and out again
    ("Inform the **judge** today.", "Inform the court today.",
     r"<strong><del>judge</del></strong>.*<ins>court</ins>"),
    # an insertion holding bold and plain words
    ("The officer informs the judge.", "The officer **urgently** and fully informs the judge.",
     r"<strong><ins>urgently</ins></strong><ins> and fully</ins>"),
])
def test_a_change_spanning_bold_and_plain_text_is_closed_and_reopened_at_the_tags(tmp_path, old, new, marked):
    part = section(_page(tmp_path, _chapter(old), _chapter(new)), "sop-duties")
    assert re.search(marked, part), part
    assert "**" not in text(part)


def test_a_change_the_marks_would_break_shows_the_old_paragraph_deleted_and_the_new_inserted(tmp_path):
    # a mark before `_` would stop it opening the emphasis: rendered exactly, as two paragraphs
    part = section(_page(tmp_path, _chapter("Inform the judge."), _chapter("Inform the _investigating_ judge.")),
                   "sop-duties")
    assert "<p><del>Inform the judge.</del></p>" in part
    assert "<em><ins>investigating</ins></em>" in part and "_" not in text(part)


def test_raw_html_in_a_chapter_is_shown_as_text(tmp_path):
    page = _page(tmp_path, _chapter("The judge decides."),
                 _chapter('The judge <script>alert(1)</script> decides <img src=x onerror="alert(2)">.'))
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section(page, "sop-duties")
    assert "default-src 'none'" in page


def test_a_paragraph_whose_rendering_would_hide_words_is_shown_as_its_source(tmp_path):
    # a link's address is words a reviewer needs: rendered, it would only be an attribute
    part = section(_page(tmp_path, _chapter("See [the guide](https://example.org/guide) first."),
                         _chapter("See [the guide](https://example.org/new-guide) first.")), "sop-duties")
    assert '<div class="source">' in part and "<ins>new" in part and "example.org" in text(part)


def test_invisible_characters_are_labelled_boxes_in_rendered_text(tmp_path):
    part = section(_page(tmp_path, _chapter("The **judge** decides."), _chapter("The **judge\u202e** decides.")),
                   "sop-duties")
    assert re.search(r'<strong>judge<ins><span class="invisible" title="U\+202E">&lt;U\+202E&gt;</span></ins>'
                     r'</strong>', part), part


_PIECES = ["judge", "victim", "**judge**", "*shelter*", "`sop record`", "_x_", "الضحية", "قوربانی", "<b>", "&", "**",
           "[", "](", "\\|", "2012", "\u202e", "[Article 6](law:iq/law-28-2012#6)", "[](law:iq/law-9-2000#1)"]
_UNIT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4)
_EDITS = st.lists(st.tuples(st.sampled_from(["insert", "delete", "word"]), st.integers(0, 9), _UNIT), max_size=3)
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(((?:law|sop):[^)\s]*)\)")
_LETTERS = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _block(kind: str, units: list[list[str]]) -> str:
    """A paragraph, a list (an item per unit) or a table (a row per unit, its words in two cells)."""
    if kind == "paragraph":
        return "Text " + " ".join(w for u in units for w in u)
    if kind == "list":
        return "\n".join("- " + " ".join(u) for u in units)
    return "| Role | Duty |\n| --- | --- |\n" + "\n".join(f"| {u[0]} | {' '.join(u[1:]) or '-'} |" for u in units)


def _edited(units: list[list[str]], edits) -> list[list[str]]:
    out = [list(u) for u in units]
    for kind, at, unit in edits:
        if kind == "insert" or not out:
            out.insert(at % (len(out) + 1), unit)
        elif kind == "delete" and len(out) > 1:
            out.pop(at % len(out))
        else:
            out[at % len(out)][at % len(out[at % len(out)])] = unit[0]
    return out


def _read(markdown: str) -> list[str]:
    """The words a reader must find: a citation's label, or its target where it has none (no words given)."""
    return _LETTERS.findall(_LINK.sub(lambda m: m.group(1) or m.group(2), markdown))


def _in_order(words: list[str], seen: list[str]) -> bool:
    found = iter(seen)
    return all(any(w == s for s in found) for w in words)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["paragraph", "list", "table"]), st.lists(_UNIT, min_size=1, max_size=4), _EDITS)
def test_any_edit_of_a_paragraph_list_or_table_nests_properly_and_keeps_every_word(tmp_path_factory, kind, units,
                                                                                     edits):
    old, new = _block(kind, units), _block(kind, _edited(units, edits))
    diff = _folder_drafts(tmp_path_factory.mktemp("drafts"), {CH: _chapter(old)}, {CH: _chapter(new)})
    page = render_html(diff)
    assert well_formed(page) == []
    if old != new:
        seen = _LETTERS.findall(text(section(page, "sop-duties").replace("</del>", "</del> ")))  # apart, as seen
        assert _in_order(_read(old), seen) and _in_order(_read(new), seen), (old, new, section(page, "sop-duties"))


# -- citations, sections, moves and authors -----------------------------------------------------------------------

AR_OLD = CHAPTER_AR[:CHAPTER_AR.index("\n### ")]  # the Arabic chapter of the test corpus, its first section only


def test_an_arabic_citation_shows_its_label_and_never_its_target(tmp_path):
    new = AR_OLD.replace("#1).", "#1) و[](law:iq/law-9-2000#1.1).")
    page = _page(tmp_path, AR_OLD, new, AR, labels=True)
    label = link_words(_draft(tmp_path, "new"))("law:iq/law-9-2000#1.1", "ar")
    assert re.search("[\u0600-\u06ff]", label)
    part = section(page, "sop-purpose")
    assert f' <ins>و<bdi class="cite" title="law:iq/law-9-2000#1.1">{label}</bdi></ins>' in part
    assert "<p>" in part and "law:" not in text(part)


def test_a_paragraph_moved_between_sections_reads_forwards_with_its_author(tmp_path):
    moved = "Victims are referred to a shelter within one day."
    old = _chapter(moved + "\n\n## Reporting {#sop-reporting}\n\nReports go to the judge.")
    new = _chapter("Duties stay the same.\n\n## Reporting {#sop-reporting}\n\nReports go to the judge.\n\n" + moved)
    diff = _folder_drafts(tmp_path, {CH: old}, {CH: new})
    diff = credit(diff, lambda doc, slot: Credit("Working Group Secretary", "2026-11-20T10:00:00Z", "wg-3"))
    page = render_html(diff)
    assert well_formed(page) == []
    arrived = section(page, "sop-reporting")
    assert re.search(r'<span class="kind moved">moved</span> from <a href="#m\d-1-from"><bdi lang="en" '
                     r'class="title">1\.1 Duties</bdi></a>, <span class="by">by Working Group Secretary \(wg-3, '
                     r'2026-11-20\)</span>', arrived), arrived
    assert f'<span class="moved-text">{moved}</span>' in arrived
    left = section(page, "sop-duties")
    assert re.search(r'moved to <a href="#m\d-1-to"><bdi lang="en" class="title">1\.2 Reporting</bdi></a>', left)
    assert f'<del class="moved-text">{moved}</del>' in left
    assert "←" not in page and "→" not in page


def test_a_section_moved_whole_says_where_it_went_and_every_link_leads_into_the_page(tmp_path):
    page = render_html(_folder_drafts(tmp_path, {CH: WG1, AR: None}, {CH: WG2, AR: None}))
    arrived, left = re.findall(r'<section class="section" id="(p0-\d+)">\s*<h3><bdi class="title">1\.2 Reporting</bdi>',
                               page)
    assert re.search(rf'<span class="kind moved">moved</span> the whole section, from <a href="#{left}">its old '
                     'place</a>', page)
    assert re.search(rf'<span class="kind moved">moved</span> away from here: the whole section now stands at '
                     rf'<a href="#{arrived}"><bdi lang="en" class="title">1\.2 Reporting</bdi></a>', page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert {h for h in re.findall(r'href="#([^"]+)"', page)} <= ids


def test_a_renamed_section_is_named_by_number_and_title_and_says_what_it_was(tmp_path):
    page = _page(tmp_path, _chapter("Text."), _chapter("Text.").replace("## Duties {#sop-duties}",
                                                                        "## Duties of officers {#sop-officers}"))
    assert '<bdi class="title">1.1 Duties of officers</bdi> <bdi dir="ltr"><code>#sop-officers</code></bdi>' in page
    assert re.search(r'renamed</span> from <bdi lang="en" class="title">Duties</bdi>, its id was '
                     r'<bdi dir="ltr"><code>#sop-duties</code></bdi>', page), page


# -- right to left, in a real browser ----------------------------------------------------------------------------

KURDISH_OLD = """---
id: ch1
title: حوکمە گشتییەکان
status: draft
reviewed: "2026-11-16"
---

## مەبەست لە ڕێکارەکان {#sop-purpose}

دەق پشت دەبەستێت بە [ماددەی (1) لە یاسای ژمارە (9) ی ساڵی 2000](law:iq/law-9-2000#1).

### ئەرکەکان {#who-applies}

لێکۆڵەر **دادوەری لێکۆڵینەوە** لە ماوەی یەک ڕۆژدا ئاگادار دەکاتەوە.

| لایەن | ئەرک |
| --- | --- |
| لێکۆڵەر | کەیسەکە تۆمار دەکات |
| دادوەر | بڕیار دەدات |

- ناسینەوەی قوربانی.
- ئاگادارکردنەوەی دادوەر.
"""

KURDISH_NEW = (KURDISH_OLD.replace("لێکۆڵینەوە**", "لێکۆڵینەوەی پەیوەندیدار**")  # a word added inside bold
               .replace("| دادوەر |", "| پۆلیس | قوربانی دەپارێزێت |\n| دادوەر |")  # a row
               .replace("دادوەر.", "دادوەر.\n- ڕەوانەکردنی قوربانی بۆ شوێنی حەوانەوە.")  # an item
               .replace("#1).", "#1) و [](law:iq/law-9-2000#1.1)."))  # a citation without a label

ARABIC_OLD = AR_OLD + """
### من يطبقها {#who-applies}

يبلّغ المحقق **قاضي التحقيق** خلال يوم واحد.

| الجهة | الواجب |
| --- | --- |
| المحقق | يسجل القضية |
| القاضي | يقرر |

- تحديد الضحية.
- إبلاغ القاضي.
"""

ARABIC_NEW = (ARABIC_OLD.replace("التحقيق**", "التحقيق المختص**")
              .replace("| القاضي |", "| الشرطة | تحمي الضحية |\n| القاضي |")
              .replace("- إبلاغ القاضي.", "- إبلاغ القاضي.\n- إحالة الضحية إلى دار الإيواء.")
              .replace("#1).", "#1) و[](law:iq/law-9-2000#1.1)."))

RIGHT_TO_LEFT = {"ar": (AR, ARABIC_OLD, ARABIC_NEW), "ckb": (CKB, KURDISH_OLD, KURDISH_NEW)}


def _box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_an_arabic_or_kurdish_redline_is_laid_out_right_to_left_in_the_browser(browser, tmp_path, lang):  # noqa: F811
    path, old, new = RIGHT_TO_LEFT[lang]
    page_html = _page(tmp_path, old, new, path, labels=True)
    assert f'<article class="doc" lang="{lang}" dir="rtl">' in page_html
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.set_content(page_html, wait_until="load")
        article = f'article[lang="{lang}"]'
        assert page.eval_on_selector(article, "e => getComputedStyle(e).direction") == "rtl"
        # a short paragraph's text starts at the right edge of its box and leaves the left side empty
        edges = page.eval_on_selector(f"{article} .slot.edited p:has(strong)", """p => {
            const range = document.createRange(); range.selectNodeContents(p);
            const text = range.getBoundingClientRect(), box = p.getBoundingClientRect();
            return {text_right: text.right, text_left: text.left, right: box.right, left: box.left}; }""")
        assert abs(edges["text_right"] - edges["right"]) < 2 and edges["text_left"] > edges["left"] + 100, edges
        # the table's first column on the right, the table against the right edge of its paragraph's box
        first, second = (_box(page, f"{article} tbody td:nth-child({n})") for n in (1, 2))
        assert first["x"] > second["x"] + second["width"] - 1
        table = _box(page, f"{article} table")
        assert abs(table["x"] + table["width"] - edges["right"]) < 2
        # a list's items indented from the right, where its bullets are
        items, lists = _box(page, f"{article} li"), _box(page, f"{article} ul")
        assert items["x"] + items["width"] < lists["x"] + lists["width"] - 10
        assert page.locator(f"{article} tr.inserted").count() == page.locator(f"{article} li.inserted").count() == 1
        # the citation's label reads in the chapter's language, its target only on hover
        cites = page.locator(f"{article} .cite")
        assert cites.count() >= 2 and all("law:" not in cites.nth(n).inner_text() for n in range(cites.count()))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{lang}.png"), full_page=True)
    finally:
        context.close()
    assert requests == [], f"the page asked for {requests}"

"""The site and the print edition show the same text and numbering for every chapter in every language.

They read the chapters with two Markdown readers (Python-Markdown for the site, pandoc for print), so these
tests compare what each gives: the headings with their section numbers, the ordered lists with the number
each starts at and how many items it has (Python-Markdown starts every list at 1 and knows no `a.` lists;
pandoc must read them the same way), and the words of the whole chapter. The site is the page `sop build` wrote;
the print edition is the volume's document before typst sets it (what the PDF is made from).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import lxml.html
import pytest

from conftest import REPO
from sopkit.edition import ast as A
from sopkit.edition.info import edition_info
from sopkit.edition.volume import printed_chapters, volume_document
from sopkit.site.layout import Layout

LANGS = ("en", "ar", "ckb")
_ISOLATES = re.compile("[\u2066-\u2069]")
_CHECKBOXES = ("\u2610", "\u2612")


@pytest.fixture(scope="session")
def documents(corpus):
    info = edition_info(REPO, None, corpus)
    return {lang: volume_document(corpus, lang, info) for lang in LANGS}


def chapters_to_compare(corpus):
    return [(lang, chapter) for lang in LANGS for chapter in printed_chapters(corpus, lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_agrees_in_headings_lists_and_words(lang, corpus, documents, built_site):
    layout = Layout(corpus)
    for chapter in printed_chapters(corpus, lang):
        site = _site_chapter(built_site, layout, chapter, lang)
        printed = _print_chapter(documents[lang], chapter)
        where = f"{chapter.path} in the {lang} edition"
        assert printed["headings"] == site["headings"], where
        assert printed["lists"] == site["lists"], where
        assert printed["words"] == site["words"], where


def test_a_list_written_from_another_number_or_with_letters_reads_the_same(tmp_path, sandbox):
    """A list that starts at 3, a list under `a.` items and a list right after a paragraph: Python-Markdown
    starts at 1 and reads `a.` as words; the print edition must too."""
    chapter = sandbox.root / "sop" / "08-review-mechanisms.md"
    text = chapter.read_text(encoding="utf-8")
    text += ("\n\n## Numbering test {#numbering-test}\n\nSteps:\n\n3. third\n4. fourth\n\na. first letter\n"
             "b. second letter\n\nA paragraph\n1. not a list in Python-Markdown\n")
    chapter.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    r = sandbox.sop("build", "-o", str(out))
    assert r.code == 0, r.both
    from sopkit.load import load_corpus

    corpus = load_corpus(sandbox.root)[0]
    doc = volume_document(corpus, "en", edition_info(sandbox.root, None, corpus))
    source = next(c for c in corpus.chapters if c.path == "sop/08-review-mechanisms.md")
    site = _site_chapter(out, Layout(corpus), source, "en")
    printed = _print_chapter(doc, source)
    assert printed["lists"] == site["lists"]
    assert printed["words"] == site["words"]
    assert (1, 2) in printed["lists"]  # the list written from 3 starts at 1, as the site shows it


# -- the site's page ---------------------------------------------------------------------------------------------

def _site_chapter(site: Path, layout: Layout, chapter, lang: str) -> dict:
    name = PurePosixPath(chapter.path).name.split(".", 1)[0]
    page = site / layout.folder(lang) / name / "index.html"
    root = lxml.html.parse(str(page)).getroot()
    article = root.xpath("//article")[0]
    for drop in article.xpath(".//a[contains(@class, 'headerlink')] | .//div[contains(@class, 'admonition')]"
                              " | .//script"):
        drop.drop_tree()
    headings = [_words(h.text_content()) for h in article.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    lists = [(int(ol.get("start", "1")), len([li for li in ol if li.tag == "li"])) for ol in article.iter("ol")]
    return {"headings": headings, "lists": lists, "words": _words(article.text_content()).split()}


# -- the print edition's document --------------------------------------------------------------------------------

def _print_chapter(doc: dict, chapter) -> dict:
    blocks = doc["blocks"]
    start = next(n for n, b in enumerate(blocks) if _is_title(b, chapter.number))
    end = next((n for n in range(start + 1, len(blocks)) if _is_level_1(blocks[n])), len(blocks))
    part = _without_notices(blocks[start:end])
    headings: list[str] = []
    lists: list[tuple[int, int]] = []
    out: list[str] = []
    _text(part, out, headings, lists)
    return {"headings": headings, "lists": lists, "words": _words("".join(out)).split()}


def _is_title(block: dict, number: int) -> bool:
    if block["t"] == "Div":
        return any(_is_title(b, number) for b in block["c"][1])
    return block["t"] == "Header" and block["c"][1][0] == f"chapter:{number}"


def _is_level_1(block: dict) -> bool:
    if block["t"] == "Div" and A.FOREIGN in block["c"][0][1]:
        return any(_is_level_1(b) for b in block["c"][1])
    return block["t"] == "Header" and block["c"][0] == 1


def _without_notices(blocks: list) -> list:
    return [b for b in blocks if not (b["t"] == "Div" and A.NOTICE in b["c"][0][1])]


def _text(node, out: list, headings: list, lists: list) -> None:
    if isinstance(node, list):
        for item in node:
            _text(item, out, headings, lists)
        return
    if not isinstance(node, dict):
        return
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        if content not in _CHECKBOXES:  # pandoc's task-list box; the site draws an <input>, not a character
            out.append(content)
    elif kind in ("Space", "SoftBreak", "LineBreak"):
        out.append(" ")
    elif kind == "Code":
        out.append(content[1])
    elif kind == "CodeBlock":
        out.append(" " + content[1] + " ")
    elif kind == "Header":
        words: list[str] = []
        _text(content[2], words, headings, lists)
        headings.append(_words("".join(words)))
        out.append(" " + "".join(words) + " ")
    elif kind == "OrderedList":
        lists.append((content[0][0], len(content[1])))
        for item in content[1]:
            out.append(" ")
            _text(item, out, headings, lists)
    elif kind == "Span" and A.ADDED in content[0][1]:
        return
    elif kind in ("RawInline", "RawBlock", "Image", "Note"):
        return
    elif kind in ("Para", "Plain"):
        out.append(" ")
        _text(content, out, headings, lists)
        out.append(" ")
    else:
        _text(content, out, headings, lists)
        if kind in ("BulletList", "Table", "BlockQuote", "Div"):
            out.append(" ")


def _words(text: str) -> str:
    return " ".join(_ISOLATES.sub("", text).split())

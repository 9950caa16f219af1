"""Suggested changes in CriticMarkup: found where `sop check` reads text (never in code), settled by `apply`
without touching a character outside the markers, reported (V015, V016), shown marked on the site and in the print
edition, and never reported as markup by the other passes."""

from __future__ import annotations

import doctest
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import BASE, CHAPTER, write_corpus
from hostile import copy_corpus
from sopkit import suggestions
from sopkit.diagnostics import UsageError
from sopkit.model import OPENING, TextFile
from sopkit.publishable import scan_markup
from sopkit.suggestions import Kind, apply, find_suggestions, marked_lines

CH = "sop/01-general-provisions.md"
CH_AR = "sop/01-general-provisions.ar.md"
I, D, S, C, H = Kind.INSERTION, Kind.DELETION, Kind.SUBSTITUTION, Kind.COMMENT, Kind.HIGHLIGHT


def found(text: str) -> list[tuple]:
    return [(s.kind, s.line, s.column, s.old, s.new, s.comment) for s in find_suggestions(text).suggestions]


# -- finding ------------------------------------------------------------------------------------------------

# (text, the suggestions found: kind, line, column, old, new, comment)
CASES = {
    "insertion": ("A {++b++} c", [(I, 1, 3, "", "b", "")]),
    "deletion": ("A {--b--} c", [(D, 1, 3, "b", "", "")]),
    "substitution": ("A {~~b~>c~~}", [(S, 1, 3, "b", "c", "")]),
    "comment": ("A {>>why<<} b", [(C, 1, 3, "", "", "why")]),
    "highlight with its comment": ("{==b==}{>>why<<}", [(H, 1, 1, "b", "b", "why")]),
    "a comment right after an insertion is its": ("{++b++}{>>why<<}", [(I, 1, 1, "", "b", "why")]),
    "a comment after a space is its own": ("{++b++} {>>why<<}", [(I, 1, 1, "", "b", ""), (C, 1, 9, "", "", "why")]),
    "two comments in a row": ("{>>a<<}{>>b<<}", [(C, 1, 1, "", "", "a"), (C, 1, 8, "", "", "b")]),
    "Arabic, columns in characters (diacritics count)": ("يُبلَّغ الضحية {++كتابةً++} {~~يجوز~>يجب~~}.",
                                      [(I, 1, 16, "", "كتابةً", ""), (S, 1, 29, "يجوز", "يجب", "")]),
    "Kurdish": ("ماددەی ٦ {--بڕگەی یەکەم--}", [(D, 1, 10, "بڕگەی یەکەم", "", "")]),
    "a paragraph break inside an insertion": ("A {++b\n\nc++} d\n{--e--}", [(I, 1, 3, "", "b\n\nc", ""),
                                                                           (D, 4, 1, "e", "", "")]),
    "inline code": ("`{++a++}` {++b++}", [(I, 1, 11, "", "b", "")]),
    "a closing marker in code does not close": ("{++a `++}` b++}", [(I, 1, 1, "", "a `++}` b", "")]),
    "fenced code": ("```\n{++a++}\n```\n\n{--b--}", [(D, 5, 1, "b", "", "")]),
    "indented code": ("Text.\n\n    {++a++}\n\n{--b--}", [(D, 5, 1, "b", "", "")]),
    "an escaped brace is text": ("\\{++a++} \\\\{--b--}", [(D, 1, 12, "b", "", "")]),
    "front matter is not text": ("---\nid: ch1\nx: \"{++a++}\"\n---\n\n{++b++}", [(I, 6, 1, "", "b", "")]),
    "a brace of another kind": ("{#id} {: .x} {+a+}", []),
}


@pytest.mark.parametrize("name", CASES)
def test_finds_suggestions(name):
    text, expected = CASES[name]
    assert found(text) == expected


def test_offsets_slice_back_to_the_markers_and_lines_end_where_the_suggestion_does():
    text = "---\nid: x\n---\n\nA {++b\n\nc++}{>>d<<} e {~~f~>g~~}\n"
    first, second = find_suggestions(text).suggestions
    assert text[first.start:first.end] == "{++b\n\nc++}{>>d<<}" and (first.line, first.end_line) == (5, 7)
    assert text[second.start:second.end] == "{~~f~>g~~}" and second.line == second.end_line == 7


# (text, the opening markers without an end: kind, line, column) and what is found after them
UNCLOSED = {
    "at the end of the file": ("A {++b.\n\nMore.", [(I, 1, 3)], []),
    "before the next suggestion": ("A {++b {--c--}", [(I, 1, 3)], [(D, 1, 8, "c", "", "")]),
    "a substitution without its arrow": ("{~~a~~} {++b++}", [(S, 1, 1)], [(I, 1, 9, "", "b", "")]),
    "a closing marker only in code": ("{--a `--}`", [(D, 1, 1)], []),
    "a bare opening": ("{++}", [(I, 1, 1)], []),
}


@pytest.mark.parametrize("name", UNCLOSED)
def test_an_opening_marker_without_its_end_is_not_a_suggestion(name):
    text, unclosed, rest = UNCLOSED[name]
    result = find_suggestions(text)
    assert [(u.kind, u.line, u.column) for u in result.unclosed] == unclosed
    assert found(text) == rest


def test_sections_come_from_the_model_or_the_text():
    from sopkit.load import chapter_from_text
    from sopkit.model import Settings

    text = CHAPTER.replace("Introduction.", "Intro {++a++}.").replace("\nText.\n", "\nText {--b--}.\n") + \
        "\n## Heading without id\n\n{==c==}\n"
    chapter = chapter_from_text(CH, text, Settings())
    for model in (chapter, None):
        assert [s.section for s in find_suggestions(text, model).suggestions] == [OPENING, "who-applies", None]


# -- settling -----------------------------------------------------------------------------------------------

TEXT = "Intro {++new++}.\n\n## A {#a}\n\nThe officer {~~may~>shall~~}{>>Art. 6<<} act {--now--}. {==Here==}{>>ok?<<}\n"


def test_accept_and_reject():
    accepted, rejected = apply(TEXT, "accept"), apply(TEXT, "reject")
    assert accepted.text == "Intro new.\n\n## A {#a}\n\nThe officer shall act . Here\n"
    assert rejected.text == "Intro .\n\n## A {#a}\n\nThe officer may act now. Here\n"
    for done in (accepted, rejected):
        assert [s.kind for s in done.applied] == [I, S, D, H]
        assert [(s.line, s.comment) for s in done.comments] == [(5, "Art. 6"), (5, "ok?")]
        assert not find_suggestions(done.text).suggestions


def test_select_by_line_and_by_section():
    done = apply(TEXT, "accept", select=["a"])
    assert done.text.startswith("Intro {++new++}.") and "shall act ." in done.text
    done = apply(TEXT, "reject", select=[1, 9, "nowhere"])
    assert done.text == TEXT.replace("{++new++}", "") and done.unmatched == (9, "nowhere")
    assert apply(TEXT, "accept", select=OPENING).text.startswith("Intro new.")
    multiline = "A {++b\nc\nd++} e\n"
    assert apply(multiline, "accept", select=[2]).text == "A b\nc\nd e\n"


def test_unclosed_markers_are_left_and_named():
    text = "{--a--} {++b\n"
    done = apply(text, "accept")
    assert done.text == " {++b\n" and [u.column for u in done.unclosed] == [9]


def test_a_decision_is_accept_or_reject():
    with pytest.raises(UsageError, match="accepted or rejected"):
        apply(TEXT, "maybe")


def test_windows_line_endings_are_kept_and_positions_are_the_same():
    crlf = TEXT.replace("\n", "\r\n").replace("{++new++}", "{++new\r\n\r\nlines++}")
    lf = crlf.replace("\r\n", "\n")
    assert [(s.line, s.column) for s in find_suggestions(crlf).suggestions] == \
        [(s.line, s.column) for s in find_suggestions(lf).suggestions]
    for decision in ("accept", "reject"):
        assert apply(crlf, decision).text == apply(lf, decision).text.replace("\n", "\r\n")
    assert "\r\n\r\nlines." in apply(crlf, "accept").text


# Plain text that holds no marker, and suggestions: a text made of both, and what accepting and rejecting give.
_PLAIN = st.text(alphabet=st.sampled_from(list("ab \n\r\t{}+-~<>=` يبکە")), max_size=12).filter(
    lambda s: not re.search(r"\{(\+\+|--|~~|>>|==)|`|\\", s))
_WORDS = _PLAIN.filter(lambda s: not re.search(r"\+\+\}|--\}|~~\}|<<\}|==\}|~>|[{}]", s))


@st.composite
def _suggested(draw):
    kind = draw(st.sampled_from(list(Kind)))
    a, b = draw(_WORDS), draw(_WORDS)
    markup = {I: f"{{++{a}++}}", D: f"{{--{a}--}}", S: f"{{~~{a}~>{b}~~}}", C: f"{{>>{a}<<}}", H: f"{{=={a}==}}"}
    accepted = {I: a, D: "", S: b, C: "", H: a}
    rejected = {I: "", D: a, S: a, C: "", H: a}
    return markup[kind], accepted[kind], rejected[kind]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PLAIN.filter(lambda s: not s.endswith(("{", "\\")) and "}" not in s), _suggested()),
                max_size=5), _PLAIN.filter(lambda s: "}" not in s))
def test_settling_changes_nothing_outside_the_markers(pieces, tail):
    text = "".join(plain + markup for plain, (markup, _, _) in pieces) + tail
    assume(not re.search(r"```|~~~|    |\t", text))  # a code block made by chance: its markers are text
    accepted = "".join(plain + a for plain, (_, a, _) in pieces) + tail
    rejected = "".join(plain + r for plain, (_, _, r) in pieces) + tail
    assert apply(text, "accept").text == accepted
    assert apply(text, "reject").text == rejected
    assert apply(text, "accept", select=[]).text == text


def test_marked_lines_keep_the_blocks_they_hold():
    words = "## New {#new}\r\n\r\n- item\n> quoted\n```\ncode\n```\nmid"
    assert marked_lines(words, "<", ">", True) == \
        "## <New> {#new}\r\n\r\n- <item>\n> <quoted>\n```\n<code>\n```\n<mid>"
    assert marked_lines("# not a heading here", "<", ">", False) == "<# not a heading here>"


def test_docstring_examples():
    from sopkit.edition import suggested as printed
    from sopkit.site import suggested as site

    for module in (suggestions, site, printed):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__


# -- the check ----------------------------------------------------------------------------------------------

def sop(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    return r


@pytest.fixture(scope="module")
def suggested_corpus(tmp_path_factory) -> Path:
    """The bundled corpus with a suggestion in the Arabic chapter 5."""
    root = copy_corpus(tmp_path_factory.mktemp("suggested") / "corpus")
    path = root / "sop/05-investigation.ar.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ويُعلم قاضي التحقيق دون تأخير.", "ويُعلم قاضي التحقيق {~~دون تأخير~>فوراً~~}.", 1),
                    encoding="utf-8")
    return root


def test_sop_check_warns_of_each_open_suggestion(suggested_corpus):
    r = sop("check", "--root", str(suggested_corpus), "--format", "json")
    assert r.returncode == 0, r.stdout  # a warning: a suggestion is a valid way to propose a change
    (d,) = json.loads(r.stdout)["diagnostics"]
    assert (d["code"], d["severity"], d["path"], d["line"]) == ("V015", "warning", "sop/05-investigation.ar.md", 12)
    line = (suggested_corpus / d["path"]).read_text(encoding="utf-8").split("\n")[d["line"] - 1]
    assert line[d["column"] - 1:].startswith("{~~دون تأخير")
    assert "substitution of 'دون تأخير' by 'فوراً'" in d["message"]
    assert "`sop amendments accept --suggestions ch5 --lang ar --line 12 --write`" in d["hint"]
    assert sop("check", "--root", str(suggested_corpus), "--strict").returncode == 1


def test_sop_check_fails_on_a_suggestion_without_its_end(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("Introduction.", "Intro {++duction.")})
    r = sop("check", "--root", str(root))
    assert r.returncode == 1 and f"{CH}:8:7: V016 error" in r.stdout


def test_other_passes_do_not_take_suggestions_for_markup():
    quiet = "A {++ key=value ++} {>> fee=5, see <b> and [x](http://a.org) <<} {==b==}{>>{: onclick=x }<<}\n"
    assert scan_markup(TextFile(CH, quiet, "en")) == []
    loud = "A {++ <b>bold</b> {: onclick=x } ++}\n"
    assert [(d.code, d.column) for d in scan_markup(TextFile(CH, loud, "en"))] == [("V013", 7), ("V013", 19)]


# -- the site and the print edition ---------------------------------------------------------------------------

EN = CHAPTER.replace("Introduction.", "The officer {~~may~>shall~~}{>>see Article 1<<} inform the victim"
                     "{++ in writing++}. {--Old words.--} `{++code++}`")
AR = BASE[CH_AR].replace("نص.", "يُبلَّغ الضحية {++كتابةً++}{>>وفق المادة 1<<} {--فوراً--}.", 1)


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> Path:
    """A small corpus with suggestions in English and Arabic, built once by `sop build`."""
    root = write_corpus(tmp_path_factory.mktemp("shown") / "corpus", {CH: EN, CH_AR: AR})
    out = root.parent / "site"
    r = sop("build", "-o", str(out), "--root", str(root))
    assert r.returncode == 0, r.stderr
    return out


def _page(site: Path, folder: str) -> str:
    return (site / folder / "01-general-provisions" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder, lang, inserted, deleted", [("", "en", "shall", "may"),
                                                              ("ar", "ar", "كتابةً", "فوراً")])
def test_site_chapter_shows_suggestions_marked_with_a_notice(shown, folder, lang, inserted, deleted):
    from sopkit.site.strings import say

    page = _page(shown, folder)
    assert f'<ins class="critic">{inserted}</ins>' in page and f'<del class="critic">{deleted}</del>' in page
    assert '<span class="critic comment" data-search-exclude>' in page
    assert say(lang, "suggestions", "text")[:30] in page
    article = page[page.index('<article'):page.index('</article>')]
    assert not re.search(r"\{(\+\+|--|~~|>>|==)", article.replace("<code>{++code++}</code>", ""))


def test_site_notice_in_every_language_and_only_where_there_are_suggestions(shown):
    from sopkit.site.strings import say

    assert say("ckb", "suggestions", "title") in _page(shown, "ckb")  # the English chapter on the Kurdish site
    law = (shown / "laws" / "iq" / "law-9-2000" / "index.html").read_text(encoding="utf-8")
    assert say("en", "suggestions", "title") not in law


def test_site_search_holds_the_words_without_braces_or_comments(shown):
    index = json.loads((shown / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d.get("text", "") + d.get("title", "") for d in index["docs"])
    assert "may shall" in texts and "see Article 1" not in texts
    assert not re.search(r"\{(\+\+|--|~~|>>|==)", texts.replace("<code>{++code++}</code>", ""))


@pytest.fixture(scope="module")
def volumes(shown) -> dict:
    from sopkit.edition.info import edition_info
    from sopkit.edition.volume import volume_document
    from sopkit.load import load_corpus

    root = shown.parent / "corpus"
    corpus = load_corpus(root, cache=False)[0]
    info = edition_info(root, None, corpus)
    return {lang: volume_document(corpus, lang, info) for lang in ("en", "ar")} | {"epoch": info.epoch}


def test_print_edition_gives_word_tracked_changes_and_comments(volumes):
    from sopkit.edition.docx import render_docx

    docx = zipfile.ZipFile(io.BytesIO(render_docx(volumes["ar"], "ar", volumes["epoch"])))
    document = docx.read("word/document.xml").decode("utf-8")
    assert re.search(r"<w:ins [^>]*>.*?كتابةً</w:t>", document) and "فوراً</w:delText>" in document
    assert "وفق المادة 1" in docx.read("word/comments.xml").decode("utf-8")
    assert not re.search(r"\{(\+\+|--|>>)", document)


def test_print_edition_pdf_underlines_and_strikes(volumes):
    import typst

    from sopkit.edition.typst import font_paths, typst_source

    source = typst_source(volumes["en"])
    assert "#strike[may]" in source and "#underline(offset: 2.5pt)[shall]" in source and "see Article 1" in source
    assert "{++" not in source.replace("`{++code++}`", "")
    pdf = typst.Compiler(typst_source(volumes["ar"]).encode("utf-8"), font_paths=font_paths(),
                         ignore_system_fonts=True).compile(format="pdf")
    assert pdf[:5] == b"%PDF-"

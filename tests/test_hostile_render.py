"""Hostile input against what the tools print and render (issue 8): text from a chapter, a law, a file name, a git
tag or author, or the command line never reaches a terminal as a raw control or bidirectional character, and no
renderer drops a character of the text.

Every case runs `sop` as a user does (tests/hostile.py) and asserts the exit code, the message, and that no
byte of the corpus changed.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile

import pytest

from hostile import CH5
from sopkit.pandoc import pandoc_path
from sopkit.visible import UNSAFE

OSC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal window's title
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # writes the clipboard
CLEAR = "\x1b[2J"  # clears the screen
RLO = "\u202e"
LAW28_EN = "laws/iq/law-28-2012/en.md"
CH1 = "sop/01-general-provisions.md"
FINDING = re.compile(r"^[^\n]+:\d+:\d+: [A-Z]\d{3} (error|warning): ")


def _raw(text: str) -> list[str]:
    """The unsafe characters `text` holds, beyond the line breaks and tabs of its own layout."""
    return UNSAFE.findall(text.replace("\n", "").replace("\t", ""))


def _edit(sandbox, rel: str, old: str, new: str) -> str:
    path = sandbox.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def _position(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)


@pytest.fixture
def hostile_draft(sandbox, monkeypatch):
    """Draft wg-3: chapter 5 with escape sequences in a heading, a paragraph and a link target, and a right-to-left
    override; committed and tagged by an author and tagger whose names hold an OSC sequence."""
    _edit(sandbox, CH5, "## Opening an investigation {#investigation-opening}",
          f"## Opening an {CLEAR}investigation {{#investigation-opening}}")
    _edit(sandbox, CH5, "registers the case", f"registers{OSC_TITLE} the {RLO}case "
                                              f"[Article 6](law:iq/law-28-2012#6{CLEAR})")
    monkeypatch.setenv("GIT_AUTHOR_NAME", f"Mal{OSC_TITLE}lory")  # inside the name: git trims controls at its ends
    monkeypatch.setenv("GIT_COMMITTER_NAME", f"Mal{OSC_TITLE}lory")
    sandbox.commit(f"Working group meeting 3{OSC_CLIPBOARD}\n\nsecond line {RLO}", tag="wg-3")
    sandbox.snapshot()
    return sandbox


# -- reports (sop check): text and GitHub formats show control and bidi characters as <U+XXXX> --------------------

def test_reports_show_escape_in_a_link_target(sandbox):
    text = _edit(sandbox, CH5, "registers the case", f"registers the case [Article 6](law:iq/law-28-2012#6{OSC_TITLE})")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1
    assert "has no provision 6<U+001B>]0;pwned<U+0007>" in r.out
    line, col = _position(text, OSC_TITLE)
    assert f"{CH5}:{line}:{col}: V012 error: control character U+001B ESCAPE" in r.out
    assert _raw(r.both) == []
    assert all(FINDING.match(x) for x in r.out.splitlines())
    sandbox.assert_corpus_unchanged()


def test_reports_show_escape_in_github_annotations(sandbox):
    _edit(sandbox, CH5, "registers the case", f"registers the case [Article 6](law:iq/law-28-2012#6{OSC_TITLE})")
    sandbox.snapshot()
    r = sandbox.sop("check", "--format", "github")
    assert r.code == 1
    assert "has no provision 6<U+001B>]0;pwned<U+0007>" in r.out
    assert all(x.startswith(("::error ", "::warning ")) for x in r.out.splitlines())
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_reports_show_escape_in_a_heading(sandbox):
    text = _edit(sandbox, CH5, "## Opening an investigation {#investigation-opening}",
                 f"## Opening an {CLEAR}investigation{OSC_TITLE} {{#investigation-opening}}")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1
    for needle, name in ((CLEAR, "U+001B ESCAPE"), (OSC_TITLE, "U+001B ESCAPE"), ("\x07", "U+0007 BELL")):
        line, col = _position(text, needle)
        assert f"{CH5}:{line}:{col}: V012 error: control character {name}" in r.out
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_reports_show_right_to_left_override(sandbox):
    _edit(sandbox, CH5, "registers the case", f"registers the case [Article 6](law:iq/law-28-2012#6{RLO}1)")
    sandbox.snapshot()
    for fmt in ("text", "github"):
        r = sandbox.sop("check", "--format", fmt)
        assert r.code == 1
        assert "has no provision 6<U+202E>1" in r.out
        assert "V006" in r.out and RLO not in r.both
    sandbox.assert_corpus_unchanged()


def test_reports_keep_a_file_name_with_a_newline_on_one_line(sandbox):
    sandbox.write("sop/09-new\nline.md", (sandbox.root / "sop/08-review-mechanisms.md").read_text(encoding="utf-8"))
    sandbox.snapshot()
    for fmt in ("text", "github"):
        r = sandbox.sop("check", "--format", fmt)
        assert r.code == 1
        [line] = [x for x in r.out.splitlines() if "09-new" in x]
        assert "09-new<U+000A>line.md" in line
        assert all((FINDING if fmt == "text" else re.compile("^::(error|warning) ")).match(x)
                   for x in r.out.splitlines())
        assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_reports_json_and_sarif_escape_and_stay_valid(sandbox):
    _edit(sandbox, CH5, "registers the case", f"registers the case [Article 6](law:iq/law-28-2012#6{RLO}{OSC_TITLE})")
    sandbox.snapshot()
    r = sandbox.sop("check", "--format", "json")
    assert r.code == 1
    messages = [d["message"] for d in json.loads(r.out)["diagnostics"]]
    assert f"iq/law-28-2012 has no provision 6{RLO}{OSC_TITLE}" in " ".join(messages)  # the parser gets it back
    assert "\\u202e" in r.out and _raw(r.out) == []  # the terminal never sees it raw
    r = sandbox.sop("check", "--format", "sarif")
    assert r.code == 1
    results = json.loads(r.out)["runs"][0]["results"]
    assert any(f"6{RLO}{OSC_TITLE}" in x["message"]["text"] for x in results) and _raw(r.out) == []
    sandbox.assert_corpus_unchanged()


# -- command output: text from git and from the corpus is shown, never raw -----------------------------------------

def test_commands_drafts_shows_tag_message_and_tagger(hostile_draft):
    r = hostile_draft.sop("drafts")
    assert r.code == 0
    assert "Mal<U+001B>]0;pwned<U+0007>lory" in r.out
    assert "Working group meeting 3<U+001B>]52;c;cm0gLXJmIH4=<U+0007>" in r.out
    assert " " * 17 + "second line <U+202E>" in r.out  # a message's later lines stay under the draft
    assert _raw(r.both) == []
    hostile_draft.assert_corpus_unchanged()


def test_commands_diff_text_shows_changes_not_escapes(hostile_draft):
    r = hostile_draft.sop("diff", "wg-2", "wg-3")
    assert r.code == 0
    assert "{+<U+001B>[2Jinvestigation+}" in r.out
    assert "<U+001B>]0;pwned<U+0007>" in r.out and "<U+202E>" in r.out
    assert "+ law:iq/law-28-2012#6<U+001B>[2J" in r.out
    assert _raw(r.both) == []
    hostile_draft.assert_corpus_unchanged()


def test_commands_blame_shows_author_and_text(hostile_draft):
    r = hostile_draft.sop("blame", "ch5", "investigation-opening", "--rev", "wg-3")
    assert r.code == 0
    assert "wg-3" in r.out and "Mal<U+001B>]0;pwned<U+0007>lory" in r.out
    assert "## Opening an <U+001B>[2Jinvestigation" in r.out
    assert _raw(r.both) == []
    hostile_draft.assert_corpus_unchanged()


def test_commands_cite_shows_the_text_given(sandbox):
    sandbox.snapshot()
    r = sandbox.sop("cite", input=f"See [Article 7](law:iq/law-28-2012#7{OSC_CLIPBOARD}) and "
                                  f"[x](law:iq/{CLEAR}law) {RLO} Article 6 of Law No. 28 of 2012\n")
    assert r.code == 1
    assert "iq/law-28-2012 has no provision 7<U+001B>]52;c;cm0gLXJmIH4=<U+0007>" in r.out
    assert "no law 'iq/<U+001B>[2Jlaw'" in r.out
    assert "Article 6" in r.out
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_commands_refs_shows_section_titles(sandbox):
    _edit(sandbox, CH1, "Child {#", f"Child{OSC_TITLE}{RLO} {{#")
    sandbox.snapshot()
    r = sandbox.sop("refs", "law:iq/law-28-2012#6")
    assert r.code == 0
    assert "[en] 1.4.6 Child<U+001B>]0;pwned<U+0007><U+202E>  cites 6.1.b" in r.out
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


# -- the Word redline keeps every character: what looks like HTML is text, controls are shown --------------------

def _docx(path, mode: str) -> str:
    done = subprocess.run([pandoc_path(), "-f", "docx", f"--track-changes={mode}", "-t", "plain", "--wrap=none"],
                          input=path.read_bytes(), capture_output=True, check=True)
    return done.stdout.decode()


def test_word_keeps_angle_brackets_script_and_controls(sandbox, tmp_path):
    _edit(sandbox, CH5, "registers the case", "registers the case. Write the <case number> and <victim code> on "
                                              "the form.\n\n<script>alert(1)</script>\n\nNUL\x00here, R&amp;D")
    sandbox.commit("draft 3", tag="wg-3")
    sandbox.snapshot()
    out = tmp_path / "redline.docx"
    r = sandbox.sop("diff", "wg-2", "wg-3", "--format", "docx", "-o", str(out))
    assert r.code == 0 and "wrote" in r.err
    accepted, rejected = _docx(out, "accept"), _docx(out, "reject")
    assert "Write the <case number> and <victim code> on the form." in accepted
    assert "<script>alert(1)</script>" in accepted
    assert "NUL<U+0000>here" in accepted
    assert "R&D" in accepted  # a character reference means its character, as the site shows it
    assert "<case number>" not in rejected and "registers the case ([](sop" not in rejected
    sandbox.assert_corpus_unchanged()


def test_word_shows_a_hostile_author_without_failing(hostile_draft, tmp_path):
    out = tmp_path / "redline.docx"
    r = hostile_draft.sop("diff", "wg-2", "wg-3", "--format", "docx", "-o", str(out))
    assert r.code == 0 and "wrote" in r.err
    doc = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("word/document.xml").decode()
    assert 'w:author="Mal&lt;U+001B&gt;]0;pwned&lt;U+0007&gt;lory"' in doc
    assert "&lt;U+001B&gt;[2Jinvestigation" in doc and "&lt;U+202E&gt;" in doc
    hostile_draft.assert_corpus_unchanged()


# -- the HTML redline: no script runs, nothing is markup, controls are shown ---------------------------------------

def test_html_has_a_policy_against_scripts_and_escapes_script(hostile_draft):
    _edit(hostile_draft, CH5, "informs the investigating judge",
          "informs the <script>alert(1)</script> investigating\x00 judge")
    hostile_draft.commit("draft 4", tag="wg-4")
    hostile_draft.snapshot()
    r = hostile_draft.sop("diff", "wg-2", "wg-4", "--format", "html")
    assert r.code == 0
    head = r.out[:r.out.index("<style>")]
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            "img-src data:;") in head
    assert "<script" not in r.out and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.out
    assert 'title="U+0000">&lt;U+0000&gt;</span>' in r.out and 'title="U+001B"' in r.out
    assert _raw(r.both) == []
    hostile_draft.assert_corpus_unchanged()


# -- control characters in the corpus are findings (V012), with their position -------------------------------------

def test_controls_nul_in_a_chapter_is_reported(sandbox):
    text = _edit(sandbox, CH5, "registers the case", "registers the\x00 case")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1
    line, col = _position(text, "\x00")
    assert f"{CH5}:{line}:{col}: V012 error: control character U+0000 NULL" in r.out
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_controls_in_a_law_text_are_reported(sandbox):
    text = (sandbox.root / LAW28_EN).read_text(encoding="utf-8")
    first = text.index("\n\n", text.index("{#6}")) + 2
    text = text[:first] + "\x1b[31m\x85" + text[first:]
    sandbox.write(LAW28_EN, text)
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1
    line, col = _position(text, "\x1b")
    assert f"{LAW28_EN}:{line}:{col}: V012 error: control character U+001B ESCAPE" in r.out
    assert f"{LAW28_EN}:{line}:{col + 5}: V012 error: control character U+0085 NEXT LINE" in r.out
    assert _raw(r.both) == []
    sandbox.assert_corpus_unchanged()


def test_controls_tab_and_windows_line_endings_are_not_reported(sandbox):
    text = (sandbox.root / CH5).read_text(encoding="utf-8").replace("registers the case", "registers\tthe case")
    sandbox.write(CH5, text.replace("\n", "\r\n"))
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 0, r.out
    assert "V012" not in r.out and "0 error(s)" in r.err
    sandbox.assert_corpus_unchanged()


# -- redlines of drafts built to break them: refused in one line, or rendered with nothing raw ------------------

def test_word_refuses_text_nested_too_deep_for_it(sandbox, tmp_path):
    _edit(sandbox, CH5, "registers the case", "registers the case.\n\n" + "> " * 400 + "deep")
    sandbox.commit("draft 3", tag="wg-3")
    sandbox.snapshot()
    out = tmp_path / "redline.docx"
    r = sandbox.sop("diff", "wg-2", "wg-3", "--format", "docx", "-o", str(out))
    assert r.code == 2 and "cannot hold text nested this deep" in r.err and "--format html" in r.err
    assert not out.exists()
    html = sandbox.sop("diff", "wg-2", "wg-3", "--format", "html")  # the other formats show it
    assert html.code == 0 and "deep" in html.out
    sandbox.assert_corpus_unchanged()


def test_json_redline_escapes_controls_and_bidi(hostile_draft):
    r = hostile_draft.sop("diff", "wg-2", "wg-3", "--format", "json")
    assert r.code == 0 and _raw(r.out) == []
    assert "\\u202e" in r.out.lower()
    assert any(RLO in op["new"] for ch in json.loads(r.out)["documents"] for c in ch["changes"]
               for op in c.get("ops", []))  # a JSON reader gets the character itself back
    hostile_draft.assert_corpus_unchanged()


# -- C106 only where a link can be written: a citation in link text, an image or a comment is still checked ------

def test_citation_inside_markup_is_checked_but_not_asked_to_be_linked(sandbox):
    text = _edit(sandbox, CH5, "registers the case", "registers the case. See [Article 6 of Law No. 28 of 2012]"
                 "(https://example.org), ![Article 6 of Law No. 28 of 2012](x.png), <!-- Article 6 of Law No. 28 of "
                 "2012 --> and [Article 999 of Law No. 28 of 2012](https://example.org)")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1
    line, column = _position(text, "Article 999")
    assert f"{CH5}:{line}:{column}: C102 error: unknown provision" in r.out  # resolved and checked all the same
    assert [x for x in r.out.splitlines() if "C106" in x and x.startswith(f"{CH5}:{line}:")] == []
    sandbox.assert_corpus_unchanged()

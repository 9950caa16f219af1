"""Every redline keeps every word of both drafts, whatever the text holds: `<`, `>` and `&`, Markdown punctuation,
control characters, bidirectional marks, Arabic and Kurdish words (issue 8: "nothing lost").

Two drafts of one chapter are written as folders (a folder is a draft, as a git revision is), the old with a
random paragraph and the new with that paragraph edited; then the Word redline (read back by pandoc with every
tracked change shown), the HTML redline (tags stripped, entities read), the Markdown redline (CriticMarkup) and
the terminal redline are searched for the words. A control character may be shown as `<U+0001>` (the HTML
redline writes `U+0001` in a box); the words around it are still there, in order.

SOP_SOAK_EXAMPLES=200 runs 200 examples instead of 15 (a soak before a release, or after a renderer changes).
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write_corpus
from test_diff import _body
from sopkit.drafts import Revision, load_draft
from sopkit.lookup import link_words
from sopkit.pandoc import pandoc_path
from sopkit.redline import docx as D
from sopkit.redline.engine import diff_drafts
from sopkit.redline.html import render_html
from sopkit.redline.markdown import accept, document_body, reject, render_markdown
from sopkit.redline.terminal import render_text
from sopkit.visible import UNSAFE, json_safe, show, shown

CH = "sop/01-general-provisions.md"
AR = "sop/01-general-provisions.ar.md"  # left out: one chapter file, one language
EXAMPLES = int(os.environ.get("SOP_SOAK_EXAMPLES", "15"))

WORDS = ["investigator", "judge", "victim", "shelter", "Article", "2012", "٢٠١٢", "المحقق", "الضحية", "قاضي",
         "التحقيق", "لێکۆڵەر", "قوربانی", "دادوەر", "دەکرێ\u200cت", "بەڵگە"]
PUNCTUATION = ["<", ">", "&", "<case", "number>", "<script>alert(1)</script>", "<!--", "-->", "<b>", "*", "**",
               "_", "[", "]", "(", ")", "#", "`", "|", "~", "{", "}", "{++", "--}", "~>", "+", "-", "!", ":", ";",
               "\\", "$", "@", "^", "=", "%", '"', "'", "،", "؛"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[2J", "\x1b]0;x\x07", "\x1c", "\x7f",
            "\x85", "\x9b"]
MARKS = ["\u202e", "\u202b", "\u202c", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff",
         "\U000e0041"]
_GLUE = st.sampled_from(CONTROLS + MARKS)
_WORD = st.sampled_from(WORDS)
TOKENS = st.one_of(_WORD, _WORD, st.sampled_from(PUNCTUATION), _GLUE,
                   st.tuples(_WORD, _GLUE, _WORD).map("".join))  # a control inside a word
EDITS = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 40), TOKENS),
                 min_size=1, max_size=5)
_LETTERS = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_CRITIC_DELIMITERS = ("{++", "++}", "{--", "--}", "{~~", "~>", "~~}")  # CriticMarkup has no way to escape them
_OURS = re.compile(r"\x1b\[(?:0|1|32|9;31)m")  # the terminal redline's own colours


def _chapter(paragraph: str) -> str:
    return ("---\nid: ch1\ntitle: General Provisions\nstatus: draft\n---\n\n## Section a {#sop-a}\n\n"
            "These procedures apply to every investigation.\n\n" + paragraph + "\n\n"
            "## Section b {#sop-b}\n\nVictims are referred to shelters.\n")


def _edited(tokens: list[str], edits) -> list[str]:
    out = list(tokens)
    for kind, at, token in edits:
        i = at % (len(out) + 1)
        if kind == "insert" or not out:
            out.insert(i, token)
        elif kind == "delete":
            out.pop(i % len(out))
        else:
            out[i % len(out)] = token
    return out


def _words(text: str) -> list[str]:
    return _LETTERS.findall(text)


def _in_order(words: list[str], rendered: list[str]) -> bool:
    """Whether `words` appear in `rendered`, in order (other words may stand between them)."""
    found = iter(rendered)
    return all(any(w == r for r in found) for w in words)


def _docx_text(data: bytes) -> str:
    """The Word redline as pandoc reads it with every insertion and deletion shown (a deletion and the insertion
    replacing it are two marks side by side: read as two pieces, as a reviewer sees them)."""
    ast = subprocess.run([pandoc_path(), "-f", "docx", "--track-changes=all", "-t", "json"], input=data,
                         capture_output=True, check=True).stdout
    return subprocess.run([pandoc_path(), "-f", "json", "-t", "plain", "--wrap=none"],
                          input=json.dumps(_apart(json.loads(ast))).encode(), capture_output=True,
                          check=True).stdout.decode()


def _apart(node):
    if isinstance(node, dict):
        return {k: _apart(v) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    out = []
    for x in map(_apart, node):
        if out and _mark(out[-1]) == "deletion" and _mark(x) == "insertion":
            out.append({"t": "Space"})
        out.append(x)
    return out


def _mark(x) -> str | None:
    if isinstance(x, dict) and x.get("t") == "Span":
        return next((c for c in x["c"][0][1] if c in ("insertion", "deletion")), None)
    return None


def _html_text(page: str) -> str:
    """The page's text, a deletion and the insertion after it read as two pieces (see `_docx_text`)."""
    return html.unescape(re.sub(r"<[^>]*>", "", page.replace("</del><ins>", "</del> <ins>")))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, min_size=1, max_size=30), EDITS)
def test_every_redline_keeps_every_word_of_both_drafts(tokens, edits):
    old_paragraph = "Text " + " ".join(tokens)  # a word first: the paragraph never opens a list, heading or fence
    new_paragraph = "Text " + " ".join(_edited(tokens, edits))
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = write_corpus(Path(tmp) / "old", {CH: _chapter(old_paragraph), AR: None})
        new_dir = write_corpus(Path(tmp) / "new", {CH: _chapter(new_paragraph), AR: None})
        a, b = load_draft(tmp, str(old_dir)), load_draft(tmp, str(new_dir))
    diff = diff_drafts(a, b, "wg-1", "wg-2")
    old_words, new_words = _words(old_paragraph), _words(new_paragraph)

    if old_paragraph == new_paragraph:
        assert not diff.documents or not any(d.changes for d in diff.documents)
        return
    assert any(d.changes for d in diff.documents), "a change of the text was not seen"

    # Markdown (CriticMarkup): the whole chapter, the old words in order and the new words in order; and,
    # where the text itself holds no CriticMarkup delimiter, accepting gives the new text and rejecting the old
    marked = _words(render_markdown(diff))
    assert _in_order(old_words, marked) and _in_order(new_words, marked)
    if not any(m in old_paragraph + new_paragraph for m in _CRITIC_DELIMITERS):
        [doc] = [d for d in diff.documents if d.path == CH]
        assert accept(document_body(doc)) == _body(b.chapters[0])
        assert reject(document_body(doc)) == _body(a.chapters[0])

    # HTML: the changed section, escaped; nothing in it becomes markup, and the page allows no script
    page = render_html(diff)
    assert "<script" not in page.lower() and "default-src 'none'" in page
    shown = _words(_html_text(page))
    assert _in_order(old_words, shown) and _in_order(new_words, shown)
    body = re.sub(r"<[^>]*>", "", page)
    assert not UNSAFE.search(body.replace("\n", "").replace("\t", "").replace("\r", "")), "raw character in HTML"

    # Word: the whole chapter with every tracked change; nothing dropped as raw HTML, TeX or a control character
    data = D.render_docx(diff, Revision("Working group", "2026-01-01T00:00:00Z"), link_words(b, a))
    word = _words(_docx_text(data))
    assert _in_order(old_words, word) and _in_order(new_words, word)

    # terminal: every word deleted or inserted is shown, nothing unsafe reaches the screen but our colours
    for color in (False, True):
        out = _OURS.sub("", render_text(diff, color=color))
        assert not UNSAFE.search(out.replace("\n", "")), repr(out)
        shown = Counter(_words(out))
        changed = (Counter(old_words) - Counter(new_words)) + (Counter(new_words) - Counter(old_words))
        assert all(shown[w] for w in changed), (changed, out)


# -- the one way of showing a character: nothing dropped, nothing raw ----------------------------------------------

_ANY = st.text(st.characters(codec="utf-8"), max_size=40) | st.lists(
    st.sampled_from(CONTROLS + MARKS + WORDS + ["\n", "\t", "\u2028", "\ufffe", "<U+0001>"])).map("".join)


@settings(max_examples=300, deadline=None)
@given(_ANY)
def test_show_spells_out_every_unsafe_character_and_keeps_the_rest(text):
    out = show(text)
    assert not UNSAFE.search(out)
    assert re.sub(r"<U\+([0-9A-F]{4,6})>", lambda m: chr(int(m.group(1), 16)), out) == text or "<U+" in text
    kept = show(text, keep="\t\n")  # a multi-line format keeps its line breaks and tabs, and only those
    assert kept.count("\n") == text.count("\n") and kept.count("\t") == text.count("\t")
    assert not UNSAFE.search(kept.replace("\n", "").replace("\t", ""))
    assert kept.replace("\n", shown("\n")).replace("\t", shown("\t")) == out


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_ANY, _ANY | st.lists(_ANY), max_size=4))
def test_json_escapes_give_the_same_strings_and_no_raw_character(data):
    dumped = json_safe(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(dumped) == data
    assert not UNSAFE.search(dumped.replace("\n", ""))

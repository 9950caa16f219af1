"""`sop check` made fast finds exactly what it found slowly: the markup pass parses only the files that may hold a
finding (publishable.may_hold_markup) and parses them on several cores; its reference path (`fast=False`) parses
every file in this process, as the check always did. The hygiene pass looks for control characters only in a
file that holds one, and tells a number's digit systems apart without a regular expression per number: compared
here with the findings as the codes define them.

Compared on the bundled corpus, a generated corpus, and a generated corpus with a hostile paragraph written into
every file (raw HTML, links of every scheme, images, reference definitions, attribute lists, escapes, entities,
nesting deeper than the parser goes, and the hygiene pass's invisible characters, controls and mixed digits);
and, for any text made of the characters the markup check reacts to, a text the pre-filter passes over gives no
finding when parsed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from sopkit.check import check
from sopkit.hygiene import check_text, scan_file
from sopkit.load import load_corpus
from sopkit.model import TextFile
from sopkit.parallel import MIN_ITEMS
from sopkit.publishable import check_markup, may_hold_markup, scan_markup
from sopkit.visible import CONTROL_IN_TEXT

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

# One paragraph per kind of finding (and of near miss) the markup and hygiene passes know.
HOSTILE = [
    "Intro <img src=x onerror=alert(1)> here.",
    "<div>\nblock\n</div>",
    "<!-- a drafter's note --> and <!-- a --!> <script>x</script> -->",
    "x \\<script>alert(1) and a \\< b, 3 &lt; 4.",
    "See <b/onmouseover=alert(1)> here.",
    'para\n{: onclick="alert(1)" }',
    '## Scope {#scope-x onmouseover="x"}',
    "## Wide {#wide .class}",
    "[x](http://example.org) [y](javascript:alert(1)) [z](JavaScript:alert(1)) [w](//evil.example/a)",
    "[x](jav&#x61;script:alert(1)) [t](java&#9;script:alert(1)) [f](file:///etc/passwd)",
    "<javascript:alert(1)> <ftp://example.org/x> <https://example.org>",
    "[ref]\n\n[ref]: vbscript:msgbox",
    "![chart](data:image/png;base64,AAAA) ![logo](https://example.org/logo.png) ![g](assets/chart.png)",
    "[a](https://example.org) [b](mailto:unit@example.org) [c](law:iq/law-28-2012#6) [d](sop:scope) [e](#s)",
    "| a | b |\n|---|---|\n| <b>x</b> | [l](http://a.org) |",
    "> quoted <img src=x onerror=alert(1)> and [q](http://q.org)",
    "> " * 120 + "<script>x</script> [deep](http://d.org)",
    "    <b>indented code</b>\n\n```\n<b>fenced</b> [f](http://f.org)\n```",
    "Write `TIP-<governorate>-<year>` as the number.",
    "hidden\u200bspace, \u202eturned\u202c, a bell\x07, a lone\rreturn, \ufef7 and \u0661\u0662" + "3 and \u06f1\u0661",
    "كتێب و یاسای كار",
]


def _hostile_corpus(root: Path) -> Path:
    """A generated corpus with one HOSTILE paragraph appended to each Markdown file, in turn, and all of them to
    every seventh: enough files for the markup pass to parse on several cores."""
    generate(root, laws=80, articles=4, chapters=6, sections=6, seed=3)
    for i, path in enumerate(sorted(root.rglob("*.md"))):
        added = HOSTILE if i % 7 == 0 else [HOSTILE[i % len(HOSTILE)]]
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(added) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("speed")
    return {"bundled": REPO,
            "generated": generate(tmp / "generated", laws=120, articles=6, chapters=8, sections=12, seed=1),
            "hostile": _hostile_corpus(tmp / "hostile")}


def _as_dicts(diagnostics) -> list[dict]:
    return [d.as_dict() for d in diagnostics]


@pytest.mark.parametrize("name", ["bundled", "generated", "hostile"])
def test_markup_findings_are_those_of_a_parse_of_every_file(corpora, name):
    corpus, _ = load_corpus(corpora[name])
    fast = check_markup(corpus)
    assert _as_dicts(fast) == _as_dicts(check_markup(corpus, fast=False))
    if name == "hostile":  # the case has to be one where the fast path skips, parses and forks
        suspects = [f for f in corpus.files if f.path.endswith(".md") and may_hold_markup(f.text)]
        assert len(suspects) >= MIN_ITEMS
        assert {"V013", "V014"} <= {d.code for d in fast}
    else:
        assert sum(may_hold_markup(f.text) for f in corpus.files) < len(corpus.files) / 2


def test_hostile_corpus_report_holds_every_finding(corpora):
    """The whole check, as `sop check --format json` writes it, on the corpus made to give many findings."""
    report = check(corpora["hostile"]).report
    corpus, _ = load_corpus(corpora["hostile"])
    codes = {d.code for d in report.diagnostics}
    assert {"V006", "V008", "V011", "V012", "V013", "V014"} <= codes
    markup = [d for d in report.diagnostics if d.code in ("V013", "V014")]
    assert sorted(_as_dicts(markup), key=str) == sorted(_as_dicts(check_markup(corpus, fast=False)), key=str)
    hygiene = [d for d in report.diagnostics if d.code in ("V006", "V008", "V011", "V012")]
    assert sorted(_as_dicts(hygiene), key=str) == sorted(_as_dicts(check_text(corpus)), key=str)


# Pieces of every construct the markup check reads, and of the near misses around them.
PIECES = ["<", ">", "b", "/", "!", "[", "]", "(", ")", "{", "}", "=", ":", "#", ".", "\\", "&#x61;", "&lt;", "&#9;",
          "law:", "https:", "http:", "javascript:", "mailto:", "sop:", "//", "\n", "\n\n", " ", "\t", "\r", "> ", "- ",
          "1. ", "|", "---", "`", "```", "*", "x", '"', "'", "<!--", "-->", "    ", "##"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_a_text_the_pre_filter_passes_over_has_no_finding(text):
    found = scan_markup(TextFile("sop/05-x.md", text, "en"))
    assert may_hold_markup(text) or found == [], (text, found)


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_paragraph_with_a_finding_is_parsed(text):
    for whole in (text + "\n", "---\nid: ch5\n---\n\n" + text + "\n"):
        assert may_hold_markup(whole) or scan_markup(TextFile("sop/05-x.md", whole, "en")) == []


def _offsets(text: str, diagnostics, code: str) -> list[int]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return [starts[d.line - 1] + d.column - 1 for d in diagnostics if d.code == code]


def _systems(number: str) -> set[str]:
    return {"Western" if c <= "9" else "Arabic-Indic" if c <= "\u0669" else "Persian" for c in number}


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["1", "9", "\u0660", "\u0669", "\u06f0", "\u06f9", "\r", "\n", "\r\n", "\x07", "\x0b",
                                 "\x85", "\x9f", "\x7f", "\t", "a", " ", "\u200b", "."]), max_size=30).map("".join))
def test_controls_and_mixed_numbers_are_those_the_codes_define(text):
    """V012: every control character but tab and line feed, and a carriage return not before a line feed; V008:
    each run of digits that holds more than one digit system, once, at its start."""
    found = scan_file(TextFile("sop/05-x.md", text, "en"))
    assert _offsets(text, found, "V012") == [m.start() for m in CONTROL_IN_TEXT.finditer(text)]
    numbers = [m for m in re.finditer("[0-9\u0660-\u0669\u06f0-\u06f9]+", text) if len(_systems(m.group())) > 1]
    assert _offsets(text, found, "V008") == [m.start() for m in numbers]
    assert [d.message for d in found if d.code == "V008"] == [
        f"the number '{m.group()}' mixes {', '.join(sorted(_systems(m.group())))} digits" for m in numbers]

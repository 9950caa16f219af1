"""The `sop` command as a user runs it: a real subprocess, its output and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import CHAPTER
from sopkit.cli import build_parser

CH = "sop/01-general-provisions.md"


def sop(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sopkit.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_clean_corpus_exits_0(corpus_dir):
    r = sop("check", "--root", str(corpus_dir()))
    assert r.returncode == 0 and r.stdout == ""
    assert "0 error(s), 0 warning(s)" in r.stderr


def test_findings_exit_1_one_line_each(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: final").replace("Introduction.", "a\u200bb")})
    r = sop("check", "--root", str(root))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines == [
        "sop/01-general-provisions.md:4:9: L002 error: 'status' is 'final', which is not one of: draft, adopted "
        "(hint: write one of: draft, adopted)",
        "sop/01-general-provisions.md:8:2: V006 error: invisible character U+200B ZERO WIDTH SPACE "
        "(hint: delete it; if the display order looks wrong without it, reorder the text instead)",
    ]


def test_root_is_found_from_a_subfolder(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: final")})
    r = sop("check", cwd=root / "sop")
    assert r.returncode == 1 and "L002" in r.stdout


def test_json_format(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: final")})
    r = sop("check", "--root", str(root), "--format", "json")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert out["diagnostics"] == [{"code": "L002", "severity": "error", "path": CH, "line": 4, "column": 9,
                                   "message": "'status' is 'final', which is not one of: draft, adopted",
                                   "hint": "write one of: draft, adopted"}]
    assert out["summary"]["errors"] == 1 and out["summary"]["laws"] == 1 and out["summary"]["chapters"] == 2


def test_github_format_escapes_properties(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: final")})
    r = sop("check", "--root", str(root), "--format", "github")
    assert r.stdout == ("::error file=sop/01-general-provisions.md,line=4,col=9,title=L002 missing or ill-typed "
                        "field::'status' is 'final', which is not one of: draft, adopted (hint: write one of: "
                        "draft, adopted)\n")


def test_strict_fails_on_warnings(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: draft\nnote: x")})
    assert sop("check", "--root", str(root)).returncode == 0
    r = sop("check", "--root", str(root), "--strict")
    assert r.returncode == 1 and "L006 warning" in r.stdout


@pytest.mark.parametrize("args, words", [
    (("check", "--root", "/nonexistent/folder"), "is not a folder"),
    (("check", "--rev", "HEAD"), "not inside a git repository"),
    (("codes", "X999"), "unknown code"),
])
def test_usage_errors_exit_2_with_one_line(args, words, corpus_dir):
    r = sop(*args, cwd=corpus_dir())
    assert r.returncode == 2
    assert r.stderr.startswith("sop: error:") and words in r.stderr and "Traceback" not in r.stderr


def test_no_corpus_here_exits_2(tmp_path):
    r = sop("check", cwd=tmp_path)
    assert r.returncode == 2 and "no SOP corpus" in r.stderr


def test_bad_option_exits_2():
    assert sop("check", "--format", "xml").returncode == 2


def test_codes_explains_one_code():
    r = sop("codes", "v006")
    assert r.returncode == 0 and "V006" in r.stdout and "RLO" in r.stdout and "Example" in r.stdout


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) >= {"check", "codes"}
    for name, sub in subparsers.choices.items():
        assert "example" in sub.format_help(), name
        assert sub.description, name

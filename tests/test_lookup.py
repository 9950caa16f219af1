"""`sop cite`, `sop refs` (with real git drafts for --since) and the SARIF report."""

from __future__ import annotations

import json
import subprocess
import sys

import git

from conftest import CHAPTER, LAW_EN, write_corpus

CH = "sop/01-general-provisions.md"
EN = "laws/iq/law-9-2000/en.md"


def sop(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sopkit.cli", *args], capture_output=True, text=True, input=stdin)


def test_cite_json(corpus_dir):
    text = "See Article 1(1) of Law No. 9 of 2000 and المادة (7) منه."
    r = sop("cite", "--root", str(corpus_dir()), "--format", "json", text)
    rows = json.loads(r.stdout)["citations"]
    assert rows == [
        {"text": "Article 1(1) of Law No. 9 of 2000", "start": 4, "end": 37, "law": "iq/law-9-2000",
         "provision": "1.1", "provisions": ["1.1"], "status": "ok", "hint": ""},
        {"text": "المادة (7) منه", "start": 42, "end": 56, "law": "iq/law-9-2000", "provision": "7",
         "provisions": ["7"], "status": "unknown-provision", "hint": "iq/law-9-2000 has no provision 7"},
    ]
    assert text[4:37] == rows[0]["text"] and r.returncode == 1


def test_cite_text_shows_the_provision_in_the_language_asked(corpus_dir):
    r = sop("cite", "--root", str(corpus_dir()), "--lang", "ar", "Article 1(1) of Law No. 9 of 2000")
    assert r.returncode == 0
    # the provision as an Iraqi legal writer names it (labels.py), no longer the headings "المادة (1) › أولاً"
    assert "البند (أولاً) من المادة (1)" in r.stdout and "نص الفقرة." in r.stdout


def test_cite_reads_stdin(corpus_dir):
    r = sop("cite", "--root", str(corpus_dir()), "--format", "json", stdin="المادة (1) من القانون رقم 9 لسنة 2000")
    assert json.loads(r.stdout)["citations"][0]["provision"] == "1"


def test_refs_lists_sections_in_every_language(corpus_dir):
    r = sop("refs", "--root", str(corpus_dir()), "law:iq/law-9-2000#1", "--format", "json")
    refs = json.loads(r.stdout)["references"]
    assert [(x["path"], x["section"], x["number"], x["provisions"]) for x in refs] == [
        ("sop/01-general-provisions.md", "sop-purpose", "1.1", ["1"]),
        ("sop/01-general-provisions.ar.md", "sop-purpose", "1.1", ["1"]),
    ]


def test_refs_of_an_unknown_provision_is_a_usage_error(corpus_dir):
    r = sop("refs", "--root", str(corpus_dir()), "law:iq/law-9-2000#8")
    assert r.returncode == 2 and "has no provision '8'" in r.stderr


def test_refs_since_lists_changed_provisions_and_sections_to_review(tmp_path):
    root = write_corpus(tmp_path / "repo", {CH: CHAPTER + "\nAlso [](law:iq/law-9-2000#1.1).\n"})
    repo = git.Repo.init(root)
    repo.git.add(A=True)
    repo.index.commit("wg-1")
    repo.create_tag("wg-1")
    (root / EN).write_text(LAW_EN.replace("Text of the paragraph.", "Amended text of the paragraph."))
    r = sop("refs", "--root", str(root), "--since", "wg-1", "--format", "json")
    out = json.loads(r.stdout)
    assert out["changed"] == [{"law": "iq/law-9-2000", "provision": "1.1", "kind": "changed", "languages": ["en"]}]
    # a section citing Article 1 as a whole relies on its paragraph 1.1 too, in every language
    assert [(x["path"], x["section"], x["provisions"]) for x in out["references"]] == [
        (CH, "sop-purpose", ["1"]), (CH, "who-applies", ["1.1"]), ("sop/01-general-provisions.ar.md", "sop-purpose", ["1"])]
    text = sop("refs", "--root", str(root), "--since", "wg-1").stdout
    assert "law:iq/law-9-2000#1.1  changed (en)" in text and "Sections to review: 3" in text


def test_sarif_report(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("status: draft", "status: final")})
    r = sop("check", "--root", str(root), "--format", "sarif")
    sarif = json.loads(r.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "L002"
    [result] = run["results"]
    assert result["ruleId"] == "L002" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 9}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == CH

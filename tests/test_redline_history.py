"""The redline as a working group's reviewer meets it: drafts wg-1, wg-2 and wg-3 of the bundled corpus with
commits by three members between them (tests/redline_history.py), compared in every format.

Golden files: tests/golden/redline.{txt,md,html} hold the terminal, Markdown and web redlines of wg-1 to wg-2;
after a change meant to alter them, regenerate with `pytest tests/test_redline_history.py --update-golden` and
read the difference in `git diff` before committing it.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from redline_history import AR, CKB, EN, critic_problems, make_history

GOLDEN = Path(__file__).parent / "golden"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def wg(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history"))


def sop(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sopkit.cli", *args, "--root", str(root)], capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONHASHSEED": "0"})


@pytest.fixture(scope="module")
def as_json(wg) -> dict:
    r = sop(wg, "diff", "wg-1", "wg-2", "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _changes(data: dict, path: str) -> list[dict]:
    return next(d for d in data["documents"] if d["path"] == path)["changes"]


def test_every_change_is_credited_to_the_member_who_made_it(as_json):
    by = {(c["title"], c["kind"]): {b["author"] for b in c["by"]} for path in (EN, AR, CKB)
          for c in _changes(as_json, path)}
    assert by[("5.1 Opening an investigation", "modified")] == {"Rana Aziz"}
    assert by[("5.6.3 No coercion or threats", "renamed")] == {"Layla Hassan"}
    moved = [a for (_, kind), a in by.items() if kind == "moved"]
    assert moved and all(a == {"Karwan Ahmed"} for a in moved)
    assert all(b["draft"] == "wg-2" and b["date"].startswith("2026-11-0") and b["commit"]
               for path in (EN, AR, CKB) for c in _changes(as_json, path) for b in c["by"])


def test_an_added_row_and_an_added_item_are_one_unit_each(as_json):
    [row] = [o for c in _changes(as_json, EN) for o in c["ops"] if "preventive" in o["new"]]
    assert row["op"] == "insert" and row["new"].startswith("| preventive |") and row["new"].endswith("|\n")
    [item] = [o for c in _changes(as_json, EN) for o in c["ops"] if "right to a lawyer" in o["new"]]
    assert item["op"] == "insert" and item["new"].startswith("- [ ] every victim")


def test_a_provision_amended_between_the_drafts_is_listed_with_the_sections_citing_it(as_json):
    [law] = as_json["laws"]
    assert law["provision"] == "6.1.d" and law["law"] == "iq/law-28-2012"
    assert any(c["path"] == EN and c["title"].startswith("5.6 ") for c in law["cited_by"])
    assert "security forces" in json.dumps(law, ensure_ascii=False)


def test_line_endings_and_a_byte_order_mark_alone_are_one_line_each(wg):
    r = sop(wg, "diff", "wg-2", "wg-3")
    assert r.returncode == 0, r.stderr
    assert "0 chapter file(s)" in r.stdout and "0 word(s) inserted, 0 deleted" in r.stdout
    assert "Line endings changed, which is no change of the text: sop/01-general-provisions.md (LF to CRLF)" \
        in r.stdout
    assert "Byte-order mark added or removed, which is no change of the text: sop/01-general-provisions.ar.md " \
           "(added)" in r.stdout
    data = json.loads(sop(wg, "diff", "wg-2", "wg-3", "--format", "json").stdout)
    assert data["summary"]["line_endings_changed"] == 1 and data["summary"]["byte_order_marks_changed"] == 1
    assert data["documents"] == [] and data["citations"] == []


@pytest.mark.parametrize("name", ["5", "05", "ch5", "05-investigation", "sop/05-investigation.md"])
def test_a_chapter_is_named_by_number_id_or_file(wg, name):
    r = sop(wg, "diff", "wg-1", "wg-2", "--chapter", name, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert {d["path"] for d in json.loads(r.stdout)["documents"]} == {EN, AR, CKB}


@pytest.mark.parametrize("args", [["--chapter", "55"], ["--chapter", "ch55"], ["--lang", "fr"]])
def test_a_chapter_or_language_no_draft_has_is_refused_with_the_choices(wg, args):
    r = sop(wg, "diff", "wg-1", "wg-2", *args)
    assert r.returncode == 2 and r.stdout == ""
    assert re.search(r"ch5 \(5, 05-investigation\)|languages: |choose from .en., .ar., .ckb.", r.stderr), r.stderr


def _docx(wg: Path, tmp_path: Path) -> tuple[bytes, etree._Element]:
    out = tmp_path / "redline.docx"
    r = sop(wg, "diff", "wg-1", "wg-2", "--format", "docx", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    return data, etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _words(elements) -> int:
    return sum(len(re.findall(r"\w+", "".join(e.itertext()))) for e in elements)


def test_word_marks_one_row_one_item_and_the_words_the_summary_counts(wg, tmp_path, as_json):
    _, doc = _docx(wg, tmp_path)
    inserted_rows = doc.findall(f".//{{{W}}}trPr/{{{W}}}ins")
    assert len(inserted_rows) == 1 and not doc.findall(f".//{{{W}}}trPr/{{{W}}}del")
    [row] = [r for r in doc.iter(f"{{{W}}}tr") if r.find(f"{{{W}}}trPr/{{{W}}}ins") is not None]
    assert "preventive" in "".join(row.itertext())
    marked_items = [p for p in doc.iter(f"{{{W}}}p") if p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins") is not None]
    assert ["right to a lawyer" in "".join(p.itertext()) for p in marked_items] == [True]
    # the chapters' insertions and deletions, outside moves and the laws' part, are the summary's words
    body = doc.find(f"{{{W}}}body")
    laws = next(k for k, el in enumerate(body) if "Laws: provisions changed" in "".join(el.itertext()))
    chapters = list(body)[:laws]
    def counted(e) -> bool:  # words, not a paragraph's or row's mark, and not an edit inside a moved paragraph
        p = next(e.iterancestors(f"{{{W}}}p"), None)
        return (e.getparent().tag not in (f"{{{W}}}rPr", f"{{{W}}}trPr") and p is not None
                and p.find(f".//{{{W}}}moveTo") is None)

    ins = [e for el in chapters for e in el.iter(f"{{{W}}}ins") if counted(e)]
    dels = [e for el in chapters for e in el.iter(f"{{{W}}}del") if counted(e)]
    assert ins and all(len(list(p.iter(f"{{{W}}}moveTo"))) for p in body.iter(f"{{{W}}}p")
                       if "الإعفاء" in "".join(p.itertext()))
    assert _words(ins) == as_json["summary"]["inserted_words"]
    assert _words(dels) == as_json["summary"]["deleted_words"]


def test_word_credits_each_mark_to_its_author_and_names_each_move_once(wg, tmp_path):
    _, doc = _docx(wg, tmp_path)
    authors = {}
    for e in doc.iter(f"{{{W}}}ins", f"{{{W}}}del", f"{{{W}}}moveFrom", f"{{{W}}}moveTo"):
        authors.setdefault(e.get(f"{{{W}}}author"), []).append("".join(e.itertext()))
    assert any("preventive" in t for t in authors["Rana Aziz"])
    assert any("الإعفاء" in t for t in authors["Karwan Ahmed"])
    assert any("کۆپییەکیان" in t for t in authors["Karwan Ahmed"])
    assert any("security forces" in t for t in authors["Layla Hassan"])  # the law text's change
    names = [e.get(f"{{{W}}}name") for e in doc.iter(f"{{{W}}}moveFromRangeStart")]
    assert names and len(names) == len(set(names))
    assert sorted(names) == sorted(e.get(f"{{{W}}}name") for e in doc.iter(f"{{{W}}}moveToRangeStart"))


def test_blame_names_the_member_and_the_first_draft_holding_the_paragraph(wg):
    r = sop(wg, "blame", "5", "suspect-24-hour-rule", "--lang", "ar", "--format", "json")
    assert r.returncode == 0, r.stderr
    moved = [p for p in json.loads(r.stdout)["paragraphs"] if "الإعفاء أو التخفيف" in p["text"]]
    assert [(p["author"], p["draft"]) for p in moved] == [("Karwan Ahmed", "wg-2")]


@pytest.mark.parametrize("fmt,name", [("text", "redline.txt"), ("md", "redline.md"), ("html", "redline.html")])
def test_golden_redlines(wg, fmt, name, request):
    r = sop(wg, "diff", "wg-1", "wg-2", "--format", fmt)
    assert r.returncode == 0, r.stderr
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(r.stdout, encoding="utf-8")
    assert golden.exists(), f"no {golden}: run pytest {__file__} --update-golden and review it"
    assert r.stdout == golden.read_text(encoding="utf-8"), \
        f"the {fmt} redline changed: if meant, regenerate with --update-golden and review `git diff {golden}`"


def test_criticmarkup_renders_as_valid_markdown_and_gives_back_each_draft(wg):
    """The Markdown redline through the site's Markdown extensions with pymdownx.critic: every mark opens and
    closes inside one paragraph, cell, item or heading; headings keep their ids; accepting and rejecting give the
    drafts' chapter bodies."""
    from sopkit.drafts import load_draft
    from sopkit.redline.engine import _sections
    from sopkit.redline.markdown import accept, reject

    r = sop(wg, "diff", "wg-1", "wg-2", "--format", "md")
    docs = re.split(r"^## (sop/\S+) \(\w+\)\n\n", r.stdout, flags=re.M)
    drafts = load_draft(wg, "wg-1"), load_draft(wg, "wg-2")
    for path, text in zip(docs[1::2], docs[2::2]):
        body = text.split("\n\n", 1)[1].split("\n\n## Laws: provisions changed")[0].rstrip("\n")
        old, new = ("\n\n".join(p for s in _sections(next(c for c in d.chapters if c.path == path))
                                for p in [s.heading(), *s.paragraphs] if p) for d in drafts)
        assert accept(body) == new and reject(body) == old, path
        assert critic_problems(body) == [], path
    import markdown

    assert 'id="suspect-no-threats"' in markdown.Markdown(extensions=["attr_list"]).convert(docs[docs.index(EN) + 1])
    assert "moved here from 5.6.3" in r.stdout and "moved to 5.6.2" in r.stdout
    assert "{>>row added<<}" in r.stdout and "{>>item added<<}" in r.stdout


def test_a_folder_of_chapters_without_sop_is_named_as_such(wg, tmp_path):
    flat = tmp_path / "chapters"
    flat.mkdir()
    (flat / "05-investigation.md").write_bytes((wg / EN).read_bytes())
    r = sop(wg, "diff", str(flat), "wg-2")
    assert r.returncode == 2 and r.stdout == ""
    assert "holds 1 Markdown file(s) (05-investigation.md) but no sop/ folder" in r.stderr
    assert "unknown revision" not in r.stderr

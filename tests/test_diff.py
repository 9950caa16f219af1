"""`sop diff` and `sop drafts` on real git repositories with working-group drafts."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import git
import pytest
from hypothesis import given, settings, strategies as st

from conftest import BASE, CHAPTER, LAW_EN, REPO, write_corpus
from sopkit.drafts import Revision, list_drafts, load_draft
from sopkit.load import load_corpus
from sopkit.pandoc import pandoc_path
from sopkit.redline.engine import _sections, diff_drafts
from sopkit.redline.markdown import accept, document_body, reject
from sopkit.redline.words import apply, tokenize, word_ops

CH = "sop/01-general-provisions.md"

WG1 = CHAPTER + """
## Scope of the procedures {#sop-scope}

These procedures apply to every investigation of trafficking in persons.

They also apply to smuggling of migrants, as far as the victims are concerned.

## Reporting {#sop-reporting}

Reports go to the investigating judge within one day.

## Old section {#old-section}

This section is removed in the next draft.
"""

WG2 = """\
---
id: ch1
title: General Provisions
status: adopted
reviewed: "2026-12-01"
---

Introduction.

## Purpose of these procedures {#sop-purpose}

Text citing [Article 1(1) of Law No. 9 of 2000](law:iq/law-9-2000#1.1).

### Who applies them {#who-applies}

Text.\u200f

## Reporting {#sop-reporting}

Reports go to the investigating judge within one day.

They also apply to smuggling of migrants and to every person smuggled, as far as the victims are concerned.

## Scope {#sop-application}

These procedures apply to every investigation of trafficking in persons.

## New section {#new-section}

Added in this draft, citing [](law:iq/law-9-2000#1).
"""


def _commit(repo, tag, message):
    repo.git.add(A=True)
    repo.index.commit(message)
    repo.create_tag(tag, message=message)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("wg") / "repo", {CH: WG1, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Working Group Secretary").set_value("user", "email", "wg@example.org")
    _commit(repo, "wg-1", "Working group meeting 1")
    (root / CH).write_text(WG2, encoding="utf-8")
    _commit(repo, "wg-2", "Working group meeting 2")
    old, new = load_draft(root, "wg-1"), load_draft(root, "wg-2")
    return root, old, new, diff_drafts(old, new, "wg-1", "wg-2")


def _changes(diff):
    [doc] = [d for d in diff.documents if d.changes]
    return {(c.kind, c.section, c.old_section): c for c in doc.changes}, doc


def test_each_kind_of_change(drafts):
    _, _, _, diff = drafts
    changes, doc = _changes(diff)
    assert doc.front_matter == {"status": ["draft", "adopted"], "reviewed": ["2026-11-16", "2026-12-01"]}
    assert list(changes) == [
        ("renamed", "sop-purpose", "sop-purpose"),  # the heading's words changed, its id did not
        ("modified", "sop-purpose", None),  # a citation retargeted, as one change
        ("modified", "who-applies", None),  # only an invisible mark was added: shown, not hidden
        ("moved", "sop-reporting", "sop-reporting"),  # the section now comes before the one it followed
        ("moved", "sop-reporting", "sop-scope"),  # a paragraph moved to it from another section, and edited
        ("renamed", "sop-application", "sop-scope"),  # the section's id changed: matched by its text
        ("added", "new-section", None),
        ("removed", "old-section", "old-section"),
    ]  # sop-application lost only the paragraph that moved: reported as the move, not as a change here
    retarget = [o for o in changes[("modified", "sop-purpose", None)].ops if o.op != "equal"]
    assert [(o.op, o.old, o.new) for o in retarget] == [
        ("replace", "[Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1)",
         "[Article 1(1) of Law No. 9 of 2000](law:iq/law-9-2000#1.1)")]
    invisible = [o for o in changes[("modified", "who-applies", None)].ops if o.op != "equal"]
    assert [(o.op, o.new) for o in invisible] == [("insert", "\u200f")]
    move = changes[("moved", "sop-reporting", "sop-scope")]
    assert move.inserted_words == 5 and move.deleted_words == 0  # "and to every person smuggled"
    assert [(c.kind, c.section, c.old, c.new) for c in diff.citations] == [
        ("retargeted", "sop-purpose", "law:iq/law-9-2000#1", "law:iq/law-9-2000#1.1"),
        ("added", "new-section", None, "law:iq/law-9-2000#1")]


def test_moves_are_never_a_deletion_and_an_insertion(drafts):
    changes, _ = _changes(drafts[3])
    moved = "They also apply to smuggling"
    for (kind, _, _), c in changes.items():
        if kind == "modified":
            assert not any(moved in o.old or moved in o.new for o in c.ops if o.op != "equal")


def test_a_draft_compared_with_itself_reports_nothing(drafts):
    root, _, new, _ = drafts
    same = diff_drafts(new, load_draft(root, "wg-2"))
    assert same.as_dict()["documents"] == [] and same.citations == ()
    bundled = load_corpus(REPO)[0]
    assert diff_drafts(bundled, load_corpus(REPO)[0]).as_dict()["documents"] == []


def _body(chapter):
    parts = []
    for s in _sections(chapter):
        parts.append("\n\n".join(p for p in (s.heading(), "\n\n".join(s.paragraphs)) if p))
    return "\n\n".join(p for p in parts if p)


def test_criticmarkup_accepts_to_the_new_draft_and_rejects_to_the_old(drafts):
    _, old, new, diff = drafts
    for doc in diff.documents:
        marked = document_body(doc)
        after = next(c for c in new.chapters if c.path == doc.path)
        before = next(c for c in old.chapters if c.path == doc.old_path)
        assert accept(marked) == _body(after)
        assert reject(marked) == _body(before)


_WORDS = st.sampled_from(["the", "victim", "الضحية", "المُحقِّق", "دەکرێ\u200cت", "(6)", ",", ".", "\u202e", "  ", "\n",
                          "[Article 6](law:iq/law-28-2012#6)", "Article", "7"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=20).map(" ".join), st.lists(_WORDS, max_size=20).map(" ".join))
def test_word_operations_rebuild_both_paragraphs(old, new):
    ops = word_ops(tokenize(old), tokenize(new))
    assert apply(ops) == (old, new)


def test_json_shape_from_the_command_line(drafts):
    root = drafts[0]
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "diff", "wg-1", "wg-2", "--root", str(root),
                        "--format", "json"], capture_output=True, text=True)
    out = json.loads(r.stdout)
    assert (out["old"], out["new"]) == ("wg-1", "wg-2")
    [doc] = out["documents"]
    assert set(doc) >= {"id", "lang", "path", "changes"} and doc["id"] == "ch1"
    assert set(doc["changes"][0]) == {"section", "title", "kind", "old_section", "inserted_words", "deleted_words",
                                      "by", "ops"}
    # each change credited to the commit that made it: the one commit between the drafts, in draft wg-2
    assert all(c["by"] and {b["draft"] for b in c["by"]} == {"wg-2"} for c in doc["changes"])
    # a section as a reader names it (its computed number and heading), the id beside it for tools
    titled = [c for c in doc["changes"] if c["section"]]
    assert titled and all(re.match(r"1(\.\d+)+ \S", c["title"]) for c in titled)
    assert {c["kind"] for c in out["citations"]} == {"added", "retargeted"}
    assert out["summary"]["moves"] == 2 and out["summary"]["citations"]["retargeted"] == 1


def test_sections_are_named_by_number_and_title_in_the_terminal_and_the_page(drafts):
    from sopkit.redline.html import render_html
    from sopkit.redline.terminal import render_text

    root = drafts[0]
    diff = diff_drafts(load_draft(root, "wg-1"), load_draft(root, "wg-2"), "wg-1", "wg-2")
    modified = next(c for d in diff.documents for c in d.changes if c.kind == "modified" and c.section)
    assert re.match(r"1(\.\d+)+ ", modified.title)
    assert f"[modified] {modified.title} {{#{modified.section}}}" in render_text(diff)
    page = render_html(diff)
    assert f'<bdi class="title">{modified.title}</bdi> <bdi dir="ltr"><code>#{modified.section}</code></bdi>' in page
    assert "←" not in page  # a move or rename says "from", which reads the same way in Arabic and Kurdish


def test_drafts_lists_tags_with_author_and_message(drafts):
    root = drafts[0]
    assert [(d.name, d.message) for d in list_drafts(root)] == [("wg-1", "Working group meeting 1"),
                                                               ("wg-2", "Working group meeting 2")]
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "drafts", "--root", str(root)],
                       capture_output=True, text=True)
    assert "wg-1" in r.stdout and "Working group meeting 2" in r.stdout


def test_a_folder_is_a_draft_too(drafts, tmp_path):
    root = drafts[0]
    folder = write_corpus(tmp_path / "export", {CH: WG2, "sop/01-general-provisions.ar.md": None})
    d = diff_drafts(load_draft(root, "wg-2"), load_draft(root, str(folder)))
    assert d.as_dict()["documents"] == []
    assert BASE  # the fixture corpus is the base of both


def test_html_redline_marks_changes_and_lays_arabic_out_right_to_left(tmp_path):
    from sopkit.redline.html import render_html

    ar = "sop/01-general-provisions.ar.md"
    root = write_corpus(tmp_path / "repo")
    repo = git.Repo.init(root)
    _commit(repo, "wg-1", "one")
    text = BASE[ar].replace("نص يستند إلى", "نص <script>x</script> يستند\u202e إلى").replace("#1)", "#1.1)")
    (root / ar).write_text(text, encoding="utf-8")
    _commit(repo, "wg-2", "two")
    page = render_html(diff_drafts(load_draft(root, "wg-1"), load_draft(root, "wg-2"), "wg-1", "wg-2"))
    assert '<article class="doc" lang="ar" dir="rtl">' in page
    assert "<ins>" in page and "<del>" in page
    assert "&lt;script&gt;" in page and "<script>x" not in page
    assert 'title="U+202E"' in page  # an invisible direction mark is shown, never silently kept
    assert 'title="law:iq/law-9-2000#1.1">' in page  # the label shown, the target on hover, isolated
    # no raw target in the text a reader sees: it would run into the Arabic words around it
    assert "law:iq" not in re.sub(r"<[^>]*>", "", page.split("<main>")[1].split("<h2>Citations")[0])


def test_html_citation_without_words_reads_as_its_label_in_the_chapters_language(tmp_path):
    from sopkit.lookup import link_words
    from sopkit.redline.html import render_html

    ar = "sop/01-general-provisions.ar.md"
    root = write_corpus(tmp_path / "repo")
    repo = git.Repo.init(root)
    _commit(repo, "wg-1", "one")
    (root / ar).write_text(BASE[ar].replace("نص يستند إلى", "نص يستند إلى [](law:iq/law-9-2000#1.1) وإلى"),
                           encoding="utf-8")
    _commit(repo, "wg-2", "two")
    old, new = load_draft(root, "wg-1"), load_draft(root, "wg-2")
    page = render_html(diff_drafts(old, new, "wg-1", "wg-2"), link_words(new, old))
    label = link_words(new)("law:iq/law-9-2000#1.1", "ar")
    assert re.search("[\u0600-\u06ff]", label)
    assert f'<bdi class="cite" title="law:iq/law-9-2000#1.1">{label}</bdi>' in page


# -- paragraphs are the model's blocks: a code block with its blank lines, a loose list, a table are one each ------

FENCE_OLD = CHAPTER + """
## Commands {#sop-commands}

Record the case with:

```text
sop record --case 12

sop close --case 12
```

Steps, in order:

- Identify the victim.

- Inform the judge.
"""

FENCE_NEW = CHAPTER + """
## Commands {#sop-commands}

Record the case with:

```text
sop record --case 12 --judge

sop close --case 12
```

```
## Not a heading {#not-a-section}

Still code.
```

Steps, in order:

- Identify the victim.

- Inform the investigating judge.

| Role | Duty |
| --- | --- |
| Judge | Decides |
"""


@pytest.fixture(scope="module")
def fenced(tmp_path_factory):
    """Two drafts: the new one edits a fenced code block holding a blank line, adds one holding a heading and
    blank lines, edits a loose list and adds a table."""
    root = write_corpus(tmp_path_factory.mktemp("fence") / "repo",
                        {CH: FENCE_OLD, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    _commit(repo, "wg-1", "Working group meeting 1")
    (root / CH).write_text(FENCE_NEW, encoding="utf-8")
    _commit(repo, "wg-2", "Working group meeting 2")
    old, new = load_draft(root, "wg-1"), load_draft(root, "wg-2")
    return root, old, new, diff_drafts(old, new, "wg-1", "wg-2")


def test_blocks_a_code_block_with_blank_lines_is_one_paragraph(fenced):
    _, _, _, diff = fenced
    changes, doc = _changes(diff)
    assert list(changes) == [("modified", "sop-commands", None)]  # the heading in the fence is no section
    slots = [s for s in doc.slots if not s.heading]
    edited = [s for s in slots if "sop close --case 12" in s.new]
    assert len(edited) == 1 and edited[0].kind == "same"  # one paragraph, edited in place, blank line and all
    assert edited[0].old == "```text\nsop record --case 12\n\nsop close --case 12\n```"
    assert [(o.op, o.new.strip()) for o in edited[0].ops if o.op != "equal"] == [("insert", "--judge")]
    [added] = [s for s in slots if "Still code." in s.new]
    assert added.kind == "inserted"
    assert added.new == "```\n## Not a heading {#not-a-section}\n\nStill code.\n```"
    [listed] = [s for s in slots if "Identify the victim." in s.new]  # a loose list: one paragraph
    assert listed.kind == "same" and listed.new == "- Identify the victim.\n\n- Inform the investigating judge."
    [table] = [s for s in slots if "| Judge |" in s.new]
    assert table.kind == "inserted" and table.new.count("\n") == 2


def test_blocks_every_text_redline_keeps_a_code_block_with_blank_lines_whole(fenced):
    root, old, new, _ = fenced

    def diff(fmt: str) -> str:
        done = subprocess.run([sys.executable, "-m", "sopkit.cli", "diff", "wg-1", "wg-2", "--root", str(root),
                               "--format", fmt], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stderr, done.stderr
        return done.stdout

    assert "--judge" in diff("text") and "not-a-section" in diff("text")  # shown as the code it is
    report = json.loads(diff("json"))
    [doc] = report["documents"]
    assert {c["section"] for c in doc["changes"]} == {"sop-commands"}
    inserted = [o["new"] for c in doc["changes"] for o in c["ops"] if o["op"] == "insert"]
    assert "```\n## Not a heading {#not-a-section}\n\nStill code.\n```" in inserted
    marked = diff("md")
    [body] = [b for b in marked.split("## sop/01-general-provisions.md (en)\n\n")[1:]]
    body = body.split("\n\n", 1)[1]  # after the list of the changes, each with who made it
    after = next(c for c in new.chapters if c.path == CH)
    before = next(c for c in old.chapters if c.path == CH)
    assert accept(body.rstrip("\n")) == _body(after) and reject(body.rstrip("\n")) == _body(before)
    assert "{++```\n## Not a heading {#not-a-section}\n\nStill code.\n```++}" in marked
    page = diff("html")
    assert "Still code." in page and " <ins>--judge</ins>" in page


def test_blocks_windows_line_endings_alone_are_no_change(tmp_path):
    """The same blocks with CR LF line endings: a blank line is a blank line, a fence the same fence."""
    root = write_corpus(tmp_path / "repo", {CH: FENCE_NEW, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    _commit(repo, "wg-1", "Working group meeting 1")
    (root / CH).write_bytes(FENCE_NEW.replace("\n", "\r\n").encode())
    _commit(repo, "wg-2", "Saved on Windows")
    diff = diff_drafts(load_draft(root, "wg-1"), load_draft(root, "wg-2"), "wg-1", "wg-2")
    assert diff.as_dict()["documents"] == [] and diff.summary()["documents_changed"] == 0
    # said in one line, never as a rewrite
    assert diff.line_endings == ((CH, "LF", "CRLF"),)
    assert diff.summary_text().endswith(f"Line endings changed, which is no change of the text: {CH} (LF to CRLF).")
    assert diff.as_dict()["line_endings"] == [{"path": CH, "old": "LF", "new": "CRLF"}]


# -- the terminal redline reads like the sentence it is in -----------------------------------------------------

def _folder_drafts(tmp_path, old: dict, new: dict):
    a = write_corpus(tmp_path / "old", old)
    b = write_corpus(tmp_path / "new", new)
    return diff_drafts(load_draft(tmp_path, str(a)), load_draft(tmp_path, str(b)), "wg-1", "wg-2")


def test_terminal_one_sentence_is_one_line_with_its_own_spacing(tmp_path):
    from sopkit.redline.terminal import render_text

    before = "The officer writes the report and registers the case with the unit before the end of the day."
    after = "The officer writes the report down immediately, registers the case with the unit before the day ends."
    chapter = CHAPTER + "\n## Reporting {#sop-reporting-terminal}\n\nSENTENCE\n"
    out = render_text(_folder_drafts(tmp_path, {CH: chapter.replace("SENTENCE", before)},
                                     {CH: chapter.replace("SENTENCE", after)}))
    lines = [line.strip() for line in out.splitlines() if "{+" in line or "[-" in line]
    assert len(lines) == 1, out  # one sentence, one line: not a fragment per change repeating its context
    assert "{+down immediately,+} registers" in lines[0] or "{+down immediately+}, registers" in lines[0], lines[0]
    assert " ," not in lines[0] and " ." not in lines[0]  # no space before punctuation the text does not have


def test_terminal_a_moved_paragraph_shows_its_words_in_every_language(tmp_path):
    from sopkit.redline.terminal import render_text

    ar = "sop/01-general-provisions.ar.md"
    moved = "يُحال الضحية إلى دار الإيواء خلال أربع وعشرين ساعة من التعرف عليه."
    text = BASE[ar].split("\n## ")[0] + "\n## أ {#sop-move-a}\n\n{a}\n\n## ب {#sop-move-b}\n\n{b}\n"
    old = text.replace("{a}", moved).replace("{b}", "نص ثابت في هذا القسم.")
    new = text.replace("{a}", "نص ثابت في القسم الأول.").replace("{b}", "نص ثابت في هذا القسم.\n\n" + moved)
    out = render_text(_folder_drafts(tmp_path, {ar: old}, {ar: new}))
    assert "[moved]" in out
    assert "يُحال الضحية إلى دار الإيواء" in out, out


# -- a law's text changed between the drafts: listed, with the sections that cite it -------------------------------

def test_a_changed_provision_is_listed_with_its_texts_and_the_sections_citing_it(tmp_path):
    from sopkit.redline.docx import render_docx as word
    from sopkit.redline.html import render_html
    from sopkit.redline.markdown import render_markdown
    from sopkit.redline.terminal import render_text

    law = "laws/iq/law-9-2000/en.md"
    diff = _folder_drafts(tmp_path, {}, {law: LAW_EN.replace("Text of Article 1.", "Text of Article 1, as amended.")})
    assert diff.summary()["provisions_changed"] == 1 and diff.summary()["documents_changed"] == 0
    [change] = diff.laws
    assert (change.law, change.provision, change.kind) == ("iq/law-9-2000", "1", "changed")
    assert change.label == "Article 1 of the Test Law No. 9 of 2000"
    [text] = change.texts
    assert (text.lang, text.old, text.new) == ("en", "Text of Article 1.", "Text of Article 1, as amended.")
    # the section citing Article 1, named as a reader names it, in every language that cites it
    assert ("sop/01-general-provisions.md", "sop-purpose", "1.1 Purpose of the procedures") in {
        (c.path, c.section, c.title) for c in change.cited_by}
    assert "Laws: 1 provision(s) changed, 1 of them cited by the SOP" in diff.summary_text()
    out = render_text(diff)
    assert "[changed] Article 1 of the Test Law No. 9 of 2000 (law:iq/law-9-2000#1)" in out
    assert "{+, as amended+}" in out or "{+as amended+}" in out
    assert "sop/01-general-provisions.md  1.1 Purpose of the procedures" in out
    assert "## Laws: provisions changed" in render_markdown(diff)
    assert "Article 1 of the Test Law No. 9 of 2000" in render_html(diff)
    data = word(diff, Revision("Secretary", "2026-11-20T10:00:00Z"))
    back = subprocess.run([pandoc_path(), "-f", "docx", "--track-changes=all", "-t", "markdown"], input=data,
                          capture_output=True, check=True).stdout.decode()
    assert re.search(r'\{\.insertion author="Secretary"', back) and "Laws: provisions changed" in back
    # a chapter chosen that does not cite the law: the change is not its concern
    assert diff_drafts(load_draft(tmp_path, str(tmp_path / "old")), load_draft(tmp_path, str(tmp_path / "new")),
                       chapter="ch9").laws == ()

"""`sop blame`: the draft and commit that last changed each paragraph, on a real git repository."""

from __future__ import annotations

import json
import subprocess
import sys

import git
import pytest

from conftest import write_corpus
from sopkit.diagnostics import UsageError
from sopkit.history import blame_chapter, paragraphs
from test_diff import CH, WG1, WG2, _commit


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("blame") / "repo", {CH: WG1, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Secretary One").set_value("user", "email", "one@example.org")
    _commit(repo, "wg-1", "Working group meeting 1")
    (root / CH).write_text(WG2, encoding="utf-8")
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Secretary Two")
    _commit(repo, "wg-2", "Working group meeting 2")
    (root / CH).write_text(WG2.replace("Added in this draft", "Added after the meeting"), encoding="utf-8")
    repo.git.add(A=True)
    repo.index.commit("Editorial fix, not yet in a draft")
    return root, repo


def test_paragraphs_are_headings_and_blocks_with_their_section():
    got = paragraphs("---\nid: ch1\n---\n\nIntro.\n\n## A {#a}\nText\nmore.\n\n- x\n- y\n")
    assert [(p.section, p.line, p.end_line) for p in got] == [(None, 5, 5), ("a", 7, 7), ("a", 8, 9), ("a", 11, 12)]


def test_each_paragraph_has_the_draft_and_commit_that_last_changed_it(history):
    root, repo = history
    found = blame_chapter(root, CH)

    def blamed_(start):
        [b] = [b for b in found if b.paragraph.text.startswith(start)]
        return b

    blamed = {k: blamed_(k) for k in ("Introduction.", "Text citing [Article 1(1)", "Added after the meeting")}
    wg1, wg2 = repo.tags["wg-1"].commit.hexsha, repo.tags["wg-2"].commit.hexsha
    assert blamed["Introduction."].draft == "wg-1" and blamed["Introduction."].commit == wg1
    assert blamed["Introduction."].author == "Secretary One"
    retargeted = blamed["Text citing [Article 1(1)"]
    assert (retargeted.draft, retargeted.commit, retargeted.author) == ("wg-2", wg2, "Secretary Two")
    latest = blamed["Added after the meeting"]
    assert latest.draft is None and latest.commit == repo.head.commit.hexsha
    assert latest.summary == "Editorial fix, not yet in a draft"
    # at an earlier revision the same file reads as it was then
    assert {b.draft for b in blame_chapter(root, CH, rev="wg-1")} == {"wg-1"}


def test_one_section_and_clear_errors(history):
    root, _ = history
    only = blame_chapter(root, CH, "sop-purpose")
    assert {b.paragraph.section for b in only} == {"sop-purpose"} and len(only) == 2
    with pytest.raises(UsageError, match="no section 'nope'"):
        blame_chapter(root, CH, "nope")
    with pytest.raises(UsageError, match="unknown revision 'wg-9'"):
        blame_chapter(root, CH, rev="wg-9")
    with pytest.raises(UsageError, match="does not exist at wg-1"):
        blame_chapter(root, "sop/99-nothing.md", rev="wg-1")


def test_cli_by_chapter_id(history):
    root, repo = history
    run = lambda *a: subprocess.run([sys.executable, "-m", "sopkit.cli", "blame", *a], cwd=root,  # noqa: E731
                                    capture_output=True, text=True)
    done = run("ch1", "sop-reporting", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["path"] == CH and {p["draft"] for p in report["paragraphs"]} == {"wg-2"}
    done = run("ch1")
    assert done.returncode == 0 and "(no draft)" in done.stdout and "wg-1" in done.stdout
    done = run("ch7")
    assert done.returncode == 2 and "chapters: ch1" in done.stderr
    # a chapter named by its number or its file's name, as in sop diff
    for name in ("1", "01-general-provisions"):
        done = run(name, "--format", "json")
        assert done.returncode == 0 and json.loads(done.stdout)["path"] == CH, (name, done.stderr)


# -- paragraphs and sections are the model's: a heading in a code block is code, a code block is one paragraph --

FENCED = """\
---
id: ch1
---

## Commands {#sop-commands}

```
## Not a heading {#not-a-section}

Still code.
```

    ## Nor this {#nor-this}

    indented code

- Identify the victim.

- Inform the judge.

| Role | Duty |
| --- | --- |
| Judge | Decides |
"""


def test_blocks_a_heading_in_code_is_no_section_and_a_block_is_one_paragraph():
    got = paragraphs(FENCED)
    assert [(p.section, p.line, p.end_line) for p in got] == [
        ("sop-commands", 5, 5), ("sop-commands", 7, 11), ("sop-commands", 13, 15), ("sop-commands", 17, 19),
        ("sop-commands", 21, 23)]
    assert got[1].text == "```\n## Not a heading {#not-a-section}\n\nStill code.\n```"


def test_blocks_blame_knows_no_section_inside_a_code_block(tmp_path):
    from test_diff import FENCE_NEW, FENCE_OLD

    root = write_corpus(tmp_path / "repo", {CH: FENCE_OLD, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    _commit(repo, "wg-1", "Working group meeting 1")
    (root / CH).write_text(FENCE_NEW, encoding="utf-8")
    _commit(repo, "wg-2", "Working group meeting 2")
    with pytest.raises(UsageError, match="no section 'not-a-section'"):
        blame_chapter(root, CH, "not-a-section")
    found = {b.paragraph.text.split("\n")[0]: b for b in blame_chapter(root, CH, "sop-commands")}
    assert [(b.paragraph.line, b.paragraph.end_line, b.draft) for b in found.values()] == [
        (18, 18, "wg-1"), (20, 20, "wg-1"), (22, 26, "wg-2"), (28, 32, "wg-2"), (34, 34, "wg-1"), (36, 38, "wg-2"),
        (40, 42, "wg-2")]
    assert found["```"].paragraph.text.endswith("Still code.\n```")  # one paragraph, its blank line inside
    done = subprocess.run([sys.executable, "-m", "sopkit.cli", "blame", "ch1", "not-a-section"], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode == 2 and "no section 'not-a-section'" in done.stderr


def test_drafts_follow_the_history_not_the_date_of_the_tag(tmp_path):
    """A draft tagged late (the secretary tags meeting 1 after meeting 2 was tagged) still comes first, and
    `sop blame` names it as the first draft holding a paragraph written for it."""
    import os

    from sopkit.drafts import list_drafts

    root = write_corpus(tmp_path / "repo", {CH: WG1, "sop/01-general-provisions.ar.md": None})
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Secretary").set_value("user", "email", "s@example.org")
    repo.git.add(A=True)
    first = repo.index.commit("Meeting 1 text", author_date="2026-01-10T10:00:00", commit_date="2026-01-10T10:00:00")
    (root / CH).write_text(WG2, encoding="utf-8")
    repo.git.add(A=True)
    repo.index.commit("Meeting 2 text", author_date="2026-02-10T10:00:00", commit_date="2026-02-10T10:00:00")
    os.environ["GIT_COMMITTER_DATE"] = "2026-02-11T10:00:00"
    try:
        repo.create_tag("wg-2", message="Working group meeting 2")
        os.environ["GIT_COMMITTER_DATE"] = "2026-03-01T10:00:00"  # meeting 1 tagged three weeks later
        repo.create_tag("wg-1", ref=first, message="Working group meeting 1")
    finally:
        os.environ.pop("GIT_COMMITTER_DATE", None)
    assert [d.name for d in list_drafts(root)] == ["wg-1", "wg-2"]
    intro = next(b for b in blame_chapter(root, CH) if b.paragraph.text.startswith("Introduction."))
    assert intro.draft == "wg-1"

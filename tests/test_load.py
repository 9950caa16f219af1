"""The model: what load_corpus builds, from the working tree and from real git revisions."""

from __future__ import annotations

import os

import git
import pytest

from conftest import BASE, CHAPTER, LAW_EN, findings, write_corpus
from sopkit.diagnostics import UsageError
from sopkit.load import load_corpus


def test_model_keeps_provisions_sections_and_positions(corpus_dir):
    corpus, diagnostics = load_corpus(corpus_dir())
    assert diagnostics == []
    law = corpus.laws["iq/law-9-2000"]
    assert law.meta.title["en"] == "Test Law" and law.meta.number == "9" and law.meta.year == "2000"
    en = law.text("en")
    assert en.title == "Test Law No. 9 of 2000"
    assert [p.id for p in en.provisions] == ["1", "1.1"]
    p = en.provision("1.1")
    assert (p.label, p.level, p.line, p.text) == ("First", 3, 7, "Text of the paragraph.")
    assert p.parent_id == "1"
    assert law.text().lang == "ar"  # the authoritative language by default
    chapter = corpus.chapters[0]
    assert (chapter.id, chapter.lang, chapter.is_source, chapter.status, chapter.reviewed) == (
        "ch1", "en", True, "draft", "2026-11-16")
    assert chapter.intro == "Introduction."
    assert [(s.id, s.number_text, s.line) for s in chapter.sections] == [
        ("sop-purpose", "1.1", 10), ("who-applies", "1.1.1", 14)]
    assert corpus.source_chapter(corpus.chapters[1]) is chapter


def test_section_numbers_follow_order(corpus_dir):
    text = CHAPTER + "\n## Second {#second}\n\n### A {#sec-a}\n\n### B {#sec-b}\n\n## Third {#third}\n"
    corpus, _ = load_corpus(corpus_dir({"sop/01-general-provisions.md": text,
                                        "sop/01-general-provisions.ar.md": None}))
    assert [s.number_text for s in corpus.chapters[0].sections] == ["1.1", "1.1.1", "1.2", "1.2.1", "1.2.2", "1.3"]


def test_yaml_values_stay_as_written(corpus_dir):
    yml = BASE["laws/iq/law-9-2000/law.yml"].replace('number: "9"', "number: 009")
    corpus, diagnostics = load_corpus(corpus_dir({"laws/iq/law-9-2000/law.yml": yml}))
    assert corpus.laws["iq/law-9-2000"].meta.number == "009"


def test_not_a_corpus_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no SOP corpus"):
        load_corpus(tmp_path)
    with pytest.raises(UsageError, match="not a folder"):
        load_corpus(tmp_path / "missing")


def _commit(repo: git.Repo, message: str, tag: str | None = None) -> None:
    repo.git.add(A=True)
    repo.index.commit(message, author=git.Actor("Drafter", "drafter@example.org"))
    if tag:
        repo.create_tag(tag, message=message)


@pytest.fixture
def drafts(tmp_path):
    """A real git repository with two drafts: wg-1 and wg-2, and an uncommitted change on top."""
    root = write_corpus(tmp_path / "repo")
    repo = git.Repo.init(root)
    _commit(repo, "Working group meeting 1", "wg-1")
    write_corpus(root, {"laws/iq/law-9-2000/en.md": LAW_EN + "\n## Article 2 {#2}\n"}, base=False)
    write_corpus(root, {"laws/iq/law-9-2000/ar.md": BASE["laws/iq/law-9-2000/ar.md"] + "\n## المادة (2) {#2}\n"},
                 base=False)
    _commit(repo, "Working group meeting 2", "wg-2")
    (root / "sop" / "01-general-provisions.md").write_text(CHAPTER.replace("status: draft", "status: final"))
    return root, repo


def test_load_at_revision_reads_the_committed_draft(drafts):
    root, _ = drafts
    old, d1 = load_corpus(root, rev="wg-1")
    new, d2 = load_corpus(root, rev="wg-2")
    assert old.revision == "wg-1" and d1 == [] and d2 == []
    assert [p.id for p in old.laws["iq/law-9-2000"].text("en").provisions] == ["1", "1.1"]
    assert [p.id for p in new.laws["iq/law-9-2000"].text("en").provisions] == ["1", "1.1", "2"]
    # the uncommitted edit is in the working tree only
    assert ("L002", "sop/01-general-provisions.md", 4, 9) in findings(root)
    assert findings(root, "HEAD") == []


def test_load_at_revision_from_a_subfolder_of_the_repository(tmp_path):
    repo_dir = tmp_path / "repo"
    write_corpus(repo_dir / "corpus")
    repo = git.Repo.init(repo_dir)
    _commit(repo, "draft", "wg-1")
    corpus, diagnostics = load_corpus(repo_dir / "corpus", rev="wg-1")
    assert diagnostics == [] and "iq/law-9-2000" in corpus.laws


def test_symlink_committed_to_git_is_reported(tmp_path):
    root = write_corpus(tmp_path / "repo")
    os.symlink("/etc/passwd", root / "sop" / "02-passwd.md")
    repo = git.Repo.init(root)
    _commit(repo, "draft with a link", "wg-1")
    (root / "sop" / "02-passwd.md").unlink()
    assert ("V007", "sop/02-passwd.md", 1, 1) in findings(root, "wg-1")
    assert findings(root) == []


def test_unknown_revision_is_a_usage_error(drafts):
    root, _ = drafts
    with pytest.raises(UsageError, match="unknown revision 'wg-9'"):
        load_corpus(root, rev="wg-9")


def test_revision_outside_git_is_a_usage_error(corpus_dir):
    with pytest.raises(UsageError, match="not inside a git repository"):
        load_corpus(corpus_dir(), rev="HEAD")

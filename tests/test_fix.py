"""`sop check --fix`: links plain-text citations, shows the change, touches nothing else."""

from __future__ import annotations

import subprocess
import sys

from conftest import CHAPTER

CH = "sop/01-general-provisions.md"
PLAIN = CHAPTER.replace("Introduction.", "Under Article 1 of Law No. 9 of 2000 and Articles 1(1) and 1 of this Law.")


def sop(*args):
    return subprocess.run([sys.executable, "-m", "sopkit.cli", *args], capture_output=True, text=True)


def test_fix_links_only_the_citation(corpus_dir):
    root = corpus_dir({CH: PLAIN})
    r = sop("check", "--root", str(root), "--fix")
    assert "-Under Article 1 of Law No. 9 of 2000" in r.stderr  # the change is shown
    assert "linked 1 plain-text citation(s)" in r.stderr
    after = (root / CH).read_text(encoding="utf-8")
    assert after == PLAIN.replace("Article 1 of Law No. 9 of 2000",
                                  "[Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1)", 1)
    # a list is not one link: it stays as written, and is still reported
    assert "C106" in r.stdout and "Articles 1(1) and 1 of this Law" in r.stdout


def test_fix_links_the_citation_not_the_preposition_before_it(corpus_dir):
    """"وفق المادة (1) …" (under Article 1): the link starts at the article word, the preposition stays outside."""
    text = CHAPTER.replace("Introduction.", "وفق المادة (1) من القانون رقم 9 لسنة 2000 تُتخذ الإجراءات.")
    root = corpus_dir({CH: text})
    r = sop("check", "--root", str(root), "--fix")
    assert "linked 1 plain-text citation(s)" in r.stderr, r.stderr
    after = (root / CH).read_text(encoding="utf-8")
    assert "وفق [المادة (1) من القانون رقم 9 لسنة 2000](law:iq/law-9-2000#1) تُتخذ" in after


def test_fix_dry_run_writes_nothing(corpus_dir):
    root = corpus_dir({CH: PLAIN})
    r = sop("check", "--root", str(root), "--fix", "--dry-run")
    assert "+Under [Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1)" in r.stderr
    assert (root / CH).read_text(encoding="utf-8") == PLAIN


def test_fix_twice_changes_nothing_more(corpus_dir):
    root = corpus_dir({CH: PLAIN})
    sop("check", "--root", str(root), "--fix")
    once = (root / CH).read_bytes()
    r = sop("check", "--root", str(root), "--fix")
    assert "linked 0 plain-text citation(s)" in r.stderr and (root / CH).read_bytes() == once


def test_fix_keeps_crlf_line_endings_and_bom(corpus_dir):
    text = "\ufeff" + PLAIN.replace("\n", "\r\n")
    root = corpus_dir({CH: text.encode("utf-8")})
    sop("check", "--root", str(root), "--fix")
    after = (root / CH).read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") and after.count("\r\n") == text.count("\r\n")
    assert "[Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1)" in after


def test_fix_refuses_a_revision(corpus_dir):
    r = sop("check", "--root", str(corpus_dir()), "--fix", "--rev", "HEAD")
    assert r.returncode == 2 and "--fix rewrites the working tree" in r.stderr

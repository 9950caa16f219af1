"""The synthetic corpus of the benchmarks is a valid corpus: it checks clean (no false positives at scale)."""

from __future__ import annotations

import sys

from conftest import REPO
from sopkit.check import check

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def test_generated_corpus_checks_clean(tmp_path):
    root = generate(tmp_path / "corpus", laws=12, articles=9, chapters=3, sections=12)
    result = check(root)
    assert result.report.diagnostics == []
    assert len(result.corpus.laws) == 12 and len(result.corpus.chapters) == 9


def test_diff_bench_drafts_hold_the_changes_it_measures(tmp_path):
    from bench_diff import main, make_drafts

    from sopkit.drafts import load_draft
    from sopkit.redline.engine import diff_drafts

    sizes = make_drafts(tmp_path / "drafts", chapters=1, sections=8)
    assert set(sizes) == {"wg-1", "wg-light", "wg-heavy"}
    base = load_draft(tmp_path / "drafts", "wg-1")
    light = diff_drafts(base, load_draft(tmp_path / "drafts", "wg-light")).summary()
    heavy = diff_drafts(base, load_draft(tmp_path / "drafts", "wg-heavy")).summary()
    assert light["documents_changed"] == 3 and light["moves"] >= 1
    assert heavy["inserted_words"] > 5 * light["inserted_words"]
    main(["--quick"])  # the bench itself runs end to end (its figures are not checked: no test times anything)


def test_diff_bench_start_up_imports_what_sop_diff_imports(tmp_path):
    from bench_diff import imported_modules, make_drafts, sop_environment

    root = tmp_path / "drafts"
    make_drafts(root, chapters=1, sections=8)
    env = sop_environment(tmp_path)
    sop = [sys.executable, "-m", "sopkit.cli", "diff"]
    # wg-heavy sits on wg-light: two commits changed each file, so each change is credited through its blame
    comparing = imported_modules([*sop, "wg-1", "wg-heavy", "--format", "json", "-o", str(tmp_path / "d.json")],
                                 root, env)
    helping = imported_modules([*sop, "--help"], root, env)
    assert {"sopkit.drafts", "sopkit.load", "sopkit.redline.engine", "sopkit.history"} <= set(comparing)
    assert "git" not in comparing  # drafts, blame and credits are read with plain git, never through GitPython
    assert not {"sopkit.load", "git"} & set(helping)  # the help loads no corpus: neither the loader nor GitPython


def test_pathological_bench_runs():
    from bench_pathological import main

    main(["--quick"])  # end to end on small sizes; it exits if any case makes sop raise


def test_print_bench_runs():
    from bench_print import main

    main(["--quick"])  # end to end on a small synthetic corpus: sop print and the reference both set their PDFs


def test_word_bench_runs():
    from bench_word import main

    main(["--quick"])  # a small chapter out to Word, edited with tracked changes, and back; exits if sop fails

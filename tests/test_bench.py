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

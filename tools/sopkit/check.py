"""`sop check`: load the corpus once and run every pass over it.

Example:
    >>> from sopkit.check import check
    >>> result = check(".")
    >>> result.report.exit_code(strict=False)
    0
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .citations.check import check_citations
from .hygiene import check_text
from .load import load_corpus
from .model import Corpus
from .report import Report
from .validate import validate

PASSES = (validate, check_text, check_citations)


@dataclass(frozen=True)
class CheckResult:
    corpus: Corpus
    report: Report


def check(root: str | Path, rev: str | None = None, progress=None) -> CheckResult:
    """Load the corpus at `root` (at git revision `rev` if given) and check it."""
    corpus, diagnostics = load_corpus(root, rev, progress)
    for run in PASSES:
        diagnostics += run(corpus)
    return CheckResult(corpus, Report(diagnostics, corpus))

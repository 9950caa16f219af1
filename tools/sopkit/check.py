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
from .memo import Memo
from .publishable import check_markup
from .model import Corpus
from .report import Report
from .suggestions import check_suggestions
from .translations.glossary import check_glossary
from .translations.status import check_translation_state
from .validate import validate

PASSES = (validate, check_text, check_markup, check_suggestions, check_citations, check_translation_state,
          check_glossary)


@dataclass(frozen=True)
class CheckResult:
    corpus: Corpus
    report: Report


class Session:
    """Checks one corpus again and again, redoing only the work that changed files affect (sop check --watch).

    Example:
        >>> session = Session(".")
        >>> first = session.check()
        >>> # ... a drafter saves one chapter ...
        >>> again = session.check()   # re-reads every file, re-parses and re-checks only the changed one
    """

    def __init__(self, root: str | Path, rev: str | None = None):
        self.root, self.rev = Path(root), rev
        self.files: dict = {}  # the loader's memo: parsed files by path and content
        self.memo = Memo()

    def check(self, progress=None) -> CheckResult:
        corpus, diagnostics = load_corpus(self.root, self.rev, progress, self.files)
        for run in PASSES:
            diagnostics += run(corpus, self.memo)
        self.memo.prune()
        return CheckResult(corpus, Report(diagnostics, corpus))


def check(root: str | Path, rev: str | None = None, progress=None) -> CheckResult:
    """Load the corpus at `root` (at git revision `rev` if given) and check it."""
    corpus, diagnostics = load_corpus(root, rev, progress)
    for run in PASSES:
        diagnostics += run(corpus)
    return CheckResult(corpus, Report(diagnostics, corpus))

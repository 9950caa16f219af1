"""What changed in a source section since its translation was marked: the source text then (from the git blob
the lock file records) against the source text now, word by word (the redline's word diff).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Corpus
from ..redline.words import WordOp, tokenize, word_ops
from ..revisions import run_git
from ..diagnostics import UsageError
from .status import UnitState
from .units import unit_text


def source_changes(corpus: Corpus, state: UnitState) -> tuple[list[WordOp] | None, str]:
    """(the word operations from the source unit then to now, or None; why there are none, or "")."""
    record = state.record
    if record is None:
        return None, "never marked: there is no earlier source text to compare"
    if not record.blob:
        return None, "marked outside a git repository: the earlier source text was not kept"
    old_text = _blob_text(corpus, record.blob)
    if old_text is None:
        return None, f"the earlier source text (blob {record.blob[:10]}) is not in this repository"
    from ..load import chapter_from_text

    then = chapter_from_text(state.source.path, old_text, corpus.settings)
    before = unit_text(then, state.section) if then is not None else None
    now = unit_text(state.source, state.section) or ""
    if before is None:
        return None, "the section did not exist in the source when the translation was marked"
    return word_ops(tokenize(before), tokenize(now)), ""


def _blob_text(corpus: Corpus, blob: str) -> str | None:
    try:
        done = run_git(Path(corpus.root), "cat-file", "blob", blob)
    except UsageError:
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").removeprefix("\ufeff")


def word_diff_text(ops: list[WordOp], context: int = 6) -> str:
    """The changes as git's --word-diff writes them ([-old-]{+new+}), with a few words of context around each and
    "…" where unchanged text is left out; "" when nothing changed."""
    if all(op.op == "equal" for op in ops):
        return ""
    out = []
    for i, op in enumerate(ops):
        if op.op == "equal":
            words = op.old.split()
            if len(words) <= 2 * context:
                out.append(" ".join(words))
            else:
                head = " ".join(words[:context]) if i > 0 else ""
                tail = " ".join(words[-context:]) if i < len(ops) - 1 else ""
                out.append(" … ".join(x for x in (head, tail) if x) if head or tail else "…")
                if i == 0:
                    out[-1] = "… " + out[-1]
                elif i == len(ops) - 1:
                    out[-1] += " …"
            continue
        if op.old.strip():
            out.append(f"[-{' '.join(op.old.split())}-]")
        if op.new.strip():
            out.append(f"{{+{' '.join(op.new.split())}+}}")
    return " ".join(x for x in out if x)

"""`sop amendments accept|reject --suggestions CHAPTER`: settle the CriticMarkup suggestions written in a chapter.

The change is shown first (a unified diff of the chapter, and every comment the settling removes, so that no
word a drafter wrote goes unseen) and written only with `--write`, atomically, the file checked to be still as
read. A suggestion without an end (V016) is never settled: where it ends cannot be told.

Example:
    >>> settle(Path("."), "ch5", "ar", accept=True, lines=[41], write=False)   # shows the change, writes nothing
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from ..diagnostics import UsageError
from ..load import load_corpus
from ..suggestions import apply
from ..visible import show
from ..writing import write_corpus_file
from .wordout import find_chapter


def settle(root: Path, chapter_name: str, lang: str | None, accept: bool, lines: list[int] | None,
           write: bool) -> int:
    corpus, _ = load_corpus(root)
    chapter = find_chapter(corpus, chapter_name, lang)
    source = next(f for f in corpus.files if f.path == chapter.path)
    done = apply(source.text, "accept" if accept else "reject", lines or None)
    verb = "accept" if accept else "reject"
    for u in done.unclosed:
        print(f"{chapter.path}:{u.line}:{u.column}: not settled: this suggestion has no end (V016); close it first")
    if done.unmatched:
        raise UsageError(f"no suggestion on line(s) {', '.join(map(str, done.unmatched))} of {chapter.path}: "
                         "`sop check` lists them (V015)")
    if not done.applied:
        print(f"{chapter.path}: no suggestion to {verb}")
        return 1 if done.unclosed else 0
    diff = difflib.unified_diff(source.text.splitlines(keepends=True), done.text.splitlines(keepends=True),
                                f"a/{chapter.path}", f"b/{chapter.path}")
    sys.stdout.write(show("".join(diff), keep="\n"))
    for s in done.comments:
        print(f"comment removed ({chapter.path}:{s.line}): {show(s.comment)}")
    print(f"{len(done.applied)} suggestion(s) to {verb} in {chapter.path}")
    if not write:
        print("nothing written: add --write to write the chapter")
        return 0
    target = root / chapter.path
    before = (source.text.encode("utf-8") if not source.bom else b"\xef\xbb\xbf" + source.text.encode("utf-8"))
    data = done.text.encode("utf-8")
    write_corpus_file(target, chapter.path, before, b"\xef\xbb\xbf" + data if source.bom else data,
                      f"sop amendments {verb} --suggestions")
    print(f"wrote {chapter.path}; commit it, or make it a proposal: sop propose NAME")
    return 0

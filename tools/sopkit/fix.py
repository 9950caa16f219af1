"""`sop check --fix`: turn unambiguous plain-text citations (C106) into links, show the change, write atomically.

Only citations that resolve to one law and at most one provision are rewritten, and only the characters of
the citation itself change: `Article 6 of Law No. 28 of 2012` becomes
`[Article 6 of Law No. 28 of 2012](law:iq/law-28-2012#6)`. Everything else in the file stays byte for byte.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .citations.check import chapter_citations
from .citations.resolve import law_names
from .model import Corpus


@dataclass(frozen=True)
class Edit:
    path: str
    start: int
    end: int
    replacement: str


def plan_link_fixes(corpus: Corpus) -> dict[str, list[Edit]]:
    """The edits that link every unambiguous plain-text citation, by file."""
    names = law_names(corpus)
    texts = {f.path: f.text for f in corpus.files}
    plan: dict[str, list[Edit]] = {}
    for chapter in corpus.chapters:
        text = texts.get(chapter.path)
        if text is None:
            continue
        for cc in chapter_citations(corpus, chapter, text, names):
            r, c = cc.resolution, cc.resolution.citation
            if c.kind != "plain" or r.status != "ok" or not r.law or len(r.provisions) > 1:
                continue
            if "[" in c.text or "]" in c.text:
                continue  # a link label cannot hold unbalanced brackets safely
            target = f"law:{r.law}" + (f"#{r.provisions[0]}" if r.provisions else "")
            plan.setdefault(chapter.path, []).append(Edit(chapter.path, c.start, c.end, f"[{c.text}]({target})"))
    return plan


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: a reader sees the old or the new file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:  # a new file: the usual permissions, less the umask
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fix_links(corpus: Corpus, root: Path, write: bool = True) -> tuple[str, int]:
    """Plan, show (as a unified diff) and, if `write`, apply the link fixes. Returns the diff and the count."""
    texts = {f.path: f.text for f in corpus.files}
    shown = []
    count = 0
    for path, edits in sorted(plan_link_fixes(corpus).items()):
        old = texts[path]
        new = apply_edits(old, edits)
        shown.append(diff(path, old, new))
        count += len(edits)
        if write:
            on_disk = (root / path).read_bytes().decode("utf-8")
            if on_disk.lstrip("\ufeff") != old:
                raise RuntimeError(f"{path} changed while it was being checked; run the fix again")
            prefix = "\ufeff" if on_disk.startswith("\ufeff") else ""
            write_atomically(root / path, prefix + new)
    return "".join(shown), count

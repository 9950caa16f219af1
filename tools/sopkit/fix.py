"""`sop check --fix`: turn unambiguous plain-text citations (C106) into links, show the change, write all or none.

Only citations that resolve to one law and at most one provision are rewritten, and only the characters of
the citation itself change: `Article 6 of Law No. 28 of 2012` becomes
`[Article 6 of Law No. 28 of 2012](law:iq/law-28-2012#6)`. Everything else in the file stays byte for byte.

Only plain text becomes a link: a citation inside a link's text, an image, a reference definition, HTML, an
autolink or code is left as it is and reported as not linked, with the reason (linkable.py verifies every
link with a Markdown parser before anything is written). The files are written by writing.rewrite_all: all or
none, keeping each file's mode, owner and attributes; a second --fix changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .citations.check import wants_link
from .citations.document import chapter_citations
from .citations.resolve import law_names
from .citations.targets import law_target
from .diagnostics import UsageError
from .linkable import linkable
from .model import Corpus
from .patch import unified_diff
from .visible import show
from .writing import Rewrite, rewrite_all, rewrite_refusal

# what a link target may hold and still be written as it is: no space, bracket, parenthesis, angle bracket,
# backslash or entity that would need escaping in Markdown
SAFE_TARGET = re.compile(r"[^\s()\[\]<>\\&`\"']+")


@dataclass(frozen=True)
class Edit:
    """The planned link of one citation: `text[start:end]` of the file at `path` becomes `replacement`."""

    path: str
    start: int
    end: int
    replacement: str
    target: str = ""
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class NotLinked:
    """A plain-text citation --fix leaves as it is, and why."""

    path: str
    line: int
    column: int
    text: str
    reason: str

    def message(self) -> str:
        return f"{show(self.path)}:{self.line}:{self.column}: not linked: '{show(self.text)}': {self.reason}"


@dataclass
class FixPlan:
    """The verified links by file, and the citations left as they are."""

    edits: dict[str, list[Edit]] = field(default_factory=dict)
    not_linked: list[NotLinked] = field(default_factory=list)


@dataclass
class FixResult:
    """What --fix did (or, with --dry-run, would do)."""

    diff: str  # the unified diff of every file changed
    linked: dict[str, int]  # links by file, in the order written
    not_linked: list[NotLinked]
    written: bool
    refusals: list[str] = field(default_factory=list)  # dry run: why writing would be refused
    signals: list[int] = field(default_factory=list)  # signals held back while the files were renamed

    @property
    def count(self) -> int:
        return sum(self.linked.values())


def plan_link_fixes(corpus: Corpus) -> FixPlan:
    """The links to write for every unambiguous plain-text citation, by file, each verified to turn only plain
    text into a link; and the citations left as they are, with the reason."""
    names = law_names(corpus)
    texts = {f.path: f.text for f in corpus.files}
    plan = FixPlan()
    for chapter in corpus.chapters:
        text = texts.get(chapter.path)
        if text is None:
            continue
        candidates: list[Edit] = []
        for cc in chapter_citations(corpus, chapter, text, names):
            r, c = cc.resolution, cc.resolution.citation
            if c.kind != "plain" or r.status != "ok" or not r.law or len(r.provisions) > 1 or not wants_link(c):
                continue
            target = law_target(r.law, r.provisions[0] if r.provisions else None)
            why = None
            if "[" in c.text or "]" in c.text:
                why = "a link's text cannot hold its brackets"
            elif not SAFE_TARGET.fullmatch(target):
                why = f"its target {target} would need escaping"
            if why:
                plan.not_linked.append(NotLinked(chapter.path, cc.line, cc.column, c.text, why))
                continue
            candidates.append(Edit(chapter.path, c.start, c.end, f"[{c.text}]({target})", target, cc.line,
                                   cc.column))
        kept, refused = linkable(text, candidates)
        for i, reason in sorted(refused.items()):
            e = candidates[i]
            plan.not_linked.append(NotLinked(e.path, e.line, e.column, text[e.start:e.end], reason))
        if kept:
            plan.edits[chapter.path] = [candidates[i] for i in sorted(kept)]
    plan.not_linked.sort(key=lambda n: (n.path, n.line, n.column))
    return plan


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with every edit made (they must not overlap)."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_links(corpus: Corpus, root: Path, write: bool = True, before_commit=None) -> FixResult:
    """Plan the links, show them as a unified diff and, if `write`, write every changed file or none.

    Raises UsageError when nothing could be written: a file is read-only or has several hard links, a file
    changed since it was read, the operating system refused (writing.rewrite_all).
    """
    plan = plan_link_fixes(corpus)
    texts = {f.path: f.text for f in corpus.files}
    shown, linked, rewrites, refusals = [], {}, [], []
    for path, edits in sorted(plan.edits.items()):
        old = texts[path]
        shown.append(unified_diff(path, old, edits))
        linked[path] = len(edits)
        on_disk = _as_read(root / path, path, old)
        bom = b"\xef\xbb\xbf" if on_disk.startswith(b"\xef\xbb\xbf") else b""
        rewrites.append(Rewrite(root / path, path, on_disk, bom + apply_edits(old, edits).encode("utf-8")))
        if not write:
            refusals += filter(None, [rewrite_refusal(root / path, path)])
    result = FixResult("".join(shown), linked, plan.not_linked, written=False, refusals=refusals)
    if write and rewrites:
        result.signals = rewrite_all(rewrites, before_commit)
        result.written = True
    return result


def _as_read(path: Path, name: str, text: str) -> bytes:
    """The bytes of `path`, which must still be the text the corpus was loaded from."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"--fix wrote nothing: cannot read {show(name)} ({exc.strerror or exc})") from None
    try:
        same = data.decode("utf-8").removeprefix("\ufeff") == text
    except UnicodeDecodeError:
        same = False
    if not same:
        raise UsageError(f"--fix wrote nothing: {show(name)} changed while it was being checked; run the fix again")
    return data

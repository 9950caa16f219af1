"""Who last changed each paragraph of a chapter, and in which working-group draft: `sop blame`.

git blame (through GitPython) gives each line of the chapter file the commit that last changed it; a paragraph
(a heading, or a block of the model: a paragraph, a whole list or table, a code block with its blank lines) takes
the newest of its lines' commits, and the draft is the oldest tag that contains that commit (None while no draft
holds it yet). Sections are the chapter's headings as the model reads them: `## x {#id}` inside a code block is
text, not a section.

Example:
    >>> for p in blame_chapter(".", "sop/05-investigation.ar.md", section="investigation-opening"):
    ...     print(p.line, p.draft, p.commit[:7], p.author, p.excerpt)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .blocks import parse_blocks, split_front_matter
from .diagnostics import UsageError
from .drafts import iso_utc, list_drafts
from .revisions import commit_id, run_git
from .visible import show


@dataclass(frozen=True)
class Paragraph:
    section: str | None  # the id of the section it stands in (None before the first heading with an id)
    line: int  # first and last line in the file, 1-based
    end_line: int
    text: str


@dataclass(frozen=True)
class ParagraphBlame:
    paragraph: Paragraph
    commit: str
    author: str
    date: str  # ISO 8601 in UTC
    summary: str  # the first line of the commit's message
    draft: str | None  # the first draft (tag) that holds the commit

    @property
    def excerpt(self) -> str:
        words = " ".join(self.paragraph.text.split())
        return words if len(words) <= 60 else words[:59] + "…"

    def as_dict(self) -> dict:
        p = self.paragraph
        return {"section": p.section, "line": p.line, "end_line": p.end_line, "text": p.text,
                "commit": self.commit, "author": self.author, "date": self.date, "summary": self.summary,
                "draft": self.draft}


@dataclass(frozen=True)
class Credit:
    """Who made a change: the commit's author and date, and the first draft (tag) holding the commit; shaped like
    drafts.Revision (author, date), which a Word redline reads."""

    author: str
    date: str
    draft: str | None = None
    commit: str | None = None


def paragraphs(text: str) -> list[Paragraph]:
    """The headings and blocks of a chapter file after its front matter, as the model reads them
    (blocks.parse_blocks), each with the id of the section it stands in."""
    body = split_front_matter(text).body  # the front matter blanked out, so that line numbers stay true
    parsed = parse_blocks(body)
    lines = body.split("\n")
    ids = {h.line: h.id for h in parsed.headings}
    out: list[Paragraph] = []
    section = None
    for kind, first, last in parsed.blocks:
        if kind == "heading":
            section = ids.get(first) or section  # a heading without an id stays in the section before it
        out.append(Paragraph(section, first, last, "\n".join(lines[first - 1:last])))
    return out


def chapter_path(root: str | Path, chapter: str, lang: str | None = None, rev: str = "HEAD") -> str:
    """The file of a chapter, relative to the corpus root: `chapter` is a file path (anything ending in .md or
    holding a /, checked to lie inside the corpus), or an id such as ch5, a number (5) or a file's name
    (05-investigation), looked up at `rev` in `lang` (the source language by default)."""
    if chapter.endswith(".md") or "/" in chapter or "\\" in chapter or chapter.startswith("."):
        return _inside(root, chapter)
    from .load import load_corpus

    from .drafts import chapter_id

    corpus, _ = load_corpus(root, rev)
    lang = lang or corpus.settings.source_language
    wanted = chapter_id(corpus.chapters, chapter)  # an id (ch5), a number (5) or a file's name (05-investigation)
    found = [c for c in corpus.chapters if wanted is not None and c.id == wanted and c.lang == lang]
    if not found:
        known = sorted({c.id for c in corpus.chapters if c.id})
        raise UsageError(f"no chapter {show(chapter)!r} in {lang} at {rev}; chapters: {', '.join(known)}")
    return found[0].path


def _inside(root: str | Path, path: str) -> str:
    """`path` (relative to the corpus root, or absolute) as a path relative to the corpus root; UsageError when it
    lies outside (`/etc/passwd`, `../x.md`): blame reads the corpus's history, nothing else."""
    top = Path(root).resolve()
    candidates = [Path(os.path.normpath(top / path))]  # lexical: `..` cannot climb out through a link
    if Path(path).is_absolute():
        candidates.append(Path(path).resolve())  # the same file named through a linked folder
    for candidate in candidates:
        try:
            rel = candidate.relative_to(top).as_posix()
        except ValueError:
            continue
        if rel != ".":
            return rel
    raise UsageError(f"{show(path)} is outside the corpus at {top}: name a chapter file under sop/ "
                     "(e.g. sop/05-investigation.md) or a chapter id such as ch5")


def _history(root: str | Path, at: str, known: dict) -> tuple[list[tuple[str, set[str]]], dict[str, int]]:
    """The drafts in history order with the commits each holds, and the commits up to `at` in topological
    order (commits made in the same second, by a script or a rebase, are told apart by it: a child after its
    parent). `known` keeps them for the next chapter blamed at the same revision."""
    if at not in known:
        holds = [(d.name, set(_git_lines(root, "rev-list", d.commit))) for d in list_drafts(root)]
        later = {sha: -k for k, sha in enumerate(_git_lines(root, "rev-list", "--topo-order", at))}
        known[at] = holds, later
    return known[at]


def _git_lines(root: str | Path, *args: str) -> list[str]:
    done = run_git(root, *args)
    return done.stdout.decode("utf-8", "replace").split() if done.returncode == 0 else []


@dataclass
class _Line:
    """What `git blame --porcelain` says of the commit that last changed a line."""

    sha: str
    fields: dict


def _blamed_lines(root: str | Path, at: str, path: str, rev: str) -> tuple[list[_Line], str]:
    """Each line of the file `path` at commit `at` with the commit that last changed it, and the file's text as
    blame read it. One `git blame --porcelain` (its commit id: nothing the user typed reaches it)."""
    done = run_git(root, "blame", "--porcelain", at, "--", path)
    if done.returncode:
        raise UsageError(f"{show(path)} does not exist at {rev}: check the chapter and the revision "
                         "(`sop drafts` lists the drafts)")
    commits: dict[str, dict] = {}
    lines: list[_Line] = []
    texts: list[str] = []
    current: dict | None = None
    for raw in done.stdout.split(b"\n"):
        if raw.startswith(b"\t"):  # the line itself, after its commit's header
            texts.append(raw[1:].decode("utf-8", "replace"))
            continue
        head = _PORCELAIN_HEAD.match(raw)
        if head:
            sha = head.group(1).decode("ascii")
            current = commits.setdefault(sha, {})
            lines.append(_Line(sha, current))
        elif current is not None and b" " in raw:
            key, _, value = raw.partition(b" ")
            current.setdefault(key.decode("ascii", "replace"), value.decode("utf-8", "replace"))
    return lines, "\n".join(texts)


_PORCELAIN_HEAD = re.compile(rb"^([0-9a-f]{40,64}) \d+ \d+")


def blame_chapter(root: str | Path, path: str, section: str | None = None, rev: str = "HEAD",
                  known: dict | None = None) -> list[ParagraphBlame]:
    """Each paragraph of the chapter file `path` (relative to the corpus root) at `rev`, with the commit and
    draft that last changed it; only the paragraphs of `section` when given. `known` (a dict kept by the caller)
    lets the chapters blamed at one revision read the drafts' history once. Read with plain git (blame,
    rev-list), without GitPython, whose import alone costs more than a chapter's blame."""
    at = commit_id(root, rev, "blame reads its history")
    path = _inside(root, path)
    per_line, text = _blamed_lines(root, at, path, rev)
    holds, later = _history(root, at, {} if known is None else known)
    found = []
    for p in paragraphs(text):
        if section is not None and p.section != section:
            continue
        commits = per_line[p.line - 1:p.end_line]
        if not commits:
            continue
        c = max(commits, key=lambda c: (int(c.fields.get("committer-time", 0)), later.get(c.sha, 0)))
        draft = next((name for name, reachable in holds if c.sha in reachable), None)
        when = iso_utc(int(c.fields.get("author-time", 0)))
        found.append(ParagraphBlame(p, c.sha, c.fields.get("author", ""), when, c.fields.get("summary", ""), draft))
    if section is not None and not found:
        raise UsageError(f"no section {section!r} in {path} at {rev}: section ids are the {{#id}} of its headings")
    return found


def file_commits(root: str | Path, since: str | None, rev: str) -> dict[str, list[Credit]] | None:
    """Each file under `root` changed up to `rev` (after `since`; with no `since`, the last commit of each file
    is all that is asked of it) with the commits that changed it, latest first; the latest carries the draft
    (tag) nearest after it, the one a redline credits. Two git processes, whatever the number of files: `git log
    --name-only` and `git name-rev`. None when the history cannot be read."""
    try:
        new = commit_id(root, rev, "")
        span = [f"{commit_id(root, since, '')}..{new}"] if since else [new]
    except UsageError:
        return None
    log = run_git(root, "-c", "core.quotePath=false", "log", "--relative", "--name-only",
                  "--format=%x01%H%x02%an%x02%at", *span, "--", ".")
    if log.returncode != 0:
        return None
    commits: list[tuple[str, str, str, list[str]]] = []
    for chunk in log.stdout.decode("utf-8", "replace").split("\x01")[1:]:
        head, _, names = chunk.partition("\n")
        sha, author, when = head.split("\x02")
        commits.append((sha, author, when, [n for n in names.splitlines() if n]))
    latest = {}  # the commits a redline credits: the latest of each file (git names their drafts in one call)
    for sha, _, _, names in commits:
        for name in names:
            latest.setdefault(name, sha)
    drafts = _nearest_drafts(root, sorted(set(latest.values())))
    found: dict[str, list[Credit]] = {}
    for sha, author, when, names in commits:
        for name in names:
            found.setdefault(name, []).append(Credit(author, iso_utc(int(when)), drafts.get(sha), sha))
    return found


def _nearest_drafts(root: str | Path, commits: list[str]) -> dict[str, str]:
    """Each commit's nearest draft that holds it (git name-rev over the tags: `wg-2~1` is read as wg-2)."""
    if not commits:
        return {}
    named = run_git(root, "name-rev", "--tags", "--name-only", *commits)
    if named.returncode != 0:
        return {}
    out = {}
    for sha, name in zip(commits, named.stdout.decode("utf-8", "replace").splitlines()):
        name = re.split(r"[~^]", name.strip(), maxsplit=1)[0]
        if name and name != "undefined":
            out[sha] = name.removeprefix("tags/")
    return out


def change_attribution(root: str | Path, rev: str, fallback, since: str | None = None):
    """A function giving each changed paragraph of a redline its author and date: those of the commit that
    last changed it up to `rev` (what `sop blame` says), so that a reviewer sees who made each change, not only
    who tagged the draft. `fallback` (a drafts.Revision, the later draft's) answers for text the later draft no
    longer holds (a deletion, the old place of a move), for a folder given as a draft, and where the history
    cannot be read. With `since` (the earlier draft), a chapter file that one commit alone changed between the
    drafts has every change credited to it, deletions too, without reading its blame."""
    from .drafts import Revision

    cache: dict[str, dict[str, Credit]] = {}
    known: dict = {}  # the drafts' history, read once for every chapter blamed
    changed: list = []  # the files changed between the drafts and their commits, read once when first asked

    def commits(path: str) -> list[Credit]:
        if not changed:
            changed.append(file_commits(root, since, rev) or {})
        return changed[0].get(path, [])

    def authors(path: str) -> dict[str, Credit]:
        if path not in cache:
            try:
                blamed = blame_chapter(root, path, rev=rev, known=known)
            except UsageError:
                blamed = []
            cache[path] = {" ".join(b.paragraph.text.split()): Credit(b.author, b.date, b.draft, b.commit)
                           for b in blamed}
        return cache[path]

    def attribution(doc, slot):
        if since is not None and len(commits(doc.path)) == 1:  # one commit alone changed the file
            return commits(doc.path)[0]
        if slot.kind in ("deleted", "moved_from") or not slot.new.strip():
            return fallback
        return authors(doc.path).get(" ".join(slot.new.split()), fallback)

    def last_change(path: str) -> Credit | Revision:
        """The last commit up to `rev` that changed the file `path` (a law text), with its draft."""
        return (commits(path) or [fallback])[0]

    attribution.fallback = fallback
    attribution.last_change = last_change  # what the redline credits a law text's change to
    return attribution

"""Working-group drafts: a git revision (a tag such as wg-3, a branch, a commit) or a folder holding a corpus.

Example:
    >>> corpus = load_draft(".", "wg-3")        # the draft tagged wg-3
    >>> corpus = load_draft(".", "../export")   # a folder with sop/ and laws/
    >>> [d.name for d in list_drafts(".")]
    ['wg-1', 'wg-2', 'wg-3']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import UsageError
from .load import load_corpus
from .model import Corpus


@dataclass(frozen=True)
class Revision:
    """Who made a draft's changes and when, as a Word redline shows them."""

    author: str
    date: str  # ISO 8601 in UTC, e.g. 2026-11-20T10:00:00Z

    @property
    def epoch(self) -> int:
        return int(_dt.datetime.fromisoformat(self.date.replace("Z", "+00:00")).timestamp())


@dataclass(frozen=True)
class Draft:
    name: str  # the tag
    commit: str
    date: str  # ISO date and time of the tag (annotated) or of its commit
    author: str
    message: str


def load_draft(root: str | Path, ref: str, memo: dict | None = None) -> Corpus:
    """The corpus of a draft: `ref` is a folder holding sop/ and laws/, or a git revision of `root`. Drafts
    loaded with one `memo` parse a file they share (the same git blob) once."""
    folder = Path(ref)
    if folder.is_dir() and ((folder / "sop").is_dir() or (folder / "laws").is_dir()):
        corpus, _ = load_corpus(folder, memo=memo)
    else:
        corpus, _ = load_corpus(root, ref, memo=memo)
    return corpus


def list_drafts(root: str | Path) -> list[Draft]:
    """Every tag of the repository, oldest first, with its date, author and message."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{root} is not inside a git repository: drafts are its tags") from None
    drafts = []
    for tag in repo.tags:
        commit = tag.commit
        t = tag.tag  # the tag object of an annotated tag, else None
        when = t.tagged_date if t else commit.committed_date
        offset = -(t.tagger_tz_offset if t else commit.committer_tz_offset)
        date = _dt.datetime.fromtimestamp(when, _dt.timezone(_dt.timedelta(seconds=offset))).isoformat()
        who = t.tagger if t else commit.author
        message = (t.message if t else commit.message).strip()
        drafts.append(Draft(tag.name, commit.hexsha, date, f"{who.name} <{who.email}>", message))
    return sorted(drafts, key=lambda d: d.date)


def draft_revision(root: str | Path, ref: str) -> Revision:
    """The author and date of a draft: its annotated tag's tagger, else its commit's author; for a folder, the
    folder's name and the newest time a chapter in it was modified."""
    folder = Path(ref)
    if folder.is_dir() and ((folder / "sop").is_dir() or (folder / "laws").is_dir()):
        times = [p.stat().st_mtime for p in (folder / "sop").rglob("*.md")] or [folder.stat().st_mtime]
        return Revision(folder.resolve().name, iso_utc(max(times)))
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
        tag = next((t for t in repo.tags if t.name == ref), None)
        if tag is not None and tag.tag is not None:
            return Revision(tag.tag.tagger.name, iso_utc(tag.tag.tagged_date))
        commit = repo.commit(ref)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.BadName, ValueError):
        raise UsageError(f"{ref} is neither a folder with sop/ nor a revision of the repository at {root}") from None
    return Revision(commit.author.name, iso_utc(commit.authored_date))


def iso_utc(timestamp: float) -> str:
    return _dt.datetime.fromtimestamp(int(timestamp), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

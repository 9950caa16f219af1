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
class Draft:
    name: str  # the tag
    commit: str
    date: str  # ISO date and time of the tag (annotated) or of its commit
    author: str
    message: str


def load_draft(root: str | Path, ref: str) -> Corpus:
    """The corpus of a draft: `ref` is a folder holding sop/ and laws/, or a git revision of `root`."""
    folder = Path(ref)
    if folder.is_dir() and ((folder / "sop").is_dir() or (folder / "laws").is_dir()):
        corpus, _ = load_corpus(folder)
    else:
        corpus, _ = load_corpus(root, ref)
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

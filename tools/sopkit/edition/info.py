"""What a volume says about itself on its title page: the version, whether it is a draft, the date and the
revision it was built from. Everything is taken from the revision, never from the clock, so that the same
revision gives the same bytes.

- `--rev REV`: the commit REV names; the date is its commit date; the version is `git describe --tags` (the
  working-group draft it is, "wg-3", or how far past one it is, "wg-3-2-g1a2b3c4").
- the working tree of a git repository: the same for HEAD, and the revision says when the corpus has changes
  not committed yet (its text is then not the text of any revision).
- a folder outside git: no revision; the date is the newest modification of a corpus file.
SOURCE_DATE_EPOCH, when set, gives the date in every case (the reproducible-builds convention).

Example:
    >>> info = edition_info(".", None, corpus)
    >>> info.version, info.draft
    ('wg-2', True)
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UsageError
from ..labels import numerals
from ..model import Corpus
from ..site.strings import say
from ..visible import show

CORPUS_PATHS = ("sop", "laws", "sop.yml")


@dataclass(frozen=True)
class EditionInfo:
    epoch: int  # seconds since 1970, UTC: the date printed and the PDF's own timestamps
    commit: str | None  # the full commit id, None outside git
    version: str | None  # `git describe --tags`; None outside git
    uncommitted: bool  # the working tree differs from the commit in the corpus's files
    draft: bool  # a chapter printed is not adopted yet

    def date(self, lang: str) -> str:
        """The date in words, in `lang`: "2 December 2026", "2 كانون الأول 2026", "٢ی کانوونی یەکەمی ٢٠٢٦"."""
        day = _dt.datetime.fromtimestamp(self.epoch, _dt.timezone.utc).date()
        month = say(lang, "print", "months")[day.month - 1]
        return say(lang, "print", "date_format", day=numerals(str(day.day), lang), month=month,
                   year=numerals(str(day.year), lang))

    def revision(self, lang: str) -> str:
        """The revision as the title page names it (the commit id stays in Latin digits: it is an identifier)."""
        if self.commit is None:
            return say(lang, "print", "no_revision")
        return say(lang, "print", "uncommitted", revision=self.commit) if self.uncommitted else self.commit


def edition_info(root: str | Path, rev: str | None, corpus: Corpus) -> EditionInfo:
    """The title-page facts of the corpus at `root` as loaded (`corpus`, at `rev` or from the working tree)."""
    draft = any(c.status != "adopted" for c in corpus.chapters)
    fixed = _source_date_epoch()
    repo = _repository(root)
    if repo is not None and rev is None and not _tracked(repo, Path(root)):
        repo = None  # a corpus inside a repository that does not keep it (ignored, or never added)
    if repo is None:
        if rev is not None:
            raise UsageError(f"{show(str(root))} is not inside a git repository: --rev needs one")
        return EditionInfo(fixed if fixed is not None else _newest_file(Path(root)), None, None, False, draft)
    from ..revisions import resolve_commit

    commit = resolve_commit(repo, rev or "HEAD")
    uncommitted = rev is None and _changed(repo, Path(root))
    try:
        version = repo.git.describe("--tags", "--always", commit.hexsha)
    except Exception:  # noqa: BLE001 - git's own failure: the commit id still names the text
        version = commit.hexsha[:12]
    epoch = fixed if fixed is not None else int(commit.committed_date)
    return EditionInfo(epoch, commit.hexsha, version, uncommitted, draft)


def _repository(root: str | Path):
    try:
        from ..revisions import open_repository

        repo = open_repository(root, "")
        repo.head.commit  # noqa: B018 - a repository without commits has no revision to print from
        return repo
    except (UsageError, ValueError):
        return None


def _tracked(repo, root: Path) -> bool:
    """Whether the repository keeps the corpus's chapters (else its HEAD says nothing about this text)."""
    prefix = _prefix(repo, root)
    return prefix is not None and bool(repo.git.ls_files("--", str(prefix / "sop")).strip())


def _prefix(repo, root: Path) -> Path | None:
    try:
        return root.resolve().relative_to(Path(repo.working_tree_dir).resolve())
    except ValueError:
        return None


def _changed(repo, root: Path) -> bool:
    """Whether the corpus's files in the working tree differ from HEAD (or are new and not ignored)."""
    prefix = _prefix(repo, root)
    if prefix is None:
        return True
    paths = [str(prefix / p) for p in CORPUS_PATHS]
    if repo.git.diff("HEAD", "--name-only", "--", *paths).strip():
        return True
    return bool(repo.git.ls_files("--others", "--exclude-standard", "--", *paths).strip())


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a number of seconds, not '{show(value)}'")
    return int(value)


def _newest_file(root: Path) -> int:
    times = [p.stat().st_mtime for name in CORPUS_PATHS for p in ([root / name] if name.endswith(".yml") else
                                                                   (root / name).rglob("*")) if p.is_file()]
    return int(max(times)) if times else 0

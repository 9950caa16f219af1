"""Where the corpus's bytes come from: the working tree, or a git revision (read through GitPython).

A source lists the entries under `sop/` and `laws/` plus the root files the corpus reads, without following
symbolic links (they are reported, never read), and returns each file's bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .diagnostics import UsageError

CORPUS_DIRS = ("sop", "laws")
ROOT_FILES = ("sop.yml",)


@dataclass(frozen=True)
class Entry:
    path: str  # posix, relative to the corpus root
    kind: str  # "file", "dir" or "symlink"


class WorkTree:
    """The files on disk under `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.revision = None

    def entries(self) -> list[Entry]:
        found: list[Entry] = []
        for name in ROOT_FILES:
            p = self.root / name
            if p.is_symlink():
                found.append(Entry(name, "symlink"))
            elif p.is_file():
                found.append(Entry(name, "file"))
        for top in CORPUS_DIRS:
            base = self.root / top
            if base.is_symlink():
                found.append(Entry(top, "symlink"))
                continue
            if not base.is_dir():
                continue
            found.append(Entry(top, "dir"))
            self._walk(str(base), top, found)
        return found

    def _walk(self, folder: str, rel: str, found: list[Entry]) -> None:
        """Every entry under `folder`, sorted, never following a link (os.scandir: pathlib is slow at this)."""
        try:
            items = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        dirs = []
        for item in items:
            path = f"{rel}/{item.name}"
            if item.is_symlink():
                found.append(Entry(path, "symlink"))
            elif item.is_dir(follow_symlinks=False):
                found.append(Entry(path, "dir"))
                dirs.append((item.path, path))
            elif item.is_file(follow_symlinks=False):
                found.append(Entry(path, "file"))
        for full, path in dirs:
            self._walk(full, path, found)

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def fingerprint(self, path: str):
        """What changes when the file does (as git's index trusts it): size, modification time, inode."""
        st = os.stat(self.root / path)
        return (st.st_size, st.st_mtime_ns, st.st_ino)


class GitRevision:
    """The files of `root` as they were at git revision `rev` (a tag, branch or commit)."""

    def __init__(self, root: Path, rev: str):
        try:
            import git
        except ImportError as exc:  # pragma: no cover - GitPython is a dependency
            raise UsageError(f"reading a git revision needs GitPython ({exc})") from None
        try:
            repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UsageError(f"{root} is not inside a git repository, so --rev {rev} cannot be read") from None
        except git.GitCommandNotFound:  # pragma: no cover
            raise UsageError("git is not installed; install git to read revisions") from None
        try:
            self.commit = repo.commit(rev)
        except (git.BadName, ValueError, git.GitCommandError):
            raise UsageError(f"unknown revision '{rev}': name a tag, branch or commit "
                             "(list them with `git tag` or `git log --oneline`)") from None
        self.root = root
        self.revision = rev
        top = Path(repo.working_tree_dir or root).resolve()
        try:
            self.prefix = root.resolve().relative_to(top).as_posix()
        except ValueError:
            raise UsageError(f"{root} is outside the repository at {top}") from None
        self._blobs: dict[str, object] = {}

    def _tree(self, rel: str):
        path = rel if self.prefix in ("", ".") else f"{self.prefix}/{rel}"
        try:
            return self.commit.tree / path
        except KeyError:
            return None

    def entries(self) -> list[Entry]:
        found: list[Entry] = []
        for name in ROOT_FILES:
            item = self._tree(name)
            if item is not None and item.type == "blob":
                self._add(found, name, item)
        for top in CORPUS_DIRS:
            tree = self._tree(top)
            if tree is None:
                continue
            if tree.type == "blob":
                self._add(found, top, tree)
                continue
            found.append(Entry(top, "dir"))
            for item in tree.traverse():
                rel = f"{top}/{PurePosixPath(item.path).relative_to(tree.path)}"
                if item.type == "tree":
                    found.append(Entry(rel, "dir"))
                elif item.type == "blob":
                    self._add(found, rel, item)
        return sorted(found, key=lambda e: e.path)

    def _add(self, found: list[Entry], rel: str, blob) -> None:
        if blob.mode == 0o120000:
            found.append(Entry(rel, "symlink"))
        else:
            self._blobs[rel] = blob
            found.append(Entry(rel, "file"))

    def read(self, path: str) -> bytes:
        return self._blobs[path].data_stream.read()

    def fingerprint(self, path: str):
        """The blob id: a hash of the content, known without reading it."""
        return self._blobs[path].hexsha


def open_source(root: Path, rev: str | None):
    """The working tree under `root`, or its state at git revision `rev`."""
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder; pass --root with the folder that holds sop/ and laws/")
    return GitRevision(root, rev) if rev else WorkTree(root)

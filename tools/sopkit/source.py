"""Where the corpus's bytes come from: the working tree, or a git revision (read through GitPython).

A source lists the entries under `sop/` and `laws/` plus the root files the corpus reads, without following
symbolic links (they are reported, never read), and returns each file's bytes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .diagnostics import UsageError
from .revisions import not_available, open_repository, resolve_commit
from .visible import show

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
        """Every entry under `folder`, sorted, never following a link (os.scandir: pathlib is slow at this).

        A folder's entries come before those of its sub-folders, as git lists a tree. The walk keeps its own
        stack rather than recursing, so that folders nested a thousand deep cannot exhaust Python's stack."""
        stack = [(folder, rel)]
        while stack:
            folder, rel = stack.pop()
            try:
                items = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
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
            stack.extend(reversed(dirs))

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def fingerprint(self, path: str):
        """What changes when the file does (as git's index trusts it): size, modification time, inode."""
        st = os.stat(self.root / path)
        return (st.st_size, st.st_mtime_ns, st.st_ino)


class GitRevision:
    """The files of `root` as they were at git revision `rev` (a tag, branch or commit)."""

    def __init__(self, root: Path, rev: str):
        repo = open_repository(root, f"--rev {show(rev)} cannot be read")
        self.commit = resolve_commit(repo, rev)
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

    def _missing(self, what: str) -> UsageError:
        """A tree or blob that the clone does not hold (a shallow or partial clone, a damaged repository)."""
        return UsageError(not_available(f"{what} at {self.revision}") + "; `git fsck` checks the repository")

    def entries(self) -> list[Entry]:
        try:
            return self._entries()
        except (ValueError, OSError, *_git_errors()):
            raise self._missing("a folder of the corpus") from None

    def _entries(self) -> list[Entry]:
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
        try:
            return self._blobs[path].data_stream.read()
        except (ValueError, OSError, *_git_errors()):
            raise self._missing(path) from None

    def fingerprint(self, path: str):
        """The blob id: a hash of the content, known without reading it."""
        return self._blobs[path].hexsha


def _git_errors() -> tuple:
    """What GitPython raises for an object it cannot read."""
    import git

    return (git.BadObject, git.BadName, git.GitCommandError)


def corpus_files_on_disk(root: Path, extra: tuple[str, ...] = ()):
    """(path, lstat) of every file and link of the corpus under `root` (the root files, `extra` files beside
    them, and everything under sop/ and laws/), never following a link; unreadable folders are passed over."""
    for name in ROOT_FILES + extra:
        try:
            st = os.lstat(root / name)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield root / name, st
    stack = [root / top for top in CORPUS_DIRS]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    yield Path(entry.path), entry.stat(follow_symlinks=False)
            except OSError:
                continue


def open_source(root: Path, rev: str | None):
    """The working tree under `root`, or its state at git revision `rev` (None: the working tree; any string,
    even an empty one, is a revision and is checked as one)."""
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder; pass --root with the folder that holds sop/ and laws/")
    return GitRevision(root, rev) if rev is not None else WorkTree(root)

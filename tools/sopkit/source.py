"""Where the corpus's bytes come from: the working tree, or a git revision (read through plain git commands).

A source lists the entries under `sop/` and `laws/` plus the root files the corpus reads, without following
symbolic links (they are reported, never read), and returns each file's bytes.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import UsageError
from .revisions import commit_id, not_available, run_git
from .visible import show

CORPUS_DIRS = ("sop", "laws")
ROOT_FILES = ("sop.yml", "glossary.yml", "translations.lock.yml")  # the settings, the glossary, the lock


@dataclass(frozen=True)
class Entry:
    path: str  # posix, relative to the corpus root
    kind: str  # "file", "dir" or "symlink"


class WorkTree:
    """The files on disk under `root`."""

    def __init__(self, root: Path):
        self.root = root
        self.revision = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        """Nothing to end: files on disk are read whole, each when asked for (GitRevision keeps git running)."""

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
    """The files of `root` as they were at git revision `rev` (a tag, branch or commit), read with plain git: one
    `git ls-tree` lists them, one `git cat-file --batch` reads the blobs asked for (GitPython's import alone took
    longer than reading a whole draft). Use it as a context manager: leaving it ends the `git cat-file`."""

    def __init__(self, root: Path, rev: str):
        self.root = root
        self.revision = rev
        self.commit = commit_id(root, rev, f"--rev {show(rev)} cannot be read")
        self._blobs: dict[str, str] = {}  # path -> blob id
        self._reader: subprocess.Popen | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self._reader is not None:
            self._reader.stdin.close()
            self._reader.stdout.close()
            self._reader.wait()
            self._reader = None

    def _missing(self, what: str) -> UsageError:
        """A tree or blob that the clone does not hold (a shallow or partial clone, a damaged repository)."""
        return UsageError(not_available(f"{what} at {self.revision}") + "; `git fsck` checks the repository")

    def entries(self) -> list[Entry]:
        """The root files and everything under sop/ and laws/, from `git ls-tree` run in `root`: git takes the
        paths as relative to it (a corpus in a sub-folder of the repository) and names what it lists so."""
        listed = run_git(self.root, "ls-tree", "-r", "-t", "-z", self.commit, "--", *ROOT_FILES, *CORPUS_DIRS)
        if listed.returncode:
            raise self._missing("a folder of the corpus")
        found: list[Entry] = []
        for record in listed.stdout.split(b"\0"):
            if not record:
                continue
            info, _, name = record.partition(b"\t")
            mode, kind, sha = info.decode("ascii").split(" ")
            path = name.decode("utf-8", "surrogateescape")
            top = path.split("/", 1)[0]
            if top in ROOT_FILES and (path != top or kind != "blob"):
                continue
            if top not in ROOT_FILES and top not in CORPUS_DIRS:  # the folder `root` itself, listed as ./
                continue
            if kind == "tree":
                found.append(Entry(path, "dir"))
            elif kind == "blob" and mode == "120000":
                found.append(Entry(path, "symlink"))
            elif kind == "blob":
                self._blobs[path] = sha
                found.append(Entry(path, "file"))
        return sorted(found, key=lambda e: e.path)

    def read(self, path: str) -> bytes:
        """The bytes of the blob at `path`, asked of the one `git cat-file --batch` this revision keeps open."""
        if self._reader is None:
            self._reader = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            self._reader.stdin.write(self._blobs[path].encode("ascii") + b"\n")
            self._reader.stdin.flush()
            header = self._reader.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":  # "<id> missing": the clone does not hold it
                raise OSError(f"git cat-file: {header!r}")
            size = int(header[2])
            data = self._reader.stdout.read(size + 1)  # the blob, then the line break git writes after it
        except (OSError, ValueError):
            raise self._missing(path) from None
        if len(data) != size + 1:
            raise self._missing(path)
        return data[:size]

    def fingerprint(self, path: str):
        """The blob id: a hash of the content, known without reading it."""
        return self._blobs[path]


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

"""How the tools write files: the output of `sop diff -o FILE`, and the chapters `sop check --fix` rewrites.

An output file (`write_output`) is written as a regular file, atomically (a temporary file beside it, synced,
then renamed over it), and only where the user may mean it: a target that exists and is not a regular file (a
device, a FIFO, a folder), a symbolic link, a folder that does not exist and any file of the corpus are refused.

Corpus files (`rewrite_all`) are rewritten all or none: every new file is staged and synced first, every
original is checked to be still what the plan was made from, and only then are they renamed into place, with
SIGINT, SIGTERM and SIGHUP held back; if a rename fails, the files already renamed are put back from hard-link
backups. Each rewritten file keeps its mode, owner, group and extended attributes. A file with several hard
links (a rename would split them) or that is read-only is refused before anything is written.

Every message names the user's file, never the temporary one. Failures of the operating system (disk full,
permission denied, read-only file system) become `UsageError`s saying what to do, and no temporary file is left.

Example:
    >>> write_output("redline.html", "<!doctype html>...", corpus_roots=[Path(".")])
    >>> rewrite_all([Rewrite(Path("sop/05-investigation.md"), "sop/05-investigation.md", old, new)])
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import signal
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .diagnostics import UsageError
from .source import ROOT_FILES, corpus_files_on_disk
from .visible import show

CORPUS_FOLDERS = ("sop", "laws")
CORPUS_FILES = ("sop.yml", "glossary.yml", "translations.lock.yml")  # the settings, glossary and lock beside them
HELD_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s)

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space and run the command again",
    errno.EFBIG: "the file is larger than this file system (or a limit) allows",
    errno.EACCES: "permission denied: choose a folder you may write to, or ask for write permission",
    errno.EPERM: "the operation is not permitted here (an immutable file or folder?): choose another place",
    errno.EROFS: "the file system is read-only: choose another place",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter one",
    errno.EISDIR: "it is a folder: name a file",
}


def os_failure(exc: OSError, target: str, doing: str = "cannot write") -> UsageError:
    """An operating-system failure as a usage error naming the user's file and what to do about it."""
    advice = _ADVICE.get(exc.errno) or exc.strerror or type(exc).__name__  # str(exc) may name a temporary file
    return UsageError(f"{doing} {show(target)}: {advice}")


# -- output files (-o) ------------------------------------------------------------------------------------

def check_output_target(target: str | Path, corpus_roots: Iterable[str | Path]) -> Path:
    """Refuse (UsageError) an output file the user cannot mean; returns it as a Path.

    Refused: a symbolic link (even to a regular file), anything that exists and is not a regular file, a
    parent folder that does not exist (or is not a folder), and any file of a corpus under `corpus_roots`
    (anything under its sop/ or laws/, its sop.yml or glossary.yml, or a hard link to one of its files) or of
    the git repository beside it (.git/).
    """
    path = Path(target)
    name = show(str(target))
    if not path.name or path.name in (".", ".."):
        raise UsageError(f"cannot write {name}: name a file, not a folder")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise os_failure(exc, str(target)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise UsageError(f"refusing to write {name}: it is a symbolic link; name the file itself, or remove "
                             "the link first")
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"refusing to write {name}: it exists and is {_kind(st.st_mode)}, not a regular file; "
                             "name a regular file")
    parent = path.parent
    if not parent.is_dir():
        missing = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(f"cannot write {name}: the folder {show(str(parent))} {missing}; create it first or "
                         "name another place")
    where = parent.resolve() / path.name
    for root in corpus_roots:
        part = corpus_part(where, Path(root).resolve())
        if part:
            raise UsageError(f"refusing to write {name}: it is {part}; write the output elsewhere, "
                             "e.g. -o redline.html")
    if st is not None:  # the same file by another name: a hard link, or other letter case where case is ignored
        for root in corpus_roots:
            twin = _same_file_in_corpus(Path(root), st)
            if twin:
                what = "a hard link to the corpus file" if st.st_nlink > 1 else "the corpus file"
                raise UsageError(f"refusing to write {name}: it is {what} {show(twin)}; write the output elsewhere")
    return path


def write_output(target: str | Path, data: str | bytes, corpus_roots: Iterable[str | Path] = ()) -> None:
    """Write `data` to the output file `target` atomically, after `check_output_target`.

    A new file gets the usual permissions (0666 less the umask); a file replaced keeps its mode (and, where
    the operating system allows, its owner and group).
    """
    roots = list(corpus_roots)
    path = check_output_target(target, roots)
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    temp = None
    try:
        fd, temp = _create_beside(path, 0o666)  # the kernel applies the umask (or the folder's default ACL)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                st = None
            if st is not None and stat.S_ISREG(st.st_mode):
                _keep_owner(out.fileno(), st, strict=False)
                os.fchmod(out.fileno(), stat.S_IMODE(st.st_mode))
            os.fsync(out.fileno())
        check_output_target(target, roots)  # again, just before the rename: nothing may have taken its place
        os.replace(temp, path)
        temp = None
        _sync_folder(path.parent)
    except OSError as exc:
        raise os_failure(exc, str(target)) from None
    finally:
        if temp is not None:
            _remove(temp)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def corpus_part(where: Path, root: Path) -> str | None:
    """What `where` is in the corpus at `root` ("a chapter file", ...), or None when it is outside it."""
    try:
        rel = where.relative_to(root)
    except ValueError:
        return None
    parts = rel.parts
    if not parts:
        return None
    if parts[0] == ".git":
        return "a file of the git repository (under .git/)"
    if parts[0] in CORPUS_FOLDERS:
        return f"the corpus folder {parts[0]}/" if len(parts) == 1 else f"a file of the corpus (under {parts[0]}/)"
    if len(parts) == 1 and parts[0] in CORPUS_FILES:
        return f"the corpus file {parts[0]}"
    return None


def _same_file_in_corpus(root: Path, st: os.stat_result) -> str | None:
    """The corpus file under `root` that is the same file (device and inode) as `st`, if any."""
    extra = tuple(f for f in CORPUS_FILES if f not in ROOT_FILES)
    for path, found in corpus_files_on_disk(root, extra):
        if _same(found, st):
            return path.relative_to(root).as_posix()
    return None


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_ino == b.st_ino and a.st_dev == b.st_dev


# -- rewriting corpus files (--fix) ----------------------------------------------------------------------

@dataclass(frozen=True)
class Rewrite:
    """One corpus file to rewrite: `old` are the bytes the plan was made from, `new` the bytes to write."""

    path: Path  # the file on disk
    name: str  # as the user knows it: relative to the corpus root
    old: bytes
    new: bytes


@dataclass
class Staged:
    """A rewrite on its way: the new file written beside the original, and the original's backup."""

    rewrite: Rewrite
    temp: Path | None = None
    backup: Path | None = None


def rewrite_refusal(path: Path, name: str) -> str | None:
    """Why `path` must not be rewritten by a rename (None when it may be): checked before anything is written."""
    shown_name = show(name)
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"{shown_name} cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
        return f"{shown_name} is not a regular file"
    if st.st_nlink > 1:
        return (f"{shown_name} has {st.st_nlink} hard links, and writing it by a rename would split them; "
                "make it a file of its own (cp FILE FILE.tmp && mv FILE.tmp FILE) or add the links by hand")
    # root may write a file whatever its mode says, so the mode bits count too: a file nobody may write is
    # read-only on purpose
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        return (f"{shown_name} is read-only (mode {stat.S_IMODE(st.st_mode):04o}); make it writable "
                "(chmod u+w) if it should be fixed")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"{shown_name} is in a folder you may not write to, so it cannot be replaced"
    return None


def rewrite_all(rewrites: list[Rewrite], before_commit: Callable[[list[Staged]], None] | None = None) -> list[int]:
    """Rewrite every file of `rewrites`, or none of them (UsageError saying why nothing was written).

    Steps: refuse files that may not be replaced; stage each new file beside its original (synced, with the
    original's mode, owner, group and extended attributes); check every original still holds `old`; then
    rename them all into place with the interrupting signals held back, restoring the originals from hard-link
    backups if one rename fails. `before_commit(staged)` runs between staging and that check (a hook for
    tests and callers that must see the staged files).

    Returns the signals that arrived while the renames were being made: the caller reports what was written,
    then lets them act (`signal.raise_signal`).
    """
    refusals = [why for why in (rewrite_refusal(r.path, r.name) for r in rewrites) if why]
    if refusals:
        raise UsageError("--fix wrote nothing: " + "; ".join(refusals))
    staged = [Staged(r) for r in rewrites]
    try:
        for s in staged:
            s.temp = _stage(s.rewrite.path, s.rewrite.name, s.rewrite.new)
        if before_commit is not None:
            before_commit(staged)
        for s in staged:
            _still_planned(s.rewrite)
        for s in staged:
            s.backup = _backup(s.rewrite)
        caught = _commit(staged)
        for folder in {s.rewrite.path.parent for s in staged}:
            _sync_folder(folder)
        return caught
    finally:
        for s in staged:
            if s.temp is not None:
                _remove(s.temp)
            if s.backup is not None:
                _remove(s.backup)


def write_corpus_file(path: Path, name: str, old: bytes | None, new: bytes, command: str) -> None:
    """Write one file of the corpus that a command other than --fix maintains (the translation lock): rewritten as
    `rewrite_all` does when it exists (`old` its bytes when read), else created whole beside and linked into place,
    which fails rather than overwrite a file made meanwhile. Messages name `command`, not --fix."""
    if old is not None:
        try:
            caught = rewrite_all([Rewrite(path, name, old, new)])
        except UsageError as exc:
            raise UsageError(str(exc).replace("--fix", command)) from None
        for signum in caught:
            signal.raise_signal(signum)
        return
    temp = None
    try:
        fd, temp = _create_beside(path, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        os.link(temp, path)
        _sync_folder(path.parent)
    except FileExistsError:
        raise UsageError(f"{command} wrote nothing: {show(name)} was made while it was running; run it again") \
            from None
    except OSError as exc:
        raise os_failure(exc, name, f"{command} wrote nothing: cannot write") from None
    finally:
        if temp is not None:
            _remove(temp)


def _still_planned(r: Rewrite) -> None:
    """The original is still the regular file, with the bytes, that the plan was made from."""
    why = rewrite_refusal(r.path, r.name)
    if why:
        raise UsageError(f"--fix wrote nothing: {why}")
    try:
        now = r.path.read_bytes()
    except OSError as exc:
        raise os_failure(exc, r.name, "--fix wrote nothing: cannot read") from None
    if now != r.old:
        raise UsageError(f"--fix wrote nothing: {show(r.name)} changed while --fix was running; run it again")


def _commit(staged: list[Staged]) -> list[int]:
    """Rename every staged file over its original; on a failure put back the ones done (an original that could
    not be put back keeps its backup, named in the message). Returns the signals held back meanwhile."""
    done: list[Staged] = []
    with _signals_held() as caught:
        try:
            for s in staged:
                os.replace(s.temp, s.rewrite.path)
                s.temp = None
                done.append(s)
        except BaseException as exc:
            lost = _roll_back(done)
            failed = staged[len(done)].rewrite.name
            reason = (_ADVICE.get(exc.errno) or exc.strerror) if isinstance(exc, OSError) else type(exc).__name__
            if lost:
                raise UsageError(f"--fix failed while replacing {show(failed)} ({reason}) and could not put back "
                                 + ", ".join(f"{show(n)} (its original is kept as {show(str(b))})" for n, b in lost)
                                 ) from None
            raise UsageError(f"--fix wrote nothing: replacing {show(failed)} failed ({reason}); "
                             "the files already replaced were put back") from None
    return caught


def _roll_back(done: list[Staged]) -> list[tuple[str, Path]]:
    """Put back each original replaced so far; returns those that could not be (name, backup kept)."""
    lost = []
    for s in reversed(done):
        try:
            os.replace(s.backup, s.rewrite.path)
            s.backup = None
        except OSError:
            lost.append((s.rewrite.name, s.backup))
            s.backup = None  # kept on disk for the user: the message names it
    return lost


@contextmanager
def _signals_held():
    """Hold back SIGINT, SIGTERM and SIGHUP: blocked in this thread, and recorded (not acted on) if another
    thread receives them. Yields the list of signals that arrived."""
    caught: list[int] = []
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for sig in HELD_SIGNALS:
            handlers[sig] = signal.signal(sig, lambda number, frame: caught.append(number))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS) if hasattr(signal, "pthread_sigmask") else None
    try:
        yield caught
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a pending signal is delivered now, and recorded
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _stage(path: Path, name: str, data: bytes, like: os.stat_result | None = None) -> Path:
    """Write `data` to a new file beside `path` with the metadata of `path` (or `like`); returns it."""
    temp = None
    try:
        st = like or os.lstat(path)
        fd, temp = _create_beside(path, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            _keep_owner(out.fileno(), st, strict=True, name=name)
            os.fchmod(out.fileno(), stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
            _keep_attributes(path, out.fileno(), name)
            os.fsync(out.fileno())
        staged, temp = Path(temp), None
        return staged
    except OSError as exc:
        raise os_failure(exc, name, "--fix wrote nothing: cannot write") from None
    finally:
        if temp is not None:
            _remove(temp)


def _backup(r: Rewrite) -> Path:
    """A second name for the original (a hard link; a copy where hard links are not supported)."""
    for _ in range(100):
        backup = r.path.with_name(f".{r.path.name}.{secrets.token_hex(4)}.orig")
        try:
            os.link(r.path, backup, follow_symlinks=False)
            return backup
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise os_failure(exc, r.name, "--fix wrote nothing: cannot keep a backup of") from None
            return _stage(r.path, r.name, r.old)
    raise UsageError(f"--fix wrote nothing: cannot keep a backup of {show(r.name)}")


def _keep_owner(fd: int, st: os.stat_result, strict: bool, name: str = "") -> None:
    """Give the file open as `fd` the owner and group of `st` (only root may give a file away)."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        if strict:
            raise UsageError(f"--fix wrote nothing: {show(name)} belongs to user {st.st_uid}, group {st.st_gid}, "
                             "and a new file could not keep that owner; run --fix as its owner") from None


def _keep_attributes(path: Path, fd: int, name: str) -> None:
    """Copy the extended attributes of `path` to the file open as `fd` (none where they are unsupported)."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    for attribute in names:
        value = os.getxattr(path, attribute, follow_symlinks=False)
        try:
            if os.getxattr(fd, attribute) == value:
                continue  # given to the new file already (an SELinux label): setting it may not be allowed
        except OSError:
            pass
        try:
            os.setxattr(fd, attribute, value)
        except OSError as exc:
            raise UsageError(f"--fix wrote nothing: the extended attribute {show(attribute)} of {show(name)} "
                             f"could not be kept ({exc.strerror or exc})") from None


def _create_beside(path: Path, mode: int) -> tuple[int, str]:
    """A new, hidden file in the folder of `path` (so that a rename is atomic): (descriptor, its path)."""
    for _ in range(100):
        temp = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp"))
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def new_folder_beside(target: Path) -> Path:
    """A new, empty folder in the target's parent (same file system: it is renamed into place)."""
    try:
        for _ in range(100):
            folder = target.parent / f".{target.name}.sop-build-{secrets.token_hex(4)}"
            try:
                folder.mkdir()  # with the usual permissions (the umask applies), unlike mkdtemp's 0700
                return folder
            except FileExistsError:
                continue
    except OSError as exc:
        raise os_failure(exc, str(target), "cannot build into") from None
    raise UsageError(f"cannot make a folder beside {show(str(target))} to build in")


def put_in_place(staging: Path, target: Path) -> None:
    """The new site takes the target's place; a site built before goes only once the new one is there."""
    old = None
    try:
        if target.exists():
            old = target.parent / f".{target.name}.sop-old-{secrets.token_hex(4)}"
            target.rename(old)
        staging.rename(target)
    except OSError as exc:
        if old is not None and not target.exists():
            old.rename(target)
        raise os_failure(exc, str(target), "cannot build into") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_replaceable_folder(target: Path, root: Path, doing: str, markers: tuple[str, ...], holds: str,
                             elsewhere: str) -> None:
    """Refuse `target` as a folder that a build will replace whole (sop build, sop print): one of the corpus's
    own, a symbolic link, a folder in a folder that does not exist, a file, a folder holding the corpus, or a
    folder that is not empty and does not hold every one of `markers` (what a build leaves there, `holds` in
    words). `doing` ("build into") and `elsewhere` ("build the site elsewhere, e.g. -o site") complete the
    messages."""
    name = show(str(target))
    part = corpus_part(target.parent.resolve() / target.name, root.resolve())
    if part:
        raise UsageError(f"refusing to {doing} {name}: it is {part}; {elsewhere}")
    if target.is_symlink():
        raise UsageError(f"refusing to {doing} {name}: it is a symbolic link; name the folder itself")
    if not target.parent.is_dir():
        raise UsageError(f"cannot {doing} {name}: the folder {show(str(target.parent))} does not exist; "
                         "create it first or name another place")
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"refusing to {doing} {name}: it exists and is not a folder; name a folder")
        if any(target.iterdir()) and not all((target / marker).is_file() for marker in markers):
            raise UsageError(f"refusing to {doing} {name}: the folder is not empty and does not hold {holds}, "
                             "so writing would delete what it holds; name a new or empty folder")
        if root.resolve().is_relative_to(target.resolve()):
            raise UsageError(f"refusing to {doing} {name}: it holds the corpus itself")

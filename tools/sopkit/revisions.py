"""Revisions of the repository, named safely: every revision a command takes (`check --rev`, `diff OLD NEW`,
`refs --since`, `blame --rev`, a draft's author and date) goes through `resolve_commit` (or `commit_id`, its
plain-git form for reading a draft) before git reads it.

A name that git could take for an option (it starts with `-`: `--output=x` makes git write a file, `-L1,3`
changes what blame reads) or that holds a NUL, a line break or another control character is refused before
any git command sees it. Anything else is resolved by git itself (`rev-parse --verify NAME^{commit}`, which
knows where a shallow clone's history ends) and only the commit id it returns is handed on.

Example:
    >>> repo = open_repository(".", "drafts are its tags")
    >>> resolve_commit(repo, "wg-3").hexsha
    '4f1c...'
    >>> resolve_commit(repo, "--output=x")
    Traceback (most recent call last):
    UsageError: revision '--output=x' starts with '-': ...
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .diagnostics import UsageError
from .visible import CONTROLS, show

MAX_REVISION_CHARS = 256  # git's own ref names are far shorter; this only keeps messages readable
_CONTROL = re.compile(f"[{CONTROLS}]")
_HEX = re.compile(r"^[0-9a-fA-F]{4,64}\Z")
UNSHALLOW = "fetch more history, e.g. git fetch --unshallow"


def check_revision_name(rev: object) -> str:
    """`rev` itself when it may be given to git as a revision, else a UsageError saying why not."""
    if not isinstance(rev, str) or not rev.strip():
        raise UsageError("empty revision: name a tag, branch or commit, e.g. wg-3")
    if rev.startswith("-"):
        raise UsageError(f"revision '{show(rev)}' starts with '-', so git would read it as an option: name a tag, "
                         "branch or commit (list them with `git tag` or `git log --oneline`)")
    if _CONTROL.search(rev):
        raise UsageError(f"revision '{show(rev)}' holds a control character (a NUL or a line break): "
                         "name a tag, branch or commit")
    if len(rev) > MAX_REVISION_CHARS:
        raise UsageError(f"revision of {len(rev):,} characters is longer than the {MAX_REVISION_CHARS} accepted: "
                         "name a tag, branch or commit")
    return rev


def open_repository(root: str | Path, why: str):
    """The git repository holding `root`; `why` completes the message when there is none."""
    import git

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{root} is not inside a git repository: {why}") from None
    except git.GitCommandNotFound:  # pragma: no cover - depends on the machine
        raise UsageError("git is not installed; install git to read revisions") from None


def run_git(root: str | Path, *args: str) -> subprocess.CompletedProcess:
    """`git ARGS` run in `root`, its output kept as bytes; UsageError when git is not installed."""
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True)
    except FileNotFoundError:  # pragma: no cover - depends on the machine
        raise UsageError("git is not installed; install git to read revisions") from None


def commit_id(root: str | Path, rev: str, why: str) -> str:
    """The id of the commit that `rev` names in the repository holding `root`: what `resolve_commit` checks,
    asked of one plain `git rev-parse` (a draft is read without GitPython, whose import costs more than the read).
    When git cannot answer, `resolve_commit` finds out why and raises its UsageError; `why` completes the message
    when `root` is in no repository."""
    check_revision_name(rev)
    found = run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if found.returncode == 0:
        return found.stdout.decode("ascii").strip()
    return resolve_commit(open_repository(root, why), rev).hexsha


def resolve_commit(repo, rev: str):
    """The commit that `rev` (a tag, branch, commit id or `HEAD~1`) names in `repo`, as a GitPython Commit.

    Raises UsageError for a name refused by `check_revision_name`, an unknown revision, and a revision this
    clone does not hold (a shallow clone's missing history)."""
    import git

    check_revision_name(rev)
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except git.GitCommandError:
        raise UsageError(_unresolved(repo, rev)) from None
    try:
        commit = repo.commit(sha)  # a full commit id: GitPython reads it as nothing else
        commit.tree  # the commit object itself must be readable, not only named
    except (ValueError, git.BadName, git.BadObject, git.GitCommandError):
        raise UsageError(not_available(rev)) from None
    return commit


def not_available(what: str) -> str:
    """The message for a revision or object that this clone does not hold."""
    return f"{show(what)} is not available in this clone ({UNSHALLOW})"


def is_shallow(repo) -> bool:
    """Whether `repo` is a shallow clone (`git clone --depth N`, what most CI runners make)."""
    import git

    try:
        return repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError:  # pragma: no cover - git older than 2.15
        return Path(repo.git_dir, "shallow").exists()


def _unresolved(repo, rev: str) -> str:
    """Why git could not resolve `rev` to a commit: unknown, not a commit, or history this clone does not hold."""
    import git

    unknown = (f"unknown revision '{show(rev)}': name a tag, branch or commit "
               "(list them with `git tag` or `git log --oneline`)")
    shallow = is_shallow(repo)
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", rev).strip()  # the name alone, not what it points to
    except git.GitCommandError:
        sha = ""
    if sha:
        try:
            kind = repo.git.cat_file("-t", sha).strip()
        except git.GitCommandError:  # named, but the object is not in this clone
            kind = ""
        if kind in ("tree", "blob"):
            return f"revision '{show(rev)}' names a {kind}, not a commit: name a tag, branch or commit"
        if kind or shallow or not _HEX.match(rev):  # a tag whose commit is missing, or a ref to a missing object
            return not_available(rev)
        return unknown  # a commit id that this repository never had
    if shallow and (_HEX.match(rev) or any(c in rev for c in "~^@")):
        return not_available(rev)
    return unknown + (f"; this is a shallow clone, so older drafts may be missing ({UNSHALLOW} --tags)"
                      if shallow else "")

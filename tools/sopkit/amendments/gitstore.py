"""The git side of proposals: commits made on a branch without touching the working tree, and the three-way
merges that replay or accept them.

A proposal is written with git's plumbing: a temporary index read from the commit it starts from, the
proposal's files added as blobs, a tree written, a commit made with the drafter as its author (`commit-tree`),
and the branch created with `update-ref`, which refuses when the branch appeared in the meantime. The drafter's
working tree, index and checked-out branch are never touched, so a drafter who does not use git loses nothing,
and one who does keeps what they were doing. Merges are computed by `git merge-tree --write-tree` (git 2.38 and
later), which says whether two lines of work merge cleanly and which files conflict, again without touching any
checkout.

Example:
    >>> store = Store(".")
    >>> tip = store.commit(base, {"sop/05-investigation.md": b"..."}, "Proposal", Person("Layla", "l@moi.iq"))
    >>> store.create_branch("proposal/interview-rooms", tip)
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UsageError
from ..revisions import commit_id, run_git
from ..visible import show

PROPOSALS = "refs/heads/proposal/"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}\Z")


@dataclass(frozen=True)
class Person:
    """Who wrote something: a name, and an email address when it is known (Word records only names)."""

    name: str
    email: str = ""
    date: str | None = None  # ISO 8601, when the change was made

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    @classmethod
    def named(cls, name: str) -> "Person":
        """Someone named as a Word file names its authors (anything at all): the name with its line breaks,
        control characters and the `<>` git keeps for emails taken out, so that it is one safe name in a commit."""
        cleaned = " ".join("".join(" " if (c in "<>" or not c.isprintable()) else c for c in name).split())
        return cls(cleaned or "Unknown drafter")

    @classmethod
    def parse(cls, text: str) -> "Person":
        """`Name <email>` or a bare name, as `--author` takes it (git's own form)."""
        m = re.match(r"^\s*(.*?)\s*<([^<>]*)>\s*$", text)
        name, email = (m.group(1), m.group(2)) if m else (text.strip(), "")
        if not name or any(c in name + email for c in "<>\n\0"):
            raise UsageError(f"author '{show(text)}' is not a name, or a name and an email: "
                             "e.g. --author 'Layla Hassan <layla@moi.gov.iq>'")
        return cls(name, email)


@dataclass(frozen=True)
class Merge:
    """What `git merge-tree` made of two lines of work: the merged tree, or the files that conflict."""

    tree: str
    conflicts: tuple[str, ...]  # paths relative to the corpus root

    @property
    def clean(self) -> bool:
        return not self.conflicts


def check_proposal_name(name: str) -> str:
    """`name` when it can name a proposal (and its branch proposal/NAME), else a UsageError saying what can."""
    if not _NAME.match(name or ""):
        raise UsageError(f"proposal name '{show(name)}' is not usable: use lower-case letters, digits, '-', '.' and "
                         "'_' (at most 80, starting with a letter or digit), e.g. --name ch5-interview-rooms")
    if ".." in name or name.endswith((".", ".lock")):
        raise UsageError(f"proposal name '{show(name)}' is not a valid git branch name: e.g. ch5-interview-rooms")
    return name


def slug(text: str) -> str:
    """A proposal name made from a file name or title: lower-case ASCII words joined by '-'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or "proposal"


class Store:
    """The repository that holds the corpus at `root` (which may be a sub-folder of it)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        top = self.git("rev-parse", "--show-prefix", doing="find the repository")
        self.prefix = top.decode("utf-8", "surrogateescape").strip()  # the corpus's folder inside the repository

    def git(self, *args: str, doing: str, data: bytes | None = None, env: dict | None = None,
            ok: tuple[int, ...] = (0,)) -> bytes:
        """git's output for `args` run in the corpus root; UsageError saying what failed otherwise."""
        try:
            done = subprocess.run(["git", *args], cwd=self.root, input=data, capture_output=True,
                                  env={**os.environ, **(env or {})})
        except FileNotFoundError:  # pragma: no cover - depends on the machine
            raise UsageError("git is not installed; install git to keep proposals") from None
        if done.returncode not in ok:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(f"git could not {doing}: {show(message[-1] if message else 'no reason given')}")
        return done.stdout

    def ident(self, role: str) -> str | None:
        """Who git says the author (role AUTHOR) or committer (COMMITTER) is here, as `Name <email>`; None when
        git knows nobody (no user.name on this machine)."""
        done = run_git(self.root, "var", f"GIT_{role}_IDENT")
        if done.returncode:
            return None
        ident = done.stdout.decode("utf-8", "replace").strip()
        return ident.rsplit(">", 1)[0] + ">" if ">" in ident else None

    def resolve(self, rev: str) -> str:
        return commit_id(self.root, rev, "proposals are branches of its repository")

    def head_branch(self) -> str | None:
        """The branch checked out (e.g. main), None when HEAD is detached."""
        done = run_git(self.root, "symbolic-ref", "--quiet", "--short", "HEAD")
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def branch_tip(self, ref: str) -> str | None:
        done = run_git(self.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def proposal_branches(self) -> dict[str, str]:
        """Every proposal branch: its name (after proposal/) and its tip."""
        out = self.git("for-each-ref", "--format=%(refname)%00%(objectname)", PROPOSALS, doing="list the proposals")
        found = {}
        for line in out.decode("utf-8", "replace").splitlines():
            ref, _, sha = line.partition("\0")
            found[ref[len(PROPOSALS):]] = sha
        return found

    def read(self, commit: str, path: str) -> bytes | None:
        """The file `path` (relative to the corpus root) at `commit`, None when it has none."""
        done = run_git(self.root, "cat-file", "blob", f"{commit}:{self.prefix}{path}")
        return done.stdout if done.returncode == 0 else None

    def changed_paths(self, old: str, new: str) -> list[str]:
        """The corpus-relative paths that differ between two commits (or trees)."""
        out = self.git("diff-tree", "-r", "-z", "--name-only", "--no-renames", old, new, "--", ".",
                       doing="compare two revisions")
        paths = [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]
        return [p[len(self.prefix):] for p in paths if p.startswith(self.prefix)]

    def merge_base(self, a: str, b: str) -> str | None:
        done = run_git(self.root, "merge-base", a, b)
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def tree_of(self, commit: str) -> str:
        return self.git("rev-parse", f"{commit}^{{tree}}", doing="read a commit's tree").decode().strip()

    def commit(self, parent: str, files: dict[str, bytes | None], message: str, author: Person,
               parents: tuple[str, ...] = ()) -> str:
        """A new commit: `parent`'s tree with `files` (corpus-relative path -> content, None to delete) put in,
        authored by `author`; `parents` are extra parents (a merge). Nothing outside the object store changes."""
        with tempfile.TemporaryDirectory(prefix="sop-index-") as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self.git("read-tree", parent, env=env, doing="read the proposal's starting point")
            for path, data in files.items():
                full = self.prefix + path
                if data is None:
                    self.git("update-index", "--force-remove", "--", full, env=env, doing=f"remove {path}")
                    continue
                blob = self.git("hash-object", "-w", "--stdin", data=data, doing=f"store {path}").decode().strip()
                self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{full}", env=env,
                         doing=f"stage {path}")
            tree = self.git("write-tree", env=env, doing="write the proposal's tree").decode().strip()
        return self.commit_tree(tree, (parent, *parents), message, author)

    def commit_tree(self, tree: str, parents: tuple[str, ...], message: str, author: Person | None) -> str:
        """A commit of `tree` with `parents`; `author` as its author (the committer is whoever runs the tool, or
        "sop" on a machine whose git knows nobody)."""
        env = {}
        if author is not None:
            env |= {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email}
            if author.date:
                env["GIT_AUTHOR_DATE"] = author.date
        if self.ident("COMMITTER") is None:
            env |= {"GIT_COMMITTER_NAME": "sop", "GIT_COMMITTER_EMAIL": "sop@localhost"}
            if author is None:
                env |= {"GIT_AUTHOR_NAME": "sop", "GIT_AUTHOR_EMAIL": "sop@localhost"}
        args = ["commit-tree", tree]
        for p in parents:
            args += ["-p", p]
        return self.git(*args, data=message.encode("utf-8"), env=env, doing="make the commit").decode().strip()

    def create_branch(self, ref: str, commit: str) -> None:
        """Create `ref`; refused when it exists (update-ref with an all-zero old value is atomic)."""
        self.git("update-ref", "-m", "sop: new proposal", ref, commit, "0" * 40,
                 doing=f"create {ref} (does it exist already?)")

    def move_branch(self, ref: str, commit: str, old: str) -> None:
        """Move `ref` from `old` to `commit`; refused if someone moved it in the meantime."""
        self.git("update-ref", "-m", "sop: proposal updated", ref, commit, old,
                 doing=f"update {ref} (it moved while this ran: run the command again)")

    def merge(self, ours: str, theirs: str) -> Merge:
        """The three-way merge of two commits (their merge base as the common ancestor)."""
        out = self.git("merge-tree", "--write-tree", "--name-only", "-z", "--no-messages", ours, theirs,
                       doing="merge (git 2.38 or later is needed)", ok=(0, 1))
        fields = out.split(b"\0")
        tree = fields[0].decode().strip()
        conflicted = [f.decode("utf-8", "surrogateescape") for f in fields[1:] if f]
        paths = sorted({p[len(self.prefix):] for p in conflicted if p.startswith(self.prefix)})
        return Merge(tree, tuple(paths))

    def dirty(self, paths: list[str]) -> list[str]:
        """Which of `paths` have changes in the working tree or index that a checkout would overwrite."""
        if not paths:
            return []
        out = self.git("status", "--porcelain", "-z", "--", *paths, doing="look at the working tree")
        return [e[3:].decode("utf-8", "surrogateescape") for e in out.split(b"\0") if len(e) > 3]

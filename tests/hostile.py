"""Shared harness for the hostile-input tests: the bundled corpus in a real git repository with two drafts,
the `sop` command run as a user runs it (a subprocess), and a fingerprint of every corpus byte.

Every hostile case asserts three things: the exit code, the message, and that no byte of the corpus changed
(`Sandbox.assert_corpus_unchanged`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import git

REPO = Path(__file__).resolve().parent.parent
CORPUS = ("sop", "laws", "sop.yml", "glossary.yml", "translations.lock.yml")
CH5 = "sop/05-investigation.md"
LAW28 = "laws/iq/law-28-2012/law.yml"


def fingerprint(root: Path) -> dict[str, tuple]:
    """Every file and link under the corpus: (kind, sha256 of the bytes or the link target, mode)."""
    out: dict[str, tuple] = {}
    for top in CORPUS:
        base = root / top
        paths = [base] if not base.is_dir() or base.is_symlink() else [base, *sorted(base.rglob("*"))]
        for p in paths:
            if not os.path.lexists(p):
                continue
            st = p.lstat()
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p), st.st_mode)
            elif p.is_file():
                out[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mode, st.st_ino)
            else:
                out[rel] = ("dir", st.st_mode)
    return out


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err


@dataclass
class Sandbox:
    root: Path
    before: dict = field(default_factory=dict)

    def sop(self, *args: str, input: str | bytes | None = None, cwd: Path | None = None,
            timeout: float = 120) -> Result:
        """Run `sop ARGS` in the sandbox; a traceback anywhere in the output fails the test."""
        r = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], cwd=cwd or self.root,
                           input=input.encode("utf-8") if isinstance(input, str) else input,
                           capture_output=True, timeout=timeout)
        res = Result(r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace"))
        assert "Traceback" not in res.both, res.both
        return res

    def snapshot(self) -> None:
        """Take the fingerprint the next `assert_corpus_unchanged` compares with."""
        self.before = fingerprint(self.root)

    def assert_corpus_unchanged(self) -> None:
        after = fingerprint(self.root)
        changed = sorted(k for k in set(self.before) | set(after) if self.before.get(k) != after.get(k))
        assert not changed, f"corpus changed: {changed}"

    def write(self, rel: str, data: str | bytes) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")
        return p

    def commit(self, message: str, tag: str | None = None) -> str:
        repo = git.Repo(self.root)
        repo.git.add(A=True)
        commit = repo.index.commit(message)
        if tag:
            repo.create_tag(tag, message=message)
        return commit.hexsha


def copy_corpus(root: Path) -> Path:
    """The bundled corpus (its folders and root files) copied into a new folder `root`."""
    root.mkdir()
    for top in CORPUS:
        src = REPO / top
        if src.is_dir():
            shutil.copytree(src, root / top)
        elif src.exists():
            shutil.copy2(src, root / top)
    return root


def make_sandbox(tmp: Path) -> Sandbox:
    """The bundled corpus, committed and tagged wg-1, then a small edit to chapter 5 tagged wg-2."""
    root = copy_corpus(tmp / "repo")
    git.Repo.init(root, initial_branch="main")
    box = Sandbox(root)
    box.commit("Working group meeting 1", tag="wg-1")
    ch5 = root / CH5
    ch5.write_text(ch5.read_text(encoding="utf-8").replace("investigat", "Investigat", 1), encoding="utf-8")
    from conftest import translation_lock

    # the translators follow at once: the sandbox starts with every translation current
    (root / "translations.lock.yml").write_text(translation_lock(root), encoding="utf-8")
    box.commit("Working group meeting 2", tag="wg-2")
    box.snapshot()
    return box

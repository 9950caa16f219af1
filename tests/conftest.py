"""Fixtures: small real corpora written to disk (and into real git repositories)."""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

import pytest

from sopkit.check import check

REPO = Path(__file__).resolve().parent.parent

LAW_YML = """\
id: iq/law-9-2000
type: law
jurisdiction: iq
number: "9"
year: "2000"
title:
  en: Test Law
  ar: قانون الاختبار
authoritative: ar
text_status: summary
"""

LAW_AR = """\
# قانون الاختبار رقم (9) لسنة 2000

## المادة (1) {#1}

نص المادة الأولى.

### أولاً {#1.1}

نص الفقرة.
"""

LAW_EN = """\
# Test Law No. 9 of 2000

## Article 1 {#1}

Text of Article 1.

### First {#1.1}

Text of the paragraph.
"""

CHAPTER = """\
---
id: ch1
title: General Provisions
status: draft
reviewed: "2026-11-16"
---

Introduction.

## Purpose of the procedures {#sop-purpose}

Text citing [Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1).

### Who applies them {#who-applies}

Text.
"""

CHAPTER_AR = """\
---
id: ch1
title: أحكام عامة
status: draft
reviewed: "2026-11-16"
---

## الغرض من الإجراءات {#sop-purpose}

نص يستند إلى [المادة (1) من القانون رقم (9) لسنة 2000](law:iq/law-9-2000#1).

### من يطبقها {#who-applies}

نص.
"""

BASE = {
    "laws/iq/law-9-2000/law.yml": LAW_YML,
    "laws/iq/law-9-2000/ar.md": LAW_AR,
    "laws/iq/law-9-2000/en.md": LAW_EN,
    "sop/01-general-provisions.md": CHAPTER,
    "sop/01-general-provisions.ar.md": CHAPTER_AR,
}


def translation_lock(root: Path) -> str:
    """The translations.lock.yml of the corpus at `root` with every translated section recorded as following its
    source as it is now (what `sop i18n mark` records, without its agreement checks)."""
    from sopkit.load import load_corpus
    from sopkit.model import TranslationRecord
    from sopkit.translations.lock import render
    from sopkit.translations.status import translation_states
    from sopkit.translations.units import unit_fingerprint

    corpus, _ = load_corpus(root, cache=False)
    records = {(s.chapter, s.lang, s.section): TranslationRecord(unit_fingerprint(s.source, s.section), None, 0)
               for s in translation_states(corpus) if s.state != "missing"}
    return render(corpus, records)


@functools.lru_cache(maxsize=1)
def base_lock() -> str:
    """The translation lock of the base corpus as written: its Arabic translation current."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return (write_corpus(Path(folder), base=True) / "translations.lock.yml").read_text(encoding="utf-8")


def write_corpus(root: Path, files: dict[str, str | bytes | None] | None = None, base: bool = True) -> Path:
    """Write the minimal valid corpus (unless base=False), then `files` over it (None deletes a file). Unless
    `files` give translations.lock.yml, the base corpus's translations are recorded as current with the source
    as written (a test about translation state changes the source or the lock afterwards)."""
    content = dict(BASE) if base else {}
    content.update(files or {})
    for rel, data in content.items():
        path = root / rel
        if data is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")
    if base and "translations.lock.yml" not in content and (root / "sop").is_dir():
        (root / "translations.lock.yml").write_text(translation_lock(root), encoding="utf-8")
    return root


@pytest.fixture
def corpus_dir(tmp_path: Path):
    """A function writing a corpus into a fresh folder and returning the folder."""
    def make(files=None, base=True):
        return write_corpus(tmp_path / "corpus", files, base)
    return make


def findings(root: Path, rev: str | None = None) -> list[tuple[str, str, int, int]]:
    """(code, path, line, column) of every diagnostic of `sop check` on root."""
    return [(d.code, d.path, d.line, d.column) for d in check(root, rev).report.diagnostics]


@pytest.fixture(autouse=True, scope="session")
def parse_cache_folder(tmp_path_factory):
    """The loader's parse cache in a folder of the test session, never the user's own cache (also for the `sop`
    processes the tests start, which inherit the environment)."""
    import os

    saved = os.environ.get("SOP_CACHE_DIR")
    os.environ["SOP_CACHE_DIR"] = str(tmp_path_factory.mktemp("sop-cache"))
    yield
    if saved is None:
        del os.environ["SOP_CACHE_DIR"]
    else:
        os.environ["SOP_CACHE_DIR"] = saved


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    """Commits and annotated tags in tests must not depend on the machine's git configuration."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "SOP Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "sop-test@example.org")


@pytest.fixture
def sandbox(tmp_path: Path):
    """The bundled corpus in a real git repository with drafts wg-1 and wg-2, fingerprinted (tests/hostile.py)."""
    from hostile import make_sandbox

    return make_sandbox(tmp_path)


@pytest.fixture(scope="session")
def corpus():
    """The bundled corpus as the model loads it (read, never changed)."""
    from sopkit.load import load_corpus

    return load_corpus(REPO)[0]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled corpus built once by `sop build`, shared by the browser tests (a build takes seconds)."""
    from test_site import sop

    out = tmp_path_factory.mktemp("built") / "site"
    r = sop("build", "-o", str(out), cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert "built" in r.stderr and "http.server" in r.stderr  # where it went, and how to preview it
    return out


# The bundled corpus as it stands while it is being translated (partial_corpus): what is left out or changed
PARTIAL_MISSING_SECTION = ("sop/05-investigation.ar.md", "interviewing-witnesses")  # not translated into Arabic
PARTIAL_STALE_SECTION = ("sop/05-investigation.md", "questioning-suspects")  # the source changed since marked
PARTIAL = {
    "sop/06-victim-protection.ar.md": None,  # chapter 6 in English only
    "sop/06-victim-protection.ckb.md": None,
    "sop/07-case-management.ckb.md": None,  # chapter 7 not in Kurdish
    "laws/iq/law-23-1971/ckb.md": None,  # the Criminal Procedure Code without a Kurdish text
}


def _without_section(text: str, section_id: str) -> str:
    start = text.rindex("\n", 0, text.index("{#" + section_id + "}")) + 1
    end = text.find("\n#", start + 1)
    return text[:start] + (text[end + 1:] if end >= 0 else "")


@pytest.fixture(scope="session")
def partial_corpus(tmp_path_factory) -> Path:
    """The bundled corpus in a git repository as it stands while being translated: chapter 6 in English only,
    chapter 7 not in Kurdish, the Criminal Procedure Code without a Kurdish text, one section of chapter 5 not
    translated into Arabic (PARTIAL_MISSING_SECTION), and one whose source changed after its translations were
    marked (PARTIAL_STALE_SECTION). Read, never changed."""
    import git

    from hostile import copy_corpus

    root = copy_corpus(tmp_path_factory.mktemp("partial") / "corpus")
    for rel in PARTIAL:
        (root / rel).unlink()
    law = root / "laws/iq/law-23-1971/law.yml"
    law.write_text(law.read_text(encoding="utf-8").replace('  ckb: "summary"\n', ""), encoding="utf-8")
    path, section = PARTIAL_MISSING_SECTION
    (root / path).write_text(_without_section((root / path).read_text(encoding="utf-8"), section), encoding="utf-8")
    git.Repo.init(root, initial_branch="main")
    repo = git.Repo(root)
    repo.git.add(A=True)
    repo.index.commit("as marked")
    path, section = PARTIAL_STALE_SECTION
    text = (root / path).read_text(encoding="utf-8")
    heading_end = text.index("\n", text.index("{#" + section + "}"))
    (root / path).write_text(text[:heading_end] + "\n\nA sentence added after the translations were marked."
                             + text[heading_end:], encoding="utf-8")
    repo.git.add(A=True)
    repo.index.commit("the source changed")
    return root


@pytest.fixture(scope="session")
def partial_site(partial_corpus, tmp_path_factory) -> Path:
    """partial_corpus built once by `sop build` (it checks with warnings only: T001, T002)."""
    from test_site import sop

    out = tmp_path_factory.mktemp("partial-built") / "site"
    r = sop("build", "-o", str(out), "--root", str(partial_corpus))
    assert r.returncode == 0, r.stderr
    return out


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden redlines (tests/golden/) from the current output; review `git diff`")

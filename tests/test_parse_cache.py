"""The parse cache (parsecache.py): a run from the cache gives the very model and findings a cold run gives, and a
damaged, foreign or unwritable cache is never an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write_corpus
from hostile import copy_corpus

from sopkit import load, parallel, parsecache
from sopkit.load import load_corpus

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

BROKEN = {  # a corpus with findings made while parsing: each must come back from the cache as it was first found
    "sop/02-broken.md": "---\nid: ch2\ntitle: [unclosed\n---\n\n## A {#a}\n\nText.\n",
    "sop/03-latin1.md": b"---\nid: ch3\n---\n\ncaf\xe9\n",
    "sop/04-long.md": "---\nid: ch4\ntitle: Long\nstatus: draft\nreviewed: \"2026-01-01\"\n---\n\n" + "x" * 100_001,
    "sop/05-no-id.md": "---\nid: ch5\ntitle: T\nstatus: draft\nreviewed: \"2026-01-01\"\n---\n\n## No id\n",
    "laws/iq/law-9-2000/law.yml": "id: iq/law-9-2000\nid: twice\n",
    "laws/iq/law-9-2000/en.md": "\ufeff# Test Law\r\n\r\n## Article 1 {#1}\r\n\r\nText.\r\n",
}


def sop_check(root: Path, cache: Path | str) -> str:
    env = {**os.environ, "SOP_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "tools")}
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--format", "json"],
                       capture_output=True, text=True, env=env)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("??/*") if not p.name.endswith(".tmp"))


def loaded_without_parsing(root: Path, monkeypatch):
    """The corpus as loaded when no file may be parsed: everything must come from the cache."""
    def refuse(*args):
        raise AssertionError("parsed although cached")

    with monkeypatch.context() as m:
        m.setattr(load._Loader, "parse", refuse)
        return load_corpus(root)


@pytest.mark.parametrize("corpus", ["bundled", "broken"])
def test_sop_check_reports_the_same_from_the_cache(tmp_path, corpus):
    root = copy_corpus(tmp_path / "c") if corpus == "bundled" else write_corpus(tmp_path / "c", BROKEN)
    cache = tmp_path / "cache"
    cold = sop_check(root, cache)
    assert entries(cache), "the cold run filled the cache"
    assert sop_check(root, cache) == cold
    assert sop_check(root, "off") == cold
    if corpus == "broken":
        codes = {d["code"] for d in json.loads(cold)["diagnostics"]}
        assert {"L001", "L003", "L005", "V003"} <= codes


@pytest.mark.parametrize("corpus", ["bundled", "broken", "generated"])
def test_the_model_from_the_cache_is_the_model_parsed(tmp_path, monkeypatch, corpus):
    if corpus == "bundled":
        root = copy_corpus(tmp_path / "c")
    elif corpus == "broken":
        root = write_corpus(tmp_path / "c", BROKEN)
    else:  # enough files to be parsed in forked workers, which write the cache themselves
        root = generate(tmp_path / "c", laws=60, articles=6, chapters=2, sections=6)
    monkeypatch.setenv("SOP_CACHE_DIR", str(tmp_path / "cache"))
    parsed, parsed_diagnostics = load_corpus(root, cache=False)
    assert not (tmp_path / "cache").exists()
    cold, cold_diagnostics = load_corpus(root)
    warm, warm_diagnostics = loaded_without_parsing(root, monkeypatch)
    assert warm == cold == parsed
    assert [f.text for f in warm.files] == [f.text for f in parsed.files]
    assert warm_diagnostics == cold_diagnostics == parsed_diagnostics
    if corpus == "generated":
        assert parallel.workers_for(len(parsed.files)) or os.cpu_count() == 1


def test_a_damaged_or_foreign_entry_is_parsed_again_and_rewritten(tmp_path, monkeypatch):
    root = copy_corpus(tmp_path / "c")
    cache = tmp_path / "cache"
    monkeypatch.setenv("SOP_CACHE_DIR", str(cache))
    cold, _ = load_corpus(root)
    found = entries(cache)
    damaged = {
        found[0]: b"",  # empty
        found[1]: found[1].read_bytes()[:-20],  # truncated
        found[2]: found[2].read_bytes().replace(b'"~":"', b'"~":"X', 1),  # altered (the payload's hash differs)
        found[3]: b"\x80\x81 not json",
    }
    header = json.loads(found[4].read_bytes().split(b"\n")[0])
    payload = b'[true,{"~":"system","v":["rm -rf ~"]},[]]'  # a well-formed entry naming no record of the model
    header["payload"] = parsecache._digest(payload)
    damaged[found[4]] = json.dumps(header).encode() + b"\n" + payload
    header = json.loads(found[5].read_bytes().split(b"\n")[0])
    damaged[found[5]] = found[5].read_bytes().replace(json.dumps(header).encode(),
                                                      json.dumps({**header, "format": 0}).encode())
    for path, data in damaged.items():
        path.write_bytes(data)
    again, _ = load_corpus(root)
    assert again == cold
    for path, data in damaged.items():
        assert path.read_bytes() != data  # rewritten
    assert loaded_without_parsing(root, monkeypatch)[0] == cold


@pytest.mark.parametrize("where", ["a file", "under a file", "off", "inside the corpus"])
def test_no_usable_cache_folder_means_no_cache_and_no_error(tmp_path, where):
    root = copy_corpus(tmp_path / "c")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = {"a file": blocker, "under a file": blocker / "sop", "off": "off",
             "inside the corpus": root / ".sop-cache"}[where]
    expected = sop_check(root, tmp_path / "elsewhere")
    assert sop_check(root, cache) == expected
    assert blocker.read_text() == "x"
    assert not (root / ".sop-cache").exists()


def test_no_cache_flag_writes_nothing(tmp_path):
    root = copy_corpus(tmp_path / "c")
    env = {**os.environ, "SOP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO / "tools")}
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--no-cache"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "cache").exists()


def test_cache_folder_follows_the_platform_and_the_environment(tmp_path):
    assert parsecache.cache_folder({"SOP_CACHE_DIR": "OFF"}) is None
    assert parsecache.cache_folder({"SOP_CACHE_DIR": str(tmp_path)}) == tmp_path
    if sys.platform.startswith("linux"):
        assert parsecache.cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "sop"
        assert parsecache.cache_folder({"XDG_CACHE_HOME": "relative"}) == Path.home() / ".cache" / "sop"


def test_pruning_keeps_the_cache_under_its_limit_and_touches_only_its_own_files(tmp_path):
    cache = parsecache.ParseCache(tmp_path, limit=10_000)
    keys = [cache.key("file", n) for n in range(30)]
    for n, key in enumerate(keys):
        cache.put(key, "x" * 1000)
        os.utime(cache._path(key), (n, n))  # written in order, the first ones longest ago
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / "notes.txt").write_text("mine")
    (tmp_path / "README").write_text("mine too")
    cache.prune()
    kept = [key for key in keys if cache.get(key) is not None]
    assert kept == keys[-len(kept):] and sum(cache._path(k).stat().st_size for k in kept) <= 7_500
    assert (tmp_path / "ab" / "notes.txt").read_text() == "mine" and (tmp_path / "README").exists()

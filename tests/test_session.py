"""A check session reuses what did not change, and always reports exactly what a fresh check reports."""

from __future__ import annotations

import pytest

from conftest import BASE, CHAPTER, LAW_EN
from sopkit.check import Session, check

CH = "sop/01-general-provisions.md"
EN = "laws/iq/law-9-2000/en.md"
YML = "laws/iq/law-9-2000/law.yml"

EDITS = {
    "chapter cites a missing article": {CH: CHAPTER.replace("#1)", "#7)")},
    "law loses the cited article": {EN: LAW_EN.replace("{#1}", "{#2}")},
    "law renamed in law.yml": {YML: BASE[YML].replace("id: iq/law-9-2000", "id: iq/law-9-2001")},
    "section id changed in the source": {CH: CHAPTER.replace("{#who-applies}", "{#who-uses}")},
    "translation removed": {"sop/01-general-provisions.ar.md": None},
    "invisible character added": {EN: LAW_EN.replace("Text of", "Text\u200b of")},
}


def _found(result):
    return [(d.code, d.path, d.line, d.column, d.message) for d in result.report.diagnostics]


@pytest.mark.parametrize("edit", EDITS)
def test_incremental_check_equals_a_fresh_check(edit, corpus_dir):
    root = corpus_dir()
    session = Session(root)
    assert _found(session.check()) == []
    corpus_dir(EDITS[edit])
    again = session.check()
    assert _found(again) == _found(check(root))
    assert bool(_found(again)) == (edit != "translation removed")
    corpus_dir({k: BASE.get(k) for k in EDITS[edit]})  # undo
    assert _found(session.check()) == []


def test_unchanged_files_are_not_parsed_or_checked_again(corpus_dir):
    root = corpus_dir()
    session = Session(root)
    session.check()
    misses = session.memo.misses
    (root / CH).write_text(CHAPTER.replace("Introduction.", "Introduction, revised."), encoding="utf-8")
    session.check()
    # the edited chapter is validated, scanned, its markup read (publishable.py) and its citations checked again,
    # and its translation is compared with it; nothing else is redone
    assert session.memo.misses - misses == 5


def test_watch_checks_again_after_an_edit(corpus_dir):
    import queue
    import signal
    import subprocess
    import sys
    import threading

    root = corpus_dir()
    proc = subprocess.Popen([sys.executable, "-m", "sopkit.cli", "check", "--watch", "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()  # read by a thread: select() cannot see lines already in Python's buffer
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def next_summary() -> list[str]:
        got = []
        while True:
            line = lines.get(timeout=60)
            got.append(line)
            if "Watching sop/ and laws/" in line:
                return got

    try:
        first = next_summary()
        assert "0 error(s)" in first[-1] and "passes" in first[-1]
        (root / CH).write_text(CHAPTER.replace("#1)", "#7)"), encoding="utf-8")
        second = next_summary()
        assert any("C102" in line for line in second) and "fails" in second[-1]
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0


def test_work_spread_over_cores_gives_the_same_report(monkeypatch, corpus_dir):
    from sopkit import parallel

    broken = {}
    for edit in EDITS.values():
        broken.update({k: v for k, v in edit.items() if v is not None and k != YML})
    broken["sop/02-other.md"] = CHAPTER.replace("ch1", "ch2").replace("{#", "{#two-") + "\nArticle 1 of Law No. 9 of 2000.\n"
    root = corpus_dir(broken)
    serial = _found(check(root))
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)  # fork workers even for this small corpus
    assert _found(check(root)) == serial
    assert len(serial) >= 5 and len({code for code, *_ in serial}) >= 3

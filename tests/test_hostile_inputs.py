"""Hostile inputs: revisions, drafts that cannot be read, nesting and size, and the messages about them.

`sop` runs as a user runs it (a subprocess in the sandbox, tests/hostile.py), and a traceback anywhere fails the
test. Every case asserts the exit code, the message, and that no byte of the corpus changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import git
import pytest

from hostile import CH5, LAW28, fingerprint

ZERO = "0" * 40
UNSHALLOW = "is not available in this clone (fetch more history, e.g. git fetch --unshallow)"


def _lines_with(text: str, *words: str) -> list[str]:
    """The lines of `text` that hold every one of `words`."""
    return [line for line in text.splitlines() if all(w in line for w in words)]


def _new_draft(sandbox, tag: str, files: dict[str, str | bytes]) -> None:
    """Commit `files` over the corpus as draft `tag`, then fingerprint the result (what the case must keep)."""
    for rel, data in files.items():
        sandbox.write(rel, data)
    sandbox.commit(f"Draft {tag}", tag=tag)
    sandbox.snapshot()


def _folder_draft(sandbox, folder: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A copy of the corpus in `folder` (a draft given as a folder), with `files` written over it (None deletes)."""
    for top in ("sop", "laws"):
        shutil.copytree(sandbox.root / top, folder / top)
    for name in ("sop.yml", "glossary.yml", "translations.lock.yml"):
        shutil.copy2(sandbox.root / name, folder / name)
    for rel, data in (files or {}).items():
        path = folder / rel
        if data is None:
            path.unlink()
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


# -- every revision is checked before git sees it: never an option, never a control character ------------------

@pytest.mark.parametrize("args", [
    ("check", "--rev=--output={out}"),
    ("check", "--rev=-L1,3"),
    ("blame", "ch5", "--rev=-L1,3"),
    ("blame", CH5, "--rev=--output={out}"),
    ("refs", "--since=--output={out}"),
    ("diff", "--", "--output={out}", "wg-2"),
    ("diff", "wg-1", "--", "-L1,3"),
])
def test_revisions_option_like_name_is_refused(sandbox, tmp_path, args):
    out = tmp_path / "written-by-git.txt"
    r = sandbox.sop(*(a.format(out=out) for a in args))
    assert r.code == 2, r.both
    assert "starts with '-', so git would read it as an option" in r.err
    assert r.out == "" and not out.exists()
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("args, words", [
    (("check", "--rev="), "empty revision"),
    (("refs", "law:iq/law-28-2012", "--since", "  "), "empty revision"),
    (("check", "--rev", "wg-1\nHEAD"), "revision 'wg-1<U+000A>HEAD' holds a control character"),
    (("blame", "ch5", "--rev", "wg-1\x1b]0;owned\x07"), "'wg-1<U+001B>]0;owned<U+0007>' holds a control character"),
    (("diff", "wg-1\r", "wg-2"), "revision 'wg-1<U+000D>' holds a control character"),
    (("diff", "", "wg-2"), "empty draft"),
])
def test_revisions_empty_or_control_character_is_refused(sandbox, args, words):
    r = sandbox.sop(*args)
    assert r.code == 2, r.both
    assert words in r.err and r.err.count("\n") == 1  # one line, nothing raw in it
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("args, name", [
    (("check", "--rev", ZERO), ZERO),
    (("diff", ZERO, "wg-2"), ZERO),
    (("refs", "--since", ZERO), ZERO),
    (("blame", "ch5", "--rev", ZERO), ZERO),
    (("blame", CH5, "--rev", "wg-9"), "wg-9"),
    (("diff", "wg-1", "HEAD~7"), "HEAD~7"),
])
def test_revisions_unknown_is_a_clear_error(sandbox, args, name):
    r = sandbox.sop(*args)
    assert r.code == 2, r.both
    assert f"sop: error: unknown revision '{name}': name a tag, branch or commit" in r.err
    sandbox.assert_corpus_unchanged()


def test_revisions_naming_a_tree_is_refused(sandbox):
    r = sandbox.sop("check", "--rev", "HEAD:sop")
    assert r.code == 2, r.both
    assert "sop: error: revision 'HEAD:sop' names a tree, not a commit" in r.err
    sandbox.assert_corpus_unchanged()


@pytest.fixture
def shallow(sandbox, tmp_path) -> Path:
    """A third commit on the sandbox, then `git clone --depth 1` of it, as most CI runners check out."""
    ch5 = sandbox.root / CH5
    sandbox.write(CH5, ch5.read_text(encoding="utf-8").replace("Investigat", "investigat", 1))
    sandbox.commit("Editorial fix")
    sandbox.snapshot()
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{sandbox.root}", str(clone)],
                   check=True, capture_output=True)
    assert git.Repo(clone).git.rev_parse("--is-shallow-repository") == "true"
    return clone


@pytest.mark.parametrize("args", [
    ("diff", "HEAD~1", "HEAD"),
    ("refs", "--since", "HEAD~1"),
    ("check", "--rev", "HEAD~1"),
    ("blame", "ch5", "--rev", "HEAD~1"),
    ("diff", "{wg2}", "HEAD"),  # the full id of a commit beyond the clone's history
])
def test_revisions_shallow_clone_says_what_is_missing(sandbox, shallow, args):
    wg2 = git.Repo(sandbox.root).commit("wg-2").hexsha
    before = fingerprint(shallow)
    r = sandbox.sop(*(a.format(wg2=wg2) for a in args), cwd=shallow)
    assert r.code == 2, r.both
    missing = "HEAD~1" if "HEAD~1" in args else wg2
    assert f"sop: error: {missing} {UNSHALLOW}" in r.err
    assert fingerprint(shallow) == before
    sandbox.assert_corpus_unchanged()


def test_revisions_shallow_clone_without_tags_names_them_unknown(sandbox, shallow):
    before = fingerprint(shallow)
    r = sandbox.sop("diff", "wg-1", "HEAD", cwd=shallow)
    assert r.code == 2
    assert "unknown revision 'wg-1'" in r.err and "this is a shallow clone" in r.err and "--unshallow" in r.err
    assert fingerprint(shallow) == before
    sandbox.assert_corpus_unchanged()


def test_revisions_shallow_clone_reads_what_it_holds(sandbox, shallow):
    before = fingerprint(shallow)
    checked = sandbox.sop("check", "--rev", "HEAD", cwd=shallow)
    assert checked.code == 0 and "at revision HEAD" in checked.err
    blamed = sandbox.sop("blame", "ch5", cwd=shallow)
    assert blamed.code == 0 and "(no draft)" in blamed.out  # the clone holds no tag
    assert fingerprint(shallow) == before
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("lost, message", [
    (f"wg-1:{CH5}", f"{CH5} at wg-1 {UNSHALLOW}"),
    ("wg-1:sop", f"a folder of the corpus at wg-1 {UNSHALLOW}"),
])
def test_revisions_object_missing_while_reading(sandbox, tmp_path, lost, message):
    damaged = tmp_path / "damaged"
    shutil.copytree(sandbox.root, damaged, symlinks=True)
    sha = git.Repo(damaged).git.rev_parse(lost)  # only wg-1 holds it: wg-2 changed chapter 5
    (damaged / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
    before = fingerprint(damaged)
    r = sandbox.sop("diff", "wg-1", "wg-2", cwd=damaged)
    assert r.code == 2, r.both
    assert message in r.err and "git fsck" in r.err
    assert fingerprint(damaged) == before
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("path", ["/etc/passwd", "../x.md", "/etc/x.md", "sop/../../x.md", "sop/../../repo2/x.md"])
def test_revisions_blame_outside_the_corpus_is_refused(sandbox, path):
    r = sandbox.sop("blame", path)
    assert r.code == 2, r.both
    assert f"sop: error: {path} is outside the corpus at {sandbox.root.resolve()}" in r.err
    assert r.out == ""
    sandbox.assert_corpus_unchanged()


# -- sop diff refuses a draft it could not read completely, and writes nothing -----------------------------------

def _ch5() -> bytes:
    from hostile import REPO

    return (REPO / CH5).read_bytes()


UNREADABLE = {
    "one invalid byte": (lambda b: b + b"\nA last line with \xff in it.\n", "L003", "byte 0xff cannot be decoded"),
    "UTF-16": (lambda b: b.decode("utf-8").encode("utf-16"), "L003", "saved as UTF-16"),
    "UTF-16 without BOM": (lambda b: b.decode("utf-8").encode("utf-16-le"), "L003", "saved as UTF-16"),
    "unclosed front matter": (lambda b: b.replace(b"\n---\n", b"\n", 1), "L001", "front matter is not closed"),
    "nesting too deep": (lambda b: b.replace(b"---\n", b"---\nnotes: " + b"[" * 990 + b"]" * 990 + b"\n", 1),
                         "L001", "nested deeper than 32"),
    "line too long": (lambda b: b + b"x" * 100_001 + b"\n", "L005", "longer than the 100,000 accepted"),
}


@pytest.mark.parametrize("side", ["new", "old"])
@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_unreadable_draft_is_not_compared(sandbox, tmp_path, side, kind):
    spoil, code, words = UNREADABLE[kind]
    _new_draft(sandbox, "wg-3", {CH5: spoil(_ch5())})
    out = tmp_path / "redline.html"
    old, new = ("wg-2", "wg-3") if side == "new" else ("wg-3", "wg-2")
    r = sandbox.sop("diff", old, new, "--format", "html", "-o", str(out))
    assert r.code == 1, r.both
    assert "sop: draft wg-3 was not read completely, so it cannot be compared" in r.err
    assert _lines_with(r.err, f"{CH5}:", code, words)
    assert r.out == "" and not out.exists()
    sandbox.assert_corpus_unchanged()


def test_unreadable_folder_draft_is_not_compared(sandbox, tmp_path):
    folder = _folder_draft(sandbox, tmp_path / "export", {CH5: _ch5().decode("utf-8").encode("utf-16")})
    before = fingerprint(folder)
    r = sandbox.sop("diff", "wg-2", str(folder), "--format", "json")
    assert r.code == 1, r.both
    assert f"sop: draft {folder} was not read completely" in r.err
    assert _lines_with(r.err, f"{CH5}:1:1: L003", "saved as UTF-16", "save it as UTF-8")
    assert r.out == ""
    assert fingerprint(folder) == before
    sandbox.assert_corpus_unchanged()


def test_unreadable_law_or_settings_stops_the_comparison(sandbox):
    deep = "notes: " + "{a: " * 990 + "1" + "}" * 990 + "\n"
    law = (sandbox.root / LAW28).read_text(encoding="utf-8")
    _new_draft(sandbox, "wg-3", {LAW28: law + deep, "sop.yml": "source_language: en\n" + deep})
    r = sandbox.sop("diff", "wg-2", "wg-3")
    assert r.code == 1, r.both
    assert "2 finding(s)" in r.err
    assert _lines_with(r.err, f"{LAW28}:", "L001", "nested deeper than 32 levels")
    assert _lines_with(r.err, "sop.yml:2:132: L001", "nested deeper than 32 levels")
    assert r.out == ""
    sandbox.assert_corpus_unchanged()


# -- sop diff names what its --chapter and --lang select, or says it selects nothing --------------------------

def test_selection_unknown_chapter_is_refused(sandbox, tmp_path):
    out = tmp_path / "redline.md"
    r = sandbox.sop("diff", "wg-1", "wg-2", "--chapter", "ch55", "--format", "md", "-o", str(out))
    assert r.code == 2, r.both
    assert "sop: error: no chapter ch55 in either draft; name one by id, number or file: ch1 (1, " \
           "01-general-provisions), ch2 (2, 02-international-legal-framework)" in r.err
    assert "ch8 (8, 08-review-mechanisms)" in r.err
    assert not out.exists()
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("name", ["ch5", "5", "05", "05-investigation", "05-investigation.md", "investigation",
                                  "sop/05-investigation.ar.md"])
def test_selection_chapter_by_id_number_or_file(sandbox, name):
    """A reviewer names a chapter as they know it: all name chapter 5, whose text wg-2 changed."""
    r = sandbox.sop("diff", "wg-1", "wg-2", "--chapter", name, "--format", "json")
    assert r.code == 0, r.both
    documents = json.loads(r.out)["documents"]
    if name.endswith(".ar.md"):  # a translation's file names its language too: wg-2 changed only the English
        assert documents == []
    else:
        assert documents and {(d["id"], d["lang"]) for d in documents} == {("ch5", "en")}
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("args, message", [
    (("--lang", "ckb"), "no chapter in 'ckb' in either draft (languages: ar, en)"),
    (("--chapter", "ch5", "--lang", "ckb"), "no chapter ch5 in 'ckb' in either draft (languages: ar, en)"),
])
def test_selection_language_without_chapters_is_refused(sandbox, tmp_path, args, message):
    gone = {p.relative_to(sandbox.root).as_posix(): None for p in (sandbox.root / "sop").glob("*.ckb.md")}
    old = _folder_draft(sandbox, tmp_path / "old", gone)
    new = _folder_draft(sandbox, tmp_path / "new", gone)
    r = sandbox.sop("diff", str(old), str(new), *args)
    assert r.code == 2, r.both
    assert f"sop: error: {message}" in r.err
    sandbox.assert_corpus_unchanged()


# -- nesting and size are bounded: a diagnostic or a one-line refusal, never a RecursionError --------------------

DEEP = {
    "lists 990": ("[" * 990 + "]" * 990, 7 + 31 + 1),
    "mappings 990": ("{a: " * 990 + "1" + "}" * 990, 7 + 31 * 4 + 1),
    "lists 100,000": ("\n ".join(["[" * 50_000] * 2 + ["]" * 50_000] * 2), 7 + 31 + 1),  # lines under L005's bound
}


@pytest.mark.parametrize("kind", list(DEEP))
def test_bounds_deep_yaml_in_front_matter(sandbox, kind):
    value, column = DEEP[kind]
    text = (sandbox.root / CH5).read_text(encoding="utf-8").replace("---\n", f"---\nnotes: {value}\n", 1)
    sandbox.write(CH5, text)
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    assert _lines_with(r.out, f"{CH5}:2:{column}: L001 error: YAML nested deeper than 32 levels is not accepted")
    cited = sandbox.sop("cite", "Article 6 of Law No. 28 of 2012")
    assert cited.code == 0 and "iq/law-28-2012 #6: ok" in cited.out
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("rel", [LAW28, "sop.yml"])
def test_bounds_deep_yaml_in_law_and_settings(sandbox, rel):
    value, column = DEEP["lists 990"]
    text = (sandbox.root / rel).read_text(encoding="utf-8")
    sandbox.write(rel, text + f"notes: {value}\n")
    sandbox.snapshot()
    line = text.count("\n") + 1
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    assert _lines_with(r.out, f"{rel}:{line}:{column}: L001", "nested deeper than 32 levels")
    cited = sandbox.sop("cite", "Article 1 of Law No. 23 of 1971")
    assert cited.code == 0 and "iq/law-23-1971 #1: ok" in cited.out
    sandbox.assert_corpus_unchanged()


def _tree_state(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` with a file's bytes (None for a folder), walked with a stack of its own: pathlib's
    rglob and os.walk recurse once per level, so they cannot fingerprint the tree below."""
    state, stack = {}, [root]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir(follow_symlinks=False):
                state[entry.path] = None
                stack.append(entry.path)
            else:
                state[entry.path] = Path(entry.path).read_bytes()
    return state


def test_bounds_folders_nested_deeper_than_python_recurses(sandbox, tmp_path):
    folder = _folder_draft(sandbox, tmp_path / "deep")  # outside the sandbox, whose fingerprint uses rglob
    levels = [folder / "sop" / "assets"]
    for _ in range(1500):  # one at a time: mkdir(parents=True) itself recurses once per level
        levels.append(levels[-1] / "d")
    try:
        for level in levels:
            level.mkdir()
        (levels[-1] / "map.png").write_bytes(b"\x89PNG\r\n")
        before = _tree_state(folder)
        r = sandbox.sop("check", "--root", str(folder))
        assert r.code == 0, r.both
        assert "0 error(s), 0 warning(s)" in r.err
        assert _tree_state(folder) == before
        sandbox.assert_corpus_unchanged()
    finally:  # pytest's clean-up (shutil.rmtree) recurses once per level too
        (levels[-1] / "map.png").unlink(missing_ok=True)
        for level in reversed(levels):
            if level.exists():
                level.rmdir()


@pytest.mark.parametrize("size, words", [
    (1_000_001, "the text is 1,000,001 characters; `sop cite` reads at most 1,000,000 characters at a time"),
    (8_000_000, "the text is more than 4,000,000 bytes; `sop cite` reads at most 1,000,000 characters"),
])
def test_bounds_cite_refuses_a_text_too_long(sandbox, size, words):
    r = sandbox.sop("cite", input=("Article 6 of Law No. 28 of 2012. " * (size // 33 + 1))[:size])
    assert r.code == 2, r.both
    assert f"sop: error: {words}" in r.err and "split the file" in r.err
    assert r.out == ""
    sandbox.assert_corpus_unchanged()


def test_bounds_cite_refuses_too_many_words(sandbox):
    r = sandbox.sop("cite", *(["word " * 20_000] * 11))  # 1.1 million characters, each argument under 128 KiB
    assert r.code == 2, r.both
    assert "reads at most 1,000,000 characters" in r.err
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("data, words", [
    ("Article 6 of Law No. 28 of 2012".encode("utf-16"),
     "it is saved as UTF-16 (little-endian, with a byte-order mark)"),
    (b"Article 6 \xff", "not valid UTF-8: byte 0xff cannot be decoded"),
])
def test_bounds_cite_refuses_text_not_utf8(sandbox, data, words):
    r = sandbox.sop("cite", input=data)
    assert r.code == 2, r.both
    assert "sop: error: standard input: not valid UTF-8" in r.err and words in r.err
    sandbox.assert_corpus_unchanged()


# -- messages say the truth: lines, names and encodings ---------------------------------------------------------

def test_messages_duplicate_key_in_front_matter_names_the_first_line(sandbox):
    lines = (sandbox.root / CH5).read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---" and lines[2].startswith("title:")
    sandbox.write(CH5, "\n".join(lines[:4] + ["title: Again"] + lines[4:]))
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    assert _lines_with(r.out, f"{CH5}:5:1: L001 error: key 'title' is given twice (first on line 3)")
    sandbox.assert_corpus_unchanged()


def test_messages_duplicate_key_in_law_yml_names_the_first_line(sandbox):
    text = (sandbox.root / LAW28).read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("type:"))
    sandbox.write(LAW28, text + "type: law\n")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    last = text.count("\n") + 1
    assert _lines_with(r.out, f"{LAW28}:{last}:1: L001", f"key 'type' is given twice (first on line {first})")
    sandbox.assert_corpus_unchanged()


def test_messages_assets_folder_is_accepted(sandbox):
    sandbox.write("sop/assets/logo.png", b"\x89PNG\r\n\x1a\n")
    sandbox.write("sop/assets/maps/route.svg", "<svg/>")
    sandbox.write("sop/assets/notes.md", "# Not a chapter\n")
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 0, r.both
    assert "assets" not in r.both and "0 error(s), 0 warning(s)" in r.err
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("name, shown", [
    ("09-extra.md\n", "09-extra.md<U+000A>"),
    ("09-extra\x1b]0;owned\x07.md", "09-extra<U+001B>]0;owned<U+0007>.md"),
])
def test_messages_file_name_with_control_character_is_refused(sandbox, name, shown):
    sandbox.write(f"sop/{name}", (sandbox.root / CH5).read_bytes())
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    found = _lines_with(r.out, "L004", f"the file name '{shown}' holds a control or invisible character",
                        "hint: rename it")
    assert len(found) == 1 and found[0].startswith(f"sop/{shown}:1:1: L004")
    assert "V010" not in r.out  # it was not read as a second chapter 5 or 9
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("encoding, words", [
    ("utf-16", "saved as UTF-16 (little-endian, with a byte-order mark); save it as UTF-8"),
    ("utf-16-be", "saved as UTF-16 (big-endian, without a byte-order mark); save it as UTF-8"),
    ("utf-16-le", "saved as UTF-16 (little-endian, without a byte-order mark); save it as UTF-8"),
    ("utf-32", "saved as UTF-32 (little-endian, with a byte-order mark); save it as UTF-8"),
])
def test_messages_utf16_is_named(sandbox, encoding, words):
    sandbox.write(CH5, (sandbox.root / CH5).read_text(encoding="utf-8").encode(encoding))
    sandbox.snapshot()
    r = sandbox.sop("check")
    assert r.code == 1, r.both
    found = _lines_with(r.out, f"{CH5}:1:1: L003", words)
    assert found and "iconv -f UTF-" in found[0]
    assert "WINDOWS-1256" not in r.out and "cannot be decoded" not in r.out
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("args, shown", [
    (("codes", "V0\x1b]0;owned\x07"), "unknown code 'V0<U+001B>]0;owned<U+0007>'"),
    (("blame", "ch\x1b[2J"), "no chapter 'ch<U+001B>[2J' in en at HEAD"),
    (("diff", "wg-1", "wg-2", "--chapter", "ch\u202e5"), "no chapter ch<U+202E>5 in either draft"),
])
def test_messages_refusal_quotes_what_was_typed_without_obeying_it(sandbox, args, shown):
    r = sandbox.sop(*args)
    assert r.code == 2, r.both
    assert f"sop: error: {shown}" in r.err
    assert "\x1b" not in r.err and "\u202e" not in r.err and r.err.count("\n") == 1
    sandbox.assert_corpus_unchanged()

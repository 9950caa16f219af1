"""How the tools write files, tried as a hostile or careless user would: `sop diff -o FILE` and `sop check --fix`.

Every case asserts the exit code, the message, and what changed on disk: nothing in the corpus (a refusal),
or exactly the file --fix had to change.
"""

from __future__ import annotations

import difflib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CHAPTER
from hostile import CH5, LAW28, fingerprint
from sopkit.check import check
from sopkit.diagnostics import UsageError
from sopkit.fix import Edit, apply_edits, fix_links
from sopkit.patch import unified_diff
from sopkit.writing import _signals_held, check_output_target

REVIEW = "sop/08-review-mechanisms.md"  # an English chapter without translations: a citation added is C106 only
CITE = "Article 6 of Law No. 28 of 2012"
LINKED = f"[{CITE}](law:iq/law-28-2012#6)"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def diff_to(sandbox, target, *more):
    return sandbox.sop("diff", "wg-1", "wg-2", "-o", str(target), *more)


def add_to_review(sandbox, *paragraphs: str) -> tuple[Path, str]:
    """Append paragraphs to a chapter of the sandbox, and take the corpus fingerprint with them in it."""
    path = sandbox.root / REVIEW
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n"
    path.write_text(text, encoding="utf-8")
    sandbox.snapshot()
    return path, text


def changed(sandbox) -> list[str]:
    after = fingerprint(sandbox.root)
    return sorted(k for k in set(sandbox.before) | set(after) if sandbox.before.get(k) != after.get(k))


def strays(folder: Path) -> list[str]:
    """Temporary files or backups left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".orig")))


def run_limited(sandbox, args, file_size: int | None = None, umask: int | None = None):
    """Run sop with a file-size limit (a write beyond it fails as a full disk would) and/or a umask."""
    def setup():
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if umask is not None:
            os.umask(umask)
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], cwd=sandbox.root, capture_output=True,
                       text=True, preexec_fn=setup, timeout=120)
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    return r


# -- -o writes a regular file, only where the user may mean it ------------------------------------------

def test_output_refuses_a_device(sandbox, tmp_path):
    """Run as root, -o /dev/null once turned the device into a regular file. The device here is a null device
    of the test's own (made with mknod), so that a regression cannot break the machine's /dev/null."""
    if not IS_ROOT:
        pytest.skip("only root can make a device node, and only root could replace one")
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        pytest.skip("device nodes cannot be made here")
    r = diff_to(sandbox, device)
    assert r.code == 2 and f"refusing to write {device}" in r.err and "a device" in r.err
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(1, 3)
    sandbox.assert_corpus_unchanged()


@pytest.mark.skipif(not os.path.exists("/dev/null") or not stat.S_ISCHR(os.stat("/dev/null").st_mode),
                    reason="no /dev/null device here")
def test_output_refuses_dev_null(sandbox):
    # the check alone, never the command: a regression must not be able to replace the machine's /dev/null
    with pytest.raises(UsageError) as err:
        check_output_target("/dev/null", [sandbox.root])
    assert str(err.value).startswith("refusing to write /dev/null: it exists and is a device")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_symlink(sandbox, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("keep me\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = diff_to(sandbox, link)
    assert r.code == 2 and f"refusing to write {link}" in r.err and "symbolic link" in r.err
    assert link.is_symlink() and os.readlink(link) == str(real) and real.read_text() == "keep me\n"
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_fifo(sandbox, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = diff_to(sandbox, fifo)
    assert r.code == 2 and f"refusing to write {fifo}" in r.err and "FIFO" in r.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_folder(sandbox, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    r = diff_to(sandbox, folder)
    assert r.code == 2 and f"refusing to write {folder}" in r.err and "a folder" in r.err
    assert folder.is_dir() and not list(folder.iterdir())
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_missing_folder(sandbox, tmp_path):
    target = tmp_path / "no-such-folder" / "redline.html"
    r = diff_to(sandbox, target, "--format", "html")
    assert r.code == 2 and f"cannot write {target}" in r.err and "does not exist" in r.err
    assert not target.parent.exists()
    sandbox.assert_corpus_unchanged()


@pytest.mark.parametrize("target", [CH5, LAW28, "sop.yml", "glossary.yml", "sop/new-redline.html",
                                    "laws/iq/law-28-2012/en.md"])
def test_output_refuses_a_corpus_file(sandbox, target):
    r = diff_to(sandbox, target)
    assert r.code == 2 and f"refusing to write {target}" in r.err and "corpus" in r.err
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_corpus_file_by_another_path(sandbox, tmp_path):
    alias = tmp_path / "alias"
    alias.symlink_to(sandbox.root / "sop")  # the folder is a link; the file named is the chapter itself
    target = alias / Path(CH5).name
    r = diff_to(sandbox, target)
    assert r.code == 2 and f"refusing to write {target}" in r.err and "corpus" in r.err
    sandbox.assert_corpus_unchanged()


def test_output_refuses_a_hard_link_to_a_corpus_file(sandbox, tmp_path):
    twin = sandbox.root / "law-copy.yml"
    os.link(sandbox.root / LAW28, twin)
    sandbox.snapshot()
    r = diff_to(sandbox, "law-copy.yml")
    assert r.code == 2 and "refusing to write law-copy.yml" in r.err
    assert f"hard link to the corpus file {LAW28}" in r.err
    assert os.path.samefile(twin, sandbox.root / LAW28)
    sandbox.assert_corpus_unchanged()


def test_output_refuses_the_git_folder(sandbox):
    before = (sandbox.root / ".git" / "HEAD").read_bytes()
    r = diff_to(sandbox, ".git/HEAD")
    assert r.code == 2 and "refusing to write .git/HEAD" in r.err and "git repository" in r.err
    assert (sandbox.root / ".git" / "HEAD").read_bytes() == before
    sandbox.assert_corpus_unchanged()


def test_output_writes_a_new_file_with_the_umask(sandbox, tmp_path):
    target = tmp_path / "redline.md"
    r = run_limited(sandbox, ["diff", "wg-1", "wg-2", "--format", "md", "-o", str(target)], umask=0o027)
    assert r.returncode == 0 and f"wrote {target}" in r.stderr
    st = os.lstat(target)
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o640
    assert "Investigat" in target.read_text(encoding="utf-8") and strays(tmp_path) == []
    sandbox.assert_corpus_unchanged()


def test_output_replaces_a_regular_file_keeping_its_mode(sandbox, tmp_path):
    target = tmp_path / "redline.html"
    target.write_text("old redline\n")
    os.chmod(target, 0o604)
    r = diff_to(sandbox, target, "--format", "html")
    assert r.code == 0 and f"wrote {target}" in r.err
    st = os.lstat(target)
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o604
    assert target.read_text(encoding="utf-8").startswith("<!") and strays(tmp_path) == []
    sandbox.assert_corpus_unchanged()


def test_output_disk_full_names_the_file_and_leaves_nothing(sandbox, tmp_path):
    target = tmp_path / "redline.html"
    target.write_text("previous\n")
    r = run_limited(sandbox, ["diff", "wg-1", "wg-2", "--format", "html", "-o", str(target)], file_size=2048)
    assert r.returncode == 2 and f"cannot write {target}" in r.stderr and ".tmp" not in r.stderr
    assert target.read_text() == "previous\n" and strays(tmp_path) == []
    sandbox.assert_corpus_unchanged()


@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_output_permission_denied_names_the_file(sandbox, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        r = diff_to(sandbox, folder / "redline.md", "--format", "md")
        assert r.code == 2 and f"cannot write {folder / 'redline.md'}" in r.err and "permission" in r.err
        assert list(folder.iterdir()) == []
    finally:
        os.chmod(folder, 0o755)
    sandbox.assert_corpus_unchanged()


# -- --fix only ever turns plain text into a link -------------------------------------------------------

LEFT_ALONE = [
    ("link_text", f"See [the guide to {CITE}](https://example.org/guide).", "inside a link's text"),
    ("image_alt", f"![Chart of {CITE}](assets/chart.png)", "inside an image"),
    ("reference_title", f"See the [guide].\n\n[guide]: https://example.org/guide \"{CITE}\"",
     "inside a link reference definition"),
    ("html_comment", f"<!-- {CITE} -->", "inside an HTML comment"),
    ("inline_html_comment", f"Text <!-- {CITE} --> and more.", "inside an HTML comment"),
    ("inline_html", f"Text <abbr title=\"{CITE}\">TIP</abbr> and more.", "inside inline HTML"),
    ("html_link", f"Text <a href=\"https://example.org\">{CITE}</a> and more.", "inside an HTML link"),
    ("html_block", f"<div>\n{CITE}\n</div>", "inside an HTML block"),
    ("autolink", "Read <https://example.org/Law\u00a028/2012> first.", "inside an autolink"),
    ("bracket_after_a_reference", f"See [guide]{CITE} first.\n\n[guide]: https://example.org/guide",
     "would change the Markdown around it"),
]


@pytest.mark.parametrize("name, paragraph, reason", LEFT_ALONE, ids=[c[0] for c in LEFT_ALONE])
def test_fix_leaves_alone_a_citation(sandbox, name, paragraph, reason):
    path, text = add_to_review(sandbox, paragraph)
    r = sandbox.sop("check", "--fix")
    raw_html = name in ("inline_html", "html_link", "html_block")  # refused as such (V013): an error, exit 1
    assert r.code == (1 if raw_html else 0) and "linked 0 plain-text citation(s)" in r.err
    assert ("V013 error" in r.out) == raw_html, r.out
    assert path.read_text(encoding="utf-8") == text
    sandbox.assert_corpus_unchanged()
    # the check still reports it, and --fix says why it did not link it
    if "C106" in r.out:
        assert "not linked:" in r.err and reason in r.err, r.err


def test_fix_leaves_alone_a_code_span(sandbox):
    path, text = add_to_review(sandbox, f"Type `{CITE}` in the search box.")
    r = sandbox.sop("check", "--fix")
    assert r.code == 0 and "linked 0 plain-text citation(s)" in r.err and "C106" not in r.out
    assert path.read_text(encoding="utf-8") == text
    sandbox.assert_corpus_unchanged()


def test_fix_links_the_plain_citation_beside_one_left_alone(sandbox):
    path, text = add_to_review(sandbox, f"[See {CITE}](https://example.org) and *{CITE}* apply.")
    r = sandbox.sop("check", "--fix")
    assert r.code == 0 and "linked 1 plain-text citation(s)" in r.err and "inside a link's text" in r.err
    assert path.read_text(encoding="utf-8") == text.replace(f"*{CITE}*", f"*{LINKED}*")
    assert changed(sandbox) == [REVIEW]


def test_fix_is_idempotent(sandbox):
    path, text = add_to_review(sandbox, f"Under {CITE}, and <!-- {CITE} -->.",
                               "Across lines: Article 6 of\nLaw No. 28 of 2012 applies.")
    first = sandbox.sop("check", "--fix")
    assert first.code == 0 and "linked 2 plain-text citation(s)" in first.err
    assert f"wrote {REVIEW}: 2 link(s)" in first.err
    once = path.read_bytes()
    assert once.decode("utf-8") == text.replace(f"Under {CITE}", f"Under {LINKED}").replace(
        "Article 6 of\nLaw No. 28 of 2012", "[Article 6 of\nLaw No. 28 of 2012](law:iq/law-28-2012#6)")
    sandbox.snapshot()
    second = sandbox.sop("check", "--fix")
    assert second.code == 0 and "linked 0 plain-text citation(s)" in second.err and "wrote" not in second.err
    assert path.read_bytes() == once
    sandbox.assert_corpus_unchanged()


def test_fix_diff_matches_difflib():
    lines = [f"line {i}\n" for i in range(40)]
    lines[2] = f"first {CITE} here\n"
    lines[3] = f"next {CITE} and {CITE}\n"
    lines[10] = f"within reach of the first: {CITE}\n"
    lines[30] = f"far away {CITE}\n"
    lines[39] = f"the last line {CITE}\n"
    old = "".join(lines)
    edits = []
    pos = old.find(CITE)
    while pos >= 0:
        edits.append(Edit("x.md", pos, pos + len(CITE), LINKED))
        pos = old.find(CITE, pos + 1)
    for chosen in (edits, edits[:1], edits[-1:], edits[1:3], edits[3:5]):
        new = apply_edits(old, chosen)
        expected = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                fromfile="a/x.md", tofile="b/x.md"))
        assert unified_diff("x.md", old, chosen) == expected


def test_fix_diff_matches_diff_u_without_a_final_newline(tmp_path):
    if not shutil.which("diff"):
        pytest.skip("no diff command")
    old = f"one\r\ntwo\r\nsee {CITE}"
    pos = old.find(CITE)
    chosen = [Edit("x.md", pos, pos + len(CITE), LINKED)]
    (tmp_path / "old").write_bytes(old.encode())
    (tmp_path / "new").write_bytes(apply_edits(old, chosen).encode())
    r = subprocess.run(["diff", "-u", "--label", "a/x.md", "--label", "b/x.md", "old", "new"], cwd=tmp_path,
                       capture_output=True)
    assert unified_diff("x.md", old, chosen).encode() == r.stdout


# -- --fix keeps what the file is: mode, owner, attributes, links; leaves read-only files alone ----------

def test_fix_keeps_mode_owner_and_extended_attributes(sandbox):
    path, text = add_to_review(sandbox, f"Under {CITE}.")
    os.chmod(path, 0o640)
    try:
        os.setxattr(path, "user.sop.reviewer", b"Legal Unit")
    except OSError:
        pytest.skip("this file system keeps no user extended attributes")
    if IS_ROOT:
        os.chown(path, 4321, 4321)
    before = os.lstat(path)
    r = sandbox.sop("check", "--fix")
    assert r.code == 0 and f"wrote {REVIEW}: 1 link(s)" in r.err
    after = os.lstat(path)
    assert stat.S_IMODE(after.st_mode) == 0o640 and (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert os.getxattr(path, "user.sop.reviewer") == b"Legal Unit"
    assert path.read_text(encoding="utf-8") == text.replace(f"Under {CITE}", f"Under {LINKED}")
    assert changed(sandbox) == [REVIEW] and strays(path.parent) == []


def test_fix_refuses_a_read_only_file(sandbox):
    path, text = add_to_review(sandbox, f"Under {CITE}.")
    os.chmod(path, 0o444)
    sandbox.snapshot()
    r = sandbox.sop("check", "--fix")
    assert r.code == 2 and "--fix wrote nothing" in r.err and f"{REVIEW} is read-only" in r.err
    assert path.read_text(encoding="utf-8") == text and stat.S_IMODE(os.lstat(path).st_mode) == 0o444
    sandbox.assert_corpus_unchanged()


def test_fix_refuses_a_hard_linked_file(sandbox, tmp_path):
    path, text = add_to_review(sandbox, f"Under {CITE}.")
    twin = tmp_path / "twin.md"
    os.link(path, twin)
    sandbox.snapshot()
    r = sandbox.sop("check", "--fix")
    assert r.code == 2 and "--fix wrote nothing" in r.err and f"{REVIEW} has 2 hard links" in r.err
    assert os.path.samefile(path, twin) and path.read_text(encoding="utf-8") == text
    sandbox.assert_corpus_unchanged()


def test_fix_dry_run_says_it_would_refuse(sandbox):
    path, text = add_to_review(sandbox, f"Under {CITE}.")
    os.chmod(path, 0o444)
    sandbox.snapshot()
    r = sandbox.sop("check", "--fix", "--dry-run")
    assert r.code == 0 and "would link 1" in r.err and "--fix would write nothing" in r.err and "read-only" in r.err
    assert path.read_text(encoding="utf-8") == text
    sandbox.assert_corpus_unchanged()


# -- --fix over several files writes all or none, and says what it wrote --------------------------------

TWO = {  # two chapters with one plain-text citation each, and otherwise clean
    "sop/01-general-provisions.md": CHAPTER.replace("(law:iq/law-9-2000#1).",
                                                    "(law:iq/law-9-2000#1), under Article 1 of Law No. 9 of 2000."),
    "sop/02-more.md": CHAPTER.replace("id: ch1", "id: ch2").replace("{#sop-purpose}", "{#more-purpose}")
                             .replace("{#who-applies}", "{#more-who}")
                             .replace("Introduction.", "Also Article 1 of Law No. 9 of 2000."),
}


def _two_files(corpus_dir):
    root = corpus_dir(TWO)
    paths = [root / p for p in TWO]
    return root, paths, [p.read_bytes() for p in paths], [os.lstat(p).st_ino for p in paths]


def test_all_or_none_when_a_file_changes_during_the_run(corpus_dir):
    root, (first, second), before, _ = _two_files(corpus_dir)

    def edit_second(staged):  # a drafter saves the second chapter while --fix runs
        second.write_text(TWO["sop/02-more.md"] + "\nA new sentence.\n", encoding="utf-8")

    with pytest.raises(UsageError) as err:
        fix_links(check(root).corpus, root, before_commit=edit_second)
    assert "wrote nothing" in str(err.value) and "sop/02-more.md changed while --fix was running" in str(err.value)
    assert first.read_bytes() == before[0] and second.read_text(encoding="utf-8").endswith("A new sentence.\n")
    assert strays(root / "sop") == []


def test_all_or_none_when_a_rename_fails_midway(corpus_dir):
    root, paths, before, inodes = _two_files(corpus_dir)

    def lose_second(staged):  # the second staged file disappears (a cleaner, a full disk): its rename fails
        os.unlink(staged[1].temp)

    with pytest.raises(UsageError) as err:
        fix_links(check(root).corpus, root, before_commit=lose_second)
    assert "wrote nothing" in str(err.value) and "put back" in str(err.value) and ".tmp" not in str(err.value)
    assert [p.read_bytes() for p in paths] == before and [os.lstat(p).st_ino for p in paths] == inodes
    assert strays(root / "sop") == []


def test_all_or_none_when_one_file_is_read_only(corpus_dir):
    root, (first, second), before, _ = _two_files(corpus_dir)
    os.chmod(second, 0o444)
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--fix"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--fix wrote nothing" in r.stderr and "sop/02-more.md is read-only" in r.stderr
    assert [first.read_bytes(), second.read_bytes()] == before and strays(root / "sop") == []


def test_all_or_none_when_the_disk_fills_up_on_the_second_file(corpus_dir):
    root = corpus_dir({**TWO, "sop/02-more.md": TWO["sop/02-more.md"] + "\nA long paragraph." * 300 + "\n"})
    paths = [root / p for p in TWO]
    before = [p.read_bytes() for p in paths]
    assert len(before[0]) < 1024 < len(before[1])

    def limit():  # a write past 1 KiB fails (EFBIG) as it would on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--fix"],
                       capture_output=True, text=True, preexec_fn=limit)
    assert r.returncode == 2 and "--fix wrote nothing: cannot write sop/02-more.md" in r.stderr
    assert ".tmp" not in r.stderr and "Traceback" not in r.stderr
    assert [p.read_bytes() for p in paths] == before and strays(root / "sop") == []


def test_all_or_none_says_which_files_it_wrote(corpus_dir):
    root, paths, before, _ = _two_files(corpus_dir)
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--fix"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "linked 2 plain-text citation(s)" in r.stderr
    assert "wrote sop/01-general-provisions.md: 1 link(s)" in r.stderr and "wrote sop/02-more.md: 1 link(s)" in r.stderr
    assert all("](law:iq/law-9-2000#1)" in p.read_text(encoding="utf-8") for p in paths)


def test_all_or_none_when_interrupted(corpus_dir):
    """SIGINT at any moment: both files are fixed or neither is, never one of them."""
    root, paths, before, _ = _two_files(corpus_dir)
    for delay in (0.4, 0.6, 0.8, 1.0, 1.2, 1.5):
        for p, data in zip(paths, before):
            p.write_bytes(data)
        proc = subprocess.Popen([sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--fix"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, 130, -signal.SIGINT), err  # done, or stopped (even while starting up)
        fixed = ["](law:" in p.read_text(encoding="utf-8") for p in paths]
        assert fixed in ([False, False], [True, True]), err
        assert strays(root / "sop") == []


def test_all_or_none_holds_back_interruptions_while_renaming():
    with _signals_held() as caught:
        os.kill(os.getpid(), signal.SIGINT)  # would raise KeyboardInterrupt here, halfway through the renames
        time.sleep(0.01)
    assert caught == [signal.SIGINT]

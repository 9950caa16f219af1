"""Time `sop diff` between working-group drafts against `git diff --word-diff` and the `redlines` package, in
the same run, on the same synthetic drafts.

A git repository gets three drafts of a generated corpus (chapters in English, Arabic and Kurdish): `wg-1`,
`wg-light` (a word changed in a few paragraphs, a few paragraphs moved, added and removed) and `wg-heavy` (half
the paragraphs reworded, a tenth moved, headings renamed). Each tool runs as a fresh process (Python start-up
included for `sop`), once to warm up, then several times; the report gives medians and ratios. `sop` runs with
its bytecode cached (in the bench's temporary folder), as an installed `sop` does even where the environment
sets PYTHONDONTWRITEBYTECODE. The start-up of `sop` is measured on its own (a fresh Python importing every
module that `sop diff` imports, and nothing else), and the table gives the rest of each comparison's time beside
it. `redlines`, a whole-document word diff, compares the whole draft as one document (the chapter files
joined), then each chapter file as a document of its own (a kinder baseline); it runs once per draft pair (it
is slow) under a time limit. Peak memory of `sop diff` is measured at one, two and four times the draft size.

Example:
    python bench/bench_diff.py --chapters 4 --sections 30 --runs 3
    python bench/bench_diff.py --quick        # a small draft, no redlines: checks the bench itself runs
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import WORDS, generate  # noqa: E402

REDLINES = """
import sys
from redlines import Redlines
old, new = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
Redlines(old, new).output_markdown
"""


IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError:  # the command tried it too (sitecustomize, a module of another platform) and went on
        pass
"""


def edit_chapter(text: str, lang: str, rng: random.Random, heavy: bool) -> str:
    """The chapter as a later draft: words replaced inside paragraphs, paragraphs moved, added and removed;
    with `heavy`, half the paragraphs reworded and headings renamed."""
    front, _, body = text.partition("\n---\n")
    blocks = body.split("\n\n")
    prose = [k for k, b in enumerate(blocks) if b.strip() and not b.lstrip().startswith(("#", "|", "```", "-"))]
    share = 0.5 if heavy else 0.03
    for k in rng.sample(prose, max(1, int(len(prose) * share))):
        words = blocks[k].split(" ")
        for _ in range(max(1, len(words) // (3 if heavy else 20))):
            i = rng.randrange(len(words))
            if "](" not in words[i] and words[i].isalpha():
                words[i] = rng.choice(WORDS[lang])
        blocks[k] = " ".join(words)
    if heavy:
        for k, b in enumerate(blocks):
            if b.startswith("#") and rng.random() < 0.1:
                blocks[k] = re.sub(r"^(#+ )\S+", lambda m: m.group(1) + rng.choice(WORDS[lang]), b)
    moves = max(2, int(len(prose) * (0.1 if heavy else 0.01)))
    for _ in range(moves):
        k = rng.randrange(1, len(blocks))
        if blocks[k].lstrip().startswith(("#", "```")):
            continue
        moved = blocks.pop(k)
        blocks.insert(rng.randrange(1, len(blocks)), moved)
    for _ in range(max(2, int(len(prose) * (0.05 if heavy else 0.005)))):
        k = rng.randrange(1, len(blocks))
        if blocks[k].lstrip().startswith(("#", "```")):
            continue
        if rng.random() < 0.5:
            blocks.pop(k)
        else:
            blocks.insert(k, " ".join(rng.choice(WORDS[lang]) for _ in range(16)) + ".")
    return front + "\n---\n" + "\n\n".join(blocks)


def make_drafts(root: Path, chapters: int, sections: int, seed: int = 1) -> dict[str, int]:
    """A git repository at `root` with the drafts wg-1, wg-light and wg-heavy; returns each draft's size in
    bytes of chapter text."""
    import git

    generate(root, laws=20, articles=12, chapters=chapters, sections=sections, seed=seed)
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Bench").set_value("user", "email", "bench@example.org")
    repo.git.add(A=True)
    repo.index.commit("wg-1")
    repo.create_tag("wg-1")
    base = {p: p.read_text(encoding="utf-8") for p in sorted((root / "sop").glob("*.md"))}
    sizes = {"wg-1": sum(len(t.encode()) for t in base.values())}
    for name, heavy in (("wg-light", False), ("wg-heavy", True)):
        rng = random.Random(seed * 31 + heavy)
        size = 0
        for path, text in base.items():
            lang = path.name.split(".")[-2] if path.name.count(".") == 2 else "en"
            new = edit_chapter(text, lang, rng, heavy)
            path.write_text(new, encoding="utf-8")
            size += len(new.encode())
        repo.git.add(A=True)
        repo.index.commit(name)
        repo.create_tag(name)
        sizes[name] = size
        for path, text in base.items():
            path.write_text(text, encoding="utf-8")
    repo.git.checkout("--", ".")
    return sizes


def run(cmd: list[str], cwd: Path, timeout: float | None = None, env: dict | None = None) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = _wait(proc, timeout)
    except TimeoutError:
        proc.kill()
        proc.wait()
        raise
    elapsed = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def sop_environment(tmp: Path) -> dict:
    """The environment `sop` runs in: bytecode written to and read from a cache under `tmp` (an installed `sop`
    has its bytecode; without it every run would compile sopkit's sources again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def imported_modules(cmd: list[str], cwd: Path, env: dict) -> list[str]:
    """Every module that the Python command `cmd` imports, as `python -X importtime` lists them."""
    done = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[1].strip() for line in lines[1:]]  # the first line is the header


def startup(sop_cmd: list[str], cwd: Path, env: dict, runs: int) -> tuple[float, float, int]:
    """Seconds of `sop` start-up (a fresh Python importing every module that `sop_cmd` imports, and nothing else)
    and of Python alone, medians of `runs`; and the number of modules."""
    modules = ["sopkit.cli", *imported_modules(sop_cmd, cwd, env)]  # run with -m, the CLI itself is not listed
    importing = [sys.executable, "-c", IMPORT_ALL, *dict.fromkeys(modules)]
    run(importing, cwd, env=env)  # writes the bytecode of anything the command did not import
    alone = statistics.median(run([sys.executable, "-c", "pass"], cwd, env=env)[0] for _ in range(runs))
    return statistics.median(run(importing, cwd, env=env)[0] for _ in range(runs)), alone, len(set(modules))


def _wait(proc, timeout):
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = status
            return pid, status, usage
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.002)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chapters", type=int, default=4, help="chapters per language (default 4)")
    ap.add_argument("--sections", type=int, default=30, help="sections per chapter (default 30)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--redlines-limit", type=float, default=900, help="seconds allowed to redlines per pair")
    ap.add_argument("--quick", action="store_true", help="a small draft, one run, no redlines, no memory scaling")
    args = ap.parse_args(argv)
    if args.quick:
        args.chapters, args.sections, args.runs = 1, 6, 1
    sop = [sys.executable, "-m", "sopkit.cli", "diff"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "drafts"
        env = sop_environment(Path(tmp))
        sizes = make_drafts(root, args.chapters, args.sections)
        print(f"drafts: {len(list((root / 'sop').glob('*.md')))} chapter files, "
              + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items()))
        rows = []
        for new in ("wg-light", "wg-heavy"):
            ours_cmd = [*sop, "wg-1", new, "--format", "json", "-o", str(Path(tmp) / "d.json")]
            git_cmd = ["git", "diff", "--word-diff=porcelain", "wg-1", new, "--", "sop"]
            run(ours_cmd, root, env=env), run(git_cmd, root)  # warm-up: bytecode written, files in the OS cache
            ours = [run(ours_cmd, root, env=env) for _ in range(args.runs)]
            git_word = [run(git_cmd, root) for _ in range(args.runs)]
            t_ours = statistics.median(t for t, _ in ours)
            t_git = statistics.median(t for t, _ in git_word)
            reds = [None, None]
            if not args.quick:
                reds = [_redlines(root, new, Path(tmp), args.redlines_limit, whole) for whole in (True, False)]
            rows.append((new, t_git, t_ours, reds, max(m for _, m in ours)))
        t_start, t_python, count = startup([*sop, "wg-1", "wg-light", "--format", "json", "-o",
                                            str(Path(tmp) / "d.json")], root, env, max(5, args.runs))
        print(f"sop start-up: {t_start * 1000:.0f} ms (a fresh Python importing the {count} modules that `sop diff` "
              f"imports, bytecode cached; Python alone {t_python * 1000:.0f} ms)")
        print("\n| drafts | git diff --word-diff | sop diff | sop / git | sop after start-up | redlines, whole draft "
              "| redlines, each file | sop peak memory |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for new, t_git, t_ours, reds, mem in rows:
            shown = []
            for red in reds:
                if red is None:
                    shown.append("not run")
                else:
                    t, stopped = red
                    shown.append(f"{'> ' if stopped else ''}{t:.1f} s ({'≥ ' if stopped else ''}{t / t_ours:.0f}× sop)")
            print(f"| wg-1 → {new} | {t_git * 1000:.0f} ms | {t_ours:.2f} s | {t_ours / t_git:.0f}× | "
                  f"{(t_ours - t_start) * 1000:.0f} ms | {shown[0]} | {shown[1]} | {mem / 1024:.0f} MiB |")
        if not args.quick:
            print("\npeak memory of `sop diff wg-1 wg-heavy` as the drafts grow:")
            for factor in (1, 2, 4):
                scaled = Path(tmp) / f"x{factor}"
                size = make_drafts(scaled, args.chapters * factor, args.sections)["wg-1"]
                t, mem = run([*sop, "wg-1", "wg-heavy", "--format", "json", "-o", str(Path(tmp) / "d.json")],
                             scaled, env=env)
                print(f"  ×{factor}: drafts {size / 1024:.0f} KiB, {t:.2f} s, peak {mem / 1024:.0f} MiB")


def _redlines(root: Path, new: str, tmp: Path, limit: float, whole: bool) -> tuple[float, bool]:
    """Seconds for redlines over the pair, and whether the time limit stopped it: over each chapter file in
    turn, or (`whole`) over the whole draft as one document (the chapter files joined)."""
    import git

    try:
        import redlines  # noqa: F401
    except ImportError:
        raise SystemExit("the comparison needs the redlines package: pip install -e '.[bench]'") from None
    repo = git.Repo(root)
    paths = sorted(p.relative_to(root).as_posix() for p in (root / "sop").glob("*.md"))
    pairs = [[(p, p) for p in paths]] if whole else [[(p, p)] for p in paths]
    total = 0.0
    for pair in pairs:
        a, b = tmp / "old.md", tmp / "new.md"
        a.write_text("\n\n".join(repo.git.show(f"wg-1:{p}") for p, _ in pair), encoding="utf-8")
        b.write_text("\n\n".join(repo.git.show(f"{new}:{p}") for _, p in pair), encoding="utf-8")
        try:
            t, _ = run([sys.executable, "-c", REDLINES, str(a), str(b)], root, timeout=limit - total)
        except TimeoutError:
            return limit, True
        total += t
    return total, False


if __name__ == "__main__":
    main()

"""Time `sop check` end to end against a plain regular-expression scan of the same bytes, in the same run.

Both are run as fresh processes (Python start-up included in both), several times; the report gives the
median of each and their ratio. The reference reads every file of the corpus, decodes it, and finds the
headings and links with one regular expression: the least any checker must do. `sop check` is timed cold
(its parse cache emptied before each run) and warm (the cache filled by the run before), each in a cache folder
of its own in a temporary folder (SOP_CACHE_DIR), never the user's.

Example:
    python bench/bench_check.py --laws 2000 --chapters 99 --sections 60 --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

SCAN = r"""
import os, re, sys
pattern = re.compile(r'^#{1,6} .*\{#[^}]+\}$|\]\((?:law|sop):[^)]*\)', re.M)
count = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(('.md', '.yml')):
            with open(os.path.join(folder, name), 'rb') as f:
                count += sum(1 for _ in pattern.finditer(f.read().decode('utf-8')))
print(count)
"""


def timed(cmd: list[str], cache: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    env = None if cache is None else {**os.environ, "SOP_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, proc


def timed_check(cmd: list[str], cache: Path) -> float:
    t, proc = timed(cmd, cache)
    if proc.returncode not in (0, 1):
        sys.exit(f"sop check failed: {proc.stderr}")
    return t


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=int, default=2000)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--chapters", type=int, default=99)
    ap.add_argument("--sections", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / ".corpus")
    args = ap.parse_args(argv)

    print(f"generating {args.laws} laws and {args.chapters} chapters x 3 languages ...", file=sys.stderr)
    root = generate(args.out, args.laws, args.articles, args.chapters, args.sections)
    files = [p for p in root.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    sop = [sys.executable, "-m", "sopkit.cli", "check", "--root", str(root), "--format", "json"]
    scan = [sys.executable, "-c", SCAN, str(root)]
    caches = Path(tempfile.mkdtemp(prefix="sop-bench-cache-"))  # outside the working tree, removed at the end
    cold_cache, warm_cache = caches / "cold", caches / "warm"
    os.environ["SOP_CACHE_DIR"] = str(warm_cache)  # also for the --watch session below, run in this process
    timed_check(sop, warm_cache)  # fills the warm runs' cache
    t_cold, t_warm, t_scan = [], [], []
    for i in range(args.runs):
        print(f"run {i + 1}/{args.runs} ...", file=sys.stderr)
        t, proc = timed(scan)
        t_scan.append(t)
        shutil.rmtree(cold_cache, ignore_errors=True)
        t_cold.append(timed_check(sop, cold_cache))
        t_warm.append(timed_check(sop, warm_cache))
    cold_s, warm_s, scan_s = (statistics.median(t) for t in (t_cold, t_warm, t_scan))
    first_s, again_s = recheck_after_one_edit(root)
    shutil.rmtree(caches, ignore_errors=True)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB")
    print(f"regex scan (reference):  {scan_s:.2f} s")
    print(f"sop check, cold cache:   {cold_s:.2f} s  ({size / 1e6 / cold_s:.1f} MB/s)  ratio {cold_s / scan_s:.1f}x")
    print(f"sop check, warm cache:   {warm_s:.2f} s  ({size / 1e6 / warm_s:.1f} MB/s)  ratio {warm_s / scan_s:.1f}x")
    print(f"re-check after editing one chapter (sop check --watch): {again_s:.2f} s "
          f"(its first check: {first_s:.2f} s)")


def recheck_after_one_edit(root: Path) -> tuple[float, float]:
    """What `sop check --watch` does: check, let a drafter edit one chapter, check again in the same session."""
    from sopkit.check import Session

    session = Session(root)
    start = time.perf_counter()
    session.check()
    first = time.perf_counter() - start
    chapter = sorted((root / "sop").glob("*.md"))[0]
    original = chapter.read_bytes()
    try:
        chapter.write_bytes(original + "\nA sentence added by the benchmark.\n".encode())
        start = time.perf_counter()
        result = session.check()
        again = time.perf_counter() - start
        assert result.corpus.chapters, "the edited corpus did not load"
    finally:
        chapter.write_bytes(original)
    return first, again


if __name__ == "__main__":
    main()

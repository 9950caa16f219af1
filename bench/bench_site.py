"""Time `sop build` (the check, then the trilingual site) on the bundled corpus and on a large synthetic one,
against a reference measured in the same run, and give the sop plugin's share of the build.

The reference is the least a site of the same text costs: plain `mkdocs build` with the same theme of the same
Markdown files (every chapter file and every law text copied as a page), with no plugin of the project's and
no i18n. Both run as fresh processes (Python start-up in both), several times; the report gives medians.

The plugin's share is measured inside the `sop build` process: each of the sop plugin's mkdocs event handlers
is timed (the rest is mkdocs, Material, i18n, search, and sopkit's check before the build).

Example:
    python bench/bench_site.py --laws 200 --chapters 30 --sections 40 --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# Run in a fresh process: build the site of argv[1] into argv[2] with every sop plugin event handler timed.
DRIVER = r"""
import functools, json, sys, time
from sopkit.site import build as site_build
from sopkit.site.plugin import SopPlugin

spent = {"plugin": 0.0, "check": 0.0}

def timed(function, key):
    @functools.wraps(function)  # keeps mkdocs's event priority, an attribute of the function
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start
    return wrapper

for name in dir(SopPlugin):
    if name.startswith("on_") and callable(getattr(SopPlugin, name)):
        setattr(SopPlugin, name, timed(getattr(SopPlugin, name), "plugin"))
site_build.check = timed(site_build.check, "check")
start = time.perf_counter()
built = site_build.build_site(sys.argv[1], sys.argv[2])
spent["total"] = time.perf_counter() - start
spent["pages"] = built.pages
spent["ok"] = built.site is not None
print(json.dumps(spent))
"""

REFERENCE_CONFIG = """site_name: reference
docs_dir: docs
site_dir: site
theme: {name: material, font: false}
plugins: [search]
"""


def reference_docs(root: Path, folder: Path) -> int:
    """The corpus's Markdown (chapters and law texts) as plain pages of a mkdocs site in `folder`."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    count = 0
    for path in sorted([*(root / "sop").glob("*.md"), *(root / "laws").rglob("*.md")]):
        name = path.relative_to(root).as_posix().replace("/", "__")
        (docs / name).write_bytes(path.read_bytes())
        count += 1
    (docs / "index.md").write_text("# Reference\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(REFERENCE_CONFIG, encoding="utf-8")
    return count


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return elapsed, r.stdout


def measure(name: str, root: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = reference_docs(root, tmp / "reference")
        sop_runs, ref_runs, inside = [], [], []
        for i in range(runs):
            out = tmp / f"site-{i}"
            elapsed, stdout = run([sys.executable, "-c", DRIVER, str(root), str(out)])
            spent = json.loads(stdout.strip().splitlines()[-1])
            if not spent["ok"]:
                sys.exit(f"sop build of {root} failed")
            sop_runs.append(elapsed)
            inside.append(spent)
            shutil.rmtree(out)
            elapsed, _ = run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=tmp / "reference")
            ref_runs.append(elapsed)
            print(f"  {name} run {i + 1}/{runs}: sop build {sop_runs[-1]:.2f} s, reference {ref_runs[-1]:.2f} s",
                  file=sys.stderr)
    median = {key: statistics.median(s[key] for s in inside) for key in ("total", "plugin", "check")}
    return {"corpus": name, "site pages": inside[0]["pages"], "reference pages": pages,
            "sop build s": statistics.median(sop_runs), "reference s": statistics.median(ref_runs),
            "check s": median["check"], "plugin s": median["plugin"], "build in process s": median["total"]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=int, default=200)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--chapters", type=int, default=30)
    ap.add_argument("--sections", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / ".corpus-site",
                    help="where the synthetic corpus is written (replaced)")
    args = ap.parse_args(argv)
    print(f"generating {args.laws} laws, {args.chapters} chapters of {args.sections} sections in 3 languages "
          f"into {args.out}", file=sys.stderr)
    synthetic = generate(args.out, args.laws, args.articles, args.chapters, args.sections)
    rows = [measure("bundled", REPO, args.runs), measure("synthetic", synthetic, args.runs)]
    print(f"{'corpus':<10} {'pages':>6} {'sop build':>10} {'reference':>10} {'ratio':>6} {'check':>7} "
          f"{'plugin':>7} {'plugin share':>13}")
    for row in rows:
        ratio = row["sop build s"] / row["reference s"]
        share = row["plugin s"] / row["build in process s"]
        print(f"{row['corpus']:<10} {row['site pages']:>6} {row['sop build s']:>9.2f}s {row['reference s']:>9.2f}s "
              f"{ratio:>6.2f} {row['check s']:>6.2f}s {row['plugin s']:>6.2f}s {share:>12.0%}")
    print("reference: plain `mkdocs build` (Material, search) of the same Markdown files, no sop plugin, no i18n;\n"
          "plugin share: time in the sop plugin's event handlers / the whole build in its process (check included)")


if __name__ == "__main__":
    main()

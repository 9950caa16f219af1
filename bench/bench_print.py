"""Time `sop print` (the check, then one PDF volume per language; with --docx, the Word volumes too) on the
bundled corpus and on a large synthetic one, against a reference measured in the same run.

The reference is the least a PDF of the same text costs with the same tools: each language's chapter files
concatenated as they are and set by pandoc (its own typst template) and typst with the same fonts, with no
check, no section numbers, no citation labels or page references, no annex. Both run as fresh processes,
several times; the report gives medians, the ratio, and the time per volume and per page.

Example:
    python bench/bench_print.py --laws 100 --chapters 20 --sections 30 --runs 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# Run in a fresh process: the reference PDFs of the corpus argv[1] into argv[2], one per language.
REFERENCE = r"""
import datetime, json, subprocess, sys
from pathlib import Path
import pypandoc, typst
from sopkit.edition.typst import font_paths
root, out = Path(sys.argv[1]), Path(sys.argv[2])
pages = 0
for lang in ("en", "ar", "ckb"):
    files = sorted(p for p in (root / "sop").glob("*.md") if (p.name.count(".") == 1) == (lang == "en")
                   and (lang == "en" or p.name.endswith(f".{lang}.md")))
    text = "\n\n".join(f.read_text(encoding="utf-8").split("---", 2)[-1] for f in files)
    source = subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "typst", "-s", "-V",
                             "papersize=a4", "-M", f"lang={lang}"], input=text.encode(), capture_output=True,
                            check=True).stdout
    pdf = typst.Compiler(source, font_paths=font_paths(), ignore_system_fonts=True).compile(format="pdf",
                                                                                               timestamp=0)
    (out / f"ref.{lang}.pdf").write_bytes(pdf)
print(json.dumps({"ok": True}))
"""


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return elapsed


def page_count(pdf: Path) -> int:
    from sopkit.edition.build import page_count as count

    return count(pdf.read_bytes())


def measure(name: str, root: Path, runs: int, docx: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sop_runs, ref_runs, docx_runs = [], [], []
        for i in range(runs):
            out = tmp / f"print-{i}"
            sop_runs.append(run([sys.executable, "-m", "sopkit.cli", "print", "-q", "--root", str(root), "-o",
                                 str(out)]))
            if docx:
                docx_runs.append(run([sys.executable, "-m", "sopkit.cli", "print", "-q", "--root", str(root),
                                      "--format", "docx", "-o", str(tmp / f"docx-{i}")]))
            ref = tmp / f"ref-{i}"
            ref.mkdir()
            ref_runs.append(run([sys.executable, "-c", REFERENCE, str(root), str(ref)]))
            print(f"  {name} run {i + 1}/{runs}: sop print {sop_runs[-1]:.2f} s, reference {ref_runs[-1]:.2f} s"
                  + (f", sop print --format docx {docx_runs[-1]:.2f} s" if docx else ""), file=sys.stderr)
        pages = sum(page_count(p) for p in (tmp / "print-0").glob("*.pdf"))
        ref_pages = sum(page_count(p) for p in (tmp / "ref-0").glob("*.pdf"))
    row = {"corpus": name, "pages": pages, "reference pages": ref_pages,
           "sop print s": statistics.median(sop_runs), "reference s": statistics.median(ref_runs)}
    if docx:
        row["docx s"] = statistics.median(docx_runs)
    return row


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=int, default=100)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--chapters", type=int, default=20)
    ap.add_argument("--sections", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--docx", action="store_true", help="also time the Word volumes (sop print --format docx)")
    ap.add_argument("--quick", action="store_true", help="small sizes, one run (to see that it works)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / ".corpus-print",
                    help="where the synthetic corpus is written (replaced)")
    args = ap.parse_args(argv)
    if args.quick:
        args.laws, args.chapters, args.sections, args.runs = 4, 2, 4, 1
    print(f"generating {args.laws} laws, {args.chapters} chapters of {args.sections} sections in 3 languages "
          f"into {args.out}", file=sys.stderr)
    synthetic = generate(args.out, args.laws, args.articles, args.chapters, args.sections)
    rows = [measure("synthetic", synthetic, args.runs, args.docx)]
    if not args.quick:
        rows.insert(0, measure("bundled", REPO, args.runs, args.docx))
    print(f"{'corpus':<10} {'pages':>6} {'sop print':>10} {'reference':>10} {'ratio':>6} {'per volume':>11} "
          f"{'per page':>9}" + (f" {'docx':>8}" if args.docx else ""))
    for row in rows:
        ratio = row["sop print s"] / row["reference s"]
        print(f"{row['corpus']:<10} {row['pages']:>6} {row['sop print s']:>9.2f}s {row['reference s']:>9.2f}s "
              f"{ratio:>6.2f} {row['sop print s'] / 3:>10.2f}s {1000 * row['sop print s'] / row['pages']:>7.0f}ms"
              + (f" {row['docx s']:>7.2f}s" if args.docx else ""))
    print("reference: each language's chapter files concatenated and set by pandoc's own typst template and typst\n"
          "with the same fonts (no check, numbers, labels, page references or annex); pages: the three PDFs of\n"
          "sop print (the reference's: " + ", ".join(str(r["reference pages"]) for r in rows) + ")")
    print(json.dumps(rows), file=sys.stderr)


if __name__ == "__main__":
    main()

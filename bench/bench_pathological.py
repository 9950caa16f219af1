"""Time the hostile inputs of the hardening issue against ordinary text of the same size, in the same run.

Every case is a corpus (one law, one chapter) or a text whose bytes are built to be as hard as possible for one
scanner: lines of 99,000 characters of `[](law:`, of backticks, of law names without a space; a paragraph of
80,000 words of "a b"; thousands of changed paragraphs; 10,000 plain-text citations for `--fix`; YAML nested a
thousand deep; 4 MB on `sop cite`'s input. Each runs as a fresh `sop` process, as a user runs it, and is
reported beside its reference: the same command on ordinary text (prose with citations) of the same size.
A linear scanner keeps the ratio near 1; growth is the time at full size over the time at a quarter of it,
start-up taken off both (linear is about 4, quadratic about 16).

Example:
    python bench/bench_pathological.py --runs 3
    python bench/bench_pathological.py --only law-links,fix --runs 1
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LAW_YML = ('id: iq/law-9-2000\ntype: law\njurisdiction: iq\nnumber: "9"\nyear: "2000"\ntitle:\n  en: Test Law\n'
           '  ar: قانون الاختبار\nauthoritative: ar\ntext_status: summary\n')
LAW_EN = "# Test Law No. 9 of 2000\n\n## Article 1 {#1}\n\nText of Article 1.\n\n### First {#1.1}\n\nText.\n"
LAW_AR = "# قانون الاختبار رقم (9) لسنة 2000\n\n## المادة (1) {#1}\n\nنص المادة.\n\n### أولاً {#1.1}\n\nنص.\n"
HEAD = "---\nid: ch1\ntitle: General Provisions\nstatus: draft\n---\n\n## Purpose {#sop-purpose}\n\n"
CHAPTER = "sop/01-general-provisions.md"

PROSE = ("The investigator records the statement of the victim in the presence of an interpreter and informs "
         "the investigating judge under Article 1 of Law No. 9 of 2000 without delay. ")

LONG_LINES = {
    "law-links": "[](law:", "sop-links": "[](sop:", "backticks": "`", "code-spans": "` a ", "law-words": "law",
    "arabic-law-words": "قانون", "article-lists": "Article 1 of ", "arabic-lists": "المادة 1 و",
    "nested-labels": "[[a]](law:", "quotes": 'Article 1 of Law No. 9 of 2000 "',
}


def lines_of(piece: str, width: int, count: int = 3) -> str:
    line = (piece * (width // len(piece) + 1))[:width]
    return (line + "\n\n") * count


def prose(size: int) -> str:
    """Ordinary text of `size` characters: sentences with a plain-text citation, in paragraphs."""
    para = (PROSE * 8).strip()
    out = []
    while sum(map(len, out)) < size:
        out.append(para + "\n\n")
    return "".join(out)[:size]


def corpus(folder: Path, body: str, front: str = "") -> Path:
    files = {"laws/iq/law-9-2000/law.yml": LAW_YML, "laws/iq/law-9-2000/en.md": LAW_EN,
             "laws/iq/law-9-2000/ar.md": LAW_AR,
             CHAPTER: (HEAD.replace("status: draft\n", "status: draft\n" + front) if front else HEAD) + body}
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


TIMEOUT = 120.0  # seconds a command may take before it is stopped and reported as "> TIMEOUT"


def sop(*args: str, stdin: bytes | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], input=stdin, capture_output=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return float("inf"), -1
    elapsed = time.perf_counter() - start
    if b"Traceback" in proc.stderr:
        sys.exit(f"sop {' '.join(args[:2])} raised:\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return elapsed, proc.returncode


def median(runs: int, *args: str, stdin: bytes | None = None, ok: tuple[int, ...] = (0, 1)) -> float:
    """The median time of `runs` runs of `sop ARGS`; exits when its status is not in `ok` (a refusal measures
    nothing: the case would not be the case it says)."""
    first, status = sop(*args, stdin=stdin)
    if first == float("inf"):  # a hang is measured once
        return first
    if status not in ok:
        sys.exit(f"sop {' '.join(args[:1])} exited {status} on a bench case; expected {ok}")
    return statistics.median([first] + [sop(*args, stdin=stdin)[0] for _ in range(runs - 1)])


def check_case(tmp: Path, name: str, body_at, runs: int, front: str = "") -> dict:
    """`sop check` on the case at full size and at a quarter, and on prose of the same size."""
    full, quarter = body_at(1.0), body_at(0.25)
    t_full = median(runs, "check", "--root", str(corpus(tmp / name / "full", full, front)), "--format", "json")
    t_quarter = median(runs, "check", "--root", str(corpus(tmp / name / "quarter", quarter, front)),
                       "--format", "json")
    t_ref = median(runs, "check", "--root", str(corpus(tmp / name / "ref", prose(len(full)))), "--format", "json")
    return {"case": name, "command": "check", "size": len(full.encode()), "seconds": t_full, "reference": t_ref,
            "quarter": t_quarter}


def diff_case(tmp: Path, name: str, old: str, new: str, runs: int) -> dict:
    a, b = corpus(tmp / name / "a", old), corpus(tmp / name / "b", new)
    ra = corpus(tmp / name / "ra", prose(len(old)))
    rb = corpus(tmp / name / "rb", prose(len(new)).replace("interpreter", "lawyer"))
    t = median(runs, "diff", str(a), str(b), "--root", str(tmp), "--format", "json", ok=(0,))
    t_ref = median(runs, "diff", str(ra), str(rb), "--root", str(tmp), "--format", "json", ok=(0,))
    return {"case": name, "command": "diff", "size": len(new.encode()), "seconds": t, "reference": t_ref}


def run(cases: set[str] | None, runs: int, width: int, fixes: int = 10_000) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="sop-patho-") as tmp_name:
        tmp = Path(tmp_name)

        def wanted(name: str) -> bool:
            return cases is None or name in cases

        startup = median(runs, "check", "--root", str(corpus(tmp / "startup", "Text.\n")), "--format", "json")
        for name, piece in LONG_LINES.items():
            if wanted(name):
                print(f"{name} ...", file=sys.stderr)
                rows.append(check_case(tmp, name, lambda f, p=piece: lines_of(p, int(width * f)), runs))
        if wanted("deep-yaml"):
            print("deep-yaml ...", file=sys.stderr)
            depth = 990
            rows.append(check_case(tmp, "deep-yaml", lambda f: "Text.\n", runs,
                                   front="extra: " + "[" * int(depth) + "]" * int(depth) + "\n"))
        if wanted("fix"):  # the figure: --fix with 10,000 plain-text citations against the check alone
            print("fix ...", file=sys.stderr)
            # one long paragraph: every line a citation, every third a line of context (difflib's hard case)
            root = corpus(tmp / "fix", "".join(f"Line {k} applies Article 1 of Law No. 9 of 2000.\n"
                                               + (f"Context line {k} stays.\n" if k % 3 == 0 else "")
                                               for k in range(fixes)))
            t_fix = median(runs, "check", "--root", str(root), "--fix", "--dry-run")
            t_check = median(runs, "check", "--root", str(root), "--format", "json")
            rows.append({"case": f"fix-{fixes}-citations", "command": "check --fix --dry-run",
                         "size": (root / CHAPTER).stat().st_size, "seconds": t_fix, "reference": t_check,
                         "reference_is": "sop check alone on the same corpus"})
        if wanted("cite"):
            print("cite ...", file=sys.stderr)
            root = corpus(tmp / "cite", "Text.\n")
            text = lines_of("[](law:", width).encode()
            t = median(runs, "cite", "--root", str(root), "--format", "json", stdin=text)
            t_ref = median(runs, "cite", "--root", str(root), "--format", "json", stdin=prose(len(text)).encode())
            rows.append({"case": "cite-law-links", "command": "cite", "size": len(text), "seconds": t,
                         "reference": t_ref})
            big = b"Article 1 of Law No. 9 of 2000. " * (4_000_000 // 32)
            rows.append({"case": "cite-4MB", "command": "cite (refused: over the limit)", "size": len(big),
                         "seconds": median(runs, "cite", "--root", str(root), stdin=big, ok=(0, 1, 2)),
                         "reference": startup, "reference_is": "start-up: sop check on a one-line corpus"})
        if wanted("diff-repetitive"):
            print("diff-repetitive ...", file=sys.stderr)
            # one paragraph of 80,000 words, 20 to a line (a line may hold 100,000 characters at most)
            rows.append(diff_case(tmp, "diff-repetitive", "a b " * 10 + ("\na b " + "a b " * 9) * 3_999 + "\n",
                                  "b a " * 10 + ("\nb a " + "b a " * 9) * 3_999 + "\n", runs))
        if wanted("diff-paragraphs"):
            print("diff-paragraphs ...", file=sys.stderr)
            words = "investigator victim judge report case evidence shelter border record interview".split()

            def paragraphs(seed: int) -> str:
                return "\n\n".join(" ".join(words[(seed * 7 + k * 3 + i * i) % 10] for i in range(12))
                                   for k in range(6000)) + "\n"
            rows.append(diff_case(tmp, "diff-6000-paragraphs", paragraphs(1), paragraphs(2), runs))
        for row in rows:
            row["startup"] = startup
    return rows


def _seconds(t: float) -> str:
    return f"> {TIMEOUT:.0f}" if t == float("inf") else f"{t:.2f}"


def report(rows: list[dict]) -> str:
    out = ["| case | command | bytes | seconds | reference (ordinary text, same size) | ratio | growth ×4 size |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        growth = ""
        if "quarter" in r and float("inf") in (r["seconds"], r["quarter"]):
            growth = "(hangs)"
        elif "quarter" in r:
            work, quarter = r["seconds"] - r["startup"], r["quarter"] - r["startup"]
            growth = f"{work / quarter:.1f}" if quarter > 0.02 else "(start-up only)"
        ref = _seconds(r["reference"]) + (f" ({r['reference_is']})" if "reference_is" in r else "")
        ratio = r["seconds"] / r["reference"]
        out.append(f"| {r['case']} | {r['command']} | {r['size']:,} | {_seconds(r['seconds'])} | {ref} | "
                   f"{'-' if ratio != ratio else f'{ratio:.1f}'} | {growth} |")
    out.append(f"\nstart-up (sop check on a one-line corpus): {rows[0]['startup']:.2f} s" if rows else "")
    return "\n".join(out)


def main(argv=None) -> None:
    global TIMEOUT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--only", help="comma-separated case names (default: all)")
    ap.add_argument("--quick", action="store_true", help="small sizes, one run: checks that the bench runs")
    ap.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a command counts as hung")
    args = ap.parse_args(argv)
    TIMEOUT = args.timeout
    width = 4_000 if args.quick else 99_000
    runs = 1 if args.quick else args.runs
    cases = set(args.only.split(",")) if args.only else ({"law-links", "fix", "cite"} if args.quick else None)
    print(report(run(cases, runs, width, fixes=500 if args.quick else 10_000)))


if __name__ == "__main__":
    main()

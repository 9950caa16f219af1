"""Time a chapter out to Word and back (`sop export docx`, `sop import docx --dry-run`) on a large synthetic
chapter, against references measured in the same run.

The references are the least the same work costs with the same tool: for the export, pandoc writing the
chapter's Markdown as .docx in one call; for the import, pandoc reading the edited file once with its tracked
changes (`--track-changes=all`). The import reads the file three times (accepted, rejected, with the changes
as spans) and the exported chapter once, writes the changed blocks as Markdown and reads the result back to
check that no word was lost, so about 5x the reference is its floor. Everything runs as fresh processes, several
times; the report gives medians and ratios.

Example:
    python bench/bench_word.py --sections 200 --edits 40 --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from bench_print import run  # noqa: E402  (a fresh process, timed; exits when it fails)
from generate import generate  # noqa: E402
from wordedit import WordFile  # noqa: E402

SOP = [sys.executable, "-m", "sopkit.cli"]


def median(cmd: list[str], runs: int) -> float:
    return statistics.median(run(cmd) for _ in range(runs))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=200, help="sections of the chapter (default 200)")
    parser.add_argument("--edits", type=int, default=40, help="tracked edits made in Word (default 40)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a small chapter, one run (the test suite's check)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sections, args.edits, args.runs = 10, 3, 1
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "corpus", laws=3, articles=20, chapters=1, sections=args.sections)
        env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "bench",
               "GIT_COMMITTER_EMAIL": "b@x"}
        for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-qm", "corpus"]):
            subprocess.run(cmd, cwd=root, check=True, env=env)
        chapter = next(p for p in sorted((root / "sop").glob("*.md")) if p.name.count(".") == 1)
        size = chapter.stat().st_size
        out = Path(tmp) / "chapter.docx"
        export = median([*SOP, "export", "docx", "1", "-o", str(out), "--root", str(root)], args.runs)
        body = Path(tmp) / "body.md"
        body.write_text(chapter.read_text(encoding="utf-8").split("---", 2)[-1], encoding="utf-8")
        export_ref = median([pandoc, "-f", "markdown", str(body), "-o", str(Path(tmp) / "ref.docx")], args.runs)
        doc = WordFile(out.read_bytes())
        words = [t.text.split()[3] for t in doc.doc.iter("{http://schemas.openxmlformats.org/wordprocessingml/"
                                                         "2006/main}t") if t.text and len(t.text.split()) > 8]
        for n, word in enumerate(words[: args.edits]):
            doc.replace_tracked(word, word.upper(), f"Drafter {n % 3}")
        edited = Path(tmp) / "edited.docx"
        edited.write_bytes(doc.save())
        imported = median([*SOP, "import", "docx", str(edited), "--dry-run", "--format", "json", "--root", str(root)],
                          args.runs)
        import_ref = median([pandoc, "-f", "docx", "-t", "json", "--track-changes=all", str(edited), "-o",
                             os.devnull], args.runs)
    print(f"chapter: {args.sections} sections, {size / 1024:.0f} KiB of Markdown; {min(args.edits, len(words))} "
          f"tracked edits by 3 authors; medians of {args.runs} run(s), fresh processes")
    print(f"  sop export docx        {export:6.2f} s   pandoc md->docx    {export_ref:6.2f} s   "
          f"ratio {export / export_ref:5.1f}x")
    print(f"  sop import docx        {imported:6.2f} s   pandoc docx->json  {import_ref:6.2f} s   "
          f"ratio {imported / import_ref:5.1f}x")


if __name__ == "__main__":
    main()

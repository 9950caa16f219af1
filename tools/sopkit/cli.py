"""The `sop` command. It only wires arguments to the library and turns UsageError into exit code 2."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .diagnostics import CATALOGUE, UsageError

EXIT_USAGE = 2


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds sop/ or laws/ (else `start`)."""
    for folder in (start, *start.parents):
        if (folder / "sop").is_dir() or (folder / "laws").is_dir():
            return folder
    return start


def _root(args) -> Path:
    return Path(args.root) if args.root else find_root(Path.cwd())


def _color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _progress(stream):
    """A files-read counter on a terminal, redrawn at most every 200 files; nothing when not a terminal."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done % 200 == 0 or done == total:
            end = "\n" if done == total else ""
            stream.write(f"\rreading files: {done:,}/{total:,}" + end)
            stream.flush()
    return show


def cmd_check(args) -> int:
    from .check import check

    if args.fix and args.rev:
        raise UsageError("--fix rewrites the working tree; it cannot be combined with --rev")
    if args.dry_run and not args.fix:
        raise UsageError("--dry-run goes with --fix")
    root = _root(args)
    result = check(root, args.rev, _progress(sys.stderr))
    if args.fix:
        from .fix import fix_links

        try:
            shown, count = fix_links(result.corpus, root, write=not args.dry_run)
        except RuntimeError as exc:
            raise UsageError(str(exc)) from None
        sys.stderr.write(shown)
        verb = "would link" if args.dry_run else "linked"
        print(f"--fix {verb} {count} plain-text citation(s)" + ("" if args.dry_run or not count else
              "; checking again"), file=sys.stderr)
        if count and not args.dry_run:
            result = check(root)
    report = result.report
    if args.format == "json":
        sys.stdout.write(report.json())
    elif args.format == "github":
        sys.stdout.write(report.github())
        print(report.summary_line(), file=sys.stderr)
    else:
        sys.stdout.write(report.text(color=_color(sys.stdout)))
        print(report.summary_line(), file=sys.stderr)
        if report.diagnostics:
            print("Explain a code with: sop codes CODE", file=sys.stderr)
    return report.exit_code(strict=args.strict)


def cmd_codes(args) -> int:
    if args.code:
        code = CATALOGUE.get(args.code.upper())
        if code is None:
            raise UsageError(f"unknown code '{args.code}'; `sop codes` lists them all")
        codes = [code]
    else:
        codes = list(CATALOGUE.values())
    if args.format == "md":
        sys.stdout.write(codes_markdown(codes))
    else:
        for c in codes:
            print(f"{c.code}  {c.severity.value:<7}  {c.title}")
            if args.code:
                print(f"\n{c.explanation}\n")
                if c.example:
                    print("Example:\n" + "\n".join("    " + line for line in c.example.splitlines()))
    return 0


def codes_markdown(codes) -> str:
    """The catalogue as the reference page docs/diagnostics.md."""
    out = ["# Diagnostic codes", "",
           "Generated from `tools/sopkit/diagnostics.py` by `sop codes --format md > docs/diagnostics.md`; "
           "do not edit by hand.", "",
           "Every finding prints as `path:line:column: CODE severity: message (hint: ...)`. `L` codes are about "
           "loading files (YAML, encoding, layout); `V` codes about the structure and text of what was loaded.",
           "", "| code | severity | what |", "| --- | --- | --- |"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.severity.value} | {c.title} |" for c in codes]
    for c in codes:
        out += ["", f"## {c.code}", "", f"**{c.title}** ({c.severity.value})", "", c.explanation]
        if c.example:
            out += ["", "```text", c.example, "```"]
    return "\n".join(out) + "\n"


EXAMPLES = {
    "check": """examples:
  sop check                          check the working tree (the nearest folder holding sop/ and laws/)
  sop check --rev wg-3               check the draft tagged wg-3, as committed
  sop check --format json > out.json machine-readable findings
  sop check --strict                 fail on warnings too (for CI)
  sop check --fix --dry-run          show the links --fix would write for plain-text citations
  sop check --fix                    write them (atomically), show the diff, and check again

exit status: 0 no errors (and no warnings with --strict), 1 findings, 2 usage or environment error""",
    "codes": """examples:
  sop codes            list every diagnostic code
  sop codes V006       explain one code, with an example
  sop codes --format md > docs/diagnostics.md""",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sop",
        description="Tools for the TIP/SOM investigation SOP: check the chapters and the laws they cite.",
        epilog="example: sop check --root . --format text\nrun 'sop COMMAND --help' for each command's options",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check the corpus's format, structure and text",
                           description="Load the SOP chapters and laws once and report every problem, "
                                       "one line per finding: path:line:col: CODE severity: message (hint: ...).",
                           epilog=EXAMPLES["check"], formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    check.add_argument("--rev", metavar="REV", help="check a git revision (tag, branch, commit) instead of the "
                                                     "working tree")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="text (default), json, or GitHub workflow annotations")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--fix", action="store_true",
                       help="turn unambiguous plain-text citations (C106) into links; shows the diff on stderr")
    check.add_argument("--dry-run", action="store_true", help="with --fix: show the diff, write nothing")
    check.set_defaults(run=cmd_check)

    codes = sub.add_parser("codes", help="list or explain the diagnostic codes",
                           description="The catalogue of diagnostic codes.", epilog=EXAMPLES["codes"],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    codes.add_argument("code", nargs="?", help="explain one code, e.g. V006")
    codes.add_argument("--format", choices=("text", "md"), default="text")
    codes.set_defaults(run=cmd_codes)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"sop: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"sop: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

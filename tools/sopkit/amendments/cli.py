"""The amendment commands, wired to the library: `sop export docx`, `sop import docx`, `sop propose`,
`sop amendments list|show|accept|reject|defer` and `sop meeting agenda`. Each only reads its arguments, calls
amendments/ and prints; the parsers are added to `sop`'s own by `add_commands`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..diagnostics import UsageError
from ..visible import json_safe, show

EXAMPLES = {
    "export": """examples:
  sop export docx ch5 -o ch5.docx                 the English chapter 5 as it is at HEAD
  sop export docx 5 --lang ar --rev wg-3 -o ch5-ar.docx
The drafter edits the file in Word with Track Changes on, then: sop import docx ch5-ar.docx""",
    "import-docx": """examples:
  sop import docx ch5-edited.docx --name ch5-interview-rooms --rationale "Rooms for child victims"
  sop import docx ch5-edited.docx --dry-run --format json     show what it holds, make nothing""",
    "propose": """examples:
  (edit sop/05-investigation.md, then)
  sop propose ch5-interview-rooms --rationale "Rooms for child victims" --author "Layla Hassan <l@moi.gov.iq>"
The change is committed on the branch proposal/ch5-interview-rooms; your files are left as they are.""",
    "amendments": """examples:
  sop amendments list
  sop amendments show ch5-interview-rooms
  sop amendments accept ch5-interview-rooms --meeting wg-4
  sop amendments reject ch5-old-wording --meeting wg-4 --note "Covered by Article 6"
  sop amendments defer ch6-shelters --meeting wg-4
  sop amendments accept --suggestions ch5 --write      apply the CriticMarkup suggestions in chapter 5""",
    "meeting": """examples:
  sop meeting agenda -o agenda.html
  sop meeting agenda --format docx -o agenda.docx
  sop meeting agenda --format pdf -o agenda.pdf""",
}


def _parser(sub, name: str, help: str, description: str, example: str):
    return sub.add_parser(name, help=help, description=description, epilog=EXAMPLES[example],
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _root_option(p) -> None:
    p.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")


def add_commands(sub, import_sub) -> None:
    """The amendment commands, added to `sop`'s subcommands (and `docx` to `sop import`)."""
    exporting = _parser(sub, "export", "write a chapter as a Word file to edit with Track Changes",
                        "Export material for editing outside the repository.", "export")
    export_sub = exporting.add_subparsers(dest="what", metavar="WHAT", required=True)
    docx = _parser(export_sub, "docx", "a chapter as a Word file that `sop import docx` reads back",
                   "Write CHAPTER (in LANG, at REV) as a .docx. Hidden in it: the chapter, its language and the "
                   "commit it came from (custom properties), and a bookmark in each section's heading.", "export")
    docx.add_argument("chapter", metavar="CHAPTER", help="the chapter: id (ch5), number (5) or file name")
    docx.add_argument("--lang", metavar="LANG", help="its language (default: the source language)")
    docx.add_argument("--rev", metavar="REV", default="HEAD", help="the revision to export (default: HEAD)")
    docx.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: a name from the "
                                                              "chapter, language and revision)")
    _root_option(docx)
    docx.set_defaults(run=cmd_export_docx)

    word = _parser(import_sub, "docx", "read a drafter's Word file back and make it a proposal",
                   "Read FILE (exported by `sop export docx`, then edited in Word): tracked insertions and "
                   "deletions with their authors and dates, comments, and edits made with tracking off. Each is "
                   "placed in its section; what cannot be placed is reported and kept. The result becomes the "
                   "proposal branch proposal/NAME, replayed onto the current revision (a conflict is shown, "
                   "never resolved). Your working tree is not touched.", "import-docx")
    word.add_argument("file", metavar="FILE", help="the edited .docx")
    word.add_argument("--name", metavar="NAME", help="the proposal's name (default: from the file name)")
    word.add_argument("--author", metavar="'NAME <EMAIL>'", help="the proposer (default: the author of most "
                                                                 "tracked changes, else who saved the file)")
    word.add_argument("--rationale", metavar="TEXT", default="", help="why the change is proposed")
    word.add_argument("--format", choices=("text", "json"), default="text")
    word.add_argument("--dry-run", action="store_true", help="show what the file holds; make no proposal")
    _root_option(word)
    word.set_defaults(run=cmd_import_docx)

    propose = _parser(sub, "propose", "make a proposal from your changes in the working tree",
                      "Commit the changed chapters and laws of the working tree on a new branch proposal/NAME "
                      "(the same as a pull request would hold), with its record. Your files stay as they are.",
                      "propose")
    propose.add_argument("name", metavar="NAME", help="the proposal's name, e.g. ch5-interview-rooms")
    propose.add_argument("--rationale", metavar="TEXT", default="", help="why the change is proposed")
    propose.add_argument("--author", metavar="'NAME <EMAIL>'", help="the proposer (default: git's user)")
    propose.add_argument("--format", choices=("text", "json"), default="text")
    _root_option(propose)
    propose.set_defaults(run=cmd_propose)

    amendments = _parser(sub, "amendments", "list, show and decide the proposals",
                         "The working group's side: the proposals (branches proposal/*) and their decisions.",
                         "amendments")
    a_sub = amendments.add_subparsers(dest="what", metavar="ACTION", required=True)
    listing = _parser(a_sub, "list", "the proposals, open first", "List the proposals with status and sections.",
                      "amendments")
    listing.add_argument("--all", action="store_true", help="also the decided ones")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    _root_option(listing)
    listing.set_defaults(run=cmd_list)
    showing = _parser(a_sub, "show", "one proposal: its record, redline, overlaps and conflicts",
                      "Show a proposal: who, why, what it changes (the redline), the other proposals that change "
                      "the same sections, and the conflicts found when it was made.", "amendments")
    showing.add_argument("name", metavar="NAME")
    showing.add_argument("--format", choices=("text", "json"), default="text")
    _root_option(showing)
    showing.set_defaults(run=cmd_show)
    for action, status in (("accept", "accepted"), ("reject", "rejected"), ("defer", "deferred")):
        p = _parser(a_sub, action, f"record that the working group {status} a proposal",
                    f"Record the decision on proposal NAME ({status}) on its branch"
                    + (", then merge it into the branch checked out (or --into), keeping its drafter as the "
                       "author; refused with nothing changed when it no longer merges cleanly"
                       if action == "accept" else "; the branch is kept") + "."
                    + (" With --suggestions, settle the CriticMarkup suggestions of a chapter instead."
                       if action != "defer" else ""), "amendments")
        p.add_argument("name", metavar="NAME", nargs="?", help="the proposal")
        p.add_argument("--meeting", metavar="MEETING", help="the meeting that decided, e.g. wg-4")
        p.add_argument("--note", metavar="TEXT", default="", help="what the meeting said")
        if action == "accept":
            p.add_argument("--into", metavar="BRANCH", help="the branch to merge into (default: the one checked "
                                                            "out)")
        if action != "defer":
            p.add_argument("--suggestions", metavar="CHAPTER", help="settle CriticMarkup suggestions in CHAPTER")
            p.add_argument("--lang", metavar="LANG", help="with --suggestions: the chapter's language")
            p.add_argument("--line", metavar="N", type=int, action="append",
                           help="with --suggestions: only the suggestion(s) on line N (repeatable)")
            p.add_argument("--write", action="store_true", help="with --suggestions: write the chapter (default: "
                                                                "show the change only)")
        _root_option(p)
        p.set_defaults(run=cmd_decide, status=status)

    meeting = _parser(sub, "meeting", "the working group's meeting papers",
                      "Papers for the working group's meeting.", "meeting")
    m_sub = meeting.add_subparsers(dest="what", metavar="WHAT", required=True)
    agenda = _parser(m_sub, "agenda", "the open proposals per chapter, with redlines and check results",
                     "Gather the open proposals (proposed or deferred) per chapter: who, why, the redline, what "
                     "`sop check` finds in the proposed text that it does not find now, and the proposals that "
                     "change the same section, side by side against their common base.", "meeting")
    agenda.add_argument("--format", choices=("html", "docx", "pdf", "md"), default="html")
    agenda.add_argument("-o", "--output", metavar="FILE", help="the file (required for docx and pdf)")
    _root_option(agenda)
    agenda.set_defaults(run=cmd_agenda)


def _root(args) -> Path:
    from ..cli import _root as root

    return root(args)


# -- export and import ---------------------------------------------------------------------------------------------

def cmd_export_docx(args) -> int:
    from ..writing import write_output
    from .wordout import export_chapter

    root = _root(args)
    exported = export_chapter(root, args.chapter, args.lang, args.rev)
    target = args.output or exported.file_name
    write_output(target, exported.data, corpus_roots=[root])
    print(f"wrote {show(target)}: {exported.chapter.id} ({exported.chapter.lang}) at {exported.revision[:10]}; "
          f"edit it in Word with Track Changes on, then: sop import docx {show(target)}", file=sys.stderr)
    return 0


def cmd_import_docx(args) -> int:
    from .gitstore import Person, slug
    from .proposals import make_proposal, today
    from .record import Record
    from .wordin import import_word

    root = _root(args)
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        from ..writing import os_failure

        raise os_failure(exc, args.file, "cannot read") from None
    imported = import_word(root, data)
    name = args.name or slug(Path(args.file).stem)
    author = Person.parse(args.author) if args.author else _drafter(imported)
    record = Record(name=name, proposer=str(author), date=today(), rationale=args.rationale, source="word",
                    changes=imported.changes, comments=imported.comments, unplaced=imported.unplaced)
    made, why = None, "--dry-run"
    if not imported.changed and not imported.comments:
        why = "nothing to propose"
        print("the Word file holds no change and no comment: nothing to propose", file=sys.stderr)
    elif not args.dry_run:
        others = {Person.named(a).name for a in imported.authors} - {author.name}
        trailers = "".join(f"\nCo-authored-by: {a} <>" for a in sorted(others))
        record.rationale = record.rationale or f"Edits in {Path(args.file).name}"
        if not imported.changed:
            print("the file's text is the chapter's as exported: the proposal records its comments only",
                  file=sys.stderr)
        made = make_proposal(root, name, imported.base, {imported.chapter.path: imported.text.encode("utf-8")}
                             if imported.changed else {}, record, author, trailers=trailers)
    _print_proposal(args.format, made, record, imported, why)
    return 0


def _drafter(imported):
    from .gitstore import Person

    if imported.authors:
        return Person.named(imported.authors.most_common(1)[0][0])
    return Person.named(imported.saved_by or "")


def _print_proposal(fmt: str, made, record, imported=None, why: str = "--dry-run") -> None:
    proposal = {"name": record.name, "branch": made.proposal.branch if made else None,
                "base": record.base or (imported.base if imported else None), "replayed": made.replayed if made else
                None, "proposer": record.proposer, "changes": record.changes, "comments": record.comments,
                "unplaced": record.unplaced, "conflicts": record.conflicts, "sections": record.sections}
    if fmt == "json":
        print(json_safe(json.dumps({"proposal": proposal}, ensure_ascii=False, indent=2)))
        return
    where = f"branch {made.proposal.branch}" if made else f"not made ({why})"
    print(f"proposal {show(record.name)} by {show(record.proposer)}: {where}")
    if made:
        base = record.base[:10]
        print(f"  made on {base}" + (", replayed onto the current text" if made.replayed else "")
              + (f"; {len(record.conflicts)} conflict(s) kept it on {base}" if record.conflicts else ""))
    for c in record.changes:
        kind = "tracked" if c["tracked"] else "untracked"
        print(f"  {show(c['section'])}  {kind}  {show(c['author'])}: " + _change_text(c))
    for c in record.comments:
        print(f"  {show(c['section'])}  comment  {show(c['author'])}: {show(c['text'])}"
              + (f"  (on \"{show(c['anchor'][:60])}\")" if c.get("anchor") else ""))
    for u in record.unplaced:
        print(f"  unplaced: {show(u['reason'])}: {show(str(u.get('text') or '')[:80])}")
    for c in record.conflicts:
        print(f"  CONFLICT in {show(c['section'])}: the current text and the proposal both changed it; see: "
              f"sop amendments show {record.name}")
    if made:
        print(f"next: sop amendments show {record.name}  (or sop diff {record.base[:10]} {made.proposal.branch})")


def _change_text(c: dict) -> str:
    old, new = show(c["old"][:80]), show(c["new"][:80])
    if old and new:
        return f"[-{old}-] {{+{new}+}}"
    return f"{{+{new}+}}" if new else f"[-{old}-]"


def cmd_propose(args) -> int:
    from .gitstore import Person, Store
    from .proposals import make_proposal, today
    from .record import Record

    root = _root(args)
    store = Store(root)
    files = _working_changes(store)
    if not files:
        raise UsageError("no changed chapter or law in the working tree: edit the files under sop/ or laws/ "
                         "first, then propose")
    author = Person.parse(args.author) if args.author else None
    proposer = str(author) if author else _git_user(store)
    record = Record(name=args.name, proposer=proposer, date=today(), rationale=args.rationale, source="markdown")
    made = make_proposal(root, args.name, "HEAD", files, record, author or Person.parse(proposer))
    _print_proposal(args.format, made, record)
    print("your files still hold the change; to go on without it: git restore " + " ".join(files), file=sys.stderr)
    return 0


def _working_changes(store) -> dict[str, bytes | None]:
    """The corpus files that differ from HEAD in the working tree (new ones included): path -> bytes, None
    for a deleted file."""
    from ..writing import CORPUS_FILES, CORPUS_FOLDERS

    out = store.git("status", "--porcelain", "-z", "--untracked-files=all", "--", *CORPUS_FOLDERS, *CORPUS_FILES,
                    doing="look at the working tree")
    files: dict[str, bytes | None] = {}
    entries = out.split(b"\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2].decode(), entry[3:].decode("utf-8", "surrogateescape")
        if code[0] == "R":
            i += 1  # the old name follows a rename
        rel = path[len(store.prefix):] if path.startswith(store.prefix) else path
        full = store.root / rel
        files[rel] = full.read_bytes() if full.is_file() else None
    return files


def _git_user(store) -> str:
    ident = store.ident("AUTHOR")
    if ident is None:
        raise UsageError("git does not know your name: set it (git config --global user.name 'Your Name'; "
                         "git config --global user.email you@example.org) or give --author 'Name <email>'")
    return ident


# -- the working group ----------------------------------------------------------------------------------------------

def cmd_list(args) -> int:
    from .proposals import proposals

    found = [p for p in proposals(_root(args)) if args.all or p.record.is_open]
    if args.format == "json":
        print(json_safe(json.dumps([{"name": p.name, "branch": p.branch, "tip": p.tip} | _summary(p.record)
                                    for p in found], ensure_ascii=False, indent=2)))
        return 0
    if not found:
        print("no open proposals" + ("" if args.all else " (--all lists the decided ones too)"))
    for p in found:
        r = p.record
        decided = f" at {r.meeting}" if r.meeting else ""
        flag = f"  {len(r.conflicts)} conflict(s)" if r.conflicts else ""
        print(f"{show(p.name):<28} {r.status + decided:<18} {r.date:<10}  {show(r.proposer)}{flag}\n"
              f"{'':<28} {show(', '.join(r.sections[:6]))}{' ...' if len(r.sections) > 6 else ''}")
    return 0


def _summary(record) -> dict:
    from dataclasses import asdict

    return asdict(record)


def cmd_show(args) -> int:
    from ..drafts import load_draft
    from ..redline.engine import diff_drafts
    from ..redline.terminal import render_text
    from .proposals import changed_words, find, overlaps, redline_base

    root = _root(args)
    p = find(root, args.name)
    shared = [o for o in overlaps(root) if args.name in (o.first, o.second)]
    if args.format == "json":
        data = {"name": p.name, "branch": p.branch, "tip": p.tip} | _summary(p.record)
        data["overlaps"] = [o.__dict__ for o in shared]
        print(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return 0
    r = p.record
    print(f"proposal {show(p.name)} ({r.status}{' at ' + r.meeting if r.meeting else ''}), by {show(r.proposer)} "
          f"on {r.date}, from {r.source}\n  branch {p.branch} at {p.tip[:10]}, made on {r.base[:10]}")
    if r.rationale:
        print(f"  why: {show(r.rationale)}")
    for c in r.comments:
        print(f"  comment in {show(c['section'])} by {show(c['author'])}: {show(c['text'])}")
    for u in r.unplaced:
        print(f"  unplaced: {show(u['reason'])}: {show(str(u.get('text') or '')[:80])}")
    for c in r.conflicts:
        print(f"\n  CONFLICT in {show(c['section'])}: both changed it since {r.base[:10]}, the common base\n"
              f"    current text:  {show(changed_words(c['base'], c['current']))}\n"
              f"    this proposal: {show(changed_words(c['base'], c['proposed']))}")
    for o in shared:
        other = o.second if o.first == args.name else o.first
        mine, theirs = (o.texts[0], o.texts[1]) if o.first == args.name else (o.texts[1], o.texts[0])
        print(f"\n  also changed by proposal {show(other)}: {show(o.section)}, against their common base\n"
              f"    this proposal: {show(changed_words(o.base, mine))}\n"
              f"    {show(other)}: {show(changed_words(o.base, theirs))}")
    memo: dict = {}
    base = redline_base(root, p)
    diff = diff_drafts(load_draft(root, base, memo), load_draft(root, p.tip, memo), base[:10], p.branch)
    print()
    sys.stdout.write(render_text(diff, color=sys.stdout.isatty()))
    return 0


def cmd_decide(args) -> int:
    if getattr(args, "suggestions", None):
        return _settle_suggestions(args)
    if not args.name:
        raise UsageError(f"name the proposal to {args.what}: sop amendments list shows them "
                         "(or use --suggestions CHAPTER for CriticMarkup)")
    from .proposals import decide

    decision = decide(_root(args), args.name, args.status, args.meeting, args.note, getattr(args, "into", None))
    p = decision.proposal
    print(f"proposal {show(p.name)}: {p.record.status}" + (f" at {show(args.meeting)}" if args.meeting else ""))
    if decision.merged:
        print(f"merged into {getattr(args, 'into', None) or 'the branch checked out'} as {decision.merged[:10]}; "
              f"its commits keep {show(p.record.proposer)} as the author")
    for again in decision.rechecked:
        state = "still applies cleanly" if again.applies else (
            f"NO LONGER APPLIES (conflicts in {', '.join(again.conflicts)}): its drafter must rebase it")
        print(f"  proposal {show(again.name)} shares {', '.join(again.sections)}: {state}")
        for finding in again.findings:
            print(f"    merged with the new text, sop check finds: {show(finding)}")
    return 0


def _settle_suggestions(args) -> int:
    from .suggested import settle

    return settle(_root(args), args.suggestions, args.lang, args.status == "accepted", args.line, args.write)


def cmd_agenda(args) -> int:
    from ..writing import write_output
    from .agenda import build_agenda, render

    if args.format in ("docx", "pdf") and not args.output:
        raise UsageError(f"a {args.format} agenda is a file: add -o FILE, e.g. -o agenda.{args.format}")
    root = _root(args)
    agenda = build_agenda(root, progress=lambda line: print(show(line), file=sys.stderr))
    data = render(agenda, args.format)
    if args.output:
        write_output(args.output, data, corpus_roots=[root])
        print(f"wrote {show(args.output)}: {len(agenda.items)} open proposal(s) in {len(agenda.chapters)} "
              f"chapter(s), {len(agenda.overlaps)} overlap(s)", file=sys.stderr)
    else:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
    return 0

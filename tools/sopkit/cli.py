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

    if args.watch:
        if args.rev is not None or args.fix or args.format != "text":
            raise UsageError("--watch checks the working tree as you edit it: use it without --rev, --fix and --format")
        return watch(_root(args), args.strict)
    if args.fix and args.rev is not None:
        raise UsageError("--fix rewrites the working tree; it cannot be combined with --rev")
    if args.dry_run and not args.fix:
        raise UsageError("--dry-run goes with --fix")
    if args.no_cache:
        os.environ["SOP_CACHE_DIR"] = "off"  # read by the loader (parsecache.py), here and in any `sop` it starts
    root = _root(args)
    result = check(root, args.rev, _progress(sys.stderr))
    if args.fix:
        import signal

        from .fix import fix_links
        from .visible import WHITE_SPACE, show

        fixed = fix_links(result.corpus, root, write=not args.dry_run)  # all files or none (UsageError)
        sys.stderr.write(show(fixed.diff, keep=WHITE_SPACE))
        for skipped in fixed.not_linked:
            print(skipped.message(), file=sys.stderr)
        verb = "would link" if args.dry_run else "linked"
        print(f"--fix {verb} {fixed.count} plain-text citation(s)" + ("" if args.dry_run or not fixed.count else
              "; checking again"), file=sys.stderr)
        for path, n in fixed.linked.items():
            print(f"  {'would write' if args.dry_run else 'wrote'} {show(path)}: {n} link(s)", file=sys.stderr)
        for why in fixed.refusals:
            print(f"  --fix would write nothing: {why}", file=sys.stderr)
        for number in fixed.signals:  # an interruption held back while the files were renamed acts now
            signal.raise_signal(number)
        if fixed.count and not args.dry_run:
            result = check(root)
    report = result.report
    if args.format == "json":
        sys.stdout.write(report.json())
    elif args.format == "sarif":
        sys.stdout.write(report.sarif(__version__))
    elif args.format == "github":
        sys.stdout.write(report.github())
        print(report.summary_line(), file=sys.stderr)
    else:
        sys.stdout.write(report.text(color=_color(sys.stdout)))
        print(report.summary_line(), file=sys.stderr)
        if report.diagnostics:
            print("Explain a code with: sop codes CODE", file=sys.stderr)
    return report.exit_code(strict=args.strict)


def _load(args):
    from .load import load_corpus

    corpus, _ = load_corpus(_root(args), getattr(args, "rev", None))
    return corpus


def watch(root: Path, strict: bool, poll: float = 0.3) -> int:
    """Check, then check again whenever a file of the corpus changes, until Ctrl-C."""
    import time

    from .check import Session

    session = Session(root)
    seen = None
    try:
        while True:
            now = _snapshot(root)
            if now != seen:
                seen = now
                started = time.perf_counter()
                report = session.check().report
                elapsed = time.perf_counter() - started
                if sys.stdout.isatty():
                    sys.stdout.write("\033[2J\033[H")  # a fresh screen for each check
                sys.stdout.write(report.text(color=_color(sys.stdout)))
                verdict = "fails" if report.exit_code(strict) else "passes"
                print(f"{report.summary_line()}: {verdict}, checked in {elapsed:.2f} s. "
                      "Watching sop/ and laws/ for changes (Ctrl-C to stop).", flush=True)
            time.sleep(poll)
    except KeyboardInterrupt:
        return 0


def _snapshot(root: Path) -> dict:
    """Modification time and size of every file of the corpus: what --watch compares."""
    from .source import corpus_files_on_disk

    return {str(path): (st.st_mtime_ns, st.st_size) for path, st in corpus_files_on_disk(root)}


def cmd_cite(args) -> int:
    import json
    import textwrap

    from .lookup import cite, guess_language, provision_label
    from .passage import read_passage
    from .visible import WHITE_SPACE, json_safe, show

    text = read_passage(args.text, sys.stdin)  # the words, or standard input: bounded, and refused if not UTF-8
    corpus = _load(args)
    resolved = cite(corpus, text)
    if args.format == "json":
        rows = [{"text": r.citation.text, "start": r.citation.start, "end": r.citation.end, "law": r.law,
                 "provision": r.provision, "provisions": list(r.provisions), "status": r.status,
                 "hint": r.hint} for r in resolved]
        print(json_safe(json.dumps({"citations": rows}, ensure_ascii=False, indent=2)))
    else:
        if not resolved:
            print("no citation found", file=sys.stderr)
        for n, r in enumerate(resolved, 1):
            c = r.citation
            # the text, the law ids and the hints come from the user's text and the corpus: shown, never raw
            print(f"{n}. \"{show(c.text)}\" (characters {c.start}-{c.end})")
            where = f"{r.law}" + (f" #{', '.join(r.provisions[:8])}" if r.provisions else " (whole law)")
            print(show(f"   {where if r.law else '?'}: {r.status}" + (f" ({r.hint})" if r.hint else "")))
            law = corpus.laws.get(r.law) if r.law and r.status != "unknown-law" else None
            if law is None:
                continue
            lang = args.lang or guess_language(c.text)
            for pid in (r.provisions or (None,))[:8]:
                if pid and pid not in law.provision_ids():
                    continue
                print(f"   {show(provision_label(law, pid, lang))}")
                body = law.text(lang).provision(pid).text if pid else ""
                for line in textwrap.wrap(" ".join(show(body, keep=WHITE_SPACE).split()), 96)[:12]:
                    print(f"      {line}")
            status = law.meta.text_status.get(lang) if law.meta else None
            if status == "summary":
                print("   (working summary, not the official text)")
    return 0 if all(r.status == "ok" for r in resolved) else 1


def cmd_refs(args) -> int:
    import json

    from .citations.targets import law_target
    from .lookup import changed_provisions, parse_key, provision_label, references, Key
    from .visible import json_safe, show

    corpus = _load(args)
    key = parse_key(corpus, args.key) if args.key else None
    if not key and args.since is None:
        raise UsageError("name a provision (e.g. law:iq/law-28-2012#6) or give --since REV")
    changes = []
    if args.since is not None:  # an empty --since is a revision to refuse, not a missing option
        from .load import load_corpus

        old, _ = load_corpus(_root(args), args.since)
        changes = changed_provisions(old, corpus, key)
        keys = [Key(ch.law, ch.provision) for ch in changes]
    else:
        keys = [key]
    refs = references(corpus, keys) if keys else []
    if args.format == "json":
        print(json_safe(json.dumps({
            "key": str(key) if key else None,
            "since": args.since,
            "changed": [{"law": c.law, "provision": c.provision, "kind": c.kind, "languages": list(c.languages)}
                        for c in changes],
            "references": [_ref_json(r) for r in refs],
        }, ensure_ascii=False, indent=2)))
        return 0
    if args.since:
        print(show(f"Provisions changed since {args.since}" + (f" within {key}" if key else "") + f": {len(changes)}"))
        for c in changes:
            langs = f" ({', '.join(c.languages)})" if c.languages else ""
            print(show(f"  {law_target(c.law, c.provision)}  {c.kind}{langs}"))
        print(f"\nSections to review: {len({(r.citation.chapter.path, r.citation.section) for r in refs})}")
    else:
        law = corpus.laws[key.law]
        lang = corpus.settings.source_language
        title = law.meta.title.get(lang) or next(iter(law.meta.title.values())) if law.meta else law.id
        print(show(f"{key}  {title}" + (f" › {provision_label(law, key.provision, lang)}" if key.provision else "")))
    for r in refs:
        cc = r.citation
        sec = cc.chapter.section(cc.section) if cc.section else None
        where = f"{sec.number_text} {sec.label}" if sec else "(introduction)"
        cited = f"cites {', '.join(r.provisions)}" if r.provisions else "cites the whole law"
        print(show(f"  {cc.chapter.path}:{cc.line}:{cc.column}  [{cc.chapter.lang}] {where}  {cited}"))
    sections = {(r.citation.chapter.path, r.citation.section) for r in refs}
    langs = {r.citation.chapter.lang for r in refs}
    print(f"{len(refs)} citation(s) in {len(sections)} section(s), {len(langs)} language(s)", file=sys.stderr)
    return 0


def _ref_json(r) -> dict:
    cc = r.citation
    sec = cc.chapter.section(cc.section) if cc.section else None
    return {"path": cc.chapter.path, "line": cc.line, "column": cc.column, "lang": cc.chapter.lang,
            "chapter": cc.chapter.id, "section": cc.section, "number": sec.number_text if sec else None,
            "title": sec.label if sec else None, "law": cc.resolution.law, "provisions": list(r.provisions)}


def cmd_blame(args) -> int:
    import json

    from .history import blame_chapter, chapter_path
    from .visible import json_safe, show

    root = _root(args)
    path = chapter_path(root, args.chapter, args.lang, args.rev)
    blamed = blame_chapter(root, path, args.section, args.rev)
    if args.format == "json":
        print(json_safe(json.dumps({"path": path, "rev": args.rev, "paragraphs": [b.as_dict() for b in blamed]},
                                   ensure_ascii=False, indent=2)))
        return 0
    # the path, the revision, section ids, draft names, authors (from git) and the text are shown, never raw
    print(show(f"{path} at {args.rev}: {len(blamed)} paragraph(s), each with the draft and commit that last "
               "changed it"))
    section = object()
    width = max((len(show(b.author)) for b in blamed), default=0)
    for b in blamed:
        if b.paragraph.section != section:
            section = b.paragraph.section
            print(f"\n  {show(section or '(introduction)')}")
        lines = f"{b.paragraph.line}" + (f"-{b.paragraph.end_line}" if b.paragraph.end_line > b.paragraph.line else "")
        print(f"    {lines:>9}  {show(b.draft or '(no draft)'):<10} {b.commit[:8]}  {b.date[:10]}  "
              f"{show(b.author):<{width}}  {show(b.excerpt)}")
    return 0


def cmd_diff(args) -> int:
    import json

    from .drafts import chapters_selected, read_draft
    from .redline.engine import diff_drafts
    from .redline.markdown import render_markdown
    from .redline.terminal import render_text
    from .report import Report
    from .visible import WHITE_SPACE, json_safe, show

    if args.format == "docx" and not args.output:
        raise UsageError("a Word redline is a file: add -o FILE, e.g. -o redline.docx")
    root = _root(args)
    # neither corpus may be overwritten: the repository's, nor a draft given as a folder
    corpora = [root] + [Path(d) for d in (args.old, args.new) if Path(d).is_dir()]
    if args.output:  # refuse a target the user cannot mean before the (perhaps long) work, and again on writing
        from .writing import check_output_target

        check_output_target(args.output, corpora)
    memo: dict = {}  # the two drafts share most files: each is parsed once
    (old, old_unread), (new, new_unread) = read_draft(root, args.old, memo), read_draft(root, args.new, memo)
    if old_unread or new_unread:  # a file it could not read would show as deleted or added: refuse, write nothing
        for name, unread in ((args.old, old_unread), (args.new, new_unread)):
            if unread:
                print(f"sop: draft {show(name)} was not read completely, so it cannot be compared; "
                      f"{len(unread)} finding(s):", file=sys.stderr)
                sys.stderr.write(Report(unread).text())
        print("a comparison would show what these files hold as deleted or added: fix them, then compare a draft "
              "that holds the fix", file=sys.stderr)
        return 1
    chapter, lang = chapters_selected(old, new, args.chapter, args.lang)
    diff = diff_drafts(old, new, args.old, args.new, chapter=chapter, lang=lang)
    attribution = _attribution(root, args.old, args.new, diff)
    if attribution is not None:  # each change credited to the commits that made it, in every format
        from .redline.credit import credit

        diff = credit(diff, attribution)
    if args.format == "json":
        # indented for a person at a terminal; compact for files and pipes (Python's C encoder: 6x faster)
        indent = 2 if not args.output and sys.stdout.isatty() else None
        text = json_safe(json.dumps(diff.as_dict(), ensure_ascii=False, indent=indent)) + "\n"
    elif args.format == "md":
        text = render_markdown(diff)
        if not args.output and sys.stdout.isatty():  # kept raw for files and pipes (accept/reject needs it)
            text = show(text, keep=WHITE_SPACE)
    elif args.format == "html":
        from .redline.html import render_html

        from .lookup import link_words

        text = render_html(diff, link_words(new, old))
    elif args.format == "docx":
        from .drafts import draft_revision
        from .lookup import link_words
        from .redline.docx import render_docx

        # the later draft's author and date: already read when the changes were credited
        revision = attribution.fallback if attribution is not None else draft_revision(root, args.new)
        text = render_docx(diff, attribution or revision, link_words(new, old), epoch=revision.epoch)
    else:
        text = render_text(diff, color=not args.output and _color(sys.stdout))
    if args.output:
        from .writing import write_output

        write_output(args.output, text, corpora)
        print(f"wrote {show(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _attribution(root, old: str, new: str, diff):
    """Who made each change (history.change_attribution), when the later draft is a revision and something
    changed; None for a folder, which has no history."""
    if Path(new).is_dir() or not (diff.laws or any(d.changes for d in diff.documents)):
        return None
    from .drafts import draft_revision
    from .history import change_attribution

    return change_attribution(root, new, draft_revision(root, new), since=None if Path(old).is_dir() else old)


def cmd_drafts(args) -> int:
    import json

    from .drafts import list_drafts
    from .visible import json_safe, show

    drafts = list_drafts(_root(args))
    if args.format == "json":
        print(json_safe(json.dumps([d.__dict__ for d in drafts], ensure_ascii=False, indent=2)))
        return 0
    if not drafts:
        print("no drafts: tag a revision, e.g. git tag -a wg-1 -m 'Working group meeting 1'", file=sys.stderr)
    for d in drafts:  # tag names, authors and messages come from git, as anyone wrote them: shown, never raw
        message = "\n".join(" " * 17 + show(line, keep="\t") if line else "" for line in d.message.split("\n"))
        print(f"{show(d.name):<16} {d.date[:16].replace('T', ' ')}  {d.commit[:10]}  {show(d.author)}\n{message}")
    return 0


def cmd_build(args) -> int:
    from .site.build import build_site
    from .visible import show

    # UsageError for a target it must not touch
    built = build_site(_root(args), args.output, lambda line: print(show(line), file=sys.stderr))
    report = built.report
    sys.stderr.write(report.text(color=_color(sys.stderr)))
    if report.errors:
        print(f"{report.summary_line()}\nsop build: the check found errors, so nothing was built; fix them "
              "(sop check lists them) and build again", file=sys.stderr)
        return 1
    if built.site is None:
        for warning in built.warnings:
            print(f"mkdocs: {warning}", file=sys.stderr)
        print(f"sop build: mkdocs reported {len(built.warnings)} problem(s), so nothing was written", file=sys.stderr)
        return 1
    print(f"built {built.pages} pages into {show(str(built.site))}; preview: "
          f"python -m http.server -d {show(str(built.site))} 8000, then open http://localhost:8000/", file=sys.stderr)
    return 0


def cmd_print(args) -> int:
    from .edition.build import print_edition
    from .visible import show

    progress = (lambda line: print(show(line), file=sys.stderr)) if not args.quiet else None
    printed = print_edition(_root(args), args.output, args.lang, [args.format] if args.format else None, args.rev,
                            progress)
    report = printed.report
    sys.stderr.write(report.text(color=_color(sys.stderr)))
    if report.errors:
        print(f"{report.summary_line()}\nsop print: the check found errors, so nothing was printed; fix them "
              "(sop check lists them) and print again", file=sys.stderr)
        return 1
    folder = show(str(printed.folder))
    print(f"printed {', '.join(printed.files)} into {folder}, with their checksums in {folder}/SHA256SUMS "
          f"(check a copy with: sop verify {folder})", file=sys.stderr)
    return 0


def cmd_verify(args) -> int:
    from .edition.manifest import verify

    report = verify(Path(args.folder))
    sys.stdout.write(report.text(color=_color(sys.stdout)))
    if report.errors:
        print(f"{report.summary_line()}\nsop verify: this copy of the edition is not the one published", file=sys.stderr)
        return 1
    print(f"sop verify: every file of {args.folder} matches its SHA256SUMS", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from .lawimport import plan_import, write_import
    from .report import Report
    from .visible import show

    plan = plan_import(_root(args), Path(args.file), args.id, args.lang, args.title, args.official)
    sys.stdout.write(Report(plan.diagnostics).text(color=_color(sys.stdout)))
    print(show(plan.summary(), keep="\n"))
    sys.stdout.write(plan.diff())
    for note in plan.notes:
        print(f"note: {show(note)}")
    if not plan.layout.parts:
        return 1
    if not args.write:
        print("nothing written: add --write to write " + ("the change" if plan.old_text is not None else "it"))
    else:
        for name in write_import(plan):  # atomic; UsageError when it may not
            print(f"wrote {show(name)}")
    return 1 if plan.errors else 0


def cmd_i18n_status(args) -> int:
    from .load import load_corpus
    from .translations.report import status_json, status_text
    from .translations.status import translation_states

    corpus, _ = load_corpus(_root(args), args.rev)
    states = translation_states(corpus)
    if args.format == "json":
        sys.stdout.write(status_json(corpus, states))
    else:
        sys.stdout.write(status_text(corpus, states, color=_color(sys.stdout)))
    return 0


def cmd_i18n_mark(args) -> int:
    from .load import load_corpus
    from .report import Report
    from .translations.mark import mark

    corpus, _ = load_corpus(_root(args))
    done = mark(corpus, args.lang, args.chapter, args.section, write=not args.dry_run)
    sys.stdout.write(Report(done.refused).text(color=_color(sys.stdout)))
    verb = "would mark" if args.dry_run else "marked"
    if done.marked:
        print(f"{verb} as up to date ({args.lang}): {', '.join(done.marked)}")
    if done.already:
        print(f"already up to date: {len(done.already)} section(s)")
    if done.skipped:
        print(f"not translated yet, not marked: {', '.join(done.skipped)}")
    if done.dropped:
        print(f"records of sections the source no longer has, removed: {', '.join(done.dropped)}")
    if not done.marked and not done.refused and not done.dropped:
        print("nothing to record")
    return 1 if done.refused else 0


def cmd_i18n_export(args) -> int:
    from .exchange import default_po_name, export_po
    from .load import load_corpus
    from .translations.mark import check_language, find_chapter
    from .translations.status import translation_states
    from .writing import write_output

    root = _root(args)
    corpus, _ = load_corpus(root)
    check_language(corpus, args.lang)
    source = find_chapter(corpus, args.chapter)
    states = {s.section: s.state for s in translation_states(corpus)
              if s.chapter == source.key and s.lang == args.lang}
    text = export_po(corpus, source, corpus.translation(source, args.lang), args.lang, states)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = args.output or default_po_name(source, args.lang)
    write_output(target, text.encode("utf-8"), corpus_roots=[root])
    counts = {k: sum(v == k for v in states.values()) for k in ("current", "stale", "missing")}
    print(f"wrote {target}: {len(states)} units ({', '.join(f'{n} {k}' for k, n in counts.items())}); "
          f"import it back with: sop i18n import {args.lang} {source.key} {target}", file=sys.stderr)
    return 0


def cmd_i18n_import(args) -> int:
    import difflib

    from .exchange import import_po
    from .load import load_corpus
    from .report import Report
    from .translations.mark import check_language, find_chapter
    from .visible import show
    from .writing import os_failure, write_corpus_file

    root = _root(args)
    corpus, _ = load_corpus(root)
    check_language(corpus, args.lang)
    source = find_chapter(corpus, args.chapter)
    try:
        po_text = Path(args.file).read_bytes().decode("utf-8")
    except OSError as exc:
        raise os_failure(exc, args.file, "cannot read") from None
    except UnicodeDecodeError:
        raise UsageError(f"{args.file} is not UTF-8 text: save the PO file as UTF-8 and import it again") from None
    translation = corpus.translation(source, args.lang)
    new, diagnostics = import_po(corpus, source, translation, args.lang, po_text, po_path=args.file)
    sys.stdout.write(Report(diagnostics).text(color=_color(sys.stdout)))
    path = translation.path if translation else f"sop/{source.key}.{args.lang}.md"
    old = next((f.text for f in corpus.files if f.path == path), None) if translation else None
    if new is None or new == old:
        print(f"{path}: nothing to change")
        return 1 if diagnostics else 0
    diff = difflib.unified_diff((old or "").splitlines(keepends=True), new.splitlines(keepends=True),
                                f"a/{path}", f"b/{path}")
    sys.stdout.write(show("".join(diff), keep="\n"))
    if not args.write:
        print(f"nothing written: add --write to write {path}")
    else:
        target = root / path
        before = target.read_bytes() if target.exists() else None
        write_corpus_file(target, path, before, new.encode("utf-8"), "sop i18n import")
        print(f"wrote {path}; when the translation is up to date, run: sop i18n mark {args.lang} {source.key}")
    return 1 if diagnostics else 0


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
           "loading files (YAML, encoding, layout); `V` codes about the structure and text of what was loaded; "
           "`C` codes about citations; `E` codes about a published edition, found by `sop verify`; `I` codes about a "
           "law text given to `sop import law`.",
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
  sop check --format sarif > sop.sarif  for code-scanning tools
  sop check --strict                 fail on warnings too (for CI)
  sop check --fix --dry-run          show the links --fix would write for plain-text citations
  sop check --fix                    write them (atomically), show the diff, and check again
  sop check --watch                  keep checking while you edit: each save is re-checked at once
  sop check --no-cache               parse every file again (the parse cache lives in ~/.cache/sop, or
                                     $SOP_CACHE_DIR; SOP_CACHE_DIR=off switches it off)

exit status: 0 no errors (and no warnings with --strict), 1 findings, 2 usage or environment error""",
    "cite": """examples:
  sop cite "Article 6(1)(b) of Law No. 28 of 2012"
  sop cite "المادة (3/ثانياً) من القانون رقم 28 لسنة 2012" --lang en
  sop cite --format json < paragraph.txt

exit status: 0 every citation resolved, 1 one did not (unknown law or provision, repealed, ambiguous)""",
    "refs": """examples:
  sop refs law:iq/law-28-2012#6          sections citing Article 6 (or 6.1, 6.1.a ...) of Law 28/2012
  sop refs law:iq/law-23-1971            sections citing any part of the Criminal Procedure Code
  sop refs --since wg-3                  provisions changed since draft wg-3, and the sections to review
  sop refs law:iq/law-28-2012 --since wg-3 --format json""",
    "blame": """examples:
  sop blame ch5                                   every paragraph of chapter 5 (source language)
  sop blame ch5 investigation-opening --lang ar   one section of the Arabic chapter
  sop blame sop/05-investigation.ckb.md --rev wg-3 --format json""",
    "diff": """examples:
  sop diff wg-2 wg-3                       what changed between two drafts, in the terminal
  sop diff wg-2 HEAD --chapter ch5 --lang ar       (or --chapter 5, --chapter 05-investigation)
  sop diff wg-2 wg-3 --format md -o redline.md     CriticMarkup the site renders
  sop diff wg-2 wg-3 --format html -o redline.html a standalone page for reviewers
  sop diff wg-2 wg-3 --format docx -o redline.docx Word tracked changes to accept or reject one by one
  sop diff wg-2 wg-3 --format json""",
    "drafts": """examples:
  sop drafts               the tags to compare, in the order of the history
  sop drafts --format json""",
    "build": """examples:
  sop build                          check, then build the site into site/ (English, ar/, ckb/), with the
                                     print edition (PDF, one per language) in site/print/
  sop build -o public                build into the folder public/ instead
  sop build --root ../other-sop      build another corpus (its mkdocs.yml, or sopkit's own)
  python -m http.server -d site 8000 preview the site at http://localhost:8000/

exit status: 0 built, 1 check errors or mkdocs problems (nothing written), 2 usage error""",
    "print": """examples:
  sop print                          check, then write sop.en.pdf, sop.ar.pdf and sop.ckb.pdf into print/
  sop print --lang ar -o out         the Arabic volume only, into out/
  sop print --format docx            the Word volumes, for ministries that work in Word
  sop print --rev wg-3               the edition of the draft tagged wg-3, dated by its commit
  sop verify print                   check a copy of an edition against its SHA256SUMS

exit status: 0 printed, 1 check errors (nothing written), 2 usage error""",
    "verify": """examples:
  sop verify print                   every file listed in print/SHA256SUMS has its published checksum
  sop verify site/print              the edition published with the site
  (cd print && sha256sum -c SHA256SUMS)   the same check without sopkit

exit status: 0 the copy is the one published, 1 a file differs or is missing, 2 no manifest""",
    "import": """examples:
  sop import law law-11-2016.txt --id iq/law-11-2016 --lang ar --official
                                     show what would be written (or the diff against the text in the corpus)
  sop import law law-11-2016.txt --id iq/law-11-2016 --lang ar --official --write
                                     write laws/iq/law-11-2016/ar.md (and law.yml for a new law), atomically
  sop import law sherloc.docx --id iq/law-28-2012 --lang en --title "Anti-Human Trafficking Law"
  sop import docx ch5-edited.docx --name ch5-interview-rooms    a drafter's Word file as a proposal

exit status: 0 imported (or shown), 1 the source has errors or no article, 2 usage error""",
    "i18n": """examples:
  sop i18n status                    per chapter and language: sections current, stale or missing, and what
                                     changed in the source of each stale one
  sop i18n status --format json      {"sections": [{"chapter", "section", "lang", "state"}, ...]}
  sop i18n mark ar 05-investigation interviewing-victims
                                     record that the Arabic of that section follows its source as it is now
  sop i18n mark ckb 5                every section of chapter 5's Kurdish translation (_opening is the title and
                                     the text before the first section)
  sop i18n export ar 5               write 05-investigation.ar.po for a translation tool (Poedit, Weblate,
                                     OmegaT): one unit per section, links and markup as tags <1>…</1>, <2/>
  sop i18n import ar 5 05-investigation.ar.po
                                     show what the PO file changes in sop/05-investigation.ar.md (--write writes)

exit status: status and export 0; mark 0 when recorded, 1 when a section was refused (T004); import 0, or 1 when
a unit was refused (X001-X003); 2 usage error""",
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
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                       help="text (default), json, GitHub workflow annotations, or SARIF 2.1.0")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--fix", action="store_true",
                       help="turn unambiguous plain-text citations (C106) into links; shows the diff on stderr")
    check.add_argument("--dry-run", action="store_true", help="with --fix: show the diff, write nothing")
    check.add_argument("--watch", action="store_true",
                       help="check again each time a file changes, re-reading only what changed (Ctrl-C stops)")
    check.add_argument("--no-cache", action="store_true",
                       help="parse every file again, without the parse cache (as SOP_CACHE_DIR=off does)")
    check.set_defaults(run=cmd_check)

    cite = sub.add_parser("cite", help="find and resolve the citations in a text, and show the provisions",
                          description="Find the citations in the text given (English, Arabic or Kurdish; linked or "
                                      "plain), resolve each to a law and provisions, and print the provisions' text.",
                          epilog=EXAMPLES["cite"], formatter_class=argparse.RawDescriptionHelpFormatter)
    cite.add_argument("text", nargs="*", help="the text (several words are joined by spaces; none or - reads stdin)")
    cite.add_argument("--lang", choices=("en", "ar", "ckb"), help="language of the provision text shown "
                                                                   "(default: the text's own)")
    cite.add_argument("--format", choices=("text", "json"), default="text")
    cite.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/")
    cite.set_defaults(run=cmd_cite)

    refs = sub.add_parser("refs", help="list the SOP sections that cite a provision, or what to review since a draft",
                          description="Every SOP section, in every language, that cites a provision (or a part of "
                                      "it, or the whole law). With --since, the provisions whose text changed since "
                                      "that revision and the sections to review because of it.",
                          epilog=EXAMPLES["refs"], formatter_class=argparse.RawDescriptionHelpFormatter)
    refs.add_argument("key", nargs="?", help="law:<law id>[#<provision>], e.g. law:iq/law-28-2012#6")
    refs.add_argument("--since", metavar="REV", help="compare the laws with git revision REV")
    refs.add_argument("--format", choices=("text", "json"), default="text")
    refs.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/")
    refs.set_defaults(run=cmd_refs)

    diff = sub.add_parser("diff", help="compare two drafts: sections, words, moves and citations",
                          description="Compare two working-group drafts, each a git revision (tag, branch, "
                                      "commit) or a folder: chapters by id and language, sections by id, paragraphs "
                                      "by similarity (moves shown as moves), words inside paragraphs, citations "
                                      "as single changes.",
                          epilog=EXAMPLES["diff"], formatter_class=argparse.RawDescriptionHelpFormatter)
    diff.add_argument("old", help="the earlier draft: a tag such as wg-2, a commit, or a folder")
    diff.add_argument("new", help="the later draft")
    diff.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    diff.add_argument("--chapter", metavar="CHAPTER", help="only this chapter: its id, number or file, e.g. ch5, 5 "
                                                           "or 05-investigation")
    diff.add_argument("--lang", choices=("en", "ar", "ckb"), help="only this language")
    diff.add_argument("--format", choices=("text", "json", "md", "html", "docx"), default="text",
                      help="text (a terminal redline, default), json, Markdown with CriticMarkup, a web page, "
                           "or a Word file with tracked changes (needs -o)")
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    diff.set_defaults(run=cmd_diff)

    blame = sub.add_parser("blame", help="who last changed each paragraph of a chapter, and in which draft",
                           description="For each paragraph (and heading) of a chapter: the commit that last "
                                       "changed it, its author and date, and the first draft (tag) holding it.",
                           epilog=EXAMPLES["blame"], formatter_class=argparse.RawDescriptionHelpFormatter)
    blame.add_argument("chapter", help="a chapter id such as ch5, or a chapter file such as sop/05-investigation.ar.md")
    blame.add_argument("section", nargs="?", help="only this section, by its id")
    blame.add_argument("--lang", choices=("en", "ar", "ckb"), help="with a chapter id: the language (default: source)")
    blame.add_argument("--rev", default="HEAD", help="the revision to read (default: HEAD)")
    blame.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    blame.add_argument("--format", choices=("text", "json"), default="text")
    blame.set_defaults(run=cmd_blame)

    drafts = sub.add_parser("drafts", help="list the drafts (git tags) with date, author and message",
                            description="The working-group drafts: every tag of the repository, oldest first.",
                            epilog=EXAMPLES["drafts"], formatter_class=argparse.RawDescriptionHelpFormatter)
    drafts.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/")
    drafts.add_argument("--format", choices=("text", "json"), default="text")
    drafts.set_defaults(run=cmd_drafts)

    build = sub.add_parser("build", help="check the corpus, then build the trilingual site with mkdocs",
                           description="Run the checks of `sop check`; if they find no error, build the site "
                                       "(English at the root, Arabic under ar/, Kurdish under ckb/) with mkdocs "
                                       "and the project's plugin. Nothing is written when the check or mkdocs "
                                       "reports a problem.",
                           epilog=EXAMPLES["build"], formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    build.add_argument("-o", "--output", metavar="DIR", help="build into DIR (default: site/ beside sop/); a "
                                                              "folder that exists must be empty or a site built "
                                                              "before")
    build.set_defaults(run=cmd_build)

    printing = sub.add_parser("print", help="check the corpus, then write the print edition (PDF or Word)",
                              description="Run the checks of `sop check`; if they find no error, write one volume "
                                          "per language (sop.en.pdf, sop.ar.pdf, sop.ckb.pdf): title page, "
                                          "contents, the chapters with their section numbers, and an annex with "
                                          "the text of every cited provision; and a SHA256SUMS manifest of the "
                                          "files. The same revision gives the same bytes.",
                              epilog=EXAMPLES["print"], formatter_class=argparse.RawDescriptionHelpFormatter)
    printing.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from "
                                                         "here)")
    printing.add_argument("--lang", metavar="LANG", nargs="+", help="the languages to print (default: all of "
                                                                     "sop.yml's), e.g. --lang ar ckb")
    printing.add_argument("--format", choices=("pdf", "docx"), help="pdf (default) or docx")
    printing.add_argument("--rev", metavar="REV", help="print a git revision (tag, branch, commit) instead of the "
                                                        "working tree")
    printing.add_argument("-o", "--output", metavar="DIR", help="write into DIR (default: print/ beside sop/); a "
                                                                 "folder that exists must be empty or an edition "
                                                                 "written before")
    printing.add_argument("-q", "--quiet", action="store_true", help="do not report each volume as it is set")
    printing.set_defaults(run=cmd_print)

    verifying = sub.add_parser("verify", help="check a published edition against its SHA256SUMS manifest",
                               description="Compare every file of an edition's folder with the checksum its "
                                           "SHA256SUMS manifest records: a changed, missing or unlisted file is "
                                           "reported at the manifest's line.",
                               epilog=EXAMPLES["verify"], formatter_class=argparse.RawDescriptionHelpFormatter)
    verifying.add_argument("folder", metavar="DIR", help="the edition's folder (holding SHA256SUMS)")
    verifying.set_defaults(run=cmd_verify)

    importing = sub.add_parser("import", help="import a law text as published, or a drafter's edited Word chapter",
                               description="Import material into the corpus.", epilog=EXAMPLES["import"],
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    import_sub = importing.add_subparsers(dest="what", metavar="WHAT", required=True)
    law = import_sub.add_parser("law", help="import a law as published: its <lang>.md, and law.yml if it is new",
                                description="Read a law as published (UTF-8 text or .docx) in the Iraqi layout "
                                            "(المادة ـ 1 ـ, أولاً :ـ, أ ـ, chapter headings, preamble, signature), "
                                            "make laws/<id>/<lang>.md with provision ids (and law.yml for a new "
                                            "law) in a temporary folder, check it, and show the summary or the "
                                            "diff against the text in the corpus. Nothing is written without "
                                            "--write. Every line of the source is kept; each one not placed as "
                                            "a provision is reported (I003-I005).",
                                epilog=EXAMPLES["import"], formatter_class=argparse.RawDescriptionHelpFormatter)
    law.add_argument("file", metavar="FILE", help="the law's text: .txt (UTF-8) or .docx")
    law.add_argument("--id", required=True, metavar="ID", help="the law's id, e.g. iq/law-11-2016")
    law.add_argument("--lang", required=True, metavar="LANG", help="the language of the text: ar, ckb or en")
    law.add_argument("--title", metavar="TITLE", help="the law's title in LANG (default: the corpus's, else the "
                                                      "text's own)")
    law.add_argument("--official", action="store_true", help="the source is the Official Gazette's text "
                                                             "(text_status: official in a new law.yml)")
    law.add_argument("--write", action="store_true", help="write the files (default: only show them)")
    law.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    law.set_defaults(run=cmd_import)

    from .amendments.cli import add_commands

    add_commands(sub, import_sub)

    i18n = sub.add_parser("i18n", help="translations: which sections are current, stale or missing; mark them",
                          description="Keep the translations in step with their source. Each translated section "
                                      "records which text of its source it translates (translations.lock.yml, "
                                      "written by 'sop i18n mark' only).", epilog=EXAMPLES["i18n"],
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    i18n_sub = i18n.add_subparsers(dest="what", metavar="WHAT", required=True)
    status = i18n_sub.add_parser("status", help="list every section per language: current, stale or missing",
                                 description="Per chapter, section and language: current, stale (the source "
                                             "changed since the translation was marked; with a word diff of what "
                                             "changed) or missing.", epilog=EXAMPLES["i18n"],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    status.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    status.add_argument("--rev", metavar="REV", help="a git revision instead of the working tree")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=cmd_i18n_status)
    marking = i18n_sub.add_parser("mark", help="record that a translation follows its source as it is now",
                                  description="Record that the translation of a chapter (or of one section) into "
                                              "LANG was brought up to date with its source. Refused (T004) for a "
                                              "section whose ids or cited provisions differ from the source's.",
                                  epilog=EXAMPLES["i18n"], formatter_class=argparse.RawDescriptionHelpFormatter)
    marking.add_argument("lang", metavar="LANG", help="the translation's language: ar or ckb")
    marking.add_argument("chapter", metavar="CHAPTER", help="the chapter: 05-investigation, 5, ch5 or investigation")
    marking.add_argument("section", metavar="SECTION", nargs="?",
                         help="one section id (default: every translated section of the chapter)")
    marking.add_argument("--dry-run", action="store_true", help="say what would be recorded, write nothing")
    marking.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    marking.set_defaults(run=cmd_i18n_mark)
    exporting = i18n_sub.add_parser("export", help="write a chapter's units as a PO file for translation tools",
                                    description="Write the source text and the current translation of one chapter "
                                                "as a gettext PO file: one unit per section, stale units fuzzy, "
                                                "links, ids and markup as tags a translator cannot break unseen.",
                                    epilog=EXAMPLES["i18n"], formatter_class=argparse.RawDescriptionHelpFormatter)
    exporting.add_argument("lang", metavar="LANG", help="the language to translate into: ar or ckb")
    exporting.add_argument("chapter", metavar="CHAPTER", help="the chapter: 05-investigation, 5, ch5 or investigation")
    exporting.add_argument("-o", "--output", metavar="FILE",
                           help="the PO file to write (default: <chapter>.<lang>.po here; - for standard output)")
    exporting.add_argument("--root", metavar="DIR", help="the folder holding sop/ and laws/ (default: found from here)")
    exporting.set_defaults(run=cmd_i18n_export)
    importing_po = i18n_sub.add_parser("import", help="bring a translated PO file back into the chapter",
                                       description="Read a PO file made by 'sop i18n export' and translated, check "
                                                   "every unit's tags against the source, and show the change to the "
                                                   "translation file as a diff. Refused units (X001-X003) keep "
                                                   "their text. Nothing is written without --write.",
                                       epilog=EXAMPLES["i18n"], formatter_class=argparse.RawDescriptionHelpFormatter)
    importing_po.add_argument("lang", metavar="LANG", help="the translation's language: ar or ckb")
    importing_po.add_argument("chapter", metavar="CHAPTER", help="the chapter the PO file holds")
    importing_po.add_argument("file", metavar="FILE", help="the translated PO file")
    importing_po.add_argument("--write", action="store_true", help="write the translation file (atomically)")
    importing_po.add_argument("--root", metavar="DIR",
                              help="the folder holding sop/ and laws/ (default: found from here)")
    importing_po.set_defaults(run=cmd_i18n_import)

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
    from .visible import show

    try:
        return args.run(args)
    except UsageError as exc:  # its message may quote what the user typed or a file name: one line, shown
        print(f"sop: error: {show(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader (e.g. `| head`) has had enough
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(show(f"sop: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

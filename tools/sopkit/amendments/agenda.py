"""The meeting's agenda: the open proposals per chapter, each with its record, its redline and what `sop check`
finds in the text it proposes, and the proposals that change the same section side by side against their
common base.

The agenda is one pandoc document, written as HTML (a page to project or mail), Word (each proposal's changes
as real tracked changes, credited to its proposer, so that the secretary can accept them in the minutes' copy)
or PDF (typst, with the Amiri font for Arabic and Kurdish; insertions underlined, deletions struck through), or
as Markdown. The redline of a proposal is the diff engine's (redline/engine.py) between the revision it was
made on and its branch: sections by id, paragraphs by similarity, words inside them; each changed paragraph is
shown whole with its changes marked.

Example:
    >>> agenda = build_agenda(".")
    >>> Path("agenda.docx").write_bytes(render(agenda, "docx"))
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import pandoc as P
from ..drafts import load_draft
from ..lookup import link_words
from ..model import RTL_LANGUAGES
from ..redline.engine import DraftDiff, diff_drafts
from .proposals import Overlap, Proposal, new_findings, open_proposals, overlaps, redline_base

CSS = """body{font-family:"Noto Naskh Arabic","Amiri",system-ui,sans-serif;max-width:62rem;margin:2rem auto;
padding:0 1rem;line-height:1.6;color:#1b1b1b}
.insertion{background:#e6f4ea;text-decoration:underline;text-decoration-color:#1a7f37}
.deletion{background:#fdecea;text-decoration:line-through;text-decoration-color:#b3261e}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
[dir=rtl]{text-align:right}h2{border-bottom:2px solid #444}h3{margin-top:2rem}
.finding{font-family:monospace;font-size:.9em}"""


@dataclass
class Item:
    """One proposal on the agenda."""

    proposal: Proposal
    diff: DraftDiff
    labels: object  # lookup.link_words of the proposed text: the words of a link written without any
    findings: list[str]  # what `sop check` finds in the proposed text and not in the text it started from
    chapters: list[str]


@dataclass
class Agenda:
    date: str
    items: list[Item] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # chapter id -> "5. TIP and SOM Investigation"

    @property
    def chapters(self) -> list[str]:
        seen: list[str] = []
        for item in self.items:
            for c in item.chapters or ["(no chapter)"]:
                if c not in seen:
                    seen.append(c)
        return seen


def build_agenda(root: str | Path, progress=None) -> Agenda:
    """Every open proposal with its redline and check results, and the overlaps between them."""
    agenda = Agenda(_dt.date.today().isoformat())
    memo: dict = {}
    found = open_proposals(root)
    checked: dict = {}  # each revision checked once: proposals made on one base share its findings
    for n, p in enumerate(found, 1):
        if progress:
            progress(f"[{n}/{len(found)}] {p.name}: redline and check")
        base = redline_base(root, p)
        proposed = load_draft(root, p.tip, memo)
        diff = diff_drafts(load_draft(root, base, memo), proposed, base[:10], p.branch)
        changed = {d.path for d in diff.documents}
        findings = list(new_findings(root, base, p.tip, changed or None, checked))
        agenda.items.append(Item(p, diff, link_words(proposed), findings, list(p.record.chapters)))
    agenda.overlaps = overlaps(root, found)
    if found:
        current = load_draft(root, "HEAD", memo)
        agenda.titles = {c.id: f"{c.number}. {c.title}" for c in current.chapters if c.is_source and c.id}
    return agenda


# -- the document ------------------------------------------------------------------------------------------------

def agenda_document(agenda: Agenda) -> dict:
    like = P.read_markdown("x")
    blocks = [P.para(f"Open amendment proposals: {len(agenda.items)}, in {len(agenda.chapters)} chapter(s); "
                     f"{len(agenda.overlaps)} section(s) changed by more than one proposal. Prepared {agenda.date}. "
                     "Laws and SOP text in this repository are working summaries unless marked official.")]
    if not agenda.items:
        blocks.append(P.para("There is no open proposal."))
    shown: dict[str, str] = {}  # a proposal touching several chapters is shown whole under the first
    for chapter in agenda.chapters:
        title = agenda.titles.get(chapter, chapter)
        blocks.append(P.header(1, f"Chapter {title}"))
        for item in agenda.items:
            if chapter not in (item.chapters or ["(no chapter)"]):
                continue
            name = item.proposal.name
            if name in shown:
                blocks.append(P.para(f"Proposal {name} changes this chapter too; it is shown under chapter "
                                     f"{shown[name]}."))
                continue
            shown[name] = title
            blocks += _item_blocks(item)
    if agenda.overlaps:
        blocks.append(P.header(1, "Proposals that change the same section"))
        for o in agenda.overlaps:
            blocks += _overlap_blocks(o)
    return P.document(like, blocks, "Working group meeting: agenda of amendment proposals")


def _item_blocks(item: Item) -> list:
    r = item.proposal.record
    out = [P.header(2, f"{item.proposal.name}: {r.rationale or 'no rationale given'}")]
    facts = [("Proposed by", f"{r.proposer}, {r.date} ({r.source})"), ("Status", r.status + (f" at {r.meeting}"
             if r.meeting else "")), ("Sections", ", ".join(r.sections) or "none"),
             ("Branch", f"{item.proposal.branch}, made on {r.base[:10]}, compared with {item.diff.old}")]
    out.append({"t": "BulletList", "c": [[P.para(f"{k}: {v}")] for k, v in facts]})
    if r.conflicts:
        out.append(P.para({"t": "Strong", "c": [P.text("Conflict: ")]},
                          f"{len(r.conflicts)} section(s) changed since the proposal was made; it does not apply "
                          "as it stands: " + ", ".join(c["section"] for c in r.conflicts)))
    out.append(P.header(3, "Changes"))
    out += _redline_blocks(item)
    out.append(P.header(3, "Citation check"))
    if item.findings:
        out.append({"t": "BulletList", "c": [[P.para(f)] for f in item.findings]})
    else:
        out.append(P.para("sop check finds nothing new in the proposed text."))
    if r.comments:
        out.append(P.header(3, "Comments in the Word file"))
        out.append({"t": "BulletList", "c": [[P.para(f"{c['author']} ({c['section']}): {c['text']}")]
                                             for c in r.comments]})
    if r.unplaced:
        out.append(P.header(3, "Not placed (kept in the proposal)"))
        out.append({"t": "BulletList", "c": [[P.para(f"{u['reason']}: {u.get('text') or ''}")] for u in r.unplaced]})
    return out


def _redline_blocks(item: Item) -> list:
    author, date = item.proposal.record.proposer, f"{item.proposal.record.date}T00:00:00Z"
    out = []
    for doc in item.diff.documents:
        if not doc.changes:
            continue
        inner = [P.para({"t": "Strong", "c": [P.text(f"{doc.path} ({doc.lang})")]})]
        for slot in doc.slots:
            if not slot.changed:
                continue
            inlines = []

            def read(text: str) -> dict:
                return P.text(_readable(text, doc.lang, item.labels))

            for op in slot.flat():
                if op.op == "equal":
                    inlines.append(read(op.old))
                    continue
                if op.old:
                    inlines.append(P.span([read(op.old)], ["deletion"], [["author", author], ["date", date]]))
                if op.new:
                    inlines.append(P.span([read(op.new)], ["insertion"], [["author", author], ["date", date]]))
            where = f"§ {slot.section}: " if slot.section else ""
            inner.append({"t": "Para", "c": [P.text(where)] + inlines})
        rtl = doc.lang in RTL_LANGUAGES
        out.append(P.div(inner, [["lang", doc.lang]] + ([["dir", "rtl"]] if rtl else [])))
    return out or [P.para("No change to the text (the proposal holds comments only).")]


_LINK = re.compile(r"\[([^\[\]]*)\]\(((?:law|sop):[^()\s]*)\)")


def _readable(text: str, lang: str, labels) -> str:
    """Markdown links as a reader sees them: their words (a citation is one word of the redline, so a link is
    whole in one piece of it), the section's or provision's label for a link written without words."""
    return _LINK.sub(lambda m: m.group(1) or labels(m.group(2), lang), text)


def _overlap_blocks(o: Overlap) -> list:
    """The section's paragraphs that either proposal changes: as they are at the common base, and each
    proposal's changes marked in them."""
    base, first, second = (_paragraphs(t) for t in (o.base, *o.texts))
    changed = [p for p in base if p not in first or p not in second]
    header = [[["", [], []], {"t": "AlignDefault"}, 1, 1, [P.para(h)]] for h in
              ("Common base", o.first, o.second)]
    rows = []
    for paragraph in changed or base[:1]:
        cells = [[P.para(paragraph)], [P.para(*_marked(paragraph, _closest(paragraph, first)))],
                 [P.para(*_marked(paragraph, _closest(paragraph, second)))]]
        rows.append([["", [], []], [[["", [], []], {"t": "AlignDefault"}, 1, 1, c] for c in cells]])
    table = {"t": "Table", "c": [["", [], []], [None, []],
                                 [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(3)],
                                 [["", [], []], [[["", [], []], header]]],
                                 [[["", [], []], 0, [], rows]], [["", [], []], []]]}
    return [P.header(2, o.section), P.para(f"{o.first} and {o.second} both change this section; each "
                                           "paragraph either changes, at their common base and in each:"), table]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n") if p.strip()]


def _closest(paragraph: str, candidates: list[str]) -> str:
    """The paragraph of a proposal that stands for `paragraph` of the base (the most alike; none: deleted)."""
    from rapidfuzz import fuzz, process

    if paragraph in candidates:
        return paragraph
    found = process.extractOne(paragraph, candidates, scorer=fuzz.ratio, score_cutoff=50)
    return found[0] if found else ""


def _marked(old: str, new: str) -> list:
    """`new` as changes to `old`: deletions and insertions as spans, unchanged text as it is."""
    from ..redline.words import tokenize, word_ops

    out = []
    for op in word_ops(tokenize(old), tokenize(new)):
        if op.op == "equal":
            out.append(P.text(op.old))
            continue
        if op.old:
            out.append(P.span([P.text(op.old)], ["deletion"]))
        if op.new:
            out.append(P.span([P.text(op.new)], ["insertion"]))
    return out or [P.text("(deleted)")]


# -- formats ---------------------------------------------------------------------------------------------------

def render(agenda: Agenda, fmt: str) -> str | bytes:
    doc = agenda_document(agenda)
    doc = json.loads(json.dumps(doc))
    if fmt == "md":
        return P.convert(doc, "markdown", ["--wrap=none"]).decode("utf-8")
    if fmt == "html":
        doc["meta"]["header-includes"] = {"t": "MetaBlocks", "c": [{"t": "RawBlock", "c": ["html",
                                                                                        f"<style>{CSS}</style>"]}]}
        doc["meta"]["lang"] = {"t": "MetaString", "c": "en"}
        return P.convert(doc, "html5", ["-s"]).decode("utf-8")
    if fmt == "docx":
        from ..edition.docx import default_reference

        return P.convert(doc, "docx", [f"--reference-doc={default_reference()}"], epoch=0)
    if fmt == "pdf":
        return _pdf(doc)
    raise ValueError(fmt)


def _pdf(doc: dict) -> bytes:
    import typst

    from ..diagnostics import UsageError
    from ..edition.typst import font_paths

    doc["blocks"] = _lowered(doc["blocks"])
    source = P.run(["-f", "json", "-t", "typst", "-s", "-V", "papersize=a4", "-V", "mainfont=Amiri", "--wrap=none",
                    "-o", "-"], json.dumps(doc).encode("utf-8"), "write the agenda as typst")
    try:
        return typst.Compiler(source, font_paths=font_paths(), ignore_system_fonts=True).compile(format="pdf")
    except typst.TypstError as exc:
        raise UsageError(f"typst could not set the agenda: {exc}") from None


def _lowered(node):
    """Insertions underlined and deletions struck through: typst has no tracked changes."""
    if isinstance(node, list):
        return [_lowered(n) for n in node]
    if isinstance(node, dict):
        if node.get("t") == "Span":
            (_, classes, _), content = node["c"]
            if "insertion" in classes:
                return {"t": "Underline", "c": _lowered(content)}
            if "deletion" in classes:
                return {"t": "Strikeout", "c": _lowered(content)}
        return {k: _lowered(v) for k, v in node.items()}
    return node

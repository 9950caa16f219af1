"""A redline as a Word document with real tracked changes, which a reviewer accepts or rejects change by change.

pandoc (shipped by pypandoc-binary) reads the Markdown and writes the document; it already turns
`[words]{.insertion}` and `[words]{.deletion}` spans into Word insertions and deletions. What pandoc cannot
say, this module adds to `word/document.xml` afterwards (with lxml): paragraphs inserted or deleted whole
(their paragraph marks and table rows are marked too, so that rejecting leaves no empty paragraph behind), and
moves as Word moves (`w:moveFrom` where the paragraph was, `w:moveTo` where it is, with the edits made inside
the moved paragraph shown there).

Every edited paragraph is checked before it is used: accepting the marks of its marked version must give
pandoc's reading of the new paragraph, and rejecting them the old one. Where marks cannot sit inside the
Markdown (a change that crosses a list item or a table cell, a link target), the paragraph is shown as the old
one deleted and the new one inserted, which is still exact. A table that moved is shown the same way, since
Word has no moves for table rows.

Nothing of the text is lost on the way. pandoc reads the Markdown with raw HTML and raw TeX off
(`pandoc.MARKDOWN`): `Write the <case number> on the form`, `<script>` or `\newpage` are words of the chapter, and a
Word file cannot carry raw HTML or TeX anyway (pandoc drops it). Control characters, which Word cannot hold
either, and bidirectional and invisible characters, which a reviewer could not see, are written as
`<U+0001>` (visible.py); the direction marks (LRM, RLM, ALM) stay, since Word honours them as Arabic and
Kurdish text needs. Character references are read for what they mean in Markdown, as the site renders them:
`&amp;` is `&` and `&nbsp;` a no-break space (and `&#x202E;` is shown as `<U+202E>`), so the redline reads
like the published chapter does, not like its source.

Example:
    >>> data = render_docx(diff, Revision("Working group", "2026-11-20T10:00:00Z"))
    >>> Path("redline.docx").write_bytes(data)
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace

from .. import pandoc as P
from ..citations.targets import SectionTarget, parse_target
from ..diagnostics import UsageError
from ..drafts import Revision
from ..model import RTL_LANGUAGES
from ..visible import DIRECTION_MARKS, WHITE_SPACE, show
from .engine import DocumentDiff, DraftDiff, Labels, Slot
from .units import wrap_lines
from .words import side_runs, tokenize, word_ops

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LONE_CR = re.compile("\r(?!\n)")
_KEPT = WHITE_SPACE + DIRECTION_MARKS  # what Word shows as it is; see the module's note
_MARK = "SOPKITMARK"
_WHOLE = _MARK + "-WHOLE:"  # before the author of a whole row's or item's marks, until `_mark_whole` reads it
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*\{#([^}\s]+)\}[ \t]*$")
_INLINE_TYPES = {"Str", "Space", "SoftBreak", "LineBreak", "Emph", "Strong", "Underline", "Strikeout", "Superscript",
                 "Subscript", "SmallCaps", "Quoted", "Cite", "Code", "Math", "RawInline", "Link", "Image", "Note",
                 "Span"}


Attribution = Callable[[DocumentDiff, Slot], Revision]


@dataclass(frozen=True)
class _Unit:
    """Blocks of the document and what Word should record about them."""

    kind: str  # keep (marks, if any, already inside), insert, delete, move_from, move_to
    blocks: list
    revision: Revision | None = None
    move: int | None = None


def render_docx(diff: DraftDiff, attribution: Attribution | Revision, labels: Labels | None = None,
                epoch: int | None = None) -> bytes:
    """The redline as the bytes of a .docx file. `attribution` gives each change's author and date (one
    Revision for all, or a function of the document and slot); `labels` the words for links with no label;
    `epoch` fixes the file's own timestamps (SOURCE_DATE_EPOCH) so that the same diff gives the same bytes.

    Text nested hundreds of levels deep (block quotes or lists inside each other) gives a document tree deeper
    than Python's recursion allows: it is refused with a UsageError, never a traceback, and never cut short.
    """
    try:
        return _render_docx(diff, attribution, labels, epoch)
    except RecursionError:
        raise UsageError("the Word redline cannot hold text nested this deep (block quotes or lists inside each "
                         "other hundreds of levels down): flatten the nesting, or compare with --format html or "
                         "md, which show it") from None


def _render_docx(diff: DraftDiff, attribution: Attribution | Revision, labels: Labels | None,
                 epoch: int | None) -> bytes:
    # a law text's change: credited as the diff says (credit.py), else as the later draft
    law_revision = attribution if isinstance(attribution, Revision) else getattr(attribution, "fallback", None)
    if isinstance(attribution, Revision):
        fixed = attribution
        attribution = lambda doc, slot: fixed  # noqa: E731
    attribution = _shown_author(attribution)
    docs = [d for d in diff.documents if d.changes or d.front_matter]
    markdown, markers = _probe_markdown(docs)
    probe = P.read_markdown(markdown)
    parts = _split_probe(probe, docs, markers)
    blocks = [P.header(1, f"Changes from {diff.old} to {diff.new}"), P.para(diff.summary_text())]
    units: list[_Unit] = []
    moves: dict[tuple[int, int], int] = {}  # (document, its move number) -> the move's number in the file
    for k, doc in enumerate(docs):
        first = attribution(doc, doc.slots[0]) if doc.slots else None
        inner = [P.header(1, f"{doc.path} ({doc.lang})")]
        for name, (before, after) in doc.front_matter.items():
            inner.append(P.para(f"{name}: ", _span("deletion", [P.text(str(before))], first),
                               _span("insertion", [P.text(str(after))], first)))
        sections = {m.group(2) for s in doc.slots if s.heading for m in [_HEADING.match(s.new.strip())] if m}
        for unit in _units(doc, parts[k], attribution):
            if unit.move is not None:  # moves are numbered per chapter; Word's move names must differ in the file
                unit = replace(unit, move=moves.setdefault((k, unit.move), len(moves) + 1))
            _relabel(unit.blocks, doc.lang, k, sections, labels, keep_ids=unit.kind not in ("delete", "move_from"))
            inner.append(P.para(f"{_MARK}-{len(units)}"))
            units.append(unit)
            inner += unit.blocks
        inner.append(P.para(f"{_MARK}-end"))
        attrs = [["lang", doc.lang]] + ([["dir", "rtl"]] if doc.lang in RTL_LANGUAGES else [])
        blocks.append(P.div(inner, attrs))
    blocks += _law_blocks(diff, law_revision)
    ast = P.document(probe, _shown(blocks), show(f"Redline {diff.old} → {diff.new}", _KEPT))
    return _track(P.convert(ast, "docx", epoch=epoch), units)


# -- reading every version of every changed paragraph with one pandoc call -----------------------------------------

def _probe_markdown(docs: list[DocumentDiff]) -> tuple[str, int]:
    """Each slot's marked, old and new Markdown, each after a marker paragraph naming it; and the number of
    markers."""
    out = []
    for k, doc in enumerate(docs):
        for n, slot in enumerate(doc.slots):
            if slot.kind in ("same", "moved_to") and slot.changed:
                out += [f"{_MARK}-{k}-{n}-m", _marked(slot)]
            if slot.kind != "inserted" and slot.old and (slot.changed or slot.kind != "same"):
                out += [f"{_MARK}-{k}-{n}-o", slot.old]
            if slot.kind not in ("deleted", "moved_from") and slot.new:
                out += [f"{_MARK}-{k}-{n}-n", slot.new]
    out.append(f"{_MARK}-end")
    # pandoc deletes every carriage return it reads, so a lone one (a line break to CommonMark, and V012) would
    # join the words on its two sides: it is given to pandoc as the line break it is
    return _LONE_CR.sub("\n", "\n\n".join(out)) + "\n", len(out) // 2 + 1


def _marked(slot: Slot) -> str:
    """The slot's new Markdown with its changes as pandoc spans. White space stays outside the spans (pandoc
    trims it inside), and a heading's changes are marked in its words only (its id is not text)."""
    ops = slot.ops
    if slot.heading:
        old, new = _HEADING.match(slot.old.strip()), _HEADING.match(slot.new.strip())
        if old and new:
            hashes = slot.new.strip().split(" ", 1)[0]
            label = word_ops(tokenize(old.group(1)), tokenize(new.group(1)))
            return f"{hashes} {_spans(label)} {{#{new.group(2)}}}"
    return _spans(ops, slot.block)


def _spans(ops, block: str = "paragraph") -> str:
    """Markdown for operations. Each piece of text belongs to both sides, to the old only or to the new only
    (white space too: a space only one side has belongs to that side's change). pandoc trims white space at the
    edges of a span, so it is written outside, and `lead`/`trail` tell `_settle` to move it back in."""
    out = []
    for side, text in side_runs(list(ops)):
        core = text.strip()
        if side in ("old-row", "new-row"):  # rows or items inserted or deleted whole: marked inside their
            text = _whole_unit(text, "deletion" if side == "old-row" else "insertion", block)  # structure, on
            out.append(text if not out or out[-1].endswith("\n") else "\n" + text)  # lines of their own
            continue
        if side == "both" or not core:  # text of both sides; or only white space, never a change of its own
            out.append(text if side != "old" or core else "")
            continue
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        flags = (" lead=1" if lead else "") + (" trail=1" if trail else "")
        out.append(f"{lead}[{core}]{{.{'deletion' if side == 'old' else 'insertion'}{flags}}}{trail}")
    return "".join(out)


_TASK_BOXES = ("\u2610", "\u2612")  # how pandoc reads a task list's `[ ]` and `[x]`


def _whole_unit(text: str, kind: str, block: str) -> str:
    """A table row or list item inserted or deleted whole, as Markdown with its words marked and its structure
    (markers, pipes, line breaks) outside the marks (units.wrap_lines), flagged `whole` so that the row or the
    paragraph itself is marked in the Word file (`_mark_whole`) and accepting or rejecting drops it whole
    (`_resolve`)."""
    return wrap_lines(text, block, lambda words: f"[{words}]{{.{kind} whole=1}}")


def _marker(block) -> str | None:
    if block.get("t") == "Para" and len(block["c"]) == 1 and block["c"][0].get("t") == "Str":
        text = block["c"][0]["c"]
        if text.startswith(_MARK + "-"):
            return text[len(_MARK) + 1:]
    return None


def _split_probe(probe: dict, docs: list[DocumentDiff], markers: int) -> list[dict]:
    """{slot number: {"m"|"o"|"n": blocks}} per document."""
    parts: list[dict] = [{} for _ in docs]
    current = None
    for block in probe["blocks"]:
        name = _marker(block)
        if name is not None:
            if name == "end":
                current = None
                continue
            k, n, which = name.split("-")
            current = parts[int(k)].setdefault(int(n), {}).setdefault(which, [])
        elif current is not None:
            current.append(block)
        else:
            markers = -1  # text before the first marker: the markers cannot be trusted
    if sum(1 for b in probe["blocks"] if _marker(b) is not None) != markers:
        raise UsageError("the Word redline could not separate the paragraphs of the drafts (an unclosed code "
                         "fence or HTML block?); use --format html or md for this comparison")
    return parts


# -- what each slot becomes ----------------------------------------------------------------------------------------

def _units(doc: DocumentDiff, parts: dict, attribution: Attribution) -> list[_Unit]:
    movable = _movable(doc, parts)
    out: list[_Unit] = []
    for n, slot in enumerate(doc.slots):
        got = parts.get(n, {})
        old, new, marked = got.get("o", []), got.get("n", []), got.get("m")
        rev = attribution(doc, slot)
        if marked is not None:
            marked = _settle(marked)
            marked = _signed(marked, rev) if _exact(marked, old, new) else None
        if slot.kind == "same" and not slot.changed:
            out.append(_Unit("keep", new))
        elif slot.kind == "same":
            out += [_Unit("keep", marked)] if marked is not None else [_Unit("delete", old, rev),
                                                                      _Unit("insert", new, rev)]
        elif slot.kind == "inserted":
            out.append(_Unit("insert", new, rev))
        elif slot.kind == "deleted":
            out.append(_Unit("delete", old, rev))
        elif slot.kind == "moved_from":
            out.append(_Unit("move_from", old, rev, slot.move) if slot.move in movable else _Unit("delete", old, rev))
        else:  # moved_to, with the edits made inside it when they could be marked
            shown = marked if marked is not None else new
            out.append(_Unit("move_to", shown, rev, slot.move) if slot.move in movable else _Unit("insert", new, rev))
    return [u for u in out if u.blocks]


def _movable(doc: DocumentDiff, parts: dict) -> set[int]:
    """Moves whose two ends Word can show as a move: paragraphs, headings and lists, not tables."""
    ends: dict[int, list] = {}
    for n, slot in enumerate(doc.slots):
        if slot.move is not None:
            got = parts.get(n, {})
            ends.setdefault(slot.move, []).append(got.get("o" if slot.kind == "moved_from" else "n", []))
    whole = {slot.move for slot in doc.slots if slot.move is not None and any(o.whole for o in slot.ops)}
    return {m for m, blocks in ends.items()
            if len(blocks) == 2 and m not in whole and all(b and not _has_table(b) for b in blocks)}


def _has_table(node) -> bool:
    if isinstance(node, dict):
        return node.get("t") == "Table" or any(_has_table(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_table(v) for v in node)
    return False


def _exact(marked: list, old: list, new: list) -> bool:
    """Whether accepting the marks gives the new paragraph and rejecting them the old one (a heading's id is
    not text: the marked heading carries the new one)."""
    return (_norm(_resolve(marked, "insertion"), True) == _norm(new, True)
            and _norm(_resolve(marked, "deletion"), True) == _norm(old, True))


def _resolve(node, keep: str):
    """The node with the marks of class `keep` accepted (their words kept) and the others' words dropped."""
    if isinstance(node, list):
        out = []
        for item in node:
            if isinstance(item, dict) and item.get("t") == "Span" and _change(item) is not None:
                if _change(item) == keep:
                    out += _resolve(item["c"][1], keep)
                continue
            item = _resolve(item, keep)
            if not (isinstance(item, dict) and _emptied_list(item)):  # a sub-list whose every item was dropped
                out.append(item)
        return out
    if isinstance(node, dict):
        t = node.get("t")
        if t == "BulletList":
            return {"t": t, "c": [_resolve(item, keep) for item in node["c"] if not _dropped(item, keep)]}
        if t == "OrderedList":
            attrs, items = node["c"]
            return {"t": t, "c": [attrs, [_resolve(item, keep) for item in items if not _dropped(item, keep)]]}
        if t == "Table":
            attr, caption, colspecs, head, bodies, foot = node["c"]
            bodies = [[b_attr, columns, _rows(head_rows, keep), _rows(rows, keep)]
                      for b_attr, columns, head_rows, rows in bodies]
            node = {"t": t, "c": [attr, caption, colspecs, [head[0], _rows(head[1], keep)], bodies, foot]}
        return {k: _resolve(v, keep) for k, v in node.items()}
    return node


def _emptied_list(block: dict) -> bool:
    return (block.get("t") == "BulletList" and not block["c"]) or (block.get("t") == "OrderedList"
                                                                    and not block["c"][1])


def _rows(rows: list, keep: str) -> list:
    return [row for row in rows if not _dropped(row, keep)]


def _dropped(node, keep: str) -> bool:
    """Whether a list item or table row is one inserted or deleted whole (`_whole_unit`) on the side being
    dropped: its words are all in whole marks of the other class, so the item or row goes, not only its words."""
    seen = {"gone": False, "kept": False}

    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            if x.get("t") == "Span" and _change(x) is not None and ["whole", "1"] in x["c"][0][2]:
                seen["gone" if _change(x) != keep else "kept"] = True
            elif x.get("t") == "Str" and x["c"] in _TASK_BOXES:  # a task's box is structure, as its marker
                return
            elif x.get("t") in _INLINE_TYPES and x.get("t") not in ("Space", "SoftBreak", "LineBreak", "Span"):
                seen["kept"] = True
            else:
                walk(x.get("c"))

    walk(node)
    return seen["gone"] and not seen["kept"]


def _change(span) -> str | None:
    classes = span["c"][0][1]
    return "insertion" if "insertion" in classes else "deletion" if "deletion" in classes else None


def _norm(node, no_ids: bool = False):
    """A comparable form: adjacent words merged, soft breaks as spaces, no space at the end of a line; with
    `no_ids`, headings without their ids."""
    if isinstance(node, dict):
        if no_ids and node.get("t") == "Header":
            level, (_, classes, attrs), content = node["c"]
            return {"t": "Header", "c": [level, ["", classes, attrs], _norm(content, no_ids)]}
        if node.get("t") == "Table":  # the columns' widths follow the longest line, which marks lengthen
            attr, caption, colspecs, *rest = node["c"]
            colspecs = [[align, {"t": "ColWidthDefault"}] for align, _ in colspecs]
            return {"t": "Table", "c": _norm([attr, caption, colspecs, *rest], no_ids)}
        return {k: _norm(v, no_ids) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    items = [_norm(x, no_ids) for x in node]
    if not items or not all(isinstance(x, dict) and x.get("t") in _INLINE_TYPES for x in items):
        return items
    out: list = []
    for x in items:
        if x["t"] in ("Space", "SoftBreak"):
            if out and out[-1]["t"] != "Space":
                out.append({"t": "Space"})
        elif x["t"] == "Str" and out and out[-1]["t"] == "Str":
            out[-1] = {"t": "Str", "c": out[-1]["c"] + x["c"]}
        else:
            out.append(x)
    while out and out[-1]["t"] == "Space":
        out.pop()
    return out


def _signed(blocks: list, rev: Revision) -> list:
    """The marked blocks with the author and date on every mark."""
    if isinstance(blocks, list):
        return [_signed(x, rev) for x in blocks]
    if isinstance(blocks, dict):
        if blocks.get("t") == "Span" and _change(blocks) is not None:
            (ident, classes, attrs), content = blocks["c"]
            author = f"{_WHOLE}{rev.author}" if ["whole", "1"] in attrs else rev.author
            return {"t": "Span", "c": [[ident, classes, [["author", author], ["date", rev.date]]],
                                       _signed(content, rev)]}
        return {k: _signed(v, rev) for k, v in blocks.items()}
    return blocks


def _settle(node):
    """Marked blocks with each change's own white space moved back inside it (see `_spans`)."""
    if isinstance(node, dict):
        return {k: _settle(v) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    out = [_settle(x) for x in node]
    k = 0
    while k < len(out):
        x = out[k]
        if isinstance(x, dict) and x.get("t") == "Span" and _change(x):
            attrs = dict(x["c"][0][2])
            if attrs.get("lead") and k and _is_space(out[k - 1]):
                x["c"][1].insert(0, out.pop(k - 1))
                k -= 1
            if attrs.get("trail") and k + 1 < len(out) and _is_space(out[k + 1]):
                x["c"][1].append(out.pop(k + 1))
            x["c"][0][2] = [kv for kv in x["c"][0][2] if kv[0] not in ("lead", "trail")]
        k += 1
    return out


def _is_space(x) -> bool:
    return isinstance(x, dict) and x.get("t") in ("Space", "SoftBreak")


def _relabel(blocks: list, lang: str, k: int, sections: set[str], labels: Labels | None,
             keep_ids: bool) -> None:
    """Links as a reader of the Word file needs them: a reference to one of the document's `sections` points
    inside it (any other is plain words), a citation is its words, and a link with no words gets them from
    `labels`. Heading ids get the document's prefix (the languages share ids); old text keeps none, so that no
    bookmark is doubled."""

    def walk(node):
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, dict) and item.get("t") == "Link":
                    attr, content, (target, title) = item["c"]
                    if not content:
                        content = [P.text(labels(target, lang) if labels else target)]
                    walk(content)
                    named = parse_target(target)
                    if isinstance(named, SectionTarget) and named.section in sections and keep_ids:
                        node[i] = {"t": "Link", "c": [attr, content, [f"#d{k}-{named.section}", title]]}
                    else:
                        node[i] = {"t": "Span", "c": [["", [], []], content]}
                else:
                    walk(item)
        elif isinstance(node, dict):
            if node.get("t") == "Header":
                level, (ident, classes, attrs), content = node["c"]
                node["c"] = [level, [f"d{k}-{ident}" if ident and keep_ids else "", classes, attrs], content]
            for v in node.values():
                walk(v)

    walk(blocks)


def _shown_author(attribution: Attribution) -> Attribution:
    """The attribution with each author's name fit for Word (a git name may hold control characters, which
    XML cannot carry)."""
    def shown(doc: DocumentDiff, slot: Slot) -> Revision:
        rev = attribution(doc, slot)
        return Revision(show(rev.author, _KEPT), rev.date)
    return shown


def _shown(node):
    """Every text of the document (words, code, link targets, attributes) with its unsafe characters shown
    (see the module's note). The marks were checked before this, on pandoc's own reading: showing is the last
    step, applied to the old and new text alike."""
    if isinstance(node, str):
        return show(node, _KEPT)
    if isinstance(node, list):
        return [_shown(x) for x in node]
    if isinstance(node, dict):
        return {k: _shown(v) for k, v in node.items()}
    return node


def _law_blocks(diff: DraftDiff, rev: Revision | None) -> list:
    """The provisions whose text changed between the drafts, each text with its words tracked, and the sections
    that cite it (to re-read). Laws stand after the chapters, outside the tracked paragraphs of the chapters."""
    if not diff.laws:
        return []
    out = [P.header(1, "Laws: provisions changed, and the sections that cite them")]
    for change in diff.laws:
        out.append(P.header(2, f"{change.label} ({change.kind})"))
        out.append(P.para(P.span([P.text(f"law:{change.law}#{change.provision}")], [], [["dir", "ltr"]])))
        for text in change.texts:
            by = text.by[0] if text.by else rev
            inlines = [P.text(f"[{text.lang}] ")]
            for o in text.ops:
                if o.op == "equal":
                    inlines.append(P.text(o.new))
                    continue
                if o.old:
                    inlines.append(_span("deletion", [P.text(o.old)], by))
                if o.new:
                    inlines.append(_span("insertion", [P.text(o.new)], by))
            attrs = [["lang", text.lang]] + ([["dir", "rtl"]] if text.lang in RTL_LANGUAGES else [])
            out.append(P.div([{"t": "Para", "c": inlines}], attrs))
        cited = [f"{c.path}  {c.title}" for c in change.cited_by] or ["no section of the SOP"]
        out.append(P.para("Cited by, to re-read:"))
        out.append({"t": "BulletList", "c": [[P.para(line)] for line in cited]})
    return out


def _span(kind: str, content: list, rev: Revision | None) -> dict:
    """An insertion or deletion span, which pandoc writes as a Word tracked change."""
    return P.span(content, [kind], [["author", rev.author], ["date", rev.date]] if rev else [])


# -- the tracked changes pandoc cannot write ------------------------------------------------------------------------

def _track(docx: bytes, units: list[_Unit]) -> bytes:
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(source.read("word/document.xml"))
    body = root.find(f"{{{W}}}body")
    ids = _Ids(max((int(v) for el in root.iter() for v in [el.get(f"{{{W}}}id")] if v and v.isdigit()),
                   default=0))
    for el in root.iter(*(f"{{{W}}}{t}" for t in ("ins", "del"))):
        el.set(f"{{{W}}}id", ids.next())  # pandoc numbers insertions and deletions separately
    unit = None
    moved: dict[int, list] = {}  # a move's unit -> its paragraphs
    for el in list(body):
        name = _marker_text(el)
        if name is not None:
            body.remove(el)
            unit = None if name == "end" else int(name)
            continue
        if unit is not None and units[unit].kind != "keep" and el.tag in (f"{{{W}}}p", f"{{{W}}}tbl"):
            _mark_element(el, units[unit], ids)
            if units[unit].move is not None:
                moved.setdefault(unit, []).append(el)
    for n, paragraphs in moved.items():
        _move_range(paragraphs, units[n], ids)
    _mark_whole(body, ids)
    settings = etree.fromstring(source.read("word/settings.xml"))
    if settings.find(f"{{{W}}}trackRevisions") is None:  # the reviewer's own edits are tracked too
        settings.insert(_settings_position(settings), etree.Element(f"{{{W}}}trackRevisions"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/settings.xml":
                data = etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue()


class _Ids:
    """Revision ids, unique in the document and above every id pandoc gave (bookmarks among them)."""

    def __init__(self, above: int) -> None:
        self.n = above

    def next(self) -> str:
        self.n += 1
        return str(self.n)


def _marker_text(el) -> str | None:
    if el.tag != f"{{{W}}}p":
        return None
    text = "".join(el.itertext()).strip()
    return text[len(_MARK) + 1:] if text.startswith(_MARK + "-") else None


_WRAPPER = {"insert": "ins", "delete": "del", "move_from": "moveFrom", "move_to": "moveTo"}


def _mark_element(el, unit: _Unit, ids: _Ids) -> None:
    """Mark every run and every paragraph mark of a paragraph or table as the unit's change."""
    tag = _WRAPPER[unit.kind]
    paragraphs = [el] if el.tag == f"{{{W}}}p" else list(el.iter(f"{{{W}}}p"))
    for p in paragraphs:
        _wrap_runs(p, unit, ids)
        _mark_paragraph(p, _revision(tag, unit.revision, ids))
    if el.tag == f"{{{W}}}tbl":
        row_tag = "ins" if unit.kind in ("insert", "move_to") else "del"
        for tr in el.iter(f"{{{W}}}tr"):
            _mark_row(tr, _revision(row_tag, unit.revision, ids))


def _mark_whole(body, ids: _Ids) -> None:
    """Rows and list items inserted or deleted whole (`_whole_unit`): pandoc marked their words; the row itself
    (`w:trPr`) or the item's paragraph mark is marked too, so that rejecting an added row or item leaves no empty
    one behind and accepting a deleted one removes it."""
    done = set()
    for change in list(body.iter(f"{{{W}}}ins", f"{{{W}}}del")):
        author = change.get(f"{{{W}}}author") or ""
        if not author.startswith(_WHOLE):
            continue
        rev = Revision(author[len(_WHOLE):], change.get(f"{{{W}}}date") or "")
        change.set(f"{{{W}}}author", rev.author)
        tag = change.tag.rsplit("}", 1)[1]
        paragraph = next(change.iterancestors(f"{{{W}}}p"), None)
        row = next(change.iterancestors(f"{{{W}}}tr"), None)
        target = row if row is not None else paragraph
        if target is None or target in done:  # the set holds the elements, so lxml keeps each one's proxy
            continue
        done.add(target)
        if row is not None:
            _mark_row(row, _revision(tag, rev, ids))
        else:
            _mark_paragraph(paragraph, _revision(tag, rev, ids))


def _mark_paragraph(p, revision) -> None:
    """Put a revision on a paragraph's mark (`w:pPr/w:rPr`), where Word records a paragraph inserted or deleted."""
    from lxml import etree

    ppr = p.find(f"{{{W}}}pPr")
    if ppr is None:
        ppr = etree.Element(f"{{{W}}}pPr")
        p.insert(0, ppr)
    rpr = ppr.find(f"{{{W}}}rPr")
    if rpr is None:
        rpr = etree.Element(f"{{{W}}}rPr")
        later = [c for c in ppr if c.tag in (f"{{{W}}}sectPr", f"{{{W}}}pPrChange")]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, revision)


def _mark_row(tr, revision) -> None:
    """Put a revision on a table row (`w:trPr`), where Word records a row inserted or deleted."""
    from lxml import etree

    trpr = tr.find(f"{{{W}}}trPr")
    if trpr is None:
        trpr = etree.Element(f"{{{W}}}trPr")
        prex = tr.find(f"{{{W}}}tblPrEx")
        if prex is not None:
            prex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    trpr.append(revision)


def _revision(tag: str, rev: Revision, ids: _Ids):
    from lxml import etree

    return etree.Element(f"{{{W}}}{tag}", {f"{{{W}}}id": ids.next(), f"{{{W}}}author": rev.author,
                                          f"{{{W}}}date": rev.date})


def _wrap_runs(container, unit: _Unit, ids: _Ids) -> None:
    """Put each run of consecutive runs in the unit's change; inside hyperlinks too. In a moved paragraph the
    words deleted by an edit are shown as inserted and deleted, so that both accepting and rejecting drop them
    (rejecting a deletion nested in a move would bring the words back at the new place)."""
    tag = _WRAPPER[unit.kind]
    group: list = []

    def flush():
        if group:
            wrapper = _revision(tag, unit.revision, ids)
            group[0].addprevious(wrapper)
            for r in group:
                wrapper.append(r)
                if tag == "del":
                    for t in r.iter(f"{{{W}}}t"):
                        t.tag = f"{{{W}}}delText"
                    for t in r.iter(f"{{{W}}}instrText"):
                        t.tag = f"{{{W}}}delInstrText"
            group.clear()

    for child in list(container):
        if child.tag == f"{{{W}}}r":
            group.append(child)
            continue
        flush()
        if child.tag in (f"{{{W}}}hyperlink", f"{{{W}}}smartTag", f"{{{W}}}customXml"):
            _wrap_runs(child, unit, ids)
        elif child.tag == f"{{{W}}}del" and unit.kind == "move_to":
            wrapper = _revision("ins", unit.revision, ids)
            child.addprevious(wrapper)
            wrapper.append(child)
    flush()


def _move_range(paragraphs: list, unit: _Unit, ids: _Ids) -> None:
    """The named range around one end of a move: it starts in its first paragraph and ends in its last."""
    from lxml import etree

    tag = _WRAPPER[unit.kind]
    rid = ids.next()
    start = etree.Element(f"{{{W}}}{tag}RangeStart", {f"{{{W}}}id": rid, f"{{{W}}}name": f"move{unit.move}",
                                                      f"{{{W}}}author": unit.revision.author,
                                                      f"{{{W}}}date": unit.revision.date})
    ppr = paragraphs[0].find(f"{{{W}}}pPr")
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraphs[0].insert(0, start)
    paragraphs[-1].append(etree.Element(f"{{{W}}}{tag}RangeEnd", {f"{{{W}}}id": rid}))


def _settings_position(settings) -> int:
    """trackRevisions comes after the elements CT_Settings puts before it."""
    before = {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
              "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
              "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
              "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
              "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
              "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
              "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
              "revisionView"}
    n = 0
    for n, child in enumerate(settings):
        if child.tag.rsplit("}", 1)[-1] not in before:
            return n
    return n + 1 if len(settings) else 0

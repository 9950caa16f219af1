"""A drafter's Word file read back: every edit, tracked or not, every comment, each in its section, and the
chapter's new Markdown.

The file names the chapter and the commit it was exported from (its custom properties, wordout.py), and each
section's heading holds a hidden bookmark `_sop_<n>`. The import puts a marker paragraph before each of those
headings and has pandoc read the file three times: with the tracked changes accepted (the text proposed), with
them rejected (the text the drafter started from, plus whatever they changed with tracking off), and with the
changes kept as spans (who changed what and when, and the comments). The chapter exported from the same commit
is read the same way, so that the three readings compare with what the drafter was given, block by block
(paragraph, list, table):

- a section whose blocks are all as exported keeps its Markdown byte for byte;
- in a changed section, each unchanged block keeps its Markdown and each changed or new block is written by
  pandoc as Markdown (one paragraph per line); a link whose words are still those the export gave an empty
  link (`[](sop:…)`) gets its empty form back;
- an edit made with tracking off is found by comparing the rejected reading with the export, word by word.

Nothing the drafter wrote is dropped. What cannot be placed is reported in `unplaced` and kept in the text: a
new heading (no bookmark) becomes a new section with an id made from its words; a heading whose bookmark was
lost is matched to its section by its words, or else kept as a new section; a deleted heading leaves its text
to the section before it; text before the first heading stays where it is.

Example:
    >>> imported = import_word(".", Path("05-investigation.ar.wg-3.docx").read_bytes())
    >>> [c["section"] for c in imported.changes]
    ['interviewing-victims', 'interviewing-victims']
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import secrets
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import pandoc as P
from ..blocks import split_front_matter
from ..diagnostics import UsageError
from ..load import load_corpus
from ..lookup import link_words
from ..model import OPENING, Chapter, Section
from ..redline.words import tokenize, word_ops
from ..revisions import run_git
from ..visible import show
from .wordout import BOOKMARK, W, chapter_docx, read_properties, with_document

# pipe tables, as the chapters write them; every heading's id written out (pandoc leaves out one it would make)
MARKDOWN_OUT = P.MARKDOWN + "-simple_tables-multiline_tables-grid_tables-auto_identifiers"
_LIST_MARK = re.compile(r"(?m)^([ ]*)([-*+]|\d+[.)])[ ]{2,}(?=\S)")
MAX_UNZIPPED = 200 * 1024 * 1024  # a Word chapter is a few hundred KB; more is not a chapter (or a zip bomb)
_MARKER = re.compile(r"^\ue000SOP([0-9a-f]{12})-(\d+|end)\ue001$")
UNKNOWN_AUTHOR = "(not recorded: edited with Track Changes off)"


@dataclass
class Imported:
    chapter: Chapter  # as it was at the revision the file came from
    base: str  # that commit
    text: str  # the chapter file's new text
    changes: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    authors: Counter = field(default_factory=Counter)  # tracked-change authors, by number of changes
    saved_by: str | None = None  # docProps/core.xml's lastModifiedBy

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.unplaced)


def import_word(root: str | Path, data: bytes) -> Imported:
    """Read the drafter's Word file `data` against the repository at `root` (see the module's note)."""
    _check_size(data)
    props = read_properties(data)
    commit, path = props.get("sop-revision"), props.get("sop-path")
    if not commit or not path:
        raise UsageError("this Word file was not made by `sop export docx` (it has no sop-revision or sop-path "
                         "property), so its sections cannot be known: export the chapter with `sop export docx "
                         "CHAPTER -o FILE`, copy the edits into it (or edit it again), and import that file")
    if not re.fullmatch(r"[0-9a-f]{40}", commit) or run_git(root, "cat-file", "-e", f"{commit}^{{commit}}").returncode:
        raise UsageError(f"the file was exported from revision {show(commit[:12])}, which this repository does not "
                         "hold: fetch it (git fetch --all --tags) or import the file in the repository it came from")
    corpus, _ = load_corpus(root, commit)
    chapter = next((c for c in corpus.chapters if c.path == path), None)
    if chapter is None:
        raise UsageError(f"the file names {show(path)}, which revision {commit[:10]} does not have")
    text = next(f.text for f in corpus.files if f.path == chapter.path)
    words = link_words(corpus)
    reader = _Reader(chapter, text, lambda target: words(target, chapter.lang))
    base_docx = chapter_docx(corpus, chapter, text, commit)
    reader.read(data, base_docx)
    new_text = reader.new_text()
    reader.verify(new_text)
    _KEYS.clear()
    imported = Imported(chapter, commit, new_text, reader.changes, reader.comments, reader.unplaced,
                        Counter(c["author"] for c in reader.changes if c["tracked"]), _saved_by(data))
    for change in imported.changes:
        if not change["tracked"]:
            change["author"] = imported.saved_by or UNKNOWN_AUTHOR
    return imported


def _check_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
                raise UsageError(f"the Word file unpacks to more than {MAX_UNZIPPED // 2**20} MB, far more than a "
                                 "chapter: remove pictures or embedded files, or split the chapter")
    except zipfile.BadZipFile:
        raise UsageError("this is not a Word (.docx) file: save it from Word as .docx (not .doc, not .odt)") from None


def _saved_by(data: bytes) -> str | None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "docProps/core.xml" not in z.namelist():
            return None
        root = etree.fromstring(z.read("docProps/core.xml"), etree.XMLParser(resolve_entities=False,
                                                                                 no_network=True))
    for tag in ("lastModifiedBy", "creator"):
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.endswith("}" + tag) and (el.text or "").strip():
                return el.text.strip()
    return None


# -- reading ------------------------------------------------------------------------------------------------------

def _with_markers(data: bytes, tag: str) -> bytes:
    """The file with a marker paragraph before each paragraph that holds (or follows) a section's bookmark."""
    return with_document(data, lambda xml: _mark(xml, tag))


def _mark(xml: bytes, tag: str) -> bytes:
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise UsageError(f"the Word file's text (word/document.xml) is damaged: {exc}; open and save it in Word "
                         "again") from None
    _join_hyperlink_results(root)
    seen = set()
    for start in list(root.iter(f"{{{W}}}bookmarkStart")):
        name = start.get(f"{{{W}}}name", "")
        if not name.startswith(BOOKMARK) or not name[len(BOOKMARK):].isdigit() or name in seen:
            continue
        seen.add(name)
        paragraph = next((a for a in start.iterancestors(f"{{{W}}}p")), None)
        if paragraph is None:
            paragraph = start.getnext()
            while paragraph is not None and paragraph.tag != f"{{{W}}}p":
                paragraph = paragraph.getnext()
        if paragraph is None:
            continue
        marker = etree.Element(f"{{{W}}}p")
        run = etree.SubElement(marker, f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}t").text = f"\ue000SOP{tag}-{name[len(BOOKMARK):]}\ue001"
        paragraph.addprevious(marker)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _join_hyperlink_results(root) -> None:
    """A hyperlink written as a field (LibreOffice writes `HYPERLINK "law:…" \\l "51"` fields, Word its own
    `w:hyperlink` elements) whose words are in several runs: pandoc reads only the field's result as the link,
    and LibreOffice ends the field after the first right-to-left run, leaving the link's other words after it
    in runs of the same link style. Those words are joined into the field's result, so that the link keeps all
    its words; no word is dropped or moved, only the split between runs."""
    tag = {name: f"{{{W}}}{name}" for name in ("r", "t", "fldChar", "instrText", "rPr", "rStyle")}

    def style(run):
        found = run.find(f"{tag['rPr']}/{tag['rStyle']}")
        return found.get(f"{{{W}}}val") if found is not None else None

    def plain_run(run):
        return run.find(tag["t"]) is not None and all(c.tag in (tag["t"], tag["rPr"]) for c in run)

    for paragraph in root.iter(f"{{{W}}}p"):
        state, first, link_style = None, None, None
        for run in list(paragraph.iter(tag["r"])):
            char = run.find(tag["fldChar"])
            kind = char.get(f"{{{W}}}fldCharType") if char is not None else None
            if kind == "begin":
                state, first, link_style = "instr", None, None
            elif kind == "separate" and state == "hyperlink":
                state = "result"
            elif kind == "end":
                state = "after" if state == "result" and first is not None else None
            elif state == "instr" and run.find(tag["instrText"]) is not None and "HYPERLINK" in "".join(
                    run.itertext()):
                state = "hyperlink"
            elif state in ("result", "after"):
                if not plain_run(run) or (state == "after" and (link_style is None or style(run) != link_style)):
                    state, first = None, None
                    continue
                if first is None:
                    first, link_style = run.find(tag["t"]), style(run)
                    continue
                first.text = (first.text or "") + "".join(t.text or "" for t in run.findall(tag["t"]))
                first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run.getparent().remove(run)


def _read(data: bytes, mode: str) -> dict:
    raw = P.run(["-f", "docx", "-t", "json", f"--track-changes={mode}"], data,
                f"read the Word file (track changes: {mode})")
    ast = json.loads(raw)
    ast["sop-direction-spans"] = b'["dir",' in raw or b'["lang",' in raw  # what canonical() has to undo
    return ast


def _readings(files: list[tuple[bytes, str]]) -> list[dict]:
    """pandoc's readings of several files at once: each is a process of its own, so they share the cores."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda item: _read(*item), files))


def plain(node) -> str:
    """The words of an AST node as a reader sees them."""
    if isinstance(node, list):
        return "".join(plain(n) for n in node)
    if not isinstance(node, dict):
        return ""
    kind, c = node.get("t"), node.get("c")
    if kind == "Str":
        return c
    if kind in ("Space", "SoftBreak"):
        return " "
    if kind == "LineBreak":
        return "\n"
    if kind in ("Code", "Math"):
        return c[1]
    if kind == "CodeBlock":
        return c[1]
    if kind in ("Para", "Plain", "Header", "BlockQuote", "BulletList", "OrderedList", "Table", "Div", "LineBlock",
                "Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Quoted",
                "Span", "Link", "Note", "Cite", "Image", "Figure", "DefinitionList"):
        if kind in ("Para", "Plain", "Header", "LineBlock") or kind.endswith("List") or kind in ("Table", "Div"):
            sep = "\n" if kind not in ("Para", "Plain", "Header") else ""
            parts = c if isinstance(c, list) else [c]
            return sep.join(plain(p) for p in parts) if sep else plain(parts)
        return plain(c)
    return plain(c) if isinstance(c, list) else ""


_DIRECTION_ONLY = {"dir", "lang"}


def canonical(node):
    """The AST with what Word's runs add and the Markdown does not say taken out: a span that only sets a
    direction or language (Word marks right-to-left runs) is its content, and adjacent words are one Str."""
    if isinstance(node, list):
        out: list = []
        for item in node:
            item = canonical(item)
            if isinstance(item, dict) and item.get("t") == "Span":
                (ident, classes, attrs), content = item["c"]
                if not ident and not classes and {k for k, _ in attrs} <= _DIRECTION_ONLY:
                    for inner in content:
                        _append(out, inner)
                    continue
            _append(out, item)
        return out
    if isinstance(node, dict):
        return {k: canonical(v) for k, v in node.items()}
    return node


def _append(out: list, item) -> None:
    if isinstance(item, dict) and item.get("t") == "Str" and out and isinstance(out[-1], dict) \
            and out[-1].get("t") == "Str":
        out[-1] = {"t": "Str", "c": out[-1]["c"] + item["c"]}
    else:
        out.append(item)


_KEYS: dict[int, tuple[dict, str]] = {}


def _key(block: dict) -> str:
    """`_meaning(block)`, remembered for the block while the import runs (each is compared several times)."""
    found = _KEYS.get(id(block))
    if found is not None and found[0] is block:
        return found[1]
    key = _meaning(block)
    _KEYS[id(block)] = (block, key)
    return key


def _meaning(block: dict) -> str:
    """What decides whether two readings of a block say the same: its words and the targets of its links, in
    order. How Word or another editor stores them may change on saving (a link's runs split, a list's numbering
    restarted, a run made right-to-left) without a word changing; emphasis is not compared either (pandoc's
    reading of tracked changes does not carry formatting changes)."""
    targets: list[str] = []
    _targets(block, targets)
    return " ".join(t.core for t in tokenize(plain(block)) if t.core) + "\x00" + "\x00".join(targets)


def _targets(node, out: list) -> None:
    if isinstance(node, list):
        for n in node:
            _targets(n, out)
    elif isinstance(node, dict):
        if node.get("t") == "Link":
            target = node["c"][2][0]
            if not out or out[-1] != target:  # one link read as several pieces is one target
                out.append(target)
        for v in node.values():
            if isinstance(v, (list, dict)):
                _targets(v, out)


def _same_meaning(a: list, b: list) -> bool:
    """Two readings of a section say the same, however their blocks are cut."""
    return _said(a) == _said(b)


def _said(blocks: list) -> tuple[str, list[str]]:
    words, targets = [], []
    for block in blocks:
        text, _, links = _key(block).partition("\x00")
        words.append(text)
        for t in links.split("\x00"):
            if t and (not targets or targets[-1] != t):
                targets.append(t)
    return " ".join(w for w in words if w), targets


class _Split:
    """A reading of the file cut at the markers: the blocks before the first, then each marked part in order."""

    def __init__(self, ast: dict, tag: str):
        self.opening: list = []
        self.parts: list[tuple[int, list]] = []
        undo = canonical if ast.get("sop-direction-spans", True) else (lambda blocks: blocks)
        for block in undo(ast["blocks"]):
            m = _MARKER.match(plain(block)) if block.get("t") == "Para" else None
            if m and m.group(1) == tag:
                self.parts.append((int(m.group(2)), []))
            elif self.parts:
                self.parts[-1][1].append(block)
            else:
                self.opening.append(block)
        title = ast.get("meta", {}).get("title", {})
        self.title_inlines = undo(title.get("c", [])) if title.get("t") == "MetaInlines" else []
        self.title = plain(self.title_inlines)

    def by_number(self) -> dict[int, list]:
        found: dict[int, list] = {}
        for n, blocks in self.parts:
            found.setdefault(n, blocks)
        return found


@dataclass
class _Piece:
    """A part of the new chapter: Markdown kept as written, or blocks for pandoc to write."""

    kept: str | None = None
    blocks: list | None = None


class _Reader:
    def __init__(self, chapter: Chapter, text: str, words):
        self.chapter, self.text, self.words = chapter, text, words
        self.lines = text.split("\n")
        self.changes: list[dict] = []
        self.comments: list[dict] = []
        self.unplaced: list[dict] = []
        self.pieces: list[_Piece] = []
        self.title: str | None = None
        self._new_ids: set = set()  # ids given to headings that had none
        self._matched: set = set()  # sections found again by the words of a heading that lost its bookmark
        self.api = [1, 23, 1]  # pandoc's AST version, as read

    # reading the four versions
    def read(self, data: bytes, base_docx: bytes) -> None:
        _KEYS.clear()  # blocks of an earlier import are gone: their ids may be reused
        tag = hashlib.sha256(data).hexdigest()[:12]
        marked = _with_markers(data, tag)
        readings = _readings([(_with_markers(base_docx, tag), "accept"), (marked, "accept"), (marked, "reject"),
                              (marked, "all")])
        self.api = readings[0]["pandoc-api-version"]
        base, new, old, spans = (_Split(ast, tag) for ast in readings)
        self._untracked(base, old)
        self._assemble(base, new)
        self._tracked(spans)
        self.proposed = new
        if new.title.strip() != base.title.strip():
            self.title = new.title.strip()
            self.changes.append(self._change(None, "", old.title if old.title != base.title else base.title,
                                             new.title, tracked=old.title == base.title))

    def _section_id(self, n: int | str | None) -> str:
        if n is None:
            return OPENING
        if isinstance(n, str):
            return n
        sections = self.chapter.sections
        return sections[n].id if 0 <= n < len(sections) and sections[n].id else f"section-{n}"

    def _change(self, n, author, old, new, tracked, date=None, section=None) -> dict:
        return {"chapter": self.chapter.id, "section": section or self._section_id(n), "lang": self.chapter.lang,
                "author": author, "date": date, "tracked": tracked, "old": old, "new": new}

    # tracked changes and comments, from the reading that keeps them as spans
    def _tracked(self, spans: _Split) -> None:
        title = [("_title", [{"t": "Para", "c": spans.title_inlines}])] if spans.title_inlines else []
        for n, blocks in title + self._by_heading([(None, spans.opening)] + spans.parts):
            events: list = []
            _events(blocks, events)
            pending = None
            anchors: dict[str, dict] = {}
            for kind, attrs, words in events + [("end", {}, "")]:
                if kind in ("insertion", "deletion"):
                    author, date = attrs.get("author", "(unknown)"), attrs.get("date")
                    side = "new" if kind == "insertion" else "old"
                    for comment in anchors.values():
                        comment["anchor"] += words if kind == "insertion" else ""
                    if pending and pending["author"] == author:  # one edit, however the editor cut its runs
                        pending[side] += words
                        continue
                    if pending:
                        self.changes.append(_trimmed(pending))
                    pending = self._change(n, author, "", "", True, date)
                    pending[side] = words
                    continue
                if pending and (kind == "end" or (kind == "text" and words.strip())):
                    self.changes.append(_trimmed(pending))
                    pending = None
                if kind == "comment-start":
                    comment = {"section": self._section_id(n), "chapter": self.chapter.id, "lang": self.chapter.lang,
                               "author": attrs.get("author", "(unknown)"), "date": attrs.get("date"),
                               "text": words.strip(), "anchor": ""}
                    anchors[attrs.get("id", "")] = comment
                    self.comments.append(comment)
                elif kind == "comment-end":
                    anchors.pop(attrs.get("id", ""), None)
                elif kind == "text":
                    for comment in anchors.values():
                        comment["anchor"] += words
            for comment in self.comments:
                comment["anchor"] = " ".join(comment["anchor"].split())

    def _by_heading(self, parts: list) -> list:
        """The parts cut again at each heading without a bookmark, which starts the new section (or the section
        found again by its words) that _assemble gave it."""
        named = {" ".join(str(u.get("text", "")).split()): u["section"] for u in self.unplaced
                 if u.get("section") and ("new heading" in u["reason"] or "matched to section" in u["reason"])}
        out = []
        for n, blocks in parts:
            out.append((n, []))
            for k, block in enumerate(blocks):
                words = " ".join(plain(block).split())
                if block.get("t") == "Header" and k > 0 and words in named:
                    out.append((named[words], []))
                out[-1][1].append(block)
        return out

    # edits made with tracking off: the rejected reading against the export
    def _untracked(self, base: _Split, old: _Split) -> None:
        """The whole chapter's blocks compared in order (a section whose bookmark was lost is then no change),
        each difference credited to the section it falls in."""
        ours = [(None, b) for b in base.opening] + [(n, b) for n, blocks in base.parts for b in blocks]
        theirs = [(None, b) for b in old.opening] + [(n, b) for n, blocks in old.parts for b in blocks]
        a, b = [_key(x) for _, x in ours], [_key(x) for _, x in theirs]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            before, after = [x for _, x in ours[i1:i2]], [x for _, x in theirs[j1:j2]]
            if _same_meaning(before, after):
                continue  # the same words cut into blocks another way (a list's numbering restarted)
            n = ours[i1][0] if i1 < len(ours) else ours[-1][0] if ours else None
            if i1 == i2 and i1 > 0:  # text added: in the section of the block before it
                n = ours[i1 - 1][0]
            old_words = "\n".join(plain(x) for x in before)
            new_words = "\n".join(plain(x) for x in after)
            for w in word_ops(tokenize(old_words), tokenize(new_words)):
                if w.op != "equal":
                    self.changes.append(self._change(n, "", w.old.strip(), w.new.strip(), False))
        known = {n for n, _ in base.parts}
        for n, blocks in old.parts:
            if n not in known:
                self.unplaced.append({"reason": f"a bookmark _sop_{n} that the exported chapter did not have",
                                      "section": None, "text": "\n".join(plain(x) for x in blocks)[:500]})

    # the new chapter
    def _assemble(self, base: _Split, new: _Split) -> None:
        base_parts = base.by_number()
        sections = self.chapter.sections
        self._part(None, base.opening, new.opening, self._opening_text())
        placed = set()
        for n, blocks in new.parts:
            if n in placed or n not in base_parts:
                self._new_headings(blocks, n, "a copy of a section's bookmark" if n in placed else None)
                continue
            placed.add(n)
            section = sections[n]
            if not blocks or blocks[0].get("t") != "Header":
                prev = self._section_id(n - 1) if n else OPENING
                self.unplaced.append({"reason": f"the heading of section {section.id} was deleted: its text now "
                                      f"belongs to the section before it ({prev})", "section": section.id,
                                      "text": section.label})
                taken = self._fresh_ids()
                self.pieces.append(_Piece(blocks=_with_ids(blocks, taken)))
                self._new_ids |= taken
                continue
            self._part(n, base_parts[n], blocks, self._section_text(section))
        for n, section in enumerate(sections):
            if n not in placed and n in base_parts:
                self._lost(n, section)

    def _part(self, n, base_blocks: list, blocks: list, kept: tuple[str, list[str]] | None) -> None:
        """One section (or the opening): its Markdown kept when nothing changed, else block by block."""
        heading, texts = kept
        if _same_meaning(base_blocks, blocks) and (not heading or (blocks and blocks[0].get("t") == "Header")):
            self.pieces.append(_Piece(kept="\n\n".join(([heading] if heading else []) + texts)))
            return
        body_base = base_blocks[1:] if heading else base_blocks
        body_new, extra = (blocks[1:], blocks[:1]) if heading else (blocks, [])
        if heading:
            same_heading = _key(base_blocks[0]) == _key(blocks[0])
            ident = self._section_id(n)
            self.pieces.append(_Piece(kept=heading) if same_heading else _Piece(blocks=[_ident(extra[0], ident)]))
        body_new, following = _cut_at_heading(body_new)
        mapped = len(texts) == len(body_base)
        a, b = [_key(x) for x in body_base], [_key(x) for x in body_new]
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal" and mapped:
                self.pieces += [_Piece(kept=texts[i]) for i in range(i1, i2)]
            elif j2 > j1:
                self.pieces.append(_Piece(blocks=body_new[j1:j2]))
        if following:
            self._new_headings(following, None, None, after=self._section_id(n))

    def _new_headings(self, blocks: list, n: int | None, why: str | None, after: str | None = None) -> None:
        """Blocks from a heading Word holds no bookmark for: new sections, ids made from their words."""
        ids = self._fresh_ids()
        for block in blocks:
            if block.get("t") == "Header":
                ident = _slug(plain(block), ids)
                ids.add(ident)
                self._new_ids.add(ident)
                lost = self._lost_match(plain(block))
                reason = why or "a new heading without an id: kept as a new section with the id shown"
                if lost is not None:
                    ident = lost.id
                    reason = f"the heading's hidden bookmark was removed; matched to section {lost.id} by its words"
                self.unplaced.append({"reason": reason, "section": ident, "text": plain(block), "after": after})
                block = _ident(block, ident)
            self.pieces.append(_Piece(blocks=[block]))

    def _lost_match(self, words: str) -> Section | None:
        for s in self.chapter.sections:
            if " ".join(s.label.split()) == " ".join(words.split()) and s.id not in self._matched:
                self._matched.add(s.id)
                return s
        return None

    def _lost(self, n: int, section: Section) -> None:
        if section.id in self._matched:
            return
        self.changes.append(self._change(n, "", section.label + "\n" + section.text.strip(), "", False))
        self.unplaced.append({"reason": f"section {section.id} is not in the Word file (its heading and "
                              "bookmark are gone): it is shown as deleted", "section": section.id,
                              "text": section.label})

    def _fresh_ids(self) -> set:
        """The ids taken: the chapter's, and those given to new headings so far."""
        return {s.id for s in self.chapter.sections if s.id} | self._new_ids

    # the Markdown as written
    def _opening_text(self) -> tuple[str, list[str]]:
        return "", [b.text for b in self.chapter.intro_blocks if b.kind != "reference"]

    def _section_text(self, section: Section) -> tuple[str, list[str]]:
        return self.lines[section.line - 1].rstrip("\r"), [b.text for b in section.blocks if b.kind != "reference"]

    def new_text(self) -> str:
        written = self._written([p.blocks for p in self.pieces if p.blocks is not None])
        out, k = [], 0
        for piece in self.pieces:
            if piece.kept is not None:
                if piece.kept.strip():
                    out.append(piece.kept)
            else:
                if written[k].strip():
                    out.append(written[k])
                k += 1
        front = self._front_matter()
        body = "\n\n".join(out) + "\n"
        text = front + ("\n" if front else "") + body
        if "\r\n" in self.text:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return self.text if _same(text, self.text) else text

    def verify(self, new_text: str) -> None:
        """The new Markdown must read as the Word text word for word; where it does not, say so (unplaced), so
        that a reviewer compares before the proposal is decided."""
        from .wordout import chapter_body, prepare_blocks

        ast = P.read_markdown(chapter_body(new_text))
        prepare_blocks(ast["blocks"], {}, self.words)
        written = _words(ast["blocks"])
        proposed = _words(self.proposed.opening + [b for _, blocks in self.proposed.parts for b in blocks])
        if written != proposed:
            at = next((i for i, (a, b) in enumerate(zip(written, proposed)) if a != b), min(len(written),
                                                                                         len(proposed)))
            self.unplaced.append({"reason": "the chapter's new Markdown does not read back word for word as the "
                                  "Word file's text: compare them before deciding", "section": None,
                                  "text": " ".join(proposed[max(0, at - 8):at + 8])})

    def _front_matter(self) -> str:
        """The front matter as written (its fences too), the loader's reading of where it ends."""
        found = split_front_matter(self.text)
        if found.text is None:
            return ""
        fences_and_yaml = 2 + len(found.text.splitlines(keepends=True))
        front = "".join(self.text.splitlines(keepends=True)[:fences_and_yaml])
        return _retitled(front, self.title) if self.title is not None else front

    def _written(self, groups: list[list]) -> list[str]:
        """Each group of blocks as Markdown, with one pandoc call."""
        if not groups:
            return []
        cut = f"SOPKITPIECE{secrets.token_hex(8)}N"  # no drafter's text holds it
        blocks = []
        for k, group in enumerate(groups):
            blocks.append(P.para(f"{cut}{k}"))
            blocks += _emptied_links(json.loads(json.dumps(group)), self.words)
        doc = {"pandoc-api-version": self.api, "meta": {}, "blocks": blocks}
        out = P.run(["-f", "json", "-t", MARKDOWN_OUT, "--wrap=none"], json.dumps(doc).encode(),
                    "write the new text as Markdown").decode("utf-8")
        out = _LIST_MARK.sub(r"\1\2 ", out)  # `1. item` as the chapters write it, not pandoc's `1.  item`
        parts = re.split(rf"(?m)^{cut}\d+\n", out)
        return [p.strip("\n") for p in parts[1:]]


def _events(node, out: list, inside: str | None = None) -> None:
    """The chapter's inline content in order as (kind, attrs, words): text, insertion, deletion, comment-start,
    comment-end; a paragraph boundary is text with a line break."""
    if isinstance(node, list):
        for n in node:
            _events(n, out, inside)
        return
    if not isinstance(node, dict):
        return
    kind, c = node.get("t"), node.get("c")
    if kind == "Span":
        (_, classes, attrs), content = c
        attrs = dict(attrs)
        for cls in ("insertion", "deletion"):
            if cls in classes:
                inner: list = []
                _events(content, inner)
                out += [e for e in inner if e[0] == "comment-start"]
                out.append((cls, attrs, "".join(w for k, _, w in inner if k in ("text", cls))))
                out += [e for e in inner if e[0] == "comment-end"]
                return
        if "comment-start" in classes:
            out.append(("comment-start", attrs, plain(content)))
            return
        if "comment-end" in classes:
            out.append(("comment-end", attrs, ""))
            return
        _events(content, out, inside)
        return
    if kind in ("Str", "Space", "SoftBreak", "LineBreak", "Code", "Math"):
        out.append(("text", {}, plain(node)))
        return
    if kind in ("Para", "Plain", "Header"):
        _events(c[-1] if kind == "Header" else c, out)
        out.append(("text", {}, "\n"))
        return
    if isinstance(c, (list, dict)):
        _events(c, out, inside)


def _words(blocks: list) -> list[str]:
    return [t.core for block in blocks for t in tokenize(plain(block)) if t.core]


def _trimmed(change: dict) -> dict:
    """A tracked change as the record keeps it: its words without the spaces around them."""
    return change | {"old": " ".join(change["old"].split()), "new": " ".join(change["new"].split())}


def _ident(header: dict, ident: str) -> dict:
    level, (_, classes, attrs), content = header["c"]
    return {"t": "Header", "c": [level, [ident, classes, attrs], content]}


def _with_ids(blocks: list, taken: set) -> list:
    out = []
    for b in blocks:
        if b.get("t") == "Header":
            ident = _slug(plain(b), taken)
            taken.add(ident)
            b = _ident(b, ident)
        out.append(b)
    return out


def _cut_at_heading(blocks: list) -> tuple[list, list]:
    for i, b in enumerate(blocks):
        if b.get("t") == "Header":
            return blocks[:i], blocks[i:]
    return blocks, []


def _slug(words: str, taken: set) -> str:
    """A section id (validate.SECTION_ID: lower-case ASCII words joined by '-') made from a heading's words; a
    heading in Arabic or Kurdish script gets `new-section`, numbered: the working group names it."""
    base = "-".join(re.findall(r"[a-z0-9]+", words.lower()))[:50].strip("-")
    if not base or not base[0].isalpha():
        base = "new-section" + (f"-{base}" if base else "")
    ident, k = base, 2
    while ident in taken:
        ident, k = f"{base}-{k}", k + 1
    return ident


def _emptied_links(blocks: list, words) -> list:
    """A link whose words are those the export gave an empty link: empty again, as the chapter writes it."""

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("t") == "Link":
                target = node["c"][2][0]
                if " ".join(plain(node["c"][1]).split()) == " ".join(words(target).split()):
                    node["c"][1] = []
            for v in node.values():
                walk(v)

    walk(blocks)
    return blocks


def _retitled(front: str, title: str) -> str:
    line = "title: " + json.dumps(title, ensure_ascii=False)
    if re.search(r"(?m)^title:.*$", front):
        return re.sub(r"(?m)^title:.*$", lambda m: line, front, count=1)
    return front.replace("\n", "\n" + line + "\n", 1)


def _same(a: str, b: str) -> bool:
    """Texts equal but for the blank lines between blocks, which the import does not keep."""
    squeeze = lambda t: re.sub(r"\n{2,}", "\n\n", t.replace("\r\n", "\n")).strip()  # noqa: E731
    return squeeze(a) == squeeze(b)

"""A redline as Markdown with CriticMarkup: {++ inserted ++}, {-- deleted --}, {~~ old ~> new ~~}.

pymdownx.critic renders it on the site, and `accept` and `reject` give back each draft's chapter body exactly (the
tests hold every redline to it). CriticMarkup has marks for words, not for structure, so where a plain mark would
break the Markdown around it, the redline says what happened in a comment that also tells `accept` and `reject`
what to drop:

- text added or deleted whole (paragraphs, lists, tables, a whole section with its heading) is a region
  `{>>text added<<}…{>>end<<}` (`text deleted`, `section added`, `section deleted`), its words marked inside; a
  table row or list item added or deleted whole is one too (`row added`, `item deleted`, ...). A region starts at
  the end of the line before it, so that the heading, row or item keeps its form (rejecting drops an added
  region, accepting a deleted one), and never ends on a heading, whose `{#id}` must end its line;
- a paragraph moved is shown at both ends as a move, not as a deletion and an insertion: `{>>moved to 5.6.2 The
  24-hour rule<<}…{>>end<<}` where it was and `{>>moved here from 5.6.3 No coercion<<}…{>>end<<}` where it is,
  with the edits made inside it marked there; the heading of a section moved whole is named by
  `{>>section moved here<<}` (and `moved away`) at the end of the line before it, and covers its blank line
  and its own line, so that nothing follows its {#id};
- a heading whose id changed keeps its new id, with `{>>id was old-id<<}` before it (never a mark inside the
  `{#id}`, which would no longer be an id); a blank line after a heading that one draft only has is written
  with `{>>blank line added<<}` (or `deleted`) after it, since nothing may follow the id on its line;
- no mark spans a blank line: a change across paragraphs is one mark per paragraph, and a blank line only one
  side has is a mark of its own, which pymdownx.critic shows as a break between the paragraphs.

Every chapter's redline is checked before it is written: where accepting or rejecting would not give the draft
(text that itself holds CriticMarkup, say), the chapter is written with plain marks only, which always round-trip.
Code blocks are the one thing CriticMarkup cannot mark for the page: a mark inside a fence is code to Markdown,
so a code block added, deleted or changed across its blank lines is exact to accept and reject but may not
render as a code block on the site; a change of white space alone inside one takes the word before it along,
since a mark of line breaks only is a paragraph break to pymdownx.critic.
"""

from __future__ import annotations

import re

from .credit import credit_text
from .engine import DocumentDiff, DraftDiff, Slot, assemble, separators
from .units import wrap_lines
from .words import WordOp, spaced

_CRITIC = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}", re.S)
_REGION = re.compile(r"\{>>((?:row|item|section|text) (?:added|deleted)|moved here from|moved to)([^<]*)<<\}"
                     r"(.*?)\{>>end<<\}", re.S)
_ADDED = ("row added", "item added", "section added", "text added", "moved here from")
# a heading moved: the blank line before it and its line (the heading ends its line, so no end mark follows it)
_HEADING_MOVED = re.compile(r"\{>>section (moved here|moved away)<<\}(\n[ \t\r]*\n[^\n]*)")  # regions that rejecting drops; accepting drops the others
_OLD_ID = re.compile(r"\{>>id was ([^<]*?)<<\}([ \t]*)\{#[^}\s]+\}")
_COMMENT = re.compile(r"\{>>.*?<<\}", re.S)
_BLANK = re.compile(r"(\n[ \t\r]*\n\s*)")  # a blank line (and any white space after it)
_LAST_WORD = re.compile(r"[^\s~]+[ \t]*$")  # the last word of unchanged text (no `~`, which could close a mark)
_HEADING = re.compile(r"^(#{1,6}[ \t]+)(.*?)([ \t]*\{#([^}\s]+)\}[ \t]*)?$")


def render_markdown(diff: DraftDiff) -> str:
    out = [f"# Changes from {diff.old} to {diff.new}", "", diff.summary_text(), ""]
    for doc in diff.documents:
        if not doc.changes and not doc.front_matter:
            continue
        out += [f"## {doc.path} ({doc.lang})", ""]
        for name, (before, after) in doc.front_matter.items():
            out += [f"- {name}: {{~~{before}~>{after}~~}}"]
        out += [f"- {ch.kind}: {ch.name}" + (f", from {doc.title(ch.old_section)}" if ch.old_section
                                              and ch.old_section != ch.section else "")
                + (f" ({credit_text(ch.by)})" if ch.by else "") for ch in doc.changes]
        out.append("")
        out.append(document_body(doc))
        out.append("")
    out += _laws(diff)
    return "\n".join(out).rstrip() + "\n"


def _laws(diff: DraftDiff) -> list[str]:
    """The provisions whose text changed, each with its marked text and the sections that cite it."""
    if not diff.laws:
        return []
    out = ["## Laws: provisions changed", ""]
    for change in diff.laws:
        out += [f"### {change.label} ({change.kind})", "", f"`law:{change.law}#{change.provision}`", ""]
        for text in change.texts:
            by = f" ({credit_text(text.by)})" if text.by else ""
            out += [f"- {text.lang}: {_plain(text.ops)}".replace("\n", " ") + by]
        cited = "; ".join(f"{c.path} {c.title}" for c in change.cited_by) or "no section of the SOP"
        out += ["", f"Cited by: {cited}", ""]
    return out


def document_body(doc: DocumentDiff) -> str:
    """The chapter's sections with every change marked, in reading order (blank lines between them belong to
    the sides that have text on both ends, so that accepting or rejecting leaves no stray ones)."""
    marked = marked_body(doc)
    if marked is not None:
        return marked
    # plain marks only: less readable where they meet structure, always exact
    return _plain(tuple(assemble([slot.flat() for slot in doc.slots])))


def marked_body(doc: DocumentDiff) -> str | None:
    """The chapter with its rows, items, moves and ids said in comments (see the module's note); None when
    accepting or rejecting it would not give the drafts back."""
    flat = [slot.flat() for slot in doc.slots]
    joined = assemble(flat)
    old, new = "".join(o.old for o in joined), "".join(o.new for o in joined)
    out: list[str] = []
    region = None  # the kind of slot ("inserted" or "deleted") of the text added or deleted being written
    for k, (separator, slot) in enumerate(zip(separators(flat), doc.slots)):
        # a region never ends on a heading or a code block: its end mark would follow the heading's {#id} or
        # the closing fence, which must end their lines
        last_closed = (slot.heading or slot.block == "code") and (k + 1 == len(doc.slots)
                                                                  or doc.slots[k + 1].kind != slot.kind)
        if region is not None and (slot.kind != region or last_closed):
            out.append("{>>end<<}")
            region = None
        one_sided = separator is not None and separator.op != "equal"
        if one_sided and out and _closed_line(out[-1]):
            # nothing may follow a heading's {#id} or a closing fence on its line: the blank line is written,
            # and a comment says that one side only has it
            out.append(f"{separator.old or separator.new}{{>>blank line {_ADDED_TEXT[_KIND[separator.op]]}<<}}")
            separator = None
        if region is None and slot.heading and slot.kind in _MOVED and out and one_sided and separator.op == \
                _MOVED[slot.kind][0]:  # a heading moved: its line and the blank line before it, named before them
            out.append(f"{{>>section {_MOVED[slot.kind][1]}<<}}{separator.old or separator.new}{slot.new or slot.old}")
            continue
        if region is None and slot.kind in _ADDED_TEXT and out and one_sided and not last_closed:
            region = slot.kind  # from the line before it, so that a heading, list or table keeps its form
            out.append(f"{{>>{'section' if slot.heading else 'text'} {_ADDED_TEXT[slot.kind]}<<}}")
        if separator is not None:
            out.append(separator.old or separator.new if region else _plain((separator,)))
        out.append(_whole_slot(slot) if region else _slot(slot, doc))
    if region is not None:
        out.append("{>>end<<}")
    marked = "".join(out)
    return marked if accept(marked) == new and reject(marked) == old else None


def _closed_line(text: str) -> bool:
    """Whether the last line of `text` is a heading with its {#id} or a code fence: nothing may follow on it."""
    line = text.rsplit("\n", 1)[-1]
    return _HEADING.match(line) is not None or _FENCE.fullmatch(line) is not None


_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})[ \t]*")
_ADDED_TEXT = {"inserted": "added", "deleted": "deleted"}  # slots written as a region of their own
_KIND = {"insert": "inserted", "delete": "deleted"}
_MOVED = {"moved_to": ("insert", "moved here"), "moved_from": ("delete", "moved away")}  # its blank line, words


def _whole_slot(slot: Slot) -> str:
    """A heading or paragraph added or deleted whole, inside its region: its words marked for the eye (the
    region already says what accepting and rejecting do), its structure (a heading's hashes and id, list
    markers, pipes) left outside."""
    text = slot.new or slot.old
    mark = "++" if slot.kind == "inserted" else "--"
    heading = _HEADING.match(text) if slot.heading else None
    if heading:
        return f"{heading.group(1)}{{{mark}{heading.group(2)}{mark}}}{heading.group(3) or ''}"
    return _lines(text, mark, slot.block) if slot.block in ("list", "table", "paragraph", "quote") else text


def _slot(slot: Slot, doc: DocumentDiff) -> str:
    """One heading or paragraph with its changes marked."""
    if slot.kind == "moved_from":
        partner = _partner(slot, doc)
        return f"{{>>moved to {_note(doc.title(partner))}<<}}{slot.old}{{>>end<<}}"
    if slot.kind == "moved_to":
        partner = _partner(slot, doc)
        return f"{{>>moved here from {_note(doc.title(partner))}<<}}{_plain(slot.ops)}{{>>end<<}}"
    if slot.kind == "same" and slot.heading:
        return _heading(slot) or _plain(slot.ops)
    if slot.kind == "same" and slot.block in ("list", "table"):
        return _units(slot.ops, slot.block)
    return _plain(slot.ops, slot.block)


def _partner(slot: Slot, doc: DocumentDiff) -> str | None:
    """The section at the other end of a move."""
    other = "moved_to" if slot.kind == "moved_from" else "moved_from"
    return next((s.section for s in doc.slots if s.move == slot.move and s.kind == other), None)


def _note(text: str) -> str:
    """Words for a CriticMarkup comment: without the characters that would end it early."""
    return re.sub(r"[{}<>]", "", text)


def _heading(slot: Slot) -> str | None:
    """A heading edited in place: its words marked, its new id kept whole with the old one in a comment."""
    old, new = _HEADING.match(slot.old), _HEADING.match(slot.new)
    if not old or not new or old.group(1).strip() != new.group(1).strip():
        return None
    from .words import tokenize, word_ops

    label = _plain(tuple(word_ops(tokenize(old.group(2)), tokenize(new.group(2)))))
    if old.group(4) == new.group(4):
        return new.group(1) + label + (new.group(3) or "")
    if not old.group(4) or not new.group(4) or old.group(3).replace(old.group(4), new.group(4)) != new.group(3):
        return None
    return f"{new.group(1)}{label}{{>>id was {old.group(4)}<<}}{new.group(3)}"


def _units(ops: tuple[WordOp, ...], block: str) -> str:
    """A paragraph edited in place; a row or item added or deleted whole is a region of its own."""
    out: list[str] = []
    for o in spaced(list(ops)):
        if not o.whole:
            out.append(_plain((o,), block))
            continue
        text = o.new or o.old
        kind = f"{'row' if block == 'table' else 'item'} {'added' if o.op == 'insert' else 'deleted'}"
        body = _lines(text, "++" if o.op == "insert" else "--", block)
        done = "".join(out)
        if text.startswith("\n"):  # the line break before it is its own: the region starts on the line before
            out.append(f"{{>>{kind}<<}}{body}{{>>end<<}}")
        elif text.endswith("\n") and done.endswith("\n"):  # rotated: the line break before it, then its line
            out = [done[:-1], f"{{>>{kind}<<}}\n{body[:-1]}{{>>end<<}}\n"]
        else:  # the first line of a block: its structure is lost on the page, never the text
            out.append(f"{{>>{kind}<<}}{body}{{>>end<<}}")
    return "".join(out)


def _lines(text: str, mark: str, block: str) -> str:
    """Whole lines with their words marked and their structure (markers, pipes, line breaks) left outside."""
    return wrap_lines(text, block, lambda words: f"{{{mark}{words}{mark}}}")


def _plain(ops: tuple[WordOp, ...], block: str = "paragraph") -> str:
    """Operations as marks, each mark inside one paragraph: a change across a blank line is cut at it (but in a
    code block, whose blank lines are code: a mark cut there would end the block on the page)."""
    out = []
    cut = block != "code"
    for o in spaced(list(ops)):
        if not cut and o.op != "equal" and not (o.old + o.new).strip() and out and _LAST_WORD.search(out[-1]):
            # white space alone changed in a code block: a mark of line breaks only is a paragraph break to
            # pymdownx.critic, which would end the code block; the word before it goes in the mark too
            tail = _LAST_WORD.search(out[-1])
            out[-1] = out[-1][:tail.start()]
            out.append(f"{{~~{tail.group() + o.old}~>{tail.group() + o.new}~~}}")
        elif o.op == "equal":
            out.append(o.new)
        elif o.op == "insert":
            out.append(_marks(o.new, "++", cut))
        elif o.op == "delete":
            out.append(_marks(o.old, "--", cut))
        elif cut and (_BLANK.search(o.old) or _BLANK.search(o.new)):
            out.append(_marks(o.old, "--") + _marks(o.new, "++"))
        else:
            out.append(f"{{~~{o.old}~>{o.new}~~}}")
    return "".join(out)


def _marks(text: str, mark: str, cut: bool = True) -> str:
    """`text` as one mark per paragraph, the blank lines between them marks of their own."""
    return "".join(f"{{{mark}{piece}{mark}}}" for piece in (_BLANK.split(text) if cut else [text]) if piece)


_BLANK_LINE = re.compile(r"(\n[ \t\r]*\n)\{>>blank line (added|deleted)<<\}")  # a blank line one side has


def accept(marked: str) -> str:
    """The text with every change accepted."""
    # a moved heading first: it is its line, whose end the comments after it must not yet have moved
    text = _HEADING_MOVED.sub(lambda m: m.group(2) if m.group(1) == "moved here" else "", marked)
    text = _BLANK_LINE.sub(lambda m: m.group(1) if m.group(2) == "added" else "", text)
    text = _REGION.sub(lambda m: m.group(3) if m.group(1) in _ADDED else "", text)
    text = _COMMENT.sub("", text)
    return _CRITIC.sub(lambda m: m.group(1) if m.group(1) is not None else (m.group(4) or "")
                       if m.group(3) is not None else "", text)


def reject(marked: str) -> str:
    """The text with every change rejected."""
    text = _HEADING_MOVED.sub(lambda m: "" if m.group(1) == "moved here" else m.group(2), marked)
    text = _BLANK_LINE.sub(lambda m: m.group(1) if m.group(2) == "deleted" else "", text)
    text = _REGION.sub(lambda m: "" if m.group(1) in _ADDED else m.group(3), text)
    text = _OLD_ID.sub(lambda m: f"{m.group(2)}{{#{m.group(1)}}}", text)
    text = _COMMENT.sub("", text)
    return _CRITIC.sub(lambda m: m.group(2) if m.group(2) is not None else (m.group(3) or "")
                       if m.group(3) is not None else "", text)

"""A redline for the terminal: the summary first, then each changed section with its edits in context.

Plain text marks deletions [-like this-] and insertions {+like this+} (as git's word diff does); on a colour
terminal they are red struck-through and green instead. Everything taken from the drafts (words, paths, section
ids, front matter, citations, the draft names) goes through `visible.show`: a control, bidirectional or invisible
character is printed as `<U+202E>`, so that the only escape sequences reaching the terminal are the colours'.
"""

from __future__ import annotations

from ..visible import WHITE_SPACE, show, shown
from .engine import DraftDiff
from .words import WordOp

CONTEXT = 8  # words of unchanged text kept on each side of a change


def render_text(diff: DraftDiff, color: bool = False) -> str:
    out = [f"Changes from {show(diff.old)} to {show(diff.new)}: {show(diff.summary_text())}", ""]
    for doc in diff.documents:
        if not doc.changes and not doc.front_matter:
            continue
        out.append(_bold(f"{show(doc.path)} ({show(doc.lang)})", color))
        for name, (before, after) in doc.front_matter.items():
            out.append(f"  {show(name)}: {_del(str(before), color)} {_ins(str(after), color)}")
        for ch in doc.changes:
            where = show(ch.name) + (f" {{#{show(ch.section)}}}" if ch.title and ch.section else "")
            origin = f" from {show(ch.old_section)}" if ch.old_section and ch.old_section != ch.section else ""
            counts = f" +{ch.inserted_words}/-{ch.deleted_words} words" if ch.kind in ("modified", "moved") else ""
            out.append(f"  [{ch.kind}] {where}{origin}{counts}")
            if ch.kind not in ("added", "removed"):
                for line in _excerpts(ch.ops, color):
                    out.append(f"      {line}")
        out.append("")
    if diff.citations:
        out.append(_bold("Citations", color))
        for cc in diff.citations:
            change = {"added": f"+ {cc.new}", "removed": f"- {cc.old}", "retargeted": f"{cc.old} -> {cc.new}"}[cc.kind]
            out.append(show(f"  [{cc.lang}] {cc.section or '(introduction)'}: {change}"))
    return "\n".join(out).rstrip() + "\n"


def _excerpts(ops: tuple[WordOp, ...], color: bool) -> list[str]:
    """Each run of changes with a few words of unchanged text around it, one line each."""
    lines = []
    for k, o in enumerate(ops):
        if o.op == "equal" or not (o.old.strip() or o.new.strip()):
            continue  # unchanged, or only the blank lines between paragraphs
        before = ops[k - 1].new if k and ops[k - 1].op == "equal" else ""
        after = ops[k + 1].new if k + 1 < len(ops) and ops[k + 1].op == "equal" else ""
        left = " ".join(_words(before)[-CONTEXT:])
        right = " ".join(_words(after)[:CONTEXT])
        marked = (_del(o.old, color) if o.old else "") + (" " if o.old and o.new else "") + \
            (_ins(o.new, color) if o.new else "")
        lines.append(f"…{left} {marked} {right}…".replace("\n", " "))
    return lines


def _del(text: str, color: bool) -> str:
    text = " ".join(_words(text)) or _visible(text)
    return f"\033[9;31m{text}\033[0m" if color else f"[-{text}-]"


def _ins(text: str, color: bool) -> str:
    text = " ".join(_words(text)) or _visible(text)
    return f"\033[32m{text}\033[0m" if color else f"{{+{text}+}}"


def _words(text: str) -> list[str]:
    """The words of `text` on one line, with every unsafe character shown. Shown before splitting: str.split
    takes some controls (U+001C-U+001F, U+0085) for white space and would drop them."""
    return show(text, keep=WHITE_SPACE).split()


def _visible(text: str) -> str:
    """A change of white space only, every character spelled out, so that it is seen."""
    return "".join(shown(ch) for ch in text)


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text

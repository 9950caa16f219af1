"""A redline for the terminal: the summary first, then each changed section with its edits in context.

Plain text marks deletions [-like this-] and insertions {+like this+} (as git's word diff does); on a colour
terminal they are red struck-through and green instead. Everything taken from the drafts (words, paths, section
ids, front matter, citations, the draft names) goes through `visible.show`: a control, bidirectional or invisible
character is printed as `<U+202E>`, so that the only escape sequences reaching the terminal are the colours'.
"""

from __future__ import annotations

import re

from ..visible import WHITE_SPACE, show, shown
from .credit import credit_text
from .engine import DraftDiff
from .words import WordOp, spaced

CONTEXT = 8  # words of unchanged text kept on each side of a change
_WORD = re.compile(r"\S+")
_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


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
            origin = ""
            if ch.old_section and ch.old_section != ch.section:  # where it was: its old title, and the old id
                old_title = doc.title(ch.old_section)
                origin = f" from {show(old_title)}" + (f" {{#{show(ch.old_section)}}}" if old_title != ch.old_section
                                                        else "")
            counts = f" +{ch.inserted_words}/-{ch.deleted_words} words" if ch.kind in ("modified", "moved") else ""
            out.append(f"  [{ch.kind}] {where}{origin}{counts}")
            if ch.by:
                out.append(f"      {show(credit_text(ch.by))}")
            if ch.kind not in ("added", "removed"):
                lines = _excerpts(ch.ops, color)
                if not lines and ch.kind == "moved":  # moved as it was: its words, to see what moved
                    lines = [moved_text(ch.ops)]
                for line in lines:
                    out.append(f"      {line}")
        out.append("")
    if diff.laws:
        out.append(_bold("Laws: provisions changed, and the sections that cite them", color))
        for change in diff.laws:
            out.append(show(f"  [{change.kind}] {change.label} (law:{change.law}#{change.provision})"))
            for text in change.texts:
                lines = _excerpts(text.ops, color) or [moved_text(text.ops)]
                out += [f"      [{show(text.lang)}] {line}" for line in lines]
                if text.by:
                    out.append(f"      {show(credit_text(text.by))}")
            if not change.cited_by:
                out.append("      cited by no section of the SOP")
            else:
                out.append("      cited by, to re-read:")
                out += [show(f"        {c.path}  {c.title}") for c in change.cited_by]
        out.append("")
    if diff.citations:
        out.append(_bold("Citations", color))
        for cc in diff.citations:
            change = {"added": f"+ {cc.new}", "removed": f"- {cc.old}", "retargeted": f"{cc.old} -> {cc.new}"}[cc.kind]
            out.append(show(f"  [{cc.lang}] {cc.section or '(introduction)'}: {change}"))
    return "\n".join(out).rstrip() + "\n"


def _excerpts(ops: tuple[WordOp, ...], color: bool) -> list[str]:
    """Each cluster of changes on one line, reading like the sentence it is in: a few unchanged words before it,
    the changes with the unchanged words between them, a few words after, all with the source's own spacing.
    Changes fewer than 2 x CONTEXT unchanged words apart are one cluster."""
    ops = spaced(list(ops))  # unchanged words once, as the new draft has them; white space moved into changes
    lines = []
    i, n = 0, len(ops)
    while i < n:
        if not _is_change(ops[i]):
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n:
            if _is_change(ops[j]):
                end, j = j, j + 1
            elif j + 1 < n and _is_change(ops[j + 1]) and len(ops[j].new.split()) <= 2 * CONTEXT:
                j += 1
            else:
                break
        before = ops[start - 1].new if start and ops[start - 1].op == "equal" else ""
        after = ops[end + 1].new if end + 1 < n and ops[end + 1].op == "equal" else ""
        parts = [_last_words(before)]
        parts += [_plain(o.new) if o.op == "equal" else _marked(o, color) for o in ops[start:end + 1]]
        parts.append(_first_words(after))
        lines.append(f"…{''.join(parts)}…")
        i = end + 1
    return lines


def moved_text(ops: tuple[WordOp, ...]) -> str:
    """The first words of a paragraph that moved without an edit, so that a reader sees what moved."""
    return f"…{_first_words(''.join(o.new for o in ops), 2 * CONTEXT)}…"


def _is_change(o: WordOp) -> bool:
    return o.op != "equal" and bool(o.old.strip() or o.new.strip() or o.old != o.new)


def _marked(o: WordOp, color: bool) -> str:
    """A change, its white space after the marks as the source writes it (never one added before punctuation)."""
    old_lead, old, old_space = _split_space(o.old)
    new_lead, new, new_space = _split_space(o.new)
    if not old and not new:  # white space alone changed (a blank line in a list or code): spelled out
        return (_del(o.old, color) if o.old else "") + (_ins(o.new, color) if o.new else "")
    # a space between the deletion and the insertion of a replacement: in colour, the two words would touch
    marked = " ".join(m for m in ((_del(old, color) if old else ""), (_ins(new, color) if new else "")) if m)
    lead, space = (new_lead, new_space) if new else (old_lead, old_space)
    return _plain(lead) + marked + _plain(space)


def _split_space(text: str) -> tuple[str, str, str]:
    """`text` as its leading white space, its words, and its trailing white space."""
    core = text.strip()
    if not core:
        return "", "", text
    start = text.index(core)
    return text[:start], core, text[start + len(core):]


def _last_words(text: str, count: int = CONTEXT) -> str:
    words = list(_WORD.finditer(text))
    return _plain(text[words[-count].start():] if len(words) > count else text)


def _first_words(text: str, count: int = CONTEXT) -> str:
    words = list(_WORD.finditer(text))
    return _plain(text[:words[count - 1].end()] if len(words) > count else text)


def _plain(text: str) -> str:
    """Text on one line (a line break is a space), every unsafe character shown."""
    return _BREAKS.sub(" ", show(text, keep=WHITE_SPACE))


def _del(text: str, color: bool) -> str:
    text = _plain(text).strip() or _visible(text)
    return f"\033[9;31m{text}\033[0m" if color else f"[-{text}-]"


def _ins(text: str, color: bool) -> str:
    text = _plain(text).strip() or _visible(text)
    return f"\033[32m{text}\033[0m" if color else f"{{+{text}+}}"


def _visible(text: str) -> str:
    """A change of white space only, every character spelled out, so that it is seen."""
    return "".join(shown(ch) for ch in text)


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text

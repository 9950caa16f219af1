"""A redline as Markdown with CriticMarkup: {++ inserted ++}, {-- deleted --}, {~~ old ~> new ~~}.

pymdownx.critic renders it on the site. Accepting every change gives the new draft's chapter body and
rejecting every change gives the old one (the tests hold it to that).
"""

from __future__ import annotations

import re

from .engine import DocumentDiff, DraftDiff, assemble
from .words import WordOp, spaced

_CRITIC = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}", re.S)


def render_markdown(diff: DraftDiff) -> str:
    out = [f"# Changes from {diff.old} to {diff.new}", "", diff.summary_text(), ""]
    for doc in diff.documents:
        if not doc.changes and not doc.front_matter:
            continue
        out += [f"## {doc.path} ({doc.lang})", ""]
        for name, (before, after) in doc.front_matter.items():
            out += [f"- {name}: {{~~{before}~>{after}~~}}"]
        if doc.front_matter:
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
            out += [f"- {text.lang}: {_marked(text.ops)}".replace("\n", " ")]
        cited = "; ".join(f"{c.path} {c.title}" for c in change.cited_by) or "no section of the SOP"
        out += ["", f"Cited by: {cited}", ""]
    return out


def document_body(doc: DocumentDiff) -> str:
    """The chapter's sections with every change marked, in reading order (blank lines between them belong to
    the sides that have text on both ends, so that accepting or rejecting leaves no stray ones)."""
    return _marked(tuple(assemble([slot.flat() for slot in doc.slots])))


def _marked(ops: tuple[WordOp, ...]) -> str:
    out = []
    for o in spaced(list(ops)):
        if o.op == "equal":
            out.append(o.new)
        elif o.op == "insert":
            out.append(f"{{++{o.new}++}}")
        elif o.op == "delete":
            out.append(f"{{--{o.old}--}}")
        else:
            out.append(f"{{~~{o.old}~>{o.new}~~}}")
    return "".join(out)


def accept(marked: str) -> str:
    """The text with every change accepted."""
    return _CRITIC.sub(lambda m: m.group(1) if m.group(1) is not None else (m.group(4) or "")
                       if m.group(3) is not None else "", marked)


def reject(marked: str) -> str:
    """The text with every change rejected."""
    return _CRITIC.sub(lambda m: m.group(2) if m.group(2) is not None else (m.group(3) or "")
                       if m.group(3) is not None else "", marked)

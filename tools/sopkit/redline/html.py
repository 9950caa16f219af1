"""A redline as a standalone web page: the summary, a change list linking into the document, each changed
section with <ins>, <del> and moved text in distinct styles; Arabic and Kurdish chapters laid out right to left.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..citations.find import LINK
from ..model import RTL_LANGUAGES
from .engine import DraftDiff
from .words import WordOp

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
_INVISIBLE = {"\u200b", "\u200e", "\u200f", "\u061c", "\ufeff", *map(chr, range(0x202A, 0x202F)),
              *map(chr, range(0x2066, 0x206A))}


def render_html(diff: DraftDiff) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    docs = []
    for k, doc in enumerate(diff.documents):
        if not doc.changes and not doc.front_matter:
            continue
        changes = [{"section": ch.section, "old_section": ch.old_section, "kind": ch.kind,
                    "anchor": f"c{k}-{n}", "html": _ops_html(ch.ops, ch.kind == "moved")}
                   for n, ch in enumerate(doc.changes)]
        docs.append({"path": doc.path, "lang": doc.lang, "dir": "rtl" if doc.lang in RTL_LANGUAGES else "ltr",
                     "front_matter": doc.front_matter, "changes": changes})
    return env.get_template("redline.html.j2").render(diff=diff, docs=docs)


def _ops_html(ops: tuple[WordOp, ...], moved: bool) -> Markup:
    out = []
    for o in ops:
        if o.op == "equal":
            out.append(f'<span class="moved-text">{_text(o.new)}</span>' if moved else _text(o.new))
            continue
        if o.old:
            out.append(f"<del>{_text(o.old)}</del>")
        if o.new:
            out.append(f"<ins>{_text(o.new)}</ins>")
    return Markup("".join(out))


def _text(s: str) -> str:
    """Escaped text: a citation link reads as its label with its target isolated left to right (raw Markdown
    links inside Arabic text are scrambled by the bidirectional algorithm), and invisible and direction
    characters are shown as a labelled box (never silently kept)."""
    out, pos = [], 0
    for m in LINK.finditer(s):
        out.append(_chars(s[pos:m.start()]))
        label = _chars(m.group("label"))
        target = f'{m.group("scheme")}:{m.group("target")}'
        out.append(f'<span class="cite">{label}<bdi dir="ltr" class="target">{escape(target)}</bdi></span>')
        pos = m.end()
    out.append(_chars(s[pos:]))
    return "".join(out)


def _chars(s: str) -> str:
    return "".join(f'<span class="invisible" title="U+{ord(ch):04X}">U+{ord(ch):04X}</span>' if ch in _INVISIBLE
                   else str(escape(ch)) for ch in s)

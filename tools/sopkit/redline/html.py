"""A redline as a standalone web page: the summary, a change list linking into the document, each changed
section with <ins>, <del> and moved text in distinct styles; Arabic and Kurdish chapters laid out right to left.

The page is inert: a Content-Security-Policy forbids scripts, frames, forms and every fetch (styles are inline),
and all text is escaped, so `<script>` in a chapter is shown as the words it is. Control, bidirectional and
invisible characters (visible.py) are shown as labelled boxes in the text and as `<U+202E>` in names and ids.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..citations.links import scan_links
from ..model import RTL_LANGUAGES
from ..visible import UNSAFE, WHITE_SPACE, show, shown
from .engine import DraftDiff, Labels
from .words import WordOp, spaced

# What the page allows: inline styles and data: images, nothing else (no script, no frame, no form, no fetch).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; " \
                          "form-action 'none'"


def render_html(diff: DraftDiff, labels: Labels | None = None) -> str:
    """The redline as a page. `labels` gives the words of a citation written without any, in the chapter's
    language (lookup.link_words); without it such a citation shows its target."""
    env = Environment(loader=PackageLoader("sopkit", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      keep_trailing_newline=True)
    env.filters["shown"] = show  # names, ids and values from the drafts; autoescaped after
    docs = []
    for k, doc in enumerate(diff.documents):
        if not doc.changes and not doc.front_matter:
            continue
        words = (lambda target, lang=doc.lang: labels(target, lang)) if labels else None
        changes = [{"section": ch.section, "name": ch.name, "old_section": ch.old_section, "kind": ch.kind,
                    "anchor": f"c{k}-{n}", "html": _ops_html(ch.ops, ch.kind == "moved", words)}
                   for n, ch in enumerate(doc.changes)]
        docs.append({"path": doc.path, "lang": doc.lang, "dir": "rtl" if doc.lang in RTL_LANGUAGES else "ltr",
                     "front_matter": doc.front_matter, "changes": changes})
    laws = [{"label": c.label, "kind": c.kind, "target": f"law:{c.law}#{c.provision}",
             "texts": [{"lang": t.lang, "dir": "rtl" if t.lang in RTL_LANGUAGES else "ltr",
                        "html": _ops_html(t.ops, False)} for t in c.texts],
             "cited_by": c.cited_by} for c in diff.laws]
    return env.get_template("redline.html.j2").render(diff=diff, docs=docs, laws=laws,
                                                      csp=Markup(CONTENT_SECURITY_POLICY))


def _ops_html(ops: tuple[WordOp, ...], moved: bool, words=None) -> Markup:
    out = []
    for o in spaced(list(ops)):
        if o.op == "equal":
            out.append(f'<span class="moved-text">{_text(o.new, words)}</span>' if moved else _text(o.new, words))
            continue
        if o.old:
            out.append(f"<del>{_text(o.old, words)}</del>")
        if o.new:
            out.append(f"<ins>{_text(o.new, words)}</ins>")
    return Markup("".join(out))


def _text(s: str, words=None) -> str:
    """Escaped text: a citation link reads as its label, as on the site (the words for its target where it has
    none), isolated in its own direction, with its target on hover only: a raw target inside Arabic or Kurdish
    words is scrambled by the bidirectional algorithm. Invisible and direction characters are shown as a
    labelled box (never silently kept)."""
    out, pos = [], 0
    for m in scan_links(s):
        out.append(_chars(s[pos:m.start]))
        target = f"{m.scheme}:{m.target}"
        label = _chars(m.label) if m.label.strip() else _isolated(_chars(words(target) if words else target))
        out.append(f'<bdi class="cite" title="{escape(show(target))}">{label}</bdi>')
        pos = m.end
    out.append(_chars(s[pos:]))
    return "".join(out)


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_LATIN_RUN = re.compile(r"[A-Za-z][^\u0600-\u06ff()]*[A-Za-z0-9]")


def _isolated(label: str) -> str:
    """A label in Arabic script naming a section by its English title (a chapter not translated yet), with
    that title isolated left to right: its words would otherwise pull the brackets around them out of place."""
    if not _ARABIC_SCRIPT.search(label):
        return label
    return _LATIN_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group()}</bdi>', label)


def _chars(s: str) -> str:
    """Escaped text, each unsafe character (but the white space the body keeps) as a labelled box."""
    out, pos = [], 0
    for m in UNSAFE.finditer(s):
        if m.group() in WHITE_SPACE:
            continue
        out.append(str(escape(s[pos:m.start()])))
        out.append(f'<span class="invisible" title="U+{ord(m.group()):04X}">{escape(shown(m.group()))}</span>')
        pos = m.end()
    out.append(str(escape(s[pos:])))
    return "".join(out)

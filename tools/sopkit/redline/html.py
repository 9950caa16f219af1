"""A redline as a standalone web page: the summary, a change list linking into the document, and each changed
section as a reader sees it, its Markdown rendered (tables, lists, emphasis, code) with <ins>, <del> and moved
text marked inside; Arabic and Kurdish chapters laid out right to left.

How a change is marked inside the rendered Markdown is htmlmarks.py's work.

The page is inert: a Content-Security-Policy forbids scripts, frames, forms and every fetch (styles are inline),
and markdown-it reads raw HTML as text, so `<script>` in a chapter is shown as the words it is. A citation reads
as its label (the words for its target where it has none) in a <bdi>, its target on hover only. Control,
bidirectional and invisible characters (visible.py) are shown as labelled boxes in the text and as `<U+202E>` in
names and ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..model import RTL_LANGUAGES
from ..visible import show
from .credit import credit_text
from .engine import Change, DocumentDiff, DraftDiff, Labels, Slot
from .htmlmarks import Context, marked, rendered, source
from .words import apply

# What the page allows: inline styles and data: images, nothing else (no script, no frame, no form, no fetch).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; " \
                          "form-action 'none'"

_SLOT_CLASS = {"inserted": "inserted", "deleted": "deleted", "moved_from": "moved-from", "moved_to": "moved-to"}
_WHOLE = {"inserted": "ins", "deleted": "del", "moved_from": "moved-away"}  # slots shown whole in one mark


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
        context = Context(_words_in(labels, doc.lang))
        changes = [{"name": ch.name, "kind": ch.kind, "anchor": f"c{k}-{n}"} for n, ch in enumerate(doc.changes)]
        docs.append({"path": doc.path, "lang": doc.lang, "dir": _dir(doc.lang), "front_matter": doc.front_matter,
                     "changes": changes, "parts": _Chapter(doc, k, context).parts()})
    laws = [{"label": c.label, "kind": c.kind, "target": f"law:{c.law}#{c.provision}",
             "texts": [{"lang": t.lang, "dir": _dir(t.lang),
                        "html": Markup(marked(t.ops, None, "paragraph", Context(_words_in(labels, t.lang))))}
                       for t in c.texts],
             "cited_by": c.cited_by} for c in diff.laws]
    return env.get_template("redline.html.j2").render(diff=diff, docs=docs, laws=laws,
                                                      csp=Markup(CONTENT_SECURITY_POLICY))


def _words_in(labels: Labels | None, lang: str):
    """The words for a citation without a label, in one language."""
    return (lambda target: labels(target, lang)) if labels else None


def _dir(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


# -- a chapter as the changed sections a reviewer reads ----------------------------------------------------------

@dataclass
class _Part:
    """A run of the chapter's slots standing in one section, in reading order (a moved section has two: where it
    was and where it is), with the changes the change list links to it."""

    section: str | None
    slots: list[Slot] = field(default_factory=list)
    changes: list[tuple[str, Change]] = field(default_factory=list)  # (the change list's anchor, the change)
    anchor: str = ""


class _Chapter:
    """One chapter's changed sections, each with its name, what changed in it, who changed it, and its paragraphs:
    the changed ones in full, an unchanged one next to a change as context, the others folded (never dropped)."""

    def __init__(self, doc: DocumentDiff, k: int, context: Context):
        self.doc, self.k, self.context = doc, k, context
        self.runs: list[_Part] = []
        for slot in doc.slots:
            if not self.runs or self.runs[-1].section != slot.section:
                self.runs.append(_Part(slot.section))
            self.runs[-1].slots.append(slot)
        for n, change in enumerate(doc.changes):
            mine = [r for r in self.runs if r.section == change.section]
            home = next((r for r in mine if any(s.kind != "moved_from" for s in r.slots)), mine[0] if mine else None)
            if home is None:  # a change with no slot to show it: shown by its own operations
                home = _Part(change.section)
                self.runs.append(home)
            home.changes.append((f"c{k}-{n}", change))
        for n, run in enumerate(self.runs):
            run.anchor = f"p{k}-{n}"
        self.names = dict(doc.titles)  # each section's number and title in either draft
        self.partners = {(s.move, s.kind): s for s in doc.slots if s.move is not None}
        # a section whose heading moved moved whole: the engine reports that move before the paragraphs moving in
        moved_headings = {s.section for s in doc.slots if s.heading and s.kind == "moved_to"}
        self.whole_moves: dict = {}
        for change in doc.changes:
            if change.kind == "moved" and change.section in moved_headings:
                self.whole_moves.setdefault(change.section, change)

    def parts(self) -> list[dict]:
        homes = {r.section: r for r in self.runs if r.changes}
        out = []
        for run in self.runs:
            if not run.changes and not any(s.changed for s in run.slots):
                continue
            notes = [self._note(anchor, change) for anchor, change in run.changes]
            home = homes.get(run.section)
            if not run.changes and home is not None and any(s.kind == "moved_from" for s in run.slots):
                notes.append({"id": None, "kind": "moved", "text": Markup(
                    f'away from here: the whole section now stands at <a href="#{home.anchor}">'
                    f'{self._name(run.section)}</a>')})
            body = self._body(run) if run.slots else "".join(marked(change.ops, None, "paragraph", self.context)
                                                             for _, change in run.changes)
            name = self.names.get(run.section) or (run.changes[0][1].name if run.changes else "(introduction)")
            out.append({"anchor": run.anchor, "section": run.section, "name": name, "notes": notes,
                        "html": Markup(body)})
        return out

    def _name(self, section: str | None) -> str:
        name = self.names.get(section, section or "(introduction)")
        return f'<bdi lang="{escape(show(self.doc.lang))}" class="title">{escape(show(name))}</bdi>'

    def _note(self, anchor: str, change: Change) -> dict:
        """One line of a section's header: the kind of change, in words that read forwards, and who made it."""
        words = []
        if change.kind == "renamed":
            old_label, new_label = apply(list(change.ops))
            if old_label != new_label:
                words.append(f'from <bdi lang="{escape(show(self.doc.lang))}" class="title">'
                             f'{escape(show(old_label))}</bdi>')
        if change.kind in ("renamed", "modified") and change.old_section and change.old_section != change.section:
            words.append(f'its id was <bdi dir="ltr"><code>#{escape(show(change.old_section))}</code></bdi>')
        if change.kind == "moved" and self.whole_moves.get(change.section) is change:
            left = next((r for r in self.runs if r.section == change.section and not r.changes), None)
            if left is not None:
                words.append(f'the whole section, from <a href="#{left.anchor}">its old place</a>')
        elif change.kind == "moved":  # a paragraph, from another section (or another place in this one)
            arrived = next((s for s in self.doc.slots if s.kind == "moved_to" and s.section == change.section
                            and not s.heading and s.ops == change.ops), None)
            origin = self._name(change.old_section)
            words.append(f'from <a href="#m{self.k}-{arrived.move}-from">{origin}</a>' if arrived is not None
                         else f"from {origin}")
        if change.by:
            words.append(f'<span class="by">{escape(show(credit_text(change.by)))}</span>')
        return {"id": anchor, "kind": change.kind, "text": Markup(", ".join(words))}

    def _body(self, part: _Part) -> str:
        """A section's paragraphs: changed ones in full, an unchanged one beside a change as muted context, runs of
        other unchanged ones in a <details> a reader can open."""
        body = [s for s in part.slots if not s.heading]
        changed = [s.changed for s in body]
        out: list[str] = []
        folded: list[str] = []
        for i, slot in enumerate(body):
            shown_slot = self._slot(slot)
            if changed[i] or (i > 0 and changed[i - 1]) or (i + 1 < len(body) and changed[i + 1]):
                out += [_folded(folded), shown_slot]
                folded = []
            else:
                folded.append(shown_slot)
        out.append(_folded(folded))
        return "".join(out)

    def _slot(self, slot: Slot) -> str:
        """One paragraph, in a box saying what happened to it (and, for a paragraph moved between sections, where
        it went or came from)."""
        css = _SLOT_CLASS.get(slot.kind, "edited" if slot.changed else "context")
        anchor, note = "", ""
        if slot.move is not None:
            here, there = ("from", "to") if slot.kind == "moved_from" else ("to", "from")
            anchor = f' id="m{self.k}-{slot.move}-{here}"'
            partner = self.partners.get((slot.move, "moved_to" if slot.kind == "moved_from" else "moved_from"))
            if partner is not None and partner.section != slot.section:
                words = "moved to" if slot.kind == "moved_from" else "moved here from"
                note = (f'<p class="move-note"><bdi dir="ltr" lang="en">{words} '
                        f'<a href="#m{self.k}-{slot.move}-{there}">{self._name(partner.section)}</a></bdi></p>')
        if slot.kind in _WHOLE:
            base = _WHOLE[slot.kind]
            content = rendered(slot.new if base == "ins" else slot.old, base, self.context) \
                or source(slot.ops, base, self.context)
        else:
            content = marked(slot.ops, "moved" if slot.kind == "moved_to" else None, slot.block, self.context)
        return f'<div class="slot {css}"{anchor}>{note}{content}</div>'


def _folded(slots: list[str]) -> str:
    if not slots:
        return ""
    return (f'<details class="unchanged"><summary><bdi dir="ltr" lang="en">{len(slots)} unchanged '
            f'paragraph{"s" if len(slots) > 1 else ""}</bdi></summary>{"".join(slots)}</details>')



"""The words of a provision as plain text, shortened, for the hover and tap text of a citation link.

The text is the one a reader of the language is sent to (the law's own text in that language, else its
authoritative text: Layout.law_text), read as the site renders it (Markdown made into words: no `*`, no link
syntax), on one line, cut at a word boundary with an ellipsis. A provision with no words of its own under its
heading (an article made only of paragraphs) is given by the words of its parts.

Example:
    >>> excerpt = Excerpts(corpus).of(corpus.laws["iq/law-28-2012"], "6.1", "ckb")
    >>> excerpt.lang, excerpt.text[:26]
    ('ckb', 'سزاکە زیندانی هەتاهەتایی و')
"""

from __future__ import annotations

import re
from typing import NamedTuple

import lxml.html
import markdown

from ..model import Corpus, Law
from .layout import Layout

LIMIT = 300  # characters: about three lines of a tooltip, enough to recognise the provision
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


class Excerpt(NamedTuple):
    text: str  # plain words, at most LIMIT characters and the ellipsis
    lang: str  # the language of the words: the reader's, or the law's authoritative one


def shorten(words: str, limit: int = LIMIT) -> str:
    """`words` cut to at most `limit` characters at a word boundary, with an ellipsis where cut. A single word
    longer than the limit (a run without spaces) is cut inside it rather than dropped."""
    if len(words) <= limit:
        return words
    cut = words[:limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else words[:limit]
    return cut.rstrip(" ,;:،؛.-–—") + ELLIPSIS


def plain_words(text: str) -> str:
    """Markdown as the words a reader sees, on one line."""
    if not text.strip():
        return ""
    rendered = markdown.markdown(text)
    if not rendered.strip():
        return ""
    return _SPACE.sub(" ", lxml.html.fragment_fromstring(rendered, create_parent="div").text_content()).strip()


class Excerpts:
    """The excerpts of one corpus's provisions, each made once per build (a provision is cited many times)."""

    def __init__(self, corpus: Corpus, limit: int = LIMIT):
        self.corpus = corpus
        self.limit = limit
        self._made: dict[tuple[str, str, str], Excerpt | None] = {}
        self._positions: dict[str, dict[str, int]] = {}  # per law text: where each provision stands

    def of(self, law: Law, provision: str, lang: str) -> Excerpt | None:
        """What a reader of `lang` is shown of `provision` of `law`; None where the text it is sent to does not
        hold the provision, or holds no words for it."""
        key = (law.id, provision, lang)
        if key not in self._made:
            self._made[key] = self._make(law, provision, lang)
        return self._made[key]

    def _make(self, law: Law, provision: str, lang: str) -> Excerpt | None:
        text = Layout.law_text(law, lang)
        if text is None or text.provision(provision) is None:
            return None
        words = plain_words(text.provision(provision).text)
        if not words:  # the words of its parts, in order: "First: ... Second: ..."
            words = self._parts(text, provision)
        if not words:
            return None
        return Excerpt(shorten(words, self.limit), text.lang)

    def _parts(self, text, provision: str) -> str:
        """The words of the parts that follow `provision` in `text`, up to a little past the limit."""
        if text.path not in self._positions:
            self._positions[text.path] = {p.id: n for n, p in enumerate(text.provisions) if p.id}
        start = self._positions[text.path][provision]
        out: list[str] = []
        size = 0
        for part in text.provisions[start + 1:]:
            if not (part.id or "").startswith(provision + "."):
                break
            words = plain_words(part.text)
            if words:
                out.append(f"{_SPACE.sub(' ', part.label).strip()}: {words}" if part.label.strip() else words)
                size += len(out[-1]) + 1
            if size > self.limit:
                break
        return " ".join(out)

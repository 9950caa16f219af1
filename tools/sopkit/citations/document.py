"""The citations of a document: every citation of a passage, a chapter or the whole corpus, linked or plain,
found and resolved, with its place (line, column, section). What the check, `--fix`, `sop cite` and `sop refs`,
and the diff engine all read; the renderers will too.

A passage is a paragraph (text between blank lines): "this Law" and a bare "Article 5" refer to the law cited
last in the same passage. Code (fenced, indented, inline) is never read; headings hold no plain-text citations.

Example:
    >>> [r.law for _, r in passage_citations(corpus, "Article 6 of Law No. 28 of 2012 and Article 7 of this Law")]
    ['iq/law-28-2012', 'iq/law-28-2012']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..codespans import code_spans as inline_code_spans
from ..model import Chapter, Corpus
from .find import find_citations, find_links
from .resolve import Resolution, Resolver, law_names


@dataclass(frozen=True)
class ChapterCitation:
    """A resolved citation with its place in a chapter."""

    chapter: Chapter
    section: str | None  # the id of the section it stands in (None in the introduction)
    line: int
    column: int
    resolution: Resolution


def code_spans(text: str, code_lines) -> list[tuple[int, int]]:
    """Character spans of fenced and indented code blocks and of inline code: never citations."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = []
    for first, last in code_lines:
        a = starts[first - 1] if first - 1 < len(starts) else len(text)
        b = starts[last] if last < len(starts) else len(text)
        spans.append((a, b))
    spans += inline_code_spans(text)
    return sorted(spans)


def passage_citations(corpus: Corpus, text: str, names=None, skip=(), plain_skip=(),
                      resolver: Resolver | None = None) -> list[tuple[int, Resolution]]:
    """Every citation of a text, linked or plain, in order and resolved, with the offset of its paragraph.

    `skip` spans are never read (code); `plain_skip` spans hold no plain-text citations (headings).
    """
    names = names or law_names(corpus)
    skip = list(skip)
    links = find_links(text, skip)
    plain = find_citations(text, names, skip=skip + list(plain_skip) + [(c.start, c.end) for c in links])
    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
    resolver = resolver.fresh() if resolver else Resolver(corpus)
    out = []
    passage = -1
    for c in sorted(links + plain, key=lambda c: c.start):
        p = bisect.bisect_right(breaks, c.start)
        if p != passage:
            resolver.reset()
            passage = p
        res = Resolution(c, None, (), "ok") if c.law.kind == "sop" else resolver.resolve(c)
        out.append((p, res))
    return out


def chapter_citations(corpus: Corpus, chapter: Chapter, text: str, names=None,
                      resolver: Resolver | None = None) -> list[ChapterCitation]:
    """Every citation of one chapter, in order, resolved, with its line, column and section."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    headings = [(starts[s.line - 1], starts[s.line] if s.line < len(starts) else len(text)) for s in chapter.sections]
    section_lines = [s.line for s in chapter.sections]
    out = []
    for _, res in passage_citations(corpus, text, names, code_spans(text, chapter.code_lines), headings, resolver):
        start = res.citation.start
        line = bisect.bisect_right(starts, start)
        s = bisect.bisect_right(section_lines, line) - 1
        section = chapter.sections[s].id if s >= 0 else None
        out.append(ChapterCitation(chapter, section, line, start - starts[line - 1] + 1, res))
    return out


def corpus_citations(corpus: Corpus) -> list[ChapterCitation]:
    """Every citation of every chapter: the index behind `sop refs`."""
    names = law_names(corpus)
    resolver = Resolver(corpus)
    texts = {f.path: f.text for f in corpus.files}
    return [cc for ch in corpus.chapters if ch.path in texts
            for cc in chapter_citations(corpus, ch, texts[ch.path], names, resolver)]

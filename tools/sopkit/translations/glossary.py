"""T003: a chapter uses a rendering the glossary lists under `avoid` for one of its concepts.

One term for one concept: glossary.yml gives each concept its term per language and, where drafts and
translations have used another wording for it, that wording under `avoid:`. The chapters of that language are
read in the folded view (normalize.py: hamza and alef forms, taa marbuta, Arabic and Kurdish letter variants,
no diacritics or tatweel), so that الجرم المشهود is found however it is spelled. A rendering is found as a whole
word sequence, with the particles Arabic joins before a word (و ب ل ف ك, with ال) and the endings Kurdish adds
after it. Quoted text («…», “…”, "…") is a quotation of another text and is not read, nor is code.

Example:
    >>> [d.message for d in check_glossary(corpus)]
    []
"""

from __future__ import annotations

import bisect
import re

from ..citations.document import code_spans
from ..diagnostics import Diagnostic, diagnostic
from ..memo import Memo
from ..model import Chapter, Corpus, Term
from ..normalize import fold, normalize

_AR_BEFORE = r"(?:[وفبلك]{0,2}(?:ال|لل)?)?"  # وبال، لل، ف ... before an Arabic word (ال of the avoided form dropped)
_CKB_AFTER = r"(?:ەکان|ەکە|ەکەی|ەکانی|ی|دا|ە|ش|یش)?"  # folded below like the text
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")


def check_glossary(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """T003 over every chapter, in every language."""
    patterns = _patterns(corpus.glossary)
    if not patterns:
        return []
    texts = {f.path: f.text for f in corpus.files}
    out = []
    for chapter in corpus.chapters:
        mine = patterns.get(chapter.lang)
        if mine and chapter.path in texts:
            out += _chapter_findings(chapter, texts[chapter.path], mine)
    return out


def _patterns(glossary: tuple[Term, ...]) -> dict[str, list[tuple[re.Pattern, Term, str]]]:
    """Per language, (pattern of an avoided rendering in folded text, its concept, the rendering as written)."""
    out: dict = {}
    for term in glossary:
        for lang, renderings in term.avoid.items():
            for rendering in renderings:
                words = fold(rendering).split(" ")
                if not words or not words[0]:
                    continue
                first = words[0]
                if lang == "ar" and first.startswith("ال"):
                    first = first[2:]
                    before = _AR_BEFORE
                elif lang == "ar":
                    before = r"(?:[وفبلك]{0,2})"
                else:
                    before = ""
                after = fold(_CKB_AFTER) if lang == "ckb" else ""
                body = r"\s+".join([re.escape(first)] + [re.escape(w) for w in words[1:]])
                flags = re.IGNORECASE if lang == "en" else 0
                pattern = re.compile(rf"(?<!\w){before}{body}{after}(?!\w)", flags)
                out.setdefault(lang, []).append((pattern, term, rendering))
    return out


def _chapter_findings(chapter: Chapter, text: str, patterns) -> list[Diagnostic]:
    skip = code_spans(text, chapter.code_lines) + [m.span() for m in _QUOTED.finditer(text)]
    view = normalize(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out = []
    for pattern, term, rendering in patterns:
        for m in pattern.finditer(view.text):
            start, _ = view.original_span(m.start(), m.end())
            if any(a <= start < b for a, b in skip):
                continue
            line = _line_of(starts, start)
            col = start - starts[line - 1] + 1
            wanted = term.terms.get(chapter.lang, "")
            out.append(diagnostic("T003", chapter.path, line, col,
                                  f"'{rendering}' for the concept '{term.terms.get('en', term.id)}': the glossary's "
                                  f"term is '{wanted}'", f"write '{wanted}', in the form the sentence needs "
                                  f"(glossary.yml: {term.id})"))
    return sorted(out, key=lambda d: (d.line, d.column))


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)

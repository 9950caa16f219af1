"""The glossary page of each language (`glossary.md`, `ar/glossary.md`, `ckb/glossary.md`): every concept of
glossary.yml with its term in the reader's language first, then in the other languages, each in its own
direction, and the note (written in English, so marked as English on the other pages). The renderings the
glossary asks translators to avoid are listed with their concept, so that a reader who meets one knows what is
meant. Terms are in the glossary's order (grouped by subject there).

Example:
    >>> glossary_page(corpus, "ar").splitlines()[0]
    '# المسرد'
"""

from __future__ import annotations

from ..model import Corpus
from .pages import direction, foreign
from .strings import say, words
from .text import markdown_text

GLOSSARY = "glossary.md"  # in each language's folder beside its home page


def glossary_page(corpus: Corpus, lang: str) -> str:
    """The Markdown of the glossary page of `lang`."""
    languages = [lang] + [x for x in corpus.settings.languages if x != lang]
    names = words(lang)["languages"]
    out = [f"# {markdown_text(say(lang, 'glossary', 'title'))}", "",
           markdown_text(say(lang, "glossary", "text")), ""]
    head = [*(names.get(x, x) for x in languages), say(lang, "glossary", "note")]
    out.append("| " + " | ".join(markdown_text(h) for h in head) + " |")
    out.append("|" + "---|" * len(head))
    for term in corpus.glossary:
        cells = [_in(term.terms.get(x, ""), x, lang) for x in languages]
        cells[0] = f'<span id="{term.id}"></span>{cells[0]}'  # glossary/#flagrant-offence: a term can be linked
        note = _in(term.note, "en", lang, block=True) if term.note else ""
        avoid = [_in(r, x, lang) for x in languages for r in term.avoid.get(x, ())]
        if avoid:
            comma = "، " if direction(lang) == "rtl" else ", "
            note += (" " if note else "") + f"{markdown_text(say(lang, 'glossary', 'avoid'))} {comma.join(avoid)}"
        out.append(f"| {' | '.join(cells)} | {note} |")
    return "\n".join(out) + "\n"


def _in(text: str, own: str, lang: str, block: bool = False) -> str:
    """`text` as a table cell, in its own direction where its language is not the page's (pages.foreign)."""
    cell = markdown_text(text).replace("|", "\\|").replace("\n", " ")
    return foreign(cell, own, lang, block) if cell else cell

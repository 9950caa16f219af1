"""The laws in a comparison of two drafts: every provision whose text changed between them, with its old and new
text and the SOP sections that cite it (what `sop refs --since` knows), so that a reviewer sees what to re-read.

A provision is named as a legal writer names it (labels.provision_label, in English; the texts keep their own
language). Its texts are compared per language, as `lookup.changed_provisions` does; the words of the change
are the redline's own word operations.

Example:
    >>> [c.label for c in law_changes(load_draft(".", "wg-2"), load_draft(".", "wg-3"))]
    ['Article 6(1) of the Anti-Human Trafficking Law No. 28 of 2012']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..citations.document import corpus_citations
from ..labels import numerals, provision_label
from ..lookup import Key, changed_provisions, references
from ..model import Corpus
from .engine import credit_dict
from .words import WordOp, tokenize, word_ops


@dataclass(frozen=True)
class CitingSection:
    path: str  # the chapter file
    lang: str
    section: str | None  # its id; None for the chapter's introduction
    title: str  # "5.4 Interviewing victims", or "(introduction)"


@dataclass(frozen=True)
class LawTextChange:
    lang: str
    old: str  # the provision's text in the old draft ("" when it had none in this language)
    new: str
    ops: tuple[WordOp, ...]
    by: tuple = ()  # who changed it: the last commit that changed the law's file (credit.py)


@dataclass(frozen=True)
class LawChange:
    law: str
    provision: str
    kind: str  # changed, added, removed
    label: str  # "Article 6(1) of the Anti-Human Trafficking Law No. 28 of 2012"
    texts: tuple[LawTextChange, ...]
    cited_by: tuple[CitingSection, ...]

    def as_dict(self) -> dict:
        return {"law": self.law, "provision": self.provision, "kind": self.kind, "label": self.label,
                "texts": [{"lang": t.lang, "old": t.old, "new": t.new, "by": [credit_dict(c) for c in t.by]}
                          for t in self.texts],
                "cited_by": [{"path": c.path, "lang": c.lang, "section": c.section, "title": c.title}
                             for c in self.cited_by]}


def law_changes(old: Corpus, new: Corpus) -> tuple[LawChange, ...]:
    """Every provision whose text differs between the drafts, with the sections of the new draft (or of the old,
    for a provision removed) that cite it."""
    changes = changed_provisions(old, new)
    if not changes:
        return ()
    index: dict[int, list] = {}  # each draft's citations, read once and only when asked for
    out = []
    for change in changes:
        corpus = new if change.law in new.laws and change.kind != "removed" else old
        if id(corpus) not in index:
            index[id(corpus)] = corpus_citations(corpus)
        refs = references(corpus, [Key(change.law, change.provision)], index[id(corpus)])
        out.append(LawChange(change.law, change.provision, change.kind,
                             provision_label(corpus, change.law, change.provision, "en"),
                             _texts(old, new, change), _citing(refs)))
    return tuple(out)


def _texts(old: Corpus, new: Corpus, change) -> tuple[LawTextChange, ...]:
    a, b = old.laws.get(change.law), new.laws.get(change.law)
    langs = change.languages or tuple(sorted({*(a.texts if a else {}), *(b.texts if b else {})}))
    out = []
    for lang in langs:
        before, after = _provision_text(a, lang, change.provision), _provision_text(b, lang, change.provision)
        if before == after:
            continue
        out.append(LawTextChange(lang, before, after, tuple(word_ops(tokenize(before), tokenize(after)))))
    return tuple(out)


def _provision_text(law, lang: str, provision: str) -> str:
    text = law.texts.get(lang) if law is not None else None
    found = text.provision(provision) if text is not None else None
    return found.text.strip() if found is not None else ""


def _citing(refs) -> tuple[CitingSection, ...]:
    seen: dict[tuple, CitingSection] = {}
    for ref in refs:
        cc = ref.citation
        chapter = cc.chapter
        section = chapter.section(cc.section) if cc.section else None
        title = (f"{numerals(section.number_text, chapter.lang)} {section.label}".strip() if section is not None
                 else "(introduction)")
        key = (chapter.path, cc.section)
        seen.setdefault(key, CitingSection(chapter.path, chapter.lang, cc.section, title))
    return tuple(seen.values())

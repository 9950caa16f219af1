"""Look-ups for legal advisers: what a text cites (`sop cite`), which sections rely on a provision
(`sop refs`), and what to review when a law's text changed between two revisions (`sop refs --since`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import labels
from .citations.document import ChapterCitation, corpus_citations, passage_citations
from .citations.resolve import Resolution
from .citations.targets import LAW, LawTarget, SectionTarget, law_target, parse_target
from .diagnostics import UsageError
from .model import Corpus, Law

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
KURDISH_LETTERS = re.compile("[\u06d5\u0695\u06b5\u06c6\u06ce\u06a4\u067e\u0686\u0698\u06af]")


def guess_language(text: str) -> str:
    """en, ar or ckb from the letters used: Sorani has letters Arabic does not (ە ڕ ڵ ۆ ێ ڤ پ چ ژ گ)."""
    if KURDISH_LETTERS.search(text):
        return "ckb"
    return "ar" if ARABIC_SCRIPT.search(text) else "en"


def cite(corpus: Corpus, text: str) -> list[Resolution]:
    """The citations in `text`, linked or plain, resolved (offsets into `text`)."""
    return [res for _, res in passage_citations(corpus, text)]


def provision_label(law: Law, provision: str | None, lang: str) -> str:
    """The provision as a legal writer names it within its law, in `lang` (labels.py): "Article 6(1)",
    "البند (أولاً) من المادة (6)"; the law's name when no provision is given."""
    return labels.provision_label(law, law.id, provision, lang, form=labels.SHORT)


@dataclass(frozen=True)
class Key:
    law: str
    provision: str | None

    def __str__(self) -> str:
        return law_target(self.law, self.provision)

    def covers(self, law: str, provision: str | None) -> bool:
        """A citation of `law#provision` relies on this key: the same provision, a part of it, or the whole."""
        if law != self.law:
            return False
        if self.provision is None:
            return True
        if provision is None:  # naming the whole law in passing does not rely on one provision
            return False
        return provision == self.provision or provision.startswith(self.provision + ".") or \
            self.provision.startswith(provision + ".")


def parse_key(corpus: Corpus, key: str) -> Key:
    """`law:iq/law-28-2012#6`, `iq/law-28-2012#6` or `iq/law-28-2012`."""
    target = parse_target(key if key.startswith(f"{LAW}:") else f"{LAW}:{key}")
    law_id, provision = target.law, target.provision
    law = corpus.laws.get(law_id)
    if law is None:
        raise UsageError(f"no law '{law_id}' in laws/; write the key as law:<law id>#<provision>, "
                         "e.g. law:iq/law-28-2012#6")
    if provision and provision not in law.provision_ids():
        raise UsageError(f"{law_id} has no provision '{provision}'")
    return Key(law_id, provision or None)


@dataclass(frozen=True)
class Reference:
    """A section that cites a provision covered by a key."""

    citation: ChapterCitation
    provisions: tuple[str, ...]  # what it cites, of the key's law


def references(corpus: Corpus, keys: list[Key], index: list[ChapterCitation] | None = None) -> list[Reference]:
    """Every citation in the SOP (every language) that relies on one of `keys`."""
    out = []
    for cc in index if index is not None else corpus_citations(corpus):
        r = cc.resolution
        if not r.law or r.status == "unknown-law":
            continue
        cited = r.provisions or (None,)
        hits = tuple(p for p in cited if any(k.covers(r.law, p) for k in keys))
        if hits:
            out.append(Reference(cc, tuple(p for p in hits if p)))
    return out


@dataclass(frozen=True)
class ProvisionChange:
    law: str
    provision: str
    kind: str  # changed, added, removed
    languages: tuple[str, ...]


def changed_provisions(old: Corpus, new: Corpus, law_filter: Key | None = None) -> list[ProvisionChange]:
    """Provisions whose text differs between two corpora, in any language."""
    out = []
    for law_id in sorted(set(old.laws) | set(new.laws)):
        if law_filter and law_filter.law != law_id:
            continue
        a, b = old.laws.get(law_id), new.laws.get(law_id)
        ids_a = a.provision_ids() if a else frozenset()
        ids_b = b.provision_ids() if b else frozenset()
        for pid in sorted(ids_a | ids_b, key=_provision_order):
            if law_filter and not law_filter.covers(law_id, pid):
                continue
            if pid not in ids_a:
                out.append(ProvisionChange(law_id, pid, "added", ()))
            elif pid not in ids_b:
                out.append(ProvisionChange(law_id, pid, "removed", ()))
            else:
                langs = tuple(lang for lang in sorted(set(a.texts) | set(b.texts))
                              if _text(a, lang, pid) != _text(b, lang, pid))
                if langs:
                    out.append(ProvisionChange(law_id, pid, "changed", langs))
    return out


def _text(law: Law, lang: str, pid: str) -> str | None:
    t = law.texts.get(lang)
    p = t.provision(pid) if t else None
    return " ".join(p.text.split()) if p else None


def _provision_order(pid: str):
    return [(0, int(s), "") if s.isdigit() else (1, 0, s) for s in re.split(r"\.", pid)]


def link_words(*corpora: Corpus):
    """A function giving the words a reader sees for a link written with no label, `[](law:…)` or
    `[](sop:…)`, in a language: the provision cited with its law ("Article 6(1)(b) of the Anti-Human
    Trafficking Law No. 28 of 2012"), or the section's number and title ("section 5.4 (Interviewing victims)";
    labels.py). The first corpus that knows the target answers; an unknown target is its own words."""

    def words(target: str, lang: str) -> str:
        parsed = parse_target(target)
        if isinstance(parsed, SectionTarget):
            found = next(filter(None, (labels.section_label(c, parsed.section, lang) for c in corpora)), None)
            return found.text if found else parsed.section
        if isinstance(parsed, LawTarget):
            for corpus in corpora:
                if parsed.law in corpus.laws:
                    return labels.provision_label(corpus, parsed.law, parsed.provision, lang)
        return target

    return words

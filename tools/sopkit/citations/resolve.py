"""Resolve found citations against the corpus: which law, which provisions, and whether they stand.

Status is one of `ok`, `unknown-law`, `unknown-provision`, `repealed`, `ambiguous`. A law named by "this Law"
or "منه", or not named at all, is the law cited just before in the same passage; with none before, the
citation is ambiguous. "The Protocol" is the protocol cited before, or ambiguous between the protocols the corpus
holds; "this article" is the article cited before. A name made another state's, jurisdiction's or era's ("the
Yemeni Penal Code", a Kurdistan Region law, the 1970 constitution) or given with another number or year than the
bundled law's is not that law: it is an unknown law, and "this law" after it does not reach past it.

Suggestions come from structure first (the paragraph dropped, a neighbouring article,
two digits swapped, the successor of a repealed law), then from rapidfuzz on titles and aliases, and are given
only when clearly better than the runner-up.

Example:
    >>> resolved = resolve_citations(find_citations("Article 6(1) of Law No. 28 of 2012", names), corpus)
    >>> resolved[0].law, resolved[0].provisions, resolved[0].status
    ('iq/law-28-2012', ('6.1',), 'ok')
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Corpus, Law
from ..normalize import fold
from .find import Citation, LawNames

STATUSES = ("ok", "unknown-law", "unknown-provision", "repealed", "ambiguous")


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    law: str | None
    provisions: tuple[str, ...]
    status: str
    hint: str = ""
    suggestion: str | None = None  # a law id or a provision id that was probably meant
    unknown: tuple[str, ...] = ()  # the provisions that do not exist

    @property
    def provision(self) -> str | None:
        return self.provisions[0] if len(self.provisions) == 1 else None


def law_names(corpus: Corpus) -> LawNames:
    """Every title and alias of every law, in every language, for the finder."""
    return LawNames.build({law.id: _names(law) for law in corpus.laws.values()})


def _names(law: Law) -> list[str]:
    if law.meta is None:
        return []
    return list(law.meta.title.values()) + [a for names in law.meta.aliases.values() for a in names]


class Resolver:
    """Resolves citations of one passage in order, remembering the law cited last."""

    def __init__(self, corpus: Corpus, by_number: dict | None = None):
        self.corpus = corpus
        self.previous: str | None = None  # the law cited last; OUTSIDE when it is not one of the corpus
        self.article: str | None = None  # the one article cited last, for "this article"
        self._by_number = by_number if by_number is not None else number_index(corpus)

    def fresh(self) -> "Resolver":
        """A resolver for another passage, sharing this one's index."""
        return Resolver(self.corpus, self._by_number)

    def reset(self) -> None:
        """A new passage: "this Law" no longer refers to what came before."""
        self.previous = None
        self.article = None

    def resolve(self, c: Citation) -> Resolution:
        got = self._resolve(c)
        if got.law is None and got.status == "unknown-law":
            self.previous = OUTSIDE  # "this law" after another state's law is that law, not one before it
        articles = {p.split(".")[0] for p in got.provisions}
        if len(articles) == 1 and not next(iter(articles)).startswith("@"):
            self.article = next(iter(articles))
        return got

    def _resolve(self, c: Citation) -> Resolution:
        ref = c.law
        if any(p.startswith("@") for p in c.provisions):  # "this article": the article cited before
            if self.article is None:
                return Resolution(c, None, c.provisions, "ambiguous", "the citation names 'this article' and no "
                                  "article is cited before it; name the article")
            c = replace(c, provisions=tuple(self.article + p[1:] for p in c.provisions))
        if ref.other:
            return Resolution(c, None, c.provisions, "unknown-law",
                              f"the law it names is {_whose(ref.other)}, not one in laws/")
        if ref.kind == "name" and ref.law_id is None:
            return self._unknown_law(c, f"no law named '{ref.words}' in laws/")
        if ref.kind == "generic":
            return self._generic(c)
        if ref.said and self.previous == OUTSIDE:  # "الدستور المذكور" after the 1970 constitution
            return Resolution(c, None, c.provisions, "unknown-law", "the law it names is the one named just before "
                              "it, which is not in laws/")
        if ref.kind in ("id", "name"):
            law_id = ref.law_id
            mismatch = _mismatch(self.corpus.laws.get(law_id), ref)
            if mismatch:
                return Resolution(c, None, c.provisions, "unknown-law", mismatch)
        elif ref.kind == "number":
            candidates = [law for law in self._by_number.get((ref.number.lstrip("0"), ref.year), [])
                          if (law.meta.type == "instructions") == (ref.type == "instructions")]
            if len(candidates) > 1:
                return Resolution(c, None, c.provisions, "ambiguous",
                                  f"{len(candidates)} laws have number {ref.number} of {ref.year}: "
                                  + ", ".join(law.id for law in candidates))
            if not candidates:
                return self._unknown_law(c, f"no law No. {ref.number} of {ref.year} in laws/")
            law_id = candidates[0].id
        elif self.previous == OUTSIDE:
            return Resolution(c, None, c.provisions, "unknown-law", "the law cited just before it is not in laws/; "
                              "the citation names no other")
        elif self.previous:  # "this Law", "منه", or no law named: the law cited just before
            law_id = self.previous
        else:
            words = "'this law'" if ref.kind == "same" else "no law"
            return Resolution(c, None, c.provisions, "ambiguous",
                              f"the citation names {words} and no law is cited before it; name the law")
        law = self.corpus.laws.get(law_id)
        if law is None:
            return self._unknown_law(c, f"no law '{law_id}' in laws/")
        self.previous = law.id
        got = self._check_provisions(c, law)
        if ref.fuzzy and got.status == "ok":  # a near spelling is read as the law it nearly spells, and said so
            got = replace(got, hint=f"'{c.text}' names the law as '{ref.words}', read as {law.id} "
                                    f"({_title(law)}): check the spelling")
        return got

    def _generic(self, c: Citation) -> Resolution:
        """"The Protocol": the one cited before in the passage, else the question which."""
        kind = c.law.words
        candidates = sorted(law.id for law in self.corpus.laws.values() if _is_kind(law, kind))
        if self.previous in candidates:
            law = self.corpus.laws[self.previous]
            return self._check_provisions(c, law)
        if not candidates:
            return Resolution(c, None, c.provisions, "unknown-law", f"no {kind} in laws/")
        named = [f"{law_id} ({_short(self.corpus.laws[law_id])})" for law_id in candidates]
        return Resolution(c, None, c.provisions, "ambiguous",
                          f"which {kind}? laws/ holds {' and '.join(named)}; name the one meant")

    def _unknown_law(self, c: Citation, hint: str) -> Resolution:
        guess = suggest_law(self.corpus, c)
        if guess:
            hint += f"; did you mean {guess}?"
        return Resolution(c, None, c.provisions, "unknown-law", hint, suggestion=guess)

    def _check_provisions(self, c: Citation, law: Law) -> Resolution:
        meta = law.meta
        if meta and meta.status == "repealed":
            successor = f"; it was repealed by {meta.repealed_by}" if meta.repealed_by else ""
            return Resolution(c, law.id, c.provisions, "repealed", f"{law.id} is repealed{successor}",
                              suggestion=meta.repealed_by)
        known = law.provision_ids()
        unknown = tuple(p for p in c.provisions if p not in known)
        if unknown:
            guess = suggest_provision(unknown[0], known)
            hint = f"{law.id} has no provision {', '.join(unknown)}"
            if guess:
                hint += f"; did you mean {guess}?"
            return Resolution(c, law.id, c.provisions, "unknown-provision", hint, suggestion=guess, unknown=unknown)
        for p in c.provisions:
            history = _history(law, p)
            if history and history.repealed:
                by = f" by {history.by}" if history.by else ""
                return Resolution(c, law.id, c.provisions, "repealed",
                                  f"provision {p} of {law.id} was repealed on {history.repealed}{by}",
                                  suggestion=history.by)
        return Resolution(c, law.id, c.provisions, "ok")


OUTSIDE = "\0outside"  # Resolver.previous after a law that is not in the corpus


def _whose(other: str) -> str:
    """What a name is said to be: "Yemen" and "the Kurdistan Region" -> "a law of ..."; "a model law", "the
    Baghdadi Penal Code of 1918" stay as they are."""
    return other if other.startswith(("a ", "an ", "another ", "the Baghdadi")) else f"a law of {other}"


def _mismatch(law: Law | None, ref) -> str:
    """Why a name given with a number or year is not the bundled law of that name ("" when it is)."""
    if law is None or law.meta is None:
        return ""
    meta = law.meta
    if ref.number and meta.number and ref.number.lstrip("0") != meta.number.lstrip("0"):
        return f"the law it names is No. {ref.number}, not {law.id} (No. {meta.number} of {meta.year})"
    if ref.year and meta.year and ref.year != meta.year and meta.type != "treaty":
        return f"the law it names is of {ref.year}, not {law.id} (of {meta.year}); laws/ holds no such law"
    return ""


def _is_kind(law: Law, kind: str) -> bool:
    """Whether a law is a `kind` ("protocol", "convention") by its English title."""
    return law.meta is not None and kind in law.meta.title.get("en", "").lower().split(",")[0].split()


def _short(law: Law) -> str:
    """The name a reader knows a law by: its first English alias, else its title."""
    if law.meta is None:
        return law.id
    return next(iter(law.meta.aliases.get("en", ())), None) or _title(law)


def _title(law: Law) -> str:
    return law.meta.title.get("en", law.id) if law.meta else law.id


def number_index(corpus: Corpus) -> dict[tuple[str, str], list[Law]]:
    """(number without leading zeros, year) -> the laws so numbered."""
    index: dict[tuple[str, str], list[Law]] = {}
    for law in corpus.laws.values():
        if law.meta and law.meta.number:
            index.setdefault((law.meta.number.lstrip("0"), law.meta.year), []).append(law)
    return index


def _history(law: Law, provision: str):
    """The recorded history of a provision or of the article or paragraph that contains it."""
    if law.meta is None:
        return None
    parts = provision.split(".")
    for n in range(len(parts), 0, -1):
        h = law.meta.provisions.get(".".join(parts[:n]))
        if h:
            return h
    return None


def resolve_citations(citations: list[Citation], corpus: Corpus) -> list[Resolution]:
    """Resolve citations of one passage, in order."""
    resolver = Resolver(corpus)
    return [resolver.resolve(c) for c in citations]


def suggest_provision(missing: str, known: frozenset[str]) -> str | None:
    """The provision probably meant: the paragraph dropped, two digits swapped, or the nearest article."""
    parts = missing.split(".")
    for n in range(len(parts) - 1, 0, -1):  # 6.9 -> 6, when 6 exists and 6.9 does not
        parent = ".".join(parts[:n])
        if parent in known:
            return parent
    article = parts[0]
    if article.isdigit() and len(article) >= 2:
        swapped = {article[:i] + article[i + 1] + article[i] + article[i + 2:] for i in range(len(article) - 1)}
        hits = sorted({".".join([s] + parts[1:]) for s in swapped if s != article} & known)
        if len(hits) == 1:
            return hits[0]
    if article.isdigit():
        articles = sorted(int(k) for k in known if k.isdigit())
        if articles and (int(article) > articles[-1] or int(article) < articles[0]):
            return None  # beyond the law's last article: no honest guess
    return None


def suggest_law(corpus: Corpus, c: Citation) -> str | None:
    """The law probably meant: same number in another year, or the closest title (only if clearly best)."""
    ref = c.law
    if ref.kind == "number":
        same_number = [law.id for law in corpus.laws.values() if law.meta and law.meta.number
                       and law.meta.number.lstrip("0") == ref.number.lstrip("0")]
        same_year = [law.id for law in corpus.laws.values() if law.meta and law.meta.year == ref.year
                     and law.meta.number]
        if len(same_number) == 1:
            return same_number[0]
        if len(same_year) == 1:
            return same_year[0]
        return None
    from rapidfuzz import fuzz, process

    if ref.kind == "id" and ref.law_id:
        choices = {law.id: law.id for law in corpus.laws.values()}
        query, scorer = ref.law_id, fuzz.ratio
    elif ref.kind == "name" and ref.words:
        choices = folded_titles(corpus)
        query, scorer = fold(ref.words).removeprefix("the "), fuzz.ratio
    else:
        return None
    ranked = process.extract(query, list(choices), scorer=scorer, limit=5)
    if not ranked or ranked[0][1] < 80:
        return None
    best = choices[ranked[0][0]]
    runner_up = next((r for r in ranked[1:] if choices[r[0]] != best), None)  # aliases of the same law do not compete
    if runner_up is None or ranked[0][1] - runner_up[1] >= 10:
        return best
    return None


def folded_titles(corpus: Corpus) -> dict[str, str]:
    """Folded title or alias -> law id, for fuzzy look-ups."""
    return {fold(name): law.id for law in corpus.laws.values() for name in _names(law)}

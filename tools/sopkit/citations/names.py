"""Law titles and aliases in a trie of folded words: which law a text names, found in one walk; and, when no
name is spelled exactly, the one a text nearly spells (rapidfuzz), in any of the three languages.

Words are matched as written or with the particles Arabic and Kurdish join to them: و ب ل ف before the first
word (لقانون العقوبات, بالدستور), لە بە before a Kurdish one (لەیاسای), and the endings Kurdish adds to the last
(عێراقیدا, مرۆڤەوە -> مرۆڤ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold
from .vocabulary import MISSPELLINGS

_PUNCT = ",.;:)]}،؛»\"'"
_PUNCT_REACH = 16  # how much punctuation may follow a name's last word (`Law)),`) and still be stripped
_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "وب", "ول", "و", "ب", "ل", "ف", "له", "به")  # folded (لە -> له)
# folded Kurdish endings: ەکەدا ... ی, ییە (دەستوورییە), یش (عێراقیش: "also")
_SUFFIXES = ("هکهدا", "هکهی", "هکه", "ییه", "یشه", "یدا", "یش", "دا", "هوه", "وه", "یه", "ش", "ی", "ه")  # ه: سزادانە, "is"
FUZZY_CUTOFF = 86  # rapidfuzz ratio (0-100) a span must reach to be taken for a name it nearly spells
FUZZY_MARGIN = 6  # ... and by how much it must beat the best name of another law
_MISSPELT = tuple((fold(wrong), fold(right)) for wrong, right in MISSPELLINGS.items())
_COMMON = frozenset("the and against especially with from into that this united nations law laws".split())
_SPAN_STOP = re.compile(r"[\d(\[.;؛:«»\"]")  # a title may hold commas: "Protocol to Prevent, Suppress and ..."


@dataclass(frozen=True)
class LawNames:
    """Law titles and aliases, folded, in a trie of words, to recognise laws named in text. Built once per corpus."""

    trie: dict = field(default_factory=dict)  # word -> [children, law id or None, full name]
    longest: int = 0  # the most words in one name
    widest: int = 0  # the most characters in one word of a name
    labels: dict = field(default_factory=dict, compare=False, repr=False)  # link text -> its citations
    folded: dict = field(default_factory=dict)  # folded name -> law id, for near misses
    vocabulary: frozenset = frozenset()  # every word of every name, for the quick test before a near match
    subjects: dict = field(default_factory=dict, compare=False, repr=False)  # kind heads -> {word: law id}

    @classmethod
    def build(cls, names: dict[str, list[str]]) -> "LawNames":
        """`names` maps a law id to the names it is known by, in any language."""
        trie: dict = {}
        by_name: dict = {}
        longest = widest = 0
        for law_id, law_names in names.items():
            for name in law_names:
                folded = fold(name)
                by_name.setdefault(folded.removeprefix("the "), law_id)
                for variant in {folded, folded.removeprefix("the ")}:
                    words = variant.split(" ")
                    if not variant:
                        continue
                    longest = max(longest, len(words))
                    widest = max(widest, *map(len, words))
                    node = trie
                    for n, w in enumerate(words):
                        entry = node.setdefault(w, [{}, None, None])
                        if n == len(words) - 1 and entry[1] is None:
                            entry[1], entry[2] = law_id, variant
                        node = entry[0]
        return cls(trie, longest, widest, folded=by_name,
                   vocabulary=frozenset(w.strip(_PUNCT) for name in by_name for w in name.split()
                                        if len(w.strip(_PUNCT)) > 3 and w.strip(_PUNCT) not in _COMMON))

    def match_at(self, s: str, pos: int) -> tuple[int, str, str] | None:
        """The longest name starting at `pos` of folded text `s`: (end, name, law id)."""
        node, i, best = self.trie, pos, None
        reach = self.widest + _PUNCT_REACH + 4
        while i < len(s):
            j = s.find(" ", i, i + reach)  # bounded: a line without spaces must not be read once per anchor
            if j < 0:
                if i + reach < len(s):
                    break  # longer than any name's word, even with particles and punctuation around it
                j = len(s)
            word = s[i:j]
            entry = _entry(node, word, first=i == pos)
            if entry is None:
                bare = word.rstrip(_PUNCT)
                if bare != word and (entry := _entry(node, bare, first=i == pos)) is not None and entry[1]:
                    best = (i + len(bare), entry[2], entry[1])
                break
            if entry[1]:
                best = (j, entry[2], entry[1])
            elif (ending := _entry(node, word, first=i == pos, written=False)) is not None and ending[1]:
                best = (j, ending[2], ending[1])  # دەستوری: a name (دەستور) with an ending, and the start of another
            node, i = entry[0], j + 1
        return best

    def near_at(self, s: str, pos: int, skip: tuple[str, ...] = (), heads: frozenset = frozenset()) \
            -> tuple[int, str, str] | None:
        """The name that the words from `pos` nearly spell (a letter off, a word more or less: "Human Trafficking
        Law", یاسای سزاکانی عێراقی): (end, name, law id), only when it is clearly that law's. Words in `skip`
        at the start ("iraq's") are passed over. With `heads`, the words must hold one of them (law, code,
        قانون ...) and another word of some name, or they are not compared at all: most words after an article
        are not a law's name, and comparing them all would make long texts slow."""
        if not self.folded:
            return None
        from rapidfuzz import fuzz, process

        words = []
        for m in re.finditer(r"\S+", s[pos:pos + 12 * (self.widest + 2)]):
            word = m.group()
            stop = _SPAN_STOP.search(word)
            if stop is not None:
                word = word[:stop.start()]
                if word:
                    words.append((word, pos + m.start() + len(word)))
                break
            words.append((word, pos + m.end()))
            if len(words) > self.longest + 2:
                break
        while words and words[0][0] in skip:
            words.pop(0)
        if heads:
            bare = [w.strip(_PUNCT) for w, _ in words]
            if not any(w in heads for w in bare) or not any(w in self.vocabulary and w not in heads for w in bare):
                return None
        best = None
        choices = list(self.folded)
        for k in range(len(words), 1, -1):
            span = " ".join(w for w, _ in words[:k])
            # a rival below cutoff - margin cannot matter; rapidfuzz skips what cannot reach it early
            ranked = process.extract(span, choices, scorer=fuzz.ratio, limit=8,
                                     score_cutoff=FUZZY_CUTOFF - FUZZY_MARGIN)
            if not ranked or ranked[0][1] < FUZZY_CUTOFF:
                continue
            law_id = self.folded[ranked[0][0]]
            rival = next((r[1] for r in ranked[1:] if self.folded[r[0]] != law_id), 0)
            if ranked[0][1] - rival >= FUZZY_MARGIN and (best is None or ranked[0][1] > best[0]):
                best = (ranked[0][1], words[k - 1][1], ranked[0][0], law_id)
        return best[1:] if best else None

    def by_subject(self, words: list[str], heads: frozenset) -> str | None:
        """The one instrument of a kind (its names start with one of `heads`: protocol, بروتوكول ...) that the
        `words` after a bare "the Protocol" describe, by the words of its names no other instrument of that kind
        has: "the Protocol on Combating Migrant Trafficking through Land, sea, air" has four of the smuggling
        protocol's (migrant, land, sea, air) and one of the trafficking protocol's (trafficking). It must have at
        least two, and more than twice any other's; else None (the Protocol stays a kind, resolved by context)."""
        votes: dict = {}
        for word in words:
            if law_id := self.subject_of(word, heads):
                votes[law_id] = votes.get(law_id, 0) + 1
        ranked = sorted(votes.values(), reverse=True)
        if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] <= 2 * ranked[1]):
            return None
        return next(law_id for law_id, n in votes.items() if n == ranked[0])

    def subject_of(self, word: str, heads: frozenset) -> str | None:
        """The instrument of the kind `heads` begin whose names alone hold folded `word` (or its singular or
        plural in English), or None."""
        marks = self.subjects.get(heads)
        if marks is None:
            owners: dict = {}
            for name, law_id in self.folded.items():
                first, *rest = name.split(" ")
                if first in heads:
                    for w in rest:
                        w = w.strip(_PUNCT)
                        if len(w) > 2 and w not in _COMMON:  # "sea", "air"
                            owners.setdefault(w, set()).add(law_id)
            marks = self.subjects[heads] = {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}
        return marks.get(word) or marks.get(word + "s") or (marks.get(word[:-1]) if word.endswith("s") else None)

    def match_around(self, s: str, pos: int, word: str) -> tuple[int, int, str, str] | None:
        """The longest name that contains the word at `pos`: (start, end, name, law id)."""
        best = None
        start = pos
        for _ in range(self.longest):
            got = self.match_at(s, start) if start == 0 or s[start - 1] == " " else None
            if got and got[0] > pos and (best is None or got[0] - start > best[1] - best[0]):
                best = (start, got[0], got[1], got[2])
            if start == 0:
                break
            floor = max(0, start - 1 - self.widest - _PUNCT_REACH)  # bounded, as in match_at
            space = s.rfind(" ", floor, start - 1)
            if space < 0 and floor > 0:
                break
            start = space + 1
        return best


def _entry(node: dict, word: str, first: bool, written: bool = True):
    """The trie entry for `word`, as written (unless not `written`) or without a particle joined before it (first
    word only) or an ending Kurdish joins after it; a common misspelling (دەستور) is read as the word."""
    for wrong, right in _MISSPELT:
        if wrong in word and right not in word:
            word = word.replace(wrong, right, 1)
            break
    entry = node.get(word) if written else None
    if entry is not None:
        return entry
    if first:
        for p in _PREFIXES:
            if word.startswith(p) and len(word) > len(p) + 2:
                rest = ("ال" + word[len(p):]) if p.endswith(("ال", "لل")) else word[len(p):]
                if (entry := node.get(rest)) is not None:
                    return entry
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            if (entry := node.get(word[:-len(suffix)])) is not None:
                return entry
    return None

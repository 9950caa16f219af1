"""Law titles and aliases in a trie of folded words: which law a text names, found in one walk."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalize import fold

_PUNCT = ",.;:)]}،؛»\"'"
_PUNCT_REACH = 16  # how much punctuation may follow a name's last word (`Law)),`) and still be stripped


@dataclass(frozen=True)
class LawNames:
    """Law titles and aliases, folded, in a trie of words, to recognise laws named in text. Built once per corpus."""

    trie: dict = field(default_factory=dict)  # word -> [children, law id or None, full name]
    longest: int = 0  # the most words in one name
    widest: int = 0  # the most characters in one word of a name
    labels: dict = field(default_factory=dict, compare=False, repr=False)  # link text -> its citations

    @classmethod
    def build(cls, names: dict[str, list[str]]) -> "LawNames":
        """`names` maps a law id to the names it is known by, in any language."""
        trie: dict = {}
        longest = widest = 0
        for law_id, law_names in names.items():
            for name in law_names:
                folded = fold(name)
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
        return cls(trie, longest, widest)

    def match_at(self, s: str, pos: int) -> tuple[int, str, str] | None:
        """The longest name starting at `pos` of folded text `s`: (end, name, law id)."""
        node, i, best = self.trie, pos, None
        reach = self.widest + _PUNCT_REACH
        while i < len(s):
            j = s.find(" ", i, i + reach)  # bounded: a line without spaces must not be read once per anchor
            if j < 0:
                if i + reach < len(s):
                    break  # longer than any name's word, even with punctuation after it
                j = len(s)
            word = s[i:j]
            entry = node.get(word)
            if entry is None:
                bare = word.rstrip(_PUNCT)
                entry = node.get(bare) if bare != word else None
                if entry is not None and entry[1]:
                    best = (i + len(bare), entry[2], entry[1])
                break
            if entry[1]:
                best = (j, entry[2], entry[1])
            node, i = entry[0], j + 1
        return best

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

"""The grammar of citations in English, Arabic and Kurdish: patterns over folded text, and the reader.

A small recursive-descent reader starts at an anchor word (article, paragraph, point, a law's head word) and
reads: points and paragraphs "of" an article, the article's number (digits of any system, an ordinal word, a
Kurdish number word), its paragraphs after a slash or in parentheses, lists and ranges, then the law (number and
year, a title or alias, or "this law" / "منه"). The words themselves are data, in vocabulary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold
from . import vocabulary as V
from .names import LawNames
from .records import LawRef

MAX_RANGE = 300  # a range wider than this is not expanded ("Articles 1 to 90000" is a typo, not a citation)


# -- patterns over folded text --------------------------------------------------------------------------

def _alt(words) -> str:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in folded)


_W = r"[\w\u0600-\u06ff]"


_WORD_CHAR = re.compile(_W)


def _is_word_char(ch: str) -> bool:
    return _WORD_CHAR.match(ch) is not None


ARTICLE = re.compile(rf"(?:{_alt(V.ARTICLE_WORDS)})(?!{_W})")
SUB = re.compile(rf"(?:{_alt(V.PARAGRAPH_WORDS + V.POINT_WORDS)})(?!{_W})")
ORDINAL = re.compile(rf"(?:{_alt(V.ORDINALS)})(?!{_W})")
ORDINAL_VALUE = {fold(k): v for k, v in V.ORDINALS.items()}
ARTICLE_ORDINAL = re.compile(rf"(?:{_alt(V.ARTICLE_ORDINALS)})(?!{_W})")
ARTICLE_ORDINAL_VALUE = {fold(k): v for k, v in V.ARTICLE_ORDINALS.items()}
ABJAD_VALUE = {fold(k): v for k, v in V.ABJAD.items()}
NUMBER = re.compile(r"(\d{1,5})(?:\s?(bis|ter|مکرر(?:ه)?|مکرره))?(?![\da-z])")
OPEN = re.compile(r"[(\[]{1,2}\s*")
CLOSE = re.compile(r"\s*[)\]]{1,2}")
EZAFE = re.compile(r"(?:\s?ی)(?!\w)")
OF = re.compile(rf"\s*(?:,|،)?\s*(?:(?:{_alt(V.OF_WORDS)})(?!{_W})\s*|(?<=[)\d])ی\s*)|\s*[,،]\s*")
AND = re.compile(rf"\s*(?:,|،|(?:{_alt(V.AND_WORDS)})(?!{_W})|و)\s*")  # و also written joined: وثالثاً
RANGE = re.compile(rf"\s*(?:(?:{_alt(V.RANGE_WORDS)})(?!{_W})|-)\s*")
FROM = re.compile(rf"(?:{_alt(V.FROM_WORDS)})\s*")
SLASH = re.compile(r"\s*/\s*")
LETTER = re.compile(r"([a-j])(?![a-z])")
ABJAD = re.compile(rf"({_alt(V.ABJAD)})(?!{_W})")
KURDISH_NUMBER = re.compile(
    rf"(?:{_alt(V.KURDISH_HUNDREDS)}|{_alt(V.KURDISH_TENS)}|{_alt(V.KURDISH_TEENS)}|{_alt(V.KURDISH_UNITS)})"
    rf"(?:\s(?:و|وە)\s(?:{_alt(V.KURDISH_TENS)}|{_alt(V.KURDISH_TEENS)}|{_alt(V.KURDISH_UNITS)}))*(?!{_W})")
KURDISH_VALUE = {fold(k): v for d in (V.KURDISH_UNITS, V.KURDISH_TEENS, V.KURDISH_TENS, V.KURDISH_HUNDREDS)
                 for k, v in d.items()}
SAME_LAW = re.compile(rf"(?:{_alt(V.SAME_LAW)})(?!{_W})")
LAW_HEAD = re.compile(rf"(?:the\s)?(?:{_alt(V.LAW_WORDS)})(?!{_W})")
INSTR_HEAD = re.compile(rf"(?:the\s)?(?:{_alt(V.INSTRUCTION_WORDS)})(?!{_W})")
NUMBER_WORD = re.compile(rf"(?:{_alt(V.NUMBER_WORDS)})(?!{_W})\s*")
YEAR_WORD = re.compile(rf"\s*(?:{_alt(V.YEAR_WORDS)})(?!{_W})\s*")
YEAR = re.compile(r"(?:[(\[]\s*((?:19|20)\d\d)\s*[)\]]|((?:19|20)\d\d))(?!\d)")
SHORT_NUMBER_YEAR = re.compile(r"\s*(\d{1,4})\s*/\s*((?:19|20)\d\d)(?!\d)")
def trie_pattern(words) -> str:
    """One regex alternation for many words, factored by common prefixes so the engine tries few branches at a
    position (a flat alternation of 150 words ran 6 times slower on chapter text)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(trie)


_ANCHOR_WORDS = {fold(w) for w in V.ARTICLE_WORDS + V.PARAGRAPH_WORDS + V.POINT_WORDS + V.LAW_WORDS
                 + V.INSTRUCTION_WORDS} | {"the " + fold(w) for w in V.LAW_WORDS + V.INSTRUCTION_WORDS}
# Where a citation may start; the word boundary before it is checked in code (a leading look-behind would stop
# the regex engine from skipping ahead by first letter).
ANCHOR = re.compile(f"(?:{trie_pattern(_ANCHOR_WORDS)})(?!{_W})")
# An English law named by capitalised words ending in a head word ("the Anti-Human Traficking Law"): a name the
# corpus does not know. Case is checked on the original text (see _read); the folded text is lower case.
UNKNOWN_NAME = re.compile(r"(?:the )?((?:[a-z][\w'-]* ){1,6}(?:law|act|code|protocol|convention))(?![\w])")
TITLE_STOP = re.compile(rf"(?:{_alt(V.NUMBER_WORDS)})(?!{_W})|[(\[\d]")


@dataclass
class _Sub:
    para: list[str] = field(default_factory=list)
    point: list[str] = field(default_factory=list)


class _Reader:
    """Reads one citation at a time from a folded text."""

    def __init__(self, s: str, names: LawNames | None):
        self.s = s
        self.names = names or LawNames()

    def m(self, pattern: re.Pattern, pos: int):
        return pattern.match(self.s, pos)

    # values --------------------------------------------------------------------------------------------

    def wrapped(self, pos: int, inner):
        """inner(pos) -> (end, value), optionally in parentheses or brackets."""
        o = self.m(OPEN, pos)
        if o:
            got = inner(o.end())
            if got:
                c = self.m(CLOSE, got[0])
                if c:
                    return c.end(), got[1]
            return None
        return inner(pos)

    def para_value(self, pos: int):
        def inner(p):
            if n := self.m(NUMBER, p):
                return n.end(), n.group(1)
            if o := self.m(ORDINAL, p):
                return o.end(), str(ORDINAL_VALUE[o.group()])
            return None
        return self.wrapped(pos, inner)

    def point_value(self, pos: int):
        def inner(p):
            if a := self.m(ABJAD, p):
                return a.end(), ABJAD_VALUE[a.group(1)]
            if lt := self.m(LETTER, p):
                return lt.end(), lt.group(1)
            return None
        return self.wrapped(pos, inner)

    def sub_value(self, pos: int):
        """A paragraph (number or ordinal) or a point (letter) value: ("para"|"point", end, value)."""
        if got := self.para_value(pos):
            return "para", got[0], got[1]
        if got := self.point_value(pos):
            return "point", got[0], got[1]
        return None

    # articles -------------------------------------------------------------------------------------------

    def article_number(self, pos: int):
        def inner(p):
            if n := self.m(NUMBER, p):
                suffix = "bis" if n.group(2) and n.group(2) != "ter" else (n.group(2) or "")
                return n.end(), n.group(1).lstrip("0") + suffix if n.group(1).strip("0") else n.group(1)
            if o := self.m(ARTICLE_ORDINAL, p):
                return o.end(), str(ARTICLE_ORDINAL_VALUE[o.group()])
            if k := self.m(KURDISH_NUMBER, p):
                return k.end(), str(sum(KURDISH_VALUE[w] for w in k.group().split() if w in KURDISH_VALUE))
            return None
        pos = (self.m(NUMBER_WORD, pos) or _Empty(pos)).end()
        return self.wrapped(pos, inner)

    def article_item(self, pos: int):
        """One article with its paragraphs: 6, 6(2), 5(1)(c), 9/أولاً وثالثاً, (3/ثانياً), 12 /1st & 2nd."""
        o = self.m(OPEN, pos)
        start = o.end() if o else pos
        got = self.article_number(start) if o else self.article_number(pos)
        if not got:
            return None
        end, number = got
        sub = _Sub()
        if s := self.m(SLASH, end):
            values = self.sub_list(s.end())
            if values:
                end = values[0]
                for kind, value in values[1]:
                    (sub.para if kind == "para" else sub.point).append(value)
        if o:
            c = self.m(CLOSE, end)
            if not c:
                return None
            end = c.end()
        while end < len(self.s) and self.s[end] == "(":  # 6(2), 5(1)(c): no space
            got = self.sub_value(end)
            if not got or self.s[end + 1:end + 2].isspace():
                break
            kind, end, value = got
            (sub.para if kind == "para" and not sub.para else sub.point).append(value)
        if e := self.m(EZAFE, end):
            end = e.end()
        return end, number, sub

    def sub_list(self, pos: int):
        first = self.sub_value(pos)
        if not first:
            return None
        values = [(first[0], first[2])]
        end = first[1]
        while (a := self.m(AND, end)) and (nxt := self.sub_value(a.end())):
            if self.m(SLASH, nxt[1]):  # "50/First and 60/Second": 60 is the next article, not a paragraph
                break
            values.append((nxt[0], nxt[2]))
            end = nxt[1]
        return end, values

    def article_list(self, pos: int):
        """Articles after the article word: one, a list, a range, or "from X to Y", maybe bracketed as a whole."""
        o = self.m(OPEN, pos)
        if o and (got := self._article_list(o.end())) and (c := self.m(CLOSE, got[0])):
            return (c.end(),) + got[1:]
        return self._article_list(pos)

    def _article_list(self, pos: int):
        if f := self.m(FROM, pos):
            a = self.article_item(f.end())
            if a and (r := self.m(RANGE, a[0])) and (b := self.article_item(r.end())):
                return b[0], [(a[1], a[2])], [(b[1], b[2])], True
        first = self.article_item(pos)
        if not first:
            return None
        items = [(first[1], first[2])]
        end = first[0]
        if (r := self.m(RANGE, end)) and (b := self.article_item(r.end())):
            return b[0], items, [(b[1], b[2])], True
        while (a := self.m(AND, end)) and (nxt := self.article_item(a.end())):
            items.append((nxt[1], nxt[2]))
            end = nxt[0]
        return end, items, [], False

    def post_subs(self, pos: int, sub: _Sub) -> int:
        """Paragraphs named after the article: "Article 2 Second", "المادة 21 الفقرة ثانياً"."""
        p = pos
        ws = re.compile(r"\s*,?\s*").match(self.s, p).end()
        if o := self.m(ORDINAL, ws):
            sub.para.append(str(ORDINAL_VALUE[o.group()]))
            return o.end()
        if w := self.m(SUB, ws):
            got = self.sub_list(self.skip_space(w.end()))
            if got:
                for kind, value in got[1]:
                    (sub.para if kind == "para" else sub.point).append(value)
                return got[0]
        return pos

    def skip_space(self, pos: int) -> int:
        while pos < len(self.s) and self.s[pos] == " ":
            pos += 1
        return pos

    # laws -----------------------------------------------------------------------------------------------

    def law(self, pos: int):
        """The law after a provision (or alone): (end, LawRef) or None."""
        if m := self.m(SAME_LAW, pos):
            return m.end(), LawRef("same", words=m.group())
        head = self.m(INSTR_HEAD, pos)
        kind = "instructions" if head else None
        head = head or self.m(LAW_HEAD, pos)
        named = self.names.match_at(self.s, pos + 4 if self.s.startswith("the ", pos) else pos)
        if head and not named:
            if sy := self.m(SHORT_NUMBER_YEAR, head.end()):  # Law 28/2012
                return sy.end(), LawRef("number", number=sy.group(1), year=sy.group(2), type=kind or "law",
                                        words=self.s[pos:sy.end()])
            got = self.number_year(head.end(), title_words=8)
            if got:
                return got[0], LawRef("number", number=got[1], year=got[2], type=kind or "law",
                                      words=self.s[pos:got[0]])
        if not named and (unknown := self.m(UNKNOWN_NAME, pos)):  # a law's name we do not know
            return unknown.end(), LawRef("name", law_id=None, words=unknown.group(1))
        if named:
            end, name, law_id = named
            got = self.number_year(end, title_words=3)
            if got:
                return got[0], LawRef("name", law_id=law_id, number=got[1], year=got[2], words=name)
            if y := self.m(YEAR_WORD, end):
                if yy := self.m(YEAR, y.end()):
                    end = yy.end()
            return end, LawRef("name", law_id=law_id, words=name)
        return None

    def number_year(self, pos: int, title_words: int):
        """ [title words] No. 28 of 2012 / رقم (28) لسنة 2012 / ژمارە (٢٨)ی ساڵی ٢٠١٢ -> (end, number, year)."""
        p = self.skip_space(pos)
        for _ in range(title_words + 1):
            if nw := self.m(NUMBER_WORD, p):
                got = self.wrapped(nw.end(), lambda q: (n.end(), n.group(1)) if (n := self.m(NUMBER, q)) else None)
                if not got:
                    return None
                end = got[0]
                if e := self.m(EZAFE, end):
                    end = e.end()
                if (yw := self.m(YEAR_WORD, end)) and (y := self.m(YEAR, yw.end())):
                    return y.end(), got[1], y.group(1) or y.group(2)
                return None
            word = re.compile(r"[^\s()\[\]]+\s*").match(self.s, p)
            if not word or TITLE_STOP.match(self.s, p):
                return None
            p = word.end()
        return None

    # whole citations ------------------------------------------------------------------------------------

    def provision_chain(self, pos: int):
        """[point|paragraph value OF]* ARTICLE articles [post paragraphs]: (end, provisions) or None."""
        pre = _Sub()
        p = pos
        value_end = None
        for _ in range(4):
            w = self.m(SUB, p)
            if not w:
                break
            got = self.sub_list(self.skip_space(w.end()))
            if not got:
                return None
            for kind, value in got[1]:
                (pre.para if kind == "para" else pre.point).append(value)
            value_end = got[0]
            of = self.m(OF, got[0])
            if not of:
                return None
            p = of.end()
        a = self.m(ARTICLE, p)
        if not a:
            # older translations call an article "Paragraph": "Paragraph 380 of the Penal Code"
            if value_end is not None and len(pre.para) == 1 and not pre.point and pre.para[0].isdigit() \
                    and self.law(p):
                return value_end, (pre.para[0],)
            return None
        got = self.article_list(self.skip_space(a.end()))
        if not got:
            return None
        end, items, range_end, is_range = got
        if is_range:
            first, last = items[0][0], range_end[0][0]
            if not (first.isdigit() and last.isdigit()) or not 0 < int(last) - int(first) <= MAX_RANGE:
                ids = (first, last)
            else:
                ids = tuple(str(n) for n in range(int(first), int(last) + 1))
            return end, ids
        if len(items) == 1:
            end = self.post_subs(end, items[0][1])
        ids: list[str] = []
        for number, sub in items:
            paras = sub.para or pre.para or [None]
            points = sub.point or pre.point or [None]
            for para in paras:
                for point in points:
                    ids.append(".".join(x for x in (number, para, point) if x))
        return end, tuple(dict.fromkeys(ids))


class _Empty:
    def __init__(self, pos):
        self._pos = pos

    def end(self):
        return self._pos


def citation_at(reader: _Reader, a: int, anchor):
    s = reader.s
    chain = reader.provision_chain(a)
    if chain:
        c_end, provisions = chain
        law = None
        if of := (reader.m(OF, c_end) or reader.m(re.compile(r"\s*"), c_end)):
            law = reader.law(of.end())
        if law:
            return a, law[0], provisions, law[1]
        return a, c_end, provisions, LawRef("none")
    # a law named first, maybe with its provisions in parentheses: قانون العقوبات (المواد 300-305)
    word = anchor.group().removeprefix("the ")
    start = a + (4 if anchor.group().startswith("the ") else 0)
    law = reader.law(start)
    if not law and reader.names:
        around = reader.names.match_around(s, start, word.split(" ")[0])
        if around:
            start = around[0]
            law = reader.law(start)
    if not law or law[1].kind == "same":
        return None
    end = law[0]
    o = re.compile(r"\s*[(\[]\s*").match(s, end)
    if o:
        inner = reader.provision_chain(o.end())
        c = inner and re.compile(r"\s*[)\]]").match(s, inner[0])
        if inner and c:
            return start, c.end(), inner[1], law[1]
    return start, end, (), law[1]

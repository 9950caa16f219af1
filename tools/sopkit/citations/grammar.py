"""The grammar of citations in English, Arabic and Kurdish: patterns over folded text, and the reader.

A small recursive-descent reader starts at an anchor word (article, paragraph, point, a law's head word) and
reads: points and paragraphs "of" an article, the article's number (digits of any system, an ordinal word, a
Kurdish number word), its paragraphs after a slash or in parentheses, lists and ranges, then the law (number and
year, a title or alias, or "this law" / "منه"). The words themselves are data, in vocabulary.py.

A law is named as written (the trie of titles and aliases, names.py), nearly spelled (rapidfuzz), by a short
form after an article (عقوبات, ق.ع), as a kind ("the Protocol"), or by a title the corpus lacks (قانون العمل).
The words around a name that make it another state's, jurisdiction's or era's law, or give it another number or
year, are kept in the LawRef (`other`, `number`, `year`); resolve.py decides what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..normalize import fold
from . import vocabulary as V
from .names import LawNames
from .records import LawRef

MAX_RANGE = 300  # a range wider than this is not expanded ("Articles 1 to 90000" is a typo, not a citation)


# -- patterns over folded text --------------------------------------------------------------------------

def _alt(words) -> str:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in folded)


# a letter or digit of any script; Arabic punctuation (، ؛ ؟ ٪ ۔) is not one: "،وبروتوكول" starts a word
_W = r"[\w\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff]"


_WORD_CHAR = re.compile(_W)


def _is_word_char(ch: str) -> bool:
    return _WORD_CHAR.match(ch) is not None


ARTICLE = re.compile(rf"(?:{_alt(V.ARTICLE_WORDS)})(?!{_W})")
SUB = re.compile(rf"(?:{_alt(V.PARAGRAPH_WORDS + V.POINT_WORDS)})(?!{_W})")
ORDINAL = re.compile(rf"(?:{_alt(V.ORDINALS)})(?:ی|دا|یدا)?(?!{_W})")  # Kurdish joins its ezafe: پێنجەمی، دووەمدا
ORDINAL_VALUE = {fold(k): v for k, v in V.ORDINALS.items()}
ORDINAL_VALUE.update({k + end: v for k, v in list(ORDINAL_VALUE.items()) for end in ("ی", "دا", "یدا")
                      if k + end not in ORDINAL_VALUE})
ARTICLE_ORDINAL = re.compile(rf"(?:{_alt(V.ARTICLE_ORDINALS)})(?!{_W})")
ARTICLE_ORDINAL_VALUE = {fold(k): v for k, v in V.ARTICLE_ORDINALS.items()}
ARTICLE_TENS = re.compile(rf" و((?:{_alt(V.ARTICLE_TENS)}))(?!{_W})")
ARTICLE_TENS_VALUE = {fold(k): v for k, v in V.ARTICLE_TENS.items()}
PARAGRAPH_ORDINAL = re.compile(rf"(?:{_alt(V.PARAGRAPH_ORDINALS)})(?!{_W})")
PARAGRAPH_ORDINAL_VALUE = {fold(k): v for k, v in V.PARAGRAPH_ORDINALS.items()}
PARAGRAPH_OF_IT = re.compile(rf"\s*(?:{_alt(V.PARAGRAPH_OF_IT)})(?!{_W})\s*")
ABJAD_VALUE = {fold(k): v for k, v in V.ABJAD.items()}
NUMBER = re.compile(r"(\d{1,5})(?:\s?(bis|ter|مکرر(?:ه)?|مکرره))?(?![\da-z])")
OPEN = re.compile(r"[(\[]{1,2}\s*")
CLOSE = re.compile(r"\s*[)\]]{1,2}")
EZAFE = re.compile(r"(?:\s?ی)(?!\w)")
OF = re.compile(rf"\s*(?:,|،)?\s*(?:(?:{_alt(V.OF_WORDS)})(?!{_W})\s*|(?<=[)\d])ی\s*)|\s*[,،]\s*|(?<=ی) ")
# "and", ", and", a comma; و also written joined: وثالثاً
AND = re.compile(rf"\s*(?:[,،]\s*(?:(?:and|or|و)(?!{_W}))?|(?:{_alt(V.AND_WORDS)})(?!{_W})|و)\s*")
RANGE = re.compile(rf"\s*(?:(?:{_alt(V.RANGE_WORDS)})(?!{_W})|-|\.{{2,}}|…+\.*)\s*")  # also "322…..333"
FROM = re.compile(rf"(?:{_alt(V.FROM_WORDS)})\s*")
SLASH = re.compile(r"\s*[/_\\]\s*")  # 19/خامساً, also 19_خامساً and 19\5 as typed
HYPHEN = re.compile(r"-(?=[a-j](?![a-z]))")
LETTER = re.compile(r"([a-j])(?![a-z])")
ABJAD = re.compile(rf"({_alt(V.ABJAD)})(?!{_W})")
KURDISH_NUMBER = re.compile(
    rf"(?:{_alt(V.KURDISH_HUNDREDS)}|{_alt(V.KURDISH_TENS)}|{_alt(V.KURDISH_TEENS)}|{_alt(V.KURDISH_UNITS)})"
    rf"(?:\s(?:و|وە)\s(?:{_alt(V.KURDISH_TENS)}|{_alt(V.KURDISH_TEENS)}|{_alt(V.KURDISH_UNITS)}))*ی?(?!{_W})")
KURDISH_ORDINAL_UNIT = re.compile(rf"\s(?:و|وه)\s((?:{_alt(k for k in V.ORDINALS if k.endswith('م'))})ی?)(?!{_W})")
KURDISH_VALUE = {fold(k): v for d in (V.KURDISH_UNITS, V.KURDISH_TEENS, V.KURDISH_TENS, V.KURDISH_HUNDREDS)
                 for k, v in d.items()}
SAME_LAW = re.compile(rf"(?:{_alt(V.SAME_LAW)})(?!{_W})")
UNKNOWN_HEAD = re.compile(rf"(?:و|ب|ل|ف|له|به)?(?:قانون|یاسای)(?!{_W})")
UNKNOWN_TITLE = re.compile(r" ([^\s\d,،.;؛:()\[\]«»\"]{3,})(?: [^\s\d,،.;؛:()\[\]«»\"]+)?")
NOT_A_TITLE = {fold(w) for w in V.SAME_LAW + V.YEAR_WORDS + V.NUMBER_WORDS + V.OF_WORDS + [
    "النافذ", "المعدل", "المذكور", "المذكوره", "اعلاه", "أعلاه", "السابق", "الحالی", "هذا", "نفسه", "ذاته",
    "الذی", "التی", "فی", "علی", "الی", "عن", "او", "کما", "لکن", "ئەم", "ئەو", "کە", "بۆ", "لە", "بە", "و",
    "دا", "هەروەها", "هاتووە", "دەڵێت", "دەلێت", "نوێ", "ناوبراو", "بەرکار", "کارپێکراو"]}
ARTICLE_ADJECTIVE = re.compile(rf"(?:القانونیه|المرقمه|المذکوره)(?!{_W})\s*")
INSTRUMENT = re.compile(rf"(?:the )?(?:{_alt(V.OTHER_INSTRUMENTS)})(?!{_W})")
SHORT_FORM = re.compile(rf"(?:{_alt(V.SHORT_FORMS)})(?!{_W})")
SHORT_FORM_NAME = {fold(k): fold(v) for k, v in V.SHORT_FORMS.items()}
CONSTITUTIONAL = re.compile(rf"(?:{_alt(V.CONSTITUTIONAL)})(?!{_W})")
SAID_AFTER = re.compile(rf" (?:{_alt(V.SAID)})(?:ر|ه)?(?!{_W})")
THIS_WORDS = {fold(w) for w in V.THIS}
THIS_ARTICLE = re.compile(rf"(?:{_alt(V.THIS_ARTICLE)})(?!{_W})")
GENERIC = re.compile(rf"(?:{_alt([w for words in V.GENERIC_NAMES.values() for w in words])})(?!{_W})")
GENERIC_KIND = {fold(w): kind for kind, words in V.GENERIC_NAMES.items() for w in words}
KIND_HEADS = {kind: frozenset(fold(w) for w in words) for kind, words in V.KIND_HEADS.items()}
_SUBJECT_WORD = re.compile(r" *([^\s\d()\[\].;؛:«»\"]+)")
OTHER = {fold(k): v for k, v in V.OTHER_STATE.items()} | {fold(k): v for k, v in V.OTHER_KIND.items()} \
    | {fold(k): "the Kurdistan Region" for k in V.KURDISTAN}
_IRAQ_WORDS = ("iraq's", "iraq’s", "iraqi", "iraq", "the", "عیراقی", "عیراق", "العراقی", "العراق")
NEAR_HEADS = frozenset(fold(w) for w in V.LAW_WORDS + V.NAME_WORDS + V.INSTRUCTION_WORDS)
OTHER_BEFORE = {fold(k): v for k, v in V.OTHER_BEFORE.items()}
IRAQ = set(_IRAQ_WORDS)
PARAGRAPH_AS_ARTICLE = 30  # no article has this many paragraphs: "Paragraph 381" alone is an article
CONNECTORS = {"of", "the", "ی", "الصادر", "عن", "برلمان", "پهرلهمانی", "region", "region's"}
LAW_HEAD = re.compile(rf"(?:the\s)?(?:{_alt(V.LAW_WORDS)})(?!{_W})")
INSTR_HEAD = re.compile(rf"(?:the\s)?(?:{_alt(V.INSTRUCTION_WORDS)})(?!{_W})")
NUMBER_WORD = re.compile(rf"(?:{_alt(V.NUMBER_WORDS)})(?:(?<=\.)|(?!{_W}))\s*")  # "No.46" too
YEAR_WORD = re.compile(rf"\s*(?:{_alt(V.YEAR_WORDS)})(?!{_W})\s*")
YEAR = re.compile(r"(?:[(\[]\s*((?:19|20)\d\d)\s*[)\]]|((?:19|20)\d\d))(?!\d)")
ISSUED_BY = re.compile(rf"\s*,?\s*(?:{_alt(V.ISSUED_BY)})\s*")
ISSUING = re.compile(rf"\s*(?:{_alt(V.ISSUING)})\s+(?:the\s)?")
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
DATE_AFTER = re.compile(r" \d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)(?!\d)")
BARE_YEAR = re.compile(r" ((?:19|20)\d\d)(?!\d)")
_WORD = re.compile(r"([^\s,،.;؛:()\[\]]+) ")
_SPAN_STOP_BEFORE = re.compile(r"[\d()\[\],،.;؛:«»\"]")
_BRACKET_AFTER = re.compile(r"\s*[(\[]")
IRAQI_TAIL = re.compile(rf" (?:العراقی|عیراقی|عیراق|الاتحادی|فیدرالی)(?:یدا|دا|یش|ش)?(?!{_W})")
_WORD_BEFORE_YEAR = re.compile(r" ال[^\s\d,،.;؛:()\[\]]+(?= )")  # an Arabic adjective: الدائم, المعدل
_TAIL = re.compile(r"\s*[,،]?\s*(?:له|لە)\s?")
_BRACKETED_ORDINAL = re.compile(rf"\(\s*((?:{_alt(V.ORDINALS)}))\s*\)")
_FOLLOWING = re.compile(r" ([^\s,،.;؛:()\[\]]+)")
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


_GENERIC = [w for words in V.GENERIC_NAMES.values() for w in words]
_ANCHOR_WORDS = {fold(w) for w in V.ARTICLE_WORDS + V.PARAGRAPH_WORDS + V.POINT_WORDS + V.LAW_WORDS
                 + V.INSTRUCTION_WORDS + V.NAME_WORDS + _GENERIC} \
    | {"the " + fold(w) for w in V.LAW_WORDS + V.INSTRUCTION_WORDS + V.NAME_WORDS}
# Where a citation may start; the word boundary before it is checked in code (a leading look-behind would stop
# the regex engine from skipping ahead by first letter).
ANCHOR = re.compile(f"(?:{trie_pattern(_ANCHOR_WORDS)})(?!{_W})")
# An English law named by capitalised words ending in a head word ("the Anti-Human Traficking Law"): a name the
# corpus does not know. Case is checked on the original text (see _read); the folded text is lower case.
UNKNOWN_NAME = re.compile(r"(?:the )?((?:[a-z][\w'-]* ){1,6}(?:law|act|code|protocol|convention))(?![\w])")
_TITLE_WORD = re.compile(r"[^\s()\[\],،.;؛:]+\s*")
TITLE_STOP = re.compile(rf"(?:{_alt(V.NUMBER_WORDS)})(?!{_W})|[(\[\d]")


@dataclass
class _Sub:
    para: list[str] = field(default_factory=list)
    point: list[str] = field(default_factory=list)


class _Reader:
    """Reads one citation at a time from a folded text."""

    def __init__(self, s: str, names: LawNames | None, view=None):
        self.s = s
        self.names = names or LawNames()
        self.view = view  # the NormalizedText `s` is the folded text of, when there is one
        self._near: dict = {}

    def written(self, start: int, end: int) -> str:
        """The original text of the folded span [start, end), as far as it is known."""
        if self.view is None:
            return self.s[start:end]
        o_start, o_end = self.view.original_span(start, end)
        return self.view.original[o_start:o_end]

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
            if o := self.m(PARAGRAPH_ORDINAL, p):  # الفقرة الأولى
                return o.end(), str(PARAGRAPH_ORDINAL_VALUE[o.group()])
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

    def article_number(self, pos: int, first: bool = False):
        """An article's number: digits, an ordinal word (المادة الخامسة), Kurdish number words; a paragraph ordinal
        (المادة أولاً, ماددەی یەکەم) only when `first`, right after the article word: in a list, "17, First" is
        Article 17 and its paragraph, not two articles."""
        def inner(p):
            if n := self.m(NUMBER, p):
                suffix = "bis" if n.group(2) and n.group(2) != "ter" else (n.group(2) or "")
                return n.end(), n.group(1).lstrip("0") + suffix if n.group(1).strip("0") else n.group(1)
            if o := self.m(ARTICLE_ORDINAL, p):
                value = ARTICLE_ORDINAL_VALUE[o.group()]
                if value < 10 and (t := self.m(ARTICLE_TENS, o.end())):  # الثالثة والسبعون: 73
                    return t.end(), str(value + ARTICLE_TENS_VALUE[t.group(1)])
                return o.end(), str(value)
            if k := self.m(KURDISH_NUMBER, p):
                value = _kurdish_value(k.group(), self.written(k.start(), k.end()))
                if u := self.m(KURDISH_ORDINAL_UNIT, k.end()):  # سی و حەوتەم: the 37th
                    return u.end(), str(value + ORDINAL_VALUE[u.group(1)])
                return k.end(), str(value)
            if first and (o := self.m(ORDINAL, p)):  # ماددەی یەکەم, المادة أولاً: right after the article word
                return o.end(), str(ORDINAL_VALUE[o.group()])
            return None
        pos = (self.m(NUMBER_WORD, pos) or _Empty(pos)).end()
        return self.wrapped(pos, inner)

    def article_item(self, pos: int, first: bool = False):
        """One article with its paragraphs: 6, 6(2), 5(1)(c), 9/أولاً وثالثاً, (3/ثانياً), 12 /1st & 2nd."""
        if nw := self.m(NUMBER_WORD, pos):  # "Articles No. (61/First) and No. (74/Third)"
            pos = nw.end()
        o = self.m(OPEN, pos)
        start = o.end() if o else pos
        got = self.article_number(start, first)
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
                # 6/أولاً/ب: the point after a second slash; 259/1-A after a hyphen
                while sub.para and not sub.point and (s2 := self.m(SLASH, end) or self.m(HYPHEN, end)) \
                        and (point := self.sub_list(s2.end())):
                    end = point[0]
                    sub.point += [value for _, value in point[1]]
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
        form = _form(self.s[pos:first[1]])
        while (a := self.m(AND, end)) and (nxt := self.sub_value(a.end())):
            if self.m(SLASH, nxt[1]):  # "50/First and 60/Second": 60 is the next article, not a paragraph
                break
            if _form(self.s[a.end():nxt[1]]) != form:  # "19/أولاً و 88 و 47": 88 is an article, not a paragraph
                break
            values.append((nxt[0], nxt[2]))
            end = nxt[1]
        return end, values

    def article_list(self, pos: int):
        """Articles after the article word: (end, groups), each group an article with its paragraphs (number,
        _Sub, None) or a range (first, _Sub, last). Groups are listed with "and" or commas, bracketed one by one
        or together: 5, (5) و(6), ( 240 ، 241 ، 245 ), من (156) لغاية (160) ومن (170) لغاية (173), 5 to 8."""
        first = self._bracketed_groups(pos, first=True)
        if not first:
            return None
        end, groups = first
        while (a := self.m(AND, end)) and (nxt := self._bracketed_groups(a.end())):
            end = nxt[0]
            groups += nxt[1]
        return end, groups

    def _bracketed_groups(self, pos: int, first: bool = False):
        """Groups bracketed together, "( 240 ، 241 ، 245 )", or each in its own brackets, "(393) تا (395)": the
        reading that goes further."""
        whole = None
        o = self.m(OPEN, pos)
        if o and (got := self._groups(o.end(), first)) and (c := self.m(CLOSE, got[0])):
            whole = c.end(), got[1]
        each = self._groups(pos, first)
        return max((g for g in (whole, each) if g), key=lambda g: g[0], default=None)

    def _groups(self, pos: int, first: bool = False):
        got = self._group(pos, first)
        if not got:
            return None
        end, groups = got[0], [got[1]]
        while (a := self.m(AND, end)) and (nxt := self._group(a.end())):
            end = nxt[0]
            groups.append(nxt[1])
        return end, groups

    def _group(self, pos: int, first: bool = False):
        """One article, "X to Y" or "from X to Y": (end, (number, _Sub, last number or None))."""
        if f := self.m(FROM, pos):
            a = self.article_item(f.end())
            if a and (r := self.m(RANGE, a[0])) and (b := self.article_item(r.end())):
                return b[0], (a[1], a[2], b[1])
        a = self.article_item(pos, first)
        if not a:
            return None
        if (r := self.m(RANGE, a[0])) and (b := self.article_item(r.end())):
            if r.group() == "-" and not a[2].para and b[1].isdigit() and a[1].isdigit() and int(b[1]) <= int(a[1]):
                a[2].para.append(b[1])  # "92-2": paragraph 2 of Article 92, not a range running backwards
                return b[0], (a[1], a[2], None)
            return b[0], (a[1], a[2], b[1])
        return a[0], (a[1], a[2], None)

    def post_subs(self, pos: int, sub: _Sub) -> int:
        """Paragraphs named after the article: "Article 2 Second", "المادة 21 الفقرة ثانياً"."""
        p = pos
        ws = re.compile(r"\s*,?\s*").match(self.s, p).end()
        if self.s.startswith("و", ws):  # والبند (ثالثاً) من المادة (73): the next citation, not this one's
            return pos
        if o := self.m(ORDINAL, ws):
            sub.para.append(str(ORDINAL_VALUE[o.group()]))
            return o.end()
        if self.s.startswith("(", ws) and (o := self.m(_BRACKETED_ORDINAL, ws)):  # "Article 92 (Second)"
            sub.para.append(str(ORDINAL_VALUE[o.group(1)]))
            return o.end()
        if w := self.m(SUB, ws):
            got = self.sub_list(self.skip_space(w.end()))
            if got:
                for kind, value in got[1]:
                    (sub.para if kind == "para" else sub.point).append(value)
                return got[0]
        return pos

    def before(self, start: int) -> tuple[str, str | None]:
        """What the word right before a name says of it: another state, kind or era ("temporary", "Yemeni"), a
        year ("the 1978 Residency Law")."""
        other, year = "", None
        words = re.split(r"[,،.;؛:()\[\]]", self.s[max(0, start - 40):start])[-1].split()
        words = [w for w in words if w != "the"][-1:]  # the word right before the name ("the" passed over)
        for word in words:
            if word in OTHER or word in OTHER_BEFORE:
                other = OTHER.get(word) or OTHER_BEFORE[word]
            elif YEAR_ONLY.fullmatch(word):
                year = word
        return other, year

    def near(self, pos: int):
        """names.near_at, asked once per position (a position is tried as a law, around an anchor and before one)."""
        if pos not in self._near:
            self._near[pos] = self.names.near_at(self.s, pos, skip=_IRAQ_WORDS, heads=NEAR_HEADS)
        return self._near[pos]

    def near_before(self, start: int, reach: int):
        """A name nearly spelled by the words before `start` up to `reach` (the end of its head word): "the Human
        Trafficking Law". English puts the head word last; Arabic and Kurdish names start with it, so only an
        English head is read backwards. (start, (end, LawRef)) or None."""
        if not self.names.folded or not self.s[start:reach].isascii():
            return None
        begin = start
        for _ in range(self.names.longest + 1):
            space = self.s.rfind(" ", max(0, begin - 40), max(0, begin - 1))
            if space < 0 or _SPAN_STOP_BEFORE.search(self.s, space, begin):
                break
            begin = space + 1
            near = self.near(begin)
            if near and near[0] >= reach:
                law = self.law(begin)
                if law and law[1].kind == "name" and law[1].law_id:
                    return begin, law
        return None

    def unknown_title(self, pos: int):
        """A law named by its title after a provision, when the corpus holds no such law: an Arabic title is
        "قانون" without the article followed by its subject (قانون العمل), a Kurdish one "یاسای" (یاسای کار);
        "القانون العراقي" is "Iraqi law", not a title. (end, LawRef) or None."""
        head = self.m(UNKNOWN_HEAD, pos)
        if head is None or not (title := self.m(UNKNOWN_TITLE, head.end())) or title.group(1) in NOT_A_TITLE:
            return None
        return title.end(), LawRef("name", law_id=None, words=self.s[pos:title.end()], other="a law not in laws/")

    def short_form(self, pos: int):
        """A code named by the short form lawyers write after an article (عقوبات, ق.ع, الأصولية) or by the
        adjective "constitutional" (المادة 140 الدستورية): (end, LawRef) or None."""
        pos = self.skip_space(pos)
        if m := self.m(SHORT_FORM, pos):
            name = SHORT_FORM_NAME[m.group()]
        elif m := self.m(CONSTITUTIONAL, pos):
            name = fold("الدستور")
        else:
            return None
        named = self.names.match_at(name, 0)
        if not named or named[0] != len(name):
            return None
        return m.end(), LawRef("name", law_id=named[2], words=m.group(), other=self.trailing(m.end()))

    def law_tail(self, pos: int, provisions: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
        """The paragraph Kurdish may name after the law, for one article: "ماددەی (٢) لە یاسای ... لە بڕگەی یەکەم"
        is 2.1. (end, provisions)."""
        if len(provisions) != 1 or not provisions[0].isdigit():
            return pos, provisions
        m = _TAIL.match(self.s, pos)
        if m is not None and (w := self.m(SUB, m.end())):
            value_at = self.skip_space(w.end())
        elif w := self.m(PARAGRAPH_OF_IT, pos):  # "من الدستور في بندها الثالث"
            value_at = w.end()
        else:
            return pos, provisions
        sub = _Sub()
        got = self.sub_list(value_at)
        if not got or len(got[1]) != 1:
            return pos, provisions
        kind, value = got[1][0]
        (sub.para if kind == "para" else sub.point).append(value)
        end = got[0]
        if e := self.m(EZAFE, end):
            end = e.end()
        return end, (".".join([provisions[0], *sub.para, *sub.point]),)

    def skip_space(self, pos: int) -> int:
        while pos < len(self.s) and self.s[pos] == " ":
            pos += 1
        return pos

    # laws -----------------------------------------------------------------------------------------------

    def law(self, pos: int):
        """The law after a provision (or alone): (end, LawRef) or None.

        A name is found as written (the trie of titles and aliases), else as nearly spelled (rapidfuzz), else as a
        kind of instrument ("the Protocol"). Words before and after it that make it another state's, another
        jurisdiction's or another era's law ("the Yemeni Penal Code", "دستور مصر", "الدستور المؤقت", "Kurdistan
        Region Law No. 8 of 2011") are kept in `LawRef.other`, and a year written with a name in `LawRef.year`.
        """
        if m := self.m(SAME_LAW, pos):
            return m.end(), LawRef("same", words=m.group())
        other, year, start = self.leading(pos + 4 if self.s.startswith("the ", pos) else pos)
        got = self._law(start)
        if got is None:
            return None
        end, ref = got
        if ref.kind == "name" and ref.law_id:
            if said := self.m(SAID_AFTER, end):  # "الدستور المذكور": the constitution named before
                end, ref = said.end(), replace(ref, said=True)
            elif self.s[max(0, start - 12):start].split()[-1:] in ([w] for w in THIS_WORDS):  # "هذا الدستور"
                ref = replace(ref, said=True)
        other = other or ref.other or self.trailing(end)
        if ref.kind == "name" and ref.year is None and year:
            ref = replace(ref, year=year)
        return end, replace(ref, other=other) if other else ref

    def _law(self, pos: int):
        head = self.m(INSTR_HEAD, pos)
        kind = "instructions" if head else None
        head = head or self.m(LAW_HEAD, pos)
        named = self.names.match_at(self.s, pos)
        fuzzy = False
        if head and not named:
            if sy := self.m(SHORT_NUMBER_YEAR, head.end()):  # Law 28/2012
                return sy.end(), LawRef("number", number=sy.group(1), year=sy.group(2), type=kind or "law",
                                        words=self.s[pos:sy.end()], other=self.trailing(head.end()))
            got = self.number_year(head.end(), title_words=8, anchors=True)
            if got:
                issuing = self.m(ISSUING, got[0])
                if issuing and (named := self.names.match_at(self.s, issuing.end()) or self.near(issuing.end())):
                    # "Law No. 64 of 2010 issuing the Anti-Trafficking Law": the name is the law so numbered
                    return named[0], LawRef("name", law_id=named[2], number=got[1], year=got[2], words=named[1])
                return got[0], LawRef("number", number=got[1], year=got[2], type=kind or "law",
                                      words=self.s[pos:got[0]], other=self.inside(pos, got[0]))
        if not named and (near := self.near(pos)):
            named, fuzzy = near, True
        if not named and (g := self.m(GENERIC, pos)):
            kind = GENERIC_KIND[g.group()]
            if not self.trailing(g.end()) and (subject := self.subject(g.end(), kind)):  # "the Protocol on ... through Land, sea, air"
                return subject[0], LawRef("name", law_id=subject[1], words=self.s[pos:subject[0]], fuzzy=True)
            return g.end(), LawRef("generic", words=kind)
        if not named and (unknown := self.m(UNKNOWN_NAME, pos)):  # a law's name we do not know
            return unknown.end(), LawRef("name", law_id=None, words=unknown.group(1))
        if not named:
            return None
        end, name, law_id = named
        if tail := self.m(IRAQI_TAIL, end):  # یاسای سزاکانی عێراقیدا: "Iraqi" after a name that has it not
            end = tail.end()
        other = (self.inside(pos, end) if fuzzy else "") or self.trailing(end)
        if issued := self.m(ISSUED_BY, end):  # "the Penal Code promulgated by Legislative Decree No. 15 of 1976"
            got = self.number_year(issued.end(), title_words=2, anchors=True)  # "by Federal Law No. 35"
            if got:
                return got[0], LawRef("name", law_id=law_id, number=got[1], year=got[2], words=name, other=other,
                                      fuzzy=fuzzy)
        got = self.number_year(end, title_words=1)  # "قانون العقوبات العراقي رقم 111": one word between at most
        if got:
            return got[0], LawRef("name", law_id=law_id, number=got[1], year=got[2], words=name, other=other,
                                  fuzzy=fuzzy)
        year = None
        if (y := self.m(YEAR_WORD, end)) and (yy := self.m(YEAR, y.end())):
            end, year = yy.end(), yy.group(1) or yy.group(2)
        elif (w := self.m(_WORD_BEFORE_YEAR, end)) and (y := self.m(YEAR_WORD, w.end())) \
                and (yy := self.m(YEAR, y.end())):  # "الدستور الدائم لسنة 2005": one word, then the year
            end, year = yy.end(), yy.group(1) or yy.group(2)
        elif yy := self.m(BARE_YEAR, end):  # دستور 1970
            end, year = yy.end(), yy.group(1)
        elif yy := self.m(DATE_AFTER, end):  # دستور 16/7/1970
            end, year = yy.end(), yy.group(1)
        return end, LawRef("name", law_id=law_id, year=year, words=name, other=other, fuzzy=fuzzy)

    def subject(self, pos: int, kind: str) -> tuple[int, str] | None:
        """The instrument of `kind` that the words after its bare kind word describe, up to twelve words and not
        past a sentence, a number or another instrument's word: (end of its last telling word, law id) or None."""
        words: list[tuple[str, int]] = []
        for m in _SUBJECT_WORD.finditer(self.s, pos):
            if m.start() != pos or len(words) == 12:
                break
            word = m.group(1).rstrip(",،")
            if word in _ANCHOR_WORDS:
                break
            words.append((word, m.start(1) + len(word)))
            pos = m.end()
        heads = KIND_HEADS[kind]
        law_id = self.names.by_subject([w for w, _ in words], heads)
        if law_id is None:
            return None
        return max(end for w, end in words if self.names.subject_of(w, heads) == law_id), law_id

    def leading(self, pos: int) -> tuple[str, str | None, int]:
        """Words before a law's name that say whose or which it is ("Yemeni", "Kurdistan Region", "interim",
        "the 1970", "UN", "Iraq's"): (what makes it not a bundled law, or ""; a year; where the name starts)."""
        other, year = "", None
        for _ in range(4):
            m = _WORD.match(self.s, pos)
            if not m:
                break
            word = m.group(1)
            if word in OTHER:
                other = other or OTHER[word]
            elif YEAR_ONLY.fullmatch(word):
                year = word
            elif word not in IRAQ and word not in ("un", "u.n.", "region", "region's", "united", "nations"):
                break
            pos = m.end()
        return other, year, pos

    def trailing(self, end: int) -> str:
        """What the words right after a law's name make of it (اليمني, of Egypt, لإقليم كوردستان), or ""."""
        for m in _FOLLOWING.finditer(self.s, end, min(len(self.s), end + 80)):
            if m.start() != end:
                break
            word = m.group(1)
            if word in OTHER:
                return OTHER[word]
            if word not in CONNECTORS:
                break
            end = m.end()
        return ""

    def inside(self, start: int, end: int) -> str:
        """What a word inside a name's span makes of it: a near spelling may have taken in "ئێران" or "Egypt"."""
        return next((OTHER[w] for w in self.s[start:end].split() if w in OTHER), "")

    def number_year(self, pos: int, title_words: int, anchors: bool = False):
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
            word = _TITLE_WORD.match(self.s, p)
            if not word or TITLE_STOP.match(self.s, p) or (not anchors and ANCHOR.match(self.s, p)):
                return None  # "الدستور صدر قانون العقوبات رقم 111": the number is the next law's
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
            if not of and p == pos and self.s.startswith("paragraph", pos) and len(got[1]) == 1 \
                    and got[1][0][0] == "para" and got[1][0][1].isdigit() and int(got[1][0][1]) >= PARAGRAPH_AS_ARTICLE:
                return value_end, (got[1][0][1],)  # "Paragraph 381 Any person who ...": an old translation's article
            if not of:
                return None
            p = of.end()
        if value_end is not None and (t := self.m(THIS_ARTICLE, p)):  # الفقرة سادساً من هذه المادة
            return t.end(), tuple("@" + "".join(f".{x}" for x in (para, point) if x)
                                  for para in pre.para or [None] for point in pre.point or [None])
        a = self.m(ARTICLE, p)
        if not a:
            # older translations call an article "Paragraph": "Paragraph 380 of the Penal Code"
            if value_end is not None and len(pre.para) == 1 and not pre.point and pre.para[0].isdigit() \
                    and self.law(p):
                return value_end, (pre.para[0],)
            return None
        p = self.skip_space(a.end())
        if adjective := self.m(ARTICLE_ADJECTIVE, p):  # المادة القانونية (433)
            p = adjective.end()
        got = self.article_list(p)
        if not got:
            if self.s[max(0, pos - 5):pos] == "همان " and not pre.para:  # هەمان ماددە لە بڕگەی دووەمدا
                tail = self.law_tail(a.end(), ("0",))
                if tail[1] != ("0",):
                    return tail[0], ("@" + tail[1][0][1:],)
            return None
        end, groups = got
        if len(groups) == 1 and groups[0][2] is None:
            end = self.post_subs(end, groups[0][1])
        ids: list[str] = []
        for number, sub, last in groups:
            if last is not None:
                ids += _expand(number, last)
                continue
            paras = sub.para or pre.para or [None]
            points = sub.point or pre.point or [None]
            for para in paras:
                for point in points:
                    ids.append(".".join(x for x in (number, para, point) if x))
        return end, tuple(dict.fromkeys(ids))


def _form(written: str) -> str:
    """How a paragraph or point value is written: in digits, or as an ordinal or a letter (1st, أولاً, ب)."""
    bare = written.strip(" ()[]")
    return "digits" if bare.isdigit() else "words"


def _expand(first: str, last: str) -> list[str]:
    """The articles of a range, both ends included; only its ends when it is not a plain, short range."""
    if not (first.isdigit() and last.isdigit()) or not 0 < int(last) - int(first) <= MAX_RANGE:
        return [first, last]
    return [str(n) for n in range(int(first), int(last) + 1)]


def _kurdish_value(words: str, written: str) -> int:
    """The value of Kurdish number words: "نەوەد و سێ" is 93. Folded, سێ (3) and سی (30) are one spelling: as
    written, ێ tells them apart; after tens it can only be 3."""
    total, previous = 0, 0
    three = "سێ" in written.split()
    for w in words.split():
        value = KURDISH_VALUE.get(w, KURDISH_VALUE.get(w[:-1]) if w.endswith("ی") else None)  # سێی: ezafe
        if value is None:
            continue
        if value == 30 and (20 <= previous < 100 or three):
            value = 3
        total += value
        previous = value
    return total


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
        if not law:  # "المادة 393 عقوبات", "المادة 140 الدستورية": the code by a short form, right after
            law = reader.short_form(of.end() if of else c_end)
        if not law:  # "المادة 5 من قانون العمل", "ماددەی ٥ی یاسای کار": a law the corpus does not hold
            law = reader.unknown_title(of.end() if of else c_end)
        if not law and of is not None and of.end() > c_end and (other := reader.m(INSTRUMENT, of.end())):
            # "المادة 5 من النظام الداخلي للبرلمان": an instrument the corpus does not hold, not the law before
            law = other.end(), LawRef("name", law_id=None, words=other.group(), other="another instrument")
        if law:
            end, provisions = reader.law_tail(law[0], provisions)
            return a, end, provisions, law[1]
        return a, c_end, provisions, LawRef("none")
    # a law named first, maybe with its provisions in parentheses: قانون العقوبات (المواد 300-305)
    word = anchor.group().removeprefix("the ")
    start = a + (4 if anchor.group().startswith("the ") else 0)
    law = None
    # a name the anchor ends or is inside of ("the Palermo Protocol", "Iraq's penal code"), as written or nearly
    around = reader.names.match_around(s, start, word.split(" ")[0]) if reader.names else None
    if around and around[0] < start:
        law = reader.law(around[0])
        start = around[0] if law else start
    if not law:
        law = reader.law(start)
    if (not law or law[1].kind == "generic") and (near := reader.near_before(start, anchor.end())):
        start, law = near
    if law and law[1].kind == "name":  # "the temporary constitution", "the 1978 Residency Law"
        other, year = reader.before(start)
        if other or (year and not law[1].year):
            law = law[0], replace(law[1], other=law[1].other or other, year=law[1].year or year)
    if not law or law[1].kind == "same":
        return None
    end = law[0]
    if law[1].kind == "name" and " " not in law[1].words and s[start:end] == law[1].words + "ی" \
            and not reader.m(_BRACKET_AFTER, end):
        return None  # دادگای دەستووری: "constitutional", an adjective; the law itself is دەستوور, دەستووری عێراق
    o = re.compile(r"\s*[(\[]\s*").match(s, end)
    if o:
        inner = reader.provision_chain(o.end())
        c = inner and re.compile(r"\s*[)\]]").match(s, inner[0])
        if inner and c:
            return start, c.end(), inner[1], law[1]
    return start, end, (), law[1]

"""Recognise the layout of a published Iraqi law: preamble, division headings, articles, paragraphs, points, and
what follows the last article. No I/O: lines in, a `Layout` and diagnostics out.

The published layout (the Official Gazette, the parliament's and the legal databases' copies):

    باسم الشعب / رئاسة الجمهورية / بناءً على ما اقره مجلس النواب ... / صدر القانون الآتي      the preamble
    الفصل الأول / التعاريف والأهداف                                      a division heading and its title
    المادة ـ 1 ـ يقصد بالمصطلحات التالية ...                               an article and its own text
    أولاً :ـ ...   ثانياً - ...   1- ...   (1) ...                           paragraphs
    أ ـ ...   ب. ...   (ج) ...   a) ...                                      points
    فؤاد معصوم / رئيس الجمهورية / الأسباب الموجبة ...                      the signature and the reasons

A part is recognised by its marker at the start of a line, and only in sequence: the first paragraph of a kind
is number 1 (أولاً, 1, أ), the next one of the same kind follows the last, and a kind not seen before in the
article opens a level below the current one. A line that looks like a marker but breaks the sequence (a quoted
"المادة ـ 1 ـ" inside an amending article, a "ثالثاً" after "أولاً") is kept as text, with an I003 saying where.
Articles must increase; a gap is taken only where the line looks like a heading (the number stands apart).

Ids follow the corpus: article "6", paragraph "6.1", point "6.1.b" (a point directly under an article is
"6.b"), numbered with ASCII digits and letters whatever the text's digits (١ → 1, هـ → e); labels keep the
text's own digits and words.

Example:
    >>> layout = recognise(["باسم الشعب", "المادة ـ 1 ـ نص.", "أولاً :ـ نص الفقرة."], "law.txt", "ar")
    >>> [(p.id, p.label) for p in layout.parts]
    [('1', 'المادة (1)'), ('1.1', 'أولاً')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, diagnostic
from .numbering import (ARABIC_LETTERS, article_ordinal, ascii_number, division_ordinal, fold, letter_id,
                        letter_index, paragraph_ordinal)

MAX_LEVELS = 5  # article + four levels below: heading levels 2 to 6

DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
DASHES = "\\-\u2010-\u2015\u0640"  # hyphen, the dashes, and tatweel, which Iraqi texts print as a dash
_ARTICLE_WORD = re.compile(r"\s*(?:(?:ال)?مادّ?[ةه]|ماددە(?:ی)?|مادە(?:ی)?|ماددة[يی]?|article)"
                           r"(?![^\s\d(\[" + DASHES + "])", re.IGNORECASE)
_OPEN = re.compile(f"[\\s{DASHES}:(\\[]*")
_NUMBER = re.compile(f"[{DIGITS}]{{1,4}}(?![{DIGITS}])")
_WORD = re.compile(f"[^\\s()\\[\\]{DASHES}:.،,]+")
_BIS = re.compile(r"\s*(?:مكرر[ةه]?|bis)\b", re.IGNORECASE)
_CLOSE = re.compile(f"[\\s{DASHES}:.)\\]]*")
_PAREN_MARK = re.compile(f"\\s*\\(\\s*([{DIGITS}]{{1,3}}|[{ARABIC_LETTERS}]\u0640?|[a-z])\\s*\\)[\\s{DASHES}:.]*")
_DIGIT_MARK = re.compile(f"\\s*([{DIGITS}]{{1,3}})\\s*[{DASHES}.)]+(?![{DIGITS}])[\\s{DASHES}:]*")
_LETTER_MARK = re.compile(f"\\s*(هـ|[{ARABIC_LETTERS}]\u0640*)\\s*[{DASHES}.):]+[\\s{DASHES}:]*")
_LATIN_MARK = re.compile(r"\s*([a-z])[.)]\s+")
_AFTER_ORDINAL = re.compile(f"\\s*(?:[{DASHES}:.]+[\\s{DASHES}:]*|$)")
_DIVISION = re.compile(r"\s*(الفصل|الباب|الكتاب|الفرع|الجزء|القسم|chapter|part|title|section|بەشی|دەروازەی|بابی)"
                       r"\s+(.+)", re.IGNORECASE)
_END_OPENINGS = tuple(fold(w).replace("ە", "ه") for w in (
    "الأسباب الموجبة", "الاسباب الموجبة", "أسباب التشريع", "reasons", "statement of reasons", "justifying reasons",
    "the reasons", "هۆیەکانی دەرچوواندن", "هۆکارە پێویستەکان", "صدر في بغداد", "كتب ببغداد", "done at baghdad"))
_SIGNERS = tuple(fold(w).replace("ە", "ه") for w in (
    "رئيس الجمهورية", "رئيس مجلس الرئاسة", "مجلس الرئاسة", "president of the republic", "presidency council",
    "سەرۆکی کۆمار", "سەرۆکی هەرێمی کوردستان"))

LABELS = {  # how the corpus heads an article in each language (docs/format.md); the number keeps its digits
    "ar": ("المادة ({n})", "المادة {w}"),
    "ckb": ("ماددەی {n}", "ماددەی {w}"),
    "en": ("Article {n}", "Article {w}"),
}


@dataclass
class Part:
    """A provision found: its id, heading level and label, the line of its marker, and its text lines."""

    id: str
    level: int
    label: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)


@dataclass
class Division:
    """A heading of the law's own divisions (الفصل الأول, Chapter One): kept, never a provision."""

    line: int
    words: list[str]  # the heading line and its title line, as written
    before: str | None  # the id of the article it stands before (None: after the last one)


@dataclass
class Layout:
    preamble: list[tuple[int, str]] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    end_matter: list[tuple[int, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def count(self, level: int) -> int:
        return sum(p.level == level for p in self.parts)

    def deeper(self, level: int) -> int:
        return sum(p.level >= level for p in self.parts)


@dataclass
class _Marker:
    scheme: str  # "article", "ordinal", "number" or "letter"
    number: int
    label: str
    rest: str  # the text after the marker on the same line
    heading_like: bool = True  # the number stands apart (nothing follows, or a separator does)
    suffix: str = ""  # "bis" for an article added later (المادة 6 مكرر)


def recognise(lines: list[str], path: str, lang: str) -> Layout:
    """The layout of the law text `lines` (line 1 first) in `lang`; diagnostics name `path`."""
    return _Reader(lines, path, lang).read()


class _Reader:
    def __init__(self, lines: list[str], path: str, lang: str):
        self.lines, self.path, self.lang = lines, path, lang
        self.layout = Layout()
        self.article: Part | None = None
        self.levels: list[list] = []  # [scheme, last number, id] of each open level below the article
        self.last_article = 0
        self.ending = False
        self.pending_division: Division | None = None

    def read(self) -> Layout:
        n = 0
        while n < len(self.lines):
            n = self.line(n)
        return self.layout

    def report(self, code: str, line: int, column: int, message: str, hint: str) -> None:
        self.layout.diagnostics.append(diagnostic(code, self.path, line, column, message, hint))

    # -- one line ----------------------------------------------------------------------------------------

    def line(self, i: int) -> int:
        """Place line i (0-based); returns the index of the next line to read."""
        text, number = self.lines[i], i + 1
        if not text.strip():
            return i + 1
        if self.ending:
            self.layout.end_matter.append((number, text))
            return i + 1
        if self.article is not None and _ends_the_articles(text):
            self.begin_end_matter(number, text)
            return i + 1
        division = _division(text)
        if division is not None:
            return self.division(i)
        marker = _article(text, self.lang)
        if marker is not None and self.takes_article(marker, number, text):
            return i + 1
        if self.article is None:
            self.layout.preamble.append((number, text))
            return i + 1
        marker = _sub_marker(text, self.lang)
        if marker is not None and self.takes_part(marker, number, text):
            return i + 1
        self.current().body.append((number, text))
        return i + 1

    def current(self) -> Part:
        return self.layout.parts[-1]

    # -- articles ----------------------------------------------------------------------------------------

    def takes_article(self, m: _Marker, number: int, text: str) -> bool:
        """Start article m if it follows the last one (or stands apart as a heading after a gap)."""
        follows = m.number == self.last_article + 1 or (self.article is None and m.heading_like)
        later = m.number > self.last_article and m.heading_like
        same_bis = m.suffix and m.number == self.last_article
        if not (follows or later or same_bis) or (self.article is not None and m.number < self.last_article):
            if self.article is not None:
                self.out_of_sequence(number, text, f"article {m.number}{m.suffix}",
                                     f"the last article was {self.article.id}")
            return False
        pid = f"{m.number}{m.suffix}"
        if any(p.id == pid for p in self.layout.parts):
            self.out_of_sequence(number, text, f"article {pid}", f"article {pid} was read already")
            return False
        self.article = Part(pid, 2, m.label, number)
        self.layout.parts.append(self.article)
        self.levels = []
        self.last_article = m.number
        if self.pending_division is not None:
            self.pending_division.before = pid
            self.pending_division = None
        if m.rest:
            self.article.body.append((number, m.rest))
        return True

    # -- paragraphs and points ---------------------------------------------------------------------------

    def takes_part(self, m: _Marker, number: int, text: str) -> bool:
        """Open paragraph or point m where the numbering allows it; else report it and keep it as text."""
        schemes = [level[0] for level in self.levels]
        if m.scheme in schemes:
            k = schemes.index(m.scheme)
            if m.number != self.levels[k][1] + 1:
                self.out_of_sequence(number, text, f"{_kind(m)} {m.label}",
                                     f"the last of its kind here was {self.levels[k][2]}")
                return False
            self.levels = self.levels[:k + 1]
            self.levels[k][1] = m.number
        else:
            if m.number != 1:
                self.out_of_sequence(number, text, f"{_kind(m)} {m.label}",
                                     f"no {_kind(m)} 1 comes before it in {self.current().id}")
                return False
            if len(self.levels) + 1 >= MAX_LEVELS:
                self.out_of_sequence(number, text, f"{_kind(m)} {m.label}",
                                     f"it would be more than {MAX_LEVELS - 1} levels below the article")
                return False
            self.levels.append([m.scheme, m.number, ""])
        segment = letter_id(m.number) if m.scheme == "letter" else str(m.number)
        parent = self.levels[-2][2] if len(self.levels) > 1 else self.article.id
        pid = f"{parent}.{segment}"
        self.levels[-1][2] = pid
        part = Part(pid, len(self.levels) + 2, m.label, number)
        self.layout.parts.append(part)
        if m.rest:
            part.body.append((number, m.rest))
        return True

    def out_of_sequence(self, number: int, text: str, what: str, why: str) -> None:
        where = self.current().id if self.layout.parts else "the preamble"
        column = len(text) - len(text.lstrip()) + 1
        self.report("I003", number, column, f"this line starts like {what}, but {why}: it is kept as text of "
                    f"{where}", "if it is a provision, check the numbering in the source and import again; "
                    "otherwise nothing is lost")

    # -- divisions and the end -----------------------------------------------------------------------------

    def division(self, i: int) -> int:
        """A division heading, with its title on the next line when that is a short line of words (I004)."""
        words = [self.lines[i]]
        last = i
        j = i + 1
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        if j < len(self.lines) and _title_line(self.lines[j], self.lang):
            words.append(self.lines[j])
            last = j
        division = Division(i + 1, words, None)
        self.layout.divisions.append(division)
        self.pending_division = division
        column = len(words[0]) - len(words[0].lstrip()) + 1
        self.report("I004", i + 1, column, f"the division heading '{words[0].strip()}' is not a provision: it is "
                    "kept apart, in the note before the articles, with the article it stands before",
                    "the format has no headings without ids (V003); nothing to do unless it is an article")
        return last + 1

    def begin_end_matter(self, number: int, text: str) -> None:
        """What follows the last article: the signature block and the reasons, with the signer's name above."""
        self.ending = True
        body = self.current().body
        names = []
        while body and len(names) < 2 and _name_line(body[-1][1]) and body[-1][0] != self.current().line:
            names.insert(0, body.pop())
        self.layout.end_matter += names + [(number, text)]
        first = names[0][0] if names else number
        self.report("I005", first, 1, "the text after the last article (signature, reasons) is not a provision: "
                    "it is kept apart, in the note before the articles",
                    "check that the last article ends where the source's does")


# -- recognisers ---------------------------------------------------------------------------------------------

def _article(text: str, lang: str) -> _Marker | None:
    """`المادة ـ 1 ـ`, `المادة (1)`, `المادة 1`, `المادة الأولى`, `مادة 1`, `ماددەی ١`, `Article (1)` ..."""
    m = _ARTICLE_WORD.match(text)
    if not m:
        return None
    pos = _OPEN.match(text, m.end()).end()
    digits = _NUMBER.match(text, pos)
    if digits:
        number, written, pos = int(ascii_number(digits.group())), digits.group(), digits.end()
        template = LABELS.get(lang, LABELS["en"])[0]
    else:
        found = _ordinal_words(text, pos, article_ordinal)
        if found is None:
            return None
        number, written, pos = found
        template = LABELS.get(lang, LABELS["en"])[1]
    suffix = ""
    bis = _BIS.match(text, pos) or _BIS.match(text, _CLOSE.match(text, pos).end())
    if bis:
        suffix, pos = "bis", bis.end()
        written += " " + bis.group().strip()
    close = _CLOSE.match(text, pos)
    heading_like = close.end() == len(text) or bool(close.group().strip())
    label = template.format(n=written, w=written) if not suffix else template.format(n=written.split()[0], w=written) \
        + " " + written.split(maxsplit=1)[1]
    return _Marker("article", number, label, text[close.end():].strip(), heading_like, suffix)


def _sub_marker(text: str, lang: str) -> _Marker | None:
    """A paragraph or point marker at the start of the line: `أولاً :ـ`, `1-`, `(1)`, `أ ـ`, `(ب)`, `a)` ..."""
    for pattern in (_PAREN_MARK, _DIGIT_MARK, _LETTER_MARK) + ((_LATIN_MARK,) if lang == "en" else ()):
        m = pattern.match(text)
        if m:
            token = m.group(1)
            if token[0] in DIGIT_CHARS:
                return _Marker("number", int(ascii_number(token)), f"({token})", text[m.end():].strip())
            index = letter_index(token.rstrip("\u0640") if token != "هـ" else token)
            if index is None:
                continue
            label = f"({token})" if lang == "en" else token
            return _Marker("letter", index, label, text[m.end():].strip())
    found = _ordinal_words(text, len(text) - len(text.lstrip()), paragraph_ordinal)
    if found is None:
        return None
    number, written, pos = found
    after = _AFTER_ORDINAL.match(text, pos)
    if after is None:
        return None
    return _Marker("ordinal", number, re.sub(r"\s+(?=[\u064b-\u065f])", "", written), text[after.end():].strip())


DIGIT_CHARS = "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669" \
              "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"


def _ordinal_words(text: str, pos: int, reader) -> tuple[int, str, int] | None:
    """The longest run of up to three words at `pos` that `reader` reads as a number: (number, words, end)."""
    spans = []
    at = pos
    for _ in range(3):
        gap = re.compile(r"\s*").match(text, at).end()
        word = _WORD.match(text, gap)
        if not word:
            break
        spans.append(word.end())
        at = word.end()
    for end in reversed(spans):
        words = text[pos:end].strip()
        number = reader(words)
        if number:
            return number, words, end
    return None


def _division(text: str) -> int | None:
    """The number of a division heading (الفصل الأول, الباب الثاني, Chapter One, بەشی یەکەم), else None."""
    m = _DIVISION.match(text)
    if not m or len(text.split()) > 10:
        return None
    found = _ordinal_words(text, m.start(2), division_ordinal)
    return found[0] if found else None


def _title_line(text: str, lang: str) -> bool:
    """Whether `text`, right after a division heading, is its title: a few words, no marker, no sentence."""
    words = text.split()
    return (0 < len(words) <= 8 and not text.rstrip().endswith((".", ":", "؛"))
            and _article(text, lang) is None and _sub_marker(text, lang) is None and _division(text) is None)


def _ends_the_articles(text: str) -> bool:
    """The reasons' heading, or the signer's title on a short line: what the gazette prints after the law."""
    key = fold(text).replace("ە", "ه").strip(" :.-")
    if key.startswith(_END_OPENINGS):
        return True
    return len(key.split()) <= 6 and any(key == s or key.endswith(" " + s) or key.startswith(s) for s in _SIGNERS)


def _name_line(text: str) -> bool:
    """A signer's name above the title: two to four words, no punctuation of a sentence."""
    return 1 <= len(text.split()) <= 4 and not re.search(r"[.:،,؛;()]", text) and _sub_marker(text, "ar") is None


def _kind(m: _Marker) -> str:
    return {"ordinal": "paragraph", "number": "numbered item", "letter": "point"}.get(m.scheme, m.scheme)

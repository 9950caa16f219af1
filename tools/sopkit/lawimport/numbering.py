"""How published law texts number their parts, in Arabic, Kurdish and English: digits, ordinal words, letters.

Only recognition lives here; no text is changed. A number is read from the words as printed (`أولاً`, `اولا`,
`ثانيا ً`, `الحادية عشرة`, `یەکەم`, `Second`, `١٢`) after folding away what varies between copies of one text:
diacritics and tanween, tatweel, the hamza on alef, ta marbuta against ha, and the Arabic against the Kurdish
forms of ya and kaf.

Example:
    >>> paragraph_ordinal("اولا"), paragraph_ordinal("Second"), article_ordinal("الحادية والعشرون")
    (1, 2, 21)
    >>> letter_index("هـ"), letter_index("(b)".strip("()")), ascii_number("١٢")
    (5, 2, '12')
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ێ": "ي",
                       "\u0640": None})
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")  # harakat, tanween, superscript alef, Quranic marks


def fold(words: str) -> str:
    """`words` as compared here: no diacritics or tatweel, one alef, ه for ة, ي for ى/ی, ك for ک; lower case."""
    return " ".join(_MARKS.sub("", words).translate(_FOLD).lower().split())


def ascii_number(digits: str) -> str:
    """A run of digits of any script (Western, Arabic-Indic, Persian) in ASCII, leading zeros dropped."""
    return "".join(str(unicodedata.decimal(c)) for c in digits).lstrip("0") or "0"


_UNITS_M = ["اول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"]
_UNITS_F = ["اولي", "ثانيه", "ثالثه", "رابعه", "خامسه", "سادسه", "سابعه", "ثامنه", "تاسعه", "عاشره"]
_TENS = {20: "عشرون", 30: "ثلاثون", 40: "اربعون", 50: "خمسون", 60: "ستون", 70: "سبعون", 80: "ثمانون",
         90: "تسعون"}
# Kurdish ordinals as fold() leaves them (ە is read as ه): یەکەم, دووەم, سێیەم ... دەیەم
_CKB = ["يهكهم", "دووهم", "سييهم", "چوارهم", "پينجهم", "شهشهم", "حهوتهم", "ههشتهم", "نۆيهم", "دهيهم"]
_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
       "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
       "twentieth"]


def _paragraph_words() -> dict[str, int]:
    """Adverbial ordinals of Iraqi paragraphs (أولاً ... عشرون, حادي وعشرون ...), Kurdish and English ones."""
    words: dict[str, int] = {}
    for n, unit in enumerate(_UNITS_M, 1):
        words[unit + "ا"] = n  # اولا, ثانيا ... عاشرا
    words["حادي عشر"] = 11
    for n, unit in enumerate(_UNITS_M[1:9], 12):
        words[f"{unit} عشر"] = n
    for tens, word in _TENS.items():
        words[word] = words["ال" + word] = tens
        for n, unit in enumerate(["حادي"] + _UNITS_M[1:9], 1):
            words[f"{unit} و{word}"] = words[f"ال{unit} وال{word}"] = tens + n
    for n, word in enumerate(_CKB, 1):
        words[word] = n
    for n, word in enumerate(_EN, 1):
        words[word] = n
    return words


def _definite_ordinals(units: list[str], eleven: str, ten: str) -> dict[str, int]:
    """Definite Arabic ordinals 1 to 19 and the tens, in one gender: الأول … العاشر, الحادي عشر, الثاني عشر …
    (masculine: units _UNITS_M, eleven "حادي", ten "عشر"), or الأولى … الحادية عشرة … (feminine)."""
    words: dict[str, int] = {}
    for n, unit in enumerate(units, 1):
        words["ال" + unit] = n
    words[f"ال{eleven} {ten}"] = 11
    for n, unit in enumerate(units[1:9], 12):
        words[f"ال{unit} {ten}"] = n
    for tens, word in _TENS.items():
        words["ال" + word] = tens
    return words


def _article_words() -> dict[str, int]:
    """Feminine ordinals of articles written in words: المادة الأولى, المادة الحادية عشرة, ... التاسعة والتسعون."""
    words = _definite_ordinals(_UNITS_F, "حاديه", "عشره")
    for tens, word in _TENS.items():
        for n, unit in enumerate(["حاديه"] + _UNITS_F[1:9], 1):
            words[f"ال{unit} وال{word}"] = tens + n
    for n, word in enumerate(_CKB, 1):
        words[word] = n
    return words


_PARAGRAPH_WORDS = _paragraph_words()
_ARTICLE_WORDS = _article_words()


def paragraph_ordinal(words: str) -> int | None:
    """The number a paragraph's ordinal word gives (أولاً 1, ثاني عشر 12, یەکەم 1, Third 3), else None."""
    key = fold(words)
    return _PARAGRAPH_WORDS.get(key) or _PARAGRAPH_WORDS.get(key.replace("ە", "ه"))


def article_ordinal(words: str) -> int | None:
    """The number an article written in words gives (الأولى 1, الحادية والعشرون 21, یەکەم 1), else None."""
    key = fold(words)
    return _ARTICLE_WORDS.get(key) or _ARTICLE_WORDS.get(key.replace("ە", "ه"))


# The abjad order of Iraqi points (أ ب ج د هـ و ز ح ط ي ك ل ...), each with the spellings copies use.
_ABJAD = ["ا", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش",
          "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"]
ARABIC_LETTERS = "أاإبجدهـوزحطيىیكکلمنسعفصقرشتثخذضظغ"


def letter_index(letter: str) -> int | None:
    """The place (1-based) of a point's letter: abjad order for Arabic letters (هـ is 5), a-z for Latin ones."""
    key = fold(letter)
    if len(key) == 1 and "a" <= key <= "z":
        return ord(key) - ord("a") + 1
    return _ABJAD.index(key) + 1 if key in _ABJAD else None


def letter_id(index: int) -> str:
    """A point's id segment: a, b, c ... z, then aa, ab ... (the corpus writes points as ASCII letters)."""
    out = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _division_words() -> dict[str, int]:
    """The numbers of a law's divisions: الفصل الأول, الباب الحادي عشر, Chapter One / First / II, بەشی یەکەم."""
    words = _definite_ordinals(_UNITS_M, "حادي", "عشر")
    english = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    for n, (cardinal, numeral) in enumerate(zip(english, roman), 1):
        words[cardinal] = words[numeral] = n
    for n, word in enumerate(_EN, 1):
        words[word] = n
    for n, word in enumerate(_CKB, 1):
        words[word] = n
    return words


_DIVISION_WORDS = _division_words()


def division_ordinal(words: str) -> int | None:
    """The number of a division heading's ordinal (الأول 1, الثاني عشر 12, One 1, IV 4, یەکەم 1), else None."""
    key = fold(words).replace("ە", "ه")
    if key.isdecimal():
        return int(ascii_number(key)) if len(key) <= 3 else None
    return _DIVISION_WORDS.get(key)

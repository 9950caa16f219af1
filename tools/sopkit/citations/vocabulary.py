"""The words citations are made of, in English, Arabic and Kurdish, as data.

Every word is written here as a reader writes it and folded (see normalize.fold) when the patterns are built,
so one entry covers its spelling variants: أولاً / اولا / ثانيا ً, ماددەی / ماددهی / مادەی, ك / ک.
"""

from __future__ import annotations

# Words that name an article (singular and plural), a paragraph, a point.
ARTICLE_WORDS = [
    "article", "articles", "art.", "arts.", "art",
    "المادة", "المواد", "المادتين", "المادتان", "مادة", "مواد", "للمادة", "بالمادة", "والمادة", "وفق المادة",
    "ماددەی", "ماددە", "مادەی", "مادە", "ماددەکانی", "مادەکانی", "لەماددەی", "لەمادەی", "بە پێی ماددەی",
]
PARAGRAPH_WORDS = [
    "paragraph", "paragraphs", "para.", "paras.", "subparagraph", "sub-paragraph",
    "الفقرة", "الفقرات", "البند", "البنود", "الفقرة الفرعية", "فقرة", "بند",
    "بڕگەی", "بڕگە", "بڕگەکانی", "خاڵی", "خاڵ",
]
POINT_WORDS = ["point", "points", "item", "letter", "subparagraph", "sub-paragraph"]

# Paragraph ordinals: the value of "First", "أولاً", "یەکەم" ... as a number.
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
    "أولاً": 1, "ثانياً": 2, "ثالثاً": 3, "رابعاً": 4, "خامساً": 5, "سادساً": 6, "سابعاً": 7, "ثامناً": 8,
    "تاسعاً": 9, "عاشراً": 10, "حادي عشر": 11, "ثاني عشر": 12, "ثالث عشر": 13, "رابع عشر": 14, "خامس عشر": 15,
    "سادس عشر": 16, "سابع عشر": 17, "ثامن عشر": 18, "تاسع عشر": 19, "عشرون": 20,
    "یەکەم": 1, "دووەم": 2, "دووهەم": 2, "سێیەم": 3, "سێهەم": 3, "چوارەم": 4, "پێنجەم": 5, "شەشەم": 6,
    "حەوتەم": 7, "هەشتەم": 8, "نۆیەم": 9, "نۆهەم": 9, "دەیەم": 10, "دەهەم": 10, "یازدەیەم": 11, "دوازدەیەم": 12,
    "سێزدەیەم": 13, "چواردەیەم": 14, "پازدەیەم": 15,
}

# Articles written as ordinal words: المادة الخامسة, Article Five is rare in English and left out.
ARTICLE_ORDINALS = {
    "الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
    "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الثانية عشرة": 12, "الثالثة عشرة": 13,
    "الرابعة عشرة": 14, "الخامسة عشرة": 15, "السادسة عشرة": 16, "السابعة عشرة": 17, "الثامنة عشرة": 18,
    "التاسعة عشرة": 19, "العشرون": 20,
}

# Kurdish cardinal number words, for "ماددەی حەفتا و دوو" (72).
KURDISH_UNITS = {"یەک": 1, "دوو": 2, "سێ": 3, "چوار": 4, "پێنج": 5, "شەش": 6, "حەوت": 7, "هەشت": 8, "نۆ": 9}
KURDISH_TEENS = {"دە": 10, "یازدە": 11, "دوازدە": 12, "سێزدە": 13, "چواردە": 14, "پازدە": 15, "شازدە": 16,
                 "حەڤدە": 17, "هەژدە": 18, "نۆزدە": 19}
KURDISH_TENS = {"بیست": 20, "سی": 30, "چل": 40, "پەنجا": 50, "شەست": 60, "حەفتا": 70, "هەشتا": 80, "نەوەد": 90}
KURDISH_HUNDREDS = {"سەد": 100, "دووسەد": 200, "سێسەد": 300, "چوارسەد": 400, "پێنسەد": 500}

# Point letters: Latin a-j and the abjad order أ ب ج د هـ و ز ح ط ي.
ABJAD = {"أ": "a", "ب": "b", "ج": "c", "د": "d", "هـ": "e", "ه": "e", "و": "f", "ز": "g", "ح": "h", "ط": "i",
         "ي": "j"}

# Words joining a provision to what contains it ("point (c) of Article 5", "من المادة", "لە ماددەی").
OF_WORDS = ["of", "in", "under", "من", "في", "لە", "له", "ی"]
# List and range words.
AND_WORDS = ["and", "&", "or", "و", "أو", "وە", "یان"]
RANGE_WORDS = ["to", "through", "-", "إلى", "الى", "لغاية", "حتى", "ولغاية", "تا", "هەتا", "بۆ"]
FROM_WORDS = ["from", "من", "لە"]

# The law named after the provisions: number and year ...
LAW_WORDS = ["law", "act", "قانون", "القانون", "یاسای", "یاسا", "یاسایی"]
INSTRUCTION_WORDS = ["instructions", "instruction", "التعليمات", "تعليمات", "ڕێنماییەکانی", "ڕێنمایی"]
NUMBER_WORDS = ["no.", "no", "number", "رقم", "المرقم", "ژمارە", "ژمارەی"]
YEAR_WORDS = ["of", "لسنة", "سنة", "لعام", "ساڵی", "سالی"]
# ... or left implicit: the law cited just before.
SAME_LAW = ["this law", "the same law", "that law", "the said law", "منه", "هذا القانون", "القانون ذاته",
            "القانون نفسه", "ذات القانون", "نفس القانون", "المذكور", "ئەم یاسایە", "هەمان یاسا", "لێی"]

"""The words citations are made of, in English, Arabic and Kurdish, as data.

Every word is written here as a reader writes it and folded (see normalize.fold) when the patterns are built,
so one entry covers its spelling variants: أولاً / اولا / ثانيا ً, ماددەی / ماددهی / مادەی, ك / ک.
"""

from __future__ import annotations

# Words that name an article (singular and plural), a paragraph, a point.
def _joined(words, prefixes):
    """Each word with the particles written joined to it: و، ب، ل (ل + ال is لل), ف، ك; لە، بە."""
    out = list(words)
    for w in words:
        for p in prefixes:
            out.append("لل" + w[2:] if p == "ل" and w.startswith("ال") else p + w)
    return out


_AR_JOINED = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "وك")
_CKB_JOINED = ("لە", "بە", "وە")

ARTICLE_WORDS = [
    "article", "articles", "art.", "arts.", "art", "arts", "م",  # م: the abbreviation lawyers write, "م 393"
    *_joined(["المادة", "المواد", "المادتين", "المادتان", "مادة", "مواد", "مادتين", "مادتي", "المادتي"], _AR_JOINED),
    *_joined(["ماددەی", "ماددە", "مادەی", "مادە", "ماددەکانی", "مادەکانی", "ماددەکان", "مادەکان", "ماددەیەکانی",
              "ماددەکەی", "مادەکەی", "بەندی", "ماددەیێن", "مادەیێن", "ماددەیا"], _CKB_JOINED),
]
PARAGRAPH_WORDS = [
    "paragraph", "paragraphs", "para.", "paras.", "subparagraph", "sub-paragraph",
    *_joined(["الفقرة", "الفقرات", "البند", "البنود", "الفقرة الفرعية", "فقرة", "بند", "الفقرتين", "البندين"],
             _AR_JOINED),
    *_joined(["بڕگەی", "بڕگە", "بڕگەکانی", "خاڵی", "خاڵ", "بڕگەکەی", "خاڵەکانی"], _CKB_JOINED),
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
    "دویەم": 2, "دووم": 2, "سییەم": 3, "حەوتەم": 7, "هەشتەم": 8, "نۆیەم": 9, "نۆهەم": 9, "دەیەم": 10,
    "دەهەم": 10, "یازدەیەم": 11, "دوازدەیەم": 12,
    "سێزدەیەم": 13, "چواردەیەم": 14, "پازدەیەم": 15,
}

# Articles written as ordinal words: المادة الخامسة, Article Five is rare in English and left out.
ARTICLE_ORDINALS = {
    "الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
    "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الثانية عشرة": 12, "الثالثة عشرة": 13,
    "الرابعة عشرة": 14, "الخامسة عشرة": 15, "السادسة عشرة": 16, "السابعة عشرة": 17, "الثامنة عشرة": 18,
    "التاسعة عشرة": 19, "العشرون": 20,
}
# Tens of articles written out: "المادة الثالثة والسبعون" is Article 73 (the unit, و, the tens)
ARTICLE_TENS = {"العشرون": 20, "الثلاثون": 30, "الأربعون": 40, "الخمسون": 50, "الستون": 60, "السبعون": 70,
                "الثمانون": 80, "التسعون": 90}
# A paragraph named by an ordinal as Arabic writes it for a feminine noun or after a pronoun: "الفقرة الأولى",
# "في بندها الثالث"
PARAGRAPH_ORDINALS = {**{k: v for k, v in ARTICLE_ORDINALS.items() if v < 20},
                      "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
                      "الثامن": 8, "التاسع": 9, "العاشر": 10}
# "… من الدستور في بندها الثالث": a paragraph named after the law, with the article's pronoun
PARAGRAPH_OF_IT = ["في بندها", "في فقرتها", "بندها", "فقرتها", "في البند", "في الفقرة", "البند", "الفقرة"]

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
LAW_WORDS = ["law", "act", *_joined(["قانون", "القانون"], _AR_JOINED),
             *_joined(["یاسای", "یاسا", "یاسایی", "یاساکانی", "یاساکەی", "یاساکە"], _CKB_JOINED)]
# Words a law's name is built on when it has no "law" in it (the Constitution, the Penal Code, the Protocol):
# a citation may start or end at one; the names themselves (titles and aliases) come from law.yml.
NAME_WORDS = [
    "constitution", "code", "protocol", "convention",
    *_joined(["الدستور", "دستور", "البروتوكول", "بروتوكول", "البرتوكول", "برتوكول", "الاتفاقية", "اتفاقية",
              "الأصولية"], _AR_JOINED),
    *_joined(["دەستوور", "دەستووری", "دەستووردا", "دەستوورەکە", "دەستوورەکەی", "دەستور", "دەستوری", "دەستوردا",
              "دستوور", "دستووری", "دستوورێ", "دەستوورێ", "دەستورێ",
              "دەستورەکە", "پرۆتۆکۆڵ", "پرۆتۆکۆڵی",
              "پرۆتۆکۆڵەکە", "پرۆتۆکۆڵەکەی", "پرۆتۆکۆل", "پرۆتۆکۆلی", "ڕێککەوتننامە", "ڕێککەوتننامەی",
              "ڕێککەوتننامەکە"], _CKB_JOINED),
]
# A name that stands for a kind of instrument, not one: "Article 10 of the Protocol" names a protocol only when
# the passage cited one before; otherwise it asks which.
GENERIC_NAMES = {
    "protocol": ["the protocol", "protocol", "البروتوكول", "البرتوكول", "بالبروتوكول", "للبروتوكول",
                 "پرۆتۆکۆڵەکە", "پرۆتۆکۆڵەکەی", "پرۆتۆکۆڵەکەدا"],
    "convention": ["the convention", "convention", "الاتفاقية", "بالاتفاقية", "للاتفاقية", "ڕێککەوتننامەکە",
                   "ڕێککەوتننامەکەی"],
}
# How the names of one kind of instrument begin, to tell which one a loose title after "the Protocol" means
KIND_HEADS = {
    "protocol": ["protocol", "بروتوكول", "البروتوكول", "برتوكول", "پرۆتۆکۆڵی", "پرۆتۆکۆڵ", "پرۆتۆکۆل", "پرۆتۆکۆلی"],
    "convention": ["convention", "اتفاقية", "الاتفاقية", "ڕێککەوتننامەی", "ڕێککەوتننامە"],
}

# Common misspellings of the words laws are named by, read as the word (an alias would show them on the site)
MISSPELLINGS = {"دەستور": "دەستوور", "دستوور": "دەستوور", "برتوكول": "بروتوكول"}  # دستوور: Badini

# Words that make a law's name another state's, another jurisdiction's or another era's (the Yemeni Penal
# Code, دستور مصر, the Arab model law, the 1970 interim constitution, a Kurdistan Region law): such a name never
# resolves to a bundled law of Iraq.
_STATES = {
    # adjective (English), country (English), Arabic adjective, Arabic country, Kurdish adjective, Kurdish country
    "Yemen": ("yemeni", "yemen", "اليمني", "اليمن", "یەمەنی", "یەمەن"),
    "Tunisia": ("tunisian", "tunisia", "التونسي", "تونس", "تونسی", "تونس"),
    "Egypt": ("egyptian", "egypt", "المصري", "مصر", "میسری", "میسر"),
    "Jordan": ("jordanian", "jordan", "الأردني", "الأردن", "ئوردنی", "ئوردن"),
    "Syria": ("syrian", "syria", "السوري", "سوريا", "سووری", "سووریا"),
    "Lebanon": ("lebanese", "lebanon", "اللبناني", "لبنان", "لوبنانی", "لوبنان"),
    "Kuwait": ("kuwaiti", "kuwait", "الكويتي", "الكويت", "کوەیتی", "کوەیت"),
    "the UAE": ("emirati", "uae", "الإماراتي", "الإمارات", "ئیماراتی", "ئیمارات"),
    "Saudi Arabia": ("saudi", "saudi arabia", "السعودي", "السعودية", "سعوودی", "سعوودیە"),
    "Qatar": ("qatari", "qatar", "القطري", "قطر", "قەتەری", "قەتەر"),
    "Bahrain": ("bahraini", "bahrain", "البحريني", "البحرين", "بەحرەینی", "بەحرەین"),
    "Oman": ("omani", "oman", "العماني", "عمان", "عومانی", "عومان"),
    "Libya": ("libyan", "libya", "الليبي", "ليبيا", "لیبی", "لیبیا"),
    "Algeria": ("algerian", "algeria", "الجزائري", "الجزائر", "جەزائیری", "جەزائیر"),
    "Morocco": ("moroccan", "morocco", "المغربي", "المغرب", "مەغریبی", "مەغریب"),
    "Sudan": ("sudanese", "sudan", "السوداني", "السودان", "سوودانی", "سوودان"),
    "Palestine": ("palestinian", "palestine", "الفلسطيني", "فلسطين", "فەلەستینی", "فەلەستین"),
    "Iran": ("iranian", "iran", "الإيراني", "إيران", "ئێرانی", "ئێران"),
    "Turkey": ("turkish", "turkey", "التركي", "تركيا", "تورکی", "تورکیا"),
    "France": ("french", "france", "الفرنسي", "فرنسا", "فەرەنسی", "فەرەنسا"),
    "Germany": ("german", "germany", "الألماني", "ألمانيا", "ئەڵمانی", "ئەڵمانیا"),
    "the United Kingdom": ("british", "united kingdom", "البريطاني", "بريطانيا", "بەریتانی", "بەریتانیا"),
    "the United States": ("american", "united states", "الأمريكي", "أمريكا", "ئەمریکی", "ئەمریکا"),
}
OTHER_STATE = {w: state for state, words in _STATES.items() for w in words}
OTHER_STATE.update({w[:-1] + "ية": state for state, words in _STATES.items() for w in words[2:3]})  # التونسية
OTHER_STATE.update({"egypt's": "Egypt", "jordan's": "Jordan", "yemen's": "Yemen", "syria's": "Syria",
                    "tunisia's": "Tunisia", "iran's": "Iran", "turkey's": "Turkey", "lebanon's": "Lebanon"})
# Another state's money in a sentence speaks of that state: "بغرامة من 500 إلى 5000 دج" is Algerian law
OTHER_STATE.update({"دج": "Algeria", "جنيه": "Egypt", "جنيها": "Egypt", "درهم": "Morocco or the UAE",
                    "دراهم": "Morocco or the UAE", "ريال": "a Gulf state or Yemen", "ريالات": "a Gulf state or Yemen",
                    "ليرة": "Syria, Lebanon or Turkey", "dirhams": "Morocco or the UAE",
                    "riyals": "a Gulf state or Yemen", "دينار بحريني": "Bahrain", "دينار أردني": "Jordan",
                    "دينار كويتي": "Kuwait", "دينار تونسي": "Tunisia"})
OTHER_KIND = {  # a model, a league's instrument, an interim (earlier) constitution
    "model": "a model law", "الاسترشادي": "a model law", "الاسترشادية": "a model law", "النموذجي": "a model law",
    "النموذجية": "a model law", "نموونەیی": "a model law",
    "arab": "an Arab League instrument", "العربي": "an Arab League instrument", "العربية": "an Arab League instrument",
    "عەرەبی": "an Arab League instrument",
    "interim": "an earlier, interim constitution", "temporary": "an earlier, interim constitution",
    "transitional": "an earlier, interim constitution", "provisional": "an earlier, interim constitution",
    "السابق": "an earlier law", "القديم": "an earlier law",
    "المؤقت": "an earlier, interim constitution", "الموقت": "an earlier, interim constitution",
    "المؤقتة": "an earlier, interim constitution", "کاتی": "an earlier, interim constitution",
    "کاتیی": "an earlier, interim constitution",
    "البغدادي": "the Baghdadi Penal Code of 1918", "regional": "the Kurdistan Region",
    "kurdish": "the Kurdistan Region", "ملغى": "a repealed law", "الملغى": "a repealed law",
    "الملغي": "a repealed law", "repealed": "a repealed law",
}
# English adjectives that qualify a name only when written before it ("Iraq's first constitution"); after a name
# they are ordinary words ("read Law No. 28 of 2012 first")
OTHER_BEFORE = {"first": "an earlier constitution or law", "old": "an earlier law", "former": "an earlier law",
                "previous": "an earlier law"}
KURDISTAN = ["kurdistan", "krg", "krg's", "kurdistan's", "كوردستان", "كردستان", "کوردستان", "کوردستانی",
             "لإقليم", "الإقليم", "إقليم", "هەرێمی", "هەرێم"]
INSTRUCTION_WORDS = ["instructions", "instruction", "التعليمات", "تعليمات", "ڕێنماییەکانی", "ڕێنمایی"]
NUMBER_WORDS = ["no.", "no", "nr.", "number", "رقم", "برقم", "المرقم", "ذي الرقم", "ژمارە", "ژمارەی", "ژ."]
YEAR_WORDS = ["of", "for the year", "for year", "of the year", "of year", "from", "لسنة", "سنة", "لعام", "عام",
              "للعام", "للسنة", "ساڵی", "سالی", "ی ساڵی"]
# "the Penal Code promulgated by Legislative Decree No. 15 of 1976": the number and year of the act that made it
ISSUED_BY = ["promulgated by", "issued by", "enacted by", "issued under", "promulgated under", "as issued by",
             "الصادر بموجب", "الصادر بالقانون", "الصادر بالمرسوم", "الصادرة بموجب", "الصادر ب", "الصادر بقانون",
             "الصادر بالمرسوم التشريعي", "الصادر بالمرسوم بقانون"]
# "Law No. 64 of 2010 issuing the Anti-Trafficking Law": the name is the law that number made
ISSUING = ["issuing", "promulgating", "enacting", "on issuing", "بإصدار", "باصدار", "بإصدار"]
# Short forms Iraqi lawyers write right after an article for the code it belongs to ("المادة 393 عقوبات", "م 406
# ق.ع"), each with the name it stands for: it resolves as that name does (an alias of a law in laws/), and only
# after a provision, where it cannot be the common word.
SHORT_FORMS = {
    "عقوبات": "قانون العقوبات", "ق.ع": "قانون العقوبات", "ق ع": "قانون العقوبات", "ق.ع.ع": "قانون العقوبات",
    "أصولية": "قانون أصول المحاكمات الجزائية", "الأصولية": "قانون أصول المحاكمات الجزائية",
    "أصول جزائية": "قانون أصول المحاكمات الجزائية", "الأصول الجزائية": "قانون أصول المحاكمات الجزائية",
    "ق.أ.م.ج": "قانون أصول المحاكمات الجزائية", "أ.م.ج": "قانون أصول المحاكمات الجزائية",
    "ق أ م ج": "قانون أصول المحاكمات الجزائية", "اتجار بالبشر": "قانون مكافحة الاتجار بالبشر",
    "سزادان": "یاسای سزادان",
}
# The adjective "constitutional" right after an article: "المادة 140 الدستورية" is Article 140 of the Constitution
CONSTITUTIONAL = ["الدستورية", "الدستوري", "دەستوورییە", "دەستووریی", "constitutional"]
# Instruments that are not laws of the corpus: "Article 5 of the internal rules of Parliament" is not the law cited
# before it, nor any bundled one
OTHER_INSTRUMENTS = ["النظام الداخلي", "النظام", "نظام", "اللائحة", "لائحة", "القرار", "قرار", "الأمر", "أمر",
                     "المرسوم", "مرسوم", "البيان", "بيان", "the internal rules", "internal rules", "rules of procedure",
                     "the regulation", "regulation", "the regulations", "regulations", "bylaws", "the bylaws",
                     "decree", "the decree", "order", "the order", "resolution", "the resolution", "decision",
                     "the decision", "charter", "the charter", "statute", "the statute", "پەیڕەوی ناوخۆ",
                     "پەیڕەوی", "پەیڕەو", "بڕیاری", "بڕیار", "فەرمانی", "فەرمان",
                     # the Transitional Administrative Law of 2004, cited beside the Constitution and not bundled
                     "administration of the state", "the law of administration", "law of administration",
                     "the transitional administrative law", "transitional administrative law", "the tal", "tal",
                     "قانون إدارة الدولة", "قانون ادارة الدولة", "یاسای بەڕێوەبردنی دەوڵەت"]
# A law's name said again ("الدستور المذكور", "this Constitution"): the law named before it in the passage
SAID = ["المذكور", "المذكورة", "المذكو", "المشار إليه", "آنف الذكر", "الآنف الذكر", "ناوبراو", "ناوبراوە",
        "aforementioned", "said"]
THIS = ["هذا", "ذلك", "this", "that", "ئەم", "ئەو"]
# "this article": a paragraph of the article cited just before ("الفقرة سادساً من هذه المادة")
THIS_ARTICLE = ["this article", "the same article", "that article", "the said article", "هذه المادة",
                "ذات المادة", "المادة ذاتها", "المادة نفسها", "نفس المادة", "المادة المذكورة", "ئەم ماددەیە",
                "ئەم مادەیە", "هەمان ماددە", "هەمان مادە"]
# ... or left implicit: the law cited just before.
SAME_LAW = ["this law", "the same law", "that law", "the said law", "منه", "هذا القانون", "القانون ذاته",
            "القانون نفسه", "ذات القانون", "نفس القانون", "المذكور", "ئەم یاسایە", "هەمان یاسا", "لێی"]

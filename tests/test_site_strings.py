"""The Arabic and Kurdish words a reader sees on the site, checked as text: the site's own strings
(tools/sopkit/site/strings.yml), the provision and section labels (tools/sopkit/data/labels.yml), the site's
name per language (mkdocs.yml), Material's interface words (overrides/partials/languages/ar.html, ckb.html) and
the glossary's terms.

What is checked: every language says everything English says, with the same placeholders; Kurdish is
written with Kurdish letters (ک ی ە, never Arabic ك ي ى or a word-final ه for ە); Arabic holds no letter
that Arabic does not have; no tatweel; no Latin letters but a short list of names; Arabic punctuation; one
word for one thing where a synonym has crept in before. Whether the words are well chosen is for a reader:
these checks catch what a reviewer's eye slides over.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import jinja2
import pytest
import yaml

import material
from conftest import REPO
from sopkit.yamldoc import load_yaml

SITE_DIR = REPO / "tools" / "sopkit" / "site"
STRINGS = SITE_DIR / "strings.yml"
LABELS = REPO / "tools" / "sopkit" / "data" / "labels.yml"
OVERRIDES = SITE_DIR / "overrides"
PARTIALS = OVERRIDES / "partials" / "languages"
MATERIAL = Path(material.__file__).parent / "templates"
CONFIGS = (REPO / "mkdocs.yml", SITE_DIR / "mkdocs.yml")

TATWEEL = "\u0640"
# Arabic letters that Sorani writes otherwise: kaf (ک), yeh and alef maksura (ی), ta marbuta (ە or ت).
NOT_KURDISH = {"\u0643": "ك (write ک)", "\u064a": "ي (write ی)", "\u0649": "ى (write ی)", "\u0629": "ة"}
HEH = "\u0647"
# Kurdish words that really end in the consonant ه (none yet); each would need a reason beside it.
FINAL_HEH_WORDS: set[str] = set()
# Letters of Kurdish (and Persian) that Arabic does not have.
NOT_ARABIC = {"\u0695": "ڕ", "\u06b5": "ڵ", "\u06c6": "ۆ", "\u06ce": "ێ", "\u06d5": "ە", "\u06a4": "ڤ",
              "\u06af": "گ", "\u067e": "پ", "\u0686": "چ", "\u0698": "ژ", "\u06a9": "ک", "\u06cc": "ی"}
# Proper names an Arabic string may spell with پ گ چ (none yet).
ARABIC_NAMES_WITH_PERSIAN_LETTERS: set[str] = set()
# Latin text an Arabic or Kurdish string may hold: the file a reader opens in the downloaded copy.
LATIN_ALLOWED = {"index.html", "PDF"}  # a file name, and the name of a file format (as Arabic and Kurdish write it)
# The letter ه written as a list marker (الفقرة (هـ)): the one place a tatweel belongs.
TATWEEL_ALLOWED = {"هـ"}
# Words that once stood for another concept, or for a thing another word names, on the site: a pattern that
# a whole word (with its prefixes و ف ب ل ال) must not match, and why.
PREFIX = "(?:[وفبل]?(?:ال|لل)?)"
NOT_THIS_WORD = {
    "ar": {
        PREFIX + "إحال.*": "a citation is الإشارة (glossary: citation); الإحالة is the referral of a victim",
        "[وف]?[يت]حيل.*": "a section cites (يشير إلى, glossary: citation)",
        "[وف]?أحال.*": "a section cites (أشار إلى, glossary: citation)",
        PREFIX + "إنجليزي.*": "the site writes الإنكليزية",
        PREFIX + "كردي.*": "the site writes الكوردية (as كوردستان)",
        PREFIX + "كردستان.*": "Iraqi official Arabic writes كوردستان (glossary: kurdistan-region)",
        "إبحث|إختر": "ابحث, اختر: a hamzat wasl, no hamza written",
        "اخر": "آخر",
        "الى": "إلى",
    },
    "ckb": {
        ".*لاپەڕە.*": "the site writes پەڕە (page), as in پەڕەی سەرەکی",
    },
}


def walk(value, path=()):
    """(path, text) of every string under `value`, with the path of keys (and list indexes) to it."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from walk(inner, (*path, str(key)))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from walk(inner, (*path, str(i)))
    elif isinstance(value, str):
        yield path, value


def key_paths(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*path, str(key))
            yield from key_paths(inner, (*path, str(key)))


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in Formatter().parse(text) if name is not None)


def without_placeholders(text: str) -> str:
    return re.sub(r"\{[a-z_]+\}", " ", text)


def material_words(path: Path) -> dict[str, str]:
    """The words of a Material language partial, as its `t` macro gives them."""
    keys = re.findall(r'^\s*"([a-z.]+)":', path.read_text(encoding="utf-8"), re.M)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(OVERRIDES), str(MATERIAL)]))
    macro = env.get_template(f"partials/languages/{path.name}").module.t
    return {key: str(macro(key)) for key in keys}


def strings_table() -> dict:
    return load_yaml(STRINGS.read_text(encoding="utf-8")).data


def site_names() -> dict[str, str]:
    names = {}
    for config in CONFIGS:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                for language in plugin["i18n"]["languages"]:
                    if "site_name" in language:
                        names[f"{config.relative_to(REPO)}:{language['locale']}"] = language["site_name"]
    return names


def texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) of every string a reader of `lang` sees, from every file this test covers."""
    out = [(f"strings.yml:{lang}." + ".".join(path), text) for path, text in walk(strings_table()[lang])]
    labels = load_yaml(LABELS.read_text(encoding="utf-8")).data["languages"][lang]
    out += [(f"labels.yml:{lang}." + ".".join(path), text) for path, text in walk(labels) if path[0] != "digits"]
    out += [(where, name) for where, name in site_names().items() if where.endswith(f":{lang}")]
    out += [(f"{lang}.html:{key}", word) for key, word in material_words(PARTIALS / f"{lang}.html").items()
            if not key.startswith("search.config") and key not in ("language", "direction")]
    glossary = load_yaml((REPO / "glossary.yml").read_text(encoding="utf-8")).data
    out += [(f"glossary.yml:{entry['id']}", entry[lang]) for entry in glossary]
    return out


def words_of(text: str) -> list[str]:
    return re.findall(r"[\u0600-\u06ff]+", text)


def kurdish_faults(text: str) -> list[str]:
    """What in a Kurdish `text` is written with Arabic stand-ins: ك ي ى ة, or a word ending in ه for ە."""
    faults = [name for letter, name in NOT_KURDISH.items() if letter in text]
    return faults + [f"{word}: final ه" for word in words_of(text) if word.endswith(HEH) and word not in FINAL_HEH_WORDS]


def arabic_faults(text: str) -> list[str]:
    """The words of an Arabic `text` holding a letter Arabic does not have."""
    return [word for word in words_of(text)
            if any(letter in word for letter in NOT_ARABIC) and word not in ARABIC_NAMES_WITH_PERSIAN_LETTERS]


def other_word_faults(lang: str, text: str) -> list[str]:
    """The words of `text` that the site has replaced with another (NOT_THIS_WORD), with the reason."""
    return [f"{word}: {why}" for word in words_of(text) for pattern, why in NOT_THIS_WORD[lang].items()
            if re.fullmatch(pattern, word)]


# --- every language says everything English says --------------------------------------------------------

def test_strings_every_language_has_the_keys_of_english_in_its_order():
    table = strings_table()
    english = list(key_paths(table["en"]))
    for lang in table:
        assert list(key_paths(table[lang])) == english, lang


def test_strings_placeholders_are_the_ones_of_english():
    table = strings_table()
    english = dict(walk(table["en"]))
    for lang in table:
        for path, text in walk(table[lang]):
            assert placeholders(text) == placeholders(english[path]), (lang, ".".join(path), text)


def test_material_words_cover_what_english_says_on_the_site():
    english = material_words(MATERIAL / "partials" / "languages" / "en.html")
    shown = {key for key in english if not key.startswith(("blog.", "readtime.", "rss.", "search.config."))}
    for lang in ("ar", "ckb"):
        words = material_words(PARTIALS / f"{lang}.html")
        assert words["language"] == lang and words["direction"] == "rtl"
        assert shown <= {key for key, word in words.items() if word.strip()}, (lang, shown - set(words))
        for key, word in words.items():
            assert word.count("#") == english.get(key, "").count("#"), (lang, key, word)


# --- Kurdish is written with Kurdish letters ---------------------------------------------------------------

def test_kurdish_is_written_with_kurdish_letters():
    bad = [(where, text, kurdish_faults(text)) for where, text in texts("ckb") if kurdish_faults(text)]
    assert not bad, bad


# --- Arabic holds only Arabic letters ----------------------------------------------------------------------

def test_arabic_has_no_kurdish_or_persian_letters():
    bad = [(where, arabic_faults(text)) for where, text in texts("ar") if arabic_faults(text)]
    assert not bad, bad


# --- no tatweel, no Latin, Arabic punctuation ----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_no_tatweel(lang):
    bad = [(where, text) for where, text in texts(lang)
           if TATWEEL in text and text not in TATWEEL_ALLOWED]
    assert not bad, bad


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_no_latin_letters_but_the_allowed_names(lang):
    bad = []
    for where, text in texts(lang):
        rest = without_placeholders(text)
        for allowed in LATIN_ALLOWED:
            rest = rest.replace(allowed, " ")
        if re.search("[A-Za-z]", rest):
            bad.append((where, text))
    assert not bad, bad


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_arabic_script_punctuation(lang):
    bad = [(where, text) for where, text in texts(lang) if re.search("[,;?]", text)]
    assert not bad, bad


# --- one word for one thing ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_no_word_that_names_another_thing(lang):
    bad = [(where, other_word_faults(lang, text)) for where, text in texts(lang)
           if not where.startswith("glossary.yml") and other_word_faults(lang, text)]
    assert not bad, bad


def test_citations_are_named_with_the_glossary_term():
    glossary = {entry["id"]: entry for entry in load_yaml((REPO / "glossary.yml").read_text(encoding="utf-8")).data}
    table = strings_table()
    stems = {"ar": "الإشار", "ckb": "ئاماژە"}  # الإشارة / الإشارات, ئاماژەپێدان / ئاماژەی پێکراوە
    for lang, stem in stems.items():
        assert glossary["citation"][lang].startswith(stem[:4])
        overview = table[lang]["overview"]["citation_map"]
        for text in (overview["title"], overview["count"], *table[lang]["cited_by"].values()):
            assert stem in text, (lang, text)


# --- the checks themselves catch what they are for ---------------------------------------------------------------

@pytest.mark.parametrize("text, fault", [
    ("ماددەي (٦)", "ي"), ("زمانی كوردی", "ك"), ("قوربانى", "ى"), ("ئەم بەشه", "بەشه: final ه"),
])
def test_a_kurdish_stand_in_is_caught(text, fault):
    assert any(fault in found for found in kurdish_faults(text))


def test_kurdish_letters_pass():
    assert kurdish_faults("ئەم بەشە هێشتا وەرنەگێڕدراوە؛ ماددەی (٦)ی یاسای ژمارە (٢٨)") == []


def test_a_kurdish_letter_in_arabic_is_caught_and_arabic_passes():
    assert arabic_faults("المادەی (6) من القانون") == ["المادەی"]
    assert arabic_faults("الفقرة (هـ) من البند (أولاً) من المادة (6)") == []


@pytest.mark.parametrize("text", ["عدد الإحالات", "الأقسام التي تحيل إليه", "باللغة الإنجليزية", "والكردية",
                                  "إقليم كردستان", "إبحث", "اخر تحديث", "نسخ الى الحافظة"])
def test_a_replaced_arabic_word_is_caught(text):
    assert other_word_faults("ar", text)


def test_words_that_only_look_like_replaced_ones_pass():
    assert other_word_faults("ar", "من المستحيل في الآخر إلى الكوردية في إقليم كوردستان") == []

"""Labels as a legal writer writes them, in the reader's language: a provision with its law, a provision within
its own law, and a section of the SOP with its number and title.

The words and the order they go in are data (data/labels.yml, shipped with the package); this module only
picks the template for the law's type and the reader's language and fills it in. Every renderer reads its
labels here: the Word redline's words for an empty link, `sop cite` and `sop refs`, the site and the print
edition. Nothing here raises on content: an id the templates cannot write is labelled with the law text's own
headings, an unknown law with its id, an unknown section is None.

Example (with `corpus` the bundled corpus, load.load_corpus):
    >>> provision_label(corpus, "iq/law-28-2012", "6.1.b", "en")
    'Article 6(1)(b) of the Anti-Human Trafficking Law No. 28 of 2012'
    >>> provision_label(corpus, "iq/law-28-2012", "6.1.b", "ar")
    'الفقرة (ب) من البند (أولاً) من المادة (6) من قانون مكافحة الاتجار بالبشر رقم (28) لسنة 2012'
    >>> provision_label(corpus, "iq/law-28-2012", "7", "ckb", form="short")
    'ماددەی (٧)'
    >>> provision_label(corpus, "un/som-protocol-2000", "6.3", "en", form="short")
    'Article 6, paragraph 3'
    >>> section_label(corpus, "interviewing-victims", "ar").text
    'القسم 5.4 (مقابلة الضحايا)'
    >>> label = section_label(corpus, "referral-medical-care", "ar")  # (untranslated: the source's title, fallback)
    >>> label.text, label.title_lang, label.fallback
    ('القسم 6.2.2 (الرعاية الطبية)', 'ar', False)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from typing import NamedTuple

from .model import Chapter, Corpus, Law, Section
from .yamldoc import load_yaml

FULL, SHORT = "full", "short"
_DIGITS = re.compile(r"[0-9]+")
_ARTICLE = re.compile(r"\d+\Z", re.ASCII)
_POINT = re.compile(r"[a-z]\Z")
_ATX = re.compile(r"^( {0,3}#{1,6})(?:[ \t]+|$)")


@functools.lru_cache(maxsize=1)
def label_data() -> dict:
    """The contents of data/labels.yml, read once per process."""
    text = resources.files("sopkit").joinpath("data/labels.yml").read_text(encoding="utf-8")
    return load_yaml(text).data


def _language(lang: str) -> dict:
    data = label_data()
    return data["languages"].get(lang) or data["languages"][data["fallback"]]


def numerals(text: str, lang: str) -> str:
    """`text` with its ASCII digits written in the language's digits: numerals("5.3", "ckb") == "٥.٣"."""
    digits = _language(lang)["digits"]
    return text if digits == "0123456789" else text.translate(str.maketrans("0123456789", digits))


# -- provisions -----------------------------------------------------------------------------------------

def provision_label(corpus_or_law: Corpus | Law, law_id: str, provision: str | None, lang: str,
                    form: str = FULL) -> str:
    """How a legal writer cites `provision` of the law `law_id` in `lang`.

    form="full" names the law ("Article 7 of the Anti-Human Trafficking Law No. 28 of 2012"); form="short" is
    the provision alone, as written inside the same law ("Article 7", "المادة (7)"). With no provision, both
    forms are the law's name. `corpus_or_law` is the corpus holding the law, or the law itself.
    """
    law = corpus_or_law if isinstance(corpus_or_law, Law) else corpus_or_law.laws.get(law_id)
    name, designated = _law_name(law, lang) if law is not None else (law_id, True)
    if not provision:
        return name
    words = _language(lang)
    part = _parts(law, provision, lang, words) or _headings(law, provision, lang)
    if form == SHORT:
        return part
    if words.get("set_off") and "," in part:
        part = words["set_off"].format(provision=part)
    return words["full"]["designated" if designated else "named"].format(provision=part, law=name)


def _law_name(law: Law, lang: str) -> tuple[str, bool]:
    """The law's name in `lang`, and whether it is a designation by number ("Law No. 1 of 2018", which English
    writes without "the"): its title with its number and year, its title alone where it has no number or the
    title states it, else its kind and number, else its first alias in `lang`, else its title in the law's
    authoritative language, else its id."""
    words = _language(lang)
    meta = law.meta
    text = law.text(lang)
    if meta is None:  # law.yml unusable: the title the law's text gives itself
        return (text.title, False) if text is not None and text.title else (law.id, True)
    fields = {"number": numerals(meta.number or "", lang), "year": numerals(meta.year, lang),
              "kind": words["kinds"].get(meta.type, meta.type)}
    title = meta.title.get(lang)
    if title:
        if meta.number and not _states_number(title, meta.number, meta.year):
            return words["name"]["titled_numbered"].format(title=title, **fields), False
        return words["name"]["titled"].format(title=title, **fields), bool(meta.number)
    if meta.number:
        return words["name"]["numbered"].format(**fields), True
    aliases = meta.aliases.get(lang)
    if aliases:
        return aliases[0], False
    other = meta.title.get(meta.authoritative) or next(iter(meta.title.values()), None)
    return (other, False) if other else (law.id, True)


def _states_number(title: str, number: str, year: str) -> bool:
    """Whether a title already gives the law's number and year ("Law No. 1 of 2018 on ...", in any digits)."""
    values = {_value(d) for d in _DIGITS.findall(_ascii_digits(title))}
    return _value(_ascii_digits(number)) in values and _value(_ascii_digits(year)) in values


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _value(digits: str) -> str:
    """A number written in ASCII digits without its leading zeros ("028" is 28); never int(), which refuses
    a run of thousands of digits."""
    return digits.lstrip("0") or "0"


def _parts(law: Law | None, provision: str, lang: str, words: dict) -> str | None:
    """The provision written by the templates of its law's style, or None where they cannot write it."""
    segments = provision.split(".")
    if len(segments) > 3 or not _ARTICLE.match(segments[0]):
        return None
    levels = ["article"]
    for seg in segments[1:]:
        if _ARTICLE.match(seg) and levels[-1] == "article":
            levels.append("paragraph")
        elif _POINT.match(seg) and levels[-1] in ("article", "paragraph"):
            levels.append("point")
        else:
            return None
    style = label_data()["styles"].get(law.meta.type if law is not None and law.meta else "law", "iraqi")
    templates = words["parts"].get(style) or words["parts"]["iraqi"]
    ordinals, letters = words["ordinals"], words["letters"]
    label = ""
    for level, seg in zip(levels, segments):
        template = templates[level]
        fields = {"within": label, "number": numerals(_value(seg), lang) if level != "point" else seg}
        if "{ordinal}" in template:
            n = _value(seg)
            if len(n) > 3 or not 1 <= int(n) <= len(ordinals):
                return None  # past the ordinal words written down
            fields["ordinal"] = ordinals[int(n) - 1]
        if level == "point":
            if ord(seg) - ord("a") >= len(letters):
                return None
            fields["letter"] = letters[ord(seg) - ord("a")]
        label = template.format(**fields)
    return label


def _headings(law: Law | None, provision: str, lang: str) -> str:
    """The provision as the law text heads it and what encloses it: "Article 6 › First › ii"; a part no text
    heads is its id."""
    segments = provision.split(".")
    texts = [t for t in (law.texts.get(lang), law.text()) if t is not None] if law is not None else []
    out = []
    for n in range(1, len(segments) + 1):
        pid = ".".join(segments[:n])
        heading = next((p.label for t in texts if (p := t.provision(pid)) is not None and p.label), None)
        out.append(heading or segments[n - 1])
    return " › ".join(out)


# -- sections -------------------------------------------------------------------------------------------

class SectionLabel(NamedTuple):
    """A section of the SOP as a reader of `lang` is pointed to it."""

    text: str  # "section 5.4 (Interviewing victims)", "القسم 5.4 (مقابلة الضحايا)"
    number: str  # "5.4", in the reader's digits
    title: str  # the section's heading
    lang: str  # the reader's language
    title_lang: str  # the language of `title`: the reader's, or the source language's where not translated
    chapter: Chapter  # the chapter holding the section, in title_lang
    section: Section

    @property
    def fallback(self) -> bool:
        """True where the reader's language has no such section and the source language's stands in."""
        return self.title_lang != self.lang


def find_section(corpus: Corpus, section_id: str, lang: str) -> tuple[Chapter, Section] | None:
    """The section `section_id` in the reader's language, else in the source language, else None."""
    for want in dict.fromkeys((lang, corpus.settings.source_language)):
        for chapter in corpus.chapters:
            if chapter.lang == want and (section := chapter.section(section_id)) is not None:
                return chapter, section
    return None


def section_label(corpus: Corpus, section_id: str, lang: str) -> SectionLabel | None:
    """How a reader of `lang` is pointed to a section: its number and title, in `lang` where the chapter is
    translated, else the source language's title (`fallback` is then True, and `title_lang` says which)."""
    found = find_section(corpus, section_id, lang)
    if found is None:
        return None
    chapter, section = found
    number = numerals(section.number_text, lang)
    title = section.label
    if "{" in title:  # a suggestion in the heading (CriticMarkup): a label names the section as it stands
        from .suggestions import apply

        title = apply(title, "reject").text
    text = _language(lang)["section"].format(number=number, title=title)
    return SectionLabel(text, number, title, lang, chapter.lang, chapter, section)


def number_headings(lines: list[str], chapter: Chapter) -> list[str]:
    """`lines` (the chapter's, one for one) with each section's computed number before its heading's text, in
    the digits of the chapter's language (as the section labels of links write it)."""
    lines = list(lines)
    for section in chapter.sections:
        i = section.line - 1
        if not section.number or not 0 <= i < len(lines):
            continue
        line = lines[i]
        atx = _ATX.match(line)
        if atx:  # `## Heading {#id}`: the number after the hashes
            lines[i] = f"{atx.group(1)} {numerals(section.number_text, chapter.lang)} {line[atx.end():]}".rstrip(" ")
        else:  # a setext heading (text, then a line of = or -): the number before the text
            indent = len(line) - len(line.lstrip(" "))
            lines[i] = f"{line[:indent]}{numerals(section.number_text, chapter.lang)} {line[indent:]}"
    return lines

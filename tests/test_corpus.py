"""The bundled corpus: it checks clean and holds what the project promises its users."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from sopkit.check import check
from sopkit.yamldoc import load_yaml

REQUIRED_LAWS = ["iq/law-28-2012", "iq/law-76-2017", "iq/instructions-2-2007", "iq/law-1-2018", "iq/law-11-2016",
                 "iq/law-111-1969", "iq/law-23-1971", "iq/constitution-2005", "un/tip-protocol-2000",
                 "un/som-protocol-2000", "un/untoc-2000"]


@pytest.fixture(scope="module")
def result():
    return check(REPO)


def test_bundled_corpus_checks_clean(result):
    assert [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.report.diagnostics] == []


def test_required_laws_are_present(result):
    assert set(REQUIRED_LAWS) <= set(result.corpus.laws)


def _articles(law, lang):
    return [p.id for p in law.texts[lang].provisions if "." not in p.id]


def test_law_28_2012_is_complete_in_three_languages(result):
    law = result.corpus.laws["iq/law-28-2012"]
    for lang in ("ar", "en", "ckb"):
        assert _articles(law, lang) == [str(n) for n in range(1, 15)], lang


def test_law_28_2012_numbers_the_central_committee_as_the_sherloc_translation_does(result):
    """Article 2 forms the Central Committee, Article 3 lists its functions First to Seventh; no article of
    objectives remains from the draft numbering the chapters once cited."""
    law = result.corpus.laws["iq/law-28-2012"]
    for lang in ("ar", "en", "ckb"):
        ids = [p.id for p in law.texts[lang].provisions]
        assert [i for i in ids if i.split(".")[0] in ("2", "3")] == ["2"] + ["3"] + [f"3.{n}" for n in range(1, 8)]


def test_the_federal_organ_law_records_its_amendment_and_the_named_law_stays_to_verify(result):
    organs = result.corpus.laws["iq/law-11-2016"]
    [amendment] = organs.meta.amendments
    assert (amendment.by, amendment.date, list(amendment.provisions)) == ("iq/law-18-2024", "2024-08-19",
                                                                           ["1.14", "1.15"])
    for lang, text in organs.texts.items():
        assert {"1.14", "1.15"} <= set(text.by_id), lang
    named = result.corpus.laws["iq/law-1-2018"]
    assert any("iq/law-11-2016" in item and "Kurdistan" in item for item in named.meta.verify)


def test_law_76_2017_has_every_article_heading(result):
    law = result.corpus.laws["iq/law-76-2017"]
    assert law.meta.gazette["issue"] == "4466" and law.meta.gazette["date"] == "2017-10-23"
    for lang in law.texts:
        assert _articles(law, lang) == [str(n) for n in range(1, 55)], lang


def test_every_law_text_is_marked_as_a_working_summary(result):
    """Nothing here was copied from the official gazette: every text says it is a summary, in metadata and in print."""
    for law in result.corpus.laws.values():
        assert set(law.meta.text_status.values()) == {"summary"}, law.id
        for text in law.texts.values():
            first_block = re.split(r"\n\s*\n", text_after_title(text).strip())[0]
            assert first_block.startswith(">"), f"{text.path}: no working-summary note after the title"


def text_after_title(text) -> str:
    lines = (REPO / text.path).read_text(encoding="utf-8").split("\n")
    end = text.provisions[0].line - 1 if text.provisions else len(lines)
    return "\n".join(lines[text.title_line:end])


def test_eight_chapters_in_the_source_language(result):
    sources = [c for c in result.corpus.chapters if c.is_source]
    assert [c.id for c in sources] == [f"ch{n}" for n in range(1, 9)]
    assert all(len(c.sections) >= 5 for c in sources)


def test_at_least_three_chapters_translated_into_arabic_and_kurdish(result):
    for lang in ("ar", "ckb"):
        translated = [c.id for c in result.corpus.chapters if c.lang == lang]
        assert len(translated) >= 3, (lang, translated)


@pytest.fixture(scope="module")
def glossary():
    return load_yaml((REPO / "glossary.yml").read_text(encoding="utf-8")).data


def test_glossary_gives_every_term_in_three_languages(glossary):
    ids = [entry["id"] for entry in glossary]
    assert len(ids) == len(set(ids))
    for entry in glossary:
        for lang in ("en", "ar", "ckb"):
            assert isinstance(entry.get(lang), str) and entry[lang].strip(), (entry["id"], lang)


def test_glossary_is_one_term_for_one_concept(glossary):
    for lang in ("en", "ar", "ckb"):
        seen: dict[str, str] = {}
        for entry in glossary:
            term = entry[lang]
            assert term not in seen, f"{lang} '{term}' names both {seen[term]} and {entry['id']}"
            seen[term] = entry["id"]


def test_glossary_scripts(glossary):
    for entry in glossary:
        assert not re.search("[\u0643\u064a\u0649]", entry["ckb"]), f"{entry['id']}: Arabic letter in Kurdish"
        assert not re.search("[\u06d5\u0695\u06b5\u06c6\u06ce]", entry["ar"]), f"{entry['id']}: Kurdish letter in Arabic"

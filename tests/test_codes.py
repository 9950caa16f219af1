"""One failing case per diagnostic code, with the exact position it must be reported at."""

from __future__ import annotations

import os

import pytest

from conftest import BASE, CHAPTER, LAW_EN, LAW_YML, base_lock, findings
from sopkit.diagnostics import CATALOGUE

CH = "sop/01-general-provisions.md"
CH_AR = "sop/01-general-provisions.ar.md"
EN = "laws/iq/law-9-2000/en.md"
YML = "laws/iq/law-9-2000/law.yml"

CASES = {
    "L001 duplicate key in front matter": (
        {CH: CHAPTER.replace("id: ch1\n", "id: ch1\nid: ch1\n")}, ("L001", CH, 3, 1)),
    "L001 alias in law.yml": (
        {YML: LAW_YML.replace('number: "9"', 'number: &n "9"\nyear2: *n')}, ("L001", YML, 4, 9)),
    "L001 explicit tag in law.yml": (
        {YML: LAW_YML.replace('number: "9"', "number: !!python/object/apply:os.system [ls]")}, ("L001", YML, 4, 9)),
    "L001 broken YAML": ({YML: LAW_YML + "aliases: [a, b\n"}, ("L001", YML, 12, 1)),
    "L001 front matter not closed": ({CH: "---\nid: ch1\n\n## A {#a}\n"}, ("L001", CH, 1, 1)),
    "L002 status outside its set": (
        {CH: CHAPTER.replace("status: draft", "status: final")}, ("L002", CH, 4, 9)),
    "L002 reviewed not a date": (
        {CH: CHAPTER.replace('reviewed: "2026-11-16"', "reviewed: 16/11/2026")}, ("L002", CH, 5, 11)),
    "L002 required field missing": ({YML: LAW_YML.replace("type: law\n", "")}, ("L002", YML, 1, 1)),
    "L002 title as a list": ({YML: LAW_YML.replace("title:\n  en: Test Law\n  ar: قانون الاختبار\n",
                                                   "title: [Test Law]\n")}, ("L002", YML, 6, 8)),
    "L003 not UTF-8": ({EN: LAW_EN.encode() + b"caf\xe9\n"}, ("L003", EN, 10, 4)),
    "L004 chapter file name": ({"sop/5-investigation.md": CHAPTER}, ("L004", "sop/5-investigation.md", 1, 1)),
    "L004 translation without source": (
        {"sop/02-missing.ar.md": CHAPTER.replace("ch1", "ch2")}, ("L004", "sop/02-missing.ar.md", 1, 1)),
    "L004 law folder without law.yml": ({YML: None}, ("L004", "laws/iq/law-9-2000", 1, 1)),
    "L005 file too large": ({EN: LAW_EN + ("x" * 1000 + "\n") * 4300}, ("L005", EN, 1, 1)),
    "L005 line too long": ({EN: LAW_EN + "y" * 100_001 + "\n"}, ("L005", EN, 10, 1)),
    "L006 unknown field": ({CH: CHAPTER.replace("status: draft", "status: draft\nstauts: draft")},
                           ("L006", CH, 5, 1)),
    "V001 duplicate provision id": ({EN: LAW_EN + "\n## Article 2 {#1}\n"}, ("V001", EN, 11, 15)),
    "V002 law id differs from folder": ({YML: LAW_YML.replace("iq/law-9-2000", "iq/law-9-2001")},
                                        ("V002", YML, 1, 1)),
    "V002 chapter id differs from file number": ({CH: CHAPTER.replace("id: ch1", "id: ch3"),
                                                  CH_AR: None}, ("V002", CH, 2, 5)),
    "V003 provision heading without id": ({EN: LAW_EN + "\n## Article 2\n"}, ("V003", EN, 11, 1)),
    "V003 section heading without id": ({CH: CHAPTER + "\n## Further steps\n"}, ("V003", CH, 18, 1)),
    "V004 translation has an extra section": (
        {CH_AR: BASE[CH_AR] + "\n## ملاحظات {#notes}\n\nنص.\n"}, ("V004", CH_AR, 16, 13)),
    "T001 source section changed since its translation was marked": (
        {CH: CHAPTER.replace("\nText.\n", "\nText, now longer.\n"), "translations.lock.yml": base_lock()},
        ("T001", CH_AR, 12, 16)),
    "T003 a rendering the glossary says to avoid": (
        {"glossary.yml": '- id: "flagrant-offence"\n  en: "flagrant offence"\n  ar: "الجريمة المشهودة"\n'
                         '  ckb: "تاوانی ئاشکرا"\n  avoid:\n    ar: ["الجرم المشهود"]\n',
         CH_AR: BASE[CH_AR].replace("\nنص.\n", "\nنص عن القبض في حالة الجرم المشهود.\n")}, ("T003", CH_AR, 14, 21)),
    "T002 translation lacks a section": (
        {CH_AR: BASE[CH_AR].split("### من")[0]}, ("T002", CH_AR, 8, 1)),
    "V004 translation has an extra provision": (
        {EN: LAW_EN + "\n## Article 2 {#2}\n"}, ("V004", EN, 11, 15)),
    "V005 provision id in Arabic digits": (
        {"laws/iq/law-9-2000/ar.md": BASE["laws/iq/law-9-2000/ar.md"] + "\n## المادة (2) {#٢}\n"},
        ("V005", "laws/iq/law-9-2000/ar.md", 11, 16)),
    "V005 section id with capitals": ({CH: CHAPTER.replace("{#who-applies}", "{#Who_Applies}"),
                                       CH_AR: None}, ("V005", CH, 14, 23)),
    "V006 right-to-left override": ({CH: CHAPTER.replace("Introduction.", "See Article \u202e51\u202c.")},
                                    ("V006", CH, 8, 13)),
    "V006 zero-width space": ({EN: LAW_EN.replace("Text of Article 1.", "Text of\u200bArticle 1.")},
                              ("V006", EN, 5, 8)),
    "V006 Arabic presentation form": ({CH_AR: BASE[CH_AR].replace("نص.", "\ufefbنص.", 1)}, ("V006", CH_AR, 14, 1)),
    "V008 mixed digits": ({CH: CHAPTER.replace("Introduction.", "In 2\u06601\u06f2 the law.")}, ("V008", CH, 8, 4)),
    "V009 provision under the wrong article": ({EN: LAW_EN + "\n## Article 2 {#2}\n\n### First {#3.1}\n",
                                                "laws/iq/law-9-2000/ar.md": None}, ("V009", EN, 13, 12)),
    "V009 level does not fit the id": ({EN: LAW_EN.replace("### First {#1.1}", "## First {#1.1}"),
                                        "laws/iq/law-9-2000/ar.md": None}, ("V009", EN, 7, 1)),
    "V009 law file without title": ({EN: LAW_EN.replace("# Test Law No. 9 of 2000\n", "")}, ("V009", EN, 1, 1)),
    "V010 section id in two chapters": (
        {"sop/02-second.md": CHAPTER.replace("ch1", "ch2").replace("{#who-applies}", "{#who-else}")},
        ("V010", "sop/02-second.md", 10, 31)),
    "V011 Arabic ي in Kurdish": (
        {"sop/01-general-provisions.ckb.md": BASE[CH_AR].replace("نص.", "ماددەي ٦.", 1)},
        ("V011", "sop/01-general-provisions.ckb.md", 14, 6)),
    "V012 NUL in a chapter": ({CH: CHAPTER.replace("Introduction.", "Intro\x00duction.")}, ("V012", CH, 8, 6)),
    "V012 escape in a law text": ({EN: LAW_EN.replace("Text of Article 1.", "Text of \x1b[2JArticle 1.")},
                                  ("V012", EN, 5, 9)),
    "V013 raw HTML in a chapter": ({CH: CHAPTER.replace("Introduction.", "Intro <img src=x onerror=alert(1)>.")},
                                   ("V013", CH, 8, 7)),
    "V013 attribute list with an event handler": (
        {EN: LAW_EN.replace("Text of Article 1.", 'Text of Article 1.\n{: onclick="alert(1)" }')}, ("V013", EN, 6, 1)),
    "V014 javascript link in a law text": ({EN: LAW_EN.replace("Text of Article 1.", "[Text](javascript:alert(1)).")},
                                           ("V014", EN, 5, 8)),
    "V014 http link in a chapter": ({CH: CHAPTER.replace("Introduction.", "See [the guide](http://example.org).")},
                                    ("V014", CH, 8, 17)),
    "V015 suggestion not decided yet": ({CH: CHAPTER.replace("Introduction.", "Intro {++duction++}.")},
                                        ("V015", CH, 8, 7)),
    "V016 suggestion without its end": ({CH_AR: BASE[CH_AR].replace("نص.", "نص {~~قديم~~}.", 1)},
                                        ("V016", CH_AR, 14, 4)),
    "C101 unknown law": ({CH: CHAPTER + "\nSee [Article 1](law:iq/law-8-2000#1).\n"}, ("C101", CH, 18, 5)),
    "C101 plain citation of an unknown law": ({CH: CHAPTER + "\nSee Article 1 of Law No. 8 of 1999.\n"},
                                              ("C101", CH, 18, 5)),
    "C102 unknown provision": ({CH: CHAPTER + "\nSee [Article 5](law:iq/law-9-2000#5).\n"}, ("C102", CH, 18, 5)),
    "C103 repealed provision": (
        {YML: LAW_YML + 'provisions:\n  "1.1": {repealed: "2020-01-01", by: iq/law-10-2020}\n',
         CH: CHAPTER + "\nSee [](law:iq/law-9-2000#1.1).\n"}, ("C103", CH, 18, 5)),
    "C104 amended after review": (
        {YML: LAW_YML + 'provisions:\n  "1": {amended: "2026-12-01", by: iq/law-10-2026}\n'}, ("C104", CH, 12, 13)),
    "C105 link text names another article": (
        {CH: CHAPTER.replace("[Article 1 of Law", "[Article 2 of Law")}, ("C105", CH, 12, 13)),
    "C106 plain-text citation": ({CH: CHAPTER.replace("Introduction.", "Under Article 1 of Law No. 9 of 2000.")},
                                 ("C106", CH, 8, 7)),
    "C107 unknown section": ({CH: CHAPTER + "\nSee [](sop:who-apply).\n"}, ("C107", CH, 18, 5)),
    "C108 quotation differs": (
        {YML: LAW_YML.replace("text_status: summary", "text_status:\n  ar: official\n  en: translation"),
         CH: CHAPTER + '\n[Article 1 of Law No. 9 of 2000](law:iq/law-9-2000#1): "Text of another article."\n'},
        ("C108", CH, 18, 1)),
    "C109 translation cites another provision": (
        {CH_AR: BASE[CH_AR].replace("law-9-2000#1)", "law-9-2000#1.1)")}, ("C109", CH_AR, 8, 24)),
}


@pytest.mark.parametrize("name", CASES)
def test_failing_case(name, corpus_dir):
    files, expected = CASES[name]
    root = corpus_dir(files)
    assert expected in findings(root), findings(root)


def test_symlink_is_reported_not_followed(corpus_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    root = corpus_dir()
    os.symlink(secret, root / "sop" / "03-linked.md")
    os.symlink(tmp_path, root / "laws" / "iq" / "linked-dir")
    found = findings(root)
    assert ("V007", "sop/03-linked.md", 1, 1) in found
    assert ("V007", "laws/iq/linked-dir", 1, 1) in found
    assert not any("password" in str(f) for f in found)


# `sop verify`'s findings, about a published edition's folder rather than the corpus: (manifest, files) and the
# finding expected at the manifest's line.
GOOD = "a" * 64
VERIFY_CASES = {
    "E001 changed file": ({"sop.en.pdf": b"changed"}, f"{GOOD}  sop.en.pdf\n", ("E001", 1, 67)),
    "E002 missing file": ({}, f"{GOOD}  sop.ckb.pdf\n", ("E002", 1, 67)),
    "E003 line outside the folder": ({}, f"{GOOD}  ../../etc/passwd\n", ("E003", 1, 1)),
    "E003 line not a checksum": ({}, "sop.en.pdf\n", ("E003", 1, 1)),
    "E004 file not listed": ({"notes.txt": b"x"}, "", ("E004", 1, 1)),
}


@pytest.mark.parametrize("name", VERIFY_CASES)
def test_failing_verify_case(name, tmp_path):
    from sopkit.edition.manifest import verify

    files, manifest, expected = VERIFY_CASES[name]
    for file, data in files.items():
        (tmp_path / file).write_bytes(data)
    (tmp_path / "SHA256SUMS").write_text(manifest, encoding="utf-8")
    found = [(d.code, d.line, d.column) for d in verify(tmp_path).diagnostics]
    assert found == [expected]


# `sop import law`'s findings, about the law text given to it: (source bytes, expected (code, line, column)).
IMPORT_CASES = {
    "I001 not UTF-8": ("المادة 1\n".encode("cp1256"), ("I001", 1, 1)),
    "I002 no article": ("باسم الشعب\n".encode(), ("I002", 1, 1)),
    "I003 paragraph out of sequence": ("المادة 1\nأولاً: نص.\nثالثاً: نص.\n".encode(), ("I003", 3, 1)),
    "I004 division heading": ("الفصل الأول\nالتعاريف\nالمادة 1\nنص.\n".encode(), ("I004", 1, 1)),
    "I005 signature after the last article": ("المادة 1\nنص.\nفؤاد معصوم\nرئيس الجمهورية\n".encode(),
                                              ("I005", 3, 1)),
    "I006 presentation forms": ("المادة 1\nنص \ufe8e.\n".encode(), ("I006", 2, 4)),
}


@pytest.mark.parametrize("name", IMPORT_CASES)
def test_failing_import_case(name, corpus_dir, tmp_path):
    from sopkit.lawimport import plan_import

    data, expected = IMPORT_CASES[name]
    source = tmp_path / "law.txt"
    source.write_bytes(data)
    plan = plan_import(corpus_dir(), source, "iq/law-8-2000", "ar", title="قانون الاختبار")
    assert expected in [(d.code, d.line, d.column) for d in plan.diagnostics]


def test_failing_mark_case(corpus_dir):
    """T004: `sop i18n mark` refuses a section that cites other provisions than its source section."""
    from sopkit.load import load_corpus
    from sopkit.translations.mark import mark

    root = corpus_dir({CH_AR: BASE[CH_AR].replace("law-9-2000#1)", "law-9-2000#1.1)")})
    done = mark(load_corpus(root, cache=False)[0], "ar", "1", "sop-purpose", write=False)
    assert [(d.code, d.path, d.line, d.column) for d in done.refused] == [("T004", CH_AR, 8, 24)]


def _po_cases(corpus_dir) -> dict:
    """PO files a translator might bring back for chapter 1 in Arabic, and the finding each must give."""
    from sopkit.exchange import export_po
    from sopkit.load import load_corpus

    corpus = load_corpus(corpus_dir(), cache=False)[0]
    po = export_po(corpus, corpus.chapters[0], corpus.translation(corpus.chapters[0], "ar"), "ar", {})
    return {"X001 a tag removed": (po.replace("لسنة 2000</2>", "لسنة 2000"), "X001"),
            "X002 a unit of another chapter": (po.replace('msgctxt "who-applies"', 'msgctxt "elsewhere"'), "X002"),
            "X003 not a PO file": ("just notes\n", "X003")}


def test_failing_exchange_cases(corpus_dir):
    from sopkit.exchange import import_po
    from sopkit.load import load_corpus

    for name, (po_text, code) in _po_cases(corpus_dir).items():
        corpus = load_corpus(corpus_dir(), cache=False)[0]
        source = corpus.chapters[0]
        _, found = import_po(corpus, source, corpus.translation(source, "ar"), "ar", po_text)
        assert code in [d.code for d in found], (name, found)


def test_every_code_has_a_failing_case():
    covered = {expected[0] for _, expected in CASES.values()} | {"V007"} | {e[0] for *_, e in VERIFY_CASES.values()}
    covered |= {expected[0] for _, expected in IMPORT_CASES.values()} | {"T004", "X001", "X002", "X003"}
    assert covered == set(CATALOGUE)


def test_the_minimal_corpus_is_clean(corpus_dir):
    assert findings(corpus_dir()) == []


def test_zwnj_and_marks_are_allowed(corpus_dir):
    text = BASE[CH_AR].replace("نص.", "دەکرێ\u200cت \u200fنص\u061c \u200d.", 1)
    assert findings(corpus_dir({CH_AR: text})) == []


def test_broken_file_does_not_stop_the_rest(corpus_dir):
    root = corpus_dir({YML: "id: [unclosed\n", CH: CHAPTER.replace("Introduction.", "x \u202e y")})
    codes = {f[0] for f in findings(root)}
    assert {"L001", "V006"} <= codes


def test_one_finding_per_mixed_number(corpus_dir):
    root = corpus_dir({CH: CHAPTER.replace("Introduction.", "In 2\u06601\u06f2 and ٢٠١٢ and 2012 and ١2.")})
    assert [f for f in findings(root) if f[0] == "V008"] == [("V008", CH, 8, 4), ("V008", CH, 8, 31)]


def test_tab_and_windows_line_endings_are_not_control_characters(corpus_dir):
    text = CHAPTER.replace("Introduction.", "Intro\tduction.").replace("\n", "\r\n")
    assert [f for f in findings(corpus_dir({CH: text})) if f[0] == "V012"] == []
    lone = findings(corpus_dir({CH: CHAPTER.replace("Introduction.", "Intro\rduction.\x85")}))
    assert [f for f in lone if f[0] == "V012"] == [("V012", CH, 8, 6), ("V012", CH, 8, 15)]

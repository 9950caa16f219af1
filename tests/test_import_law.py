"""`sop import law` on real published texts: every line kept, the Iraqi layout read, nothing written without
--write, atomic writes, bad input as diagnostics, and C108 real on an official text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from hostile import copy_corpus
from sopkit.check import check
from sopkit.diagnostics import Severity
from sopkit.lawimport import plan_import, write_import
from sopkit.lawimport.layout import recognise

GAZETTE = REPO / "tests" / "data" / "gazette"
LAW11 = GAZETTE / "law-11-2016-parliament.txt"
LAW18 = GAZETTE / "law-18-2024-ailawyeriq.txt"
WORD = re.compile(r"\w+")


def source_lines(path: Path) -> list[str]:
    """The law's lines without the first line, which names where the copy comes from."""
    return path.read_text(encoding="utf-8").split("\n")[1:]


def without_source_line(path: Path, tmp: Path) -> Path:
    out = tmp / path.name
    out.write_text("\n".join(source_lines(path)), encoding="utf-8")
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("\u0640", ""))


def sop(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "sopkit.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled corpus without law 11/2016 (so that importing it makes a new law) and without law 18/2024."""
    root = copy_corpus(tmp_path / "corpus")
    for law in ("law-11-2016", "law-18-2024"):
        shutil.rmtree(root / "laws" / "iq" / law, ignore_errors=True)
    return root


def test_gazette_layout_is_read(tmp_path):
    layout = recognise(source_lines(LAW11), "law11.txt", "ar")
    assert [(p.id, p.label) for p in layout.parts] == [
        ("1", "المادة (1)"), ("1.1", "اولا"), ("1.2", "ثانيا"), ("1.3", "ثالثاً"), ("1.4", "رابعاً"), ("1.5", "خامساً")]
    assert [t for _, t in layout.preamble][0] == "باسم الشعب" and len(layout.preamble) == 6
    assert [d.words for d in layout.divisions] == [["الفصل الاول", "التعاريف والاهداف"]]
    assert layout.divisions[0].before == "1"
    assert layout.parts[3].body == [(12, "المتبرع له : الشخص الذي اصبح في حاجة ماسة الى زرع عضو بشري او نسيج في جسمه.")]


def test_eastern_digits_make_ascii_ids_and_stay_in_the_text():
    layout = recognise(source_lines(LAW18), "law18.txt", "ar")
    assert [(p.id, p.label) for p in layout.parts] == [("1", "المادة (١)")]
    quoted = [d for d in layout.diagnostics if d.code == "I003"]  # the amended law's article quoted inside
    assert [(d.line, d.column) for d in quoted] == [(9, 1)]
    assert any(text.startswith("المادة ـــ ١ ـــ رابع عشر") for _, text in layout.parts[0].body)


@pytest.mark.parametrize("path", [LAW11, LAW18])
def test_every_word_of_every_line_is_in_the_output(path, corpus, tmp_path):
    plan = plan_import(corpus, without_source_line(path, tmp_path), "iq/law-11-2016", "ar")
    out = words(plan.text)
    for line in source_lines(path):
        missing = [w for w in words(line) if w not in out]
        assert not missing, (line, missing)


def test_new_law_is_shown_not_written_then_written_atomically_and_checks_clean(corpus, tmp_path):
    source = without_source_line(LAW11, tmp_path)
    shown = sop("import", "law", str(source), "--id", "iq/law-11-2016", "--lang", "ar", "--root", str(corpus),
                cwd=tmp_path)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "laws/iq/law-11-2016/ar.md (new): 1 article(s), 5 paragraph(s)" in shown.stdout
    assert "nothing written" in shown.stdout and not (corpus / "laws/iq/law-11-2016").exists()
    wrote = sop("import", "law", str(source), "--id", "iq/law-11-2016", "--lang", "ar", "--root", str(corpus),
                "--write", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stdout + wrote.stderr
    folder = corpus / "laws/iq/law-11-2016"
    assert sorted(p.name for p in folder.iterdir()) == ["ar.md", "law.yml"]  # no temporary file left
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]
    yml = (folder / "law.yml").read_text(encoding="utf-8")
    assert 'number: "11"' in yml and 'year: "2016"' in yml and 'ar: "summary"' in yml and "verify:" in yml
    result = check(corpus)
    mine = [d for d in result.report.diagnostics if d.path.startswith("laws/iq/law-11-2016/")]
    assert mine == []
    assert result.corpus.laws["iq/law-11-2016"].text("ar").provision("1.4").text.startswith("زرع الاعضاء")


def test_existing_text_shows_a_diff_and_keeps_law_yml(corpus, tmp_path):
    source = without_source_line(LAW11, tmp_path)
    write_import(plan_import(corpus, source, "iq/law-11-2016", "ar"))
    yml = (corpus / "laws/iq/law-11-2016/law.yml").read_bytes()
    changed = tmp_path / "changed.txt"
    changed.write_text(source.read_text(encoding="utf-8").replace("دون مقابل", "دون أي مقابل"), encoding="utf-8")
    shown = sop("import", "law", str(changed), "--id", "iq/law-11-2016", "--lang", "ar", "--root", str(corpus),
                cwd=tmp_path)
    assert "-المتبرع : الشخص الحي الذي يتنازل عن عضو من اعضائه لشخص اخر دون مقابل" in shown.stdout
    assert "+المتبرع : الشخص الحي الذي يتنازل عن عضو من اعضائه لشخص اخر دون أي مقابل" in shown.stdout
    assert "دون مقابل" in (corpus / "laws/iq/law-11-2016/ar.md").read_text(encoding="utf-8")  # nothing written
    sop("import", "law", str(changed), "--id", "iq/law-11-2016", "--lang", "ar", "--root", str(corpus), "--write",
        cwd=tmp_path)
    assert "دون أي مقابل" in (corpus / "laws/iq/law-11-2016/ar.md").read_text(encoding="utf-8")
    assert (corpus / "laws/iq/law-11-2016/law.yml").read_bytes() == yml


def test_docx_with_chapter_preamble_and_signature(corpus, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in source_lines(LAW11):
        document.add_paragraph(line)
    document.add_paragraph("الفصل الثاني")
    document.add_paragraph("الأحكام الختامية")
    document.add_paragraph("المادة ـ 2 ـ ينفذ هذا القانون من تاريخ نشره في الجريدة الرسمية .")  # test fixture
    for line in ("فؤاد معصوم", "رئيس الجمهورية", "الأسباب الموجبة", "لغرض تنظيم عمليات زرع الأعضاء البشرية ."):
        document.add_paragraph(line)
    path = tmp_path / "law.docx"
    document.save(path)
    plan = plan_import(corpus, path, "iq/law-11-2016", "ar", official=True)
    assert [p.id for p in plan.layout.parts] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2"]
    assert [t for _, t in plan.layout.end_matter] == ["فؤاد معصوم", "رئيس الجمهورية", "الأسباب الموجبة",
                                                     "لغرض تنظيم عمليات زرع الأعضاء البشرية ."]
    assert plan.layout.parts[-1].body == [(18, "ينفذ هذا القانون من تاريخ نشره في الجريدة الرسمية .")]
    assert {d.code for d in plan.diagnostics} == {"I004", "I005"}
    assert "- الفصل الثاني — الأحكام الختامية (قبل المادة (2))" in plan.text
    assert 'ar: "official"' in plan.yml


def test_english_and_kurdish_texts(corpus, tmp_path):
    english = tmp_path / "en.txt"
    english.write_text("Law No. 9 of 2001\nArticle (1)\nFirst: the first paragraph.\n(a) a point;\n(b) another.\n"
                       "Second: more.\nArticle 2\nText.\n", encoding="utf-8")
    plan = plan_import(corpus, english, "iq/law-9-2001", "en")
    assert [(p.id, p.label) for p in plan.layout.parts] == [
        ("1", "Article 1"), ("1.1", "First"), ("1.1.a", "(a)"), ("1.1.b", "(b)"), ("1.2", "Second"), ("2", "Article 2")]
    assert 'en: "translation"' in plan.yml  # an English text of an Iraqi law is not the official one
    kurdish = tmp_path / "ckb.txt"
    kurdish.write_text("\ufeffماددەی ١\r\nیەکەم: دەق.\r\nدووەم: دەق.\r\nمادەی (2)\r\nدەق.\r\n", encoding="utf-8")
    plan = plan_import(corpus, kurdish, "iq/law-9-2001", "ckb", title="یاسای ژمارە (٩)ی ساڵی ٢٠٠١")
    assert [(p.id, p.label) for p in plan.layout.parts] == [
        ("1", "ماددەی ١"), ("1.1", "یەکەم"), ("1.2", "دووەم"), ("2", "ماددەی 2")]


@pytest.mark.parametrize("name, data, code", [
    ("empty.txt", b"", "I002"),
    ("news.txt", "أقر مجلس النواب القانون اليوم.\n".encode(), "I002"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "I001"),
    ("windows.txt", "المادة 1".encode("cp1256"), "I001"),
    ("utf16.txt", "المادة 1\n".encode("utf-16"), "I001"),
    ("broken.docx", b"PK\x03\x04 not a zip", "I001"),
])
def test_bad_input_is_a_diagnostic_with_exit_code_1(name, data, code, corpus, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    done = sop("import", "law", str(path), "--id", "iq/law-9-2001", "--lang", "ar", "--root", str(corpus),
               "--write", cwd=tmp_path)
    assert done.returncode == 1 and f" {code} error: " in done.stdout, done.stdout + done.stderr
    assert not (corpus / "laws/iq/law-9-2001").exists()


def test_usage_errors_exit_2(corpus, tmp_path):
    done = sop("import", "law", str(tmp_path / "missing.txt"), "--id", "iq/law-9-2001", "--lang", "ar",
               "--root", str(corpus), cwd=tmp_path)
    assert done.returncode == 2 and "no such file" in done.stderr
    done = sop("import", "law", str(LAW11), "--id", "Iraq/Law 9", "--lang", "ar", "--root", str(corpus),
               cwd=tmp_path)
    assert done.returncode == 2 and "is not a law id" in done.stderr


def test_presentation_forms_are_written_as_letters(corpus, tmp_path):
    path = tmp_path / "pdf.txt"
    path.write_text("\ufe8d\ufedf\ufee4\ufe8e\ufea9\ufe93 1\nنص\tالمادة\u202e.\n", encoding="utf-8")
    plan = plan_import(corpus, path, "iq/law-9-2001", "ar", title="قانون الاختبار رقم (9) لسنة 2001")
    assert [(p.id, p.body) for p in plan.layout.parts] == [("1", [(2, "نص المادة.")])]
    assert [(d.code, d.line) for d in plan.diagnostics if d.code == "I006"] == [("I006", 1), ("I006", 2)]


def test_c108_is_real_on_an_official_imported_text(corpus, tmp_path):
    source = without_source_line(LAW11, tmp_path)
    write_import(plan_import(corpus, source, "iq/law-11-2016", "ar", official=True))
    chapter = corpus / "sop" / "05-investigation.ar.md"
    original = chapter.read_text(encoding="utf-8")
    cite = "[المادة (1/رابعاً) من قانون عمليات زرع الأعضاء البشرية](law:iq/law-11-2016#1.4)"

    def c108(quote: str) -> list:
        chapter.write_text(original + f"\n{cite}: «{quote}»\n", encoding="utf-8")
        return [d for d in check(corpus).report.diagnostics if d.code == "C108" and d.path == str(
            chapter.relative_to(corpus))]

    assert c108("الاستخدام العلاجي الجراحي للأعضاء البشرية") == []
    wrong = c108("الاستخدام التجميلي للأعضاء البشرية")
    assert len(wrong) == 1 and wrong[0].severity is Severity.WARNING

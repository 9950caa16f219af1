"""Exchange with translation tools (issue 13): a chapter in one language as a gettext PO file and back.

The PO files are read and edited with polib, as a translation tool would: an export imported unchanged gives
back every translation of the bundled corpus byte for byte, a translator's edit lands in its own section and
nowhere else, and what would break the Markdown or belongs elsewhere is refused with X001-X003 at its PO line.
"""

from __future__ import annotations

import difflib

import polib
import pytest

from conftest import BASE, REPO, findings
from sopkit.exchange import OPENING_CONTEXT, export_po, import_po
from sopkit.exchange.placeholders import tag_like, tag_unit, untag
from sopkit.exchange.po import chapter_units
from sopkit.load import load_corpus
from sopkit.model import Block

CH5 = "sop/05-investigation.md"
CH = "sop/01-general-provisions.md"
CH_AR = "sop/01-general-provisions.ar.md"
SOURCES = sorted(p.name for p in (REPO / "sop").glob("0*-*.md") if p.name.count(".") == 1)
TRANSLATED = [(path, lang) for path in SOURCES for lang in ("ar", "ckb")
              if (REPO / "sop" / path.replace(".md", f".{lang}.md")).exists()]


def source(corpus, path: str):
    return next(c for c in corpus.chapters if c.path == path)


def file_text(corpus, path: str) -> str:
    return next(f.text for f in corpus.files if f.path == path)


def exported(corpus, path: str, lang: str, states=None, translation=True) -> polib.POFile:
    src = source(corpus, path)
    return polib.pofile(export_po(corpus, src, corpus.translation(src, lang) if translation else None, lang,
                                  states or {}))


def imported(corpus, path: str, lang: str, po, translation=True):
    src = source(corpus, path)
    return import_po(corpus, src, corpus.translation(src, lang) if translation else None, lang,
                     po if isinstance(po, str) else str(po))


def unit(po: polib.POFile, context: str) -> polib.POEntry:
    return next(e for e in po if e.msgctxt == context)


def line_of(po_text: str, context: str, keyword: str) -> int:
    """The PO line of `keyword` in the entry of `context`."""
    lines = po_text.splitlines()
    start = lines.index(f'msgctxt "{context}"')
    return next(i for i in range(start, len(lines)) if lines[i].startswith(keyword)) + 1


def changed_lines(old: str, new: str) -> set[int]:
    """The 1-based lines of `old` that `new` changes."""
    out = set()
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            out |= set(range(i1 + 1, max(i2, i1 + 1) + 1))
    return out


# -- round trip -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path,lang", TRANSLATED)
def test_an_export_imported_unchanged_gives_back_the_translation_byte_for_byte(corpus, path, lang):
    po = exported(corpus, f"sop/{path}", lang)
    new, diagnostics = imported(corpus, f"sop/{path}", lang, po)
    src = source(corpus, f"sop/{path}")
    assert diagnostics == []
    assert new == file_text(corpus, corpus.translation(src, lang).path)


def test_every_translated_chapter_of_the_bundled_corpus_is_exchanged(corpus):
    assert {path.replace(".md", f".{lang}.md") for path, lang in TRANSLATED} == {
        c.path.removeprefix("sop/") for c in corpus.chapters if not c.is_source}
    assert len(TRANSLATED) >= 6


@pytest.mark.parametrize("path,lang", TRANSLATED)
def test_every_unit_of_every_translation_comes_back_from_its_tags(corpus, path, lang):
    """Not only unchanged: each unit's tagged translation, put back, is its Markdown exactly."""
    src = source(corpus, f"sop/{path}")
    translation = corpus.translation(src, lang)
    own_units = {t.context: t for t in chapter_units(translation)}
    assert set(own_units) == {u.context for u in chapter_units(src)}
    for u in chapter_units(src):
        t = own_units[u.context]
        tagged = tag_unit(u.head, u.body, u.blocks)
        text, own = tag_like(tagged, t.head, t.body, t.blocks)
        back = untag(tagged, own, text)
        assert back.problems == () and (back.head, back.body) == (t.head, t.body), u.context


@pytest.mark.parametrize("path,lang", TRANSLATED)
def test_targets_ids_and_code_stay_out_of_the_text(corpus, path, lang):
    for entry in exported(corpus, f"sop/{path}", lang):
        for text in (entry.msgid, entry.msgstr):
            assert "](law:" not in text and "](sop:" not in text and "{#" not in text and "`" not in text
            assert text.startswith("<1>")


def test_a_unit_opens_with_its_heading_then_its_text(corpus):
    po = exported(corpus, CH5, "ar")
    assert unit(po, "investigation-opening").msgid.startswith("<1>Opening an investigation</1>\n\nCriminal ")


def test_a_missing_translation_is_built_from_the_po_as_the_translator_wrote_it(corpus):
    po = exported(corpus, CH5, "ar")  # the translation, as a translator would hand it in
    new, diagnostics = imported(corpus, CH5, "ar", po, translation=False)
    assert diagnostics == []
    assert new == file_text(corpus, "sop/05-investigation.ar.md")


# -- export ---------------------------------------------------------------------------------------------

def test_export_header_references_and_states(corpus):
    src = source(corpus, CH5)
    po = exported(corpus, CH5, "ckb", {"interviewing-victims": "stale", None: "current"})
    assert po.metadata["Language"] == "ckb"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["X-Generator"].startswith("sopkit ")
    assert [e.msgctxt for e in po] == [OPENING_CONTEXT] + [s.id for s in src.sections]
    stale, current = unit(po, "interviewing-victims"), unit(po, "interviewing-witnesses")
    assert "fuzzy" in stale.flags and stale.tcomment == "state: stale"
    assert "fuzzy" not in current.flags and current.tcomment == "state: current"
    assert stale.occurrences == [(CH5, str(src.section("interviewing-victims").line))]
    assert unit(po, OPENING_CONTEXT).occurrences == [(CH5, "3")]
    assert "<2>…</2> = […](law:iq/law-23-1971#58)" in stale.comment


def test_a_missing_translation_exports_empty_units_marked_missing(corpus):
    po = exported(corpus, CH5, "ar", translation=False)
    assert all(e.msgstr == "" and e.tcomment == "state: missing" for e in po)


def test_export_is_the_same_every_time(corpus):
    assert str(exported(corpus, CH5, "ar")) == str(exported(corpus, CH5, "ar"))


# -- import: edits --------------------------------------------------------------------------------------

def test_a_translators_edit_lands_in_its_section_and_nowhere_else(corpus):
    po = exported(corpus, CH5, "ar")
    entry = unit(po, "proactive-investigations")
    entry.msgstr = (entry.msgstr.replace("<1>التحقيقات الاستباقية</1>", "<1>التحقيقات الوقائية</1>")
                    .replace("لأن كثيراً من الضحايا", "لأن معظم الضحايا"))
    new, diagnostics = imported(corpus, CH5, "ar", po)
    assert diagnostics == []
    old = file_text(corpus, "sop/05-investigation.ar.md")
    section = corpus.translation(source(corpus, CH5), "ar").section("proactive-investigations")
    assert changed_lines(old, new) == {section.line, section.line + 2}
    assert "### التحقيقات الوقائية {#proactive-investigations}\n" in new
    assert "لأن معظم الضحايا لا يُخبرون" in new and "لأن كثيراً من الضحايا" not in new


def test_an_edited_title_is_written_into_the_front_matter_quoted_where_yaml_needs_it(corpus):
    po = exported(corpus, CH5, "ar")
    entry = unit(po, OPENING_CONTEXT)
    old_title = corpus.translation(source(corpus, CH5), "ar").title
    entry.msgstr = entry.msgstr.replace(f"<1>{old_title}</1>", "<1>التحقيق: جرائم الاتجار</1>")
    new, diagnostics = imported(corpus, CH5, "ar", po)
    assert diagnostics == []
    assert '\ntitle: "التحقيق: جرائم الاتجار"\nstatus: draft\n' in new
    assert changed_lines(file_text(corpus, "sop/05-investigation.ar.md"), new) == {3}


def test_units_not_in_the_po_or_left_empty_keep_their_text(corpus):
    po = exported(corpus, CH5, "ar")
    for entry in list(po)[:10]:
        po.remove(entry)
    for entry in list(po)[:10]:
        entry.msgstr = ""
    new, diagnostics = imported(corpus, CH5, "ar", po)
    assert diagnostics == [] and new == file_text(corpus, "sop/05-investigation.ar.md")


def test_a_new_translation_holds_the_units_translated_and_passes_the_check(corpus_dir):
    root = corpus_dir({CH_AR: None})
    corpus, _ = load_corpus(root, cache=False)
    po = exported(corpus, CH, "ar", translation=False)
    unit(po, OPENING_CONTEXT).msgstr = "<1>أحكام عامة</1>\n\nمقدمة."
    unit(po, "sop-purpose").msgstr = ("<1>الغرض من الإجراءات</1>\n\n"
                                      "نص يستند إلى <2>المادة (1) من القانون رقم (9) لسنة 2000</2>.")
    new, diagnostics = imported(corpus, CH, "ar", po, translation=False)
    assert diagnostics == []
    assert new == ('---\nid: ch1\ntitle: أحكام عامة\nstatus: draft\nreviewed: "2026-11-16"\n---\n\nمقدمة.\n\n'
                   "## الغرض من الإجراءات {#sop-purpose}\n\n"
                   "نص يستند إلى [المادة (1) من القانون رقم (9) لسنة 2000](law:iq/law-9-2000#1).\n")
    (root / CH_AR).write_text(new, encoding="utf-8")
    assert {f[0] for f in findings(root)} <= {"T001", "T002"}  # the section left out is still to translate


def test_a_section_the_translation_lacks_is_added_where_the_source_has_it(corpus_dir):
    purpose = ("## الغرض من الإجراءات {#sop-purpose}\n\n"
               "نص يستند إلى [المادة (1) من القانون رقم (9) لسنة 2000](law:iq/law-9-2000#1).\n\n")
    without = BASE[CH_AR].replace(purpose, "")
    assert without != BASE[CH_AR]
    corpus, _ = load_corpus(corpus_dir({CH_AR: without}), cache=False)
    po = exported(corpus, CH, "ar")
    unit(po, "sop-purpose").msgstr = "<1>الغرض</1>\n\nنص <2>المادة (1)</2>."
    new, diagnostics = imported(corpus, CH, "ar", po)
    assert diagnostics == []
    assert new == without.replace("### من يطبقها", "## الغرض {#sop-purpose}\n\n"
                                  "نص [المادة (1)](law:iq/law-9-2000#1).\n\n### من يطبقها")


# -- import: refusals -----------------------------------------------------------------------------------

def test_a_broken_tag_refuses_its_unit_at_its_po_line_and_the_others_are_imported(corpus):
    po = exported(corpus, CH5, "ar")
    broken = unit(po, "proactive-investigations")
    broken.msgstr = broken.msgstr.replace("<4>", "").replace("</4>", "")
    fine = unit(po, "disruptive-investigations")
    fine.msgstr = fine.msgstr.replace("مفتوحاً", "مفتوحاً دائماً")
    po_text = str(po)
    new, diagnostics = imported(corpus, CH5, "ar", po_text)
    assert [(d.code, d.path, d.line) for d in diagnostics] == [
        ("X001", "05-investigation.ar.po", line_of(po_text, "proactive-investigations", "msgstr"))]
    assert "<4> is missing" in diagnostics[0].message and "law:un/untoc-2000#20" in diagnostics[0].message
    assert diagnostics[0].hint
    old = file_text(corpus, "sop/05-investigation.ar.md")
    section = corpus.translation(source(corpus, CH5), "ar").section("disruptive-investigations")
    assert changed_lines(old, new) == {section.line + 2}


UNIT = "<1>Steps</1>\n\nSee <2>Article 6</2> and <3/>:\n\n<4/>first <5/>;\n<6/>second."
BROKEN = {
    "missing": ("<1>خطوات</1>\n\nانظر <2>المادة 6</2>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.", "<3/> is missing"),
    "twice": ("<1>خطوات</1>\n\nانظر <2>المادة 6</2> <3/> <3/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.", "written twice"),
    "unknown": ("<1>خطوات</1>\n\nانظر <2>المادة 6</2> <3/> <9/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.", "<9/> is not a tag"),
    "pair alone": ("<1>خطوات</1>\n\nانظر <2/> <3/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.", "encloses text"),
    "misnested": ("<1>خطوات <2>المادة</1>\n\nانظر 6</2> <3/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.", "closes what"),
    "link over two lines": ("<1>خطوات</1>\n\nانظر <2>المادة 6 <3/>:\n\n<4/>أولاً </2><5/>;\n<6/>ثانياً.",
                            "several lines"),
    "marker inside a line": ("<1>خطوات</1>\n\nانظر <2>المادة 6</2> <3/>: <4/>أولاً <5/>;\n<6/>ثانياً.",
                             "must start a line"),
    "markers swapped": ("<1>خطوات</1>\n\nانظر <2>المادة 6</2> <3/>:\n\n<6/>أولاً <5/>;\n<4/>ثانياً.",
                        "out of its place"),
    "text before the heading": ("مقدمة <1>خطوات</1>\n\nانظر <2>المادة 6</2> <3/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.",
                                "text before <1>"),
    "heading on two lines": ("<1>خطوات\nأخرى</1>\n\nانظر <2>المادة 6</2> <3/>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.",
                             "several lines"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_what_breaks_the_markdown_is_refused(name):
    text, expected = BROKEN[name]
    result = untag(_list_unit(), {}, text)
    assert result.problems and expected in result.problems[0], result.problems


def _list_unit():
    """UNIT's source: a link, a code span, then a list whose markers are structure (blocks as the model gives)."""
    body = "See [Article 6](law:iq/law-28-2012#6) and `sop`:\n\n1. first [^1];\n2. second."
    blocks = (Block("paragraph", 1, 1, "See [Article 6](law:iq/law-28-2012#6) and `sop`:"),
              Block("list", 3, 4, "1. first [^1];\n2. second."))
    tagged = tag_unit("Steps", body, blocks)
    assert tagged.text == UNIT
    return tagged


def test_a_unit_put_back_is_the_markdown_with_the_translation_between_the_tags():
    result = untag(_list_unit(), {}, "<1>خطوات</1>\n\nانظر <3/> و<2>المادة 6</2>:\n\n<4/>أولاً <5/>;\n<6/>ثانياً.")
    assert result == ("خطوات", "انظر `sop` و[المادة 6](law:iq/law-28-2012#6):\n\n1. أولاً [^1];\n2. ثانياً.", ())


def test_a_po_of_another_chapter_is_refused_whole(corpus):
    po_text = export_po(corpus, source(corpus, "sop/04-identification.md"), None, "ar", {})
    new, diagnostics = imported(corpus, CH5, "ar", po_text)
    assert new is None
    assert [(d.code, d.line) for d in diagnostics] == [("X002", po_text.splitlines().index(
        '"X-Sop-Chapter: 04-identification\\n"') + 1)]


def test_units_of_another_chapter_are_refused_one_by_one_when_the_header_is_gone(corpus):
    po = exported(corpus, "sop/04-identification.md", "ar")
    del po.metadata["X-Sop-Chapter"]
    new, diagnostics = imported(corpus, CH5, "ar", po)
    assert new == file_text(corpus, "sop/05-investigation.ar.md")  # nothing of ch5 changed
    assert {d.code for d in diagnostics} == {"X002"} and len(diagnostics) == len(po)
    assert OPENING_CONTEXT in diagnostics[0].message and "not a unit" in diagnostics[1].message


def test_a_po_in_another_language_is_refused_whole(corpus):
    new, diagnostics = imported(corpus, CH5, "ar", exported(corpus, CH5, "ckb"))
    assert new is None and [d.code for d in diagnostics] == ["X002"] and "'ckb'" in diagnostics[0].message


def test_a_unit_given_twice_or_of_a_source_changed_since_is_refused(corpus):
    po = exported(corpus, CH5, "ar")
    stale = unit(po, "interviewing-witnesses")
    stale.msgid = stale.msgid.replace("Witnesses include", "Witnesses may include")
    stale.msgstr = stale.msgstr.replace("يشمل", "قد يشمل")
    po.append(polib.POEntry(msgctxt="proactive-investigations", msgid=unit(po, "proactive-investigations").msgid,
                            msgstr="<1>x</1>"))
    po_text = str(po)
    new, diagnostics = imported(corpus, CH5, "ar", po_text)
    assert new == file_text(corpus, "sop/05-investigation.ar.md")
    found = [(d.code, d.line) for d in diagnostics]
    assert found[0] == ("X002", line_of(po_text, "interviewing-witnesses", "msgctxt"))
    assert "before the source changed" in diagnostics[0].message
    assert found[1][0] == "X002" and "given twice" in diagnostics[1].message


@pytest.mark.parametrize("po_text,line", [
    ('msgctxt "scope"\nmsgid "<1>Scope</1>"\nmsgstr "<1>النطاق</1>\n', 3),
    ("", 1),
    ("just some notes\n", 1),
    ('msgid "a"\nmsgid "b"\nmsgstr ""\n', 2),  # lines well formed, their order not (polib's own check)
    ("# only a comment\n", 1),
    ("sop.yml", 1),  # a file name: polib would read that file rather than the text
])
def test_an_unreadable_po_file_is_refused_whole(corpus, po_text, line):
    new, diagnostics = imported(corpus, CH5, "ar", po_text)
    assert new is None
    assert [(d.code, d.line) for d in diagnostics] == [("X003", line)]


def test_a_byte_order_mark_and_windows_line_endings_come_back_as_they_were(corpus_dir):
    data = ("\ufeff" + BASE[CH_AR].replace("\n", "\r\n")).encode("utf-8")
    corpus, _ = load_corpus(corpus_dir({CH_AR: data}), cache=False)
    po = exported(corpus, CH, "ar")
    new, diagnostics = imported(corpus, CH, "ar", po)
    assert diagnostics == [] and new.encode("utf-8") == data
    unit(po, "who-applies").msgstr = "<1>من يطبقها</1>\r\n\r\nنص آخر."
    unit(po, OPENING_CONTEXT).msgstr = "<1>أحكام</1>"
    new, diagnostics = imported(corpus, CH, "ar", po)
    assert diagnostics == []
    assert new == data.decode("utf-8").replace("title: أحكام عامة\r\n", "title: أحكام\r\n").replace(
        "\r\nنص.\r\n", "\r\nنص آخر.\r\n")


@pytest.mark.parametrize("body", ["[" * 20000 + "x" + "](a)" * 20000, "<!--" * 30000, "`" * 50000, "](" * 50000,
                                  "<1>" * 20000, "\n".join("- [ ] x" for _ in range(10000))],
                         ids=["nested links", "unclosed comments", "backticks", "link middles", "tag look-alikes",
                              "task list"])
def test_hostile_text_is_tagged_and_put_back_in_linear_time(body):
    blocks = (Block("list", 1, 10000, body),) if body.startswith("- [ ]") else ()
    tagged = tag_unit("h", body, blocks)
    assert untag(tagged, {}, tagged.text).body == body
    assert untag(tagged, {}, "<1>h</1>\n\n" + "<99999/>" * 20000).problems


def test_a_title_the_front_matter_lacks_is_added_and_a_setext_heading_written_as_atx(corpus_dir):
    setext = BASE[CH_AR].replace("title: أحكام عامة\n", "").replace(
        "## الغرض من الإجراءات {#sop-purpose}\n", "الغرض من الإجراءات {#sop-purpose}\n---\n")
    corpus, _ = load_corpus(corpus_dir({CH_AR: setext}), cache=False)
    assert corpus.translation(source(corpus, CH), "ar").section("sop-purpose").label == "الغرض من الإجراءات"
    po = exported(corpus, CH, "ar")
    unit(po, OPENING_CONTEXT).msgstr = "<1>أحكام عامة</1>"
    purpose = unit(po, "sop-purpose")
    purpose.msgstr = purpose.msgstr.replace("<1>الغرض من الإجراءات</1>", "<1>الغرض</1>")
    new, diagnostics = imported(corpus, CH, "ar", po)
    assert diagnostics == []
    assert new == (BASE[CH_AR].replace("title: أحكام عامة\n", "")
                   .replace('reviewed: "2026-11-16"\n---', 'reviewed: "2026-11-16"\ntitle: أحكام عامة\n---')
                   .replace("## الغرض من الإجراءات {#sop-purpose}", "## الغرض {#sop-purpose}"))


def test_a_call_naming_the_wrong_chapter_language_or_state_is_a_usage_error(corpus):
    from sopkit.diagnostics import UsageError

    src = source(corpus, CH5)
    with pytest.raises(UsageError, match="languages to translate into are ar, ckb"):
        export_po(corpus, src, None, "en", {})
    with pytest.raises(UsageError, match="is not the ar translation"):
        export_po(corpus, src, corpus.translation(src, "ckb"), "ar", {})
    with pytest.raises(UsageError, match="is a translation"):
        import_po(corpus, corpus.translation(src, "ar"), None, "ar", "")
    with pytest.raises(UsageError, match="unknown translation state 'old'"):
        export_po(corpus, src, None, "ar", {None: "old"})

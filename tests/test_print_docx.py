"""The Word volumes of the print edition (sopkit.edition.docx): right-to-left paragraphs and runs for Arabic and
Kurdish, a chapter in English inside them left-to-right, heading styles, mirrored tables, page references as
PAGEREF fields to real bookmarks, the draft mark in a header, byte-identical files, no text lost. The volumes
are built as the print edition's document is (print-ast: pandoc's reading of Markdown, plus its Divs and Spans)
and read back with python-docx, lxml and pandoc."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from docx import Document
from lxml import etree

from sopkit import pandoc as P
from sopkit.diagnostics import UsageError
from sopkit.edition import docx as D
from sopkit.edition import make_reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EPOCH = 1796256000  # 2026-12-03
LONG_ID = "annex:iq:law-28-2012:article-6-paragraph-1-clause-b-subclause-ii"  # over Word's 40 characters

CHAPTER = {
    "ar": """# 1. أحكام عامة {#general}

يطبّق المحقق هذه الإجراءات على كل قضية اتجار بالبشر، وفق القانون رقم (28) لسنة 2012. انظر الصفحة PAGEREF.

## 1.2 النطاق {#scope}

| الجهة | الدور |
|---|---|
| الشرطة | التحقيق الأولي |

1. تحديد الضحية (الصفحة PAGEREF)
2. إحالة القضية
""",
    "ckb": """# ١. حوکمە گشتییەکان {#general}

لێکۆڵەر ئەم ڕێکارانە بۆ هەموو کەیسێکی بازرگانیکردن بە مرۆڤەوە بەکار دەهێنێت. بڕوانە پەڕە PAGEREF.

## ١.٢ بواری جێبەجێکردن {#scope}

| دەسەڵات | ڕۆڵ |
|---|---|
| پۆلیس | لێکۆڵینەوەی سەرەتایی |

1. ناسینەوەی قوربانی (پەڕە PAGEREF)
2. ڕەوانەکردنی کەیسەکە
""",
    "en": """# 1. General Provisions {#general}

The investigator applies these procedures to every trafficking case under Law No. 28 of 2012. See page
PAGEREF.

## 1.2 Scope {#scope}

| Authority | Role |
|---|---|
| Police | First inquiries |

1. Identify the victim (page PAGEREF)
2. Refer the case
""",
}

ENGLISH_CHAPTER = """# 2. International Framework {#framework}

Iraq is a party to the Palermo Protocol since 2009.

| Instrument | Year |
|---|---|
| Protocol | 2000 |
"""

ANNEX = "### Article 6(1)(b) {#" + LONG_ID + "}\n\nThe annexed provision reads PAGEREF here.\n"

WORDS = {
    "ar": dict(title="إجراءات العمل القياسية", status="مسودة عمل", status_label="الحالة", version_label="الإصدار",
               date="3 كانون الأول 2026", date_label="التاريخ", revision_label="معرّف نسخة النص",
               contents="المحتويات", mark="مسودة", notice_title="ملخصات عمل، وليست نصوصاً رسمية",
               notice="تجب مطابقة كل حكم قانوني مع النص المنشور.", warning="تنبيه",
               warning_text="هذا الفصل لم يُترجم بعد.", status_line="ملخص عمل"),
    "ckb": dict(title="ڕێکارە ستانداردەکانی کارکردن", status="ڕەشنووسی کار", status_label="دۆخ",
                version_label="وەشان", date="٣ی کانوونی یەکەمی ٢٠٢٦", date_label="بەروار",
                revision_label="ناسنامەی وەشانی دەق", contents="ناوەڕۆک", mark="ڕەشنووس",
                notice_title="پوختەی کارن، نەک دەقی فەرمی", notice="پێش پشتبەستن بە هەر حوکمێکی یاسایی بەراوردی بکە.",
                warning="ئاگاداری", warning_text="ئەم بەشە هێشتا وەرنەگێڕدراوە.", status_line="پوختەی کار"),
    "en": dict(title="Standard Operating Procedures", status="Working draft", status_label="Status",
               version_label="Version", date="3 December 2026", date_label="Date", revision_label="Revision",
               contents="Contents", mark="DRAFT", notice_title="Working summaries, not official texts",
               notice="Check every provision against the gazette.", warning="Notice",
               warning_text="This chapter is not translated yet.", status_line="Working summary"),
}


def _inlines(words: str) -> dict:
    return {"t": "MetaInlines", "c": [P.text(words)]}


def _with_pagerefs(blocks: list, targets: list[str]) -> list:
    """`blocks` with each word PAGEREF replaced by a page reference to the next of `targets`."""
    targets = list(targets)

    def walk(node):
        if isinstance(node, list):
            return [walk(x) for x in node]
        if isinstance(node, dict):
            if node.get("t") == "Str" and node["c"].startswith("PAGEREF"):
                return P.span([], ["sop-pageref"], [["target", targets.pop(0)]])
            return {k: walk(v) for k, v in node.items()}
        return node

    return walk(blocks)


def volume(lang: str, draft: bool = True) -> dict:
    """A small volume in `lang` as the print-ast contract describes it: a chapter with a page reference, a
    table and a list; a chapter in English (in a ckb or ar volume) inside its lang/dir Div after a notice;
    an annex provision with a status line and an id longer than a Word bookmark name."""
    w = WORDS[lang]
    doc = P.read_markdown(CHAPTER[lang])
    blocks = _with_pagerefs(doc["blocks"], ["scope", "general"])
    notice = P.div([P.para({"t": "Strong", "c": [P.text(w["warning"])]}), P.para(w["warning_text"])],
                   [["kind", "warning"]], ["sop-notice"])
    english = P.read_markdown(ENGLISH_CHAPTER)["blocks"]
    if lang != "en":
        blocks += [notice, P.div(english, [["lang", "en"], ["dir", "ltr"]], ["sop-foreign"])]
    else:
        blocks += [notice] + english
    annex = _with_pagerefs(P.read_markdown(ANNEX)["blocks"], ["general"])
    blocks += [annex[0], P.div([P.para(w["status_line"])], [], ["sop-status"])] + annex[1:]
    blocks = _with_pagerefs(blocks, [])
    meta = {
        "lang": {"t": "MetaString", "c": lang}, "dir": {"t": "MetaString", "c": "ltr" if lang == "en" else "rtl"},
        "title": _inlines(w["title"]), "status": _inlines(w["status"]), "status-label": _inlines(w["status_label"]),
        "draft": {"t": "MetaBool", "c": draft}, "draft-mark": _inlines(w["mark"]),
        "version": _inlines("wg-2"), "version-label": _inlines(w["version_label"]),
        "date": _inlines(w["date"]), "date-label": _inlines(w["date_label"]),
        "revision": _inlines("dd846f34ee5a"), "revision-label": _inlines(w["revision_label"]),
        "toc-title": _inlines(w["contents"]), "notice-title": _inlines(w["notice_title"]),
        "notice": {"t": "MetaBlocks", "c": [P.para(w["notice"])]},
    }
    return {"pandoc-api-version": doc["pandoc-api-version"], "meta": meta, "blocks": blocks}


_CACHE: dict = {}


def rendered(lang: str, draft: bool = True) -> bytes:
    if (lang, draft) not in _CACHE:
        _CACHE[lang, draft] = D.render_docx(volume(lang, draft), lang, EPOCH)
    return _CACHE[lang, draft]


def part(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def words_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def paragraphs(data: bytes) -> list:
    return [p for p in part(data, "word/document.xml").iter(w("p")) if words_of(p).strip()]


def is_bidi(p) -> bool:
    return p.find(f"{w('pPr')}/{w('bidi')}") is not None


def text_runs(p) -> list:
    return [r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_ENGLISH_CHAPTER_WORDS = ("International Framework", "Palermo Protocol", "Instrument", "Protocol", "2000", "Year")


def in_english_chapter(p) -> bool:
    return any(words_of(p).strip() == x or x in words_of(p) for x in _ENGLISH_CHAPTER_WORDS) \
        and not _ARABIC_SCRIPT.search(words_of(p))


# -- right-to-left volumes: paragraphs and runs, the English chapter inside them ------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_direction_arabic_script_paragraphs_are_bidi_with_rtl_runs(lang):
    data = rendered(lang)
    arabic = [p for p in paragraphs(data) if _ARABIC_SCRIPT.search(words_of(p))]
    assert len(arabic) >= 15
    for p in arabic:
        assert is_bidi(p), words_of(p)
        for r in text_runs(p):
            assert r.find(f"{w('rPr')}/{w('rtl')}") is not None, words_of(p)
    title = [p for p in arabic if p.find(f"{w('pPr')}/{w('pStyle')}[@{w('val')}='Title']") is not None]
    assert title and words_of(title[0]) == WORDS[lang]["title"]  # pandoc's own -M dir=rtl misses the title


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_direction_english_chapter_inside_stays_left_to_right_in_english(lang):
    data = rendered(lang)
    english = [p for p in paragraphs(data) if in_english_chapter(p)]
    assert {"2. International Framework", "Iraq is a party to the Palermo Protocol since 2009."} <= \
        {words_of(p) for p in english}
    for p in english:
        assert not is_bidi(p), words_of(p)
        for r in text_runs(p):
            assert r.find(f"{w('rPr')}/{w('rtl')}") is None
            assert r.find(f"{w('rPr')}/{w('lang')}").get(w("val")) == "en-US"


def test_direction_english_volume_has_no_right_to_left_at_all():
    data = rendered("en")
    root = part(data, "word/document.xml")
    assert not list(root.iter(w("bidi"))) and not list(root.iter(w("rtl"))) and not list(root.iter(w("bidiVisual")))


@pytest.mark.parametrize("lang,tag", [("ar", "ar-IQ"), ("ckb", "ku-Arab-IQ"), ("en", "ar-IQ")])
def test_direction_languages_and_fonts_in_the_styles(lang, tag):
    styles = part(rendered(lang), "word/styles.xml")
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    assert defaults.find(w("lang")).get(w("bidi")) == tag
    assert defaults.find(w("lang")).get(w("val")) == "en-US"
    fonts = defaults.find(w("rFonts"))
    assert fonts.get(w("cs")) == "Amiri" and fonts.get(w("ascii")) == make_reference.LATIN_FONT
    for style in ("Heading1", "Title"):  # no theme font left to win over Amiri
        el = styles.find(f"{w('style')}[@{w('styleId')}='{style}']/{w('rPr')}/{w('rFonts')}")
        assert el.get(w("cs")) == "Amiri" and el.get(w("cstheme")) is None


@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_direction_tables_mirrored_only_when_right_to_left(lang):
    root = part(rendered(lang), "word/document.xml")
    mirrored = {words_of(next(t.iter(w("p")))): t.find(f"{w('tblPr')}/{w('bidiVisual')}") is not None
                for t in root.iter(w("tbl"))}
    first = {"ar": "الجهة", "ckb": "دەسەڵات", "en": "Authority"}[lang]
    assert mirrored == {first: lang != "en", "Instrument": False}


# -- structure: headings, title page, notices, contents -------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_structure_heading_styles_and_title_page(lang):
    doc = Document(io.BytesIO(rendered(lang)))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    wds = WORDS[lang]
    assert styles[0] == ("Title", wds["title"])
    assert styles[1:5] == [("Title Page Line", f"{wds['status_label']}: {wds['status']}"),
                           ("Title Page Line", f"{wds['version_label']}: wg-2"),
                           ("Title Page Line", f"{wds['date_label']}: {wds['date']}"),
                           ("Title Page Line", f"{wds['revision_label']}: dd846f34ee5a")]
    assert styles[5] == ("Notice", wds["notice_title"]) and styles[6] == ("Notice", wds["notice"])
    headings = [(s, t) for s, t in styles if s.startswith("Heading")]
    assert [s for s, _ in headings] == ["Heading 1", "Heading 2", "Heading 1", "Heading 3"]
    assert headings[2][1] == "2. International Framework"
    body = part(rendered(lang), "word/document.xml").find(w("body"))
    notice = next(p for p in body if words_of(p) == wds["notice_title"])
    assert notice.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None  # the back of the title page
    toc = notice.getnext().getnext()
    assert toc.tag == w("sdt") and words_of(toc).startswith(wds["contents"])
    assert 'TOC \\o "1-2"' in "".join(i.text for i in toc.iter(w("instrText")))


@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_structure_notice_and_status_styles(lang):
    doc = Document(io.BytesIO(rendered(lang)))
    wds = WORDS[lang]
    by_text = {p.text: p for p in doc.paragraphs}
    title = by_text[wds["warning"]]
    assert title.style.name == "Notice" and title.runs[0].bold
    assert by_text[wds["warning_text"]].style.name == "Notice"
    assert by_text[wds["status_line"]].style.name == "Status"
    styles = part(rendered(lang), "word/styles.xml")
    notice = styles.find(f"{w('style')}[@{w('styleId')}='Notice']/{w('pPr')}")
    assert notice.find(w("pBdr")) is not None and notice.find(w("shd")) is not None
    assert styles.find(f"{w('style')}[@{w('styleId')}='Status']/{w('rPr')}/{w('i')}") is not None


# -- page references ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_pageref_fields_name_bookmarks_at_their_headings(lang):
    data = rendered(lang)
    root = part(data, "word/document.xml")
    fields = [i.text.split() for i in root.iter(w("instrText")) if "PAGEREF" in i.text]
    assert [f[0] for f in fields] == ["PAGEREF"] * 3 and all(f[2] == "\\h" for f in fields)
    marks = {b.get(w("name")): b for b in root.iter(w("bookmarkStart"))}
    heading_of = {}
    for name, start in marks.items():
        nxt = start.getnext()
        while nxt is not None and nxt.tag == w("bookmarkStart"):
            nxt = nxt.getnext()
        heading_of[name] = words_of(nxt)
    scope, general = fields[0][1], fields[1][1]
    assert fields[2][1] == "general"
    assert scope == "scope" and heading_of[scope].endswith(CHAPTER[lang].split("## ")[1].split(" {")[0][-6:])
    assert general == "general"
    long_mark = next(n for n in marks if heading_of[n] == "Article 6(1)(b)")
    assert long_mark != LONG_ID and len(long_mark) <= 40  # pandoc's name for it, which the field uses too
    assert D._bookmark_name(LONG_ID) == long_mark
    settings = part(data, "word/settings.xml")
    assert settings.find(w("updateFields")).get(w("val")) == "true"


def test_pageref_reads_back_with_pandoc_as_links_and_lists_intact():
    """pandoc writes its contents field in one run, which its own reader takes for a field never closed (all
    that follows became the field's result, lists emptied): the runs are split as Word writes them."""
    native = P.run(["-f", "docx", "-t", "json"], rendered("ckb"), "read the docx")
    blocks = json.loads(native)["blocks"]
    lists = [b for b in blocks if b["t"] == "OrderedList"]
    assert len(lists) == 1 and len(lists[0]["c"][1]) == 2
    assert "ڕەوانەکردنی" in json.dumps(lists[0], ensure_ascii=False)
    links = re.findall(r'"#(scope|general)"', native.decode())
    assert links.count("scope") >= 1 and links.count("general") >= 1


# -- draft mark -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_draft_mark_in_the_header_of_every_page(lang):
    doc = Document(io.BytesIO(rendered(lang)))
    header = doc.sections[0].header
    assert not header.is_linked_to_previous
    # the running chapter title (a STYLEREF field Word fills in page by page), then the mark
    assert [p.text for p in header.paragraphs] == ["", WORDS[lang]["mark"]]
    assert 'STYLEREF "Heading 1"' in "".join(header.paragraphs[0]._p.itertext())
    assert header.paragraphs[1].style.name == "Draft Mark"
    assert not doc.sections[0].different_first_page_header_footer
    if lang != "en":
        assert all(p._p.find(f"{w('pPr')}/{w('bidi')}") is not None for p in header.paragraphs)


def test_draft_mark_absent_from_an_adopted_volume():
    data = rendered("ar", draft=False)
    doc = Document(io.BytesIO(data))
    assert all(WORDS["ar"]["mark"] not in p.text for p in doc.sections[0].header.paragraphs)
    # only the running chapter title
    assert len(doc.sections[0].header.paragraphs) == 1
    assert 'STYLEREF "Heading 1"' in "".join(doc.sections[0].header.paragraphs[0]._p.itertext())


def test_draft_mark_added_to_a_reference_documents_own_header(tmp_path):
    """A reference document with a header of its own (changed in Word) keeps it, and the mark is added to it."""
    ref = zipfile.ZipFile(io.BytesIO(make_reference.reference_docx()))
    out = tmp_path / "ref.docx"
    with zipfile.ZipFile(out, "w") as z:
        for info in ref.infolist():
            data = ref.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:footerReference", b'<w:headerReference w:type="default" r:id="rIdH"/>'
                                    b"<w:footerReference")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdH" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/header" '
                                    b'Target="header1.xml"/></Relationships>')
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/header1.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>')
            z.writestr(info, data)
        z.writestr("word/header1.xml", f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Ministry of Interior</w:t></w:r>'
                   "</w:p></w:hdr>")
    doc = Document(io.BytesIO(D.render_docx(volume("en"), "en", EPOCH, out)))
    # its own line, then the running chapter title, then the mark
    assert [p.text for p in doc.sections[0].header.paragraphs] == ["Ministry of Interior", "", "DRAFT"]


# -- reproducible, nothing lost -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_reproducible_same_volume_same_bytes(lang):
    first = D.render_docx(volume(lang), lang, EPOCH)
    assert first == D.render_docx(volume(lang), lang, EPOCH)
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2026, 12, 3, 0, 0, 0)}
    assert first != D.render_docx(volume(lang), lang, EPOCH + 86400)  # the date is in it, not the clock's


@pytest.mark.parametrize("lang", ["ar", "ckb", "en"])
def test_no_text_lost_every_word_of_the_markdown_is_in_the_document(lang):
    data = rendered(lang)
    shown = " ".join(words_of(p) for p in part(data, "word/document.xml").iter(w("p")))
    source = CHAPTER[lang] + ENGLISH_CHAPTER + ANNEX
    words = [x for x in re.sub(r"\{#[^}]*\}|PAGEREF|[#|]|^-+$|^\d+\. ", " ", source, flags=re.M).split()
             if x.strip("-")]
    missing = [x for x in words if x not in shown]
    assert not missing
    for value in WORDS[lang].values():
        assert value in shown or value == WORDS[lang]["mark"]  # the mark is in the header
    back = P.run(["-f", "docx", "-t", "plain", "--wrap=none"], data, "read the docx").decode()
    assert not [x for x in words if x not in back]
    assert "\ue000" not in shown and "SOPKIT" not in shown  # no marker left behind


@pytest.mark.parametrize("lang", ["ckb"])
def test_no_text_lost_kurdish_letters_kept(lang):
    shown = "".join(words_of(p) for p in paragraphs(rendered(lang)))
    assert all(letter in shown for letter in "ڕڵۆێە")


def test_hostile_marker_lookalike_in_the_text_stays_text():
    """A text holding what looks like the writer's own markers is printed as it is, never taken for one."""
    ast = volume("en")
    fake = "\ue000SOPKIT-0123-pageref-0\ue001 and \ue000SOPKIT-contents\ue001"
    ast["blocks"].append(P.para(fake))
    root = part(D.render_docx(ast, "en", EPOCH), "word/document.xml")
    assert fake in [words_of(p) for p in root.iter(w("p"))]
    assert len([i for i in root.iter(w("instrText")) if "PAGEREF" in i.text]) == 3


def test_hostile_nesting_too_deep_is_a_usage_error():
    node = P.para("deep")
    for _ in range(5000):
        node = {"t": "BlockQuote", "c": [node]}
    ast = volume("en")
    ast["blocks"].append(node)
    with pytest.raises(UsageError, match="nested too deeply"):
        D.render_docx(ast, "en", EPOCH)


# -- the reference document -----------------------------------------------------------------------------------------

def test_reference_shipped_and_regenerated_alike(tmp_path):
    shipped = D.default_reference()
    assert shipped.is_file()
    made = make_reference.reference_docx()
    assert made == make_reference.reference_docx()
    assert make_reference.main([str(tmp_path / "ref.docx")]) == 0
    for data in (shipped.read_bytes(), (tmp_path / "ref.docx").read_bytes()):
        doc = Document(io.BytesIO(data))
        names = {s.name for s in doc.styles}
        assert {"Notice", "Status", "Title Page Line", "Draft Mark", "Heading 1", "Title"} <= names
        section = doc.sections[0]
        assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)  # A4, in EMU
        footer = part(data, "word/footer1.xml")
        assert " PAGE " in "".join(i.text for i in footer.iter(w("instrText")))


def test_reference_missing_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="make_reference"):
        D.render_docx(volume("en"), "en", EPOCH, tmp_path / "none.docx")

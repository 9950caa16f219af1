"""The print edition, read back as a reader and a checker would: the PDFs `sop build` put in the site (and that
`sop print` writes), their text extracted with pdftotext (poppler), their fonts listed with pdffonts, their
pages drawn with pdftoppm (kept in build/print-pages/ to look at), their manifest checked with `sop verify`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from sopkit.edition.info import edition_info
from sopkit.edition.volume import printed_chapters
from sopkit.labels import numerals
from sopkit.site.pages import chapter_title, section_heading
from sopkit.site.strings import say
from test_site import sop

LANGS = ("en", "ar", "ckb")
PAGES_OUT = REPO / "build" / "print-pages"
# the marks pdftotext puts around right-to-left and left-to-right runs, and the joiners typst puts in leaders
_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060\u200c\u200d\ufeff]")
_SPACE = re.compile(r"\s+")
_MARKS = re.compile("[\u064b-\u065f\u0670]")  # Arabic vowel marks: shaping may extract them before or after a letter
_PUNCTUATION = re.compile(r"[.,:;!?()\[\]\u060c\u061b\u061f]")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is not installed (make test installs it)")


def pages_of(pdf: Path) -> list[str]:
    """The text of each page, in logical order, without the direction marks pdftotext adds."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return [_CONTROLS.sub("", page) for page in out.decode("utf-8").split("\f")[:-1]]


def squashed(text: str) -> str:
    """`text` as a sequence of letters and digits: the words in their order, without what pdftotext does not
    give back faithfully. It guesses spaces from gaps between glyphs (Arabic letters that do not join the next,
    ر و ڕ, leave gaps it takes for spaces); it gives a mark such as the tanween of نصوصاً before or after the
    alef, as the font's glyphs place it; and in a right-to-left line it puts the punctuation at the end of a
    run (the full stop of a sentence, the dot of "١.") where it stands on the page, not where it is written."""
    return _PUNCTUATION.sub("", _MARKS.sub("", _SPACE.sub("", _CONTROLS.sub("", text))))


@pytest.fixture(scope="session")
def edition(built_site) -> Path:
    return built_site / "print"


@pytest.fixture(scope="session")
def volume_pages(edition):
    return {lang: pages_of(edition / f"sop.{lang}.pdf") for lang in LANGS}


@pytest.fixture(scope="session")
def info(corpus):
    return edition_info(REPO, None, corpus)


# -- what a volume holds ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_title_page_names_the_sop_its_status_version_date_and_revision(lang, volume_pages, info):
    title = squashed(volume_pages[lang][0])
    assert squashed(say(lang, "print", "title")) in title
    assert squashed(say(lang, "print", "statuses", "draft" if info.draft else "adopted")) in title
    assert squashed(info.date(lang)) in title
    assert info.commit and info.commit in title  # the full commit id the text was built from
    assert squashed(info.version) in title
    assert squashed(say(lang, "print", "notice", "title")) in title  # working summaries, not official texts


@pytest.mark.parametrize("lang", LANGS)
def test_chapters_and_sections_come_in_order_with_their_numbers(lang, volume_pages, corpus):
    pages = volume_pages[lang]
    body_start = _first_chapter_page(pages, corpus, lang)
    body = [squashed(p) for p in pages[body_start:]]
    page = 0
    for chapter in printed_chapters(corpus, lang):
        page = _find_from(body, chapter_title(chapter), page, f"chapter {chapter.number} ({lang})")
        for section in chapter.sections:
            page = _find_from(body, _heading_words(section_heading(section, chapter.lang)), page,
                              f"section {section.id} ({lang})")


def test_arabic_and_kurdish_text_extracts_in_logical_order(volume_pages, corpus):
    for lang in ("ar", "ckb"):
        chapter = printed_chapters(corpus, lang)[0]
        assert chapter.lang == lang
        first_words = " ".join(chapter.intro_blocks[0].text.split()[:12])
        text = squashed("".join(volume_pages[lang]))
        assert squashed(first_words) in text, (lang, first_words)
        # the Kurdish letters survive shaping and extraction as themselves
        if lang == "ckb":
            for letter in "ڕڵۆێە":
                assert letter in text


@pytest.fixture(scope="session")
def partial_pages(partial_site):
    """The volumes of the corpus while being translated (conftest.partial_corpus), as `sop build` printed them."""
    return {lang: pages_of(partial_site / "print" / f"sop.{lang}.pdf") for lang in ("ar", "ckb")}


def test_untranslated_chapter_prints_in_the_source_language_with_a_notice(partial_pages, partial_corpus):
    from sopkit.load import load_corpus

    chapters = printed_chapters(load_corpus(partial_corpus)[0], "ar")
    foreign = [c for c in chapters if c.lang != "ar"]
    assert [c.number for c in foreign] == [6]
    text = squashed("".join(partial_pages["ar"]))
    name = say("ar", "languages")["en"]
    assert squashed(say("ar", "untranslated_chapter", "text", language=name)) in text
    for chapter in foreign:
        assert squashed(chapter_title(chapter)) in text


def test_a_missing_section_prints_from_the_source_and_a_stale_one_bears_a_notice(partial_pages):
    from conftest import PARTIAL_MISSING_SECTION, PARTIAL_STALE_SECTION

    text = squashed("".join(partial_pages["ar"]))
    missing = squashed(say("ar", "untranslated_section", "text", language=say("ar", "languages")["en"]))
    stale = squashed(say("ar", "stale_section", "title"))
    assert text.count(missing) == 1 and text.count(stale) == 1
    english = squashed("5.5 Interviewing witnesses")  # PARTIAL_MISSING_SECTION, numbered as in the source
    shown_at = text.index(english, text.index(missing))  # the notice, then the English section
    assert text.index(stale) > shown_at  # then the next section, with its notice
    kurdish = squashed("".join(partial_pages["ckb"]))
    assert kurdish.count(squashed(say("ckb", "stale_section", "title"))) == 1  # PARTIAL_STALE_SECTION
    assert PARTIAL_MISSING_SECTION[1] and PARTIAL_STALE_SECTION[1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_draft_carries_its_mark_on_every_page(lang, volume_pages, info):
    assert info.draft  # every chapter of the bundled corpus is a draft
    mark = squashed(say(lang, "print", "draft_mark"))
    missing = [n + 1 for n, page in enumerate(volume_pages[lang]) if mark not in squashed(page)]
    assert not missing, f"pages without {mark}: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_annex_holds_the_text_of_cited_provisions_marked_by_status(lang, volume_pages, corpus):
    pages = volume_pages[lang]
    annex = squashed("".join(pages[_first_annex_page(pages, lang):]))
    law = corpus.laws["iq/law-28-2012"]
    shown = law.text(lang)
    for pid in ("3.1", "6"):  # cited by chapter 1 and chapter 4
        provision = shown.provision(pid)
        words = " ".join(provision.text.split()[:8]).replace("*", "")
        assert squashed(words) in annex, (lang, pid, words)
    status = law.meta.text_status[shown.lang]
    assert squashed(say(lang, "text_statuses")[status]) in annex


def test_references_give_the_page_of_their_target(volume_pages, corpus):
    """`[](sop:…)` prints "section 5.4 (Interviewing victims) (p. 23)": page 23 holds that heading; a citation
    prints "[annex, p. 41]": page 41 is in the annex."""
    pages = volume_pages["en"]
    text = _SPACE.sub(" ", " ".join(pages))
    sections = {numerals(s.number_text, "en"): s for c in printed_chapters(corpus, "en") for s in c.sections}
    refs = re.findall(r"section (\d+(?:\.\d+)+) \([^()]*\) \(p\. (\d+)\)", text)
    assert len(refs) > 10
    for number, page in refs:
        heading = squashed(_heading_words(section_heading(sections[number], "en")))
        assert heading in squashed(pages[int(page) - 1]), (number, page)
    annex_refs = re.findall(r"\[annex, p\. (\d+)\]", text)
    assert len(annex_refs) > 10
    first_annex_page = _first_annex_page(pages, "en")
    assert all(int(page) - 1 >= first_annex_page for page in annex_refs)


# -- fonts, reproducibility, the manifest ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_and_the_projects_own(lang, edition):
    out = subprocess.run(["pdffonts", str(edition / f"sop.{lang}.pdf")], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    names = [line.split()[0].split("+")[-1] for line in out]
    for line in out:
        assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s", line), line  # embedded, subset, with a Unicode map
    assert all(re.match(r"(Amiri|LibertinusSerif|DejaVuSansMono)", n) for n in names), names
    if lang != "en":
        assert any(n.startswith("Amiri") for n in names)


def test_two_builds_are_byte_identical_and_the_manifest_verifies(edition, tmp_path):
    out = tmp_path / "print"
    r = sop("print", "-q", "-o", str(out), cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in edition.iterdir())
    for file in edition.iterdir():
        assert (out / file.name).read_bytes() == file.read_bytes(), file.name
    r = sop("verify", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    # anyone can check it without sopkit
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True).returncode == 0


def test_verify_names_a_changed_missing_or_extra_file(edition, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(edition, copy)
    pdf = copy / "sop.ar.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1
    pdf.write_bytes(bytes(data))
    (copy / "sop.ckb.pdf").unlink()
    (copy / "notes.txt").write_text("not published")
    r = sop("verify", str(copy))
    assert r.returncode == 1
    assert re.search(r"SHA256SUMS:\d+:67: E001 error: sop\.ar\.pdf differs", r.stdout), r.stdout
    assert re.search(r"E002 error: sop\.ckb\.pdf is missing", r.stdout)
    assert "E004 warning: notes.txt" in r.stdout
    assert "hint:" in r.stdout


def test_verify_refuses_a_folder_without_manifest(tmp_path):
    r = sop("verify", str(tmp_path))
    assert r.returncode == 2 and "no SHA256SUMS" in r.stderr


# -- the site links to the volumes ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_home_page_links_to_the_volumes(lang, built_site):
    home = built_site / ("" if lang == "en" else lang) / "index.html"
    html = home.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*print/[^"]+)"', html)
    assert links[0].endswith(f"sop.{lang}.pdf")  # the reader's language first
    for link in links:
        assert (home.parent / link).resolve().is_file(), link
    assert any(link.endswith("SHA256SUMS") for link in links)


# -- page images to look at ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ("ar", "ckb"))
def test_page_images_of_title_and_first_chapter_page(lang, edition, volume_pages, corpus):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    PAGES_OUT.mkdir(parents=True, exist_ok=True)
    first = _first_chapter_page(volume_pages[lang], corpus, lang) + 1
    for page, name in ((1, "title"), (first, "chapter-1")):
        stem = PAGES_OUT / f"sop-{lang}-{name}"
        subprocess.run(["pdftoppm", "-r", "80", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(edition / f"sop.{lang}.pdf"), str(stem)], check=True, capture_output=True)
        image = stem.with_suffix(".png")
        assert image.stat().st_size > 20_000, image  # a page with text on it, not a blank one


# -- helpers ---------------------------------------------------------------------------------------------------

def _first_chapter_page(pages: list[str], corpus, lang: str) -> int:
    title = squashed(chapter_title(printed_chapters(corpus, lang)[0]))
    return next(n for n, page in enumerate(pages) if title in squashed(page) and ". . ." not in page and n > 0)


def _first_annex_page(pages: list[str], lang: str) -> int:
    title = squashed(say(lang, "print", "annex", "title"))
    return next(n for n, page in enumerate(pages) if title in squashed(page) and ". . ." not in page)


def _heading_words(heading: str) -> str:
    """A heading's words as printed: without its `{#id}`."""
    return re.sub(r"\s*\{[^}]*\}\s*$", "", heading)


def _find_from(body: list[str], heading: str, start: int, what: str) -> int:
    """The first page from `start` holding every word of `heading`. Words, not the line: pdftotext may give the
    two lines of a long Arabic heading in the wrong order (and a stacked mark, as on المهرَّب, as a line of its
    own); the order of running text is tested on paragraphs."""
    words = [w for w in (squashed(w) for w in heading.split()) if w]
    for n in range(start, len(body)):
        if all(w in body[n] for w in words):
            return n
    raise AssertionError(f"{what}: '{heading}' not found from page {start}")


# -- sop print on a corpus in git, and what it refuses ---------------------------------------------------------

def test_a_revision_prints_with_its_own_commit_version_and_date(sandbox, tmp_path):
    import git

    out = tmp_path / "wg-1"
    r = sandbox.sop("print", "--rev", "wg-1", "--lang", "en", "-o", str(out))
    assert r.code == 0, r.both
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "sop.en.pdf"]
    commit = git.Repo(sandbox.root).commit("wg-1")
    title = squashed(pages_of(out / "sop.en.pdf")[0])
    assert commit.hexsha in title and "wg-1" in title
    import datetime

    day = datetime.datetime.fromtimestamp(commit.committed_date, datetime.timezone.utc)
    assert squashed(f"{day.day} {say('en', 'print', 'months')[day.month - 1]} {day.year}") in title
    sandbox.assert_corpus_unchanged()


def test_uncommitted_changes_are_named_on_the_title_page(sandbox, tmp_path):
    chapter = sandbox.root / "sop" / "08-review-mechanisms.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence not committed yet.\n", encoding="utf-8")
    out = tmp_path / "print"
    r = sandbox.sop("print", "--lang", "en", "-o", str(out))
    assert r.code == 0, r.both
    text = pages_of(out / "sop.en.pdf")
    assert "with changes not yet committed" in _SPACE.sub(" ", text[0])
    assert "A sentence not committed yet." in _SPACE.sub(" ", " ".join(text))


def test_word_volumes_come_with_their_manifest_and_read_right_to_left(sandbox, tmp_path):
    from docx import Document

    out = tmp_path / "word"
    r = sandbox.sop("print", "--format", "docx", "--lang", "ar", "-o", str(out))
    assert r.code == 0, r.both
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "sop.ar.docx"]
    assert sandbox.sop("verify", str(out)).code == 0
    document = Document(str(out / "sop.ar.docx"))
    # paragraphs whose first letter is Arabic: the Arabic chapters (an English chapter's paragraphs, with their
    # Arabic annex references, stay left to right)
    arabic = [p for p in document.paragraphs if re.match(r"[\W\d_]*[\u0600-\u06ff]", p.text)]
    assert len(arabic) > 100
    bidi = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
    assert all(p._p.pPr is not None and p._p.pPr.find(bidi) is not None for p in arabic)
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1.1 الغرض من إجراءات العمل القياسية" in [h.text for h in headings]


def test_check_errors_print_nothing(sandbox, tmp_path):
    sandbox.write("sop/08-review-mechanisms.md", "---\nid: ch8\n---\n\n[broken](law:iq/law-99-1999#1)\n")
    out = tmp_path / "print"
    r = sandbox.sop("print", "-o", str(out))
    assert r.code == 1 and "nothing was printed" in r.err
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (("--lang", "fr"), "no language fr in this corpus"),
    (("-o", "sop"), "refusing to write the edition into sop"),
    (("-o", "laws/iq"), "refusing to write the edition into laws/iq"),
    (("--rev", "no-such-draft"), "no-such-draft"),
    (("--rev=--help-me",), "starts with '-'"),
])
def test_refusals(sandbox, args, message):
    r = sandbox.sop("print", *args)
    assert r.code == 2, r.both
    assert message in r.err
    sandbox.assert_corpus_unchanged()


def test_a_folder_holding_something_else_is_not_emptied(sandbox, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "letter.docx").write_bytes(b"my own file")
    r = sandbox.sop("print", "--lang", "en", "-o", str(out))
    assert r.code == 2 and "not empty" in r.err
    assert (out / "letter.docx").read_bytes() == b"my own file"
    # an edition printed before is replaced whole
    r = sandbox.sop("print", "--lang", "en", "-o", str(tmp_path / "ed"))
    assert r.code == 0
    r = sandbox.sop("print", "--lang", "ar", "-o", str(tmp_path / "ed"))
    assert r.code == 0
    assert sorted(p.name for p in (tmp_path / "ed").iterdir()) == ["SHA256SUMS", "sop.ar.pdf"]


def test_typst_markup_in_the_text_prints_as_words(sandbox, tmp_path):
    """Words that mean something to typst (or to pandoc's template) are printed as written, never run."""
    words = ["#set page(width: 1cm)", "$x^2$", "@victim-label", "<case-number>", "// not a comment",
             "/* nor this */", "$$title$$", "\\#escaped", "= not a heading", "#{ 1 + 1 }", "~tilde~"]
    chapter = sandbox.root / "sop" / "08-review-mechanisms.md"
    text = chapter.read_text(encoding="utf-8").replace("title: Review Mechanisms",
                                                        'title: "Review ] #set page(width: 1cm) [x $y$"', 1)
    assert "#set page" in text  # the title too: it is set in the contents, the running header and the heading
    chapter.write_text(text + "\n\n" + "\n\n".join(f"Write `{w}` and {w.replace('<', '&lt;')} here." for w in words)
                       + "\n", encoding="utf-8")
    out = tmp_path / "print"
    r = sandbox.sop("print", "--lang", "en", "-o", str(out))
    assert r.code == 0, r.both
    printed = _SPACE.sub(" ", " ".join(pages_of(out / "sop.en.pdf")))
    for w in words:
        shown = w.replace("\\#", "#")  # Markdown reads \# as #, on the site too
        assert f"Write {w} and {shown} here." in printed, w
    assert printed.count("8. Review ] #set page(width: 1cm) [x $y$") >= 3  # contents, heading, running header


def test_a_corpus_git_does_not_keep_prints_without_a_revision(sandbox, tmp_path):
    """A corpus in a folder git ignores (or outside any repository) is named as having no revision, never as
    the text of the repository's HEAD, which does not hold it."""
    from conftest import write_corpus

    nested = sandbox.root / "scratch"
    write_corpus(nested)
    (sandbox.root / ".git" / "info" / "exclude").write_text("scratch/\n", encoding="utf-8")
    for root in (nested, write_corpus(tmp_path / "outside")):
        out = tmp_path / f"print-{root.name}"
        r = sandbox.sop("print", "--root", str(root), "--lang", "en", "-o", str(out))
        assert r.code == 0, r.both
        title = _SPACE.sub(" ", pages_of(out / "sop.en.pdf")[0])
        assert say("en", "print", "no_revision") in title

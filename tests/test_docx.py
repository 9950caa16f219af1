"""`sop diff --format docx`: Word tracked changes, read back by pandoc (`--track-changes=accept|reject`).

pandoc's reader ignores marks Word honours: a deleted or inserted paragraph mark on a heading or a list item
(it keeps an empty heading or item) and a deleted or inserted table row (it keeps the row with its cells
emptied). The comparisons below drop empty headings, list items (at any depth), table rows and tables for that
reason; everything else must come back exactly.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import git
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from conftest import write_corpus
from sopkit.drafts import Revision, draft_revision, load_draft
from sopkit.lookup import link_words
from sopkit.pandoc import MARKDOWN, pandoc_path
from sopkit.redline import docx as D
from sopkit.redline.engine import _sections, diff_drafts
from sopkit.redline.markdown import accept, document_body, marked_body, reject
from redline_history import critic_problems
from test_diff import CH, FENCE_NEW, FENCE_OLD, WG1, WG2, _body, _commit

W = D.W
AR = "sop/01-general-provisions.ar.md"
FRONT = '---\nid: ch1\ntitle: أحكام عامة\nstatus: draft\nreviewed: "2026-11-16"\n---\n\n'

AR1 = FRONT + """\
## الغرض {#sop-purpose}

تسري هذه الإجراءات على كل تحقيق في جرائم **الاتجار بالبشر** وفق [المادة (1)](law:iq/law-9-2000#1).

- يُدوَّن البلاغ فوراً.
- يُعلَم قاضي التحقيق.

| الطريقة | الخطر |
| --- | --- |
| التحقيق التفاعلي | التأخر |

## الإبلاغ {#sop-reporting}

تُرسل التقارير إلى قاضي التحقيق خلال يوم واحد.

1. الخطوة الأولى.
2. الخطوة الثانية.

## قسم يُحذف {#old-section}

| أ | ب |
| --- | --- |
| ١ | ٢ |
"""

AR2 = FRONT.replace("draft", "adopted") + """\
## الغرض والنطاق {#sop-purpose}

تسري هذه الإجراءات على كل تحقيق في جرائم **الاتجار بالأشخاص** وفق [المادة (1) أولاً](law:iq/law-9-2000#1.1).

- يُدوَّن البلاغ فوراً.
- يُبلَّغ الادعاء العام.
- يُعلَم قاضي التحقيق.

| الطريقة | الخطر |
| --- | --- |
| التحقيق التفاعلي | التأخر في التحرك |

1. الخطوة الأولى.
2. الخطوة الثانية المعدّلة.

## الإبلاغ {#sop-reporting}

تُرسل التقارير إلى قاضي التحقيق خلال يوم واحد، مع نسخة إلى [](sop:sop-purpose).
"""


def _repo(tmp_path, drafts: list[dict[str, str]]):
    root = write_corpus(tmp_path / "repo", {CH: drafts[0].get(CH, WG1), AR: drafts[0].get(AR)})
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Working Group Secretary").set_value("user", "email", "wg@example.org")
    _commit(repo, "wg-1", "Working group meeting 1")
    for n, files in enumerate(drafts[1:], start=2):
        for path, text in files.items():
            (root / path).write_text(text, encoding="utf-8")
        _commit(repo, f"wg-{n}", f"Working group meeting {n}")
    return root


def _render(root, old="wg-1", new="wg-2", **only):
    a, b = load_draft(root, old), load_draft(root, new)
    diff = diff_drafts(a, b, old, new, **only)
    revision = draft_revision(root, new)
    return diff, D.render_docx(diff, revision, link_words(b, a), epoch=revision.epoch), a, b, revision


def _pandoc(args: list[str], data: bytes) -> bytes:
    return subprocess.run([pandoc_path(), *args], input=data, capture_output=True, check=True).stdout


def _readable(blocks: list) -> list:
    """Blocks without what pandoc's reader keeps of removed headings and table rows (see the module's note)."""
    def empty(node) -> bool:
        text = json.dumps(node, ensure_ascii=False)
        return '"Str"' not in text and '"Code"' not in text

    out = []
    for b in blocks:
        if b["t"] in ("BulletList", "OrderedList"):
            items = [_readable([{"t": "Plain", "c": x["c"]} if x["t"] == "Para" else x for x in i])  # no loose
                     for i in (b["c"] if b["t"] == "BulletList" else b["c"][1]) if not empty(i)]  # lists in Word
            if not items:
                continue
            b = {"t": b["t"], "c": items if b["t"] == "BulletList" else [b["c"][0], items]}
        if b["t"] == "Table":  # column widths are layout, which Word's tables carry and Markdown's do not
            b["c"][2] = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in b["c"][2]]
            for body in b["c"][4]:  # a row removed by a tracked change is kept with its cells emptied
                body[3] = [row for row in body[3] if not empty(row)]
        if b["t"] == "BulletList" and out and out[-1]["t"] == "BulletList":  # lists that became adjacent
            out[-1] = {"t": "BulletList", "c": out[-1]["c"] + b["c"]}
        elif b["t"] == "CodeBlock" and out and out[-1]["t"] == "CodeBlock":  # pandoc reads adjacent ones as one
            out[-1] = {"t": "CodeBlock", "c": [out[-1]["c"][0], out[-1]["c"][1] + "\n" + b["c"][1]]}
        elif not ((b["t"] == "Header" and empty(b["c"][2])) or (b["t"] == "Table" and empty(b))):
            out.append(b)
    return out


def _plain(ast: dict) -> str:
    return _pandoc(["-f", "json", "-t", "plain", "--wrap=none"], json.dumps(ast).encode()).decode()


def _docx_text(data: bytes, mode: str) -> str:
    ast = json.loads(_pandoc(["-f", "docx", f"--track-changes={mode}", "-t", "json"], data))
    ast["blocks"] = _readable(ast["blocks"])
    return _plain(ast)


def _chapter_text(chapter, corpus_labels, k: int = 0) -> str:
    """What the chapter's body reads as in the Word redline's own conventions (links as their words)."""
    body = "\n\n".join(p for s in _sections(chapter)
                       for p in [s.heading(), *s.paragraphs] if p)
    ast = json.loads(_pandoc(["-f", MARKDOWN, "-t", "json"], body.encode()))
    D._relabel(ast["blocks"], chapter.lang, k, set(), corpus_labels, keep_ids=True)
    ast["blocks"] = _readable(ast["blocks"])
    return _plain(ast)


def _assert_round_trip(data, a, b, path, read=None):
    labels = link_words(b, a)
    after = next(c for c in b.chapters if c.path == path)
    before = next(c for c in a.chapters if c.path == path)
    read = read or _docx_text
    accepted, rejected = read(data, "accept"), read(data, "reject")
    assert accepted.endswith(_chapter_text(after, labels)), accepted
    assert rejected.endswith(_chapter_text(before, labels)), rejected


def _document(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    root = _repo(tmp_path_factory.mktemp("docx-en"), [{CH: WG1}, {CH: WG2}])
    return root, *_render(root)


def test_accepting_every_change_gives_the_new_draft_and_rejecting_the_old(english):
    root, diff, data, a, b, _ = english
    _assert_round_trip(data, a, b, CH)


def test_document_xml_holds_the_tracked_changes(english):
    root, diff, data, a, b, revision = english
    doc = _document(data)
    q = lambda tag: doc.findall(f".//{{{W}}}{tag}")  # noqa: E731
    for tag in ("ins", "del", "moveFrom", "moveTo"):
        assert q(tag), tag
        for el in q(tag):
            assert el.get(f"{{{W}}}author") == "Working Group Secretary"
            assert el.get(f"{{{W}}}date") == revision.date
    # every move has both ends, under one name
    starts = {el.get(f"{{{W}}}name") for el in q("moveFromRangeStart")}
    assert starts and starts == {el.get(f"{{{W}}}name") for el in q("moveToRangeStart")}
    # the moved paragraph arrives with its edit inside: the added words inserted, within the move's range
    arrival = [p for p in q("p") if "every person smuggled" in "".join(p.itertext())]
    assert arrival and arrival[0].find(f"{{{W}}}moveToRangeStart") is not None
    assert "every person smuggled" in "".join(t.text for i in arrival[0].findall(f"{{{W}}}ins")
                                              for t in i.iter(f"{{{W}}}t"))
    # a deleted paragraph is gone with its paragraph mark; deleted words are delText, never t
    removed = [p for p in q("p") if "This section is removed" in "".join(p.itertext())]
    assert removed[0].find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is not None
    for d in q("del"):
        assert not list(d.iter(f"{{{W}}}t"))
    # one citation retargeted: one deletion and one insertion, side by side, in the paragraph kept
    para = [p for p in q("p") if "Text citing" in "".join(p.itertext())][0]
    assert [el.tag.split("}")[1] for el in para if el.tag != f"{{{W}}}pPr"][-3:] == ["del", "ins", "r"]
    # revision ids are unique; the reviewer's own edits are tracked too
    ids = [el.get(f"{{{W}}}id") for tag in ("ins", "del", "moveFrom", "moveTo") for el in q(tag)]
    assert len(ids) == len(set(ids))
    settings_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")
    assert b"trackRevisions" in settings_xml


def test_the_same_diff_gives_the_same_bytes(english):
    root, diff, data, *_ = english
    assert _render(root)[1] == data


def test_arabic_lists_tables_and_links(tmp_path):
    root = _repo(tmp_path, [{AR: AR1}, {AR: AR2}])
    diff, data, a, b, _ = _render(root, lang="ar")
    _assert_round_trip(data, a, b, AR)
    doc = _document(data)
    paragraphs = doc.findall(f".//{{{W}}}p")
    arabic = [p for p in paragraphs if "الإجراءات" in "".join(p.itertext())]
    assert arabic and all(p.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None for p in arabic)
    # a table removed with its section: its rows are marked deleted, as Word removes rows
    assert doc.findall(f".//{{{W}}}trPr/{{{W}}}del")
    # the edited table cell is a word change inside the table, not a new table
    cell = [p for p in paragraphs if "التأخر" in "".join(p.itertext())]
    assert cell and "في التحرك" in "".join(t.text for i in cell[0].findall(f"{{{W}}}ins") for t in i.iter(f"{{{W}}}t"))
    # a section reference with no words gets the section's heading
    assert any("الغرض والنطاق" in "".join(p.itertext()) and "مع نسخة" in "".join(p.itertext()) for p in paragraphs)


def test_docx_needs_an_output_file(tmp_path):
    root = _repo(tmp_path, [{CH: WG1}, {CH: WG2}])
    diff = [sys.executable, "-m", "sopkit.cli", "diff", "wg-1", "wg-2", "--format", "docx"]
    done = subprocess.run(diff, cwd=root, capture_output=True, text=True)
    assert done.returncode == 2 and "-o FILE" in done.stderr
    done = subprocess.run([*diff, "-o", "r.docx"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(root / "r.docx").read("word/document.xml").count(b"w:ins ") > 2


_PARAGRAPHS = [
    "These procedures apply to every investigation.",
    "The investigator records the **complaint** at once.",
    "- first step\n- second step\n- third step",
    "| a | b |\n| --- | --- |\n| x | y |\n| one | two |",
    "1. Secure the scene.\n2. Call the judge.",
    "See [Article 1](law:iq/law-9-2000#1) and [](sop:sop-a).",
    "Victims are referred to shelters.",
]
_EDITS = st.lists(st.tuples(st.sampled_from(["drop", "swap", "word", "list", "cell", "row", "item", "new", "move",
                                             "section", "order"]),
                            st.integers(0, 6)), max_size=4)


def _chapter(sections: list[list[str]]) -> str:
    body = "".join(f"## Section {chr(97 + k)} {{#sop-{chr(97 + k)}}}\n\n" + "\n\n".join(ps) + "\n\n"
                   for k, ps in enumerate(sections))
    return "---\nid: ch1\ntitle: General Provisions\nstatus: draft\n---\n\n" + body


def _edited(sections, edits):
    sections = [list(s) for s in sections]
    for kind, n in edits:
        s = sections[n % len(sections)]
        if not s:
            continue
        i = n % len(s)
        if kind == "drop":
            s.pop(i)
        elif kind == "swap" and len(s) > 1:
            s[i], s[i - 1] = s[i - 1], s[i]
        elif kind == "word":
            s[i] = s[i].replace("the", "each", 1).replace("at once", "without delay")
        elif kind == "list":
            s[i] = s[i].replace("- second step\n", "- second step\n- an added step\n").replace("2. Call", "2. Inform")
        elif kind == "cell":
            s[i] = s[i].replace("| one |", "| one more |")
        elif kind == "row":  # a row added, another taken out
            s[i] = s[i].replace("| one | two |", "| one | two |\n| three | four |").replace("| a | b |\n| --- | --- |\n| x | y |\n", "| a | b |\n| --- | --- |\n")
        elif kind == "item":  # an item taken out, one added at the head of a list
            s[i] = s[i].replace("- second step\n", "").replace("1. Secure", "1. Call the police.\n2. Secure")
        elif kind == "new":
            s.insert(i, "A paragraph added by the working group.")
        elif kind == "order" and len(sections) > 1:  # two sections change places: a section moved whole
            sections[0], sections[1] = sections[1], sections[0]
        elif kind == "section":  # a section added at the end, or the first one removed
            if n % 2:
                sections.append(["A section added by the working group.", "- with a list\n- of two items"])
            elif len(sections) > 1:
                sections.pop(0)
        else:
            sections[(n + 1) % len(sections)].append(s.pop(i))
    return sections


def _criticmarkup_round_trips(folder, before: str, after: str, rendered: bool = True):
    """Drafts wg-1 (`before`) and wg-2 (`after`) of chapter CH and their diff, after checking that its
    CriticMarkup redline accepts into the new chapter and rejects into the old one (and, with `rendered`, that
    the site's Markdown renders it whole: not asked of a code block changed across its blank lines, which
    CriticMarkup cannot mark inside a fence)."""
    root = _repo(folder, [{CH: before}, {CH: after}])
    a, b = load_draft(root, "wg-1"), load_draft(root, "wg-2")
    diff = diff_drafts(a, b, "wg-1", "wg-2", lang="en")
    [doc] = [d for d in diff.documents if d.path == CH]
    assert marked_body(doc) is not None  # the redline with its comments (rows, items, moves, ids), not plain marks
    assert not rendered or critic_problems(marked_body(doc)) == []  # and the site's Markdown renders it whole
    assert accept(document_body(doc)) == _body(next(c for c in b.chapters if c.path == CH))
    assert reject(document_body(doc)) == _body(next(c for c in a.chapters if c.path == CH))
    return a, b, diff


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_EDITS)
def test_any_edit_round_trips_through_word_and_criticmarkup(tmp_path_factory, edits):
    base = [_PARAGRAPHS[:4], _PARAGRAPHS[4:]]
    before, after = _chapter(base), _chapter(_edited(base, edits))
    a, b, diff = _criticmarkup_round_trips(tmp_path_factory.mktemp("prop"), before, after)
    data = D.render_docx(diff, Revision("WG", "2026-01-01T00:00:00Z"), link_words(b, a))
    if before == after:  # nothing changed: the redline holds its summary only
        assert "Section a" not in _docx_text(data, "accept")
        return
    _assert_round_trip(data, a, b, CH)


# -- paragraphs are the model's blocks: a code block holding blank lines is one paragraph of the Word redline ------
#
# pandoc's docx reader drops every tracked run inside a code paragraph (style SourceCode), in each of its
# --track-changes modes: it reads a code block's plain runs only. Word honours them. So these tests resolve the
# marks of code paragraphs themselves, as Word does (accepting drops deletions and keeps insertions, rejecting the
# reverse, and a paragraph whose mark is dropped goes with it), and leave every other paragraph to pandoc.

_TAKEN = {"accept": ("del", "moveFrom"), "reject": ("ins", "moveTo")}  # what each mode drops, runs and all
_KEPT = {"accept": ("ins", "moveTo"), "reject": ("del", "moveFrom")}  # what each mode keeps, unmarked


def _code_resolved(data: bytes, mode: str) -> bytes:
    """The docx with the tracked changes of its code paragraphs accepted or rejected."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    q = lambda el, *tags: [x for t in tags for x in el.iter(f"{{{W}}}{t}")]  # noqa: E731
    for p in list(root.iter(f"{{{W}}}p")):
        if not any(s.get(f"{{{W}}}val") == "SourceCode" for s in p.iterfind(f"{{{W}}}pPr/{{{W}}}pStyle")):
            continue
        mark = p.find(f"{{{W}}}pPr/{{{W}}}rPr")
        if mark is not None and q(mark, *_TAKEN[mode]):
            p.getparent().remove(p)  # the paragraph itself was inserted (rejecting) or deleted (accepting)
            continue
        for el in q(p, *_TAKEN[mode]):
            if el.getparent() is not None:
                el.getparent().remove(el)
        for el in q(p, *_KEPT[mode]):
            for child in list(el):
                el.addprevious(child)
            el.getparent().remove(el)
        for el in q(p, "delText"):
            el.tag = f"{{{W}}}t"
        for el in q(p, "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
            el.getparent().remove(el)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, etree.tostring(root) if info.filename == "word/document.xml"
                            else source.read(info.filename))
    return out.getvalue()


def _docx_code_text(data: bytes, mode: str) -> str:
    return _docx_text(_code_resolved(data, mode), mode)


def test_blocks_a_code_block_with_a_blank_line_round_trips_through_word(tmp_path):
    root = _repo(tmp_path, [{CH: FENCE_OLD}, {CH: FENCE_NEW}])
    diff, data, a, b, _ = _render(root)  # it used to be refused: the fence was cut at its blank line
    _assert_round_trip(data, a, b, CH, read=_docx_code_text)
    accepted, rejected = _docx_code_text(data, "accept"), _docx_code_text(data, "reject")
    assert "## Not a heading {#not-a-section}" in accepted and "sop record --case 12 --judge" in accepted
    assert "not-a-section" not in rejected and "--judge" not in rejected
    names = {el.get(f"{{{W}}}name") for el in _document(data).iter(f"{{{W}}}bookmarkStart")}
    assert any(n and n.endswith("sop-commands") for n in names)
    assert not any(n and "not-a-section" in n for n in names)  # the fence's heading is code, not a heading


_BLOCKS = [
    "Record the case with:",
    "```text\nsop record --case 12\n\nsop close --case 12\n```",
    "- Identify the victim.\n\n- Inform the judge.",
    "> The consent of the victim is irrelevant.\n>\n> The purpose is enough.",
    "```\n## Not a heading {#not-a-section}\n\nStill code.\n```",
]
_BLOCK_EDITS = st.lists(st.tuples(st.sampled_from(["drop", "swap", "word", "blank", "new", "move"]),
                                  st.integers(0, 6)), max_size=4)


def _edited_blocks(sections, edits):
    sections = [list(s) for s in sections]
    for kind, n in edits:
        s = sections[n % len(sections)]
        if not s:
            continue
        i = n % len(s)
        if kind == "word":
            s[i] = s[i].replace("case 12", "case 13", 1).replace("judge", "investigating judge") \
                .replace("consent", "agreement").replace("Still code", "Still the code")
        elif kind == "blank":  # a blank line taken out of a code block or a list
            s[i] = s[i].replace("\n\n", "\n", 1)
        else:
            sections[:] = _edited(sections, [(kind, n)])
    return sections


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_BLOCK_EDITS)
def test_blocks_with_blank_lines_round_trip_through_word_and_criticmarkup(tmp_path_factory, edits):
    base = [_BLOCKS[:3], _BLOCKS[3:]]
    before, after = _chapter(base), _chapter(_edited_blocks(base, edits))
    a, b, diff = _criticmarkup_round_trips(tmp_path_factory.mktemp("blocks"), before, after, rendered=False)
    if before != after:
        data = D.render_docx(diff, Revision("WG", "2026-01-01T00:00:00Z"), link_words(b, a))
        _assert_round_trip(data, a, b, CH, read=_docx_code_text)



def test_moves_in_two_chapters_have_names_of_their_own(tmp_path):
    """Moves are numbered per chapter; in the Word file each move has its own name (Word pairs the two ends of
    a move by name: two moves called move1 would be one move to Word)."""
    from test_diff import _folder_drafts

    ar = "sop/01-general-provisions.ar.md"
    moved_en, moved_ar = "A paragraph that moves to the second section.", "فقرة تنتقل إلى القسم الثاني."

    def chapter(front: str, a: str, b: str) -> str:
        return front + "\n## A {#sop-move-a}\n\n" + a + "\n\n## B {#sop-move-b}\n\n" + b + "\n"
    en_front, ar_front = WG1.split("\n## ")[0], "---\nid: ch1\ntitle: الأحكام العامة\nstatus: draft\n---\n\nمقدمة."
    old = {CH: chapter(en_front, f"Stays here.\n\n{moved_en}", "Second."),
           ar: chapter(ar_front, f"تبقى هنا.\n\n{moved_ar}", "ثانياً.")}
    new = {CH: chapter(en_front, "Stays here.", f"Second.\n\n{moved_en}"),
           ar: chapter(ar_front, "تبقى هنا.", f"ثانياً.\n\n{moved_ar}")}
    diff = _folder_drafts(tmp_path, old, new)
    doc = _document(D.render_docx(diff, Revision("Secretary", "2026-11-20T10:00:00Z")))
    names = [el.get(f"{{{W}}}name") for el in doc.iter(f"{{{W}}}moveFromRangeStart")]
    assert len(names) == 2 and len(set(names)) == 2, names
    assert sorted(names) == sorted(el.get(f"{{{W}}}name") for el in doc.iter(f"{{{W}}}moveToRangeStart"))


def test_every_change_is_credited_to_the_commit_that_made_it(tmp_path):
    """Two people edit between two drafts, a third tags the draft: each tracked change names its own author
    (what `sop blame` knows), and a law's change the author of the commit that changed the law's text."""
    root = write_corpus(tmp_path / "repo")
    repo = git.Repo.init(root)

    def commit(author: str, message: str, tag: str | None = None):
        actor = git.Actor(author, f"{author.split()[0].lower()}@example.org")
        repo.git.add(A=True)
        repo.index.commit(message, author=actor, committer=actor)
        if tag:
            repo.create_tag(tag, message=message)

    commit("Secretary", "Working group meeting 1", "wg-1")
    chapter = root / CH
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Introduction.", "Introduction, revised by Amal."),
                       encoding="utf-8")
    commit("Amal Hassan", "Rewrite the introduction")
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("\nText.\n", "\nText added by Karwan.\n"),
                       encoding="utf-8")
    commit("Karwan Aziz", "Who applies them")
    law = root / "laws/iq/law-9-2000/en.md"
    law.write_text(law.read_text(encoding="utf-8").replace("Text of Article 1.", "Text of Article 1, amended."),
                   encoding="utf-8")
    commit("Legal Adviser", "Article 1 amended")
    commit("Secretary", "Working group meeting 2", "wg-2")
    out = tmp_path / "redline.docx"
    r = subprocess.run([sys.executable, "-m", "sopkit.cli", "diff", "wg-1", "wg-2", "--root", str(root), "--format",
                        "docx", "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    doc = _document(out.read_bytes())
    credited = {"".join(t.text for t in el.iter(f"{{{W}}}t")): el.get(f"{{{W}}}author")
                for el in doc.iter(f"{{{W}}}ins")}
    by_word = {word: author for text, author in credited.items() for word in ("Amal", "Karwan", "amended")
               if word in text}
    assert by_word == {"Amal": "Amal Hassan", "Karwan": "Karwan Aziz", "amended": "Legal Adviser"}, credited


def test_a_section_moved_whole_keeps_its_heading_in_criticmarkup(tmp_path):
    front = "---\nid: ch1\ntitle: General Provisions\nstatus: draft\n---\n\nIntro.\n\n"
    alpha, beta = "## Alpha {#alpha}\n\nFirst of alpha.\n\n", "## Beta {#beta}\n\nFirst of beta.\n\n- one\n- two\n\n"
    gamma = "## Gamma {#gamma}\n\nGamma text.\n"
    root = _repo(tmp_path, [{CH: front + alpha + beta + gamma},
                            {CH: front + beta + alpha.replace("alpha.", "alpha, edited.") + gamma}])
    diff = diff_drafts(load_draft(root, "wg-1"), load_draft(root, "wg-2"), lang="en")
    [doc] = [d for d in diff.documents if d.path == CH]
    marked = marked_body(doc)
    assert marked is not None and critic_problems(marked) == []
    assert "Intro.{>>section moved here<<}\n\n## Beta {#beta}\n" in marked
    assert "{>>section moved away<<}\n\n## Beta {#beta}\n" in marked
    assert accept(marked) == _body(next(c for c in load_draft(root, "wg-2").chapters if c.path == CH))
    assert reject(marked) == _body(next(c for c in load_draft(root, "wg-1").chapters if c.path == CH))

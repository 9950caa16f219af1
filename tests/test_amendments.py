"""Amendments: a chapter out to Word and back as a proposal (tracked and untracked edits, comments, several
authors, English and Arabic), replayed onto a newer draft or stopped by a real conflict; proposals made from the
working tree; overlapping proposals; the working group's decisions; the meeting's agenda in every format.

The Word edits are made in the file's XML as Word records them (tests/wordedit.py); the repository is a real git
repository holding the bundled corpus (tests/hostile.py's sandbox: drafts wg-1 and wg-2)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import git
import pytest

from hostile import make_sandbox
from test_site import sop  # sop as a fresh process, never a traceback
from wordedit import WordFile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from sopkit.amendments.proposals import decide, find, open_proposals, overlaps, proposals  # noqa: E402
from sopkit.amendments.wordin import UNKNOWN_AUTHOR, import_word  # noqa: E402
from sopkit.amendments.wordout import export_chapter, read_properties  # noqa: E402
from sopkit.diagnostics import UsageError  # noqa: E402

CH5 = "sop/05-investigation.md"
CH5_AR = "sop/05-investigation.ar.md"


@pytest.fixture
def repo(tmp_path):
    return make_sandbox(tmp_path).root


def commit_edit(root: Path, path: str, old: str, new: str, message: str) -> None:
    f = root / path
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = git.Repo(root)
    r.git.add(path)
    r.index.commit(message)


def edited_english(data: bytes) -> bytes:
    doc = WordFile(data)
    doc.replace_tracked("investigating judge", "competent investigating judge", "Layla Hassan")
    doc.insert_tracked("Check the case register", " and the national database", "Karwan Aziz")
    doc.delete_tracked(" where needed", "Karwan Aziz")
    doc.edit_untracked("test it before acting", "test it twice before acting")
    doc.comment("Reactive investigations", "Should this cover hotlines?", "Shwan Ali")
    return doc.save(last_modified_by="Layla Hassan")


# -- export ------------------------------------------------------------------------------------------------------

def test_export_carries_the_chapter_its_revision_and_a_hidden_bookmark_per_section(repo):
    exported = export_chapter(repo, "ch5", "ar", "wg-1")
    props = read_properties(exported.data)
    wg1 = git.Repo(repo).commit("wg-1").hexsha
    assert props["sop-revision"] == wg1 and props["sop-path"] == CH5_AR and props["sop-chapter"] == "ch5"
    xml = zipfile.ZipFile(__import__("io").BytesIO(exported.data)).read("word/document.xml").decode()
    sections = len(exported.chapter.sections)
    for n in range(sections):
        assert f'w:name="_sop_{n}"' in xml
    assert "<w:bidi/>" in xml  # an Arabic chapter reads right to left in Word
    assert exported.file_name == "05-investigation.ar.wg-1.docx"


def test_an_unedited_export_imports_as_no_change(repo):
    for lang in ("en", "ar", "ckb"):
        imported = import_word(repo, export_chapter(repo, "ch5", lang).data)
        assert not imported.changed and not imported.comments, lang
        assert imported.text == (repo / imported.chapter.path).read_text(encoding="utf-8")


# -- import -------------------------------------------------------------------------------------------------------

def test_tracked_untracked_and_comments_are_found_with_their_authors_and_sections(repo):
    imported = import_word(repo, edited_english(export_chapter(repo, "ch5").data))
    got = {(c["section"], c["author"], c["tracked"], c["old"], c["new"]) for c in imported.changes}
    assert ("_opening", "Layla Hassan", True, "investigating judge", "competent investigating judge") in got
    assert ("reactive-investigations", "Karwan Aziz", True, "", "and the national database") in got
    assert ("reactive-investigations", "Karwan Aziz", True, "where needed", "") in got
    assert ("proactive-investigations", "Layla Hassan", False, "", "twice") in got  # who saved the file
    assert len(imported.changes) == 4
    (comment,) = imported.comments
    assert comment["author"] == "Shwan Ali" and comment["section"] == "reactive-investigations"
    assert comment["text"] == "Should this cover hotlines?" and comment["anchor"] == "Reactive investigations"
    assert imported.authors == {"Karwan Aziz": 2, "Layla Hassan": 1}
    text = imported.text
    old = (repo / CH5).read_text(encoding="utf-8")
    assert "competent investigating judge ([Article 51" in text
    assert "3. Check the case register and the national database for linked names" in text
    assert "female or child-trained officer." in text and "test it twice before acting" in text
    # everything else is the chapter as written, line for line
    changed = [a for a, b in zip(old.splitlines(), text.splitlines()) if a != b]
    assert len(changed) == 4 and len(old.splitlines()) == len(text.splitlines())
    assert "[](sop:investigation-first-24-hours)" in text  # an empty link keeps its empty form


def test_arabic_tracked_edits_by_several_authors(repo):
    doc = WordFile(export_chapter(repo, "ch5", "ar").data)
    doc.replace_tracked("قاضي التحقيق", "قاضي التحقيق المختص", "ليلى حسن")
    doc.insert_tracked("الادعاء العام", " والجهات المختصة", "كاروان عزيز")
    doc.comment("التحقيق", "يُراجع مع الادعاء العام", "شوان علي")
    doc.edit_untracked("تُحرَّك الدعوى", "تُقام الدعوى")  # with Track Changes off
    imported = import_word(repo, doc.save(last_modified_by="ليلى حسن"))
    authors = {c["author"] for c in imported.changes}
    assert authors == {"ليلى حسن", "كاروان عزيز"}
    assert all(c["lang"] == "ar" for c in imported.changes)
    untracked = [c for c in imported.changes if not c["tracked"]]
    assert [(c["section"], c["old"], c["new"], c["author"]) for c in untracked] == [
        ("investigation-opening", "تُحرَّك", "تُقام", "ليلى حسن")]
    assert "تُقام الدعوى الجزائية" in imported.text
    assert imported.comments[0]["author"] == "شوان علي"
    assert "قاضي التحقيق المختص" in imported.text and "والجهات المختصة" in imported.text
    assert 'dir="rtl"' not in imported.text  # Word's right-to-left runs are not written into the Markdown
    assert not imported.unplaced


def test_what_cannot_be_placed_is_reported_and_kept(repo):
    doc = WordFile(export_chapter(repo, "ch5").data)
    doc.insert_paragraph_untracked("Record the source of the intelligence", "Joint operations", style="Heading3")
    doc.insert_paragraph_tracked("Joint operations", "Joint teams follow the same rules.", "Layla Hassan")
    doc.remove_bookmark("_sop_2")  # the heading of a section loses its hidden bookmark (retyped in Word)
    imported = import_word(repo, doc.save())
    reasons = [u["reason"] for u in imported.unplaced]
    assert any("new heading without an id" in r for r in reasons)
    assert any("matched to section" in r for r in reasons)
    assert "### Joint operations {#joint-operations}\n\nJoint teams follow the same rules." in imported.text
    section = imported.chapter.sections[2]
    assert f"{{#{section.id}}}" in imported.text  # the section found again by its words keeps its id
    assert any(c["new"] == "Joint teams follow the same rules." and c["author"] == "Layla Hassan"
               for c in imported.changes)


def test_a_file_not_exported_by_sop_is_refused_with_what_to_do(repo, tmp_path):
    from sopkit import pandoc as P

    plain = P.convert(P.document(P.read_markdown("x"), [P.para("Some text")]), "docx")
    with pytest.raises(UsageError, match="not made by `sop export docx`"):
        import_word(repo, plain)
    with pytest.raises(UsageError, match="not a Word"):
        import_word(repo, b"PK\x03\x04 not really a zip")
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"hello")
    r = sop("import", "docx", str(bad), cwd=repo)
    assert r.returncode == 2 and "not a Word (.docx) file" in r.stderr


# -- proposals -------------------------------------------------------------------------------------------------

def test_import_makes_a_proposal_branch_with_the_drafter_as_author(repo, tmp_path):
    head_before = git.Repo(repo).head.commit.hexsha
    status_before = git.Repo(repo).git.status("--porcelain")
    f = tmp_path / "ch5 edited.docx"
    f.write_bytes(edited_english(export_chapter(repo, "ch5").data))
    r = sop("import", "docx", str(f), "--rationale", "Name the judge", "--format", "json", cwd=repo)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)["proposal"]
    assert got["name"] == "ch5-edited" and got["branch"] == "proposal/ch5-edited"
    assert {c["author"] for c in got["changes"]} == {"Layla Hassan", "Karwan Aziz"}
    assert set(got["changes"][0]) >= {"chapter", "section", "lang", "author", "tracked", "old", "new"}
    assert got["comments"][0]["author"] == "Shwan Ali" and got["unplaced"] == []
    repository = git.Repo(repo)
    tip = repository.commit("proposal/ch5-edited")
    assert tip.author.name == "Karwan Aziz"  # most tracked changes; the others are co-authors
    assert "Co-authored-by: Layla Hassan" in tip.message
    assert "competent investigating judge" in (tip.tree / CH5).data_stream.read().decode()
    record = (tip.tree / "amendments/ch5-edited.yml").data_stream.read().decode()
    assert "status: proposed" in record and "Name the judge" in record
    # the drafter's working tree, index and branch are as they were
    assert repository.head.commit.hexsha == head_before and repository.git.status("--porcelain") == status_before
    assert "competent investigating judge" not in (repo / CH5).read_text(encoding="utf-8")


def test_an_export_from_an_older_draft_replays_onto_the_newer_one(repo):
    doc = WordFile(export_chapter(repo, "ch5", rev="wg-1").data)  # wg-2 changed the opening paragraph since
    doc.insert_tracked("Check the case register", " and the national database", "Karwan Aziz")
    doc.edit_untracked("test it before acting", "test it twice before acting")
    data = doc.save()
    commit_edit(repo, CH5, "1. Record who reported", "1. Write down who reported", "wg-3 wording")
    imported = import_word(repo, data)
    assert imported.base == git.Repo(repo).commit("wg-1").hexsha
    from sopkit.amendments.cli import _drafter
    from sopkit.amendments.proposals import make_proposal, today
    from sopkit.amendments.record import Record

    made = make_proposal(repo, "old-file", imported.base, {CH5: imported.text.encode()},
                         Record("old-file", "Layla Hassan", today(), changes=imported.changes), _drafter(imported))
    assert made.replayed and not made.proposal.record.conflicts
    text = (git.Repo(repo).commit("proposal/old-file").tree / CH5).data_stream.read().decode()
    assert "1. Write down who reported" in text  # the newer draft's change is kept
    assert "the case register and the national database" in text  # and the drafter's applied onto it
    assert "Investigat" in text  # wg-2's change too


def test_a_real_conflict_is_reported_and_nothing_resolved(repo, tmp_path):
    doc = WordFile(export_chapter(repo, "ch5", rev="wg-1").data)
    doc.replace_tracked("Assign", "Name", "Shwan Ali")
    f = tmp_path / "lead.docx"
    f.write_bytes(doc.save())
    commit_edit(repo, CH5, "Assign a lead investigator", "Appoint a lead investigator", "wg-3 wording")
    r = sop("import", "docx", str(f), "--name", "ch5-lead", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "CONFLICT in ch5#reactive-investigations (en)" in r.stdout
    p = find(repo, "ch5-lead")
    (conflict,) = p.record.conflicts
    assert "Assign a lead" in conflict["base"] and "Appoint a lead" in conflict["current"]
    assert "Name a lead" in conflict["proposed"]
    # the proposal stays on the revision it was made on, with the drafter's text whole
    tip = git.Repo(repo).commit("proposal/ch5-lead")
    assert tip.parents[0].hexsha == git.Repo(repo).commit("wg-1").hexsha
    shown = sop("amendments", "show", "ch5-lead", cwd=repo).stdout
    assert "[-Assign-] {+Appoint+}" in shown and "[-Assign-] {+Name+}" in shown
    # accepting it is refused, and nothing changes
    head = git.Repo(repo).head.commit.hexsha
    r = sop("amendments", "accept", "ch5-lead", "--meeting", "wg-3", cwd=repo)
    assert r.returncode == 2 and "no longer merges cleanly" in r.stderr
    assert git.Repo(repo).head.commit.hexsha == head and find(repo, "ch5-lead").record.status == "proposed"


def test_two_proposals_on_one_section_are_shown_side_by_side(repo):
    for name, new in (("a", "Appoint a lead investigator"), ("b", "Name a lead investigator")):
        (repo / CH5).write_text((repo / CH5).read_text(encoding="utf-8").replace("Assign a lead investigator",
                                                                                  new), encoding="utf-8")
        r = sop("propose", f"ch5-{name}", "--rationale", f"wording {name}", "--author", f"Drafter {name} <{name}@x>",
                cwd=repo)
        assert r.returncode == 0, r.stderr
        git.Repo(repo).git.checkout("--", CH5)
    (overlap,) = overlaps(repo)
    assert (overlap.first, overlap.second, overlap.section) == ("ch5-a", "ch5-b", "ch5#reactive-investigations (en)")
    assert "Assign a lead" in overlap.base and "Appoint" in overlap.texts[0] and "Name a lead" in overlap.texts[1]
    shown = sop("amendments", "show", "ch5-a", cwd=repo).stdout
    assert "also changed by proposal ch5-b" in shown
    # accepting one re-checks the other: it no longer applies
    r = sop("amendments", "accept", "ch5-a", "--meeting", "wg-3", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "proposal ch5-b shares ch5#reactive-investigations (en): NO LONGER APPLIES" in r.stdout


def test_accepting_one_proposal_rechecks_the_citations_of_another_on_the_same_section(repo):
    text = (repo / CH5).read_text(encoding="utf-8")
    (repo / CH5).write_text(text.replace("1. Record who reported", "1. Write down who reported"), encoding="utf-8")
    sop("propose", "ch5-wording", cwd=repo)
    git.Repo(repo).git.checkout("--", CH5)
    (repo / CH5).write_text(text.replace("5. Assign a lead investigator",
                                         "5. Assign a lead investigator ([](law:iq/law-28-2012#999))"),
                            encoding="utf-8")
    sop("propose", "ch5-cite", cwd=repo)
    git.Repo(repo).git.checkout("--", CH5)
    r = sop("amendments", "accept", "ch5-wording", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "proposal ch5-cite shares ch5#reactive-investigations (en): still applies cleanly" in r.stdout
    assert "sop check finds" in r.stdout and "999" in r.stdout


def test_accept_merges_with_the_proposer_as_author_and_reject_changes_nothing(repo):
    (repo / CH5).write_text((repo / CH5).read_text(encoding="utf-8").replace(
        "Assign a lead investigator", "Assign a trained lead investigator"), encoding="utf-8")
    sop("propose", "ch5-trained", "--author", "Layla Hassan <layla@moi.gov.iq>", "--rationale", "Training",
        cwd=repo)
    git.Repo(repo).git.checkout("--", CH5)
    (repo / CH5_AR).write_text((repo / CH5_AR).read_text(encoding="utf-8") + "\nفقرة مقترحة.\n", encoding="utf-8")
    sop("propose", "ch5-ar-extra", "--author", "Karwan Aziz <k@x>", cwd=repo)
    git.Repo(repo).git.checkout("--", CH5_AR)
    before_ar = (repo / CH5_AR).read_text(encoding="utf-8")
    assert [p.name for p in open_proposals(repo)] == ["ch5-ar-extra", "ch5-trained"]

    decision = decide(repo, "ch5-trained", "accepted", meeting="wg-3", note="Agreed")
    repository = git.Repo(repo)
    assert repository.head.commit.hexsha == decision.merged
    assert "Assign a trained lead investigator" in (repo / CH5).read_text(encoding="utf-8")  # on disk too
    blame = repository.git.blame("-L/trained lead/,+1", "--porcelain", CH5)
    assert "author Layla Hassan" in blame
    assert "status: accepted" in (repo / "amendments/ch5-trained.yml").read_text(encoding="utf-8")

    decide(repo, "ch5-ar-extra", "rejected", meeting="wg-3", note="Not needed")
    assert (repo / CH5_AR).read_text(encoding="utf-8") == before_ar  # the SOP does not change
    rejected = find(repo, "ch5-ar-extra")
    assert rejected.record.status == "rejected" and rejected.record.meeting == "wg-3"
    assert "فقرة مقترحة." in (repository.commit("proposal/ch5-ar-extra").tree / CH5_AR).data_stream.read().decode()
    with pytest.raises(UsageError, match="rejected already"):
        decide(repo, "ch5-ar-extra", "accepted")
    listed = sop("amendments", "list", "--all", "--format", "json", cwd=repo)
    assert {p["name"]: p["status"] for p in json.loads(listed.stdout)} == {"ch5-trained": "accepted",
                                                                          "ch5-ar-extra": "rejected"}
    assert sop("check", cwd=repo).returncode == 0


def test_defer_keeps_a_proposal_open(repo):
    (repo / CH5).write_text((repo / CH5).read_text(encoding="utf-8") + "\nA deferred paragraph.\n", encoding="utf-8")
    sop("propose", "later", cwd=repo)
    r = sop("amendments", "defer", "later", "--meeting", "wg-3", cwd=repo)
    assert r.returncode == 0 and "deferred" in r.stdout
    (p,) = open_proposals(repo)
    assert p.record.status == "deferred" and p.record.meeting == "wg-3"


def test_propose_needs_a_change_and_a_usable_name(repo):
    r = sop("propose", "nothing", cwd=repo)
    assert r.returncode == 2 and "no changed chapter" in r.stderr
    (repo / CH5).write_text((repo / CH5).read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    r = sop("propose", "../main", cwd=repo)
    assert r.returncode == 2 and "not usable" in r.stderr
    assert sop("propose", "fine", cwd=repo).returncode == 0
    r = sop("propose", "fine", cwd=repo)
    assert r.returncode == 2 and "exists already" in r.stderr
    assert [p.name for p in proposals(repo)] == ["fine"]


# -- the meeting -------------------------------------------------------------------------------------------------

def test_the_agenda_renders_in_every_format(repo, tmp_path):
    (repo / CH5).write_text((repo / CH5).read_text(encoding="utf-8").replace(
        "Assign a lead investigator", "Assign a trained lead investigator"), encoding="utf-8")
    sop("propose", "ch5-trained", "--author", "Layla Hassan <l@x>", "--rationale", "Training", cwd=repo)
    git.Repo(repo).git.checkout("--", CH5)
    (repo / CH5_AR).write_text((repo / CH5_AR).read_text(encoding="utf-8").replace(
        "قاضي التحقيق", "قاضي التحقيق المختص", 1) + "\nانظر [المادة 999 من قانون مكافحة الاتجار بالبشر](law:iq/law-28-2012#999).\n",
        encoding="utf-8")
    sop("propose", "ch5-ar", "--author", "Karwan Aziz <k@x>", cwd=repo)
    git.Repo(repo).git.checkout("--", CH5_AR)
    r = sop("meeting", "agenda", "--format", "html", "-o", str(tmp_path / "agenda.html"), cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "2 open proposal(s)" in r.stderr
    from sopkit.amendments.agenda import build_agenda, render

    agenda = build_agenda(repo)  # the other formats from the same gathering, as `--format` gives them
    for fmt in ("docx", "pdf", "md"):
        data = render(agenda, fmt)
        (tmp_path / f"agenda.{fmt}").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    html = (tmp_path / "agenda.html").read_text(encoding="utf-8")
    assert 'class="insertion"' in html and "trained" in html and 'dir="rtl"' in html
    assert "C1" in html and "999" in html  # the citation check finds the missing article in the proposed text
    document = zipfile.ZipFile(tmp_path / "agenda.docx").read("word/document.xml").decode()
    assert 'w:author="Layla Hassan &lt;l@x&gt;"' in document and "<w:ins " in document
    pdf = tmp_path / "agenda.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "ch5-trained" in text and "ch5-ar" in text
    md = (tmp_path / "agenda.md").read_text(encoding="utf-8")
    assert "ch5-trained" in md and "# Chapter 5. TIP and SOM Investigation" in md
    assert render(agenda, "md") == md  # rendering reads the agenda, never changes it
    assert sop("meeting", "agenda", "--format", "pdf", cwd=repo).returncode == 2  # a PDF needs -o


def test_json_of_an_import_names_unknown_authors_of_untracked_edits(repo, tmp_path):
    doc = WordFile(export_chapter(repo, "ch5").data)
    doc.edit_untracked("test it before acting", "test it carefully before acting")
    data = doc.save()
    imported = import_word(repo, data)
    (change,) = imported.changes
    assert change["tracked"] is False and change["author"] in (UNKNOWN_AUTHOR, imported.saved_by)


def _saved_by_an_office_suite(data: bytes, tmp_path: Path, name: str) -> bytes:
    """The file opened and saved again as .docx by LibreOffice Writer, which writes it its own way (fields for
    hyperlinks, its own runs, styles and numbering), as a drafter's office suite would."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "in.docx").write_bytes(data)
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"),
                           str(folder / "in.docx")], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return (folder / "out" / "in.docx").read_bytes()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_file_saved_again_by_an_office_suite_reads_the_same(repo, tmp_path, lang):
    exported = export_chapter(repo, "ch5", lang).data
    unchanged = import_word(repo, _saved_by_an_office_suite(exported, tmp_path, "plain"))
    assert not unchanged.changed and not unchanged.comments  # its own way of writing the file is no change
    doc = WordFile(exported)
    words = "investigating judge" if lang == "en" else "قاضي التحقيق"
    doc.replace_tracked(words, words + (" competent" if lang == "en" else " المختص"), "Layla Hassan")
    doc.comment(words, "Check" if lang == "en" else "يُراجع", "Karwan Aziz")
    imported = import_word(repo, _saved_by_an_office_suite(doc.save(), tmp_path, "edited"))
    assert [(c["section"], c["author"], c["tracked"]) for c in imported.changes] == [("_opening", "Layla Hassan",
                                                                                        True)]
    assert [(c["author"], c["section"]) for c in imported.comments] == [("Karwan Aziz", "_opening")]
    assert not imported.unplaced
    direct = import_word(repo, doc.save())
    assert imported.text == direct.text  # the same Markdown, however the file was saved


def test_criticmarkup_suggestions_are_shown_then_settled(repo):
    text = (repo / CH5_AR).read_text(encoding="utf-8")
    assert "قاضي التحقيق" in text
    (repo / CH5_AR).write_text(text.replace("قاضي التحقيق", "{~~قاضي التحقيق~>قاضي التحقيق المختص~~}{>>أدق<<}", 1),
                               encoding="utf-8")
    r = sop("check", cwd=repo)
    assert "V015" in r.stdout and "--suggestions ch5 --lang ar" in r.stdout
    shown = sop("amendments", "accept", "--suggestions", "ch5", "--lang", "ar", cwd=repo)
    assert shown.returncode == 0 and "+" in shown.stdout and "comment removed" in shown.stdout and "أدق" in shown.stdout
    assert "{~~" in (repo / CH5_AR).read_text(encoding="utf-8")  # shown, not written
    written = sop("amendments", "accept", "--suggestions", "ch5", "--lang", "ar", "--write", cwd=repo)
    assert written.returncode == 0, written.stderr
    after = (repo / CH5_AR).read_text(encoding="utf-8")
    assert after == text.replace("قاضي التحقيق", "قاضي التحقيق المختص", 1)
    assert "V015" not in sop("check", cwd=repo).stdout


def test_new_headings_get_valid_distinct_ids(repo):
    doc = WordFile(export_chapter(repo, "ch5", "ar").data)
    doc.insert_paragraph_untracked("فتح التحقيق", "ملاحظات", style="Heading3")
    doc.insert_paragraph_untracked("ملاحظات", "نص أول.")
    doc.insert_paragraph_tracked("نص أول.", "ملاحظات", "ليلى حسن", style="Heading3")
    imported = import_word(repo, doc.save())
    new = [u["section"] for u in imported.unplaced if "new heading" in u["reason"]]
    assert new == ["new-section", "new-section-2"]
    (repo / CH5_AR).write_text(imported.text, encoding="utf-8")
    report = sop("check", "--format", "json", cwd=repo)
    codes = {d["code"] for d in json.loads(report.stdout)["diagnostics"] if d["severity"] == "error"}
    assert not codes & {"V001", "V002", "V003"}, codes  # ids well formed and unique


def _rewritten(data: bytes, part: str, change) -> bytes:
    """The .docx `data` with one part changed (None: removed), as a damaged or tampered file would come."""
    import io

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            content = change(content) if name == part else content
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("part, change, message", [
    ("word/document.xml", lambda d: None, "not a Word document"),
    ("word/document.xml", lambda d: d[: len(d) // 2], "is damaged"),
    ("docProps/custom.xml", lambda d: d.replace(b"sop/05-investigation.md", b"../../etc/passwd"),
     "which revision"),
    ("docProps/custom.xml", lambda d: d.replace(b"sop-revision", b"other"), "not made by `sop export docx`"),
])
def test_a_damaged_or_tampered_file_is_refused_with_a_reason(repo, tmp_path, part, change, message):
    f = tmp_path / "bad.docx"
    f.write_bytes(_rewritten(export_chapter(repo, "ch5").data, part, change))
    r = sop("import", "docx", str(f), cwd=repo)
    assert r.returncode == 2 and message in r.stderr, r.stderr
    assert [p.name for p in proposals(repo)] == []


def test_an_author_name_from_word_is_one_safe_name_in_the_commit(repo, tmp_path):
    doc = WordFile(export_chapter(repo, "ch5").data)
    doc.replace_tracked("Assign", "Appoint", "Layla\nHassan <evil>")
    doc.insert_tracked("Check the case register", " and the database", "Co\nauthor")
    f = tmp_path / "names.docx"
    f.write_bytes(doc.save())
    r = sop("import", "docx", str(f), "--name", "names", cwd=repo)
    assert r.returncode == 0, r.stderr
    tip = git.Repo(repo).commit("proposal/names")
    assert tip.author.name in ("Layla Hassan evil", "Co author")
    trailers = [line for line in tip.message.splitlines() if line.startswith("Co-authored-by:")]
    assert len(trailers) == 1 and "\n" not in trailers[0] and "evil>" not in trailers[0].split("<")[0]

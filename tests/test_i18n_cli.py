"""`sop i18n export` and `sop i18n import` as a translator's round trip runs them: the PO file written, edited as
a translation tool would, brought back; what the import changes shown before anything is written."""

from __future__ import annotations

import polib

from hostile import CH5

AR5 = "sop/05-investigation.ar.md"


def test_export_then_import_unchanged_writes_nothing(sandbox, tmp_path):
    po = tmp_path / "ch5.ar.po"
    r = sandbox.sop("i18n", "export", "ar", "5", "-o", str(po))
    assert r.code == 0 and "35 units" in r.err and "sop i18n import ar" in r.err, r.both
    r = sandbox.sop("i18n", "import", "ar", "5", str(po), "--write")
    assert r.code == 0 and "nothing to change" in r.out, r.both
    sandbox.assert_corpus_unchanged()


def test_an_edited_unit_is_shown_as_a_diff_and_written_only_with_write(sandbox, tmp_path):
    po_path = tmp_path / "ch5.ar.po"
    assert sandbox.sop("i18n", "export", "ar", "05-investigation", "-o", str(po_path)).code == 0
    po = polib.pofile(str(po_path))
    unit = next(e for e in po if e.msgctxt == "interviewing-witnesses")
    unit.msgstr = unit.msgstr.replace("الشهود", "الشهود جميعاً", 1)
    po.save(str(po_path))
    r = sandbox.sop("i18n", "import", "ar", "5", str(po_path))
    assert r.code == 0 and f"+++ b/{AR5}" in r.out and "الشهود جميعاً" in r.out and "--write" in r.out, r.both
    sandbox.assert_corpus_unchanged()
    r = sandbox.sop("i18n", "import", "ar", "5", str(po_path), "--write")
    assert r.code == 0 and "sop i18n mark ar" in r.out
    assert "الشهود جميعاً" in (sandbox.root / AR5).read_text(encoding="utf-8")


def test_a_broken_tag_is_refused_and_the_file_keeps_its_text(sandbox, tmp_path):
    po_path = tmp_path / "ch5.ar.po"
    assert sandbox.sop("i18n", "export", "ar", "5", "-o", str(po_path)).code == 0
    po = polib.pofile(str(po_path))
    unit = next(e for e in po if "</2>" in e.msgstr)
    unit.msgstr = unit.msgstr.replace("</2>", "", 1)
    po.save(str(po_path))
    r = sandbox.sop("i18n", "import", "ar", "5", str(po_path), "--write")
    assert r.code == 1 and "X001" in r.out, r.both
    sandbox.assert_corpus_unchanged()


def test_export_to_standard_output_and_refusals(sandbox):
    r = sandbox.sop("i18n", "export", "ckb", "ch5", "-o", "-")
    assert r.code == 0 and 'msgctxt "_opening"' in r.out and "Language: ckb" in r.out
    r = sandbox.sop("i18n", "export", "ar", "5", "-o", CH5)  # never over a corpus file
    assert r.code == 2 and "Traceback" not in r.err
    r = sandbox.sop("i18n", "import", "ar", "5", "no-such.po")
    assert r.code == 2 and "no-such.po" in r.err
    sandbox.assert_corpus_unchanged()

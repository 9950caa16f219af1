"""Translations that stay in step (issue 13): `sop i18n status` and `sop i18n mark` in a real git repository
holding the bundled corpus, and T001/T002 in `sop check`.

Each test changes the source as a drafter would (a word of a section, a new section), commits it, and reads
what the tools say of the Arabic and Kurdish translations: exactly the sections touched turn stale or missing,
the check passes with warnings, and marking makes them current again.
"""

from __future__ import annotations

import json

import pytest

from conftest import findings
from hostile import CH5
from sopkit.load import load_corpus
from sopkit.model import OPENING
from sopkit.translations.status import translation_states

SECTION = "interviewing-witnesses"


def states(root) -> dict:
    corpus, _ = load_corpus(root, cache=False)
    return {(s.chapter, s.section, s.lang): s.state for s in translation_states(corpus)}


def not_current(root) -> dict:
    return {k: v for k, v in states(root).items() if v != "current"}


def status_json(box) -> list[dict]:
    r = box.sop("i18n", "status", "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)["sections"]


def change_source(box, old: str, new: str, path: str = CH5) -> None:
    text = (box.root / path).read_text(encoding="utf-8")
    assert text.count(old) >= 1
    box.write(path, text.replace(old, new, 1))


@pytest.fixture
def box(sandbox):
    """The bundled corpus in git, its translations marked current in the sandbox's own repository."""
    for lang in ("ar", "ckb"):
        for n in range(1, 9):
            r = sandbox.sop("i18n", "mark", lang, str(n))
            assert r.code == 0, r.both
    sandbox.commit("translations marked")
    assert not_current(sandbox.root) == {}
    return sandbox


def test_the_bundled_corpus_is_translated_whole_and_current(corpus):
    all_states = translation_states(corpus)
    assert {s.chapter for s in all_states} == {c.key for c in corpus.chapters if c.is_source}
    assert len({s.chapter for s in all_states}) == 8
    assert {s.state for s in all_states} == {"current"}
    assert {s.lang for s in all_states} == {"ar", "ckb"}


def test_a_changed_source_section_turns_stale_in_both_translations_then_current_after_mark(box):
    text = (box.root / CH5).read_text(encoding="utf-8")
    start = text.index("{#" + SECTION + "}")
    sentence_at = text.index("\n\n", start) + 2
    words = text[sentence_at:text.index(" ", sentence_at + 20)]
    box.write(CH5, text[:sentence_at] + words + " promptly" + text[sentence_at + len(words):])
    box.commit("wg-3: a word added to one section")

    assert not_current(box.root) == {("05-investigation", SECTION, "ar"): "stale",
                                     ("05-investigation", SECTION, "ckb"): "stale"}
    stale = [s for s in status_json(box) if s["state"] != "current"]
    assert [(s["section"], s["lang"]) for s in stale] == [(SECTION, "ar"), (SECTION, "ckb")]
    assert all("{+promptly+}" in s["changes"] for s in stale), stale
    text_out = box.sop("i18n", "status").out
    assert "{+promptly+}" in text_out and f"{{#{SECTION}}}" in text_out

    check = box.sop("check", "--format", "json")
    assert check.code == 0, check.both  # warnings only: a drafter may change the source before translators follow
    found = [(d["code"], d["path"]) for d in json.loads(check.out)["diagnostics"]]
    assert sorted(found) == [("T001", "sop/05-investigation.ar.md"), ("T001", "sop/05-investigation.ckb.md")]
    assert box.sop("check", "--strict").code == 1

    r = box.sop("i18n", "mark", "ar", "05-investigation", SECTION)
    assert r.code == 0 and SECTION in r.out, r.both
    assert not_current(box.root) == {("05-investigation", SECTION, "ckb"): "stale"}
    assert box.sop("i18n", "mark", "ckb", "5").code == 0
    assert not_current(box.root) == {}
    assert box.sop("check", "--strict").code == 0


def test_rewrapping_a_source_paragraph_changes_nothing(box):
    text = (box.root / CH5).read_text(encoding="utf-8")
    start = text.index("{#" + SECTION + "}")
    space = text.index(" ", text.index("\n\n", start) + 10)
    box.write(CH5, text[:space] + "\n" + text[space + 1:])
    assert not_current(box.root) == {}


def test_a_new_source_section_is_missing_and_the_check_passes_with_warnings(box):
    text = (box.root / CH5).read_text(encoding="utf-8")
    at = text.index("\n## ", text.index("{#" + SECTION + "}"))
    new = "\n## Interviewing officials {#interviewing-officials}\n\nOfficials are heard as witnesses.\n"
    box.write(CH5, text[:at] + new + text[at:])
    box.commit("wg-3: a section added")

    assert not_current(box.root) == {("05-investigation", "interviewing-officials", "ar"): "missing",
                                     ("05-investigation", "interviewing-officials", "ckb"): "missing"}
    check = box.sop("check", "--format", "json")
    assert check.code == 0, check.both
    found = json.loads(check.out)["diagnostics"]
    assert sorted((d["code"], d["path"]) for d in found) == [("T002", "sop/05-investigation.ar.md"),
                                                             ("T002", "sop/05-investigation.ckb.md")]
    assert all("interviewing-officials" in d["message"] for d in found)
    r = box.sop("i18n", "mark", "ar", "5")
    assert r.code == 0 and "not translated yet" in r.out
    assert ("05-investigation", "interviewing-officials", "ar") in not_current(box.root)


def test_a_whole_untranslated_chapter_is_missing_section_by_section(box):
    (box.root / "sop/07-case-management.ckb.md").unlink()
    left = not_current(box.root)
    assert set(left.values()) == {"missing"} and {k[2] for k in left} == {"ckb"}
    assert {k[1] for k in left} >= {OPENING, "case-file-contents"}
    check = box.sop("check", "--format", "json")
    assert [d["code"] for d in json.loads(check.out)["diagnostics"]] == ["T002"]  # one for the chapter


def test_mark_refuses_a_section_whose_citations_differ_from_the_source(box):
    path = "sop/05-investigation.ar.md"
    text = (box.root / path).read_text(encoding="utf-8")
    start = text.index("{#arrest-execution}")
    link = text.index("](law:", start)
    end = text.index(")", link)
    label_start = text.rindex("[", start, link)
    box.write(path, text[:label_start] + text[end + 1:])  # the section's first citation dropped
    lock_before = (box.root / "translations.lock.yml").read_bytes()

    r = box.sop("i18n", "mark", "ar", "5", "arrest-execution")
    assert r.code == 1 and "T004" in r.out and "does not cite" in r.out, r.both
    assert (box.root / "translations.lock.yml").read_bytes() == lock_before


def test_mark_refuses_an_unknown_chapter_section_or_language_saying_what_exists(box):
    r = box.sop("i18n", "mark", "ar", "99")
    assert r.code == 2 and "05-investigation" in r.err
    r = box.sop("i18n", "mark", "ar", "5", "no-such-section")
    assert r.code == 2 and SECTION in r.err
    r = box.sop("i18n", "mark", "en", "5")
    assert r.code == 2 and "ar, ckb" in r.err


def test_a_hand_broken_lock_file_is_a_diagnostic_and_its_sections_stale(box):
    lock = box.root / "translations.lock.yml"
    text = lock.read_text(encoding="utf-8")
    lock.write_text(text.replace('source: "', 'source: "zz', 1), encoding="utf-8")
    check = box.sop("check", "--format", "json")
    codes = [d["code"] for d in json.loads(check.out)["diagnostics"]]
    assert "L002" in codes and "T001" in codes and check.code == 1
    assert box.sop("i18n", "status").code == 0


def test_status_reads_a_git_revision(box):
    change_source(box, "{#" + SECTION + "}", "{#" + SECTION + "}\n\nA new first paragraph.\n")
    box.commit("wg-3", tag="wg-3")
    r = box.sop("i18n", "status", "--rev", "wg-3", "--format", "json")
    assert sum(s["state"] == "stale" for s in json.loads(r.out)["sections"]) == 2


def test_every_bundled_law_has_every_provision_in_all_three_languages_and_says_what_each_text_is(corpus):
    for law in corpus.laws.values():
        ids = {lang: [p.id for p in law.texts[lang].provisions] for lang in ("en", "ar", "ckb") if lang in law.texts}
        assert set(ids) == {"en", "ar", "ckb"}, law.id
        assert ids["ar"] == ids["en"] == ids["ckb"], law.id
        assert set(law.meta.text_status) >= {"en", "ar", "ckb"}, law.id  # summary, translation or official


def test_marking_a_chapter_drops_the_records_of_sections_its_source_no_longer_has(box):
    for path in (CH5, "sop/05-investigation.ar.md"):
        text = (box.root / path).read_text(encoding="utf-8")
        start = text.rindex("\n", 0, text.index("{#" + SECTION + "}")) + 1
        box.write(path, text[:start] + text[text.index("\n#", start + 1) + 1:])
    lock = box.root / "translations.lock.yml"
    assert f"      {SECTION}:" in lock.read_text(encoding="utf-8")
    r = box.sop("i18n", "mark", "ar", "5")
    assert r.code == 0 and "no longer has, removed: " + SECTION in r.out, r.both
    after = lock.read_text(encoding="utf-8")
    assert after.count(f"      {SECTION}:") == 1  # the Kurdish one stays until the Kurdish chapter is marked


def test_the_lock_reads_alike_line_by_line_and_as_yaml_and_a_large_one_is_accepted(corpus_dir):
    from conftest import base_lock
    from sopkit.schema import read_translation_lock, read_translation_lock_lines
    from sopkit.yamldoc import MAX_YAML_CHARS, load_yaml

    text = base_lock()
    fast = read_translation_lock_lines(text, "translations.lock.yml", ("en", "ar", "ckb"))
    slow, found = read_translation_lock(load_yaml(text), "translations.lock.yml", ("en", "ar", "ckb"))
    assert fast == slow and fast.records and found == []
    edited = text.replace("    ar:\n", "    ar:   # reviewed by hand\n", 1)  # not as the tool writes it: YAML
    assert read_translation_lock_lines(edited, "translations.lock.yml", ("en", "ar", "ckb")) is None
    large = text + "".join(f'  "{n:02d}-gone":\n    ar:\n' + "".join(f'      s{i}: {{source: "{i:032x}"}}\n'
                                                                  for i in range(60))
                           for n in range(10, 99))  # records of chapters no longer there
    assert len(large) > MAX_YAML_CHARS
    for lock in (large, large.replace("    ar:\n", "    ar:  \n", 1)):
        root = corpus_dir({"translations.lock.yml": lock})
        assert [c for c, *_ in findings(root) if c.startswith(("L", "T"))] == []

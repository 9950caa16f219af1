"""translations.lock.yml: which source text each translated section follows, written by `sop i18n mark` only.

It lives beside sop.yml, not in the chapters, so that a translator's editor (or a CAT tool) never shows it and
never breaks it. Per source chapter (its file name without .md), language and unit (OPENING or a section id):
`source`, the fingerprint of the source unit the translation was brought up to date with (units.py), and
`blob`, the git blob id of the source chapter file at that moment, which lets `sop i18n status` show what has
changed in the source since, word by word. The file is written whole, in a fixed order, so that two marks of
the same state write the same bytes and a merge conflict in it is rare and easy to redo (mark again).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..diagnostics import UsageError
from ..model import Corpus, TranslationRecord
from ..revisions import run_git
from ..schema import LOCK_FORMAT
from ..writing import write_corpus_file
from .units import unit_ids

LOCK_FILE = "translations.lock.yml"
HEADER = ("# Which text of its source each translated section follows. Written by `sop i18n mark`; do not edit.\n"
          "# source: fingerprint of the source section's heading and text; blob: the git blob of the source\n"
          "# chapter file when the translation was marked (for `sop i18n status` to show what changed since).\n")


def render(corpus: Corpus, records: dict[tuple[str, str, str], TranslationRecord]) -> str:
    """The lock file's text for `records`: chapters by name, languages in the corpus's order, units in the order
    of the source chapter (units it no longer has, last, by name)."""
    order = {c.key: unit_ids(c) for c in corpus.chapters if c.is_source}
    langs = {lang: i for i, lang in enumerate(corpus.settings.languages)}
    out = [HEADER, f"format: {LOCK_FORMAT}\n", "chapters:\n" if records else "chapters: {}\n"]
    for chapter in sorted({k[0] for k in records}):
        out.append(f"  {_key(chapter)}:\n")
        known = {u: i for i, u in enumerate(order.get(chapter, []))}
        for lang in sorted({k[1] for k in records if k[0] == chapter}, key=lambda x: (langs.get(x, 99), x)):
            out.append(f"    {_key(lang)}:\n")
            units = [k[2] for k in records if k[0] == chapter and k[1] == lang]
            for unit in sorted(units, key=lambda u: (known.get(u, len(known)), u)):
                r = records[(chapter, lang, unit)]
                blob = f", blob: {json.dumps(r.blob)}" if r.blob else ""
                out.append(f"      {_key(unit)}: {{source: {json.dumps(r.fingerprint)}{blob}}}\n")
    return "".join(out)


def _key(text: str) -> str:
    """A mapping key as YAML reads it back: plain when it is a simple name, else quoted (JSON is YAML)."""
    simple = text.replace("-", "").replace("_", "").isalnum() and text.isascii() and text[:1].isalpha()
    return text if simple and text not in ("yes", "no", "on", "off", "true", "false", "null") else json.dumps(text)


def source_blob(corpus: Corpus, path: str) -> str | None:
    """The git blob id of the working-tree file `path` as it is now, stored in the repository's objects (as `git
    add` would) so that `sop i18n status` can read it back later; None outside a git repository or without git."""
    try:
        done = run_git(Path(corpus.root), "hash-object", "-w", "--", path)
    except UsageError:  # git is not installed: the record has no blob, and status shows no word diff
        return None
    blob = done.stdout.decode("ascii", "replace").strip()
    return blob if done.returncode == 0 and len(blob) == 40 else None


def write_lock(corpus: Corpus, text: str) -> None:
    """Write the lock file of the working-tree corpus (atomically; refused if it changed since it was read)."""
    path = Path(corpus.root) / LOCK_FILE
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError:
        old = b""  # unreadable: write_corpus_file refuses it, saying why
    loaded = next((f.text for f in corpus.files if f.path == LOCK_FILE), None)
    if old is not None and loaded is not None and old.decode("utf-8", "replace").lstrip("\ufeff") != loaded:
        raise UsageError(f"sop i18n mark wrote nothing: {LOCK_FILE} changed while it was running; run it again")
    write_corpus_file(path, LOCK_FILE, old, text.encode("utf-8"), "sop i18n mark")


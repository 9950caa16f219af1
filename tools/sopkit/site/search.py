"""Search on the published site: one compact index for every language, folded as the project folds text, with
the reader's language first.

Material for MkDocs searches with lunr.js in a web worker. This module adapts it, without forking it:

- **Folding.** The index names the lunr language `folded` (config.lang), Material's way of adding a language:
  `assets/javascripts/lunr/min/lunr.folded.min.js` (overrides/) folds every indexed word and every query term
  with a table written into it here, at build time, from `sopkit.normalize.fold` itself: one source of truth.
  The site's worker carries it (Material would import it, with lunr's stemmer support, as two more requests
  at every page load: slow on a poor connection, and cut short when the reader moves on). The text itself stays as written, so the result snippets and their highlights show it unchanged.
- **The reader's language first.** The site's worker is a short step before Material's own worker (which the
  build appends to it), written once per language with that language in it (`workers/sop-search.js` for the
  source language, `workers/sop-search.ar.js`, …); each page's `__config` points Material at its language's.
  The step boosts the documents of the reader's site. (The language cannot ride on the worker's address as a
  query or fragment: Chromium gave a worker started from its cache the address without them.) A
  chapter not translated yet is shown in a language's site in the source language (with a notice): it is that
  site's page, so it is boosted as the reader's language too.
- **Size.** The index is written once for all languages, in UTF-8 without escapes and without blanks. A
  section whose title and text are the same as in the source language (a stand-in for a chapter not
  translated yet) is written as `{"location": …, "same_as": <the source location>}`; the worker restores it in
  the reader's own site and drops it from the others (where the source-language page already has it).
- **Offline.** `search/search_index.js` holds the same index as a script (`var __index = …`): Material reads it
  instead of fetching the JSON when the site is opened from `file://`.

mkdocs-static-i18n builds the languages one after another and writes the merged index at the end of the
first language's build; `write_site_search` must run after that (the plugin calls it last).

Example:
    >>> index = {"config": {"lang": ["en"], "separator": "[\\\\s\\\\-]+", "pipeline": [], "fields": {}},
    ...          "docs": [{"location": "a/", "title": "A", "text": "x"},
    ...                   {"location": "ar/a/", "title": "A", "text": "x"}]}
    >>> compact_index(index, "en", ["en", "ar"])["docs"][1]
    {'location': 'ar/a/', 'same_as': 'a/'}
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..normalize import fold

LANGUAGE = "folded"  # the lunr language of the index: Material's worker loads lunr/min/lunr.folded.min.js
LANGUAGE_SCRIPT = "assets/javascripts/lunr/min/lunr.folded.min.js"
WORKER = "assets/javascripts/workers/sop-search.js"  # the source language's; sop-search.ar.js for Arabic
INDEX_JSON = "search/search_index.json"
INDEX_SCRIPT = "search/search_index.js"
# Words are split at white space and punctuation, Arabic punctuation included (، ؛ ؟ « »): with Material's
# default (white space and hyphens only) "(إفادة)" is one word and a search for إفادة misses it. A full stop
# splits only when no digit follows, so that 6.2 stays one word; escaped markup (&lt;) is no word.
SEPARATOR = r'[\s\-,:;!?=\[\]()"/«»،؛؟]+|\.(?!\d)|&(?:[lg]t|amp|quot|#39);'
# Material's pipeline option as set by the search plugin, plus a trimmer of punctuation left at a word's ends
# (the folded language's trimmer keeps letters of every script; lunr's own would erase Arabic words).
TRIMMER = "trimmer"
_TABLE_MARK = re.compile(r"\{\}\s*/\* sopkit: fold table \*/")
_READER_MARK = re.compile(r'""\s*/\* sopkit: reader language \*/')
_MATERIAL_WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js")
_CONFIG_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """What `fold` does to each character it changes (a letter form, a mark it deletes, a digit), found by
    folding every character: the table the site's search folds with in the browser.

    White space is left out: it separates words before any folding (Material splits at it), and `fold`
    collapses it, which no character table can do.
    """
    table: dict[str, str] = {}
    chars = [chr(c) for c in range(0x110000) if not (0xD800 <= c <= 0xDFFF) and not chr(c).isspace()]
    step = 4096
    for start in range(0, len(chars), step):  # in batches joined by a character fold keeps: 1.1 M calls take 1 s
        batch = chars[start:start + step]
        folded = fold("|".join(batch)).split("|")
        if len(folded) != len(batch):  # a character folded into "|" or around it: take that batch one by one
            folded = [fold(ch) for ch in batch]
        for ch, image in zip(batch, folded):
            if image != ch:
                table[ch] = image
    return table


def language_script(template: str) -> str:
    """The folded lunr language (overrides/…/lunr.folded.min.js) with the fold table written in."""
    table = json.dumps(fold_table(), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    script, count = _TABLE_MARK.subn(lambda _: table, template, count=1)
    if count != 1:
        raise ValueError(f"{LANGUAGE_SCRIPT}: no `{{}} /* sopkit: fold table */` to write the fold table into")
    return script


def worker_path(lang: str, source: str) -> str:
    """Where the site's search worker for readers of `lang` is, from the site's root."""
    return WORKER if lang == source else WORKER.replace(".js", f".{lang}.js")


def worker_script(prelude: str, material_worker: str, language: str, reader: str) -> str:
    """The site's search worker for readers of `reader`: the reader's-language step, Material's worker (its
    source map comment dropped: its lines no longer match), then the folded language, so that the worker
    needs no other request (the step stops Material from importing it again)."""
    step, count = _READER_MARK.subn(lambda _: json.dumps(reader), prelude, count=1)
    if count != 1:
        raise ValueError(f"{WORKER}: no `\"\" /* sopkit: reader language */` to write the language into")
    body = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "", material_worker)
    return f"{step.rstrip()}\n;\n{body.rstrip()}\n;\n{language.rstrip()}\n"


def with_reader_language(html: str, lang: str, source: str) -> str:
    """The page with its language's search worker in Material's `__config`."""
    path = worker_path(lang, source)
    return _CONFIG_WORKER.sub(lambda m: f"{m.group(1)}{m.group(2)}{path}{m.group(3)}", html, count=1)


def site_of(location: str, source: str, languages: list[str]) -> str:
    """The language whose site a location belongs to: its first folder when that is a language's, else the
    source language (at the root)."""
    first = location.split("/", 1)[0]
    return first if first in languages and first != source else source


def compact_index(index: dict, source: str, languages: list[str]) -> dict:
    """Material's merged index, for the site's worker: the folded language, the separator, and sections that
    only repeat the source language written as a reference to it."""
    config = dict(index["config"])
    pipeline = list(config.get("pipeline") or [])
    config.update(lang=[LANGUAGE], separator=SEPARATOR,
                  pipeline=pipeline if TRIMMER in pipeline else [TRIMMER, *pipeline],
                  sop={"source": source, "languages": list(languages)})
    originals = {doc["location"]: doc for doc in index["docs"] if site_of(doc["location"], source, languages) == source}
    docs = []
    for doc in index["docs"]:
        lang = site_of(doc["location"], source, languages)
        kept = {key: doc[key] for key in ("location", "title", "text", "tags", "boost") if key in doc}
        if lang != source:
            original = originals.get(doc["location"][len(lang) + 1:])
            if original is not None and all(original.get(k) == doc.get(k) for k in ("title", "text", "tags")):
                kept = {"location": doc["location"], "same_as": original["location"]}
        docs.append(kept)
    return {"config": config, "docs": docs}


def encode(index: dict) -> str:
    """The index as compact JSON: UTF-8 text as written (no \\u escapes), no blanks, the same bytes every build."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def write_site_search(site_dir: str | Path, theme_dirs: list[str], source: str, languages: list[str]) -> dict:
    """Rewrite the built site's search (after every language is built): the compact index as JSON and as a
    script, the folded lunr language with its table, the site's worker. Returns the sizes in bytes, before
    and after, for the build's log."""
    site = Path(site_dir)
    index_path = site / INDEX_JSON
    before = index_path.stat().st_size
    index = compact_index(json.loads(index_path.read_text(encoding="utf-8")), source, languages)
    data = encode(index)
    index_path.write_text(data, encoding="utf-8")
    (site / INDEX_SCRIPT).write_text(f"var __index = {data};\n", encoding="utf-8")
    overrides = Path(__file__).resolve().parent / "overrides"
    language = language_script((overrides / LANGUAGE_SCRIPT).read_text(encoding="utf-8"))
    (site / LANGUAGE_SCRIPT).write_text(language, encoding="utf-8")  # where Material would import it from
    prelude = (overrides / WORKER).read_text(encoding="utf-8")
    material = _material_worker(theme_dirs).read_text(encoding="utf-8")
    for lang in languages:
        (site / worker_path(lang, source)).write_text(worker_script(prelude, material, language, lang),
                                                      encoding="utf-8")
    return {"before": before, "after": len(data.encode("utf-8"))}


def _material_worker(theme_dirs: list[str]) -> Path:
    for folder in theme_dirs:
        workers = Path(folder) / "assets" / "javascripts" / "workers"
        found = sorted(p for p in workers.glob("search.*.min.js") if _MATERIAL_WORKER.fullmatch(p.name))
        if found:
            return found[0]
    raise FileNotFoundError("Material for MkDocs' search worker (assets/javascripts/workers/search.*.min.js) is "
                            "in none of the theme's folders")

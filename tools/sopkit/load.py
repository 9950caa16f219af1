"""Load the corpus once, from the working tree or a git revision, into the immutable model.

Loading never raises on content: a file that cannot be read or parsed yields diagnostics (L001-L006, V007)
and the rest is still loaded. Only a missing folder or an unknown revision raises `UsageError`.

Example:
    >>> corpus, diagnostics = load_corpus(".")            # the working tree
    >>> corpus, diagnostics = load_corpus(".", rev="wg-3")  # the draft tagged wg-3
    >>> corpus.laws["iq/law-28-2012"].text("en").provision("6.1").label
    'First'
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from . import parallel, parsecache
from .blocks import parse_blocks, split_front_matter
from .diagnostics import Diagnostic, UsageError, diagnostic
from .encoding import BOM, NotUtf8, decode_utf8
from .model import Block, Chapter, Corpus, Law, LawText, Provision, Section, Settings, TextFile, TranslationLock
from .parsecache import ParseCache, open_cache
from .schema import JURISDICTIONS, read_front_matter, read_glossary, read_law_meta, read_settings, \
    read_translation_lock, read_translation_lock_lines
from .source import CORPUS_DIRS, open_source
from .visible import UNSAFE, show, shown
from .yamldoc import MAX_YAML_CHARS, YamlProblem, load_yaml

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_LINE_CHARS = 100_000

# \Z, not $: `$` also matches before a final line break, which let "05-investigation.md\n" pass as a chapter
CHAPTER_FILE = re.compile(r"^(?P<num>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[a-z]{2,3}))?\.md\Z")
LAW_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
SOP_ASSET_DIRS = ("assets",)


def load_corpus(root: str | Path, rev: str | None = None, progress=None,
                memo: dict | None = None, cache: bool = True) -> tuple[Corpus, list[Diagnostic]]:
    """Load the corpus under `root` (at git revision `rev` if given). Returns the model and load diagnostics.

    `progress`, if given, is called as progress(files_read, files_total) while files are read. `memo`, a dict
    kept between calls, lets a file whose bytes did not change reuse what it parsed to last time (the same
    objects, so that passes can reuse their own results too). With `cache`, what files parse to is also kept
    between runs in the user's cache folder (parsecache.py; `SOP_CACHE_DIR=off` switches it off).
    """
    root = Path(root)
    with open_source(root, rev) as source:
        entries = source.entries()
        if not any(e.path in CORPUS_DIRS for e in entries):
            where = f"{root} at revision {rev}" if rev else str(root)
            raise UsageError(f"no SOP corpus in {where}: expected sop/ and laws/ folders "
                             "(pass --root with the folder that holds them)")
        stored = open_cache(root) if cache else None
        loader = _Loader(source, progress, sum(e.kind == "file" for e in entries), memo, stored)
        corpus, diagnostics = loader.load(entries, str(root), rev)
    if stored is not None and stored.written:
        stored.prune()
    if memo is not None:  # forget files that are gone or changed
        for key in [k for k in memo if k not in loader.seen]:
            del memo[key]
    return corpus, diagnostics


def _numbered_as_sources(chapters: list[Chapter]) -> list[Chapter]:
    """The chapters, each translation's sections numbered as the same sections of its source: a translation
    that lacks a section (not translated yet) must not renumber the ones after it, which every label, link and
    heading in every language names by the source's number."""
    sources = {(c.number, c.slug): c for c in chapters if c.is_source}
    out = []
    for chapter in chapters:
        source = sources.get((chapter.number, chapter.slug))
        if chapter.is_source or source is None:
            out.append(chapter)
            continue
        sections = tuple(s._replace(number=source.section(s.id).number)
                         if s.id and source.section(s.id) is not None else s for s in chapter.sections)
        out.append(chapter if sections == chapter.sections else dataclasses.replace(chapter, sections=sections))
    return out


def chapter_from_text(path: str, text: str, settings: Settings) -> Chapter | None:
    """The chapter a text would be at `path` (sop/<nn>-<slug>[.<lang>].md), parsed alone: an earlier version of
    a chapter read back from git. None when `path` is not a chapter's; its findings are not reported."""
    m = CHAPTER_FILE.match(PurePosixPath(path).name)
    if m is None:
        return None
    lang = m["lang"] or settings.source_language
    loader = _Loader(None)
    loader.settings = settings
    return loader.parse_chapter(path, int(m["num"]), m["slug"], lang, lang == settings.source_language, text)


def settings_from_text(data: bytes | None) -> Settings:
    """The settings `sop.yml` holds (its bytes as stored in a revision), the defaults when there is none or it
    cannot be read (its findings are `sop check`'s to report)."""
    if data is None:
        return Settings()
    loader = _Loader(None)
    try:
        return loader.parse_settings(data.decode("utf-8")) or Settings()
    except UnicodeDecodeError:
        return Settings()


class _Loader:
    def __init__(self, source, progress=None, total: int = 0, memo: dict | None = None,
                 cache: ParseCache | None = None):
        self.source = source
        self.progress, self.total, self.done = progress, total, 0
        self.memo, self.seen = memo, set()
        self.store = memo if memo is not None else {}  # parsed files by fingerprint and by content
        self.cache = cache
        self.ready: dict = {}  # (path, lang, kind) -> (TextFile, result, diagnostics), read or parsed ahead
        self.diagnostics: list[Diagnostic] = []
        self.files: list[TextFile] = []
        self.settings = Settings()

    def report(self, code: str, path: str, line: int, col: int, message: str, hint: str) -> None:
        self.diagnostics.append(diagnostic(code, path, line, col, message, hint))

    def load(self, entries, root: str, rev: str | None) -> tuple[Corpus, list[Diagnostic]]:
        entries = self.readably_named(entries)
        for e in entries:
            if e.kind == "symlink":
                self.report("V007", e.path, 1, 1, "symbolic link inside the corpus; it is not followed",
                            "replace the link with the file or folder itself (git rm the link, copy the target)")
        files = [e.path for e in entries if e.kind == "file"]
        dirs = {e.path for e in entries if e.kind == "dir"}
        if "sop.yml" in files:
            self.settings = self.parsed("sop.yml", None, ("settings",)) or Settings()
        chapter_jobs = self.chapter_files([f for f in files if f.startswith("sop/")])
        law_plans = self.law_files([f for f in files if f.startswith("laws/")], dirs)
        self.prepare(chapter_jobs + [job for plan in law_plans for job in plan[2]])
        chapters = _numbered_as_sources([c for c in (self.parsed(*job) for job in chapter_jobs) if c is not None])
        laws = {}
        for plan in law_plans:
            law = self.load_law(*plan)
            laws[law.id] = law
        glossary = self.parsed("glossary.yml", None, ("glossary", self.settings.languages)) \
            if "glossary.yml" in files else None
        lock = self.parsed("translations.lock.yml", None, ("lock", self.settings.languages)) \
            if "translations.lock.yml" in files else None
        corpus = Corpus(root, rev, self.settings, MappingProxyType(laws), tuple(chapters), tuple(self.files),
                        glossary or (), lock or TranslationLock())
        return corpus, self.diagnostics

    def readably_named(self, entries) -> list:
        """The entries whose path holds no control or invisible character (a line break, ESC, U+202E ...). Each
        other one is an L004 and is not read: its findings would print across lines or reordered, and no chapter
        or law is named so. Only the outermost such name is reported; what lies under it is left out with it."""
        kept, refused = [], set()
        for e in entries:
            if not UNSAFE.search(e.path):
                kept.append(e)
                continue
            parts = PurePosixPath(e.path).parts
            if not any("/".join(parts[:k]) in refused for k in range(1, len(parts))):
                what = {"dir": "folder", "symlink": "link"}.get(e.kind, "file")
                chars = ", ".join(dict.fromkeys(shown(c) for c in UNSAFE.findall(parts[-1])))
                self.report("L004", e.path, 1, 1, f"the {what} name '{show(parts[-1])}' holds a control or "
                            f"invisible character ({chars}); it is not read",
                            "rename it with letters, digits, hyphens and dots only (chapters are named like "
                            "05-investigation.md)")
            refused.add(e.path)
        return kept

    # -- reading -----------------------------------------------------------------------------------------

    def parsed(self, path: str, lang: str | None, kind: tuple):
        """What one file parses to (see `parse`), its diagnostics reported and its text kept."""
        job = (path, lang, kind)
        if job not in self.ready:
            self.prepare([job])
        text_file, result, diagnostics = self.ready.pop(job)
        self.diagnostics += diagnostics
        if text_file is not None:
            self.files.append(text_file)
        return result

    def prepare(self, jobs: list[tuple]) -> None:
        """Read, decode and parse the files `jobs` name (path, language, kind), or reuse what they gave before.

        Reuse is keyed first by the file's fingerprint (size, modification time and inode, or a git blob id),
        so that an unchanged file is not even read in a check session, then by a hash of its bytes: in this
        process (`memo`), then in the user's parse cache. The files left are parsed in forked workers when they
        are many. The diagnostics reported while decoding and parsing are kept with the result and reported
        again on reuse.
        """
        todo = []
        for job in jobs:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total)
            quick = (*job, "fingerprint", self.source.fingerprint(job[0])) if self.memo is not None else None
            hit = self.store.get(quick)
            if hit is None:
                data = self.source.read(job[0])
                digest = hashlib.blake2b(data, digest_size=16).digest()
                key = (*job, len(data), digest)
                hit = self.store.get(key)
                if hit is None and self.cache is not None:
                    name = self.cache.key(*job, self.settings.source_language, self.settings.languages, len(data),
                                          digest.hex())
                    hit = self.stored(job, data, self.cache.get(name))
                    if hit is None:
                        todo.append((job, data, key, quick, name))
                        continue
                elif hit is None:
                    todo.append((job, data, key, quick, None))
                    continue
                self.store[key] = hit
                self.seen.add(key)
            self.keep(job, quick, hit)
        if parallel.workers_for(len(todo)):
            payloads = parallel.map_items(self.parse_elsewhere, todo)
        else:
            payloads = [None] * len(todo)
        for (job, data, key, quick, name), payload in zip(todo, payloads):
            hit = self.stored(job, data, payload) if payload is not None else None
            if hit is None:
                hit = self.parse_here(job, data)
                if name is not None:
                    payload = self.payload(hit)
                    if payload is not None:
                        self.cache.put(name, payload)
            self.store[key] = hit
            self.seen.add(key)
            self.keep(job, quick, hit)

    def keep(self, job: tuple, quick, hit: tuple) -> None:
        if quick is not None:
            self.store[quick] = hit
            self.seen.add(quick)
        self.ready[job] = hit

    def parse_here(self, job: tuple, data: bytes) -> tuple:
        """(TextFile or None, parse result, diagnostics) of one file, parsed in this process."""
        path, lang, kind = job
        start = len(self.diagnostics)
        text = self.decode(path, data)
        result = self.parse(path, lang, kind, text) if text is not None else None
        text_file = TextFile(path, text, lang, data.startswith(BOM)) if text is not None else None
        diagnostics = tuple(self.diagnostics[start:])
        del self.diagnostics[start:]
        return text_file, result, diagnostics

    def parse_elsewhere(self, item: tuple) -> str | None:
        """In a forked worker: one file of `prepare`'s list parsed, as the JSON text of the parse cache (stored
        there by the worker itself), or None when its result has no data form."""
        job, data, _, _, name = item
        payload = self.payload(self.parse_here(job, data))
        if payload is not None and name is not None:
            self.cache.put(name, payload)
        return payload

    @staticmethod
    def payload(hit: tuple) -> str | None:
        """A parsed file's result and diagnostics as the parse cache's JSON text, None if it has no data form."""
        text_file, result, diagnostics = hit
        lines = text_file.text.split("\n") if text_file is not None else None
        try:
            return parsecache.dumps((text_file is not None, result, diagnostics), lines)
        except (parsecache.Unstorable, ValueError, RecursionError):
            return None

    def stored(self, job: tuple, data: bytes, payload: str | None) -> tuple | None:
        """The (TextFile, result, diagnostics) of a file from the parse cache's JSON text, or None when there is
        none or it is not one (the file is then parsed again, and its entry rewritten)."""
        if payload is None:
            return None
        path, lang, _ = job
        try:
            text = decode_utf8(data)
        except NotUtf8:
            text = None
        try:
            value = parsecache.loads(payload, text.split("\n") if text is not None else None)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None
        if not (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], bool)
                and (text is not None or not value[0])
                and isinstance(value[2], tuple) and all(isinstance(d, Diagnostic) for d in value[2])):
            return None
        text_file = TextFile(path, text, lang, data.startswith(BOM)) if value[0] else None
        return text_file, value[1], value[2]

    def parse(self, path: str, lang: str | None, kind: tuple, text: str):
        """The model of one decoded file, by the kind the loader gave it: the settings, a chapter, a law's
        law.yml or one language text of a law."""
        if kind[0] == "settings":
            return self.parse_settings(text)
        if kind[0] == "lock" and (lock := read_translation_lock_lines(text, path, kind[1])) is not None:
            return lock  # as `sop i18n mark` wrote it; anything else is read as YAML, which says what is wrong
        if kind[0] in ("glossary", "lock"):
            doc = self.yaml(text, path, max_chars=MAX_FILE_BYTES if kind[0] == "lock" else MAX_YAML_CHARS)
            if doc is None:
                return None
            read = read_glossary if kind[0] == "glossary" else read_translation_lock
            value, diagnostics = read(doc, path, kind[1])
            self.diagnostics += diagnostics
            return value
        if kind[0] == "chapter":
            _, num, slug, is_source, _ = kind
            return self.parse_chapter(path, num, slug, lang, is_source, text)
        if kind[0] == "law.yml":
            return self.parse_law_meta(path, text)
        return self.parse_law_text(path, lang, text)

    def parse_settings(self, text: str):
        doc = self.yaml(text, "sop.yml")
        if doc is None:
            return None
        settings, diags = read_settings(doc, "sop.yml")
        self.diagnostics += diags
        return settings

    def decode(self, path: str, data: bytes) -> str | None:
        if len(data) > MAX_FILE_BYTES:
            self.report("L005", path, 1, 1, f"file of {len(data):,} bytes is larger than the "
                        f"{MAX_FILE_BYTES:,} accepted; it was not read", "split it into smaller files")
            return None
        try:
            text = decode_utf8(data)
        except NotUtf8 as exc:
            line = data.count(b"\n", 0, exc.offset) + 1
            line_start = data.rfind(b"\n", 0, exc.offset) + 1
            col = len(data[line_start:exc.offset].decode("utf-8", "replace")) + 1
            self.report("L003", path, line, col, exc.message, exc.hint + "; the file was not read")
            return None
        lengths = list(map(len, text.split("\n")))  # linear; a regex for a long line is quadratic in line length
        if max(lengths) > MAX_LINE_CHARS:
            n = next(i for i, length in enumerate(lengths, 1) if length > MAX_LINE_CHARS)
            self.report("L005", path, n, 1, f"line of {lengths[n - 1]:,} characters is longer than the "
                        f"{MAX_LINE_CHARS:,} accepted; the file was not parsed", "break the line")
            return None
        return text

    def yaml(self, text: str, path: str, first_line: int = 1, max_chars: int = MAX_YAML_CHARS):
        """The YAML of `path`, which starts on `first_line` of the file (its lines are the file's), or None."""
        try:
            return load_yaml(text, first_line, max_chars)
        except YamlProblem as p:
            self.report("L001", path, p.line, p.column, p.message, p.hint)
            return None

    # -- SOP chapters ------------------------------------------------------------------------------------

    def chapter_files(self, paths: list[str]) -> list[tuple]:
        """The chapter files to read, in the order of the corpus, as (path, language, kind): the others are
        reported (L004). The kind holds what the chapter's parse depends on besides its text."""
        langs = self.settings.languages
        named = []
        for path in paths:
            parts = PurePosixPath(path).parts
            name = parts[-1]
            if name.startswith(("_", ".")) or any(p.startswith(("_", ".")) for p in parts[1:-1]):
                continue
            if len(parts) > 2:
                if parts[1] not in SOP_ASSET_DIRS:
                    self.report("L004", path, 1, 1, "file in a sub-folder of sop/ is not read",
                                "chapters live directly in sop/; images and other files go in sop/assets/")
                continue
            m = CHAPTER_FILE.match(name)
            if not m:
                if name.endswith(".md"):
                    self.report("L004", path, 1, 1, f"'{name}' is not a chapter file name",
                                "name chapters <nn>-<slug>.md or <nn>-<slug>.<lang>.md, e.g. 05-investigation.ar.md")
                else:
                    self.report("L004", path, 1, 1, f"'{name}' is not part of the SOP and is not read",
                                "move it to sop/assets/ or out of sop/")
                continue
            lang = m["lang"] or self.settings.source_language
            if lang not in langs:
                self.report("L004", path, 1, 1, f"unknown language '{lang}' in the file name",
                            f"the languages are {', '.join(langs)} (set in sop.yml)")
                continue
            if m["lang"] == self.settings.source_language:
                self.report("L004", path, 1, 1, f"'.{lang}' names the source language",
                            f"the source chapter is named without a language: {m['num']}-{m['slug']}.md")
                continue
            named.append((path, int(m["num"]), m["slug"], lang, m["lang"] is None))
        sources = {(num, slug) for _, num, slug, _, is_source in named if is_source}
        jobs = []
        for path, num, slug, lang, is_source in sorted(named, key=lambda n: (n[1], not n[4], n[3])):
            if not is_source and (num, slug) not in sources:
                self.report("L004", path, 1, 1, "translation without a source chapter",
                            f"add sop/{num:02d}-{slug}.md, or rename this file to match its source")
                continue
            jobs.append((path, lang, ("chapter", num, slug, is_source, langs)))
        return jobs

    def parse_chapter(self, path, num, slug, lang, is_source, text) -> Chapter:
        fm = split_front_matter(text)
        fields: dict = {}
        if fm.unclosed:
            self.report("L001", path, 1, 1, "front matter is not closed",
                        "end the front matter with a line holding only '---'")
        elif fm.text is None:
            self.report("L002", path, 1, 1, "chapter has no front matter",
                        "start the file with ---, id, title, status and reviewed, then ---")
        elif (doc := self.yaml(fm.text, path, fm.line)) is not None:
            fields, diags = read_front_matter(doc, path, self.settings.languages)
            self.diagnostics += diags
        body = fm.body if not fm.unclosed else text
        blocks = parse_blocks(body)
        lines = body.split("\n")
        headings = blocks.headings
        first_line = headings[0].line - 1 if headings else len(lines)
        exact = body.count("\r") == body.count("\r\n")  # the parser numbers lines as `lines` does
        intro_blocks, k = _blocks_in(blocks.blocks, 0, 1, first_line, lines, exact)
        sections = []
        counters: list[int] = []
        for j, (h, text_of, text_line) in enumerate(_with_text(headings, lines)):
            depth = max(h.level - 1, 1)  # ## is 5.1, ### is 5.1.1
            if len(counters) >= depth:
                counters = counters[:depth]
                counters[-1] += 1
            else:
                counters = counters + [1] * (depth - len(counters))
            last = headings[j + 1].line - 1 if j + 1 < len(headings) else len(lines)
            section_blocks, k = _blocks_in(blocks.blocks, k, h.end_line + 1, last, lines, exact)
            sections.append(Section(h.id, h.text, h.level, h.line, h.column, h.id_column, text_of, text_line,
                                    number=(num,) + tuple(counters), blocks=section_blocks))
        return Chapter(path=path, number=num, slug=slug, lang=lang, is_source=is_source, id=fields.get("id"),
                       title=fields.get("title"), status=fields.get("status"), reviewed=fields.get("reviewed"),
                       intro="\n".join(lines[:first_line]).strip("\n"), sections=tuple(sections),
                       code_lines=blocks.code, intro_blocks=intro_blocks,
                       front_matter_positions=MappingProxyType(fields.get("positions", {})))

    # -- laws --------------------------------------------------------------------------------------------

    def law_files(self, paths: list[str], dirs: set[str]) -> list[tuple]:
        """The law folders to read, each as (law id, folder, the files to read as (path, language, kind), whether
        it has a law.yml); what is not a law's file is reported (L004, V005)."""
        folders: dict[str, list[str]] = {}
        for path in paths:
            parts = PurePosixPath(path).parts
            if any(p.startswith(".") for p in parts):
                continue
            if len(parts) != 4:
                self.report("L004", path, 1, 1, "file outside a law folder is not read",
                            "laws live in laws/<jurisdiction>/<slug>/ as law.yml and <lang>.md")
                continue
            folders.setdefault("/".join(parts[:3]), []).append(parts[3])
        for d in sorted(d for d in dirs if d.startswith("laws/")):  # sop/assets/ and the like are not law folders
            parts = PurePosixPath(d).parts
            if len(parts) == 2 and parts[1] not in JURISDICTIONS and not parts[1].startswith("."):
                self.report("L004", d, 1, 1, f"unknown jurisdiction folder '{parts[1]}'",
                            f"the jurisdictions are {', '.join(JURISDICTIONS)}")
            if len(parts) == 3 and d not in folders and not any(p.startswith(".") for p in parts):
                self.report("L004", d, 1, 1, "law folder holds no law.yml and no text",
                            "add law.yml and at least one <lang>.md, or remove the folder")
        plans = [self.law_plan(folder, sorted(names)) for folder, names in sorted(folders.items())]
        return [plan for plan in plans if plan is not None]

    def law_plan(self, folder: str, names: list[str]) -> tuple | None:
        """One law folder's entry of `law_files`, None when its jurisdiction is unknown (reported for the
        folder once)."""
        _, jurisdiction, slug = folder.split("/")
        if jurisdiction not in JURISDICTIONS:
            return None
        if not LAW_SLUG.match(slug):
            self.report("V005", folder, 1, 1, f"law folder '{slug}' is not a well-formed id",
                        "use lower-case ASCII letters, digits and hyphens, e.g. law-28-2012")
        jobs = []
        if "law.yml" in names:
            jobs.append((f"{folder}/law.yml", None, ("law.yml", self.settings.languages)))
        else:
            self.report("L004", folder, 1, 1, "law folder has no law.yml",
                        "add law.yml with id, type, jurisdiction, year, title, authoritative and text_status")
        for name in names:
            if name == "law.yml":
                continue
            lang = name[:-3] if name.endswith(".md") else None
            if lang not in self.settings.languages:
                self.report("L004", f"{folder}/{name}", 1, 1, f"'{name}' is not a law file and is not read",
                            f"a law folder holds law.yml and <lang>.md for {', '.join(self.settings.languages)}")
                continue
            jobs.append((f"{folder}/{name}", lang, ("law text",)))
        return f"{jurisdiction}/{slug}", folder, jobs, "law.yml" in names

    def load_law(self, law_id: str, folder: str, jobs: list[tuple], has_meta: bool) -> Law:
        meta = self.parsed(*jobs[0]) if has_meta else None
        texts = {}
        for job in jobs[1:] if has_meta else jobs:
            law_text = self.parsed(*job)
            if law_text is not None:
                texts[job[1]] = law_text
        if not texts and has_meta:
            self.report("L004", f"{folder}/law.yml", 1, 1, "law has no text file",
                        "add the text as <lang>.md, e.g. ar.md, with its provisions as headings")
        return self.law_object(law_id, folder, meta, texts)

    def law_object(self, law_id: str, folder: str, meta, texts: dict) -> Law:
        """The Law, the same object as last time when its parts are (so that passes can reuse their results)."""
        if self.memo is None:
            return Law(law_id, folder, meta, MappingProxyType(texts))
        key = ("law", folder)
        self.seen.add(key)
        old = self.memo.get(key)
        if old is not None and old.id == law_id and old.meta is meta and old.texts.keys() == texts.keys() \
                and all(old.texts[lang] is text for lang, text in texts.items()):
            return old
        self.memo[key] = law = Law(law_id, folder, meta, MappingProxyType(texts))
        return law

    def parse_law_meta(self, path: str, text: str):
        doc = self.yaml(text, path)
        if doc is None:
            return None
        meta, diags = read_law_meta(doc, path, self.settings.languages)
        self.diagnostics += diags
        return meta

    def parse_law_text(self, path: str, lang: str, text: str) -> LawText:
        blocks = parse_blocks(text)
        lines = text.split("\n")
        headings = list(blocks.headings)
        title = None
        title_line = 1
        if headings and headings[0].level == 1:
            title, title_line = headings[0].text, headings[0].line
        provisions = tuple(
            Provision(h.id, h.text, h.level, h.line, h.column, h.id_column, body, body_line)
            for h, body, body_line in _with_text(headings, lines)
            if not (h is headings[0] and title is not None)
        )
        return LawText(path, lang, title, title_line, provisions)


def _with_text(headings, lines: list[str]):
    """Each heading with the text under it (up to the next heading) and that text's first line."""
    for i, h in enumerate(headings):
        end = headings[i + 1].line - 1 if i + 1 < len(headings) else len(lines)
        yield h, "\n".join(lines[h.end_line:end]).strip("\n"), h.end_line + 1


def _blocks_in(spans, k: int, first: int, last: int, lines: list[str],
               exact: bool = True) -> tuple[tuple[Block, ...], int]:
    """The blocks of lines `first`..`last` (1-based), read from the parser's top-level blocks `spans` from index
    `k` on (headings are the sections' own), and the index to go on from.

    Every non-blank line of the range is in exactly one block: the parser's blocks hold them all. Only where it
    numbers lines otherwise than `lines` does (not `exact`: a lone CR is a line break to CommonMark, and V012) is
    a block cut at the range's ends and at blank lines there, and the lines no block holds are kept as a block
    of their own, so that no reader of the blocks loses text."""
    out: list[Block] = []
    covered = first - 1
    count = len(spans)
    while k < count:
        kind, start, end = spans[k]
        if start > last:
            break
        k += 1
        if kind == "heading" or end < first:
            continue
        if not exact:
            start, end = max(start, first, covered + 1), min(end, last, len(lines))
            while start <= end and not lines[start - 1].strip(" \t\r"):
                start += 1
            while end >= start and not lines[end - 1].strip(" \t\r"):
                end -= 1
            if start > end:
                continue
            if start > covered + 1:
                _left_out(out, lines, covered + 1, start - 1)
            covered = end
        out.append(Block(kind, start, end, lines[start - 1] if start == end else "\n".join(lines[start - 1:end])))
    if not exact and covered < last:
        _left_out(out, lines, covered + 1, last)
    return tuple(out), k


def _left_out(out: list[Block], lines: list[str], first: int, last: int) -> None:
    """The non-blank lines among `first`..`last` that no block holds, as one block (see `_blocks_in`)."""
    held = [n for n in range(first, min(last, len(lines)) + 1) if lines[n - 1].strip(" \t\r")]
    if held:
        out.append(Block("paragraph", held[0], held[-1], "\n".join(lines[held[0] - 1:held[-1]])))

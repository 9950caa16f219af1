"""`sop import law`: read a published law, make its corpus files in a temporary folder, check them there, show
what would change, and write only when asked.

The steps, each its own module: source.read_source (the file's lines), layout.recognise (articles,
paragraphs, points and what is not a provision), render (the `<lang>.md` and, for a new law, `law.yml`), then
here: the staged copy checked with the passes of `sop check`, the diff against the text already in the corpus,
and the atomic write.

Example:
    >>> plan = plan_import(Path("."), Path("law-11-2016.txt"), "iq/law-11-2016", "ar", official=True)
    >>> print(plan.summary())
    laws/iq/law-11-2016/ar.md (new): 1 article(s), 5 paragraph(s), 0 point(s) ...
    >>> write_import(plan)
    ['laws/iq/law-11-2016/law.yml', 'laws/iq/law-11-2016/ar.md']
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity, UsageError, diagnostic
from ..schema import LAW_ID, LAW_TYPES
from ..visible import WHITE_SPACE, show
from ..writing import Rewrite, os_failure, rewrite_all
from .layout import Layout, recognise
from .numbering import ascii_number
from .render import law_yml, render_text
from .source import SourceText, read_source

AUTHORITATIVE = {"iq": "ar", "iq-kr": "ckb", "un": "en"}  # the language of the official text, by jurisdiction
_SLUG = re.compile(r"(?P<type>[a-z]+)(?:-(?P<number>\d+))?-(?P<year>\d{4})\Z")
_YEAR = re.compile(r"(?:لسنة|لعام|of|ساڵی|سالی)\s*\(?\s*([0-9\u0660-\u0669]{4})", re.IGNORECASE)
_NUMBER_IN_TITLE = re.compile(r"(?:رقم|No\.?|ژمارە)\s*\(?\s*([0-9\u0660-\u0669]{1,4})\s*\)?", re.IGNORECASE)
_TITLE_START = re.compile(r"\s*(?:[^:]{1,20}:\s*)?((?:ال)?قانون|law|یاسای|ياساي)\b", re.IGNORECASE)


@dataclass
class ImportPlan:
    """What importing would do: the files to write, what they replace, and every finding."""

    root: Path
    law_id: str
    lang: str
    source: SourceText
    layout: Layout
    text: str  # the new <lang>.md
    old_text: str | None  # the text it replaces, None for a new file
    yml: str | None  # the new law.yml, None when the law exists
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return f"laws/{self.law_id}"

    @property
    def text_name(self) -> str:
        return f"{self.folder}/{self.lang}.md"

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    def writable(self) -> bool:
        """No error in the source or in the files to be written (errors in the law's other texts are the
        consequence to follow up, not a reason to keep the import out)."""
        mine = {self.source.path, self.text_name, f"{self.folder}/law.yml"}
        return not any(d.severity is Severity.ERROR and d.path in mine for d in self.diagnostics)

    def summary(self) -> str:
        """What was found and where it goes: the counts a reviewer checks against the source."""
        lay = self.layout
        state = "new" if self.old_text is None else ("unchanged" if self.old_text == self.text else "changed")
        lines = [f"{self.text_name} ({state}): {lay.count(2)} article(s), {lay.count(3)} paragraph(s), "
                 f"{lay.deeper(4)} point(s) and items below them; {len(lay.preamble)} preamble line(s), "
                 f"{len(lay.divisions)} division heading(s), {len(lay.end_matter)} line(s) after the last article "
                 f"(kept in the note); {self.unplaced()} line(s) kept as text out of sequence (I003)"]
        if self.yml is not None:
            lines.append(f"{self.folder}/law.yml (new):")
            lines += ["    " + line for line in self.yml.splitlines()]
        return "\n".join(lines)

    def unplaced(self) -> int:
        return sum(d.code == "I003" for d in self.diagnostics)

    def diff(self) -> str:
        """The unified diff of the text in the corpus against the imported one ("" for a new or unchanged one)."""
        if self.old_text is None or self.old_text == self.text:
            return ""
        lines = difflib.unified_diff(self.old_text.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                     f"{self.text_name} (in the corpus)", f"{self.text_name} (imported)", n=2)
        return show("".join(line if line.endswith("\n") else line + "\n" for line in lines), keep=WHITE_SPACE)


def plan_import(root: Path, file: Path, law_id: str, lang: str, title: str | None = None,
                official: bool = False) -> ImportPlan:
    """Everything `sop import law` would write, checked in a temporary folder; nothing in `root` changes."""
    from ..load import load_corpus

    if not LAW_ID.match(law_id):
        raise UsageError(f"'{law_id}' is not a law id: write <jurisdiction>/<slug>, e.g. iq/law-11-2016")
    corpus, _ = load_corpus(root)
    if lang not in corpus.settings.languages:
        raise UsageError(f"unknown language '{lang}': the corpus's languages are "
                         f"{', '.join(corpus.settings.languages)}")
    source = read_source(file)
    layout = recognise(source.lines, source.path, lang)
    diagnostics = source.diagnostics + layout.diagnostics
    if not layout.parts and not any(d.code == "I001" for d in diagnostics):
        diagnostics.append(diagnostic("I002", source.path, 1, 1, "no article found: no line starts with an article "
                                      "marker such as 'المادة ـ 1 ـ', 'المادة (1)', 'ماددەی ١' or 'Article 1'"
                                      + (" (the file is empty)" if not any(s.strip() for s in source.lines) else ""),
                                      "give the law's text as published, with its articles"))
    folder = root / "laws" / law_id
    law = corpus.laws.get(law_id)
    if law is None and folder.exists():
        raise UsageError(f"{folder} exists but holds no law the corpus can load: run sop check and repair it first")
    existing = law.texts.get(lang) if law is not None else None
    old_text = (folder / f"{lang}.md").read_text(encoding="utf-8") if existing is not None else None
    plan = ImportPlan(root, law_id, lang, source, layout, "", old_text, None, diagnostics)
    if not layout.parts:
        return plan
    title = _title(title, law, existing, lang, layout)
    meta = law.meta if law is not None else None
    number, year = _number_and_year(law_id, title, meta)
    plan.text = render_text(layout, _heading(title, number, year, lang, existing), lang, file.name, official)
    if law is None:
        plan.yml = _new_law_yml(law_id, lang, title, number, year, official, file.name)
    elif meta is not None and official and meta.text_status.get(lang) != "official":
        plan.notes.append(f"{law_id}/law.yml marks the {lang} text as '{meta.text_status.get(lang)}', and import "
                          f"does not change an existing law.yml: set text_status {lang}: official there if the "
                          "source is the Official Gazette")
    plan.diagnostics += _staged_check(plan)
    return plan


def _title(given: str | None, law, existing, lang: str, layout: Layout) -> str:
    """The law's title: --title, else the corpus's, else the first preamble line naming a law."""
    if given:
        return given.strip()
    if law is not None and law.meta is not None and law.meta.title.get(lang):
        return law.meta.title[lang]
    if existing is not None and existing.title:
        return existing.title
    for _, text in layout.preamble:
        m = _TITLE_START.match(text)
        if m and len(text.split()) >= 3:
            return text[m.start(1):].strip()
    raise UsageError("the law's title is not in the text: give it with --title, e.g. --title \"قانون ...\"")


def _number_and_year(law_id: str, title: str, meta) -> tuple[str | None, str]:
    if meta is not None:
        return meta.number, meta.year
    slug = _SLUG.match(law_id.split("/")[1])
    if slug:
        return slug["number"], slug["year"]
    year = _YEAR.search(title)
    if not year:
        raise UsageError(f"cannot tell the year of {law_id}: use an id such as iq/law-11-2016, or give a --title "
                         "that states it (\"... لسنة 2016\")")
    number = _NUMBER_IN_TITLE.search(title)
    return (ascii_number(number.group(1)) if number else None), ascii_number(year.group(1))


def _heading(title: str, number: str | None, year: str, lang: str, existing) -> str:
    """The text's level-1 heading: the one the corpus's text has, else the title with its number and year."""
    if existing is not None and existing.title:
        return existing.title
    from ..labels import label_data, numerals

    if not number or (number in title and year in title):
        return title
    names = label_data()["languages"].get(lang, label_data()["languages"]["en"])["name"]
    return names["titled_numbered"].format(title=title, number=numerals(number, lang), year=numerals(year, lang))


def _new_law_yml(law_id: str, lang: str, title: str, number, year, official: bool, source_name: str) -> str:
    """law.yml for a new law: what the id and the title say, and every other fact listed under verify."""
    jurisdiction, slug = law_id.split("/")
    kind = _SLUG.match(slug)
    law_type = kind["type"] if kind and kind["type"] in LAW_TYPES else ("treaty" if jurisdiction == "un" else "law")
    authoritative = AUTHORITATIVE[jurisdiction]
    status = "official" if official else ("translation" if lang != authoritative else "summary")
    verify = ["gazette", "dates.enacted", "status (in force, amended or repealed)",
              f"title in the languages other than {lang}"]
    if not (kind and kind["type"] in LAW_TYPES):
        verify.append("type")
    if jurisdiction != "iq":
        verify.append("authoritative (the language of the official text)")
    if not official:
        verify.append(f"text_status: the {lang} text was imported from {source_name}, not checked against the "
                      "Official Gazette; it stays a working text until it is")
    return law_yml(law_id, law_type, number, year, title, lang, authoritative, status, verify, source_name)


def _staged_check(plan: ImportPlan) -> list[Diagnostic]:
    """The checks of `sop check` (structure, text hygiene, markup) on the law's folder as it would be written,
    in a temporary copy: nothing in the corpus is touched."""
    from ..hygiene import check_text
    from ..load import load_corpus
    from ..publishable import check_markup
    from ..validate import validate

    with tempfile.TemporaryDirectory(prefix="sop-import-") as tmp:
        staged = Path(tmp)
        folder = staged / plan.folder
        folder.mkdir(parents=True)
        real = plan.root / plan.folder
        if real.is_dir():
            for item in real.iterdir():
                if item.is_file() and not item.is_symlink():
                    shutil.copyfile(item, folder / item.name)
        if (plan.root / "sop.yml").is_file():
            shutil.copyfile(plan.root / "sop.yml", staged / "sop.yml")
        if plan.yml is not None:
            (folder / "law.yml").write_text(plan.yml, encoding="utf-8")
        (folder / f"{plan.lang}.md").write_text(plan.text, encoding="utf-8")
        corpus, found = load_corpus(staged)
        for run in (validate, check_text, check_markup):
            found += run(corpus)
    return found


# -- writing -------------------------------------------------------------------------------------------------

def write_import(plan: ImportPlan) -> list[str]:
    """Write the plan's files atomically; returns their names. A new law's folder appears whole (built beside
    it, then renamed into place); a new text of an existing law is linked into place only if no file took its
    name meanwhile; an existing text is replaced by a rename, keeping its mode, and only if it still holds the
    text the plan was made from."""
    if not plan.writable():
        raise UsageError("nothing written: the imported text has errors (above); correct the source and import again")
    target = plan.root / plan.folder
    if target.is_symlink() or (target.parent.exists() and target.parent.is_symlink()):
        raise UsageError(f"refusing to write into {show(plan.folder)}: it is a symbolic link")
    data = plan.text.encode("utf-8")
    if plan.yml is not None:
        _new_folder(target, {"law.yml": plan.yml.encode("utf-8"), f"{plan.lang}.md": data}, plan.folder)
        return [f"{plan.folder}/law.yml", plan.text_name]
    path = target / f"{plan.lang}.md"
    if plan.old_text is None:
        _new_file(path, data, plan.text_name)
        return [plan.text_name]
    if plan.old_text == plan.text:
        return []
    try:
        for number in rewrite_all([Rewrite(path, plan.text_name, plan.old_text.encode("utf-8"), data)]):
            import signal

            signal.raise_signal(number)
    except UsageError as exc:
        raise UsageError(str(exc).replace("--fix", "sop import law")) from None
    return [plan.text_name]


def _synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _new_folder(target: Path, files: dict[str, bytes], name: str) -> None:
    if target.exists():
        raise UsageError(f"nothing written: {show(name)} appeared while importing; import again")
    staging = target.parent / f".{target.name}.sop-import-{secrets.token_hex(4)}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        for file, data in files.items():
            _synced(staging / file, data)
        os.rename(staging, target)  # fails, rather than merging, if a folder took the name meanwhile
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise os_failure(exc, name, "nothing written: cannot write") from None


def _new_file(path: Path, data: bytes, name: str) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        _synced(temp, data)
        os.link(temp, path)  # never over a file that appeared meanwhile
    except FileExistsError:
        raise UsageError(f"nothing written: {show(name)} appeared while importing; import again") from None
    except OSError as exc:
        raise os_failure(exc, name, "nothing written: cannot write") from None
    finally:
        temp.unlink(missing_ok=True)

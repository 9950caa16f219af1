"""`sop print`: check the corpus, then write one volume per language (sop.en.pdf, sop.ar.pdf, sop.ckb.pdf; or
.docx) with the SHA256SUMS manifest of what was written.

Nothing is written unless the whole edition succeeds: a check error stops it before anything is set, and the
volumes are written into a new folder beside the target that takes the target's place at the end. A target that
exists must be an edition written before (it holds SHA256SUMS) or an empty folder: anything else is refused
rather than emptied, as are the corpus's own folders.

Example:
    >>> printed = print_edition(".", "print", langs=["ar"], formats=["pdf"])
    >>> printed.files
    ['sop.ar.pdf']
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..check import check
from ..diagnostics import UsageError
from ..model import Corpus
from ..report import Report
from ..visible import show
from ..writing import check_replaceable_folder, new_folder_beside, put_in_place, write_output
from .info import EditionInfo, edition_info
from .manifest import MANIFEST, manifest_text
from .templates import template_path
from .volume import volume_document

FORMATS = ("pdf", "docx")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
FOLDER = "print"


@dataclass
class Printed:
    report: Report  # the check's findings
    folder: Path | None  # where the edition was written; None when nothing was
    files: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # file -> pages, for the PDFs


def volume_name(lang: str, fmt: str) -> str:
    return f"sop.{lang}.{fmt}"


def print_edition(root: str | Path, output: str | Path | None = None, langs: list[str] | None = None,
                  formats: list[str] | None = None, rev: str | None = None, progress=None) -> Printed:
    """Check the corpus at `root` (at `rev`) and, if it has no error, write its volumes into `output`."""
    root = Path(root)
    target = Path(output) if output is not None else root / FOLDER
    check_target(target, root)
    result = check(root, rev)
    if result.report.errors:
        return Printed(result.report, None)
    info = edition_info(root, rev, result.corpus)
    staging = new_folder_beside(target)
    try:
        files, pages = write_volumes(result.corpus, info, staging, root, langs, formats, progress)
        put_in_place(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return Printed(result.report, target, files, pages)


def write_volumes(corpus: Corpus, info: EditionInfo, folder: Path, root: Path, langs: list[str] | None = None,
                  formats: list[str] | None = None, progress=None) -> tuple[list[str], dict[str, int]]:
    """Write the volumes of `corpus` into `folder` (which exists), then their manifest; the names written and
    the number of pages of each PDF."""
    volumes = render_volumes(corpus, info, root, langs, formats, progress)
    for name, data in volumes.items():
        write_output(folder / name, data)
    write_output(folder / MANIFEST, manifest_text(volumes))
    return list(volumes), {name: page_count(data) for name, data in volumes.items() if name.endswith(".pdf")}


def render_volumes(corpus: Corpus, info: EditionInfo, root: Path, langs: list[str] | None = None,
                   formats: list[str] | None = None, progress=None) -> dict[str, bytes]:
    """The volumes of `corpus` (file name -> bytes), one per language and format, in the corpus's order."""
    from .typst import render_pdf

    langs = selected_languages(corpus, langs)
    formats = list(dict.fromkeys(formats or ["pdf"]))
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{show(fmt)}': choose {' or '.join(FORMATS)}")
    volumes: dict[str, bytes] = {}
    for lang in langs:
        doc = volume_document(corpus, lang, info)
        for fmt in formats:
            name = volume_name(lang, fmt)
            if progress:
                progress(f"{name}: setting the {lang} volume as {fmt.upper()}")
            if fmt == "pdf":
                volumes[name] = render_pdf(doc, lang, info.epoch, root)
            else:
                from .docx import render_docx

                volumes[name] = render_docx(doc, lang, info.epoch, template_path("reference.docx", root))
    return volumes


def page_count(pdf: bytes) -> int:
    """The pages of a PDF typst wrote (its page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def selected_languages(corpus: Corpus, langs: list[str] | None) -> list[str]:
    """The languages asked for, in the corpus's order; every language of the corpus when none is asked for."""
    known = list(corpus.settings.languages)
    if not langs:
        return known
    unknown = [lang for lang in langs if lang not in known]
    if unknown:
        raise UsageError(f"no language {', '.join(show(u) for u in unknown)} in this corpus: choose among "
                         f"{', '.join(known)} (sop.yml lists them)")
    return [lang for lang in known if lang in langs]


def check_target(target: Path, root: Path) -> None:
    """Refuse a target folder that is the corpus's, or that holds something other than an edition."""
    check_replaceable_folder(target, root, "write the edition into", (MANIFEST,),
                             f"an edition written before ({MANIFEST})", "name another folder, e.g. -o print")

"""The SHA256SUMS manifest of a published edition, and its verification (`sop verify DIR`).

The manifest is in the format of GNU coreutils' `sha256sum` (a line per file: 64 lowercase hex digits, two
spaces, the file's name), so that anyone can also check an edition with `sha256sum -c SHA256SUMS`, without
sopkit. Names are relative to the manifest's folder, with `/` between folders.

Verification reports, each as a finding at the manifest's line: a file that differs from what the manifest
says (E001), a file the manifest lists that is missing (E002), a manifest line that cannot be read (E003); and
a file in the folder the manifest does not list (E004, a warning: it was not published with the edition).

Example:
    >>> (Path("print") / MANIFEST).write_text(manifest_text({"sop.en.pdf": pdf}))
    >>> verify(Path("site/print")).errors
    0
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, Severity, UsageError
from ..report import Report
from ..visible import show

MANIFEST = "SHA256SUMS"
_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_text(files: dict[str, bytes]) -> str:
    """The manifest of `files` (name relative to the edition's folder -> content), sorted by name."""
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))


def verify(folder: Path) -> Report:
    """Check every file the manifest in `folder` lists; a Report of what differs (no finding: it verifies)."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise UsageError(f"{show(str(folder))} is not a folder: name the folder of a published edition "
                         f"(the one holding {MANIFEST}), e.g. sop verify site/print")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{show(str(folder))} has no {MANIFEST}: it is not a published edition "
                         "(sop print writes one), or the manifest was lost") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {show(str(path))}: {exc}") from None
    where = show(str(path))
    findings: list[Diagnostic] = []
    listed: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        name = m.group(2) if m else ""
        if not m or not _safe(name):
            findings.append(Diagnostic(where, number, 1, "E003",
                                       f"this line is not '<sha256>  <file name>': {show(line[:80])}",
                                       "the manifest was changed by hand; get the edition again from where it "
                                       "was published"))
            continue
        listed.add(name)
        file = folder / name
        if not file.is_file():
            findings.append(Diagnostic(where, number, 67, "E002", f"{show(name)} is missing",
                                       "the edition is incomplete: get the whole folder again"))
        elif sha256(file) != m.group(1).lower():
            findings.append(Diagnostic(where, number, 67, "E001",
                                       f"{show(name)} differs from the published file (its SHA-256 is not the "
                                       "manifest's)", "do not rely on this copy: get the file again from where "
                                       "the edition was published, or rebuild it with sop print"))
    for extra in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                        if p.is_file() and p != path):
        if extra not in listed:
            findings.append(Diagnostic(where, 1, 1, "E004",
                                       f"{show(extra)} is in the folder but not in the manifest",
                                       "it was not published with this edition: remove it, or do not rely on "
                                       "it", Severity.WARNING))
    return Report(findings, None)


def _safe(name: str) -> bool:
    """A name inside the folder: relative, without `..`."""
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and "\\" not in name and "\x00" not in name

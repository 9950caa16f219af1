"""A set of diagnostics, the exit code it implies, and its renderings: text, JSON, GitHub annotations.

The Report decides the exit code (as black's does): 0 when there is no error (and, with strict, no warning),
1 when there are findings. Usage and environment errors never reach a Report: they exit 2 in the CLI.

Paths, messages and hints carry text from the corpus (a citation quoted, a file name): the text and GitHub
renderings show its control, bidirectional and invisible characters as `<U+202E>` (visible.py), so that a
finding is one line and cannot drive the terminal; JSON and SARIF write them as JSON escapes (`\u202e`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .diagnostics import CATALOGUE, Diagnostic, Severity
from .model import Corpus
from .visible import json_safe, show


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    corpus: Corpus | None = None

    def __post_init__(self) -> None:
        self.diagnostics = sorted(set(self.diagnostics))

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def summary(self) -> dict:
        out = {"errors": self.errors, "warnings": self.warnings,
               "files_with_findings": len({d.path for d in self.diagnostics})}
        if self.corpus is not None:
            c = self.corpus
            out.update({
                "files": len(c.files),
                "laws": len(c.laws),
                "provisions": sum(len(t.provisions) for law in c.laws.values() for t in law.texts.values()),
                "chapters": len(c.chapters),
                "sections": sum(len(ch.sections) for ch in c.chapters),
                "revision": c.revision,
            })
        return out

    def summary_line(self) -> str:
        s = self.summary()
        found = f"{s['errors']} error(s), {s['warnings']} warning(s)"
        if self.corpus is None:
            return found
        where = f" at revision {show(s['revision'])}" if s["revision"] else ""
        return (f"{found} in {s['files']} files{where}: {s['laws']} laws ({s['provisions']} provisions), "
                f"{s['chapters']} chapter files ({s['sections']} sections)")

    # -- renderings -------------------------------------------------------------------------------------

    def text(self, color: bool = False) -> str:
        """One line per finding: `path:line:column: CODE severity: message (hint: ...)`."""
        lines = []
        for d in self.diagnostics:
            sev = d.severity.value
            path = show(d.path, keep=_TAB)
            if color:  # the only escape sequences printed are these, ours
                tint = "\033[31m" if d.severity is Severity.ERROR else "\033[33m"
                sev = f"{tint}{sev}\033[0m"
                head = f"\033[1m{path}:{d.line}:{d.column}:\033[0m {d.code} {sev}"
            else:
                head = f"{path}:{d.line}:{d.column}: {d.code} {sev}"
            hint = f" (hint: {show(d.hint, keep=_TAB)})" if d.hint else ""
            lines.append(f"{head}: {show(d.message, keep=_TAB)}{hint}")
        return "\n".join(lines) + ("\n" if lines else "")

    def json(self) -> str:
        return json_safe(json.dumps({"diagnostics": [d.as_dict() for d in self.diagnostics],
                                     "summary": self.summary()}, ensure_ascii=False, indent=2)) + "\n"

    def sarif(self, version: str = "") -> str:
        """SARIF 2.1.0 for code-scanning tools: one rule per catalogue code, one result per finding."""
        used = sorted({d.code for d in self.diagnostics})
        rules = [{
            "id": code,
            "name": CATALOGUE[code].title.replace(" ", "-"),
            "shortDescription": {"text": CATALOGUE[code].title},
            "fullDescription": {"text": CATALOGUE[code].explanation},
            "defaultConfiguration": {"level": CATALOGUE[code].severity.value},
            "helpUri": f"docs/diagnostics.md#{code.lower()}",
        } for code in used]
        index = {code: i for i, code in enumerate(used)}
        results = [{
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": d.severity.value,
            "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path, "uriBaseId": "SRCROOT"},
                "region": {"startLine": d.line, "startColumn": d.column},
            }}],
        } for d in self.diagnostics]
        run = {
            "tool": {"driver": {"name": "sop", "version": version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return json_safe(json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
                                     "runs": [run]}, ensure_ascii=False, indent=2)) + "\n"

    def github(self) -> str:
        """GitHub Actions workflow commands: one ::error or ::warning annotation per finding."""
        lines = []
        for d in self.diagnostics:
            level = "error" if d.severity is Severity.ERROR else "warning"
            props = ",".join([f"file={_prop(show(d.path))}", f"line={d.line}", f"col={d.column}",
                              f"title={_prop(d.code + ' ' + CATALOGUE[d.code].title)}"])
            message = d.message + (f" (hint: {d.hint})" if d.hint else "")
            lines.append(f"::{level} {props}::{_data(show(message))}")
        return "\n".join(lines) + ("\n" if lines else "")


_TAB = "\t"  # white space on one line: the text format keeps it


def _data(s: str) -> str:
    # after `show` no CR or LF is left; escaping them still keeps a workflow command on its one line
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")

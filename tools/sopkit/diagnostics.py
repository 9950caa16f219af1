"""The one catalogue of diagnostic codes, and the `Diagnostic` every pass returns.

Content problems are diagnostics, never exceptions: each names a file, a line and a column (1-based, counted
in characters), a stable code from `CATALOGUE`, a message and a hint saying what to do next. Only usage and
environment failures raise (`UsageError`), and the CLI turns those into one line and exit code 2.

The codes are documented in docs/diagnostics.md, which is generated from this catalogue
(`sop codes --format md`); a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue."""

    code: str
    severity: Severity
    title: str
    explanation: str
    example: str = ""


def _c(code: str, severity: Severity, title: str, explanation: str, example: str = "") -> Code:
    return Code(code, severity, title, explanation, example)


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        _c("L001", E, "invalid YAML",
           "Front matter, `law.yml` or `sop.yml` is not valid YAML, or uses what the loader refuses: a key "
           "given twice, anchors and aliases (`&a`, `*a`), explicit tags (`!!int`, `!!python/...`), more "
           "than one document, or lists and mappings nested more than 32 deep (`[[[[...`). The line is the "
           "line inside the file.",
           "title:\n  en: Law\n  en: Law again   # L001: duplicate key"),
        _c("L002", E, "missing or ill-typed field",
           "A required field of `law.yml` or of a chapter's front matter is missing, or a field has the wrong "
           "type or shape (a list where text is expected, a date not written YYYY-MM-DD, a value outside its "
           "allowed set).",
           "---\nid: ch5\ntitle: Investigation\nstatus: final   # L002: draft or adopted\n---"),
        _c("L003", E, "not UTF-8",
           "The file is not valid UTF-8. The position is where the first invalid byte is. A file saved as "
           "UTF-16 or UTF-32 (Windows \"Unicode\"), with or without a byte-order mark, is named as such.",
           "A chapter saved as Windows-1256 from an old word processor."),
        _c("L004", E, "unrecognised file or layout",
           "A file or folder is not where the format expects it: a chapter file name that does not follow "
           "`<nn>-<slug>[.<lang>].md`, a translation without its source chapter, an unknown language, a law "
           "folder without `law.yml` or without any text, a file outside a law folder, a file or folder "
           "whose name holds a control or invisible character (a line break, ESC, U+202E).",
           "sop/5-investigation.md   # L004: the chapter number has two digits"),
        _c("L005", E, "file refused as too large",
           "A file larger than 4 MiB, a line longer than 100,000 characters, or YAML larger than 256 KiB is "
           "refused rather than parsed, so a pathological file cannot hang the check. Split it.",
           ""),
        _c("L006", W, "unknown field",
           "A field that the format does not define, usually a misspelling (`stauts`). It is ignored.",
           "---\nid: ch5\nstauts: draft   # L006\n---"),
        _c("V001", E, "duplicate id in a document",
           "Two provisions of a law file, or two sections of a chapter, carry the same id.",
           "## Article 6 {#6}\n...\n## Article 7 {#6}   # V001"),
        _c("V002", E, "id does not match its place",
           "A law's `id` in `law.yml` differs from its folder path under `laws/` (or its `jurisdiction` from "
           "the first folder), or a chapter's `id` differs from the number in its file name (`ch5` for "
           "`05-...`).",
           "# laws/iq/law-28-2012/law.yml\nid: iq/law-28-2013   # V002"),
        _c("V003", E, "heading without an id",
           "A provision heading in a law, or a section heading in a chapter, has no `{#id}` at its end. "
           "Without one it cannot be cited or linked.",
           "## Article 6        # V003: write ## Article 6 {#6}"),
        _c("V004", E, "translation out of step with its source",
           "A translation's ids differ from its source's: a section extra or in a different order, a law "
           "text's provision missing or extra, or a chapter `id` that differs from the source chapter's. (A "
           "source section the translation lacks is T002: a section still to translate.)",
           "05-investigation.ar.md has {#interview} where the source has none   # V004"),
        _c("T001", W, "translation follows an earlier source text",
           "The source section changed since its translation was last marked as up to date (`sop i18n mark`), "
           "or the translation was never marked. `sop i18n status` shows what changed in the source, word by "
           "word. Bring the translation up to date, then mark it.",
           "sop i18n mark ar 05-investigation interviewing-victims"),
        _c("T002", W, "section not translated yet",
           "A section of the source (or a whole chapter) has no translation in a language of the corpus. The "
           "site and the print edition show the source text there, with a notice in the reader's language.",
           "05-investigation.ar.md lacks {#interviewing-victims}   # T002"),
        _c("T003", W, "term rendered otherwise than the glossary says",
           "A chapter uses a rendering the glossary lists under `avoid` for one of its concepts (compared in "
           "the folded view: hamza, alef and taa marbuta forms, Arabic and Kurdish letter variants, and the "
           "particles joined to a word). Use the glossary's term.",
           "الجرم المشهود   # T003: the glossary's term is الجريمة المشهودة"),
        _c("T004", E, "translation record refused",
           "`sop i18n mark` refused to record a section as up to date: its ids or the provisions it cites "
           "differ from the source section's.",
           ""),
        _c("V005", E, "malformed id",
           "An id uses characters outside its allowed set. Provision ids: dot-separated segments of ASCII "
           "letters and digits (`6`, `6.1.a`, `6bis`). Section ids: lower-case ASCII letters, digits and "
           "hyphens, starting with a letter. Law folders: lower-case letters, digits and hyphens.",
           "## المادة (6) {#٦}   # V005: ids are written in ASCII"),
        _c("V006", E, "invisible or bidirectional control character",
           "The text holds a character that changes how it displays without being seen: bidirectional "
           "embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width space (U+200B), a "
           "byte-order mark after the start of the file, tag characters, or Arabic presentation forms. An RLO "
           "around \"51\" displays as \"15\": a reader sees another article than the text says. ZWNJ, ZWJ, "
           "LRM, RLM and ALM are allowed.",
           "المادة (\u202e51\u202c)   # V006 U+202E RIGHT-TO-LEFT OVERRIDE"),
        _c("V007", E, "symbolic link in the corpus",
           "A symbolic link inside `sop/` or `laws/`. Links are never followed: one could pull any file of "
           "the build machine into the published site. Replace it with the file itself.",
           "sop/06-victims.md -> /etc/passwd   # V007"),
        _c("V008", E, "number mixes digit systems",
           "One number is written with digits of more than one system (Western 0-9, Arabic-Indic \u0660-\u0669, "
           "Persian \u06f0-\u06f9). Readers and tools may read it differently.",
           "ساڵی 2\u06601\u06f2   # V008"),
        _c("V009", E, "heading level does not fit the provision id",
           "A law's provision heading sits at a level that does not match its id (level = number of "
           "segments + 1), or is not nested under the heading of its parent id, or the law file does not "
           "open with its level-1 title.",
           "## Article 6 {#6}\n### First {#7.1}   # V009: 7.1 is not part of Article 6"),
        _c("V010", E, "section id used in two chapters",
           "`sop:` links name a section by id alone, so a section id must be unique across all chapters of "
           "one language.",
           "## Scope {#scope} in chapters 1 and 5   # V010"),
        _c("V011", W, "Arabic letter in Kurdish text",
           "Kurdish (Sorani) text uses an Arabic letter form where Sorani has its own letter: \u0643 for "
           "\u06a9, \u064a or \u0649 for \u06cc. Search, sorting and spell-checking treat them as different "
           "letters.",
           "\u0645\u0627\u062f\u062f\u06d5\u064a (written with \u064a)   # V011: write \u0645\u0627\u062f\u062f\u06d5\u06cc"),
        _c("V012", E, "control character",
           "The text holds a control character: NUL and the other C0 controls (U+0000-U+001F), DELETE "
           "(U+007F) or a C1 control (U+0080-U+009F, NEXT LINE among them). They are not text: Word drops "
           "them, a terminal obeys them (ESC can rewrite the screen), and readers disagree on whether a "
           "carriage return alone breaks the line. Tab, line feed and the carriage return of a Windows line "
           "ending (CR LF) are allowed. Reports and redlines show the character as `<U+0007>`.",
           "Report the case to the investigating judge.<U+0007>   # V012 U+0007 BELL"),
        _c("V013", E, "raw HTML in the text",
           "A chapter or a law text holds raw HTML (`<span>`, `<script>`, `<img onerror=...>`), or what the "
           "site's renderer reads as HTML: `\\<b>` (Python-Markdown does not read `\\<` as an escape) and an "
           "attribute list that sets attributes (`{: onclick=\"...\"}`). The site would copy it into the "
           "published page as it is. Write Markdown instead, or `&lt;` for a literal `<`. HTML comments "
           "(`<!-- note -->`) are allowed.",
           "Report the case <b>at once</b>.   # V013: write **at once**"),
        _c("V014", E, "link to another scheme than https, mailto or the site",
           "A link or image in a chapter or a law text leads elsewhere than https://, mailto:, the project's "
           "`law:` and `sop:` targets, or a page of the site: http:// (readable and changeable on the "
           "reader's network), javascript:, data:, file:, ftp:, vbscript:, or `//host` (another site). An "
           "image must be a file of the site (`sop/assets/`): it is fetched as the page loads, so one from another "
           "site would tell that site who reads what, and be missing offline. Entities are decoded first, as a "
           "browser does.",
           "[the guidelines](http://example.org/guide)   # V014: link to https://"),
        _c("V015", W, "suggestion not decided yet",
           "A chapter holds a suggested change written in CriticMarkup: an insertion `{++ ++}`, a deletion "
           "`{-- --}`, a substitution `{~~ old ~> new ~~}`, a highlight `{== ==}` or a comment `{>> <<}`. It is a "
           "valid way to propose a change, and the site shows it marked, but the text is not settled until the "
           "working group decides: `sop amendments accept --suggestions ch5 --write` keeps the suggested text, "
           "`sop amendments reject --suggestions ch5 --write` keeps the text as it was (`--lang ar` for a "
           "translation, `--line N` for one suggestion; comments are removed either way, and shown). Code "
           "blocks and `code` are never read as suggestions; `\\{++` is a literal brace.",
           "The victim {~~may~>shall~~} be informed.   # V015: substitution of 'may' by 'shall'"),
        _c("V016", E, "suggestion without its end",
           "A CriticMarkup opening marker (`{++`, `{--`, `{~~`, `{>>`, `{==`) has no closing marker of its kind "
           "before the next suggestion or the end of the file, or a substitution has no `~>`. An error, not a "
           "warning: the text is ambiguous. Where the suggested change ends cannot be told, so it can be neither "
           "accepted nor rejected; the site would print the braces, and a renderer that pairs it with a later "
           "closing marker would mark everything between as changed. Close it, or write `\\{` for a literal brace.",
           "Inform the victim {++in writing.\n\n## Next {#next}   # V016: '++}' is missing"),
        _c("E001", E, "published file differs from its manifest",
           "`sop verify` found a file of a published edition whose SHA-256 is not the one its `SHA256SUMS` "
           "manifest records: it was changed, damaged or replaced after the edition was made. The line is the "
           "manifest's line for the file.",
           "0c5f…  sop.ar.pdf   # E001: the sop.ar.pdf in the folder has another checksum"),
        _c("E002", E, "published file missing",
           "A file the `SHA256SUMS` manifest lists is not in the edition's folder.",
           "0c5f…  sop.ckb.pdf   # E002: no sop.ckb.pdf beside the manifest"),
        _c("E003", E, "unreadable manifest line",
           "A line of `SHA256SUMS` is not `<64 hex digits>  <file name>`, or names a file outside the edition's "
           "folder (an absolute path, `..`).",
           "0c5f  ../../etc/passwd   # E003"),
        _c("E004", W, "file not in the manifest",
           "The edition's folder holds a file the `SHA256SUMS` manifest does not list: it was not published with "
           "the edition.",
           "notes.txt   # E004: not one of the files sop print wrote"),
        _c("I001", E, "law text to import is not text",
           "`sop import law` was given a file it cannot read as a law text: not UTF-8 (UTF-16 and UTF-32 are "
           "named as such), a binary file, or a damaged Word file. Nothing is imported.",
           "sop import law gazette.pdf --id iq/law-11-2016 --lang ar   # I001: give a .txt or .docx copy"),
        _c("I002", E, "no article in the law text to import",
           "`sop import law` found no line it reads as an article (`المادة ـ 1 ـ`, `المادة (1)`, `ماددەی ١`, "
           "`Article 1`): the file is empty, or holds something else than a law. Nothing is imported.",
           "an empty file, or a news article about the law   # I002"),
        _c("I003", W, "marker out of sequence kept as text",
           "A line of the imported law starts like an article, paragraph or point, but its number does not "
           "follow the one before (a quoted `المادة ـ 1 ـ` inside an amending article, `ثالثاً` after "
           "`أولاً`): it is kept as text of the provision before it, not made a provision.",
           "المادة ـ 2 ـ\nأولاً :ـ ...\nثالثاً :ـ ...   # I003: no ثانياً before it"),
        _c("I004", W, "division heading kept out of the provisions",
           "A heading of the law's own divisions (`الفصل الأول`, `الباب الثاني`, Chapter One, `بەشی یەکەم`) "
           "and its title are not provisions: `sop import law` keeps them in the law's note, each with the "
           "article it stands before, since every heading of a law text is a provision.",
           "الفصل الثاني\nالعقوبات   # I004"),
        _c("I005", W, "text after the last article kept apart",
           "The signature block (the president's name, `رئيس الجمهورية`) and the reasons (`الأسباب "
           "الموجبة`) that follow the last article are not part of it: `sop import law` keeps them in the "
           "law's note, not in the last article's text.",
           "فؤاد معصوم\nرئيس الجمهورية   # I005"),
        _c("I006", W, "character changed in the imported text",
           "A character that no law text of the corpus may hold was changed on import: Arabic presentation "
           "forms (text copied from a PDF) written as the letters they show, a tab as a space, and control, "
           "bidirectional and zero-width characters removed. The words are kept.",
           "\ufe8e\ufee0\ufee4\ufe8e\ufea9\ufe93 (presentation forms)   # I006: written as المادة"),
        _c("X001", E, "translated unit with broken tags",
           "`sop i18n import` refused a unit of a PO file because its tags are not those of the source text: a tag "
           "missing, written twice, unknown, broken (`<3>` for `<3/>`) or misnested, a list marker, table pipe or "
           "block tag out of its order or away from the start or end of its line, or a heading `<1>…</1>` that is "
           "not first, on one line. Tags stand for the Markdown a translator must keep (links' targets, code, "
           "structure). The section keeps its text; the other units are imported.",
           "msgid \"<1>Scope</1>\\n\\nSee <2>Article 6</2>.\"\n"
           "msgstr \"<1>النطاق</1>\\n\\nانظر المادة 6.\"   # X001: <2> is missing"),
        _c("X002", E, "translated unit that does not belong to the chapter",
           "`sop i18n import` refused a unit of a PO file that is not a unit of the chapter as it is now: its "
           "context names no section of the source chapter (nor `(opening)`), it is given twice, or its `msgid` "
           "is not the source text now (the PO was made from another chapter, or before the source changed: "
           "export again). A header naming another language or chapter refuses the whole file.",
           "msgctxt \"interviewing-victim\"   # X002: no section has that id"),
        _c("X003", E, "unreadable PO file",
           "`sop i18n import` could not read the file as a gettext PO file: a syntax error (an unescaped quote, a "
           "line that is no PO keyword), or nothing in it. Nothing is imported.",
           "msgstr \"<1>النطاق</1>   # X003: the quote is not closed"),
        _c("C101", E, "unknown law",
           "A citation names a law that is not in `laws/`: a link to an unknown law id, or a plain-text citation "
           "whose number and year, title or alias match no law.",
           "[Article 6](law:iq/law-82-2012#6)   # C101: no law iq/law-82-2012"),
        _c("C102", E, "unknown provision",
           "A citation names a provision that the law's text does not have. The hint suggests the provision "
           "probably meant: the paragraph dropped, two digits swapped.",
           "[Article 61](law:iq/law-28-2012#61)   # C102: the law has 14 articles"),
        _c("C103", W, "repealed law or provision",
           "A citation names a law whose `status` is `repealed`, or a provision recorded as repealed under "
           "`provisions` in `law.yml`. The hint names the successor where it is known.",
           ""),
        _c("C104", W, "provision amended since the chapter was reviewed",
           "A cited provision (or its law, by an amendment without a provision list) was amended after the "
           "chapter's `reviewed` date. Re-read it, then update `reviewed`.",
           ""),
        _c("C105", E, "link text and target disagree",
           "A link's text names another provision or another law than its target: a reader sees one article, "
           "a click opens another.",
           "[Article 7 of Law No. 28 of 2012](law:iq/law-28-2012#6)   # C105"),
        _c("C106", W, "plain-text citation without a link",
           "A citation written as plain text. The hint gives the exact link to write; links let the tools check "
           "the citation and the site open the provision.",
           "Article 6 of Law No. 28 of 2012   # C106: write [Article 6 of Law No. 28 of 2012](law:iq/law-28-2012#6)"),
        _c("C107", E, "unknown SOP section",
           "A `sop:` link names a section id that no chapter has.",
           "[](sop:interviewing-victim)   # C107: did you mean sop:interviewing-victims?"),
        _c("C108", W, "quotation differs from the law",
           "A quotation right after a citation is not the provision's text. Only official and translated law "
           "texts are compared: a working summary is not the law's wording.",
           ""),
        _c("C109", W, "translation cites other provisions",
           "A section of a translation cites other provisions than the same section of its source chapter: a "
           "citation was dropped, added or changed in translation.",
           ""),
    )
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where, which code, what, and what to do about it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


def diagnostic(code: str, path: str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    """Make a diagnostic with the severity its code has in the catalogue."""
    return Diagnostic(path, max(line, 1), max(column, 1), code, message, hint, CATALOGUE[code].severity)


class UsageError(Exception):
    """A problem with how a command was called or with its environment (exit code 2)."""

"""Write a recognised law as the corpus's files: `<lang>.md` (title, note, provisions as headings with ids) and,
for a new law, `law.yml`. No I/O.

Every source line lands in the text. What is not a provision goes in the note between the title and the first
article, labelled: the preamble, the law's division headings (each with the article it stands before) and the
text after the last article (signature, reasons); the format has no other place that is not a provision. Each
source line is its own paragraph, with the Markdown that would change it escaped (a leading `#`, `>`, `-` or
`1.`, `*`, `_`, backquotes, brackets, `<`).

Example:
    >>> render_text(layout, "قانون عمليات زرع الأعضاء البشرية ومنع الاتجار بها رقم (11) لسنة 2016", "ar", note)
    '# قانون ... \\n\\n> ...\\n\\n## المادة (1) {#1}\\n\\n...'
"""

from __future__ import annotations

import json
import re

from .layout import Layout

WORDS = {
    "ar": {"preamble": "الديباجة", "divisions": "تقسيمات القانون (ليست أحكاماً)", "before": "قبل {label}",
           "after_last": "بعد المادة الأخيرة", "end": "ما يلي المادة الأخيرة في النص المنشور",
           "imported": "نص مستورد بالأمر sop import law من الملف {source}.",
           "official": "قال من استورده إن مصدره الجريدة الرسمية (الوقائع العراقية).",
           "unofficial": "ليس نص الجريدة الرسمية: تجب مطابقته مع النص المنشور في الوقائع العراقية قبل الاعتماد عليه."},
    "ckb": {"preamble": "پێشەکی", "divisions": "دابەشبوونەکانی یاسا (حوکم نین)", "before": "پێش {label}",
            "after_last": "دوای دوایین ماددە", "end": "ئەوەی دوای دوایین ماددە دێت لە دەقی بڵاوکراوەدا",
            "imported": "دەقێکی هاوردەکراوە بە فەرمانی sop import law لە پەڕگەی {source}.",
            "official": "ئەوەی هاوردەی کردووە دەڵێت سەرچاوەکەی ڕۆژنامەی فەرمییە.",
            "unofficial": "دەقی ڕۆژنامەی فەرمی نییە: پێش پشت پێبەستن دەبێت لەگەڵ دەقی بڵاوکراودا بەراورد بکرێت."},
    "en": {"preamble": "Preamble", "divisions": "Divisions of the law (not provisions)", "before": "before {label}",
           "after_last": "after the last article", "end": "After the last article in the published text",
           "imported": "Text imported with sop import law from the file {source}.",
           "official": "The one who imported it says its source is the Official Gazette.",
           "unofficial": "Not the Official Gazette's text: check it against the published text before relying on it."},
}

_LEADING = re.compile(r"^(\s*)([#>+\-*]|\d+[.)])(?=\s|$)")
_INLINE = re.compile(r"([\\`*_\[\]])")


def markdown_line(text: str) -> str:
    """One source line as a Markdown paragraph that shows exactly its words (nothing read as markup)."""
    text = _INLINE.sub(r"\\\1", text.strip()).replace("<", "&lt;")
    m = _LEADING.match(text)
    if m:
        marker = m.group(2)
        text = m.group(1) + (marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker) \
            + text[m.end():]
    return text


def render_text(layout: Layout, title: str, lang: str, source_name: str, official: bool) -> str:
    """The `<lang>.md` of the law: its title, the note, then every provision with its text."""
    words = WORDS.get(lang, WORDS["en"])
    status = words["official"] if official else words["unofficial"]
    out = [f"# {markdown_line(title)}", "", f"> {markdown_line(words['imported'].format(source=source_name))} "
           f"{markdown_line(status)}", ""]
    if layout.preamble:
        out += [f"**{words['preamble']}**", ""]
        out += [line for _, text in layout.preamble for line in (markdown_line(text), "")]
    if layout.divisions:
        labels = {p.id: p.label for p in layout.parts}
        out += [f"**{words['divisions']}**", ""]
        for division in layout.divisions:
            where = words["before"].format(label=labels[division.before]) if division.before else words["after_last"]
            heading = " — ".join(markdown_line(w) for w in division.words)
            out.append(f"- {heading} ({markdown_line(where)})")
        out.append("")
    if layout.end_matter:
        out += [f"**{words['end']}**", ""]
        out += [line for _, text in layout.end_matter for line in (markdown_line(text), "")]
    for part in layout.parts:
        out += [f"{'#' * part.level} {markdown_line(part.label)} {{#{part.id}}}", ""]
        out += [line for _, text in part.body for line in (markdown_line(text), "")]
    return "\n".join(out).rstrip("\n") + "\n"


def law_yml(law_id: str, law_type: str, number: str | None, year: str, title: str, lang: str, authoritative: str,
            text_status: str, verify: list[str], source_name: str) -> str:
    """The `law.yml` of a new law. Strings are written double-quoted (JSON strings are YAML): the loader reads
    them back as the same text."""
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = [f"# Created by `sop import law` from {source_name}. Check every field listed under verify.",
             f"id: {q(law_id)}", f"type: {q(law_type)}", f"jurisdiction: {q(law_id.split('/')[0])}"]
    if number:
        lines.append(f"number: {q(number)}")
    lines += [f"year: {q(year)}", "title:", f"  {lang}: {q(title)}", f"authoritative: {q(authoritative)}",
              "text_status:", f"  {lang}: {q(text_status)}", "verify:"]
    lines += [f"  - {q(item)}" for item in verify]
    return "\n".join(lines) + "\n"

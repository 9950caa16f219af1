"""A chapter as a page of the site in one language: its text as the corpus loaded it, citation links made
followable, the computed section numbers in its headings, and the notices a reader needs (a draft; a chapter
shown in the source language because it has no translation yet; suggested changes not decided yet).

The text is the chapter file with its front matter blanked out (blocks.split_front_matter), so its lines are
the file's: the model's heading lines and code blocks apply as they are, and a problem is reported at the
file's own line and column.

Example:
    >>> page = chapter_page(chapter, text, "ar", linker, "06-victim-protection.md", "ar/06-victim-protection/")
    >>> page.markdown.splitlines()[0]
    '# 6\\. Victim Protection and Assistance {: lang="en" dir="ltr" }'
"""

from __future__ import annotations

from typing import NamedTuple

from ..blocks import split_front_matter
from ..citations.document import code_spans
from ..labels import number_headings
from ..model import OPENING, Chapter
from ..suggestions import find_suggestions
from ..translations.present import Presentation, source_lines
from .links import Linker
from .pages import admonition, chapter_title, in_language, language_attributes
from .strings import say, words
from .text import markdown_text

class Problem(NamedTuple):
    line: int
    column: int
    message: str


class ChapterPage(NamedTuple):
    markdown: str
    problems: list[Problem]


def chapter_page(chapter: Chapter, text: str, lang: str, linker: Linker, page_src: str, page_url: str,
                 shown: Presentation | None = None, source_text: str = "") -> ChapterPage:
    """The Markdown of `chapter` (whose file holds `text`) as the page `page_src` of the `lang` site. `shown`
    (translations.present) says which sections of a translation are stale or missing: a notice under a stale
    one, and the source's text (`source_text`, its file) with a notice where sections are missing."""
    lines, problems = _lines(chapter, text, lang, linker, page_src, page_url)
    if shown is not None and not shown.in_step:
        source_lines, more = _lines(shown.source, source_text, lang, linker, page_src, page_url)
        problems += more
        lines = _in_step(chapter, lines, shown, source_lines, lang)
    foreign = chapter.lang != lang
    head = [f"# {markdown_text(chapter_title(chapter))}" + (f" {language_attributes(chapter.lang)}" if foreign else ""),
            ""]
    if foreign:
        name = words(lang)["languages"].get(chapter.lang, chapter.lang)
        head += admonition("warning", say(lang, "untranslated_chapter", "title"),
                           say(lang, "untranslated_chapter", "text", language=name))
        lines = in_language(chapter.lang, lines)
    if chapter.status == "draft":
        head += admonition("note", say(lang, "draft", "title"), say(lang, "draft", "text"))
    if shown is not None and OPENING in shown.stale:
        head += _stale_notice(shown.source, lang)
    if find_suggestions("\n".join(lines)).suggestions:  # suggested changes, shown marked (suggested.py)
        head += admonition("info", say(lang, "suggestions", "title"), say(lang, "suggestions", "text"))
    return ChapterPage("\n".join(head + lines), problems)


def _lines(chapter: Chapter, text: str, lang: str, linker: Linker, page_src: str, page_url: str):
    """The chapter's body lines (one for one with its file's), links made followable and headings numbered."""
    body = split_front_matter(text).body
    rewritten = linker.rewrite(body, code_spans(body, chapter.code_lines), page_src, page_url, lang)
    problems = [Problem(*_place(body, u.offset), u.message) for u in rewritten.unresolved]
    return number_headings(rewritten.text.split("\n"), chapter), problems


def _in_step(chapter: Chapter, lines: list[str], shown: Presentation, source: list[str], lang: str) -> list[str]:
    """`lines` of the translated `chapter` with a notice under each stale section's heading and the source's
    text of the missing sections where they belong; changed from the end up, so that earlier line numbers hold."""
    edits = []  # (line index, order at that index, lines to insert there)
    for section_id in shown.stale - {OPENING}:
        section = chapter.section(section_id)
        if section is not None:  # under its heading, before missing sections that would follow at once
            edits.append((section.line, 0, ["", *_stale_notice(shown.source, lang)]))
    for run in shown.missing:
        first, end = source_lines(shown.source, source, run.sections)
        at = chapter.section(run.before).line - 1 if run.before else len(lines)
        name = words(lang)["languages"].get(shown.source.lang, shown.source.lang)
        block = admonition("warning", say(lang, "untranslated_section", "title"),
                           say(lang, "untranslated_section", "text", language=name))
        edits.append((at, 1, [*block, *in_language(shown.source.lang, source[first:end])]))
    out = list(lines)
    for at, _, inserted in sorted(edits, key=lambda e: e[:2], reverse=True):
        out[at:at] = inserted
    return out


def _stale_notice(source: Chapter, lang: str) -> list[str]:
    name = words(lang)["languages"].get(source.lang, source.lang)
    return admonition("warning", say(lang, "stale_section", "title"), say(lang, "stale_section", "text",
                                                                          language=name))


def _place(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1

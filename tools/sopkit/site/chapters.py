"""A chapter as a page of the site in one language: its text as the corpus loaded it, citation links made
followable, the computed section numbers in its headings, and the notices a reader needs (a draft; a chapter
shown in the source language because it has no translation yet).

The text is the chapter file with its front matter blanked out (blocks.split_front_matter), so its lines are
the file's: the model's heading lines and code blocks apply as they are, and a problem is reported at the
file's own line and column.

Example:
    >>> page = chapter_page(chapter, text, "ar", linker, "06-victim-protection.md", "ar/06-victim-protection/")
    >>> page.markdown.splitlines()[0]
    '# 6\\. Victim Protection and Assistance {: lang="en" dir="ltr" }'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..blocks import split_front_matter
from ..citations.document import code_spans
from ..labels import numerals
from ..model import Chapter
from .links import Linker
from .pages import admonition, chapter_title, in_language, language_attributes
from .strings import say, words
from .text import markdown_text

_ATX = re.compile(r"^( {0,3}#{1,6})(?:[ \t]+|$)")


class Problem(NamedTuple):
    line: int
    column: int
    message: str


class ChapterPage(NamedTuple):
    markdown: str
    problems: list[Problem]


def chapter_page(chapter: Chapter, text: str, lang: str, linker: Linker, page_src: str, page_url: str) -> ChapterPage:
    """The Markdown of `chapter` (whose file holds `text`) as the page `page_src` of the `lang` site."""
    body = split_front_matter(text).body
    rewritten = linker.rewrite(body, code_spans(body, chapter.code_lines), page_src, page_url, lang)
    problems = [Problem(*_place(body, u.offset), u.message) for u in rewritten.unresolved]
    lines = number_headings(rewritten.text.split("\n"), chapter)
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
    return ChapterPage("\n".join(head + lines), problems)


def number_headings(lines: list[str], chapter: Chapter) -> list[str]:
    """`lines` (the chapter's, one for one) with each section's computed number before its heading's text, in
    the digits of the chapter's language (as the section labels of links write it)."""
    lines = list(lines)
    for section in chapter.sections:
        i = section.line - 1
        if not section.number or not 0 <= i < len(lines):
            continue
        line = lines[i]
        atx = _ATX.match(line)
        if atx:  # `## Heading {#id}`: the number after the hashes
            lines[i] = f"{atx.group(1)} {numerals(section.number_text, chapter.lang)} {line[atx.end():]}".rstrip(" ")
        else:  # a setext heading (text, then a line of = or -): the number before the text
            indent = len(line) - len(line.lstrip(" "))
            lines[i] = f"{line[:indent]}{numerals(section.number_text, chapter.lang)} {line[indent:]}"
    return lines


def _place(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1

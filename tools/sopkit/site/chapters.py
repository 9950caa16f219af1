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

from typing import NamedTuple

from ..blocks import split_front_matter
from ..citations.document import code_spans
from ..labels import number_headings
from ..model import Chapter
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


def _place(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1

"""Where each page of the site lives, in each language: the source language at the root, every other language
in a folder named by its code (ar/, ckb/), chapters under their file name, laws under laws/<law id>/.

Pages are named by their source path as mkdocs knows it (`src_uri`): a chapter by its file under sop/
(`05-investigation.ar.md`), a generated page by where it is written (`ar/laws/iq/law-28-2012.md`). Links are
written to these names, so that mkdocs resolves them, checks their anchors and makes them relative.

Example:
    >>> layout = Layout(corpus)
    >>> layout.law_src("iq/law-28-2012", "ar")
    'ar/laws/iq/law-28-2012.md'
    >>> layout.section_page("interviewing-victims", "ar").path
    'sop/05-investigation.ar.md'
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..model import Chapter, Corpus, Law, LawText

SOP_FOLDER = "sop"
LAWS_FOLDER = "laws"


@dataclass(frozen=True)
class Layout:
    corpus: Corpus
    _chapters: dict = field(init=False, repr=False, compare=False)
    _sections: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[tuple[int, str, str], Chapter] = {}
        sections: dict[tuple[str, str], Chapter] = {}
        for chapter in self.corpus.chapters:
            by_key.setdefault((chapter.number, chapter.slug, chapter.lang), chapter)
            for section in chapter.sections:
                if section.id is not None:
                    sections.setdefault((chapter.lang, section.id), chapter)
                    if chapter.is_source:
                        sections.setdefault(("", section.id), chapter)
        object.__setattr__(self, "_chapters", by_key)
        object.__setattr__(self, "_sections", sections)

    @property
    def source_language(self) -> str:
        return self.corpus.settings.source_language

    def folder(self, lang: str) -> str:
        """The language's folder in the site: '' for the source language, 'ar/' for Arabic."""
        return "" if lang == self.source_language else f"{lang}/"

    def home_src(self, lang: str) -> str:
        return f"{self.folder(lang)}index.md"

    def law_src(self, law_id: str, lang: str) -> str:
        return f"{self.folder(lang)}{LAWS_FOLDER}/{law_id}.md"

    @staticmethod
    def chapter_src(chapter: Chapter) -> str:
        """The chapter's file under sop/, as mkdocs names it: `05-investigation.ar.md`."""
        return PurePosixPath(chapter.path).relative_to(SOP_FOLDER).as_posix()

    def source_chapters(self) -> list[Chapter]:
        """The chapters of the source language, in order: one page per chapter in every language."""
        return sorted((c for c in self.corpus.chapters if c.is_source), key=lambda c: (c.number, c.slug))

    def chapter_in(self, source: Chapter, lang: str) -> Chapter:
        """The chapter shown in `lang`: its translation, else the source chapter itself (with a notice)."""
        return self._chapters.get((source.number, source.slug, lang)) or source

    def section_page(self, section_id: str, lang: str) -> Chapter | None:
        """The chapter a reader of `lang` is sent to for a section: the page of `lang` that holds it, else the
        source-language chapter that does; None when no chapter has it."""
        return self._sections.get((lang, section_id)) or self._sections.get(("", section_id))

    def is_built_in(self, chapter: Chapter, lang: str) -> bool:
        """Whether `chapter` is a page of the `lang` site: its own language's, or the stand-in for a chapter
        that `lang` has no translation of."""
        if chapter.lang == lang:
            return True
        return chapter.is_source and self.chapter_in(chapter, lang) is chapter

    def chapter_url(self, chapter: Chapter) -> str:
        """The chapter's address in its own language's site, from the site root: `ar/05-investigation/`."""
        name = PurePosixPath(self.chapter_src(chapter)).name.split(".", 1)[0]
        return f"{self.folder(chapter.lang)}{name}/"

    @staticmethod
    def law_text(law: Law, lang: str) -> LawText | None:
        """The text a law page in `lang` shows: its own, else the authoritative one (law.text's choice)."""
        return law.text(lang)


def relative_src(target: str, page_src: str) -> str:
    """`target` (a src_uri) as a Markdown link written in the page `page_src`."""
    return posixpath.relpath(target, posixpath.dirname(page_src) or ".")

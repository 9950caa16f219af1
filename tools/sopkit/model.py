"""The document model: a corpus of laws (with provisions) and SOP chapters (with sections).

Immutable, with no I/O: `load.load_corpus` builds it from a working tree or a git revision, and every pass
and renderer only reads it. Every element keeps the file, line and column it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

LANGUAGES = ("en", "ar", "ckb")
RTL_LANGUAGES = frozenset({"ar", "ckb"})


@dataclass(frozen=True)
class Settings:
    """Corpus settings from `sop.yml`."""

    source_language: str = "en"
    languages: tuple[str, ...] = LANGUAGES


class Provision(NamedTuple):
    """An article, paragraph or point of a law, with the text under its heading. Its id is dotted: 6, 6.1, 6.1.a.

    Headings are named tuples rather than frozen dataclasses: as immutable, and four times cheaper to build,
    which counts when a corpus has hundreds of thousands of them.
    """

    id: str | None
    label: str  # the heading's text as written: "Article 6", "المادة (6)"
    level: int
    line: int
    column: int
    id_column: int
    text: str  # the text under the heading, up to the next heading
    text_line: int  # the line where that text starts

    @property
    def parent_id(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if self.id and "." in self.id else None


class Block(NamedTuple):
    """One top-level block of a chapter's text, as CommonMark reads it: a paragraph, a whole list, a whole table,
    a block quote, a fenced or indented code block with its blank lines, an HTML block, a thematic break, or link
    reference definitions. These are the paragraphs of every reader (the diff, `sop blame`, the renderers)."""

    kind: str  # paragraph, list, table, quote, code, html, rule, reference
    line: int  # first and last line in the file, 1-based
    end_line: int
    text: str  # its lines as written, without the blank lines around it


class Section(NamedTuple):
    """A section of an SOP chapter. `number` is computed from the order of headings: (5, 3, 1) is 5.3.1."""

    id: str | None
    label: str  # the heading's text: "Interviewing victims"
    level: int
    line: int
    column: int
    id_column: int
    text: str
    text_line: int
    number: tuple[int, ...] = ()
    blocks: tuple[Block, ...] = ()  # the text's blocks, in order

    @property
    def number_text(self) -> str:
        return ".".join(str(n) for n in self.number)


def _index(items) -> Mapping:
    index: dict = {}
    for item in items:
        if item.id is not None:
            index.setdefault(item.id, item)
    return MappingProxyType(index)


@dataclass(frozen=True)
class LawText:
    """One language file of a law."""

    path: str
    lang: str
    title: str | None
    title_line: int
    provisions: tuple[Provision, ...]
    by_id: Mapping[str, Provision] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", _index(self.provisions))

    def provision(self, provision_id: str) -> Provision | None:
        return self.by_id.get(provision_id)


@dataclass(frozen=True)
class ProvisionHistory:
    """What `law.yml` says happened to one provision."""

    provision: str
    repealed: str | None = None
    amended: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Amendment:
    by: str
    date: str | None
    provisions: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class LawMeta:
    """The validated contents of `law.yml`. Dates are ISO text (YYYY-MM-DD); numbers are the text written."""

    id: str
    type: str
    jurisdiction: str
    year: str
    title: Mapping[str, str]
    authoritative: str
    text_status: Mapping[str, str]  # language -> official | translation | summary
    number: str | None = None
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    dates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    gazette: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    status: str = "in-force"
    repealed_by: str | None = None
    amendments: tuple[Amendment, ...] = ()
    provisions: Mapping[str, ProvisionHistory] = field(default_factory=lambda: MappingProxyType({}))
    verify: tuple[str, ...] = ()


@dataclass(frozen=True)
class Law:
    """A law or international instrument: `laws/<jurisdiction>/<slug>/`."""

    id: str  # from the folder: iq/law-28-2012
    folder: str  # laws/iq/law-28-2012
    meta: LawMeta | None  # None when law.yml is missing or unusable (a diagnostic says why)
    texts: Mapping[str, LawText]  # language -> text

    def text(self, lang: str | None = None) -> LawText | None:
        """The text in `lang`, else in the authoritative language, else any."""
        if lang and lang in self.texts:
            return self.texts[lang]
        if self.meta and self.meta.authoritative in self.texts:
            return self.texts[self.meta.authoritative]
        return next(iter(self.texts.values()), None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ids", frozenset(pid for text in self.texts.values() for pid in text.by_id))

    def provision_ids(self) -> frozenset[str]:
        """Every provision id in any language file of the law."""
        return self._ids


@dataclass(frozen=True)
class Chapter:
    """One SOP chapter in one language: `sop/<nn>-<slug>[.<lang>].md`."""

    path: str
    number: int
    slug: str
    lang: str
    is_source: bool
    id: str | None
    title: str | None
    status: str | None
    reviewed: str | None
    intro: str
    sections: tuple[Section, ...]
    code_lines: tuple[tuple[int, int], ...] = ()  # 1-based inclusive line ranges of fenced and indented code
    intro_blocks: tuple[Block, ...] = ()  # the blocks of the text before the first heading
    front_matter_positions: Mapping[str, tuple[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    by_id: Mapping[str, Section] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", _index(self.sections))

    def section(self, section_id: str) -> Section | None:
        return self.by_id.get(section_id)

    @property
    def key(self) -> str:
        """The chapter's name in every language: its source file's name without .md (05-investigation)."""
        return f"{self.number:02d}-{self.slug}"


@dataclass(frozen=True)
class TextFile:
    """A file of the corpus as text, kept for the passes that read raw text (hygiene, citations)."""

    path: str
    text: str
    lang: str | None  # the language of its content, where known
    bom: bool = False  # the file starts with a UTF-8 byte-order mark, which `text` does not hold


class Term(NamedTuple):
    """One concept of the glossary (glossary.yml): its term in each language, and the renderings to avoid."""

    id: str
    terms: Mapping[str, str]  # language -> the term
    avoid: Mapping[str, tuple[str, ...]]  # language -> other renderings of the concept, not to be used
    note: str
    line: int


OPENING = "_opening"  # the part of a chapter before its first section (no section id starts with "_")


class TranslationRecord(NamedTuple):
    """What `sop i18n mark` recorded for one translated section: the fingerprint of the source section's text
    it translates, and the git blob of the source chapter file then (to show what changed since), if known."""

    fingerprint: str
    blob: str | None
    line: int  # in the lock file


@dataclass(frozen=True)
class TranslationLock:
    """translations.lock.yml: per source chapter (its file name without .md), language and section id (OPENING
    for the title and opening text), the record of the source text the translation follows."""

    records: Mapping[tuple[str, str, str], TranslationRecord] = field(
        default_factory=lambda: MappingProxyType({}))
    path: str = "translations.lock.yml"

    def record(self, chapter: str, lang: str, section: str) -> TranslationRecord | None:
        return self.records.get((chapter, lang, section))


@dataclass(frozen=True)
class Corpus:
    """Everything loaded: laws by id, chapters in order, every text file, and where it was loaded from."""

    root: str
    revision: str | None  # the git revision loaded, None for the working tree
    settings: Settings
    laws: Mapping[str, Law]
    chapters: tuple[Chapter, ...]
    files: tuple[TextFile, ...]
    glossary: tuple[Term, ...] = ()
    translations: TranslationLock = field(default_factory=TranslationLock)

    def chapters_in(self, lang: str) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.lang == lang)

    def translation(self, source: Chapter, lang: str) -> Chapter | None:
        """The chapter in `lang` that translates the source chapter `source`, if there is one."""
        for c in self.chapters:
            if c.lang == lang and not c.is_source and c.number == source.number and c.slug == source.slug:
                return c
        return None

    def source_chapter(self, chapter: Chapter) -> Chapter | None:
        """The source-language chapter that `chapter` translates (itself for a source chapter)."""
        for c in self.chapters:
            if c.is_source and c.number == chapter.number and c.slug == chapter.slug:
                return c
        return None

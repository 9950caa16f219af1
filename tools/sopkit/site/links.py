"""`[label](law:…)` and `[label](sop:…)` links made into links a reader can follow, in the reader's language.

A `law:` link goes to the provision on the law's page in the reader's language (`…/ar/laws/iq/law-28-2012/#6.2`);
a `sop:` link goes to the section on the chapter page of the reader's language, or of the source language where
that language has no page holding it. A link written without a label gets the words for its target. Links are
written to pages by their source names (layout.py), so mkdocs resolves them, checks their anchors and makes
them relative. Code is never touched: the spans come from the model's code blocks and inline code.

A link to a provision carries the provision's words (excerpts.py) as its title, shown on hover, and by the
site's script (citations.js) on a tap or on keyboard focus. The link stands in a `<span class="sop-cite">`
whose `data-lang` and `data-dir` say what language those words are in: the reader's, or the law's
authoritative text where the law has none in the reader's language (a title attribute cannot say it itself).

A link that cannot be followed (an unknown law or section, a provision the page does not show) is reported;
its words stay as text, or the link goes to the law's page without the provision.

Example:
    >>> linker = Linker(corpus, Layout(corpus))
    >>> linker.rewrite("see [](sop:interviewing-victims)", (), "05-investigation.ar.md", "ar/05-investigation/", "ar")
    Rewritten(text='see [القسم 5\\.4 \\(مقابلة الضحايا\\)](05-investigation.ar.md#interviewing-victims)', unresolved=[])
"""

from __future__ import annotations

import html
from typing import NamedTuple
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from ..citations.find import find_links
from ..citations.targets import LawTarget, SectionTarget, parse_target
from ..labels import numerals, section_label
from ..lookup import link_words
from ..model import Chapter, Corpus
from .excerpts import Excerpts
from .layout import Layout, relative_src
from .pages import direction
from .strings import say
from .text import fill, markdown_text, quoted_title


class Unresolved(NamedTuple):
    offset: int  # where the link starts in the text
    message: str


class Rewritten(NamedTuple):
    text: str
    unresolved: list[Unresolved]


class Linker:
    """Rewrites the citation links of one corpus's pages."""

    def __init__(self, corpus: Corpus, layout: Layout):
        self.corpus = corpus
        self.layout = layout
        self.excerpts = Excerpts(corpus)
        self._words = link_words(corpus)

    def words(self, target: str, lang: str) -> str:
        """The words a reader sees for a link written without a label. The one place the site asks for them:
        the labels layer (sopkit/labels.py) will answer here."""
        return self._words(target, lang)

    def label(self, target: str, lang: str) -> str:
        """The words of a link written without a label, as Markdown. A section not translated into `lang` is
        named by its source-language title, isolated in its own direction: an English title inside Arabic or
        Kurdish words would otherwise pull the brackets around it out of place."""
        words = self.words(target, lang)
        named = parse_target(target)
        found = section_label(self.corpus, named.section, lang) if isinstance(named, SectionTarget) else None
        if found is None or not found.fallback or found.title not in words:
            return markdown_text(words)
        before, _, after = words.rpartition(found.title)
        return (f'{markdown_text(before)}<bdi lang="{found.title_lang}" dir="{direction(found.title_lang)}">'
                f"{markdown_text(found.title)}</bdi>{markdown_text(after)}")

    def rewrite(self, text: str, skip, page_src: str, page_url: str, lang: str) -> Rewritten:
        """`text` with every citation link outside the `skip` spans made followable from the page `page_src`
        (at `page_url`) of the `lang` site."""
        out: list[str] = []
        unresolved: list[Unresolved] = []
        pos = 0
        for link in find_links(text, list(skip)):
            out.append(text[pos:link.start])
            pos = link.end
            target = parse_target(link.target)
            href, problem = self._href(target, page_src, page_url, lang)
            if problem:
                unresolved.append(Unresolved(link.start, problem))
            label = link.label if link.label and link.label.strip() else self.label(link.target, lang)
            out.append(self._link(label, href, target, lang, problem) if href else label)
        out.append(text[pos:])
        return Rewritten("".join(out), unresolved)

    def law_link(self, label: str, law_id: str, provision: str | None, page_src: str, page_url: str,
                 lang: str) -> str:
        """A link to `provision` of `law_id` (its whole page where None) with `label` (Markdown) as its words,
        as `rewrite` writes it; just the label where the law is unknown."""
        target = LawTarget(law_id, provision or None)
        href, problem = self._href(target, page_src, page_url, lang)
        return self._link(label, href, target, lang, problem) if href else label

    def section_link(self, section_id: str, page_src: str, page_url: str, lang: str) -> str | None:
        """A link to a section of the SOP labelled as a legal writer refers to it, "[section 5.4 (Interviewing
        victims)](…)", as `rewrite` writes `[](sop:…)`; None for an unknown section."""
        target = SectionTarget(section_id)
        href, _ = self._href(target, page_src, page_url, lang)
        return f"[{self.label(f'sop:{section_id}', lang)}]({href})" if href else None

    def chapter_link(self, chapter: Chapter, page_src: str, page_url: str, lang: str) -> str:
        """A link to a chapter's page in the `lang` site, "[chapter 5 (TIP and SOM Investigation)](…)"; a title
        in another language than `lang` is isolated in its own direction, as a section's is."""
        title = chapter.title or chapter.slug
        number = numerals(str(chapter.number), lang)
        shown = (f'<bdi lang="{chapter.lang}" dir="{direction(chapter.lang)}">{markdown_text(title)}</bdi>'
                 if chapter.lang != lang else markdown_text(title))
        label = fill(say(lang, "chapter_label"), number=markdown_text(number), title=shown)
        if self.layout.is_built_in(chapter, lang):
            href = _quoted(relative_src(self.layout.chapter_src(chapter), page_src))
        else:
            href = get_relative_url(self.layout.chapter_url(chapter), page_url)
        return f"[{label}]({href})"

    def _link(self, label: str, href: str, target, lang: str, problem: str | None) -> str:
        """The Markdown of a followable link; one to a provision carries the provision's words."""
        if not isinstance(target, LawTarget) or not target.provision or problem:
            return f"[{label}]({href})"
        law = self.corpus.laws[target.law]
        excerpt = self.excerpts.of(law, target.provision, lang)
        if excerpt is None:
            return f"[{label}]({href})"
        # The span is the one place that can say which language the title is in; it changes nothing else.
        return (f'<span class="sop-cite" data-lang="{html.escape(excerpt.lang)}" '
                f'data-dir="{direction(excerpt.lang)}">'
                f"[{label}]({href} {quoted_title(excerpt.text)})</span>")

    def _href(self, target, page_src: str, page_url: str, lang: str) -> tuple[str | None, str | None]:
        if isinstance(target, LawTarget):
            law = self.corpus.laws.get(target.law)
            if law is None:
                return None, f"no law '{target.law}' in laws/"
            page = _quoted(relative_src(self.layout.law_src(target.law, lang), page_src))
            if not target.provision:
                return page, None
            shown = self.layout.law_text(law, lang)
            if shown is None or shown.provision(target.provision) is None:
                return page, f"{target.law} has no provision '{target.provision}' in the text its {lang} page shows"
            return f"{page}#{_quoted(target.provision)}", None
        if isinstance(target, SectionTarget):
            chapter = self.layout.section_page(target.section, lang)
            if chapter is None:
                return None, f"no SOP section '{target.section}'"
            anchor = "#" + _quoted(target.section)
            if self.layout.is_built_in(chapter, lang):
                return _quoted(relative_src(self.layout.chapter_src(chapter), page_src)) + anchor, None
            # the reader's language has a page for this chapter, but without this section: the source page
            return get_relative_url(self.layout.chapter_url(chapter), page_url) + anchor, None
        return None, "not a law: or sop: link"


def _quoted(path: str) -> str:
    return quote(path, safe="/.-_~")

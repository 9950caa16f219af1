"""The project's mkdocs plugin (`plugins: [sop, …, i18n]` in mkdocs.yml): a thin adapter between mkdocs and the
library. It checks and loads the corpus once, then, in each language build of mkdocs-static-i18n:

- adds the generated pages (a home page, a page per law) to the files, with the alternates the language
  switcher reads, and makes a navigation of that language's pages only;
- gives each chapter page its text from the model (chapters.py): links, section numbers, notices;
- sets `dir` beside `lang` on <html> (Material sets it only on <body>).

Before i18n validates its configuration, it widens i18n's check of locale codes so that `ckb` (ISO 639-3, the
code of the SOP's Sorani files) is accepted; Material gets a `ckb` language partial from overrides/.

Example (mkdocs.yml):
    plugins:
      - sop
      - search: {lang: en}
      - i18n: {docs_structure: suffix, reconfigure_search: false, languages: [...]}
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify_unicode
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..diagnostics import Severity
from ..model import Chapter, Corpus
from ..visible import show
from ..translations.present import presentation
from .chapters import chapter_page
from .citedby import CitationIndex, law_cited_by
from .glossary import GLOSSARY, glossary_page
from .layout import LAWS_FOLDER, SOP_FOLDER, Layout
from .links import Linker
from . import offline, policy
from .overview import Overview, overview_page, overview_src, page_url
from .pages import chapter_title, direction, home_page, law_page
from .printed import print_files, print_note
from .search import with_reader_language, write_site_search
from .strings import say
from .text import html_text

log = get_plugin_logger(__name__)

OVERRIDES = Path(__file__).resolve().parent / "overrides"
# mkdocs-static-i18n's own check accepts only two-letter codes (en, en-US, en_US); this one also takes ckb.
LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")
STYLESHEET = "assets/stylesheets/sop.css"  # in overrides/, copied into the site with the theme's files
SWITCHER = "assets/javascripts/switcher.js"  # the language switcher keeps the reader's anchor
CITATIONS_SCRIPT = "assets/javascripts/citations.js"  # a citation's provision text on a tap or keyboard focus
CONTENT_STYLESHEET = "assets/stylesheets/content.css"  # "cited by" lists, that text, the overview's charts
AFTER_I18N = -110  # i18n makes each language's files and navigation at priority -100; these events follow it
_HTML_TAG = re.compile(r"<html\b[^>]*>")
# Material's <link rel="alternate" hreflang> in <head>: its script fetches `sitemap.xml` beside each of them,
# taking them for language roots; here they are the page itself in each language, so every page load would
# make three requests that fail. The language switcher's links carry hreflang for the same pages.
_ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


class SopPlugin(BasePlugin):
    """mkdocs events → sopkit.site. `corpus` may be set by the caller (sop build, which has checked it)."""

    def __init__(self) -> None:
        super().__init__()
        self.corpus: Corpus | None = None
        self.layout: Layout | None = None
        self.linker: Linker | None = None
        self.overview: Overview | None = None  # with the citation index, made once per build
        self._chapters: dict[str, Chapter] = {}
        self._texts: dict[str, str] = {}
        self.download: bytes | None = None  # the downloadable copy (offline.py), set by sop build
        self.printed: dict[str, bytes] = {}  # the print edition's files (printed.py), set by sop build
        self.printed_pages: dict[str, int] = {}
        self._serving = False  # mkdocs serve: no service worker (a cache-first worker would show stale drafts)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def load_config(self, options, config_file_path=None):
        _widen_i18n_locales()  # before i18n, listed after this plugin, validates its languages
        return super().load_config(options, config_file_path)

    # -- once per build of mkdocs (i18n builds each language again with the same plugins) --------------

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        docs = Path(config.docs_dir)
        if docs.name != SOP_FOLDER:
            raise PluginError(f"the sop plugin builds the SOP: docs_dir must be the corpus's {SOP_FOLDER}/ folder, "
                              f"not {docs}")
        if self.corpus is None:
            self.corpus = _checked_corpus(docs.parent)
        if self.layout is None:
            self.layout = Layout(self.corpus)
            self.linker = Linker(self.corpus, self.layout)
            self.overview = Overview(self.corpus, self.layout, CitationIndex(self.corpus, self.layout), self.linker)
            self._chapters = {self.layout.chapter_src(c): c for c in self.corpus.chapters}
            self._texts = {f.path: f.text for f in self.corpus.files}
        laws = str(docs.parent / LAWS_FOLDER)
        if laws not in config.watch:  # mkdocs serve rebuilds when a law changes too, not only a chapter
            config.watch.append(laws)
        if str(OVERRIDES) not in config.theme.dirs:  # the ckb language partial and the site's stylesheet
            config.theme.dirs.insert(0, str(OVERRIDES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SWITCHER not in config.extra_javascript:
            config.extra_javascript.append(SWITCHER)
        offline.configure(config)  # print stylesheet, service worker, search worker under file://
        for asset, where in ((CITATIONS_SCRIPT, config.extra_javascript), (CONTENT_STYLESHEET, config.extra_css)):
            if asset not in where:
                where.append(asset)
        # Headings without an explicit id get one from their words in any script: the default slugify keeps
        # ASCII only, so every Arabic or Kurdish heading would be `_1`, `_2` ...
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slugify_unicode)
        return config

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        lang = self._language(config)
        languages = self._languages(config)
        layout = self.layout
        title = config.site_name  # i18n has set the language's own
        # Material marks a page whose front matter has `status: draft` in the navigation, titled with this word
        config.extra.setdefault("status", {})["draft"] = say(lang, "draft", "title")
        self._add(files, config, layout.home_src(lang), home_page(self.corpus, layout, lang, title), lang,
                  {other: layout.home_src(other) for other in languages})
        for law in self.corpus.laws.values():
            src = layout.law_src(law.id, lang)
            cited_by = law_cited_by(self.overview.index, self.linker, law.id, lang, src,
                                    page_url(src, config.use_directory_urls))
            self._add(files, config, src, law_page(law, lang, layout, cited_by), lang,
                      {other: layout.law_src(law.id, other) for other in languages})
        self._add(files, config, overview_src(layout, lang),
                  overview_page(self.overview, lang, config.use_directory_urls), lang,
                  {other: overview_src(layout, other) for other in languages})
        self._add(files, config, f"{layout.folder(lang)}{GLOSSARY}", glossary_page(self.corpus, lang), lang,
                  {other: f"{layout.folder(other)}{GLOSSARY}" for other in languages})
        if self.download is not None:  # in every language's files: each home page links to it
            files.append(offline.download_file(config, self.download))
        for file in print_files(config, self.printed):
            files.append(file)
        return files

    @event_priority(AFTER_I18N)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The navigation of one language: home, the chapters in order (translated, or the source chapter in
        its place), then the laws."""
        lang = self._language(config)
        layout = self.layout

        def page(src: str) -> Page | None:
            file = files.get_file_from_path(src)
            return file.page if file is not None else None

        home = page(layout.home_src(lang))
        overview = page(overview_src(layout, lang))
        glossary = page(f"{layout.folder(lang)}{GLOSSARY}")
        chapters = [p for c in layout.source_chapters() if (p := page(layout.chapter_src(layout.chapter_in(c, lang))))]
        laws = [p for law_id in sorted(self.corpus.laws) if (p := page(layout.law_src(law_id, lang)))]
        section = Section(say(lang, "laws"), laws)
        items = [home, overview, *chapters, section, glossary]
        pages = [home, overview, *chapters, *laws, glossary]
        for item in items:
            item.parent = None
        for page in laws:
            page.parent = section
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
            page.previous_page, page.next_page = before, after
        navigation = Navigation(items, pages)
        navigation.homepage = home
        return navigation

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = self._language(config)
        if getattr(page.file, "generated_by", None):
            if page.file.src_uri == self.layout.home_src(lang):  # in the navigation: "Home", not the SOP's title
                page.meta["title"] = html_text(say(lang, "home"))
                notes = ""
                if self.printed:  # the volumes to print, then the copy to read offline: before the chapters
                    notes += print_note(lang, page.file.src_uri, self.printed, self.printed_pages)
                if self.download is not None:
                    notes += offline.download_note(lang, page.file.src_uri, len(self.download))
                markdown = _before_first_section(markdown, notes)
            return markdown
        chapter = self._chapters.get(page.file.src_uri)
        if chapter is None:
            return markdown
        shown = presentation(self.corpus, chapter, self.overview.states) if chapter.lang == lang else None
        source_text = self._texts.get(shown.source.path, "") if shown is not None else ""
        made = chapter_page(chapter, self._texts.get(chapter.path, markdown), lang, self.linker,
                            page.file.src_uri, page.url, shown, source_text)
        for problem in made.problems:
            log.warning(show(f"{chapter.path}:{problem.line}:{problem.column}: {problem.message}"))
        page.meta["title"] = html_text(chapter_title(chapter))
        return made.markdown

    @event_priority(40)  # after i18n's (50), which points the switcher at the page's alternates
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """Point every entry of the language switcher at this page in that language, home pages included."""
        alternates = getattr(page.file, "alternates", None)
        for entry in config.extra.get("alternate") or []:
            other = alternates.get(entry.get("lang")) if alternates else None
            if other is not None:
                entry["link"] = other.url or "./"
        return context

    @event_priority(-200)  # last: the policy hashes the page's inline scripts as they will be served
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        lang = self._language(config)
        for problem in policy.markup_problems(page.content or ""):  # behind sop check's V013 and V014
            log.warning(show(f"{page.file.src_uri}: the page would hold {problem}"))
        output = with_reader_language(_with_language(output, lang), lang, self.corpus.settings.source_language)
        return policy.with_policy(output, page.content or "")

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        lang = self._language(config)
        if lang != self.corpus.settings.source_language:
            # each language's build writes the theme's 404.html at the site root: keep the source language's
            return ""  # (mkdocs skips an empty template)
        return policy.with_policy(with_reader_language(_with_language(output_content, lang), lang, lang))

    @event_priority(-150)  # after i18n's (-100), which builds the other languages and merges their search index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site's search (search.py), once every language is built: i18n runs the other languages'
        builds inside the first one's post-build, where this plugin's post-build runs too: skip those."""
        if getattr(config.plugins.get("i18n"), "building", False):
            return
        sizes = write_site_search(config.site_dir, list(config.theme.dirs), self.corpus.settings.source_language,
                                  self._languages(config))
        log.info(f"search index: {sizes['before']} bytes as Material wrote it, {sizes['after']} as written")
        # last, once every file is written: the service worker's list and version are those of the whole site
        if not self._serving:
            offline.write_service_worker(Path(config.site_dir), {lang: self.layout.folder(lang) for lang in
                                                                 self._languages(config)}, config.use_directory_urls)

    # -- helpers ---------------------------------------------------------------------------------------

    def _language(self, config: MkDocsConfig) -> str:
        i18n = config.plugins.get("i18n")
        current = getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None)
        return current or self.corpus.settings.source_language

    def _languages(self, config: MkDocsConfig) -> list[str]:
        i18n = config.plugins.get("i18n")
        return list(getattr(i18n, "build_languages", None) or [self._language(config)])

    def _add(self, files: Files, config: MkDocsConfig, src: str, content: str, lang: str,
             alternates: dict[str, str]) -> None:
        """A generated page, with what i18n and its language switcher read of a page's file."""
        file = File.generated(config, src, content=content)
        file.locale = file.locale_alternate_of = lang
        file.localization = None
        file.norm_src_uri = src
        file.alternates = {other: file if other == lang else
                           File(path, None, config.site_dir, config.use_directory_urls)  # only its url is read
                           for other, path in alternates.items()}
        files.append(file)


def _with_language(html: str, lang: str) -> str:
    """The page with `lang` and its direction on <html>, where screen readers, search engines and the
    browser's own layout (scroll bars, form controls) read them."""
    html = _ALTERNATE_LINK.sub("", html)
    return _HTML_TAG.sub(f'<html lang="{lang}" dir="{direction(lang)}" class="no-js">', html, count=1)


def _checked_corpus(root: Path) -> Corpus:
    """Load and check the corpus at `root` (as `sop check`): an error is a warning of the build, so that
    `mkdocs build --strict` fails on it, with file, line and column."""
    from ..check import check

    result = check(root)
    for d in result.report.diagnostics:
        where = show(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.value}: {d.message}")
        if d.severity is Severity.ERROR:
            log.warning(where)
        else:
            log.info(where)
    return result.corpus


def _widen_i18n_locales() -> None:
    try:
        from mkdocs_static_i18n import config as i18n_config
    except ImportError:  # the plugin works without i18n: one language only
        return
    i18n_config.RE_LOCALE = LOCALE


def _before_first_section(markdown: str, notes: str) -> str:
    """`notes` (Markdown blocks) put before the page's first `## ` heading (at its end when it has none)."""
    if not notes:
        return markdown
    at = markdown.find("\n## ")
    if at < 0:
        return markdown + notes
    return markdown[:at + 1] + notes.lstrip("\n") + "\n\n" + markdown[at + 1:]

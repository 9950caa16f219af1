"""The pages the site makes from the corpus rather than from a file of sop/: a home page per language, and a page
per law and language. Each is Markdown, rendered by mkdocs like a chapter.

A law page gives the law's metadata, a banner where its text is a working summary, and every provision under a
heading whose anchor is the provision's id (`#6.2`). Where the law has no text in the page's language, the page
says so and gives the authoritative text, marked with its own language and direction. Words in another
language than the page's (an English chapter title on the Arabic home page) are marked with theirs.

Example:
    >>> print(law_page(corpus.laws["iq/law-28-2012"], "en", Layout(corpus)))
    # Anti-Human Trafficking Law No. 28 of 2012
    ...
    ## Article 6 {#6}
"""

from __future__ import annotations

from ..labels import numerals
from ..model import RTL_LANGUAGES, Chapter, Corpus, Law
from .layout import Layout, relative_src
from .strings import say, term, words
from .text import fill, ltr_markdown, markdown_text, quoted_title

SAFE_ID = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
OVERVIEW = "overview.md"  # the overview page (overview.py), in each language's folder beside its home page


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def language_attributes(lang: str) -> str:
    """An attribute list (attr_list) marking a heading or a link as words in `lang`."""
    return f'{{: lang="{lang}" dir="{direction(lang)}" }}'


def admonition(kind: str, title: str, text: str) -> list[str]:
    """An admonition block (Material's notice box) with a title and one paragraph of plain words."""
    return admonition_markdown(kind, title, markdown_text(text))


def admonition_markdown(kind: str, title: str, body: str) -> list[str]:
    """An admonition whose paragraph is Markdown already."""
    return [f"!!! {kind} {quoted_title(title)}", "", "    " + body, ""]


def in_language(lang: str, lines: list[str]) -> list[str]:
    """`lines` (Markdown) marked as text in `lang`, inside a page of another language (md_in_html)."""
    return [f'<div lang="{lang}" dir="{direction(lang)}" markdown>', "", *lines, "", "</div>", ""]


def foreign(markdown: str, own: str, lang: str, block: bool = False) -> str:
    """Words in another language than the page's, isolated in their own direction (an English chapter title
    standing in on the Arabic page); with `block`, a paragraph of its own direction (a note of several lines,
    whose lines start and end as its language's do)."""
    if own == lang:
        return markdown
    tag = "div" if block else "bdi"
    return f'<{tag} lang="{own}" dir="{direction(own)}">{markdown}</{tag}>'


def chapter_title(chapter: Chapter) -> str:
    """A chapter's title with its number in the chapter's own digits: "5. TIP and SOM Investigation",
    "٥. لێکۆڵینەوە ..." (labels.numerals: the digits a section label uses in that language)."""
    return f"{numerals(str(chapter.number), chapter.lang)}. {chapter.title or chapter.slug}"


def section_heading(section, lang: str) -> str:
    """A section's heading with its computed number, in the digits of `lang`, the language of its chapter."""
    return f"{numerals(section.number_text, lang)} {section.label}" if section.number else section.label


def home_page(corpus: Corpus, layout: Layout, lang: str, title: str) -> str:
    """The home page of the `lang` site: the SOP's title, the working-summary notice, the chapters with their
    numbered sections, and the laws."""
    src = layout.home_src(lang)
    out = [f"# {markdown_text(title)}", ""]
    out += admonition("warning", say(lang, "working_summaries", "title"), say(lang, "working_summaries", "text"))
    overview = relative_src(f"{layout.folder(lang)}{OVERVIEW}", src)
    out += [f"[{markdown_text(say(lang, 'overview', 'home_link'))}]({overview})", ""]
    glossary = relative_src(f"{layout.folder(lang)}glossary.md", src)  # site/glossary.py writes it
    out += [f"[{markdown_text(say(lang, 'glossary', 'home_link'))}]({glossary})", ""]
    out += [f"## {markdown_text(say(lang, 'chapters'))}", ""]
    for source in layout.source_chapters():
        chapter = layout.chapter_in(source, lang)
        page = relative_src(layout.chapter_src(chapter), src)
        foreign = chapter.lang != lang
        mark = language_attributes(chapter.lang) if foreign else ""
        note = f" ({markdown_text(words(lang)['languages'].get(chapter.lang, chapter.lang))})" if foreign else ""
        out.append(f"- [{markdown_text(chapter_title(chapter))}]({page}){mark}{note}")
        for section in chapter.sections:
            if section.level == 2 and section.id:
                out.append(f"    - [{markdown_text(section_heading(section, chapter.lang))}]({page}#{section.id}){mark}")
    out += ["", f"## {markdown_text(say(lang, 'laws'))}", ""]
    for law in sorted(corpus.laws.values(), key=lambda law: law.id):
        link = f"[{markdown_text(law_title(law, lang))}]({relative_src(layout.law_src(law.id, lang), src)})"
        shown = _title_language(law, lang)
        out.append(f"- {link}" + (language_attributes(shown) if shown != lang else ""))
    return "\n".join(out) + "\n"


def law_page(law: Law, lang: str, layout: Layout, cited_by=None) -> str:
    """The page of `law` in `lang`. `cited_by`, if given, gives the Markdown listing the sections of the SOP
    that cite a provision, or the whole law when called with None (citedby.law_cited_by): the list for the
    whole law stands after the metadata, a provision's after its text."""
    cited_by = cited_by or (lambda provision: [])
    text = layout.law_text(law, lang)
    meta = law.meta
    shown = _title_language(law, lang)
    out = [f"# {markdown_text(law_title(law, lang))}" + (f" {language_attributes(shown)}" if shown != lang else ""),
           ""]
    if text is not None and text.lang != lang:
        name = words(lang)["languages"].get(text.lang, text.lang)
        out += admonition("warning", say(lang, "untranslated_law", "title"),
                          say(lang, "untranslated_law", "text", language=name))
    if meta is not None and meta.text_status.get(text.lang if text else lang) == "summary":
        out += admonition("danger", say(lang, "law_summary", "title"), say(lang, "law_summary", "text"))
    out += metadata(law, lang, text.lang if text else None)
    out += cited_by(None)
    if text is None:
        return "\n".join(out) + "\n"
    body: list[str] = []
    for provision in text.provisions:
        level = "#" * min(max(provision.level, 2), 6)
        anchor = f" {{#{provision.id}}}" if provision.id and set(provision.id) <= SAFE_ID else ""
        body += [f"{level} {markdown_text(provision.label)}{anchor}", ""]
        history = meta.provisions.get(provision.id) if meta is not None and provision.id else None
        if history is not None:
            body += [f"*{provision_history(history, lang)}*", ""]
        body += [provision.text.strip("\n"), ""]
        if provision.id:
            body += cited_by(provision.id)
    out += body if text.lang == lang else in_language(text.lang, body)
    return "\n".join(out) + "\n"


def law_title(law: Law, lang: str) -> str:
    """The law's title in `lang`: its text's heading, else law.yml's title, else the authoritative text's."""
    own = law.texts.get(lang)
    if own is not None and own.title:
        return own.title
    if law.meta is not None and law.meta.title.get(lang):
        return law.meta.title[lang]
    shown = law.text(lang)
    return shown.title if shown is not None and shown.title else law.id


def _title_language(law: Law, lang: str) -> str:
    """The language `law_title` answers in."""
    own = law.texts.get(lang)
    if (own is not None and own.title) or (law.meta is not None and law.meta.title.get(lang)):
        return lang
    shown = law.text(lang)
    return shown.lang if shown is not None and shown.title else "en"


def metadata(law: Law, lang: str, shown_lang: str | None) -> list[str]:
    """The law's metadata (law.yml) as a list of `label: value` lines in `lang`."""
    meta = law.meta
    if meta is None:
        return []
    labels = words(lang)["metadata"]
    rows = [(labels["type"], markdown_text(term(lang, "types", meta.type))),
            (labels["jurisdiction"], markdown_text(term(lang, "jurisdictions", meta.jurisdiction)))]
    if meta.number:
        rows.append((labels["number"], ltr_markdown(meta.number)))
    rows.append((labels["year"], ltr_markdown(meta.year)))
    rows += [(term(lang, "dates", kind), ltr_markdown(date)) for kind, date in meta.dates.items()]
    if meta.gazette:
        parts = []
        if "issue" in meta.gazette:
            parts.append(fill(say(lang, "metadata", "gazette_issue"), issue=ltr_markdown(meta.gazette["issue"])))
        if "date" in meta.gazette:
            parts.append(ltr_markdown(meta.gazette["date"]))
        rows.append((labels["gazette"], " · ".join(parts)))
    rows.append((labels["status"], markdown_text(term(lang, "statuses", meta.status))))
    for amendment in meta.amendments:
        parts = [ltr_markdown(x) for x in (amendment.date, amendment.by) if x]
        if amendment.note:
            parts.append(markdown_text(amendment.note))
        rows.append((labels["amendments"], " ".join(parts)))
    rows.append((labels["authoritative"], markdown_text(words(lang)["languages"].get(meta.authoritative,
                                                                                   meta.authoritative))))
    if shown_lang and shown_lang in meta.text_status:
        rows.append((labels["text_status"], markdown_text(term(lang, "text_statuses", meta.text_status[shown_lang]))))
    return [f"- **{markdown_text(label)}:** {value}" for label, value in rows] + [""]


def provision_history(history, lang: str) -> str:
    """What happened to a provision (law.yml `provisions`), as Markdown: repealed or amended, when, by what."""
    what = "repealed" if history.repealed else "amended"
    date = ltr_markdown(history.repealed or history.amended)
    if history.by:
        return fill(say(lang, f"{what}_by"), date=date, by=ltr_markdown(history.by))
    return fill(say(lang, what), date=date)

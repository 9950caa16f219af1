"""The annex of a volume: the text of every law provision the printed chapters cite, in the volume's language
where the law has a text in it (else in its authoritative text, saying so), each law marked as official text,
translation or working summary.

A cited provision is printed with the whole article that holds it, the article's heading and every part under
it, so that a paragraph is read with the article it belongs to; an article is printed once however many of its
parts are cited. Every heading printed gets an id (`annex:<law>:<provision>`, with the law id's `/` written `:`)
that a citation's annex reference points to, down to the part cited. Citation links inside a law's text are
printed as their words.

Example:
    >>> annex = Annex(corpus, "ar", cited={"iq/law-28-2012": {"6.1.b", None}})
    >>> annex.target("iq/law-28-2012", "6.1.b")
    'annex:iq:law-28-2012:6.1.b'
"""

from __future__ import annotations

from ..labels import provision_label
from ..model import Corpus, Law
from ..site.pages import direction
from ..site.strings import say, term, words
from . import ast as A

ROOT = "annex"
ROOT_ID = "annex:cited"  # the annex's heading. Generated ids hold ":", which no section id can (validate.py)


def law_anchor(law_id: str, provision: str | None = None) -> str:
    base = f"{ROOT}:{law_id.replace('/', ':')}"
    return f"{base}:{provision}" if provision else base


class Annex:
    """The annex of one volume, made from the citations of its chapters: `cited` maps a law id to the provision
    ids cited (None for a citation of the whole law)."""

    def __init__(self, corpus: Corpus, lang: str, cited: dict[str, set]):
        self.corpus = corpus
        self.lang = lang
        self.cited = {law: ids for law, ids in cited.items() if law in corpus.laws}
        self.blocks: list = []
        self.ids: set[str] = set()
        self._blocks: dict[str, list] = {}  # law text path -> its blocks as pandoc reads them
        if self.cited:
            self._make()

    def target(self, law_id: str, provision: str | None) -> str | None:
        """The id a citation of `provision` (None: the whole law) of `law_id` points to: the provision's own
        heading, else its article's, else the law's; None for a law the annex does not hold."""
        for candidate in ([law_anchor(law_id, provision), law_anchor(law_id, provision.split(".")[0])]
                          if provision else []) + [law_anchor(law_id)]:
            if candidate in self.ids:
                return candidate
        return None

    def _make(self) -> None:
        lang = self.lang
        self._read_texts()
        self.blocks = [A.header(1, A.text_inlines(say(lang, "print", "annex", "title")), ROOT_ID),
                       {"t": "Para", "c": A.text_inlines(say(lang, "print", "annex", "text"))}]
        self.ids.add(ROOT_ID)
        for law_id in sorted(self.cited, key=_law_order(self.corpus)):
            self.blocks += self._law(self.corpus.laws[law_id], self.cited[law_id])

    def _read_texts(self) -> None:
        """Every law text the annex prints from, read by pandoc (one process per text, two at a time)."""
        from concurrent.futures import ThreadPoolExecutor

        paths = {text.path for law_id in self.cited if (text := self.corpus.laws[law_id].text(self.lang))}
        sources = {f.path: f.text for f in self.corpus.files if f.path in paths}
        with ThreadPoolExecutor(max_workers=2) as pool:
            read = pool.map(lambda path: A.read_blocks(sources[path], f"read {path}"), sorted(sources))
            self._blocks = dict(zip(sorted(sources), read))

    def _law(self, law: Law, cited: set) -> list:
        lang = self.lang
        anchor = law_anchor(law.id)
        self.ids.add(anchor)
        out = [A.header(2, A.text_inlines(provision_label(self.corpus, law.id, None, lang)), anchor)]
        text = law.text(lang)
        if text is None:
            return out + [A.status_line(say(lang, "print", "annex", "missing",
                                            provision=provision_label(self.corpus, law.id, None, lang)))]
        status = law.meta.text_status.get(text.lang) if law.meta else None
        line = term(lang, "text_statuses", status) if status else ""
        if text.lang != lang:
            language = words(lang)["languages"].get(text.lang, text.lang)
            line = f"{line}. {say(lang, 'print', 'annex', 'other_language', language=language)}".lstrip(". ")
        if line:
            out.append(A.status_line(line))
        articles = {p.split(".")[0] for p in cited if p}
        found = self._articles(law, text, articles)
        if text.lang != lang and found:  # the authoritative text in its own language and direction
            found = [A.in_language(text.lang, direction(text.lang), found)]
        out += found
        for provision in sorted((p for p in cited if p), key=_provision_order):
            if law_anchor(law.id, provision) not in self.ids and law_anchor(law.id, provision.split(".")[0]) \
                    not in self.ids:
                out.append(A.status_line(say(lang, "print", "annex", "missing",
                                             provision=provision_label(self.corpus, law.id, provision, lang,
                                                                       form="short"))))
        return out

    def _articles(self, law: Law, text, articles: set[str]) -> list:
        """The blocks of the cited articles of `text`, in the law's order, headings renumbered for the annex."""
        blocks = self._blocks.get(text.path)
        if blocks is None:
            return []
        out: list = []
        keeping: int | None = None  # the level of the article being copied, None when outside a cited article
        for block in blocks:
            if block["t"] == "Header":
                level, (ident, classes, attrs), inlines = block["c"]
                if keeping is not None and level <= keeping:
                    keeping = None
                if keeping is None and ident in articles and text.provision(ident) is not None:
                    keeping = level
                if keeping is not None:
                    new_id = law_anchor(law.id, ident) if ident else ""
                    if new_id in self.ids:
                        new_id = ""
                    if new_id:
                        self.ids.add(new_id)
                    out.append(A.header(min(6, level - keeping + 3), _words_only(inlines), new_id))
                    continue
            if keeping is not None:
                out += A.replace_inlines([block], _link_words)
        return out


def _words_only(inlines: list) -> list:
    return A.replace_inlines(inlines, _link_words)


def _link_words(inline: dict):
    """A citation link inside a law's text, printed as its words (the annex does not cite itself)."""
    if inline["t"] == "Link" and inline["c"][2][0].startswith(("law:", "sop:")):
        return A.replace_inlines(inline["c"][1], _link_words)
    return None


def _law_order(corpus: Corpus):
    order = {law_id: n for n, law_id in enumerate(sorted(corpus.laws))}
    return lambda law_id: order[law_id]


def _provision_order(pid: str):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in pid.split(".")]

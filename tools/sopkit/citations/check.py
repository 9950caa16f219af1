"""The citations pass of `sop check` (C101-C109): every citation in every chapter, linked or plain, resolved
against the corpus (document.py) and checked.
"""

from __future__ import annotations

import hashlib
import re

from ..diagnostics import Diagnostic, diagnostic
from ..memo import Memo
from ..parallel import map_items
from ..model import Chapter, Corpus, Law
from ..normalize import fold
from .document import ChapterCitation, chapter_citations
from .find import Citation, find_in_label
from .resolve import Resolution, Resolver, law_names
from .targets import law_target, parse_target

QUOTE_AFTER = re.compile(r"\s*[:،,]?\s*(?:\"([^\"\n]{8,})\"|“([^”\n]{8,})”|«([^»\n]{8,})»)")
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\s*\.\.\.\s*\])\s*")


def check_citations(corpus: Corpus, memo: Memo | None = None) -> list[Diagnostic]:
    """C101-C109 over every chapter of the corpus."""
    names, resolver = _law_index(corpus, memo)
    texts = {f.path: f.text for f in corpus.files}
    sections = {lang: frozenset(s.id for ch in corpus.chapters_in(lang) for s in ch.sections if s.id)
                for lang in corpus.settings.languages}
    chapters = [ch for ch in corpus.chapters if ch.path in texts]

    def one(chapter):
        """A chapter's own findings, and what each of its sections cites (for C109)."""
        text = texts[chapter.path]
        cites = chapter_citations(corpus, chapter, text, names, resolver)
        found = [d for cc in cites for d in _check_one(corpus, cc, text, names, sections, resolver)]
        return _drop_unlinkable(found, cites, text), cited_by_section(cites)

    if memo is None:
        results = map_items(one, chapters)
    else:
        # a chapter's findings depend on its own text, on the laws and on which sections exist
        token = (resolver, hashlib.blake2b(repr(sorted((lang, sorted(ids)) for lang, ids in sections.items()))
                                           .encode(), digest_size=16).digest())
        results = [memo.get("citations", ch, one, token) for ch in chapters]
    out: list[Diagnostic] = [d for found, _ in results for d in found]
    cited = {ch.path: by_section for ch, (_, by_section) in zip(chapters, results)}
    out += _check_translations(corpus, cited)
    return out


# Where a plain-text citation cannot become a link (linkable.py's reasons): no C106 there, since its advice,
# "write it as a link", would nest links, break an image or a definition, or sit unseen in a comment. The
# citation is still resolved and checked (C101-C105, C108).
_CANNOT_HOLD_A_LINK = frozenset({"link text", "link target", "html link", "image", "reference", "html",
                                 "html block", "comment", "autolink", "code", "front matter"})


def _drop_unlinkable(found: list[Diagnostic], cites: list[ChapterCitation], text: str) -> list[Diagnostic]:
    """`found` without the C106 of citations that stand where Markdown cannot hold a link."""
    unlinked = {(d.line, d.column) for d in found if d.code == "C106"}
    if not unlinked:
        return found
    from ..linkable import unlinkable

    plain = [cc for cc in cites if (cc.line, cc.column) in unlinked and cc.resolution.citation.kind == "plain"]
    refused = unlinkable(text, [(cc.resolution.citation.start, cc.resolution.citation.end) for cc in plain])
    inside = {(plain[i].line, plain[i].column) for i, why in refused.items() if why in _CANNOT_HOLD_A_LINK}
    return [d for d in found if d.code != "C106" or (d.line, d.column) not in inside]


def _law_index(corpus: Corpus, memo: Memo | None):
    """Law names and a resolver, built again only when some law changed."""
    laws = tuple(corpus.laws.values())
    if memo is None:
        return law_names(corpus), Resolver(corpus)
    return memo.get("law index", memo, lambda _: (law_names(corpus), Resolver(corpus)), token=_Identity(laws))


class _Identity:
    """Compares equal to another only when both hold the very same objects."""

    def __init__(self, items: tuple):
        self.items = items

    def __eq__(self, other) -> bool:
        return isinstance(other, _Identity) and len(other.items) == len(self.items) and \
            all(a is b for a, b in zip(self.items, other.items))

    __hash__ = None


def _check_one(corpus: Corpus, cc: ChapterCitation, text: str, names, sections, resolver) -> list[Diagnostic]:
    c, res, ch = cc.resolution.citation, cc.resolution, cc.chapter
    at = (ch.path, cc.line, cc.column)
    if c.law.kind == "sop":
        target = parse_target(c.target).section
        known = sections.get(ch.lang, set()) | sections.get(corpus.settings.source_language, set())
        if target not in known:
            return [diagnostic("C107", *at, f"no SOP section '{target}'",
                               _closest(target, known, "link to an existing section id"))]
        return []
    out = []
    if res.status == "unknown-law":
        out.append(diagnostic("C101", *at, f"unknown law: {res.hint}", "add the law under laws/ or correct the citation"))
    elif res.status == "unknown-provision":
        out.append(diagnostic("C102", *at, f"unknown provision: {res.hint}",
                              f"cite an existing provision{f', e.g. {res.suggestion}' if res.suggestion else ''}, "
                              "or add the provision to the law's text"))
    elif res.status == "repealed":
        out.append(diagnostic("C103", *at, f"cites a repealed {'provision' if c.provisions else 'law'}: {res.hint}",
                              f"cite its successor{f' ({res.suggestion})' if res.suggestion else ''} instead"))
    if res.status == "ok" and res.law:
        out += _amended_since_review(corpus.laws[res.law], res, ch, at)
        out += _quoted_text(corpus.laws[res.law], res, ch, text, at)
    if c.kind == "link" and c.label and res.law:
        out += _label_mismatch(c, res, names, resolver, at)
    if c.kind == "plain" and res.status in ("ok", "ambiguous") and wants_link(c):
        out.append(_unlinked(c, res, at))
    return out


def _amended_since_review(law: Law, res: Resolution, ch: Chapter, at) -> list[Diagnostic]:
    if not ch.reviewed or law.meta is None:
        return []
    dates = []
    for p in res.provisions or ("",):
        parts = p.split(".") if p else []
        for n in range(len(parts), 0, -1):
            h = law.meta.provisions.get(".".join(parts[:n]))
            if h and h.amended and h.amended > ch.reviewed:
                dates.append((h.amended, h.by, ".".join(parts[:n])))
        for a in law.meta.amendments:
            touches = not a.provisions or not p or any(p == q or p.startswith(q + ".") or q.startswith(p + ".")
                                                       for q in a.provisions)
            if a.date and a.date > ch.reviewed and touches:
                dates.append((a.date, a.by, p or law.id))
    if not dates:
        return []
    date, by, what = max(dates)
    return [diagnostic("C104", *at, f"{law.id} {what} was amended on {date}{f' by {by}' if by else ''}, after this "
                       f"chapter's citations were reviewed ({ch.reviewed})",
                       "re-read the provision, update the text if needed, then set 'reviewed' in the front matter")]


def _label_mismatch(c: Citation, res: Resolution, names, resolver: Resolver, at) -> list[Diagnostic]:
    label = _label_citations(c.label, names)
    if not label:
        return []
    first = label[0]
    out = []
    if first.provisions and c.provisions and c.provisions[0] not in first.provisions:
        out.append(diagnostic("C105", *at, f"the link text names {_names_of(first)} but the link points to "
                              f"{c.provisions[0]}", f"make the text and the target agree: "
                              f"[...]({law_target(res.law, first.provisions[0])}) or change the text"))
    if first.law.kind in ("number", "name"):
        other = resolver.fresh().resolve(first)
        if other.law and other.law != res.law:
            out.append(diagnostic("C105", *at, f"the link text names the law {other.law} but the link points to "
                                  f"{res.law}", "make the text and the target name the same law"))
    return out


def _label_citations(label: str, names) -> list[Citation]:
    """Citations in a link's text, remembered per corpus: the same texts recur ("Article 123 of the CPC")."""
    cache = names.labels
    if label not in cache:
        cache[label] = find_in_label(label, names)
    return cache[label]


def _names_of(c: Citation) -> str:
    return ("provision " + ", ".join(c.provisions)) if c.provisions else "the whole law"


def wants_link(c: Citation) -> bool:
    """A citation of provisions, or of a law by its number, is a reference a reader follows: it should be a link. A
    law named by its name alone ("the Constitution", "the Protocol") is a mention, and is left as written."""
    return bool(c.provisions) or c.law.kind == "number"


def _unlinked(c: Citation, res: Resolution, at) -> Diagnostic:
    if res.status == "ambiguous":
        return diagnostic("C106", *at, f"plain-text citation '{c.text}' without a link, and its law is unclear",
                          "name the law and write the citation as a link: [text](law:<law id>#<provision>)")
    if len(res.provisions) <= 1:
        target = law_target(res.law, res.provisions[0] if res.provisions else None)
        return diagnostic("C106", *at, f"plain-text citation '{c.text}' without a link",
                          f"write it as [{c.text}]({target})")
    return diagnostic("C106", *at, f"plain-text citation '{c.text}' without a link",
                      "link each provision: " + ", ".join(f"[]({law_target(res.law, p)})" for p in res.provisions[:5])
                      + (" ..." if len(res.provisions) > 5 else ""))


def _quoted_text(law: Law, res: Resolution, ch: Chapter, text: str, at) -> list[Diagnostic]:
    """C108: a quotation right after a citation must be the provision's text (official or translated texts only)."""
    if len(res.provisions) != 1:
        return []
    m = QUOTE_AFTER.match(text, res.citation.end)
    if not m:
        return []
    quote = next(g for g in m.groups() if g)
    law_text = law.texts.get(ch.lang)
    if law_text is None or law.meta.text_status.get(ch.lang) == "summary":
        return []  # a summary is not the law's wording: there is nothing to compare a quotation with
    provision = law_text.provision(res.provisions[0])
    if provision is None:
        return []
    body = fold(provision.text)
    missing = [part for part in ELLIPSIS.split(quote) if part.strip() and fold(part) not in body]
    if not missing:
        return []
    return [diagnostic("C108", *at, f"the quotation differs from the text of {law.id} {res.provisions[0]}: "
                       f"'{missing[0][:60]}' is not in it",
                       f"quote exactly, from {law_text.path}:{provision.text_line}")]


def _check_translations(corpus: Corpus, cited: dict) -> list[Diagnostic]:
    """C109: a translated section cites the same provisions as its source section."""
    out = []
    for chapter in corpus.chapters:
        if chapter.is_source:
            continue
        source = corpus.source_chapter(chapter)
        if source is None:
            continue
        mine, theirs = cited.get(chapter.path, {}), cited.get(source.path, {})
        for sid in dict.fromkeys(list(theirs) + list(mine)):
            if sid and chapter.section(sid) is None:
                continue  # a section not translated yet is T002's (translations/status.py), not a citation gap
            missing = theirs.get(sid, set()) - mine.get(sid, set())
            extra = mine.get(sid, set()) - theirs.get(sid, set())
            if not missing and not extra:
                continue
            sec = chapter.section(sid) if sid else None
            line, col = (sec.line, sec.id_column) if sec else (1, 1)
            parts = []
            if missing:
                parts.append("does not cite " + ", ".join(sorted(missing)))
            if extra:
                parts.append("cites " + ", ".join(sorted(extra)) + " which the source does not")
            out.append(diagnostic("C109", chapter.path, line, col,
                                  f"section {sid or '(introduction)'} " + "; ".join(parts),
                                  f"cite the same provisions as {source.path}"))
    return out


def cited_by_section(cites: list[ChapterCitation]) -> dict:
    """What each section of a chapter cites, as law:provision keys, by section id (None for the introduction):
    the provisions C109 and `sop i18n mark` compare between a translation and its source."""
    out: dict = {}
    for cc in cites:
        r = cc.resolution
        if r.law and r.status != "unknown-law" and (r.citation.kind == "link" or wants_link(r.citation)):
            keys = {f"{r.law}#{p}" for p in r.provisions} or {r.law}
            out.setdefault(cc.section, set()).update(keys)
    return out


def _closest(target: str, known: set[str], fallback: str) -> str:
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover
        return fallback
    ranked = process.extract(target, known, scorer=fuzz.ratio, limit=2)
    if ranked and ranked[0][1] >= 70 and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= 8):
        return f"did you mean sop:{ranked[0][0]}?"
    return fallback

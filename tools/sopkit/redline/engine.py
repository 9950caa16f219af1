"""Compare two drafts of the SOP: chapters by id and language, sections by id, paragraphs by similarity, words.

No diff ever runs over a whole document. Sections are matched by their stable ids (an id that changed is
matched by the similarity of the section's text). A paragraph is a block of the model (model.Block: a
paragraph, a whole list or table, a code block with its blank lines); paragraphs are matched first by exact text
inside each section, then the rest of the document's changed paragraphs are paired by rapidfuzz similarity (a
pair across sections is a move), and only then are the words of each paired paragraph compared. A change never
crosses a paragraph or a section boundary; citations are single tokens, so a citation whose target changed is
one change.

Example:
    >>> from sopkit.drafts import load_draft
    >>> d = diff_drafts(load_draft(".", "wg-2"), load_draft(".", "wg-3"))
    >>> d.summary()["sections_changed"]
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from ..citations.document import passage_citations
from ..citations.resolve import Resolver, law_names
from ..labels import numerals
from ..model import Chapter, Corpus
from .units import UNIT_KINDS, unit_ops, unit_starts
from .words import Token, WordOp, counted, tokenize, whole_op, word_ops

Labels = Callable[[str, str], str]  # (link target, language) -> the words to show for a link without a label

PAIR_SCORE = 55  # paragraphs less alike than this are a deletion and an insertion, not one edited paragraph
RENAME_SCORE = 60  # sections whose ids differ are the same section renamed only when this alike


@dataclass(frozen=True)
class Change:
    section: str | None  # the section's id in the new draft (the old id for a removed section)
    kind: str  # added, removed, modified, moved, renamed
    old_section: str | None
    ops: tuple[WordOp, ...]
    line: int | None = None  # where the section starts in the new draft
    title: str = ""  # the section as a reader names it: its computed number and heading, "5.6 Questioning suspects"
    by: tuple = ()  # who made the change: history.Credit (or drafts.Revision) of each commit, filled by credit.py

    @property
    def name(self) -> str:
        """How a redline names the section: its number and title, else its id, else the introduction."""
        return self.title or self.section or "(introduction)"

    @property
    def inserted_words(self) -> int:
        return counted(list(self.ops))[0]

    @property
    def deleted_words(self) -> int:
        return counted(list(self.ops))[1]

    def as_dict(self) -> dict:
        return {"section": self.section, "title": self.title, "kind": self.kind, "old_section": self.old_section,
                "inserted_words": self.inserted_words, "deleted_words": self.deleted_words,
                "by": [credit_dict(c) for c in self.by], "ops": [o.as_dict() for o in self.ops]}


def credit_dict(credit) -> dict:
    return {"author": credit.author, "date": credit.date, "draft": getattr(credit, "draft", None),
            "commit": getattr(credit, "commit", None)}


@dataclass(frozen=True)
class CitationChange:
    section: str | None
    lang: str
    kind: str  # added, removed, retargeted
    old: str | None
    new: str | None

    def as_dict(self) -> dict:
        return {"section": self.section, "lang": self.lang, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class DocumentDiff:
    id: str
    lang: str
    path: str  # in the new draft (the old path for a removed chapter)
    old_path: str | None
    front_matter: dict  # field -> [old, new], for title, status and reviewed
    changes: tuple[Change, ...]
    slots: tuple[Slot, ...] = ()  # the whole chapter in reading order, for renderers
    titles: tuple[tuple[str, str], ...] = ()  # (section id, "5.6 Title") of both drafts' sections (the new wins)

    def title(self, section: str | None) -> str:
        """A section as a reader names it, from its id (its id when untitled; the introduction for None)."""
        return dict(self.titles).get(section) or section or "(introduction)"

    def as_dict(self) -> dict:
        return {"id": self.id, "lang": self.lang, "path": self.path, "old_path": self.old_path,
                "front_matter": self.front_matter, "changes": [c.as_dict() for c in self.changes]}


@dataclass(frozen=True)
class DraftDiff:
    old: str
    new: str
    documents: tuple[DocumentDiff, ...]
    citations: tuple[CitationChange, ...]
    # chapter files whose line endings changed (path, old, new: "LF", "CRLF", "mixed"): not a change of the text
    line_endings: tuple[tuple[str, str, str], ...] = ()
    laws: tuple = ()  # laws.LawChange: provisions whose text changed, with the sections citing them
    # chapter files that gained or lost a byte-order mark (path, had one, has one): no change of the text either
    byte_order_marks: tuple[tuple[str, bool, bool], ...] = ()

    def summary(self) -> dict:
        changes = [c for d in self.documents for c in d.changes]
        return {
            "documents_changed": sum(1 for d in self.documents if d.changes or d.front_matter),
            "sections_changed": len({(d.path, c.section) for d in self.documents for c in d.changes}),
            "inserted_words": sum(c.inserted_words for c in changes if c.kind != "moved"),
            "deleted_words": sum(c.deleted_words for c in changes if c.kind != "moved"),
            "moves": sum(c.kind == "moved" for c in changes),
            "renames": sum(c.kind == "renamed" for c in changes),
            "citations": {k: sum(c.kind == k for c in self.citations) for k in ("added", "removed", "retargeted")},
            "line_endings_changed": len(self.line_endings),
            "byte_order_marks_changed": len(self.byte_order_marks),
            "provisions_changed": len(self.laws),
        }

    def summary_text(self) -> str:
        """The summary as one sentence, for the redlines that people read."""
        s = self.summary()
        c = s["citations"]
        return (f"{s['documents_changed']} chapter file(s) and {s['sections_changed']} section(s) changed: "
                f"{s['inserted_words']} word(s) inserted, {s['deleted_words']} deleted, {s['moves']} move(s), "
                f"{s['renames']} rename(s); citations {c['added']} added, {c['removed']} removed, "
                f"{c['retargeted']} retargeted." + self._laws_text() + self._line_endings_text())

    def _laws_text(self) -> str:
        if not self.laws:
            return ""
        cited = sum(1 for change in self.laws if change.cited_by)
        return (f" Laws: {len(self.laws)} provision(s) changed, {cited} of them cited by the SOP (listed with the "
                "sections to re-read).")

    def _line_endings_text(self) -> str:
        out = ""
        if self.line_endings:
            files = ", ".join(f"{path} ({old} to {new})" for path, old, new in self.line_endings)
            out += f" Line endings changed, which is no change of the text: {files}."
        if self.byte_order_marks:
            files = ", ".join(f"{path} ({'added' if new else 'removed'})" for path, _, new in self.byte_order_marks)
            out += f" Byte-order mark added or removed, which is no change of the text: {files}."
        return out

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "documents": [d.as_dict() for d in self.documents if d.changes
                                                                or d.front_matter],
                "citations": [c.as_dict() for c in self.citations], "summary": self.summary(),
                "line_endings": [{"path": p, "old": o, "new": n} for p, o, n in self.line_endings],
                "byte_order_marks": [{"path": p, "old": o, "new": n} for p, o, n in self.byte_order_marks],
                "laws": [change.as_dict() for change in self.laws]}


# -- the comparison ---------------------------------------------------------------------------------------------

@dataclass
class _Section:
    id: str | None
    label: str
    paragraphs: list[str]
    line: int | None = None
    level: int = 2
    title: str = ""  # the computed number and the heading's text, as a reader names the section
    kinds: list[str] = field(default_factory=list)  # each paragraph's kind of block (model.Block.kind)

    def kind(self, k: int) -> str:
        return self.kinds[k] if k < len(self.kinds) else "paragraph"

    def heading(self) -> str:
        """The heading line as the format writes it ("" for a chapter's introduction)."""
        return "" if self.id is None and not self.label else f"{'#' * self.level} {self.label} {{#{self.id}}}"


@dataclass(frozen=True)
class Slot:
    """One heading or paragraph of a chapter in reading order, as the redlines show it.

    `same`: kept in place, perhaps edited (`ops` turn the old text into the new); `inserted` and `deleted`: one
    operation holding the whole text; `moved_from`: the old text where it was; `moved_to`: where it is now, with
    `ops` turning the old text into the new. The two slots of one move share their `move` number."""

    kind: str  # same, inserted, deleted, moved_from, moved_to
    ops: tuple[WordOp, ...]
    move: int | None = None
    heading: bool = False
    block: str = "paragraph"  # the kind of block (model.Block.kind) the slot holds: a table's rows are units
    section: str | None = None  # the id of the section it stands in (the old one for text that left)

    @property
    def old(self) -> str:
        return "".join(o.old for o in self.ops)

    @property
    def new(self) -> str:
        return "".join(o.new for o in self.ops)

    @property
    def changed(self) -> bool:
        return self.kind != "same" or any(o.op != "equal" for o in self.ops)

    def flat(self) -> list[WordOp]:
        """The slot as plain insertions and deletions, for redlines that have no moves (CriticMarkup)."""
        if self.kind == "moved_from":
            return [WordOp("delete", self.old, "", moved=True)]
        if self.kind == "moved_to":
            return [WordOp("insert", "", self.new, moved=True)]
        return list(self.ops)


@dataclass
class _Side:
    corpus: Corpus
    names: object = None
    resolver: object = None
    cache: dict = field(default_factory=dict)

    def tokens(self, paragraph: str) -> list[Token]:
        """A paragraph's tokens, each citation one token keyed by what it cites."""
        if paragraph not in self.cache:
            if self.names is None:
                self.names = law_names(self.corpus)
                self.resolver = Resolver(self.corpus)
            spans = []
            for _, r in passage_citations(self.corpus, paragraph, self.names, resolver=self.resolver):
                c = r.citation
                key = c.target if c.kind == "link" else (
                    f"law:{r.law}" + (f"#{r.provisions[0]}" if r.provisions else "") if r.law else c.text)
                spans.append((c.start, c.end, key))
            self.cache[paragraph] = _blank_lines_apart(tokenize(paragraph, spans))
        return self.cache[paragraph]


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")  # a blank line, also between Windows line endings


def _blank_lines_apart(tokens: list[Token]) -> list[Token]:
    """The tokens with each blank line inside a paragraph (a code block's, a loose list's: paragraphs are the
    model's blocks) as a token of its own, compared by its number of line breaks. The white space after a word is
    never compared, since reflowing a paragraph is no change; but a blank line added to or taken from a code
    block or a list is one, and a redline that writes white space once (CriticMarkup) must keep both sides'."""
    if not any("\n" in t.text for t in tokens):
        return tokens
    out = []
    for t in tokens:
        space = t.text[len(t.core):]
        m = _BLANK_LINE.search(space) if "\n" in space else None
        if m is None:
            out.append(t)
            continue
        cut = len(t.core) + m.start()
        if cut:
            out.append(t._replace(text=t.text[:cut]))
        out.append(Token("\n" * space.count("\n", m.start()), t.text[cut:]))
    return out


def diff_drafts(old: Corpus, new: Corpus, old_name: str = "old", new_name: str = "new",
                chapter: str | None = None, lang: str | None = None) -> DraftDiff:
    """Every change between the chapters of two drafts, optionally of one chapter id and one language."""
    def key(c: Chapter):
        return (c.id or f"{c.number:02d}-{c.slug}", c.lang)

    def wanted(c: Chapter) -> bool:
        return (chapter is None or c.id == chapter) and (lang is None or c.lang == lang)

    olds = {key(c): c for c in old.chapters if wanted(c)}
    news = {key(c): c for c in new.chapters if wanted(c)}
    selected = {c.path for c in (*olds.values(), *news.values())}
    a, b = _Side(old), _Side(new)
    documents, citations = [], []
    for k in sorted(set(olds) | set(news), key=lambda k: (k[0], k[1] != new.settings.source_language, k[1])):
        doc, cites = _diff_chapter(olds.get(k), news.get(k), a, b)
        documents.append(doc)
        citations += cites
    from .laws import law_changes

    laws = law_changes(old, new)
    if chapter is not None or lang is not None:  # the provisions the selected chapters cite
        laws = tuple(replace(c, cited_by=tuple(s for s in c.cited_by if s.path in selected)) for c in laws
                     if any(s.path in selected for s in c.cited_by))
    return DraftDiff(old_name, new_name, tuple(documents), tuple(citations),
                     _line_endings(old, new, olds, news), laws, _byte_order_marks(old, new, olds, news))


def _line_endings(old: Corpus, new: Corpus, olds: dict, news: dict) -> tuple[tuple[str, str, str], ...]:
    """The chapter files of both drafts whose line endings differ (the comparison reads past them)."""
    return _file_forms(old, new, olds, news, lambda f: _endings(f.text))


def _byte_order_marks(old: Corpus, new: Corpus, olds: dict, news: dict) -> tuple[tuple[str, bool, bool], ...]:
    """The chapter files of both drafts of which one starts with a byte-order mark and the other not."""
    return _file_forms(old, new, olds, news, lambda f: f.bom)


def _file_forms(old: Corpus, new: Corpus, olds: dict, news: dict, form) -> tuple[tuple[str, object, object], ...]:
    """(path, old form, new form) of each chapter file in both drafts whose `form(TextFile)` differs: how the
    file is saved, which the comparison of the text reads past."""
    old_files = {f.path: f for f in old.files}
    new_files = {f.path: f for f in new.files}
    out = []
    for k in sorted(set(olds) & set(news)):
        a, b = old_files.get(olds[k].path), new_files.get(news[k].path)
        if a is not None and b is not None and form(a) != form(b):
            out.append((news[k].path, form(a), form(b)))
    return tuple(out)


def _endings(text: str) -> str:
    """How a text ends its lines: LF, CRLF, or mixed."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "CRLF" if crlf and not lf else "mixed" if crlf else "LF"


def _sections(chapter: Chapter | None) -> list[_Section]:
    """The chapter's introduction and sections, each with its paragraphs: the blocks of the model (a whole list,
    a whole table, a code block with its blank lines), so that no change is cut inside one."""
    if chapter is None:
        return []
    out = [_Section(None, "", [b.text for b in chapter.intro_blocks], 1, kinds=[b.kind for b in chapter.intro_blocks])
           ] if chapter.intro.strip() else []
    out += [_Section(s.id, s.label, [b.text for b in s.blocks], s.line, s.level,
                     f"{numerals(s.number_text, chapter.lang)} {s.label}".strip(), [b.kind for b in s.blocks])
            for s in chapter.sections]
    return out


def _diff_chapter(old: Chapter | None, new: Chapter | None, a: _Side, b: _Side):
    ref = new or old
    lang = ref.lang
    if old is not None and new is not None and _content(old) == _content(new):  # the same file text: no change
        same = tuple(Slot("same", (WordOp("equal", t, t),), heading=k == 0 and bool(sec.heading()),
                          block=sec.kind(k - 1) if k else "heading")
                     for sec in _sections(new) for k, t in enumerate([sec.heading(), *sec.paragraphs]) if t)
        return DocumentDiff(ref.id or ref.slug, lang, new.path, old.path, {}, (), same), []
    front = {}
    for name in ("title", "status", "reviewed"):
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before != after and old is not None and new is not None:
            front[name] = [before, after]
    olds, news = _sections(old), _sections(new)
    pairs = _match_sections(olds, news)
    changes: list[Change] = []
    cites: list[CitationChange] = []
    matched_old = {id(o) for o, _ in pairs}
    matched_new = {id(n) for _, n in pairs}
    # paragraphs: exact matches inside each section pair, then similarity across the whole chapter
    leftovers_old, leftovers_new, exact = [], [], {}
    for o, n in pairs:
        sm = difflib.SequenceMatcher(None, o.paragraphs, n.paragraphs, autojunk=False)
        exact[id(n)] = sm.get_opcodes()
        for tag, i1, i2, j1, j2 in exact[id(n)]:
            if tag != "equal":
                leftovers_old += [(o, i) for i in range(i1, i2)]
                leftovers_new += [(n, j) for j in range(j1, j2)]
    for o in olds:
        if id(o) not in matched_old:
            leftovers_old += [(o, i) for i in range(len(o.paragraphs))]
    for n in news:
        if id(n) not in matched_new:
            leftovers_new += [(n, j) for j in range(len(n.paragraphs))]
    partner = _pair_paragraphs(leftovers_old, leftovers_new)
    section_of = {id(n): o for o, n in pairs}
    order = _moved_sections(olds, news, section_of)
    moves = _Moves()
    slots_of: dict[int, list[Slot]] = {}  # the slots of each new section (and of each removed old one)
    for n in news:
        o = section_of.get(id(n))
        if o is None:
            slots, arrivals, section_cites = _section_slots(None, n, [], partner, moves, a, b, lang)
            changes.append(Change(n.id, "added", None, _own(slots), n.line, n.title))
        else:
            if o.id != n.id or o.label != n.label:
                changes.append(Change(n.id, "renamed", o.id, tuple(word_ops(tokenize(o.label), tokenize(n.label))),
                                      n.line, n.title))
            if id(n) in order:
                changes.append(Change(n.id, "moved", o.id, (WordOp("equal", _join(o), _join(o)),), n.line, n.title))
            slots, arrivals, section_cites = _section_slots(o, n, exact[id(n)], partner, moves, a, b, lang)
            own = _own(slots)
            if any(op.op != "equal" for op in own):
                changes.append(Change(n.id, "modified", o.id if o.id != n.id else None, own, n.line, n.title))
        slots_of[id(n)] = slots
        changes += arrivals
        cites += section_cites
    for o in olds:
        if id(o) not in matched_old:
            slots, _, section_cites = _section_slots(o, None, [], partner, moves, a, b, lang)
            slots_of[id(o)] = slots
            changes.append(Change(o.id, "removed", o.id, _own(slots), None, o.title))
            cites += section_cites
    path = new.path if new else old.path
    reading = _reading_order(olds, news, section_of, order, slots_of, moves)
    titles = tuple({s.id: s.title for s in (*olds, *news) if s.id}.items())
    return DocumentDiff(ref.id or ref.slug, lang, path, old.path if old else None, front, tuple(changes),
                        reading, titles), cites


def _content(chapter: Chapter) -> tuple:
    return (chapter.title, chapter.status, chapter.reviewed, chapter.intro,
            tuple((s.id, s.label, s.level, s.text) for s in chapter.sections))


def _own(slots: list[Slot]) -> tuple[WordOp, ...]:
    """A section's own operations over its body: its heading is reported as a rename, and moves in and out are
    reported as moves, not as insertions or deletions."""
    return tuple(op for op in assemble([s.flat() for s in slots if not s.heading]) if not op.moved)


class _Moves:
    """Numbers for moves, the same from whichever end a move is met first."""

    def __init__(self) -> None:
        self.numbers: dict = {}

    def number(self, key) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)


def _reading_order(olds, news, section_of, moved, slots_of, moves: _Moves) -> tuple[Slot, ...]:
    """The chapter in reading order: sections kept in order are aligned; a moved section's paragraphs leave
    where it was and arrive where it is (each as a move of its own), removed and added ones where they were and
    are."""
    pair_of_old = {id(o): n for n in news for o in [section_of.get(id(n))] if o is not None}
    old_keys = [id(pair_of_old[id(o)]) if id(o) in pair_of_old and id(pair_of_old[id(o)]) not in moved
                else ("old", k) for k, o in enumerate(olds)]
    new_keys = [id(n) if id(n) in section_of and id(n) not in moved else ("new", k) for k, n in enumerate(news)]
    departures, arrivals = {}, {}
    for n in news:
        if id(n) in moved:
            departures[id(n)], arrivals[id(n)] = _split_move(slots_of[id(n)], moves)
    out: list[Slot] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            for n in news[j1:j2]:
                out += slots_of[id(n)]
            continue
        for o in olds[i1:i2]:
            n = pair_of_old.get(id(o))
            out += departures[id(n)] if n is not None else slots_of[id(o)]
        for n in news[j1:j2]:
            out += arrivals[id(n)] if id(n) in arrivals else slots_of[id(n)]
    return tuple(out)


def _split_move(slots: list[Slot], moves: _Moves) -> tuple[list[Slot], list[Slot]]:
    """A moved section's slots as what leaves the old place and what arrives at the new one."""
    departures, arrivals = [], []
    for s in slots:
        if s.kind == "same":
            number = moves.number(("section", id(s)))
            departures.append(replace(s, kind="moved_from", ops=(WordOp("delete", s.old, "", moved=True),),
                                      move=number))
            arrivals.append(replace(s, kind="moved_to", move=number))
        elif s.kind in ("deleted", "moved_from"):
            departures.append(s)
        else:
            arrivals.append(s)
    return departures, arrivals


def _whole(op: str, text: str, side: _Side) -> WordOp:
    """A paragraph (or section) inserted or deleted whole, with its words and citations counted."""
    return whole_op(op, side.tokens(text) if text else [])


def _join(s: _Section) -> str:
    return "\n\n".join(s.paragraphs)


def _match_sections(olds: list[_Section], news: list[_Section]) -> list[tuple[_Section, _Section]]:
    """Sections with the same id; then, among the rest, the same section under a new id (by similarity)."""
    by_id = {o.id: o for o in olds}
    pairs = [(by_id[n.id], n) for n in news if n.id in by_id]
    used = {id(o) for o, _ in pairs}
    rest_old = [o for o in olds if id(o) not in used]
    rest_new = [n for n in news if n.id not in by_id]
    if rest_old and rest_new:
        texts_old = [o.label + "\n" + _join(o) for o in rest_old]
        texts_new = [n.label + "\n" + _join(n) for n in rest_new]
        taken: set[int] = set()
        for (lo, hi), n, text in zip(_windows(texts_new, texts_old), rest_new, texts_new):
            ranked = process.extract(text, texts_old[lo:hi], scorer=fuzz.ratio,
                                     score_cutoff=RENAME_SCORE, limit=None)
            best = next(((score, lo + i) for _, score, i in ranked if lo + i not in taken), None)
            if best is not None:
                taken.add(best[1])
                pairs.append((rest_old[best[1]], n))
    return pairs


def _moved_sections(olds: list[_Section], news: list[_Section], section_of: dict) -> set[int]:
    """Sections whose order among the matched ones changed: those outside the longest run kept in order."""
    position = {id(o): i for i, o in enumerate(olds)}
    seq = [(position[id(section_of[id(n)])], id(n)) for n in news if id(n) in section_of]
    kept = _longest_increasing([p for p, _ in seq])
    return {n for k, (_, n) in enumerate(seq) if k not in kept}


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence of `values` (patience sorting)."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(values)
    for k, p in enumerate(values):
        lo = bisect.bisect_left(tails, p)
        if lo == len(tails):
            tails.append(p)
            tail_at.append(k)
        else:
            tails[lo], tail_at[lo] = p, k
        back[k] = tail_at[lo - 1] if lo else -1
    kept = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(k)
        k = back[k]
    return kept


# How much similarity scoring one chapter may cost, in the units of rapidfuzz's bit-parallel ratio (the length
# of one text times the 64-character words of the other; about 4e8 a second here). Within it every changed
# paragraph (or renamed section) is compared with every other, so a paragraph moved anywhere is found; beyond
# it (hundreds of long paragraphs rewritten at once, or generated and hostile drafts) each is compared with the
# old ones nearest its own place, so the work stays linear in the chapter's length and a far move shows as a
# deletion and an insertion.
SIMILARITY_BUDGET = 400_000_000


def _windows(texts_new: list[str], texts_old: list[str]):
    """For each new text, the old texts (lo, hi) it is compared with: all of them, or a window around its place."""
    count_new, count_old = len(texts_new), len(texts_old)
    mean_new = sum(map(len, texts_new)) / max(count_new, 1)
    mean_old = sum(map(len, texts_old)) / max(count_old, 1)
    per_pair = mean_new * (mean_old / 64 + 1) + 1
    if count_new * count_old * per_pair <= SIMILARITY_BUDGET:
        return [(0, count_old)] * count_new
    width = max(8, int(SIMILARITY_BUDGET / (count_new * per_pair)))
    out = []
    for j in range(count_new):
        lo = max(0, min(j * count_old // count_new - width // 2, count_old - width))
        out.append((lo, min(count_old, lo + width)))
    return out


def _pair_paragraphs(olds, news) -> dict:
    """Changed paragraphs paired by similarity across the chapter; both directions, keyed by (section, index)."""
    partner: dict = {}
    if not olds or not news:
        return partner
    texts_old = [o.paragraphs[i] for o, i in olds]
    texts_new = [n.paragraphs[j] for n, j in news]
    candidates = []
    for j, (text, (lo, hi)) in enumerate(zip(texts_new, _windows(texts_new, texts_old))):
        candidates += [(score, j, lo + i) for _, score, i in process.extract(
            text, texts_old[lo:hi], scorer=fuzz.ratio, score_cutoff=PAIR_SCORE, limit=None)]
    candidates.sort(reverse=True)
    used_old, used_new = set(), set()
    for _, j, i in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        (o, oi), (n, nj) = olds[i], news[j]
        partner[(id(o), oi)] = (n, nj)
        partner[(id(n), nj)] = (o, oi)
    return partner


def _section_slots(o: _Section | None, n: _Section | None, opcodes, partner, moves: _Moves, a: _Side,
                   b: _Side, lang: str):
    """The slots of a section (heading first), the moves arriving in it, and its citation changes. `o` is None
    for an added section and `n` for a removed one."""
    slots: list[Slot] = []
    arrivals: list[Change] = []
    cites: list[CitationChange] = []
    where = n.id if n is not None else o.id
    if o is not None and n is not None:
        if o.heading() or n.heading():
            slots.append(Slot("same", tuple(word_ops(tokenize(o.heading()), tokenize(n.heading()))), heading=True))
    elif o is not None:
        opcodes = [("delete", 0, len(o.paragraphs), 0, 0)]
        slots.append(Slot("deleted", (WordOp("delete", o.heading(), ""),), heading=True))
    else:
        opcodes = [("insert", 0, 0, 0, len(n.paragraphs))]
        slots.append(Slot("inserted", (WordOp("insert", "", n.heading()),), heading=True))
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            slots += [Slot("same", (WordOp("equal", p, p),), block=n.kind(j))
                      for p, j in zip(o.paragraphs[i1:i2], range(j1, j2))]
            continue
        # paragraphs edited in place, kept in the same order on both sides (a pair crossing them is a move)
        here = sorted((mate[1], i) for i in range(i1, i2) for mate in [partner.get((id(o), i))]
                      if mate is not None and mate[0] is n and j1 <= mate[1] < j2)
        kept = _longest_increasing([i for _, i in here])
        in_place = {j: i for k, (j, i) in enumerate(here) if k in kept}
        kept_old = set(in_place.values())
        next_old = i1

        def leave(i):  # an old paragraph that left this place
            mate = partner.get((id(o), i))
            if mate is None:
                slots.append(Slot("deleted", (_whole("delete", o.paragraphs[i], a),), block=o.kind(i)))
                cites.extend(_cite_changes(where, lang, a.tokens(o.paragraphs[i]), []))
            else:  # moved elsewhere: reported as a move where it arrives
                slots.append(Slot("moved_from", (WordOp("delete", o.paragraphs[i], "", moved=True),),
                                  moves.number((id(o), i)), block=o.kind(i)))

        for j in range(j1, j2):
            if j in in_place:
                for i in range(next_old, in_place[j]):
                    if i not in kept_old:
                        leave(i)
                next_old = in_place[j] + 1
            mate = partner.get((id(n), j))
            if mate is None:
                slots.append(Slot("inserted", (_whole("insert", n.paragraphs[j], b),), block=n.kind(j)))
                cites += _cite_changes(where, lang, [], b.tokens(n.paragraphs[j]))
                continue
            src, si = mate
            inner = _paragraph_ops(a, src.paragraphs[si], src.kind(si), b, n.paragraphs[j], n.kind(j))
            cites += _cite_changes(where, lang, a.tokens(src.paragraphs[si]), b.tokens(n.paragraphs[j]), inner)
            if j in in_place:
                slots.append(Slot("same", inner, block=n.kind(j)))  # the same paragraph, edited
            else:
                slots.append(Slot("moved_to", inner, moves.number((id(src), si)), block=n.kind(j)))
                arrivals.append(Change(n.id, "moved", src.id, inner, n.line, n.title))
        for i in range(next_old, i2):
            if i not in kept_old:
                leave(i)
    return [replace(s, section=where) for s in slots], arrivals, cites


def _paragraph_ops(a: _Side, old: str, old_kind: str, b: _Side, new: str, new_kind: str) -> tuple[WordOp, ...]:
    """The word operations turning one paragraph into the other; a table's rows and a list's items are units of
    their own (units.py)."""
    if old_kind not in UNIT_KINDS and new_kind not in UNIT_KINDS:
        return tuple(word_ops(a.tokens(old), b.tokens(new)))
    return tuple(unit_ops(a.tokens(old), b.tokens(new), unit_starts(old, old_kind), unit_starts(new, new_kind)))


def assemble(items: list[list[WordOp]]) -> list[WordOp]:
    """Paragraph operations joined by blank lines. A blank line belongs to each side that has paragraphs on
    both of its ends, so joining either side of the result gives that side's paragraphs joined by blank lines."""
    ops: list[WordOp] = []
    for separator, item in zip(separators(items), items):
        if separator is not None:
            ops.append(separator)
        ops += item
    return ops


def separators(items: list[list[WordOp]]) -> list[WordOp | None]:
    """The blank line before each paragraph when paragraphs are joined (see `assemble`): shared, one side's
    (a deletion or an insertion), or None before the first."""
    ops: list[WordOp | None] = []
    seen_old = seen_new = False
    last_old_moved = last_new_moved = False  # whether the side's previous paragraph left or arrived by a move
    for item in items:
        has_old = any(op.old for op in item)
        has_new = any(op.new for op in item)
        moved = all(op.moved for op in item)
        old_sep, new_sep = has_old and seen_old, has_new and seen_new
        if old_sep and new_sep:
            ops.append(WordOp("equal", "\n\n", "\n\n"))
        elif old_sep:  # a blank line that only the old side has goes with what left
            ops.append(WordOp("delete", "\n\n", "", moved=moved or last_old_moved))
        elif new_sep:
            ops.append(WordOp("insert", "", "\n\n", moved=moved or last_new_moved))
        else:
            ops.append(None)
        if has_old:
            seen_old, last_old_moved = True, moved
        if has_new:
            seen_new, last_new_moved = True, moved
    return ops


def _cite_changes(section, lang, old_tokens: list[Token], new_tokens: list[Token], ops=None):
    """Citations added, removed or retargeted between two versions of a paragraph (or a paragraph added or
    removed whole, when there are no operations)."""
    if ops is None:
        ops = [WordOp("delete" if old_tokens else "insert", "", "", 0, 0,
                      tuple(t.citation for t in old_tokens if t.citation),
                      tuple(t.citation for t in new_tokens if t.citation))]
    out = []
    for op in ops:
        before, after = list(op.old_cites), list(op.new_cites)
        if op.op == "replace":
            for x, y in zip(before, after):
                if x != y:
                    out.append(CitationChange(section, lang, "retargeted", x, y))
            before, after = before[len(after):], after[len(before):]
        if op.op != "equal":
            out += [CitationChange(section, lang, "removed", x, None) for x in before]
            out += [CitationChange(section, lang, "added", None, y) for y in after]
    return out

"""Find citations in text: Markdown links to `law:` and `sop:` targets, and plain-text citations in English,
Arabic and Kurdish.

Plain text is matched on a folded view (normalize.py), only in paragraphs that hold an anchor word, and read by
the grammar (grammar.py); links and code are masked first, so a citation never bridges them. Spans always refer
to the original text.

Example:
    >>> [c.provisions for c in find_citations("Art. 4(1), Law 28/2012")]
    [('4.1',)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..normalize import fold, normalize
from . import vocabulary as V
from .grammar import ANCHOR, _Reader, _is_word_char, citation_at
from .links import scan_links
from .names import LawNames
from .records import Citation, LawRef
from .targets import LawTarget, parse_target

__all__ = ["Citation", "LawNames", "LawRef", "find_citations", "find_in_label", "find_links"]


def find_citations(text: str, names: LawNames | None = None, start: int = 0, end: int | None = None,
                   skip: list[tuple[int, int]] | None = None) -> list[Citation]:
    """Plain-text citations in `text[start:end]`, outside the `skip` spans (code, links), in order.

    Skipped spans are masked (a citation never bridges them); only paragraphs that hold an anchor word
    (article, paragraph, a law's head word) are normalized and read.
    """
    end = len(text) if end is None else end
    masked = _mask(text, skip) if skip else text
    found: list[Citation] = []
    for p_start, p_end in _paragraphs(masked, start, end):
        if next(_anchors(masked[p_start:p_end].translate(_QUICK)), None) is None:
            continue
        found += _read(text, masked, p_start, p_end, names)
    return found


_QUICK = str.maketrans({**{c: None for c in "\u0640\u200c\u200d\u200e\u200f\u061c"}, **{
    k: v for k, v in ((chr(c), fold(chr(c))) for c in range(0x600, 0x700)) if v and len(v) == 1},
    **{chr(c): chr(c + 32) for c in range(65, 91)}})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _capitalised(original: str, words: str) -> bool:
    """Whether every word of an (unknown) English law name is capitalised where it stands in the text (Arabic and
    Kurdish have no capitals: their words pass)."""
    tail = original.split()[-len(words.split()):]
    return all(w[:1].isupper() or not (w[:1].isalpha() and w[:1].isascii()) for w in tail
               if w.lower() not in ("of", "on", "and", "the"))


def find_in_label(label: str, names: LawNames | None = None) -> list[Citation]:
    """Citations in a link's text: short and nearly always holding one, so read it without the pre-check."""
    return _read(label, label, 0, len(label), names)


def _anchors(s: str):
    """Anchor words of folded text `s` that start a word."""
    pos = 0
    while (m := ANCHOR.search(s, pos)) is not None:
        if m.start() == 0 or not _is_word_char(s[m.start() - 1]):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _paragraphs(text: str, start: int, end: int):
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _mask(text: str, skip: list[tuple[int, int]]) -> str:
    """`text` with every skipped span replaced by NULs of the same length: offsets stay, nothing matches there."""
    out, pos = [], 0
    for s0, e0 in _merge(skip):
        if s0 > pos:
            out.append(text[pos:s0])
        s0 = max(s0, pos)
        if e0 > s0:
            out.append("\0" * (e0 - s0))
            pos = e0
    out.append(text[pos:])
    return "".join(out)


def _merge(spans):
    merged: list[list[int]] = []
    for s0, e0 in sorted(spans):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    return merged


def _read(text: str, masked: str, start: int, end: int, names) -> list[Citation]:
    view = normalize(masked, start, end)
    reader = _Reader(view.text, names)
    s = view.text
    found: list[Citation] = []
    pos = 0
    for anchor in _anchors(s):
        a = anchor.start()
        if a < pos:
            continue
        got = citation_at(reader, a, anchor)
        if got is None:
            continue
        c_start, c_end, provisions, law = got
        o_start, o_end = view.original_span(c_start, c_end)
        while o_end > o_start and masked[o_end - 1] == "\0":
            o_end -= 1
        if not provisions and law.kind == "name" and text[o_start].islower() and not _named_in_any_case(law) \
                and not _IRAQ_BEFORE.search(text, max(0, o_start - 12), o_start):
            continue  # "residence law" is a phrase; "the Residence Law" names a law (English names are capitalised)
        if law.kind == "name" and law.law_id is None and not law.other \
                and not _capitalised(text[o_start:o_end], law.words):
            if not provisions:
                continue
            law = LawRef("none")  # "Article 5 of the law in force": the words after it are not a name
            c_end = reader.provision_chain(c_start)[0]
            o_start, o_end = view.original_span(c_start, c_end)
        found.append(Citation(o_start, o_end, text[o_start:o_end], provisions, law))
        pos = c_end
    return _another_state(text, _law_named_after(text, _shared_law(text, found)), start, end)


_SENTENCE_END = re.compile(r"(?<![Nn]o)(?<!Art)(?<!art)(?<!ara)(?<!\b[A-Za-z])[.!?؟](?=\s|$)|\n")
_STATES = {fold(w): state for w, state in V.OTHER_STATE.items()}
_IRAQ = {fold(w) for w in ("iraq", "iraqi", "iraq's", "العراق", "العراقي", "العراقية", "عێراق", "عێراقی",
                           "kurdistan", "کوردستان", "كوردستان", "هەرێمی",
                           # its cities and governorates: "Palestine Street in Baghdad" is in Iraq
                           "baghdad", "basra", "mosul", "erbil", "sulaymaniyah", "kirkuk", "najaf", "karbala", "duhok",
                           "anbar", "diyala", "nineveh", "babil", "wasit", "maysan", "dhi qar", "muthanna", "qadisiyah",
                           "salahuddin", "halabja", "بغداد", "البصرة", "الموصل", "أربيل", "اربيل", "السليمانية",
                           "كركوك", "النجف", "كربلاء", "دهوك", "الأنبار", "ديالى", "نينوى", "بابل", "واسط", "ميسان",
                           "ذي قار", "المثنى", "الديوانية", "صلاح الدين", "حلبجة", "هەولێر", "سلێمانی", "دهۆک",
                           "کەرکووک", "هەڵەبجە", "بەغدا", "بەسرە", "مووسڵ")}
_WORDS = re.compile(r"[\w\u0621-\u064a\u066e-\u06d3\u06d5-\u06ff'’]+")


def _another_state(text: str, found: list[Citation], start: int, end: int) -> list[Citation]:
    """A law named only by a name many states' laws share ("the Penal Code", "the Anti-Trafficking Law", "the
    constitution"), in a sentence that speaks of another state and not of Iraq, is that state's law: "The
    Jordanian parliament voted to repeal Article 308 of the penal code". So it is in a paragraph [start, end)
    that names another state and never Iraq (a decree of Egypt: "بعد الاطلاع على المادة 41 من الدستور. ... في
    مصر."). Each sentence and the paragraph are read once."""
    # a name with its number is specific ("Law No. 28 of 2012"); a treaty is every state's ("Egypt ratified the
    # Trafficking in Persons Protocol"), and so is "the Protocol"
    asks = [c for c in found if c.law.kind in ("name", "same", "none") and not c.law.other and c.kind == "plain"
            and not any(ch.isdigit() for ch in c.law.words) and not (c.law.law_id or "").startswith("un/")]
    if not asks:
        return found
    if paragraph := _sentence_state(text[start:end]):
        asking = {id(c) for c in asks}
        return [replace(c, law=replace(c.law, other=paragraph)) if id(c) in asking else c for c in found]
    lo, hi = max(0, asks[0].start - 600), min(len(text), asks[-1].end + 600)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    states: dict[int, str] = {}
    asking = {id(c) for c in asks}
    out = []
    for c in found:
        if id(c) in asking:
            k = bisect.bisect_right(ends, c.start)
            if k not in states:
                begin = ends[k - 1] if k else lo
                states[k] = _sentence_state(text[begin:ends[k] if k < len(ends) else hi])
            if states[k]:
                c = replace(c, law=replace(c.law, other=states[k]))
        out.append(c)
    return out


def _sentence_state(sentence: str) -> str:
    """The other state a sentence names, when it does not name Iraq; else ""."""
    words = _WORDS.findall(fold(sentence))
    words += [f"{a} {b}" for a, b in zip(words, words[1:])]  # "saudi arabia", "ذي قار"
    for w in words:
        if w in _IRAQ or w.removeprefix("و") in _IRAQ or w.removeprefix("ال") in _IRAQ:
            return ""
    return next((_STATES.get(w) or _STATES.get(w.removeprefix("و")) for w in words
                 if w in _STATES or w.removeprefix("و") in _STATES), "")


_CLAUSE_END = re.compile(r"[.!?؟:;؛\n]")  # "Article (1): Remove … of the Penal Code": a heading, not a citation of it
_IRAQ_BEFORE = re.compile(r"\b(?:Iraq['’]s|Iraqi) $")  # "Iraq's law on combating trafficking": named in any case
_COORDINATED = re.compile(r"[\s,،]*(?:and|&|و|وە)?[\s,،]*", re.IGNORECASE)
_CODE_WORDS = frozenset({"code", "constitution", "protocol", "convention"})


def _named_in_any_case(law: LawRef) -> bool:
    """A name that is a name in lower case too ("Iraq's penal code", "the constitution"); "residence law" is
    also a phrase."""
    return law.law_id is not None and not law.fuzzy and bool(_CODE_WORDS & set(law.words.split()))


def _law_named_after(text: str, found: list[Citation]) -> list[Citation]:
    """Provisions cited before any law in the paragraph take the law the same sentence names after them: "the
    Federal Court's decision on Article 140 is contrary to the Constitution"."""
    for k, c in enumerate(found):
        if c.law.kind != "none":
            break  # a law was named: what follows refers back to it (the resolver's "law cited before")
        after = next((x for x in found[k + 1:] if x.law.kind in ("name", "number", "id") and x.law.law_id), None)
        if after is not None and c.provisions and after.start - c.end <= 120 \
                and not _CLAUSE_END.search(text, c.end, after.start):
            found[k] = replace(c, law=after.law)
    return found


def _shared_law(text: str, found: list[Citation]) -> list[Citation]:
    """Citations joined by "and" share the law named after the last: "البند (أولاً) من المادة (61) والبند
    (ثالثاً) من المادة (73) من الدستور" cites 61.1 and 73.3, both of the Constitution."""
    for k in range(len(found) - 2, -1, -1):
        c, after = found[k], found[k + 1]
        if c.law.kind == "none" and c.provisions and after.provisions and after.law.kind != "none" \
                and _COORDINATED.fullmatch(text, c.end, after.start):
            found[k] = replace(c, law=after.law)
    return found


def _inside(i: int, merged: list[list[int]]) -> bool:
    k = bisect.bisect_right(merged, [i, float("inf")]) - 1
    return k >= 0 and merged[k][0] <= i < merged[k][1]


# -- links ----------------------------------------------------------------------------------------------

def find_links(text: str, skip: list[tuple[int, int]] | None = None) -> list[Citation]:
    """`[label](law:...)` and `[label](sop:...)` links outside the `skip` spans (links.py: linear time)."""
    out = []
    merged = _merge(skip or [])
    for m in scan_links(text):
        if _inside(m.start, merged):
            continue
        target = f"{m.scheme}:{m.target}"
        named = parse_target(target)
        if isinstance(named, LawTarget):
            ref = LawRef("id", law_id=named.law)
            provisions = (named.provision,) if named.provision else ()
        else:
            ref = LawRef("sop", words=named.section)
            provisions = ()
        out.append(Citation(m.start, m.end, m.group(text), provisions, ref, kind="link", target=target,
                            label=m.label, label_start=m.label_start))
    return out

"""`sop i18n status` as text for a terminal and as JSON: per chapter and language, how many units are current,
stale or missing; then each stale or missing one, with what changed in its source since it was marked."""

from __future__ import annotations

import json

from ..model import OPENING, Corpus
from ..visible import show
from .changes import source_changes, word_diff_text
from .status import CURRENT, MISSING, STALE, UnitState

_COLORS = {CURRENT: "32", STALE: "33", MISSING: "31"}


def status_json(corpus: Corpus, states: list[UnitState]) -> str:
    """{"sections": [{"chapter", "section", "lang", "state"}]}; a stale one also has "changes", the source's
    word diff since it was marked (git --word-diff style), when it can be known."""
    out = []
    for s in states:
        item = s.as_dict()
        if s.state == STALE:
            ops, why = source_changes(corpus, s)
            item["changes"] = word_diff_text(ops) if ops is not None else None
            if why:
                item["why"] = why
        out.append(item)
    return json.dumps({"sections": out}, ensure_ascii=False, indent=2) + "\n"


def status_text(corpus: Corpus, states: list[UnitState], color: bool = False) -> str:
    langs = [x for x in corpus.settings.languages if x != corpus.settings.source_language]
    chapters = list(dict.fromkeys(s.chapter for s in states))
    counts: dict = {}
    for s in states:
        counts.setdefault((s.chapter, s.lang), {CURRENT: 0, STALE: 0, MISSING: 0})[s.state] += 1
    width = max([len(c) for c in chapters] + [len("chapter")])
    lines = [f"{'chapter':<{width}}  " + "  ".join(f"{lang:<34}" for lang in langs).rstrip()]
    for chapter in chapters:
        cells = [_cell(counts.get((chapter, lang), {}), color) for lang in langs]
        lines.append(f"{chapter:<{width}}  " + "  ".join(cells).rstrip())
    total = {lang: {k: sum(counts.get((c, lang), {}).get(k, 0) for c in chapters) for k in _COLORS} for lang in langs}
    lines.append(f"{'all':<{width}}  " + "  ".join(_cell(total[lang], color) for lang in langs).rstrip())
    behind = [s for s in states if s.state != CURRENT]
    if behind:
        lines.append("")
        lines.append("to translate or bring up to date:")
    for chapter in chapters:
        for lang in langs:
            mine = [s for s in behind if s.chapter == chapter and s.lang == lang]
            if mine and all(s.state == MISSING for s in mine) and mine[0].translation is None:
                lines.append(f"  {_state(MISSING, color)}  {lang:<3} {chapter}: the whole chapter "
                             f"(sop/{chapter}.{lang}.md)")
                continue
            for s in mine:
                ref = "" if s.section == OPENING else f" {{#{s.section}}}"
                lines.append(f"  {_state(s.state, color)}  {lang:<3} {chapter} {show(s.name)}{ref}")
                if s.state == STALE:
                    ops, why = source_changes(corpus, s)
                    diff = word_diff_text(ops) if ops is not None else ""
                    lines.append("           " + (f"the source changed: {show(diff)}" if diff else
                                                  f"({why or 'the source is the same in words; its layout changed'})"))
    return "\n".join(lines) + "\n"


def _cell(count: dict, color: bool) -> str:
    parts = [f"{count.get(k, 0)} {k}" for k in (CURRENT, STALE, MISSING) if count.get(k, 0) or k == CURRENT]
    text = ", ".join(parts)
    pad = " " * max(0, 34 - len(text))
    if not color:
        return text + pad
    return ", ".join(f"\033[{_COLORS[k]}m{count.get(k, 0)} {k}\033[0m" for k in (CURRENT, STALE, MISSING)
                     if count.get(k, 0) or k == CURRENT) + pad


def _state(state: str, color: bool) -> str:
    text = f"{state:<7}"
    return f"\033[{_COLORS[state]}m{text}\033[0m" if color else text

"""Each change of a redline credited to the commits that made it: an annotation pass over a DraftDiff.

The attribution (history.change_attribution) answers for one paragraph of the comparison: the commit that last
changed it up to the later draft, as `sop blame` finds it. A change of a section is credited to the distinct
authors of its changed paragraphs, in the order they appear, so that every format (terminal, JSON, Markdown,
HTML, Word) names who made it, with the date and the draft that first held the commit.
"""

from __future__ import annotations

from dataclasses import replace

from .engine import DraftDiff


def credit(diff: DraftDiff, attribution) -> DraftDiff:
    """The diff with each change's `by` filled from `attribution(document, slot)`."""
    documents = []
    for doc in diff.documents:
        by_section: dict = {}
        for slot in doc.slots:
            if slot.changed:
                found = by_section.setdefault(slot.section, [])
                rev = attribution(doc, slot)
                if rev not in found:
                    found.append(rev)
        changes = tuple(replace(c, by=tuple(by_section.get(c.section) or by_section.get(c.old_section) or ()))
                        for c in doc.changes)
        documents.append(replace(doc, changes=changes))
    last_change = getattr(attribution, "last_change", None)  # a law text: the last commit that changed its file
    laws = tuple(replace(law, texts=tuple(replace(t, by=(last_change(f"laws/{law.law}/{t.lang}.md"),))
                                          for t in law.texts)) for law in diff.laws) if last_change else diff.laws
    return replace(diff, documents=tuple(documents), laws=laws)


def credit_text(by: tuple) -> str:
    """Who made a change, as the redlines that people read say it: "by Rana Aziz (wg-3, 2026-11-20)"; "" when
    nobody is known (a folder given as a draft)."""
    if not by:
        return ""
    named = []
    for c in by:
        when = ", ".join(x for x in (getattr(c, "draft", None), c.date[:10]) if x)
        named.append(f"{c.author} ({when})" if when else c.author)
    return "by " + "; ".join(named)

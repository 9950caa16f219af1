"""Import a law as published (plain text or Word) into the corpus: `sop import law`.

Modules, one job each: `source` reads the file into lines, `layout` recognises the Iraqi layout (articles,
paragraphs, points; preamble, division headings and signature kept apart), `render` writes the corpus files,
`plan` checks them in a temporary folder, shows the diff and writes atomically. `numbering` reads the numbers
the layout uses (digits of any script, ordinal words, abjad letters).

Example:
    >>> from sopkit.lawimport import plan_import, write_import
    >>> plan = plan_import(Path("."), Path("law-11-2016.txt"), "iq/law-11-2016", "ar", official=True)
    >>> print(plan.summary()); print(plan.diff())
    >>> write_import(plan)
"""

from .plan import ImportPlan, plan_import, write_import

__all__ = ["ImportPlan", "plan_import", "write_import"]

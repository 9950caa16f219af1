"""Exchange with translation tools: one chapter in one language as a gettext PO file (`sop i18n export` and
`sop i18n import`).

- `export_po(corpus, source, translation, lang, states)` gives the PO text;
- `import_po(corpus, source, translation, lang, po_text)` gives the translation file's new text and the
  diagnostics of what it refused (X001-X003).

po.py says what a PO file holds and what an import keeps; markup.py what of a unit's Markdown is markup;
placeholders.py how that markup is shown as tags and put back; layout.py how a unit's new text replaces its own
stretch of the file and nothing else.
"""

from .po import OPENING_CONTEXT, chapter_units, default_po_name, export_po, import_po

__all__ = ["OPENING_CONTEXT", "chapter_units", "default_po_name", "export_po", "import_po"]

"""The print edition in the site: its volumes (sop.<lang>.pdf, made by sopkit.edition before mkdocs runs) and
their SHA256SUMS manifest as files of the site under print/, and a notice on each home page linking to them,
the reader's language first.

Example:
    >>> files = print_files(config, {"sop.en.pdf": pdf, "SHA256SUMS": sums})
    >>> note = print_note("ar", "ar/index.md", {"sop.en.pdf": pdf, ...}, {"sop.en.pdf": 74})
"""

from __future__ import annotations

from ..labels import numerals
from .offline import size_words
from .pages import admonition_markdown
from .strings import say, words
from .text import markdown_text

FOLDER = "print"


def print_path(name: str) -> str:
    return f"{FOLDER}/{name}"


def print_files(config, files: dict[str, bytes]) -> list:
    """The edition's files as files of the site (so that the home pages' links to them resolve)."""
    from mkdocs.structure.files import File

    return [File.generated(config, print_path(name), content=data) for name, data in files.items()]


def print_note(lang: str, page_src: str, files: dict[str, bytes], pages: dict[str, int]) -> str:
    """Markdown for the home page `page_src`: a notice linking to each volume, the reader's language first."""
    from mkdocs.utils import get_relative_url

    names = words(lang)["languages"]
    volumes = sorted((name for name in files if name.startswith("sop.") and name.endswith(".pdf")),
                     key=lambda name: (name != f"sop.{lang}.pdf", name))
    items = []
    for name in volumes:
        volume_lang = name.split(".")[1]
        label = say(lang, "print_edition", "volume", language=names.get(volume_lang, volume_lang),
                    pages=numerals(str(pages.get(name, 0)), lang), size=size_words(lang, len(files[name])))
        items.append(f"[{markdown_text(label)}]({get_relative_url(print_path(name), page_src)})")
    sums = f"[SHA256SUMS]({get_relative_url(print_path('SHA256SUMS'), page_src)})"
    lines = admonition_markdown("info", say(lang, "print_edition", "title"),
                                markdown_text(say(lang, "print_edition", "text")))
    lines[-1:-1] = ["", *(f"    - {item}" for item in items), "",
                    f"    {markdown_text(say(lang, 'print_edition', 'checksums'))} {sums}"]
    return "\n".join(["", *lines])

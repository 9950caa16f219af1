"""The pandoc driver every renderer shares: where pandoc is, how the corpus's Markdown is read, how a document is
written, and the few AST constructors the renderers build documents with.

pandoc comes with pypandoc-binary; nothing is put on PATH. The corpus's Markdown is read with `MARKDOWN`:
pandoc's Markdown without the extensions that turn text into raw HTML or TeX (which a Word file or a PDF cannot
show, and which would swallow words such as `<case number>`) and without smart quotes (the text keeps the
quotation marks it was written with). A document is passed to pandoc as its JSON AST on standard input and
comes back as bytes; pandoc's failures become UsageErrors naming what was being done.

Example:
    >>> ast = read_markdown("Write the <case number> on the form.")
    >>> ast["blocks"][0]["t"]
    'Para'
    >>> convert(document(ast, [para("Hello")]), "docx", epoch=0)[:2]
    b'PK'
"""

from __future__ import annotations

import json
import os
import subprocess

from .diagnostics import UsageError

MARKDOWN = "markdown-smart-raw_html-raw_tex-raw_attribute"


def pandoc_path() -> str:
    """The pandoc program shipped by pypandoc-binary (UsageError, saying what to install, when it is missing)."""
    try:
        import pypandoc
    except ImportError:
        raise UsageError("this needs pandoc: install pypandoc-binary (`make check` does)") from None
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        raise UsageError("pandoc was not found: reinstall pypandoc-binary (`pip install pypandoc-binary`)") from None


def run(args: list[str], data: bytes, doing: str, epoch: int | None = None) -> bytes:
    """pandoc's output for `args` on `data`; `epoch` (SOURCE_DATE_EPOCH) fixes the timestamps pandoc writes, so
    that the same input gives the same bytes. `doing` completes the message when pandoc fails."""
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    done = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, env=env, check=False)
    if done.returncode:
        raise UsageError(f"pandoc could not {doing}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def read_markdown(markdown: str) -> dict:
    """The pandoc AST (as JSON data) of the corpus's Markdown, read with `MARKDOWN`."""
    return json.loads(run(["-f", MARKDOWN, "-t", "json"], markdown.encode("utf-8"), "read the Markdown"))


def convert(ast: dict, to: str, extra: list[str] = (), epoch: int | None = None) -> bytes:
    """The document `ast` written by pandoc in format `to` (docx, typst, html ...)."""
    return run(["-f", "json", "-t", to, *extra, "-o", "-"], json.dumps(ast).encode("utf-8"), f"write {to}",
               epoch)


def document(like: dict, blocks: list, title: str | None = None) -> dict:
    """A pandoc document of `blocks`, in the AST version of `like` (a document pandoc produced)."""
    meta = {"title": {"t": "MetaInlines", "c": [text(title)]}} if title is not None else {}
    return {"pandoc-api-version": like["pandoc-api-version"], "blocks": blocks, "meta": meta}


# -- AST constructors --------------------------------------------------------------------------------------

def text(words: str) -> dict:
    """One Str inline: pandoc writes it as it is, spaces included."""
    return {"t": "Str", "c": words}


def para(*parts) -> dict:
    """A paragraph of strings (each one Str) and inlines."""
    return {"t": "Para", "c": [text(p) if isinstance(p, str) else p for p in parts]}


def header(level: int, words: str, ident: str = "") -> dict:
    return {"t": "Header", "c": [level, [ident, [], []], [text(words)]]}


def span(content: list, classes: list[str] = (), attrs: list[list[str]] = ()) -> dict:
    return {"t": "Span", "c": [["", list(classes), [list(a) for a in attrs]], content]}


def div(content: list, attrs: list[list[str]] = (), classes: list[str] = ()) -> dict:
    return {"t": "Div", "c": [["", list(classes), [list(a) for a in attrs]], content]}

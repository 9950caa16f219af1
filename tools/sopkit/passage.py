"""The text `sop cite` reads: the words on its command line, or standard input, bounded and decoded as UTF-8.

A passage is a paragraph, a page or a chapter; finding and resolving its citations costs memory in proportion
to its length (four megabytes took half a gigabyte), so a longer text is refused before it is read in full:
at most MAX_PASSAGE_CHARS characters, and never more than four bytes for each of them.

Example:
    >>> read_passage(["Article", "6", "of", "Law", "No.", "28", "of", "2012"], sys.stdin)
    'Article 6 of Law No. 28 of 2012'
"""

from __future__ import annotations

from .diagnostics import UsageError
from .encoding import NotUtf8, decode_utf8

MAX_PASSAGE_CHARS = 1_000_000  # a long chapter is 100,000 characters
_MAX_BYTES = 4 * MAX_PASSAGE_CHARS  # UTF-8 spends at most four bytes on a character


def read_passage(words: list[str] | None, stdin) -> str:
    """The words joined by spaces, or (with no words, or `-`) what `stdin` holds; UsageError when that is longer
    than MAX_PASSAGE_CHARS characters or not UTF-8."""
    if words and words != ["-"]:
        text = " ".join(words)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # bytes of another encoding on the command line arrive as lone surrogates
            raise UsageError("the text given is not valid UTF-8: set the terminal to UTF-8, or pass the text on "
                             "standard input") from None
        return _bounded(text)
    if stdin is None:  # started with standard input closed
        raise UsageError("no text to read: give it as arguments, e.g. sop cite \"Article 6 of Law No. 28 of 2012\", "
                         "or on standard input")
    stream = getattr(stdin, "buffer", None)
    if stream is None:  # a text stream without bytes under it (as tests pass)
        return _bounded(stdin.read(MAX_PASSAGE_CHARS + 1), cut=True)
    data = stream.read(_MAX_BYTES + 1)
    if len(data) > _MAX_BYTES:
        raise _too_long(f"more than {_MAX_BYTES:,} bytes")
    try:
        return _bounded(decode_utf8(data, "it"))
    except NotUtf8 as exc:
        raise UsageError(f"standard input: {exc.message}; {exc.hint}") from None


def _bounded(text: str, cut: bool = False) -> str:
    """`text` if short enough; `cut` says it was read only up to one character over the bound."""
    if len(text) > MAX_PASSAGE_CHARS:
        raise _too_long(f"more than {MAX_PASSAGE_CHARS:,} characters" if cut else f"{len(text):,} characters")
    return text


def _too_long(size: str) -> UsageError:
    return UsageError(f"the text is {size}; `sop cite` reads at most {MAX_PASSAGE_CHARS:,} characters at a time: "
                      "give it a chapter or a few paragraphs at a time (e.g. split the file), or check chapter "
                      "files with `sop check`")

"""Bytes to text: UTF-8 only, and when the bytes are not UTF-8, a message that says what they are instead.

The commonest wrong encoding in this corpus is not a legacy code page but UTF-16: Windows editors (Notepad's
"Unicode", Word's "Unicode text") save it, with or without a byte-order mark. Its bytes fail as UTF-8 at the
first byte-order mark, or, without one, decode as UTF-8 text with a NUL after every English letter. Both are
recognised and named, so that the hint says "save it as UTF-8" rather than blaming a code page.

Example:
    >>> decode_utf8("قانون".encode("utf-16"))
    Traceback (most recent call last):
    NotUtf8: not valid UTF-8: the file is saved as UTF-16 (little-endian, with a byte-order mark); ...
"""

from __future__ import annotations

import codecs

_SAMPLE = 4096  # bytes looked at to recognise UTF-16 or UTF-32 without a byte-order mark
_BOMS = (  # the four-byte marks first: UTF-32's little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "UTF-32 (little-endian, with a byte-order mark)", "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32 (big-endian, with a byte-order mark)", "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16 (little-endian, with a byte-order mark)", "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16 (big-endian, with a byte-order mark)", "UTF-16"),
)


class NotUtf8(ValueError):
    """Bytes that are not UTF-8: where (a byte offset), what, and what to do."""

    def __init__(self, offset: int, message: str, hint: str):
        super().__init__(message)
        self.offset, self.message, self.hint = offset, message, hint


def wide_encoding(data: bytes) -> tuple[str, str] | None:
    """(what the bytes are, the name iconv knows it by) when `data` looks like UTF-16 or UTF-32, else None.

    With a byte-order mark the mark says it. Without one, text in these encodings has a NUL byte in every code
    unit of an ASCII character (letters, digits, spaces, line breaks), always at the same place in the unit,
    while UTF-8 text has none: NULs at one parity only, in at least one pair of bytes in twenty, are UTF-16."""
    for bom, name, iconv in _BOMS:
        if data.startswith(bom):
            return name, iconv
    sample = data[:_SAMPLE]
    if b"\0" not in sample:
        return None
    quads = [sample[k:k + 4] for k in range(0, len(sample) - 3, 4)]
    if quads and all(q[2] == 0 and q[3] == 0 for q in quads):
        return "UTF-32 (little-endian, without a byte-order mark)", "UTF-32LE"
    if quads and all(q[0] == 0 and q[1] == 0 for q in quads):
        return "UTF-32 (big-endian, without a byte-order mark)", "UTF-32BE"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(1, len(sample) // 2 // 20)
    if odd >= enough and even == 0:
        return "UTF-16 (little-endian, without a byte-order mark)", "UTF-16LE"
    if even >= enough and odd == 0:
        return "UTF-16 (big-endian, without a byte-order mark)", "UTF-16BE"
    return None


BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark, which editors on Windows put before the text


def decode_utf8(data: bytes, what: str = "the file") -> str:
    """`data` as text (a leading byte-order mark dropped), or NotUtf8 naming the encoding it is in if known.

    `what` names the input in the message ("the file", "standard input")."""
    wide = wide_encoding(data)
    if wide is not None:
        name, iconv = wide
        raise NotUtf8(0, f"not valid UTF-8: {what} is saved as {name}; save it as UTF-8",
                      f"in the editor choose Save As with the encoding UTF-8, or run `iconv -f {iconv} -t UTF-8`")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8(exc.start, f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                      "re-save it as UTF-8 (e.g. `iconv -f WINDOWS-1256 -t UTF-8` for an old Arabic code page)"
                      ) from None
    return text[1:] if text.startswith("\ufeff") else text

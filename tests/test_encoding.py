"""Bytes to text: UTF-8, and a name for the encodings that are not."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from sopkit.encoding import NotUtf8, decode_utf8, wide_encoding

ARABIC = "## المادة (6) {#6}\n\nيعاقب بالسجن المؤبد.\n"


@pytest.mark.parametrize("encoding, named", [
    ("utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
    ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)"),
    ("utf-16-be", "UTF-16 (big-endian, without a byte-order mark)"),
    ("utf-32", "UTF-32 (little-endian, with a byte-order mark)"),
    ("utf-32-le", "UTF-32 (little-endian, without a byte-order mark)"),
    ("utf-32-be", "UTF-32 (big-endian, without a byte-order mark)"),
])
def test_wide_encodings_are_named(encoding, named):
    data = ARABIC.encode(encoding)
    assert wide_encoding(data)[0] == named
    with pytest.raises(NotUtf8) as exc:
        decode_utf8(data)
    assert f"saved as {named}; save it as UTF-8" in exc.value.message and "iconv -f UTF-" in exc.value.hint


def test_a_code_page_is_not_taken_for_utf16():
    with pytest.raises(NotUtf8) as exc:
        decode_utf8(ARABIC.encode("cp1256"))
    assert "cannot be decoded" in exc.value.message and exc.value.offset == 3


def test_a_stray_nul_in_utf8_is_text_not_utf16():
    text = ARABIC * 20 + "\x00" + ARABIC
    assert decode_utf8(text.encode("utf-8")) == text  # the hygiene check reports the NUL (V012)


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_utf8_without_nul_is_never_named_wide(text):
    data = text.encode("utf-8")
    assert wide_encoding(data) is None
    assert decode_utf8(data) == (text[1:] if text.startswith("\ufeff") else text)

"""The string-first YAML loader."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sopkit.yamldoc import YamlProblem, load_yaml


@pytest.mark.parametrize("written, kept", [
    ("010", "010"), ("1.10", "1.10"), ("NO", "NO"), ("12:30", "12:30"), ("2012-04-23", "2012-04-23"),
    ("028", "028"), ("yes", "yes"), ("'quoted'", "quoted"), ('"null"', "null"), ("null", None), ("", None),
    ("٢٠١٢", "٢٠١٢"),
])
def test_values_keep_the_text_written(written, kept):
    assert load_yaml(f"key: {written}\n").data == {"key": kept}


@pytest.mark.parametrize("text, line, column, words", [
    ("a: 1\nb: 2\na: 3\n", 3, 1, "given twice"),
    ("a: &x [1]\nb: *x\n", 1, 4, "anchor"),
    ("a: !!int 3\n", 1, 4, "tag"),
    ("a: !custom 3\n", 1, 4, "tag"),
    ("a: 1\n---\nb: 2\n", 2, 1, "more than one"),
    ("a: [1,\n", 2, 1, "not valid YAML"),
    ("? [a]\n: 1\n", 1, 3, "plain text"),
])
def test_refused_with_position(text, line, column, words):
    with pytest.raises(YamlProblem) as exc:
        load_yaml(text)
    assert (exc.value.line, exc.value.column) == (line, column)
    assert words in exc.value.message and exc.value.hint


def test_alias_bomb_is_refused_before_expansion():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    with pytest.raises(YamlProblem, match="anchor"):
        load_yaml(bomb)


def test_positions_of_nested_values():
    doc = load_yaml("title:\n  en: Law\n  ar: قانون\nlist:\n  - one\n  - two\n")
    assert doc.position(("title", "ar")) == (3, 7)
    assert doc.position(("list", 1)) == (6, 5)
    assert doc.key_position(("title", "ar")) == (3, 3)
    assert doc.position(("title", "ckb")) == (2, 3)  # a missing key points at its parent


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\"?|>\n 0١,.%@`~ک")), max_size=60))
def test_never_raises_anything_but_yaml_problem(text):
    try:
        load_yaml(text)
    except YamlProblem as p:
        assert p.line >= 1 and p.column >= 1


# -- nesting is bounded before the builder recurses, with either parser -----------------------------------------

import yaml  # noqa: E402

from sopkit import yamldoc  # noqa: E402

_DEEP = [  # (text, column where the 33rd level opens)
    ("a: " + "[" * 100_000 + "]" * 100_000, 3 + 31 + 1),
    ("a: " + "{a: " * 50_000 + "1" + "}" * 50_000, 3 + 31 * 4 + 1),
    ("a: " + "[" * 990, 3 + 31 + 1),  # never closed: the depth is found before the end is
    ("- " * 990 + "x", 32 * 2 + 1),  # the outer list is the first level
]


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
                         ids=["python", "libyaml"])
@pytest.mark.parametrize("text, column", _DEEP)
def test_nesting_deeper_than_the_bound_is_refused_where_it_starts(monkeypatch, loader, text, column):
    monkeypatch.setattr(yamldoc, "_Loader", loader)
    with pytest.raises(YamlProblem) as exc:
        load_yaml(text, first_line=7)
    assert (exc.value.line, exc.value.column) == (7, column)
    assert "nested deeper than 32 levels" in exc.value.message and exc.value.hint


def test_nesting_up_to_the_bound_is_read():
    doc = load_yaml("a: " + "[" * 31 + "x" + "]" * 31)
    inner = doc.data["a"]
    for _ in range(30):
        inner = inner[0]
    assert inner == ["x"]


def test_first_line_counts_every_line_reported():
    doc = load_yaml("id: ch5\ntitle: T\n", first_line=2)
    assert doc.position(("title",)) == (3, 8) and doc.key_position(("id",)) == (2, 1)
    with pytest.raises(YamlProblem) as exc:
        load_yaml("id: ch5\ntitle: T\nstatus: draft\ntitle: U\n", first_line=2)
    assert (exc.value.line, exc.value.column) == (5, 1)
    assert "key 'title' is given twice (first on line 3)" in exc.value.message

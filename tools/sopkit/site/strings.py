"""The site's own words (notices, navigation, a law's metadata headings) per language, from strings.yml.

Example:
    >>> words("ar")["laws"]
    'القوانين'
    >>> say("ckb", "untranslated_chapter", "text", language=words("ckb")["languages"]["en"])[:20]
    'ئەم بەشە هێشتا وەرنە'
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from ..yamldoc import load_yaml

FALLBACK = "en"


@lru_cache(maxsize=None)
def _table() -> dict:
    return load_yaml(files(__package__).joinpath("strings.yml").read_text(encoding="utf-8")).data


def words(lang: str) -> dict:
    """Every string of `lang` (English for a language the table does not have)."""
    table = _table()
    return table.get(lang) or table[FALLBACK]


def say(lang: str, *path: str, **values: str) -> str:
    """One string by its path (`say("ar", "draft", "title")`), with its placeholders filled in."""
    entry = words(lang)
    for key in path:
        entry = entry[key]
    return entry.format(**values) if values else entry


def term(lang: str, group: str, key: str) -> str:
    """A value's name (a law type, a status, a date's kind) in `lang`, else the value itself, readably."""
    return words(lang).get(group, {}).get(key) or key.replace("_", " ").replace("-", " ")

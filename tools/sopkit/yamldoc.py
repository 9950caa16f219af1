"""YAML read string-first and safely, with the position of every value.

PyYAML's loaders turn `010` into 8, `1.10` into 1.1, `NO` into False and `12:30` into 750, let a duplicate key
silently overwrite the first, and expand aliases (an "alias bomb" of a few hundred bytes walks into gigabytes).
Law metadata must keep exactly what was written, so this module builds the data itself from PyYAML's event
stream: every scalar stays the text that was written (plain `null`, `~` and an empty value become None), and
duplicate keys, anchors, aliases, explicit tags and multiple documents are refused with their line.

Example:
    >>> doc = load_yaml('number: 028\\nyear: 2012\\n')
    >>> doc.data
    {'number': '028', 'year': '2012'}
    >>> doc.position(('year',))
    (2, 7)
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # libyaml's parser is many times faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_YAML_CHARS = 256 * 1024

Path = tuple  # a path into the data: keys and list indexes


@dataclass(frozen=True)
class YamlDoc:
    """Loaded data (dicts, lists, str, None) and the 1-based (line, column) of every value by its path."""

    data: object
    positions: dict

    def position(self, path: Path, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
        """Where the value at `path` was written; for a missing key, where its parent was."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), default)

    def key_position(self, path: Path) -> tuple[int, int]:
        """Where the key of the value at `path` was written (the value's own position if unknown)."""
        return self.positions.get(("key",) + tuple(path), self.position(path))


class YamlProblem(Exception):
    """The text is not YAML the loader accepts. Line and column are 1-based."""

    def __init__(self, line: int, column: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


_NULLS = {"", "~", "null", "Null", "NULL"}


def load_yaml(text: str) -> YamlDoc:
    """Load one YAML document from `text`, string-first. Raises YamlProblem on anything refused."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlProblem(1, 1, f"YAML of {len(text):,} characters is larger than the {MAX_YAML_CHARS:,} accepted",
                          "split the file; metadata this large is not expected")
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "not valid YAML"
        raise YamlProblem(line, col, f"not valid YAML: {problem}",
                          "check indentation and quote values that hold ':' or '#'") from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        raise YamlProblem(1, 1, f"not valid YAML: {exc}", "check the file's syntax") from None
    return _Builder(events).build()


class _Builder:
    def __init__(self, events: list):
        self.events = events
        self.i = 0
        self.positions: dict = {}

    def _next(self):
        event = self.events[self.i]
        self.i += 1
        return event

    def build(self) -> YamlDoc:
        self._next()  # StreamStart
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return YamlDoc(None, {})
        data = self._node(self._next(), ())
        self._next()  # DocumentEnd
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1,
                              "more than one YAML document in one file",
                              "remove the second '---' or merge the documents")
        return YamlDoc(data, self.positions)

    def _refuse_extras(self, event) -> None:
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(*where, f"alias '*{event.anchor}' is not accepted",
                              "write the value out in full; anchors and aliases are refused")
        if getattr(event, "anchor", None):
            raise YamlProblem(*where, f"anchor '&{event.anchor}' is not accepted",
                              "remove the anchor; anchors and aliases are refused")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise YamlProblem(*where, f"explicit tag '{tag}' is not accepted",
                              "remove the tag; every value is read as text")

    def _node(self, event, path: Path):
        self._refuse_extras(event)
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            if event.implicit[0] and event.value in _NULLS:  # plain, not quoted
                return None
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.events[self.i], yaml.SequenceEndEvent):
                items.append(self._node(self._next(), path + (len(items),)))
            self._next()
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict = {}
            while not isinstance(self.events[self.i], yaml.MappingEndEvent):
                key_event = self._next()
                self._refuse_extras(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise YamlProblem(key_event.start_mark.line + 1, key_event.start_mark.column + 1,
                                      "a mapping key must be plain text", "write the key as text")
                key = key_event.value
                where = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
                if key in mapping:
                    first = self.positions[("key",) + path + (key,)]
                    raise YamlProblem(*where, f"key '{key}' is given twice (first on line {first[0]})",
                                      "keep one of the two; YAML would silently keep only the last")
                self.positions[("key",) + path + (key,)] = where
                mapping[key] = self._node(self._next(), path + (key,))
            self._next()
            return mapping
        raise YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1,  # pragma: no cover
                          f"unexpected YAML event {type(event).__name__}", "check the file's syntax")

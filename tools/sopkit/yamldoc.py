"""YAML read string-first and safely, with the position of every value.

PyYAML's loaders turn `010` into 8, `1.10` into 1.1, `NO` into False and `12:30` into 750, let a duplicate key
silently overwrite the first, and expand aliases (an "alias bomb" of a few hundred bytes walks into gigabytes).
Law metadata must keep exactly what was written, so this module builds the data itself from PyYAML's event
stream: every scalar stays the text that was written (plain `null`, `~` and an empty value become None), and
duplicate keys, anchors, aliases, explicit tags, multiple documents and collections nested deeper than
MAX_YAML_DEPTH are refused with their line.

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
MAX_YAML_DEPTH = 32  # collections inside collections; law.yml needs 3, so 32 is far more than any real metadata

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


def load_yaml(text: str, first_line: int = 1, max_chars: int = MAX_YAML_CHARS) -> YamlDoc:
    """Load one YAML document from `text`, string-first. Raises YamlProblem on anything refused.

    `first_line` is the line of the file on which `text` starts (2 for front matter after its `---`): every line
    this reports, in positions, in problems and in their messages, is a line of the file. `max_chars` is the
    most accepted: written metadata stays far below MAX_YAML_CHARS; a file the tools write (the translation
    lock of a large corpus) may be given more."""
    if len(text) > max_chars:
        raise YamlProblem(first_line, 1, f"YAML of {len(text):,} characters is larger than the "
                          f"{max_chars:,} accepted", "split the file; metadata this large is not expected")
    try:
        events = list(_bounded(yaml.parse(text, Loader=_Loader), first_line))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        if "flow level" in f"{exc.context} {exc.problem}":
            raise _too_deep_at(text, first_line) or _too_deep(line, col) from None
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "not valid YAML"
        raise YamlProblem(line, col, f"not valid YAML: {problem}",
                          "check indentation and quote values that hold ':' or '#'") from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        raise YamlProblem(first_line, 1, f"not valid YAML: {exc}", "check the file's syntax") from None
    return _Builder(events, first_line).build()


def _bounded(events, first_line: int):
    """The parser's events, refused as soon as collections nest deeper than MAX_YAML_DEPTH.

    The events are taken one by one, so that the parser stops at the level that is too deep rather than first
    reading `[[[[…` a hundred thousand levels down; the builder's recursion then never goes deeper than the
    bound (flow YAML nested a thousand deep would otherwise exhaust Python's stack)."""
    depth = 0
    for event in events:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _too_deep(event.start_mark.line + first_line, event.start_mark.column + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        yield event


def _too_deep_at(text: str, first_line: int) -> YamlProblem | None:
    """Where `text` first nests too deep. libyaml reads `[[[…` ahead and stops at its own bound, 1,000 levels
    down; the pure-Python parser reads ahead less (at most a simple key's 1,024 characters), so its events reach
    the level that is too deep first."""
    try:
        for _ in _bounded(yaml.parse(text, Loader=yaml.SafeLoader), first_line):
            pass
    except YamlProblem as problem:
        return problem
    except yaml.YAMLError:  # pragma: no cover - libyaml stopped on the depth, so the text parses that far
        return None
    return None  # pragma: no cover


def _too_deep(line: int, column: int) -> YamlProblem:
    return YamlProblem(line, column, f"YAML nested deeper than {MAX_YAML_DEPTH} levels is not accepted",
                       "metadata needs a few levels: look for a run of '[' or '{' or of indented '- ' items, "
                       "and write the value flat")


class _Builder:
    def __init__(self, events: list, first_line: int = 1):
        self.events = events
        self.i = 0
        self.positions: dict = {}
        self.first_line = first_line

    def _where(self, event) -> tuple[int, int]:
        """The event's line in the file and its column, both 1-based."""
        return event.start_mark.line + self.first_line, event.start_mark.column + 1

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
            raise YamlProblem(*self._where(event), "more than one YAML document in one file",
                              "remove the second '---' or merge the documents")
        return YamlDoc(data, self.positions)

    def _refuse_extras(self, event) -> None:
        where = self._where(event)
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
        self.positions[path] = self._where(event)
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
                    raise YamlProblem(*self._where(key_event), "a mapping key must be plain text",
                                      "write the key as text")
                key = key_event.value
                where = self._where(key_event)
                if key in mapping:
                    first = self.positions[("key",) + path + (key,)]  # a line of the file, as `where` is
                    raise YamlProblem(*where, f"key '{key}' is given twice (first on line {first[0]})",
                                      "keep one of the two; YAML would silently keep only the last")
                self.positions[("key",) + path + (key,)] = where
                mapping[key] = self._node(self._next(), path + (key,))
            self._next()
            return mapping
        raise YamlProblem(*self._where(event),  # pragma: no cover
                          f"unexpected YAML event {type(event).__name__}", "check the file's syntax")

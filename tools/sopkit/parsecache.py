"""What the loader parsed from each file, kept between runs in the user's cache folder as JSON.

A file whose bytes, path and settings are unchanged is not parsed again: its parse result and the diagnostics
reported while parsing it are read back, so that a run from the cache reports exactly what a cold run does.

- Where: `$SOP_CACHE_DIR` if set (`off` switches the cache off), else the platform's cache folder
  (`$XDG_CACHE_HOME/sop` or `~/.cache/sop`; `~/Library/Caches/sop` on macOS; `%LOCALAPPDATA%\\sop\\Cache` on
  Windows). Never inside the corpus: a folder there is not used.
- Key: a hash of the file's bytes, its path, language and kind as the loader keys them, the settings, the tool
  version, the hash of the tool's own code and of the parsers it uses, and `FORMAT`.
- Format: data, never code. Each entry is one JSON header line (format, key, a hash of the payload) and a JSON
  payload that can name only the model's own record types (`RECORDS`); nothing is unpickled or evaluated.
- Failure: an entry that is unreadable, truncated, altered or written by another version is ignored (and
  written again); a folder that is missing and cannot be made, or is read-only, means no cache, never an error.
  Writes are atomic (a temporary file, then `os.replace`).
- Size: at most `LIMIT_BYTES`; past it the entries used longest ago are removed down to three quarters of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from types import MappingProxyType

from .diagnostics import Diagnostic, Severity
from .model import Amendment, Block, Chapter, LawMeta, LawText, Provision, ProvisionHistory, Section, Settings, \
    Term, TranslationLock, TranslationRecord

FORMAT = 1  # raise when the layout of an entry changes
LIMIT_BYTES = 512 * 1024 * 1024  # about five times a corpus of 2,000 laws and 300 chapters
TOUCH_AFTER_S = 24 * 3600  # a hit older than this is marked used again (its mtime), for pruning
OFF = ("off", "0", "no", "none", "false")

RECORDS = {cls.__name__: cls for cls in (Settings, Provision, Block, Section, LawText, ProvisionHistory, Amendment,
                                         LawMeta, Chapter, Diagnostic, Term, TranslationLock, TranslationRecord)}
ENUMS = {"Severity": Severity}
_FLAT = frozenset({"Provision", "Block"})  # records whose fields are all plain values (str, int, None)
_INIT_FIELDS = {name: [f.name for f in dataclasses.fields(cls) if f.init]
                for name, cls in RECORDS.items() if dataclasses.is_dataclass(cls)}


class Unstorable(TypeError):
    """A value the cache has no data form for (a list, a foreign class): its file is simply not cached."""


def cache_folder(environ=None) -> Path | None:
    """The folder the cache lives in, or None when it is switched off (`SOP_CACHE_DIR=off`) or there is none."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("SOP_CACHE_DIR", "").strip()
    if chosen:
        return None if chosen.lower() in OFF else Path(chosen).expanduser()
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder known (a service account)
        return None
    if sys.platform == "win32":
        return Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "sop" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "sop"
    xdg = environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "sop"


def open_cache(corpus_root: Path) -> ParseCache | None:
    """The parse cache for a corpus under `corpus_root`, or None (switched off, or its folder is in the corpus:
    the cache is the user's, and a working tree must not fill with it)."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        inside = folder.resolve().is_relative_to(corpus_root.resolve())
    except OSError:
        return None
    return None if inside else ParseCache(folder)


class ParseCache:
    """Entries in `folder`/<2 hex digits>/<rest of the key>, each one file."""

    def __init__(self, folder: Path, limit: int = LIMIT_BYTES):
        self.folder, self.limit = folder, limit
        self.writable = True
        self.written = 0
        self._shards: set[str] = set()
        self._salt = _tool_salt()

    def key(self, *parts) -> str:
        """The entry name of what `parts` (plain values: str, int, bool, tuples of them) identify."""
        return hashlib.blake2b(repr((FORMAT, self._salt, parts)).encode("utf-8", "surrogatepass"),
                               digest_size=20).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str) -> str | None:
        """The JSON text stored under `key` (for `loads`), or None when there is none usable (missing,
        unreadable, damaged, written by another version)."""
        try:
            with open(self._path(key), "rb") as f:
                header = json.loads(f.readline())
                payload = f.read()
                age = time.time() - os.fstat(f.fileno()).st_mtime
            if header != {"format": FORMAT, "key": key, "payload": _digest(payload)}:
                return None
            value = payload.decode("utf-8", "surrogatepass")
        except (OSError, ValueError, TypeError):
            return None
        if age > TOUCH_AFTER_S:
            try:
                os.utime(self._path(key))
            except OSError:
                pass
        return value

    def put(self, key: str, text: str) -> None:
        """Store the JSON `text` (from `dumps`) under `key`, atomically: readers see the old entry or the new. A
        folder that cannot be written is passed over (the first failure ends the writing for this run)."""
        if not self.writable:
            return
        payload = text.encode("utf-8", "surrogatepass")
        header = json.dumps({"format": FORMAT, "key": key, "payload": _digest(payload)}).encode("ascii")
        path = self._path(key)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            if key[:2] not in self._shards:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._shards.add(key[:2])
            with open(tmp, "wb") as f:
                f.write(header + b"\n" + payload)
            os.replace(tmp, path)
        except OSError:
            self.writable = False
            try:
                tmp.unlink()
            except OSError:
                pass
            return
        self.written += 1

    def prune(self) -> None:
        """Keep the cache under its limit: when it is over, remove the entries used longest ago until it holds
        three quarters of the limit, and temporary files an interrupted run left. Only names the cache makes are
        removed, whatever else the folder holds."""
        entries, total, now = [], 0, time.time()
        try:
            shards = [e for e in os.scandir(self.folder) if _is_shard(e.name) and e.is_dir(follow_symlinks=False)]
            for shard in shards:
                for e in os.scandir(shard.path):
                    st = e.stat(follow_symlinks=False)
                    if e.name.endswith(".tmp") and _is_key(shard.name + e.name.split(".")[0]):
                        if now - st.st_mtime > 3600:
                            os.unlink(e.path)
                    elif _is_key(shard.name + e.name) and e.is_file(follow_symlinks=False):
                        entries.append((st.st_mtime, st.st_size, e.path))
                        total += st.st_size
            if total <= self.limit:
                return
            for _, size, path in sorted(entries):
                os.unlink(path)
                total -= size
                if total <= self.limit * 3 // 4:
                    break
        except OSError:
            return


def _is_shard(name: str) -> bool:
    return len(name) == 2 and all(c in "0123456789abcdef" for c in name)


def _is_key(name: str) -> bool:
    return len(name) == 40 and all(c in "0123456789abcdef" for c in name)


def _digest(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def _tool_salt() -> tuple:
    """What parse results depend on besides the file: this tool's version and code (a change to any module of
    the package, even without a new version number), and the versions of the YAML and Markdown parsers."""
    from . import __version__

    code = hashlib.blake2b(digest_size=16)
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        try:
            code.update(source.name.encode() + b"\0" + source.read_bytes())
        except OSError:
            code.update(source.name.encode() + b"\0?")
    return __version__, code.hexdigest(), _version("yaml", "PyYAML"), _version("markdown_it", "markdown_it_py")


def _version(module: str, distribution: str) -> str:
    """A parser's version, without importing what is not imported yet: its package's dist-info folder beside it,
    else the module's __version__ (importlib.metadata alone takes longer to import than a diff takes)."""
    import importlib
    import importlib.util
    import sys

    if module in sys.modules:
        return str(getattr(sys.modules[module], "__version__", ""))
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.origin:
        return ""
    for info in Path(spec.origin).parent.parent.glob(f"{distribution}-*.dist-info"):
        return info.name[len(distribution) + 1:-len(".dist-info")]
    return str(getattr(importlib.import_module(module), "__version__", ""))


# -- the data form of parse results ---------------------------------------------------------------------------
# A heading's or block's text is most of a parse result and is a run of the file's own lines: where it is exactly
# that, an entry holds the run's last line number in its place, and reading the entry takes the text from the
# file again. Only what was checked to come back equal is written so.

_RUNS = {"Provision": (6, 7, True), "Section": (6, 7, True), "Block": (3, 1, False)}  # text, first line, strip


def dumps(value, lines: list[str] | None = None) -> str:
    """`value` (built of None, bool, int, float, str, tuples, mappings, the model's records and enums) as JSON;
    `lines`, the file's text split at line breaks, lets texts that are runs of its lines be written short."""
    return json.dumps(_data(value, lines), ensure_ascii=False, separators=(",", ":"), check_circular=False)


def loads(text: str, lines: list[str] | None = None):
    """The value `dumps` wrote (with the same `lines`); ValueError, TypeError or KeyError on anything else."""
    return _thaw(json.loads(text, object_hook=lambda obj: _record(obj, lines)))


def _run(lines: list[str], first: int, last: int, strip: bool) -> str:
    text = "\n".join(lines[first - 1:last])
    return text.strip("\n") if strip else text


def _data(value, lines, last: int | None = None):
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    name = kind.__name__
    if RECORDS.get(name) is kind:
        return {"~": name, "v": _fields(value, name, lines, last)}
    if isinstance(value, Enum) and ENUMS.get(name) is kind:
        return {"~enum": name, "v": value.value}
    if kind is tuple:
        if value and RECORDS.get(type(value[0]).__name__) is type(value[0]) and \
                all(type(v) is type(value[0]) for v in value):
            name = type(value[0]).__name__
            if name in ("Provision", "Section") and lines is not None:
                # a heading's text runs to the line before the next heading, the last one's to the end of the file
                ends = [v.line - 1 for v in value[1:]] + [len(lines)]
            else:
                ends = [None] * len(value)
            return {"~rows": name, "v": [_fields(v, name, lines, end) for v, end in zip(value, ends)]}
        return [_data(v, lines) for v in value]
    if kind in (dict, MappingProxyType):
        return {"~map" if kind is MappingProxyType else "~dict": [[_data(k, lines), _data(v, lines)]
                                                                  for k, v in value.items()]}
    raise Unstorable(f"no data form for {name}")


def _fields(value, name: str, lines, last: int | None) -> list:
    """A record's fields as data, a text that is a run of the file's lines as that run's last line number."""
    names = _INIT_FIELDS.get(name)
    if names is not None:
        fields = [_data(getattr(value, n), lines) for n in names]
    elif name in _FLAT:
        fields = list(value)
    else:
        fields = [v if v is None or type(v) in (str, int) else _data(v, lines) for v in value]
    run = _RUNS.get(name)
    if run is not None and lines is not None:
        text, first, strip = run
        last = value[2] if name == "Block" else last
        if last is not None and _run(lines, value[first], last, strip) == value[text]:
            fields[text] = last
    return fields


def _record(obj: dict, lines):
    """One JSON object of an entry back as what it was: a record or a tuple of them, an enum member or a
    mapping."""
    if "~rows" in obj:
        name = obj["~rows"]
        return tuple(_make(name, fields, lines) for fields in obj["v"])
    if "~" in obj:
        return _make(obj["~"], obj["v"], lines)
    if "~enum" in obj:
        return ENUMS[obj["~enum"]](obj["v"])
    if "~map" in obj:
        return MappingProxyType({_thaw(k): _thaw(v) for k, v in obj["~map"]})
    if "~dict" in obj:
        return {_thaw(k): _thaw(v) for k, v in obj["~dict"]}
    raise ValueError("not an entry of the parse cache")


def _make(name: str, fields: list, lines):
    run = _RUNS.get(name)
    if run is not None and type(fields[run[0]]) is int:
        text, first, strip = run
        fields[text] = _run(lines, fields[first], fields[text], strip)
    if name in _FLAT:
        return RECORDS[name](*fields)
    return RECORDS[name](*[tuple(map(_thaw, v)) if type(v) is list else v for v in fields])


def _thaw(value):
    """JSON arrays back as the tuples they were (the model holds no lists)."""
    return tuple(map(_thaw, value)) if type(value) is list else value

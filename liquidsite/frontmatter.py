"""Split a source file into YAML front matter and body, as Jekyll does.

Mirrors ``Jekyll::Document::YAML_FRONT_MATTER_REGEXP`` (document.rb) and
``Jekyll::Utils.has_yaml_header?`` (utils.rb).  Pure: no I/O.
"""

from __future__ import annotations

import functools
import pickle
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from .errors import FrontMatterError
from .yamlload import _Loader, load_yaml, YamlError

# Ruby's \s is ASCII whitespace only; Python's would also match unicode spaces.
_WS = r"[ \t\r\n\f\v]"
# Ruby's `$` matches before any "\n" (not only the last one), as Python's
# MULTILINE `$` does; `.` crosses lines under Ruby's /m, Python's DOTALL.
FRONT_MATTER_RE = re.compile(
    rf"\A(---{_WS}*\n.*?\n?)^((---|\.\.\.){_WS}*$\n?)", re.MULTILINE | re.DOTALL
)
_HEADER_RE = re.compile(rf"\A---{_WS}*\r?\n")

# (known, seen): parsed front matter by its YAML text, pickled, from the last
# build, and the entries this read used.  Set only during Site.read.
_CACHE: ContextVar[tuple[dict[str, bytes], dict[str, bytes]] | None] = ContextVar(
    "front_matter_cache", default=None
)


@contextmanager
def cached(known: dict[str, bytes], seen: dict[str, bytes]) -> Iterator[None]:
    """Reuse front matter parsed by an earlier build while reading a site.

    A rebuild reads every file again, and parsing YAML is most of that; the
    same YAML text gives the same data, so *known* (from the last build)
    answers it, and *seen* collects what this read parsed, for the next.
    Entries are pickled, so every document gets data of its own to change.
    """
    token = _CACHE.set((known, seen))
    try:
        yield
    finally:
        _CACHE.reset(token)


# -- the plain front matter most files have, read without the YAML library --
#
# Most front matter is a handful of ``key: value`` lines.  Those (and only
# those) are read here; anything else -- a comment, a nested mapping, an
# anchor, a date, a number other than a plain integer, an escape, a tab, a
# line break inside a value -- goes to the YAML loader.  Plain scalars are
# typed with the loader's own implicit resolvers, so ``yes``, ``null`` or
# ``2024-01-02`` mean what they mean to it.

# What YAML never reads as text: C0 and C1 controls (U+0085 is a line
# break), and outside Latin-1 the line breaks U+2028 and U+2029, surrogates,
# the byte order mark and the non-characters U+FFFE, U+FFFF.  Front matter
# holding any of the latter goes to the loader; the classes below name only
# Latin-1 characters, which keeps them quick to compile.
_BAD = "\\x00-\\x1f\\x7f-\\x9f"
_DOUBLE = rf'"([^"\\{_BAD}]*)"'
_SINGLE = rf"'([^'{_BAD}]*)'"
# A plain scalar: starts with a letter or digit (or a non-ASCII character),
# holds no indicator that could end it or start a comment (":", "#"), a
# collection, a quote or an escape.
_PLAIN_START = rf"[^\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e{_BAD}]"
_PLAIN = rf'{_PLAIN_START}[^"#:<>\[\\\]^`{{|}}{_BAD}]*'
_FLOW_PLAIN = rf'{_PLAIN_START}[^"#:<>\[\\\],^`{{|}}{_BAD}]*'
_KEY_LINE = re.compile(
    rf"([A-Za-z_][A-Za-z0-9_-]{{0,100}}):(?: +(?:{_DOUBLE}|{_SINGLE}|({_PLAIN})|(\[[^\]]*\])) *)?"
)
_ITEM_LINE = re.compile(rf"( *)- +(?:{_DOUBLE}|{_SINGLE}|({_PLAIN})) *")
_FLOW_ITEM = re.compile(rf" *(?:{_DOUBLE}|{_SINGLE}|({_FLOW_PLAIN})) *(,|\Z)")
_STR_TAG = "tag:yaml.org,2002:str"
_NO_VALUE = object()


def _odd(raw: str) -> bool:
    """Whether *raw* holds a character outside Latin-1 that YAML does not read as text."""
    if raw.isascii():
        return False
    if any(c in raw for c in "\u2028\u2029\ufeff\ufffe\uffff"):
        return True
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


def _plain(text: str) -> Any:
    """A plain scalar typed as the YAML loader types it (strings, whole
    numbers, booleans and null only; anything else is _NO_VALUE)."""
    text = text.rstrip(" ")
    tag = _STR_TAG
    for candidate, pattern in _Loader.yaml_implicit_resolvers.get(text[0], ()):
        if pattern.match(text):
            tag = candidate
            break
    if tag == _STR_TAG:
        return text
    if tag == "tag:yaml.org,2002:int" and (text == "0" or (text[0] != "0" and text.isdigit() and text.isascii())):
        return int(text)
    if tag == "tag:yaml.org,2002:bool":
        return _Loader.bool_values[text.lower()]
    if tag == "tag:yaml.org,2002:null":
        return None
    return _NO_VALUE


def _scalar(double: str | None, single: str | None, plain: str | None) -> Any:
    if double is not None:
        return double
    if single is not None:
        return single
    assert plain is not None
    return _plain(plain)


def _flow(text: str) -> list[Any] | None:
    """``[a, "b", c]`` of scalars, or None."""
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    items: list[Any] = []
    pos = 0
    while pos < len(inner):
        match = _FLOW_ITEM.match(inner, pos)
        if match is None:
            return None
        value = _scalar(*match.group(1, 2, 3))
        if value is _NO_VALUE:
            return None
        items.append(value)
        pos = match.end()
        if match.group(4) == "," and pos == len(inner):
            return None  # a trailing comma
    return items


# What a line of plain front matter is: a key with a scalar, a key with a
# flow sequence (kept as a tuple; each document gets a list of its own),
# a key with nothing after it (a block sequence may follow).
_SCALAR, _FLOW_LIST, _OPEN = 0, 1, 2


@functools.lru_cache(maxsize=2048)
def _key_line(line: str) -> tuple[str, int, Any] | None:
    """A ``key: value`` line read as ``(key, kind, value)``; None when not plain.

    Pure and asked for every line of every file, most of which a site
    repeats (``layout: post``), hence remembered.
    """
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return None
    name = _plain(match.group(1))
    if not isinstance(name, str):
        return None
    flow = match.group(5)
    if flow is not None:
        items = _flow(flow)
        if items is None:
            return None
        return name, _FLOW_LIST, tuple(items)
    double, single, plain = match.group(2, 3, 4)
    if double is None and single is None and plain is None:
        return name, _OPEN, None
    value = _scalar(double, single, plain)
    if value is _NO_VALUE:
        return None
    return name, _SCALAR, value


@functools.lru_cache(maxsize=512)
def _item_line(line: str) -> tuple[int, Any] | None:
    """A ``- item`` line read as ``(indent, value)``; None when it is not one."""
    match = _ITEM_LINE.fullmatch(line)
    if match is None:
        return None
    return len(match.group(1)), _scalar(*match.group(2, 3, 4))


def simple_front_matter(raw: str) -> dict[str, Any] | None:
    """*raw* (``---`` and the lines after it) read as the YAML loader reads
    it, when it is plain enough; None otherwise."""
    if not raw.startswith("---\n") or "\t" in raw or "\r" in raw or _odd(raw):
        return None
    data: dict[str, Any] = {}
    key: str | None = None  # the key of the block sequence being read
    items: list[Any] = []
    indent = -1
    for line in raw[4:].split("\n"):
        if not line:
            continue
        if key is not None:
            item = _item_line(line)
            if item is not None:
                if indent < 0:
                    indent = item[0]
                elif item[0] != indent:
                    return None
                if item[1] is _NO_VALUE:
                    return None
                items.append(item[1])
                continue
            # "key:" with no items below it is null.
            data[key] = items if items else None
            key = None
        parsed = _key_line(line)
        if parsed is None:
            return None
        name, kind, value = parsed
        if kind == _FLOW_LIST:
            value = list(value)
        elif kind == _OPEN:
            key, items, indent = name, [], -1
            # Held in place (a later duplicate key overrides it) until its
            # items are read.
            data[name] = None
            continue
        data[name] = value
    if key is not None:
        data[key] = items if items else None
    return data


def _load(raw: str) -> Any:
    simple = simple_front_matter(raw)
    if simple is not None:
        return simple
    cache = _CACHE.get()
    if cache is None:
        return load_yaml(raw)
    known, seen = cache
    blob = known.get(raw) or seen.get(raw)
    if blob is None:
        data = load_yaml(raw)
        try:
            blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a value pickle cannot keep: no caching
            return data
        seen[raw] = blob
        return data
    seen[raw] = blob
    return pickle.loads(blob)


def has_front_matter(text: str) -> bool:
    """Whether Jekyll treats a file starting with *text* as having front matter.

    Jekyll looks only at the raw first line, so a file that starts with a
    byte order mark is *not* a page (it is copied as a static file).
    """
    return _HEADER_RE.match(text) is not None


def split(text: str, path: str = "<string>") -> tuple[dict[str, Any], str, int]:
    """Split *text* into ``(data, body, body_first_line)``.

    ``body_first_line`` is the 1-based line of the file where the body starts,
    so errors in the body can be reported at the line the user sees.  Text
    without front matter comes back whole with empty data.

    Raises:
        FrontMatterError: the YAML does not parse, or is not a mapping.
    """
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        return {}, text, 1
    raw = match.group(1)
    body = text[match.end():]
    first_line = text.count("\n", 0, match.end()) + 1
    try:
        data = _load(raw)
    except YamlError as err:
        raise FrontMatterError(
            f"invalid YAML front matter: {err.problem}",
            path=path,
            line=err.line,
            column=err.column,
            source_line=_line(raw, err.line),
            hint=err.hint,
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "front matter must be a mapping of keys to values",
            path=path,
            line=2,
            source_line=_line(raw, 2),
        )
    if data.get("permalink") == "":
        raise FrontMatterError("invalid permalink: it is empty", path=path)
    return data, body, first_line


def _line(text: str, line: int | None) -> str | None:
    if line is None:
        return None
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else None

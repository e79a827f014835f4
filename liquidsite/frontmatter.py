"""Split a source file into YAML front matter and body, as Jekyll does.

Mirrors ``Jekyll::Document::YAML_FRONT_MATTER_REGEXP`` (document.rb) and
``Jekyll::Utils.has_yaml_header?`` (utils.rb).  Pure: no I/O.
"""

from __future__ import annotations

import pickle
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from .errors import FrontMatterError
from .yamlload import load_yaml, YamlError

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


def _load(raw: str) -> Any:
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

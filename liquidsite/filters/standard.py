"""Liquid 5.4's standard string filters as Ruby runs them (standardfilters.rb).

python-liquid's own versions differ from Ruby Liquid at the edges (what
``to_s`` of an array is, Ruby's ``split`` and ``slice``, ``CGI`` escaping);
these replace them.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from liquid.exceptions import FilterArgumentError

from ._ruby import nil, strict_integer, to_s
from .standard_arrays import is_jekyll_drop
from .strings import cgi_escape_text

if TYPE_CHECKING:
    from liquid import Environment

_RUBY_STRIP = " \t\n\v\f\r\0"


def size(value: Any) -> int:
    """``input.size`` where it exists (Integer#size is 8 bytes), else 0."""
    value = nil(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, int):
        return 8
    if is_jekyll_drop(value):
        # Jekyll's drops (drops/drop.rb) have no #size: a post, `site`,
        # `jekyll`, a collection or a static file has size 0.
        return 0
    if isinstance(value, (str, list, tuple, Mapping, range)):
        return len(value)
    size_of = getattr(value, "size", None)
    if isinstance(size_of, int):
        return size_of
    return 0


def downcase(value: Any) -> str:
    # Ruby's downcase has no final-sigma rule: Σ is always σ.
    return to_s(value).replace("Σ", "σ").lower()


def upcase(value: Any) -> str:
    return to_s(value).upper()


def capitalize(value: Any) -> str:
    return to_s(value).capitalize()


def escape_html(text: str) -> str:
    """``CGI.escapeHTML``."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def escape(value: Any) -> str | None:
    value = nil(value)
    return None if value is None else escape_html(to_s(value))


_ESCAPE_ONCE_RE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#[0-9]+);)")
_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}


def escape_once(value: Any) -> str:
    return _ESCAPE_ONCE_RE.sub(lambda m: _HTML_ESCAPE[m.group(0)], to_s(value))


def url_encode(value: Any) -> str | None:
    value = nil(value)
    return None if value is None else cgi_escape_text(to_s(value))


def url_decode(value: Any) -> str | None:
    """``CGI.unescape``; bytes that are not UTF-8 are an error, as in Liquid."""
    value = nil(value)
    if value is None:
        return None
    data = to_s(value).replace("+", " ").encode("utf-8")
    decoded = re.sub(rb"%([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
    try:
        return decoded.decode("utf-8")
    except UnicodeDecodeError:
        raise FilterArgumentError("invalid byte sequence in UTF-8", token=None) from None


def _decode_bytes(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def base64_encode(value: Any) -> str:
    return base64.b64encode(to_s(value).encode("utf-8")).decode("ascii")


def base64_decode(value: Any) -> str:
    text = to_s(value)
    try:
        if len(text) % 4:
            raise binascii.Error
        return _decode_bytes(base64.b64decode(text.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise FilterArgumentError("invalid base64 provided to base64_decode", token=None) from None


def base64_url_safe_encode(value: Any) -> str:
    return base64.urlsafe_b64encode(to_s(value).encode("utf-8")).decode("ascii")


def base64_url_safe_decode(value: Any) -> str:
    """``Base64.urlsafe_decode64``: padding may be left out."""
    text = to_s(value)
    if not text.endswith("=") and len(text) % 4:
        text += "=" * (4 - len(text) % 4)
    try:
        if len(text) % 4:
            raise binascii.Error
        std = text.replace("-", "+").replace("_", "/")
        return _decode_bytes(base64.b64decode(std.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise FilterArgumentError(
            "invalid base64 provided to base64_url_safe_decode", token=None
        ) from None


def ruby_slice(seq: Any, offset: int, length: int) -> Any:
    """``String#slice(offset, length)`` / ``Array#slice``: None when out of range."""
    size_ = len(seq)
    if offset < 0:
        offset += size_
        if offset < 0:
            return None
    if offset > size_ or length < 0:
        return None
    return seq[offset : offset + length]


def slice_(value: Any, offset: Any, length: Any = None) -> Any:
    value = nil(value)
    start = strict_integer(offset)
    count = strict_integer(length) if nil(length) is not None else 1
    if isinstance(value, (list, tuple)):
        result = ruby_slice(list(value), start, count)
        return [] if result is None else result
    result = ruby_slice(to_s(value), start, count)
    return "" if result is None else result


def truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> str | None:
    value = nil(value)
    if value is None:
        return None
    text = to_s(value)
    limit = strict_integer(length)
    tail = to_s(ellipsis)
    keep = max(limit - len(tail), 0)
    return text[:keep] + tail if len(text) > limit else text


def awk_split(text: str, limit: int = 0) -> list[str]:
    """``String#split(" ", limit)``: runs of whitespace, leading ones ignored."""
    parts: list[str] = []
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos] in _RUBY_STRIP[:-1]:
            pos += 1
        if pos >= n:
            break
        if limit > 0 and len(parts) == limit - 1:
            parts.append(text[pos:])
            break
        end = pos
        while end < n and text[end] not in _RUBY_STRIP[:-1]:
            end += 1
        parts.append(text[pos:end])
        pos = end
    return parts


def truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> str | None:
    value = nil(value)
    if value is None:
        return None
    text = to_s(value)
    count = strict_integer(words)
    if count <= 0:
        count = 1
    wordlist = awk_split(text, count + 1)
    if len(wordlist) <= count:
        return text
    return " ".join(wordlist[:-1]) + to_s(ellipsis)


def split(value: Any, pattern: Any) -> list[str]:
    """``input.to_s.split(pattern.to_s)``: Ruby's rules, trailing empties dropped."""
    text = to_s(value)
    sep = to_s(pattern)
    if sep == " ":
        return awk_split(text)
    parts = list(text) if sep == "" else text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def strip(value: Any) -> str:
    return to_s(value).strip(_RUBY_STRIP)


def lstrip(value: Any) -> str:
    return to_s(value).lstrip(_RUBY_STRIP)


def rstrip(value: Any) -> str:
    return to_s(value).rstrip(_RUBY_STRIP)


_STRIP_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_HTML_TAGS = re.compile(r"<.*?>", re.S)


def strip_html(value: Any) -> str:
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", to_s(value)))


def strip_newlines(value: Any) -> str:
    return re.sub(r"\r?\n", "", to_s(value))


def newline_to_br(value: Any) -> str:
    return re.sub(r"\r?\n", "<br />\n", to_s(value))


def _gsub_replacement(replacement: str, matched: str) -> str:
    # Backslash sequences of a Ruby sub/gsub replacement string.
    def expand(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch in "0&":
            return matched
        if ch.isdigit() or ch in "`'+":
            return ""
        if ch == "\\":
            return "\\"
        return m.group(0)

    return re.sub(r"\\(.)", expand, replacement, flags=re.S)


def _sub(text: str, old: str, new: str, count: int) -> str:
    if old == "":
        if count == 1:
            return _gsub_replacement(new, "") + text
        pieces = [_gsub_replacement(new, "")] * (len(text) + 1)
        return "".join(p + c for p, c in zip(pieces, list(text) + [""]))
    out: list[str] = []
    pos = 0
    done = 0
    while True:
        found = text.find(old, pos)
        if found < 0 or (count and done >= count):
            break
        out.append(text[pos:found])
        out.append(_gsub_replacement(new, old))
        pos = found + len(old)
        done += 1
    out.append(text[pos:])
    return "".join(out)


def replace(value: Any, old: Any, new: Any = "") -> str:
    return _sub(to_s(value), to_s(old), to_s(new), 0)


def replace_first(value: Any, old: Any, new: Any = "") -> str:
    return _sub(to_s(value), to_s(old), to_s(new), 1)


def replace_last(value: Any, old: Any, new: Any) -> str:
    text, old_s, new_s = to_s(value), to_s(old), to_s(new)
    index = text.rfind(old_s)
    if index < 0:
        return text
    return text[:index] + new_s + text[index + len(old_s) :]


def remove(value: Any, old: Any) -> str:
    return replace(value, old, "")


def remove_first(value: Any, old: Any) -> str:
    return replace_first(value, old, "")


def remove_last(value: Any, old: Any) -> str:
    return replace_last(value, old, "")


def append(value: Any, suffix: Any) -> str:
    return to_s(value) + to_s(suffix)


def prepend(value: Any, prefix: Any) -> str:
    return to_s(prefix) + to_s(value)


def register(env: Environment) -> None:
    """Replace python-liquid's string filters with Ruby Liquid's."""
    table: dict[str, Callable[..., Any]] = {
        "size": size, "downcase": downcase, "upcase": upcase, "capitalize": capitalize,
        "escape": escape, "h": escape, "escape_once": escape_once, "url_encode": url_encode,
        "url_decode": url_decode, "base64_encode": base64_encode, "base64_decode": base64_decode,
        "base64_url_safe_encode": base64_url_safe_encode,
        "base64_url_safe_decode": base64_url_safe_decode, "slice": slice_, "truncate": truncate,
        "truncatewords": truncatewords, "split": split, "strip": strip, "lstrip": lstrip,
        "rstrip": rstrip, "strip_html": strip_html, "strip_newlines": strip_newlines,
        "newline_to_br": newline_to_br, "replace": replace, "replace_first": replace_first,
        "replace_last": replace_last, "remove": remove, "remove_first": remove_first,
        "remove_last": remove_last, "append": append, "prepend": prepend,
    }  # fmt: skip
    for name, func in table.items():
        env.add_filter(name, func)

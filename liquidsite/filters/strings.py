"""Jekyll's string filters (filters.rb): ``slugify``, ``xml_escape``,
``cgi_escape``, ``uri_escape``, ``normalize_whitespace``, ``number_of_words``,
``array_to_sentence_string``, ``markdownify`` and ``smartify``."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from .. import values
from ._ruby import RubyError, nil, require_string, to_s

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment

# --- slugify (utils.rb Utils.slugify) ---------------------------------------

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = set("._~!$&'()+,;=@")
_RUBY_SPACE = set(" \t\n\v\f\r")
_ASCII_ALNUM = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _is_letter_mark_digit(ch: str) -> bool:
    # Ruby's [\p{M}\p{L}\p{Nd}]
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def _keeps(mode: str, ch: str) -> bool:
    if mode == "raw":
        return ch not in _RUBY_SPACE
    if mode == "ascii":
        return ch in _ASCII_ALNUM
    if mode == "pretty":
        return ch in _PRETTY_KEEP or _is_letter_mark_digit(ch)
    return _is_letter_mark_digit(ch)


# I18n's HashTransliterator::DEFAULT_APPROXIMATIONS (i18n 1.10): Latin-1 and
# Latin Extended-A letters to ASCII.  Letters not listed here are their
# canonical decomposition's base letter; anything else non-ASCII is "?".
_LATIN_SPECIAL = {
    "Æ": "AE", "×": "x", "Ð": "D", "Ø": "O", "Þ": "Th", "ß": "ss", "æ": "ae", "ð": "d",
    "ø": "o", "þ": "th", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ĳ": "IJ",
    "ĳ": "ij", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "NG",
    "ŋ": "ng", "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t",
}  # fmt: skip


def _transliterate_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x80:
        return ch
    if ch in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[ch]
    if 0xC0 <= code <= 0x17E and code != 0xF7:
        return unicodedata.normalize("NFD", ch)[0]
    return "?"


def transliterate(text: str) -> str:
    """``I18n.transliterate`` with the default (English) rules."""
    return "".join(_transliterate_char(ch) for ch in text)


# The runs of characters each mode replaces, for text where one pattern
# decides: raw and ascii keep an ASCII-only set (or everything but Ruby's
# spaces) whatever the text; default, latin and pretty keep Unicode letters,
# marks and digits, which in ASCII text are exactly [A-Za-z0-9].
_RAW_RUN = re.compile(r"[ \t\n\v\f\r]+")
_ALNUM_RUN = re.compile(r"[^A-Za-z0-9]+")
_PRETTY_ASCII_RUN = re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+")
_ASCII_RUNS = {"default": _ALNUM_RUN, "latin": _ALNUM_RUN, "pretty": _PRETTY_ASCII_RUN}


def _replace_runs(mode: str, text: str) -> str:
    """Each run of characters *mode* does not keep becomes one hyphen,
    as ``gsub(/[^...]+/, "-")`` does."""
    if mode == "raw":
        return _RAW_RUN.sub("-", text)
    if mode == "ascii":
        return _ALNUM_RUN.sub("-", text)
    if text.isascii():
        return _ASCII_RUNS[mode].sub("-", text)
    return _replace_runs_by_char(mode, text)


def _replace_runs_by_char(mode: str, text: str) -> str:
    """:func:`_replace_runs` one character at a time (any mode, any text)."""
    # A hyphen the mode keeps (raw) is text and never merges with a run.
    out: list[str] = []
    in_run = False
    for ch in text:
        if _keeps(mode, ch):
            out.append(ch)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def slugify_text(text: str | None, mode: str | None = None, cased: bool = False) -> str | None:
    """``Jekyll::Utils.slugify``: the slug of *text* in *mode*."""
    mode = mode or "default"
    if text is None:
        return None
    if mode not in SLUGIFY_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = transliterate(text)
    slug = _replace_runs(mode, text)
    # slug.gsub!(%r!^-|-$!i, "") -- one hyphen at each line's start and end.
    # No mode keeps a line break, so the slug is one line.
    if slug.startswith("-"):
        slug = slug[1:]
    if slug.endswith("-"):
        slug = slug[:-1]
    return slug if cased else slug.lower()


def slugify(value: Any, mode: Any = None) -> str | None:
    """The ``slugify`` filter: ``Utils.slugify(input, mode: mode)``."""
    value = nil(value)
    mode = nil(mode)
    if value is None:
        return None
    mode_s = None if mode is None else to_s(mode)
    method = "downcase" if (mode_s or "default") not in SLUGIFY_MODES else "gsub"
    return slugify_text(require_string(value, method), mode_s)


# --- escaping ---------------------------------------------------------------


def xml_escape(value: Any) -> str:
    """``input.to_s.encode(:xml => :attr)`` without the surrounding quotes."""
    text = to_s(value)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


_CGI_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~")


def cgi_escape_text(text: str) -> str:
    """Ruby's ``CGI.escape``: form encoding, a space as ``+``."""
    out: list[str] = []
    for byte in text.encode("utf-8"):
        if byte in _CGI_SAFE:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def cgi_escape(value: Any) -> str:
    """The ``cgi_escape`` filter (``CGI.escape`` wants a String)."""
    value = nil(value)
    if not isinstance(value, str):
        from ._ruby import class_name

        raise RubyError(f"no implicit conversion of {class_name(value).replace('NilClass', 'nil')} into String")
    return cgi_escape_text(value)


# Addressable::URI::CharacterClasses::RESERVED + UNRESERVED, the characters
# normalize_component leaves as they are.
_URI_KEEP = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;="
)
_UNRESERVED = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


def uri_escape_text(text: str) -> str:
    """``Addressable::URI.normalize_component`` with its default class.

    Escapes of unreserved characters are decoded, other escapes kept (in
    upper case), and every byte outside reserved+unreserved is escaped; the
    text is NFKC-normalized first (``IDNA.unicode_normalize_kc``).
    """
    data = unicodedata.normalize("NFKC", text).encode("utf-8")
    out: list[str] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == 0x25 and re.fullmatch(rb"[0-9A-Fa-f]{2}", data[i + 1 : i + 3]):
            code = int(data[i + 1 : i + 3], 16)
            out.append(chr(code) if code in _UNRESERVED else f"%{code:02X}")
            i += 3
            continue
        out.append(chr(byte) if byte in _URI_KEEP else f"%{byte:02X}")
        i += 1
    return "".join(out)


def uri_escape(value: Any) -> Any:
    """The ``uri_escape`` filter."""
    value = nil(value)
    if value is None:
        return None
    if not isinstance(value, str):
        from ._ruby import class_name

        raise RubyError(f"Can't convert {class_name(value)} into String.")
    return uri_escape_text(value)


# --- whitespace and words ---------------------------------------------------

_RUBY_WS_RE = re.compile(r"[ \t\n\v\f\r]+")


def normalize_whitespace(value: Any) -> str:
    """``input.to_s.gsub(/\\s+/, " ").strip`` (ASCII whitespace, as in Ruby)."""
    return _RUBY_WS_RE.sub(" ", to_s(value)).strip(" \t\n\v\f\r\0")


_CJK_RANGES = (
    # Han
    (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF1), (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBE0), (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
    # Hiragana
    (0x3041, 0x3096), (0x309D, 0x309F), (0x1B001, 0x1B11F), (0x1B150, 0x1B152), (0x1F200, 0x1F200),
    # Katakana
    (0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0x32D0, 0x32FE), (0x3300, 0x3357),
    (0xFF66, 0xFF6F), (0xFF71, 0xFF9D), (0x1AFF0, 0x1AFFE), (0x1B000, 0x1B000), (0x1B120, 0x1B122),
    (0x1B164, 0x1B167),
    # Hangul
    (0x1100, 0x11FF), (0x302E, 0x302F), (0x3131, 0x318E), (0x3200, 0x321E), (0x3260, 0x327E),
    (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xFFA0, 0xFFBE),
    (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
)  # fmt: skip
_CJK_CLASS = "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in _CJK_RANGES)
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_WORD_RE = re.compile(f"[^{_CJK_CLASS} \\t\\n\\v\\f\\r]+")


def _ruby_split(text: str) -> list[str]:
    # String#split with no pattern: runs of ASCII whitespace (and NUL).
    return [part for part in re.split(r"[ \t\n\v\f\r\0]+", text) if part]


def number_of_words(value: Any, mode: Any = None) -> int:
    """Words in *value*; ``cjk`` counts each CJK character, ``auto`` when any."""
    mode = nil(mode)
    text = require_string(value, "split" if mode not in ("cjk", "auto") else "scan")
    if mode == "cjk":
        return len(_CJK_RE.findall(text)) + len(_WORD_RE.findall(text))
    if mode == "auto":
        cjk = len(_CJK_RE.findall(text))
        return len(_ruby_split(text)) if cjk == 0 else cjk + len(_WORD_RE.findall(text))
    return len(_ruby_split(text))


def _join(items: Any, sep: str) -> str:
    # Array#join: nested arrays joined with the same separator, to_s of the rest.
    parts = []
    for item in items:
        item = nil(item)
        parts.append(_join(item, sep) if isinstance(item, (list, tuple)) else to_s(item))
    return sep.join(parts)


def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    """``apples, oranges, and grapes``: items joined, *connector* before the last."""
    array = nil(value)
    conn = to_s(connector)
    if array is None or isinstance(array, (bool, int, float)):
        raise RubyError(
            f"undefined method `length' for {values.inspect(array)}:"
            f"{'NilClass' if array is None else type(array).__name__}"
        )
    if isinstance(array, str):
        size = len(array)
        if size == 0:
            return ""
        if size == 1:
            return array
        if size == 2:
            return f"{array[0]} {conn} {array[1]}"
        raise RubyError(f"undefined method `join' for {values.inspect(array[:-1])}:String")
    if isinstance(array, dict):
        size = len(array)
        items: list[Any] = [array.get(0), array.get(1)]
        if size == 0:
            return ""
        if size == 1:
            return to_s(items[0])
        if size == 2:
            return f"{to_s(items[0])} {conn} {to_s(items[1])}"
        raise RubyError("undefined method `[]' for a Hash range")
    array = list(array)
    if not array:
        return ""
    if len(array) == 1:
        return to_s(array[0])
    if len(array) == 2:
        return f"{to_s(array[0])} {conn} {to_s(array[1])}"
    return f"{_join(array[:-1], ', ')}, {conn} {to_s(array[-1])}"


# --- converters -------------------------------------------------------------


@with_environment
def markdownify(value: Any, *, environment: JekyllEnvironment) -> str:
    """Markdown to HTML with the site's converter (``input.to_s``)."""
    return environment.markdownify(to_s(value))


@with_environment
def smartify(value: Any, *, environment: JekyllEnvironment) -> str:
    """Typographic quotes, dashes and ellipses, as kramdown's SmartyPants."""
    from .smartypants import smartypants

    return smartypants(to_s(value), environment.config)


def register(env: JekyllEnvironment) -> None:
    """Add the string filters to *env*."""
    env.add_filter("slugify", slugify)
    env.add_filter("xml_escape", xml_escape)
    env.add_filter("cgi_escape", cgi_escape)
    env.add_filter("uri_escape", uri_escape)
    env.add_filter("normalize_whitespace", normalize_whitespace)
    env.add_filter("number_of_words", number_of_words)
    env.add_filter("array_to_sentence_string", array_to_sentence_string)
    env.add_filter("markdownify", markdownify)
    env.add_filter("smartify", smartify)

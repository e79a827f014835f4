"""The ``smartify`` filter's converter: kramdown's SmartyPants parser
(jekyll/converters/smartypants.rb) with kramdown's HTML output.

Jekyll converts with a kramdown parser whose only span parsers are
``smart_quotes``, ``html_entity``, ``typographic_syms`` and ``span_html``.
This module follows the same scan: text up to the next place one of them
may start, then the first that matches there (kramdown/parser/kramdown.rb
``parse_spans``), the rules copied from smart_quotes.rb and
typographic_symbol.rb.  HTML tags pass through as written; block-level
HTML is not treated apart, which only matters for whole HTML blocks.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Mapping
from typing import Any

_SQ_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(\-]"
_W = r"[A-Za-z0-9_]"
_S = r"[ \t\n\v\f\r]"

# (regex, substitutions): an int is a group added as text, a name a quote
# whose kind may depend on the quote character in the group its digit names.
_SQ_RULES: list[tuple[re.Pattern[str], list[Any]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}[^ \t\n\v\f\r])"""), ["lquote1"]),
    (re.compile(r"""("|')(?=""" + _SQ_PUNCT + r"""(?!\.\.)\B)""", re.A), ["rquote1"]),
    (re.compile(r"(" + _S + r"?)\"'(?=" + _W + ")"), [1, "ldquo", "lsquo"]),
    (re.compile(r"(" + _S + r"?)'\"(?=" + _W + ")"), [1, "lsquo", "ldquo"]),
    (re.compile(r"(" + _S + r"?)'(?=[0-9][0-9]s)"), [1, "rsquo"]),
    (re.compile(r"(" + _S + r")('|\")(?=" + _W + ")"), [1, "lquote2"]),
    (re.compile(r"(" + _SQ_CLOSE + r")('|\")"), [1, "rquote2"]),
    (re.compile(r"""("|')(?=""" + _S + r"""|s\b|$)""", re.M | re.A), ["rquote1"]),
    (re.compile(r"(.?)'", re.S), [1, "lsquo"]),
    (re.compile(r'(.?)"', re.S), [1, "ldquo"]),
]
_SQ_SUBSTS = {
    ("rquote1", '"'): "rdquo", ("rquote1", "'"): "rsquo",
    ("rquote2", '"'): "rdquo", ("rquote2", "'"): "rsquo",
    ("lquote1", '"'): "ldquo", ("lquote1", "'"): "lsquo",
    ("lquote2", '"'): "ldquo", ("lquote2", "'"): "lsquo",
}  # fmt: skip

_TYPO_RE = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_TYPO = {
    "---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;", "\\>>": "&gt;&gt;",
    "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb",
}  # fmt: skip

_SMART_START = re.compile(r"""[^\\]?["']""")
_ENTITY_RE = re.compile(r"&([\w:][\-\w.:]*);|&#([0-9]+);|&#x([0-9a-fA-F]+);")
_TAG_RE = re.compile(
    r"<!--.*?-->|<\?.*?\?>|</?[A-Za-z][\w:.\-]*"
    r"""(?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*/?>""",
    re.S,
)
_SPAN_START = re.compile(
    r"""(?=[^\\]?["']|&|--|\.\.\.|(?:\\| )?(?:<<|>>)|<)"""
)
_QUOTE_NAMES = ("lsquo", "rsquo", "ldquo", "rdquo")
_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _text(text: str) -> str:
    return "".join(_ESCAPE.get(ch, ch) for ch in text)


def _quote_chars(config: Mapping[str, Any]) -> dict[str, str]:
    """Characters for the four quotes from ``kramdown.smart_quotes``."""
    kramdown = config.get("kramdown") or {}
    names = str(kramdown.get("smart_quotes") or "lsquo,rsquo,ldquo,rdquo").split(",")
    chars = {}
    for kind, name in zip(_QUOTE_NAMES, names):
        chars[kind] = _entity_output(name.strip(), None)
    return chars


def _entity_output(name_or_code: str | int, original: str | None) -> str:
    # Converter::Base#entity_to_str with entity_output "as_char".
    if isinstance(name_or_code, int):
        code = name_or_code
        name = html.entities.codepoint2name.get(code)
    else:
        name = name_or_code
        code = html.entities.name2codepoint.get(name, 39 if name == "apos" else -1)
        if code < 0:
            code = int(name) if name.isdigit() else 0
    char = chr(code)
    if char == '"' or char not in _ESCAPE:
        return char
    if original:
        return original
    return f"&{name};" if name else f"&#{code};"


def _entity(match: re.Match[str]) -> str | None:
    name, dec, hexa = match.group(1), match.group(2), match.group(3)
    if name is not None:
        if name not in html.entities.name2codepoint and name != "apos":
            return None
        return _entity_output(name, match.group(0))
    code = int(dec) if dec is not None else int(hexa, 16)
    return _entity_output(code, match.group(0))


def smartypants(text: str, config: Mapping[str, Any]) -> str:
    """Convert *text* as ``Jekyll::Converters::SmartyPants#convert`` does."""
    quotes = _quote_chars(config)
    src = _chomp(re.sub(r"\r\n?", "\n", text)) + "\n"  # Parser::Base#adapt_source
    out: list[str] = []
    pos = 0
    while pos < len(src):
        found = _SPAN_START.search(src, pos)
        if not found:
            out.append(_text(src[pos:]))
            break
        out.append(_text(src[pos : found.start()]))
        pos = found.start()
        handled = False
        if _SMART_START.match(src, pos):
            for regex, substs in _SQ_RULES:
                m = regex.match(src, pos)
                if not m:
                    continue
                for subst in substs:
                    if isinstance(subst, int):
                        out.append(_text(m.group(subst)))
                    else:
                        group = int(subst[-1]) if subst[-1].isdigit() else 0
                        kind = _SQ_SUBSTS.get((subst, m.group(group) if group else ""), subst)
                        out.append(quotes[kind])
                pos = m.end()
                handled = True
                break
        if not handled and (m := _ENTITY_RE.match(src, pos)):
            value = _entity(m)
            out.append("&amp;" + _text(m.group(0)[1:]) if value is None else value)
            pos = m.end()
            handled = True
        if not handled and (m := _TYPO_RE.match(src, pos)):
            out.append(_TYPO[m.group(0)])
            pos = m.end()
            handled = True
        if not handled and (m := _TAG_RE.match(src, pos)):
            out.append(m.group(0))
            pos = m.end()
            handled = True
        if not handled:
            out.append(_text(src[pos]))
            pos += 1
    return _chomp("".join(out))


def _chomp(text: str) -> str:
    # Ruby's String#chomp: one trailing line break.
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\n", "\r")) else text

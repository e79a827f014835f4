"""Code highlighting with Pygments, emitting the markup Rouge emits.

Jekyll highlights with Rouge (kramdown/converter/syntax_highlighter/rouge.rb
and Rouge's HTML formatter): each token becomes ``<span class="SHORT">``
where SHORT is the token type's short name (``k``, ``nf``, ``s2``...), plain
text stays bare, consecutive tokens of one type are merged, and only
``&``, ``<`` and ``>`` are escaped.  Pygments shares Rouge's short names, so
the markup matches; token boundaries may differ where the two lexers
disagree.  Only languages Rouge knows are highlighted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token
from pygments.util import ClassNotFound

from liquidsite.converters.markdown.rouge_lexers import ROUGE_NAMES

#: Rouge tags whose Pygments lexer has another name.
_PYGMENTS_NAME = {"plaintext": "text", "shell": "bash", "console": "console",
                  "viml": "vim", "jsx": "javascript", "tsx": "typescript",
                  "literate_haskell": "lhs", "literate_coffeescript": "literate-coffee"}


def rouge_tag(lang: str | None) -> str | None:
    """The Rouge lexer tag for ``lang`` (``name?options`` allowed), or None."""
    if not lang:
        return None
    name = lang.split("?", 1)[0]
    return ROUGE_NAMES.get(name)


@lru_cache(maxsize=256)
def _lexer(tag: str) -> Lexer | None:
    if tag == "plaintext":
        return None
    for name in (_PYGMENTS_NAME.get(tag, tag), tag.replace("_", "-")):
        try:
            return get_lexer_by_name(name, stripnl=False, ensurenl=False, stripall=False)
        except ClassNotFound:
            continue
    return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Rouge token types Pygments lacks among its standard short names.
_EXTRA_SHORT = {Token.Punctuation.Indicator: "pi"}


def _short(ttype: Any) -> str:
    if ttype in _EXTRA_SHORT:
        return _EXTRA_SHORT[ttype]
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


Tok = tuple[Any, str]


def _python(tokens: list[Tok]) -> list[Tok]:
    """Rouge's Python lexer: plain ``s`` strings, ``bp`` constants, ``print`` keyword."""
    out: list[Tok] = []
    for i, (t, v) in enumerate(tokens):
        if t in (Token.String.Double, Token.String.Single, Token.String.Doc):
            t = Token.String
        elif t is Token.Keyword.Constant:
            t = Token.Name.Builtin.Pseudo
        elif t is Token.Name.Function.Magic:
            t = Token.Name.Function
        elif t is Token.Name.Builtin and v == "print":
            t = Token.Keyword
        elif t is Token.Operator and v == ".":
            t = Token.Punctuation
        elif t is Token.Name.Decorator and v.startswith("@"):
            out += [(Token.Operator, "@"), (Token.Name, v[1:])]
            continue
        elif t in (Token.Text, Token.Text.Whitespace) and v.startswith("\n") and out and \
                out[-1][0] is Token.Comment.Single and not out[-1][1].endswith("\n"):
            # Rouge's comment takes its own line end, never a blank line after it.
            out[-1] = (out[-1][0], out[-1][1] + "\n")
            v = v[1:]
            if not v:
                continue
        out.append((t, v))
    return out


def _javascript(tokens: list[Tok]) -> list[Tok]:
    """Rouge: integers are ``mi``; quotes of plain strings are ``dl`` delimiters."""
    out: list[Tok] = []
    for t, v in tokens:
        if t is Token.Literal.Number.Float and v.isdigit():
            t = Token.Literal.Number.Integer
        elif t is Token.String.Backtick:
            t = Token.String.Double
        elif t is Token.String.Interpol:
            t = Token.Punctuation
        elif t in (Token.String.Double, Token.String.Single) and len(v) >= 2 and v[0] == v[-1]:
            out.append((Token.String.Delimiter, v[0]))
            if len(v) > 2:
                out.append((t, v[1:-1]))
            out.append((Token.String.Delimiter, v[-1]))
            continue
        out.append((t, v))
    return out


def _json(tokens: list[Tok]) -> list[Tok]:
    """Rouge: keys are ``nl`` and whitespace keeps its ``w`` span."""
    return [(Token.Name.Label if t is Token.Name.Tag else t, v) for t, v in tokens]


def _diff(tokens: list[Tok]) -> list[Tok]:
    """Rouge keeps a line's newline inside its ``gd``/``gi``/``gh`` span."""
    out: list[Tok] = []
    for t, v in tokens:
        if v == "\n" and out and out[-1][0] in Token.Generic:
            out[-1] = (out[-1][0], out[-1][1] + v)
            continue
        out.append((t, v))
    return out


def _html(tokens: list[Tok]) -> list[Tok]:
    """Rouge: ``<div``, ``>`` and ``</p>`` are whole ``nt`` tokens, ``class=`` is ``na``."""
    out: list[Tok] = []
    for t, v in tokens:
        if t is Token.Punctuation and v.strip() in ("<", "</", ">", "/>", "/"):
            t = Token.Name.Tag
        elif t is Token.Operator and v == "=" and out and out[-1][0] is Token.Name.Attribute:
            t = Token.Name.Attribute
        elif t is Token.Comment.Multiline:
            t = Token.Comment
        out.append((t, v))
    return out


_NUMBER = re.compile(r"[-+]?(?:\d+|\d*\.\d+)(?:[eE][-+]?\d+)?\Z")


def _yaml(tokens: list[Tok]) -> list[Tok]:
    """Rouge: keys ``na``, indicators ``pi``, scalars ``s``/``m``/``no``, ``s2`` open quote."""
    out: list[Tok] = []
    in_quote = False
    for t, v in tokens:
        if t is Token.Name.Tag:
            t = Token.Name.Attribute
        elif t is Token.Name.Constant:  # block scalar text
            t = Token.String
        elif t is Token.Punctuation:
            t = Token.Punctuation.Indicator
        elif t is Token.Literal.Scalar.Plain:
            if _NUMBER.match(v):
                t = Token.Literal.Number
            elif v in ("true", "false", "null", "~"):
                t = Token.Name.Constant
            else:
                t = Token.String
        elif t is Token.String and not in_quote and v.startswith('"'):
            out.append((Token.String.Double, '"'))
            in_quote = True
            v = v[1:]
            if not v:
                continue
        if t is Token.String and in_quote and v.endswith('"'):
            in_quote = False
        out.append((t, v))
    return out


_COMPAT = {"yaml": _yaml, "python": _python, "javascript": _javascript, "json": _json, "diff": _diff,
           "html": _html}


def highlight_code(code: str, lang: str | None) -> str | None:
    """The token spans Rouge would emit for ``code`` in ``lang``.

    Returns None when Rouge has no lexer for ``lang`` (the caller then emits
    an unhighlighted block).  Plain text is only escaped.
    """
    tag = rouge_tag(lang)
    if tag is None:
        return None
    lexer = _lexer(tag)
    if lexer is None:
        return _escape(code)
    keep_ws = tag == "json"
    tokens: list[Tok] = [(t, v) for t, v in lexer.get_tokens(code) if v]
    fix = _COMPAT.get(tag)
    if fix is not None:
        tokens = fix(tokens)
    out: list[str] = []
    last_type: Any = None
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        value = _escape("".join(buf))
        short = "" if last_type is Token.Text else _short(last_type)
        out.append(f'<span class="{short}">{value}</span>' if short else value)
        buf.clear()

    for ttype, value in tokens:
        if ttype is Token.Text.Whitespace and not keep_ws:
            ttype = Token.Text
        if ttype != last_type:
            flush()
            last_type = ttype
        buf.append(value)
    flush()
    return "".join(out)


def highlight_block(code: str, lang: str | None) -> str | None:
    """Rouge's legacy HTML wrapper around :func:`highlight_code`."""
    inner = highlight_code(code, lang)
    if inner is None:
        return None
    return f'<div class="highlight"><pre class="highlight"><code>{inner}</code></pre></div>'

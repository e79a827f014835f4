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


def _short(ttype: Any) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


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
    out: list[str] = []
    last_type: Any = None
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        value = _escape("".join(buf))
        short = "" if last_type in (Token.Text, Token.Text.Whitespace) else _short(last_type)
        out.append(f'<span class="{short}">{value}</span>' if short else value)
        buf.clear()

    for ttype, value in lexer.get_tokens(code):
        if not value:
            continue
        if ttype is Token.Text.Whitespace:
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

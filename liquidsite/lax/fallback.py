"""Ruby Liquid's parser switching, for markup python-liquid rejects.

Jekyll parses each tag's markup and each ``{{ output }}`` with Ruby
Liquid's strict grammar; under the default ``error_mode: warn`` a failure
becomes a warning (``Liquid syntax error (line N): MESSAGE in "MARKUP"``)
and the markup is parsed again with the lax regexes, which accept almost
anything (parser_switching.rb).  python-liquid stays in charge of every
template; only when it raises a syntax error on one piece of markup do the
tags here call :func:`ruby_parse`, which replays Ruby's choice for that one
piece: Ruby's strict grammar (:mod:`.strict`) for the warning text, then
the lax parse (:mod:`.variable`, :mod:`.regexes`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, TypeVar

from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from .strict import StrictSyntaxError

if TYPE_CHECKING:
    from liquid import Environment

T = TypeVar("T")


class RubySyntaxError(LiquidSyntaxError):
    """A syntax error Ruby Liquid raises in every error mode (the lax parse
    failed too, or ``error_mode: strict``): the build stops."""


def line_of(token: Token) -> int:
    """The line Ruby reports: where the tag's markup (or the output) starts."""
    return token.source.count("\n", 0, max(token.start_index, 0)) + 1


def ruby_parse(env: Environment, token: Token, strict: Callable[[], T], lax: Callable[[], T],
               context: str) -> T:
    """Ruby's ``parse_with_selected_parser`` for one piece of markup.

    *strict* and *lax* build the node's expression from Ruby's two grammars;
    *context* is the `` in "..."`` suffix of Ruby's message.  Warnings go
    through ``env.parse_warning`` so the template keeps them.
    """
    mode = getattr(env, "jekyll_error_mode_name", "warn")
    try:
        if mode == "lax":
            return lax()
        try:
            return strict()
        except StrictSyntaxError as err:
            message = f"{err.message} {context}"
            if mode == "strict":
                raise RubySyntaxError(message, token=token) from None
            warn = getattr(env, "parse_warning", None)
            if warn is not None:
                warn(f"Liquid syntax error (line {line_of(token)}): {message}")
            return lax()
    except RubySyntaxError:
        raise
    except LiquidSyntaxError as err:
        raise RubySyntaxError(str(err.message), token=token) from None


def markup_at(stream: TokenStream, index: int) -> tuple[str, Token | None]:
    """The markup of the tag token at *index* and its expression token."""
    nxt = stream.tokens[index + 1] if index + 1 < len(stream.tokens) else None
    if nxt is not None and nxt.kind == TOKEN_EXPRESSION:
        return nxt.value, nxt
    return "", None


def raw_markup(stream: TokenStream, index: int) -> str:
    """The tag's markup as Ruby sees it, with the spaces before ``%}`` that
    python-liquid's expression token drops (Ruby quotes them in warnings).
    Inside ``{% liquid %}`` a line ends the markup."""
    markup, expr = markup_at(stream, index)
    if expr is None:
        return markup
    end = expr.start_index + len(markup)
    m = _TRAILING.match(expr.source, end)
    return markup + (m.group(1) if m else "")


_TRAILING = re.compile(r"([ \t]*)-?%\}")


def replace_markup(stream: TokenStream, index: int, value: str) -> None:
    """Give python-liquid markup it accepts for the tag at *index*; the tag
    then swaps in the expression Ruby's grammar built."""
    tag = stream.tokens[index]
    _, expr = markup_at(stream, index)
    new = Token(TOKEN_EXPRESSION, value, expr.start_index if expr else tag.start_index,
                tag.source)
    if expr is None:
        stream.tokens.insert(index + 1, new)
    else:
        stream.tokens[index + 1] = new

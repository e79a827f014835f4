"""Ruby Liquid's strict lexer and parser (lexer.rb, parser.rb).

Jekyll's default ``error_mode: warn`` first parses markup with this
grammar; when it fails, the message becomes a warning and the markup is
parsed again with the lax regexes.  The parser returns *markup strings*
(as Ruby's does) that :func:`liquidsite.lax.expressions.parse_expression`
turns into expressions, so both paths end in the same place.
"""

from __future__ import annotations

import re
from typing import Any

from liquid.exceptions import LiquidSyntaxError

A = re.ASCII
SPECIALS = {
    "|": "pipe", ".": "dot", ":": "colon", ",": "comma", "[": "open_square",
    "]": "close_square", "(": "open_round", ")": "close_round", "?": "question",
    "-": "dash",
}
_COMPARISON = re.compile(r"==|!=|<>|<=?|>=?|contains(?=\s)", A)
_SINGLE = re.compile(r"'[^']*'")
_DOUBLE = re.compile(r'"[^"]*"')
_NUMBER = re.compile(r"-?\d+(\.\d+)?", A)
_IDENTIFIER = re.compile(r"[a-zA-Z_][\w-]*\??", A)
_DOTDOT = re.compile(r"\.\.")
_WHITESPACE = re.compile(r"\s*", A)

Tok = tuple[Any, ...]  # (kind, value) or ("end_of_string",)


class StrictSyntaxError(LiquidSyntaxError):
    """A strict-parser failure; the message is Ruby's, word for word."""


def tokenize(markup: str) -> list[Tok]:
    """Ruby's ``Lexer#tokenize``."""
    out: list[Tok] = []
    pos = 0
    end = len(markup)
    while pos < end:
        pos = _WHITESPACE.match(markup, pos).end()  # type: ignore[union-attr]
        if pos >= end:
            break
        for kind, regex in (("comparison", _COMPARISON), ("string", _SINGLE),
                            ("string", _DOUBLE), ("number", _NUMBER),
                            ("id", _IDENTIFIER), ("dotdot", _DOTDOT)):
            m = regex.match(markup, pos)
            if m:
                out.append((kind, m.group()))
                pos = m.end()
                break
        else:
            char = markup[pos]
            pos += 1
            special = SPECIALS.get(char)
            if special is None:
                raise StrictSyntaxError(f"Unexpected character {char}", token=None)
            out.append((special, char))
    out.append(("end_of_string",))
    return out


def _tok_inspect(tok: Tok) -> str:
    """Ruby's ``Array#inspect`` of a token: ``[:comma, ","]``."""
    parts = [f":{tok[0]}"] + [f'"{v}"' for v in tok[1:]]
    return "[" + ", ".join(parts) + "]"


class Parser:
    """Ruby's ``Liquid::Parser`` over one piece of markup."""

    def __init__(self, markup: str) -> None:
        self.tokens = tokenize(markup)
        self.p = 0

    def consume(self, kind: str | None = None) -> str:
        tok = self.tokens[self.p]
        if kind is not None and tok[0] != kind:
            raise StrictSyntaxError(f"Expected {kind} but found {tok[0]}", token=None)
        self.p += 1
        return tok[1] if len(tok) > 1 else ""

    def consume_if(self, kind: str) -> str | None:
        tok = self.tokens[self.p] if self.p < len(self.tokens) else None
        if tok is None or tok[0] != kind:
            return None
        self.p += 1
        return tok[1] if len(tok) > 1 else ""

    def id_is(self, word: str) -> bool:
        tok = self.tokens[self.p] if self.p < len(self.tokens) else None
        if tok is None or tok[0] != "id" or tok[1] != word:
            return False
        self.p += 1
        return True

    def look(self, kind: str, ahead: int = 0) -> bool:
        i = self.p + ahead
        return i < len(self.tokens) and self.tokens[i][0] == kind

    def expression(self) -> str:
        tok = self.tokens[self.p]
        kind = tok[0]
        if kind == "id":
            return self.consume() + self.variable_lookups()
        if kind == "open_square":
            text = self.consume() + self.expression() + self.consume("close_square")
            return text + self.variable_lookups()
        if kind in ("string", "number"):
            return self.consume()
        if kind == "open_round":
            self.consume()
            first = self.expression()
            self.consume("dotdot")
            last = self.expression()
            self.consume("close_round")
            return f"({first}..{last})"
        raise StrictSyntaxError(f"{_tok_inspect(tok)} is not a valid expression", token=None)

    def argument(self) -> str:
        text = ""
        if self.look("id") and self.look("colon", 1):
            text += self.consume() + self.consume() + " "
        return text + self.expression()

    def variable_lookups(self) -> str:
        text = ""
        while True:
            if self.look("open_square"):
                text += self.consume() + self.expression() + self.consume("close_square")
            elif self.look("dot"):
                text += self.consume() + self.consume("id")
            else:
                return text

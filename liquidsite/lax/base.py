"""Output statements and the shared helpers of block tags (block.rb)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, TextIO

from liquid.ast import Node
from liquid.token import Token

from .document import Body, ParseContext, RubyTag, TokenSource
from .variable import Variable

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.expression import Expression


def output_text(value: object) -> str:
    """What ``{{ value }}`` appends (Variable#render_to_output_buffer)."""
    from .. import values

    if isinstance(value, range):
        # A Ruby Range is not an Array: it prints as "1..3".
        return f"{value.start}..{value.stop - 1}"
    return values.to_s(value)


class OutputNode(Node):
    """``{{ markup }}``."""

    __slots__ = ("expression",)

    def __init__(self, token: Token, expression: Variable) -> None:
        super().__init__(token)
        self.expression = expression
        self.blank = False

    def __str__(self) -> str:
        return f"{{{{{self.expression}}}}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(output_text(self.expression.evaluate(context)))

    def expressions(self) -> Iterable[Expression]:
        yield self.expression


class BlockTag(RubyTag):
    """Helpers for block tags (block.rb)."""

    def body_until(self, pc: ParseContext, body: Body, tokens: TokenSource,
                   name: str, token: Token) -> tuple[str | None, str, Token]:
        end_name, markup, end_token = pc.parse_body(body, tokens)
        if end_name is None:
            raise pc.never_closed(name, token)
        return end_name, markup, end_token

    def delimiter(self, tokens: TokenSource, name: str) -> str:
        return f"end{name}"



"""``if``, ``unless`` and ``case`` (tags/if.rb, unless.rb, case.rb)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, TextIO

from liquid.ast import Node
from liquid.token import Token

from . import regexes as rx
from .base import BlockTag
from .document import Body, ParseContext, TokenSource
from .expressions import parse_expression
from .variable import Condition, ElseCondition, parse_condition, truthy

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.expression import Expression


# -- if / unless --------------------------------------------------------------


class IfNode(Node):
    __slots__ = ("blocks", "unless")

    def __init__(self, token: Token, blocks: list[tuple[Condition, Body]], unless: bool,
                 blank: bool) -> None:
        super().__init__(token)
        self.blocks = blocks
        self.unless = unless
        self.blank = blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        for i, (condition, body) in enumerate(self.blocks):
            result = truthy(condition.evaluate(context))
            if self.unless and i == 0:
                result = not result
            if result:
                return body.render(context, buffer)
        return 0

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [body for _, body in self.blocks]

    def expressions(self) -> Iterable[Expression]:
        return [c for c, _ in self.blocks]


class IfTag(BlockTag):
    unless = False

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        blocks: list[tuple[Condition, Body]] = []
        condition = parse_condition(pc, markup, token)
        blank = True
        while True:
            body = Body(token)
            blocks.append((condition, body))
            end_name, end_markup, end_token = self.body_until(pc, body, tokens, name, token)
            blank = blank and body.blank
            if end_name == f"end{name}":
                break
            if end_name == "elsif":
                condition = parse_condition(pc, end_markup, end_token)
            elif end_name == "else":
                condition = ElseCondition(None, token=end_token)
            else:
                raise pc.unknown_tag(end_name or "", name, f"end{name}", end_token)
        if blank:
            for _, body in blocks:
                body.remove_blank_strings()
        return IfNode(token, blocks, self.unless, blank)


class UnlessTag(IfTag):
    unless = True


# -- case -----------------------------------------------------------------------


class CaseNode(Node):
    __slots__ = ("blocks",)

    def __init__(self, token: Token, blocks: list[tuple[Condition, Body]], blank: bool) -> None:
        super().__init__(token)
        self.blocks = blocks
        self.blank = blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        run_else = True
        count = 0
        for condition, body in self.blocks:
            if isinstance(condition, ElseCondition):
                if run_else:
                    count += body.render(context, buffer)
                continue
            if truthy(condition.evaluate(context)):
                run_else = False
                count += body.render(context, buffer)
        return count

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [body for _, body in self.blocks]


class CaseTag(BlockTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        m = rx.CASE_SYNTAX.search(markup)
        if not m:
            raise pc.error("Syntax Error in 'case' - Valid syntax: case [condition]", token)
        left = parse_expression(m.group(1), token)
        blocks: list[tuple[Condition, Body]] = []
        body = Body(token)
        blank = True
        while True:
            end_name, end_markup, end_token = self.body_until(pc, body, tokens, name, token)
            blank = blank and body.blank
            if end_name == "endcase":
                break
            body = Body(end_token)
            if end_name == "when":
                rest: str | None = end_markup
                while rest:
                    wm = rx.WHEN_SYNTAX.search(rest)
                    if not wm:
                        raise pc.error(
                            "Syntax Error in tag 'case' - Valid when condition: "
                            "{% when [condition] [or condition2...] %}", end_token)
                    rest = wm.group(2)
                    from .expressions import parse_condition_operand

                    right = parse_condition_operand(wm.group(1), end_token)
                    blocks.append((Condition(left, "==", right, end_token), body))
                if end_markup == "" or end_markup is None:
                    raise pc.error(
                        "Syntax Error in tag 'case' - Valid when condition: "
                        "{% when [condition] [or condition2...] %}", end_token)
            elif end_name == "else":
                if end_markup.strip(rx.RUBY_WS):
                    raise pc.error("Syntax Error in tag 'case' - Valid else condition: "
                                   "{% else %} (no parameters) ", end_token)
                blocks.append((ElseCondition(None, token=end_token), body))
            else:
                raise pc.unknown_tag(end_name or "", name, "endcase", end_token)
        if blank:
            seen: set[int] = set()
            for _, b in blocks:
                if id(b) not in seen:
                    seen.add(id(b))
                    b.remove_blank_strings()
        return CaseNode(token, blocks, blank)



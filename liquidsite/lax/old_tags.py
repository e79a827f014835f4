"""Liquid 5.4's standard tags with Ruby's parsing and rendering.

Each class mirrors lib/liquid/tags/NAME.rb: the same strict-then-lax
parsing (for, if, unless, and every tag that holds a Variable), the same
syntax errors, the same blank-block rules, and Ruby's rendering quirks
(``cycle`` keyed by its markup, ``increment`` sharing the render's
environment, ``tablerow`` carrying on after ``break``...).
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, Any, Iterable, TextIO

from liquid.ast import Node
from liquid.exceptions import BreakLoop, ContinueLoop, LiquidError
from liquid.token import Token

from . import regexes as rx
from .base import BlockTag, OutputNode, output_text
from .document import Body, ParseContext, RubyTag, TextNode, TokenSource
from .expressions import Literal, Lookup, RubyArgumentError, parse_expression
from .variable import Variable, equal_variables, parse_variable

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.expression import Expression


from .control import CaseTag, IfTag, UnlessTag
from .loops import ForloopDrop, ForTag, TablerowTag, slice_collection, with_token


# -- assign / capture -----------------------------------------------------------


class AssignNode(Node):
    __slots__ = ("name", "expression")

    def __init__(self, token: Token, name: str, expression: Variable) -> None:
        super().__init__(token)
        self.name = name
        self.expression = expression
        self.blank = True

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        context.assign(self.name, self.expression.evaluate(context))
        return 0

    def expressions(self) -> Iterable[Expression]:
        yield self.expression


class AssignTag(RubyTag):
    blank = True

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        m = rx.ASSIGN_SYNTAX.search(markup)
        if not m:
            raise pc.error(
                "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]", token)
        return AssignNode(token, m.group(1), parse_variable(pc, m.group(2), token))


class CaptureNode(Node):
    __slots__ = ("name", "body")

    def __init__(self, token: Token, name: str, body: Body) -> None:
        super().__init__(token)
        self.name = name
        self.body = body
        self.blank = True

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        out = StringIO()
        self.body.render(context, out)
        context.assign(self.name, out.getvalue())
        return 0

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [self.body]


class CaptureTag(BlockTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        m = rx.CAPTURE_SYNTAX.search(markup)
        if not m:
            raise pc.error("Syntax Error in 'capture' - Valid syntax: capture [var]", token)
        body = Body(token)
        end_name, _, end_token = self.body_until(pc, body, tokens, name, token)
        if end_name != "endcapture":
            raise pc.unknown_tag(end_name or "", name, "endcapture", end_token)
        return CaptureNode(token, m.group(1), body)


# -- cycle / increment / decrement / echo ---------------------------------------------


class CycleNode(Node):
    __slots__ = ("name", "variables")

    def __init__(self, token: Token, name: Expression, variables: list[Expression]) -> None:
        super().__init__(token)
        self.name = name
        self.variables = variables
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        registers: dict[Any, int] = context.tag_namespace.setdefault("ruby_cycle", {})
        key = self.name.evaluate(context)
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        iteration = registers.get(key, 0)
        value = self.variables[iteration].evaluate(context) if iteration < len(self.variables) \
            else None
        from .. import values

        text = "".join(values.to_s(v) for v in value) if isinstance(value, list) \
            else values.ruby_to_s(value)
        iteration += 1
        if iteration >= len(self.variables):
            iteration = 0
        registers[key] = iteration
        return buffer.write(text)


def _cycle_variables(markup: str, token: Token) -> list[Expression]:
    out = []
    for part in markup.split(","):
        m = rx.CYCLE_VARIABLE.search(part)
        if m:
            out.append(parse_expression(m.group(1), token))
    return out


def _ruby_array_to_s(exprs: list[Expression]) -> str:
    """``@variables.to_s``: the inspect of the parsed expressions."""
    from .. import values

    parts = []
    for e in exprs:
        if isinstance(e, Literal):
            parts.append(values.inspect(e.value))
        elif isinstance(e, Lookup):
            # Object#to_s of a lookup holds its address: every tag is its own cycle.
            parts.append(f"#<Liquid::VariableLookup:0x{id(e):016x}>")
        else:
            parts.append(repr(e))
    return "[" + ", ".join(parts) + "]"


class CycleTag(RubyTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        named = rx.CYCLE_NAMED.search(markup)
        if named:
            return CycleNode(token, parse_expression(named.group(1), token),
                             _cycle_variables(named.group(2), token))
        if rx.CYCLE_SIMPLE.search(markup):
            variables = _cycle_variables(markup, token)
            return CycleNode(token, Literal(_ruby_array_to_s(variables), token), variables)
        raise pc.error("Syntax Error in 'cycle' - Valid syntax: cycle [name :] var "
                       "[, var2, var3 ...]", token)


class CounterNode(Node):
    __slots__ = ("name", "step")

    def __init__(self, token: Token, name: str, step: int) -> None:
        super().__init__(token)
        self.name = name
        self.step = step
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        # increment.rb writes into the render's environment: Jekyll's payload,
        # one object shared by every page and layout of a build, so counters
        # carry on from page to page.  A payload variable of that name is where
        # counting starts.
        counters = shared_counters(context)
        if self.name in counters:
            value = counters[self.name]
        else:
            value = context.globals.get(self.name, 0)
            if value is None:
                value = 0
        if not isinstance(value, int) or isinstance(value, bool):
            raise RubyArgumentError(f"undefined method `+' for {value!r}", token=self.token)
        value = value + 1 if self.step > 0 else value - 1
        counters[self.name] = value
        context.counters[self.name] = value
        return buffer.write(str(value - 1 if self.step > 0 else value))


def shared_counters(context: RenderContext) -> dict[str, Any]:
    """The build's counters (kept on the environment, one per build)."""
    counters = getattr(context.env, "shared_counters", None)
    return counters if isinstance(counters, dict) else context.counters


class IncrementTag(RubyTag):
    step = 1

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        return CounterNode(token, markup.strip(rx.RUBY_WS), self.step)


class DecrementTag(IncrementTag):
    step = -1


class EchoTag(RubyTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        return OutputNode(token, parse_variable(pc, markup, token))


# -- comment / raw / # / break / continue / ifchanged / render -----------------------------


class SilentNode(Node):
    """A blank node rendering nothing (comment, inline comment)."""

    __slots__ = ()

    def __init__(self, token: Token, blank: bool = True) -> None:
        super().__init__(token)
        self.blank = blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return 0


class CommentTag(BlockTag):
    """comment.rb: the body is parsed (its tags must be valid), never rendered;
    unknown tags inside are ignored."""

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        body = Body(token)
        while True:
            end_name, _, _ = self.body_until(pc, body, tokens, name, token)
            if end_name == "endcomment":
                return SilentNode(token)


class InlineCommentTag(RubyTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        import re

        if re.search(r"\n\s*[^#\s]", markup, re.ASCII):
            raise pc.error("Syntax error in tag '#' - Each line of comments must be "
                           "prefixed by the '#' character", token)
        return SilentNode(token)


class RawTag(RubyTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        if not rx.RAW_SYNTAX.match(markup):
            raise pc.error(f"Syntax Error in '{name}' - Valid syntax: {name}", token)
        parts: list[str] = []
        while (item := tokens.shift()) is not None:
            text, _ = item
            m = rx.RAW_END.match(text)
            if m and m.group(2) == f"end{name}":
                if m.group(1):
                    parts.append(m.group(1))
                return RawNode(token, "".join(parts))
            parts.append(text)
        raise pc.never_closed(name, token)


class RawNode(Node):
    """``{% raw %}`` text: a tag, not a string, for whitespace control and
    blank blocks (raw.rb ``blank?`` is an empty body)."""

    __slots__ = ("text",)

    def __init__(self, token: Token, text: str) -> None:
        super().__init__(token)
        self.text = text
        self.blank = text == ""

    def __str__(self) -> str:
        return self.text

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.text)


class InterruptNode(Node):
    __slots__ = ("kind",)

    def __init__(self, token: Token, kind: str) -> None:
        super().__init__(token)
        self.kind = kind
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        if self.kind == "break":
            raise BreakLoop("break")
        raise ContinueLoop("continue")


class BreakTag(RubyTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        return InterruptNode(token, name)


class IfchangedNode(Node):
    __slots__ = ("body",)

    def __init__(self, token: Token, body: Body) -> None:
        super().__init__(token)
        self.body = body
        self.blank = body.blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        out = StringIO()
        self.body.render(context, out)
        text = out.getvalue()
        if text != context.tag_namespace.get("ruby_ifchanged"):
            context.tag_namespace["ruby_ifchanged"] = text
            return buffer.write(text)
        return 0


class IfchangedTag(BlockTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        body = Body(token)
        end_name, _, end_token = self.body_until(pc, body, tokens, name, token)
        if end_name != "endifchanged":
            raise pc.unknown_tag(end_name or "", name, "endifchanged", end_token)
        return IfchangedNode(token, body)


class RenderNotAllowedError(LiquidError):
    """Jekyll 4.3 gives ``render`` no file system: every use fails."""


class RenderNode(Node):
    __slots__ = ()

    def __init__(self, token: Token) -> None:
        super().__init__(token)
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        raise RenderNotAllowedError("This liquid context does not allow includes.",
                                    token=self.token)


class RenderTag(RubyTag):
    """render.rb as Jekyll 4.3 runs it: parsed, but rendering fails because
    Jekyll registers no file system for it (``FileSystemError``)."""

    SYNTAX = None

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        import re

        syntax = re.compile(
            rf"((?:{rx.QUOTED_STRING})+)(\s+(with|for)\s+({rx.QUOTED_FRAGMENT}+))?"
            rf"(\s+(?:as)\s+({rx.VARIABLE_SEGMENT}+))?", re.ASCII)
        if not syntax.search(markup):
            raise pc.error("Syntax error in tag 'render' - Template name must be a quoted "
                           "string", token)
        return RenderNode(token)


STANDARD_TAGS: dict[str, RubyTag] = {
    "if": IfTag(), "unless": UnlessTag(), "case": CaseTag(), "for": ForTag(),
    "tablerow": TablerowTag(), "assign": AssignTag(), "capture": CaptureTag(),
    "cycle": CycleTag(), "increment": IncrementTag(), "decrement": DecrementTag(),
    "echo": EchoTag(), "comment": CommentTag(), "#": InlineCommentTag(), "raw": RawTag(),
    "break": BreakTag(), "continue": BreakTag(), "ifchanged": IfchangedTag(),
    "render": RenderTag(),
}

__all__ = ["OutputNode", "STANDARD_TAGS", "ForloopDrop", "equal_variables"]

"""Liquid 5.4's standard tags with Ruby's parsing and rendering.

Each class mirrors lib/liquid/tags/NAME.rb: the same strict-then-lax
parsing (for, if, unless, and every tag that holds a Variable), the same
syntax errors, the same blank-block rules, and Ruby's rendering quirks
(``cycle`` keyed by its markup, ``increment`` sharing the render's
environment, ``tablerow`` carrying on after ``break``...).
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, TextIO

from liquid.ast import Node
from liquid.exceptions import BreakLoop, ContinueLoop, LiquidError, LiquidInterrupt
from liquid.token import Token

from . import regexes as rx
from .document import Body, ParseContext, RubyTag, TextNode, TokenSource
from .expressions import (
    Literal,
    Lookup,
    RubyArgumentError,
    parse_expression,
    to_integer,
)
from .strict import Parser, StrictSyntaxError
from .variable import (
    Condition,
    ElseCondition,
    Variable,
    equal_variables,
    parse_condition,
    parse_variable,
    truthy,
)

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


# -- for / tablerow -------------------------------------------------------------


class ForloopDrop:
    """forloop_drop.rb: ``forloop.index``, ``forloop.parentloop``..."""

    KEYS = ("name", "length", "parentloop", "index", "index0", "rindex", "rindex0",
            "first", "last")

    def __init__(self, name: str, length: int, parentloop: object) -> None:
        self.name = name
        self.length = length
        self.parentloop = parentloop
        self._index = 0

    def __getitem__(self, key: str) -> Any:
        i, n = self._index, self.length
        values = {"name": self.name, "length": n, "parentloop": self.parentloop,
                  "index": i + 1, "index0": i, "rindex": n - i, "rindex0": n - i - 1,
                  "first": i == 0, "last": i == n - 1}
        if key in values:
            return values[key]
        raise KeyError(key)

    def __liquid_key__(self, key: object) -> tuple[bool, object]:
        if isinstance(key, str) and key in self.KEYS:
            return True, self[key]
        return False, None

    def __liquid_str__(self) -> str:
        return "Liquid::ForloopDrop"

    def __ruby_inspect__(self) -> str:
        return "#<Liquid::ForloopDrop>"

    def increment(self) -> None:
        self._index += 1


class TablerowloopDrop:
    """tablerowloop_drop.rb."""

    KEYS = ("length", "col", "row", "index", "index0", "col0", "rindex", "rindex0",
            "first", "last", "col_first", "col_last")

    def __init__(self, length: int, cols: int) -> None:
        self.length = length
        self.cols = cols
        self.row = 1
        self.col = 1
        self._index = 0

    def __getitem__(self, key: str) -> Any:
        i, n = self._index, self.length
        values = {"length": n, "col": self.col, "row": self.row, "index": i + 1,
                  "index0": i, "col0": self.col - 1, "rindex": n - i, "rindex0": n - i - 1,
                  "first": i == 0, "last": i == n - 1, "col_first": self.col == 1,
                  "col_last": self.col == self.cols}
        if key in values:
            return values[key]
        raise KeyError(key)

    def __liquid_key__(self, key: object) -> tuple[bool, object]:
        if isinstance(key, str) and key in self.KEYS:
            return True, self[key]
        return False, None

    def __liquid_str__(self) -> str:
        return "Liquid::TablerowloopDrop"

    def increment(self) -> None:
        self._index += 1
        if self.col == self.cols:
            self.col = 1
            self.row += 1
        else:
            self.col += 1


def slice_collection(collection: object, start: int, stop: int | None) -> list[Any]:
    """Utils.slice_collection (``load_slice`` is not used by Jekyll's values)."""
    if isinstance(collection, str):
        return [] if not collection else [collection]
    if isinstance(collection, Mapping):
        items: Iterable[Any] = ([k, collection[k]] for k in collection)
    elif isinstance(collection, (list, tuple, range)):
        items = collection
    elif hasattr(collection, "__iter__") and not isinstance(collection, (bytes, int)):
        items = collection  # type: ignore[assignment]
    else:
        return []
    out = []
    for i, item in enumerate(items):
        if stop is not None and stop <= i:
            break
        if start <= i:
            out.append(item)
    return out


class ForNode(Node):
    __slots__ = ("variable", "collection", "collection_markup", "reversed", "limit",
                 "offset", "body", "else_body", "name")

    def __init__(self, token: Token, variable: str, collection: Expression, collection_markup: str,
                 reversed_: bool, limit: Expression | None, offset: Expression | str | None,
                 body: Body, else_body: Body | None, blank: bool) -> None:
        super().__init__(token)
        self.variable = variable
        self.collection = collection
        self.collection_markup = collection_markup
        self.name = f"{variable}-{collection_markup}"
        self.reversed = reversed_
        self.limit = limit
        self.offset = offset
        self.body = body
        self.else_body = else_body
        self.blank = blank

    def segment(self, context: RenderContext) -> list[Any]:
        offsets: dict[str, int] = context.tag_namespace.setdefault("ruby_for_offsets", {})
        if self.offset == "continue":
            start = offsets.get(self.name, 0)
        elif self.offset is None:
            start = 0
        else:
            value = self.offset.evaluate(context)  # type: ignore[union-attr]
            start = 0 if value is None else with_token(to_integer, value, self.token)
        collection = self.collection.evaluate(context)
        stop = None
        if self.limit is not None:
            limit = self.limit.evaluate(context)
            if limit is not None:
                stop = with_token(to_integer, limit, self.token) + start
        segment = slice_collection(collection, start, stop)
        if self.reversed:
            segment.reverse()
        offsets[self.name] = start + len(segment)
        return segment

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        segment = self.segment(context)
        if not segment:
            return self.else_body.render(context, buffer) if self.else_body else 0
        stack: list[ForloopDrop] = context.tag_namespace.setdefault("ruby_for_stack", [])
        forloop = ForloopDrop(self.name, len(segment), stack[-1] if stack else None)
        namespace: dict[str, Any] = {"forloop": forloop}
        stack.append(forloop)
        count = 0
        try:
            with context.loop(namespace, forloop):  # type: ignore[arg-type]
                for item in segment:
                    namespace[self.variable] = item
                    try:
                        count += self.body.render(context, buffer)
                    except BreakLoop:
                        break
                    except ContinueLoop:
                        pass
                    finally:
                        forloop.increment()
        finally:
            stack.pop()
        return count

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [self.body] + ([self.else_body] if self.else_body else [])


def with_token(func: Any, value: object, token: Token) -> Any:
    try:
        return func(value)
    except LiquidError as err:
        if err.token is None:
            err.token = token
        raise


FOR_ERROR = "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"


class ForTag(BlockTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        spec = pc.switch(lambda: self.strict(markup, token), lambda: self.lax(pc, markup, token),
                         f'in "{markup.strip(rx.RUBY_WS)}"', token)
        body = Body(token)
        else_body = None
        end_name, _, end_token = self.body_until(pc, body, tokens, name, token)
        blank = body.blank
        if end_name == "else":
            else_body = Body(end_token)
            end_name, _, end_token = self.body_until(pc, else_body, tokens, name, token)
            blank = blank and else_body.blank
            if end_name != "endfor":
                raise pc.unknown_tag(end_name or "", name, "endfor", end_token)
        elif end_name != "endfor":
            raise pc.unknown_tag(end_name or "", name, "endfor", end_token)
        if blank:
            body.remove_blank_strings()
            if else_body is not None:
                else_body.remove_blank_strings()
        return ForNode(token, *spec, body, else_body, blank)

    @staticmethod
    def attribute(spec: dict[str, Any], key: str, value: str, token: Token) -> None:
        if key == "offset":
            spec["offset"] = "continue" if value == "continue" else parse_expression(value, token)
        elif key == "limit":
            spec["limit"] = parse_expression(value, token)

    def strict(self, markup: str, token: Token) -> tuple[Any, ...]:
        p = Parser(markup)
        variable = p.consume("id")
        if not p.id_is("in"):
            raise StrictSyntaxError("For loops require an 'in' clause", token=None)
        collection_markup = p.expression()
        spec: dict[str, Any] = {"limit": None, "offset": None}
        reversed_ = p.id_is("reversed")
        while p.look("id") and p.look("colon", 1):
            if p.id_is("limit"):
                attr = "limit"
            elif p.id_is("offset"):
                attr = "offset"
            else:
                raise StrictSyntaxError(
                    "Invalid attribute in for loop. Valid attributes are limit and offset",
                    token=None)
            p.consume()
            self.attribute(spec, attr, p.expression(), token)
        p.consume("end_of_string")
        return (variable, parse_expression(collection_markup, token), collection_markup,
                reversed_, spec["limit"], spec["offset"])

    def lax(self, pc: ParseContext, markup: str, token: Token) -> tuple[Any, ...]:
        m = rx.FOR_SYNTAX.search(markup)
        if not m:
            raise pc.error(FOR_ERROR, token)
        spec: dict[str, Any] = {"limit": None, "offset": None}
        for key, value in rx.TAG_ATTRIBUTES.findall(markup):
            self.attribute(spec, key, value, token)
        return (m.group(1), parse_expression(m.group(2), token), m.group(2),
                bool(m.group(3)), spec["limit"], spec["offset"])


class TablerowNode(Node):
    __slots__ = ("variable", "collection", "attributes", "body")

    def __init__(self, token: Token, variable: str, collection: Expression,
                 attributes: dict[str, Expression], body: Body) -> None:
        super().__init__(token)
        self.variable = variable
        self.collection = collection
        self.attributes = attributes
        self.body = body
        self.blank = body.blank

    def _int(self, key: str, context: RenderContext) -> int | None:
        if key not in self.attributes:
            return None
        from .expressions import literal_to_i

        return literal_to_i(self.attributes[key].evaluate(context))

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        collection = self.collection.evaluate(context)
        if collection is None or collection is False:
            return 0
        start = self._int("offset", context) or 0
        limit = self._int("limit", context)
        stop = None if limit is None else start + limit
        items = slice_collection(collection, start, stop)
        cols = self._int("cols", context) or 0
        out = ['<tr class="row1">\n']
        loop = TablerowloopDrop(len(items), cols)
        namespace: dict[str, Any] = {"tablerowloop": loop}
        interrupt: LiquidInterrupt | None = None
        with context.extend(namespace):
            for item in items:
                namespace[self.variable] = item
                out.append(f'<td class="col{loop.col}">')
                if interrupt is None:
                    cell = StringIO()
                    try:
                        self.body.render(context, cell)
                    except LiquidInterrupt as err:
                        # Ruby's interrupt stays pending: the remaining cells
                        # are opened and closed empty, and the loop above stops.
                        interrupt = err
                    out.append(cell.getvalue())
                out.append("</td>")
                if loop.col == loop.cols and loop._index != loop.length - 1:  # noqa: SLF001
                    out.append(f'</tr>\n<tr class="row{loop.row + 1}">')
                loop.increment()
        out.append("</tr>\n")
        count = buffer.write("".join(out))
        if interrupt is not None:
            raise interrupt
        return count

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [self.body]


class TablerowTag(BlockTag):
    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        m = rx.TABLEROW_SYNTAX.search(markup)
        if not m:
            raise pc.error("Syntax Error in 'table_row loop' - Valid syntax: "
                           "table_row [item] in [collection] cols=3", token)
        attributes = {k: parse_expression(v, token) for k, v in rx.TAG_ATTRIBUTES.findall(markup)}
        body = Body(token)
        end_name, _, end_token = self.body_until(pc, body, tokens, name, token)
        if end_name != "endtablerow":
            raise pc.unknown_tag(end_name or "", name, "endtablerow", end_token)
        return TablerowNode(token, m.group(1), parse_expression(m.group(2), token),
                            attributes, body)


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
                body = "".join(parts)
                node = TextNode(token, body)
                node.blank = body == ""
                return node
            parts.append(text)
        raise pc.never_closed(name, token)


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

"""``for`` and ``tablerow`` with their loop drops (tags/for.rb, table_row.rb)."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, Any, Iterable, Mapping, TextIO

from liquid.ast import Node
from liquid.exceptions import BreakLoop, ContinueLoop, LiquidError, LiquidInterrupt
from liquid.token import Token

from . import regexes as rx
from .base import BlockTag
from .document import Body, ParseContext, TokenSource
from .expressions import parse_expression, to_integer
from .strict import Parser, StrictSyntaxError

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.expression import Expression


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
        variable, collection, collection_markup, reversed_, limit, offset = spec
        return ForNode(token, variable, collection, collection_markup, reversed_, limit, offset,
                       body, else_body, blank)

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



"""``where_exp``, ``find_exp`` and ``group_by_exp`` (filters.rb,
filters/grouping_filters.rb).

The expression text is parsed by python-liquid's own expression parser and
cached per environment.  It is then evaluated with the semantics of the
``Liquid::Condition`` chain Jekyll builds (``parse_binary_comparison``):
``and``/``or`` without precedence, right to left; ``empty`` and ``blank``
read as the empty string (Jekyll parses operands with
``Liquid::Expression.parse``, not ``Condition.parse_expression``); and no
``not`` or parentheses, which Jekyll's parser rejects.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
import re
from decimal import Decimal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from liquid.builtin.expressions import BooleanExpression, FilteredExpression
from liquid.builtin.expressions import logical as _logical
from liquid.builtin.expressions import primitive as _primitive
from liquid.builtin.expressions._tokenize import tokenize
from liquid.exceptions import FilterArgumentError, LiquidSyntaxError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import (
    TOKEN_AND,
    TOKEN_BLANK,
    TOKEN_CONTAINS,
    TOKEN_EMPTY,
    TOKEN_EXPRESSION,
    TOKEN_FALSE,
    TOKEN_LPAREN,
    TOKEN_NIL,
    TOKEN_NOT,
    TOKEN_NULL,
    TOKEN_OR,
    TOKEN_TRUE,
    TOKEN_WORD,
    Token,
)

from ..lax.prepared import RubyPath, prepare
from ._ruby import class_name, compare, nil, ruby_equal, to_s
from .arrays import _as_list, _group_items, _is_enumerable, group_pairs, grouped_array

if TYPE_CHECKING:
    from liquid import Environment
    from liquid.context import RenderContext
    from liquid.expression import Expression

_CACHE_ATTR = "_liquidsite_expression_cache"


def _cache(env: Environment) -> dict[tuple[str, str], Any]:
    cache = getattr(env, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(env, _CACHE_ATTR, cache)
    return cache


# Words Ruby Liquid's expression parser treats specially; python-liquid's
# other keywords (limit, offset, with, for, in...) are plain names there.
_RUBY_KEYWORDS = frozenset(
    [TOKEN_TRUE, TOKEN_FALSE, TOKEN_NIL, TOKEN_NULL, TOKEN_EMPTY, TOKEN_BLANK, TOKEN_AND,
     TOKEN_OR, TOKEN_CONTAINS, TOKEN_NOT]
)  # fmt: skip


def _tokens(text: str) -> TokenStream:
    parent = Token(TOKEN_EXPRESSION, text, 0, text)
    tokens = []
    for token in tokenize(text, parent_token=parent):
        if token.kind == token.value and token.kind not in _RUBY_KEYWORDS:
            token = token._replace(kind=TOKEN_WORD)
        tokens.append(token)
    return TokenStream(iter(tokens))


class MethodLiteral:
    """``empty``/``blank`` as Jekyll parses them (liquid_expr_method_literal.rb).

    Jekyll replaces Liquid's ``""`` literals with ``MethodLiteral`` objects.
    ``Liquid::Condition`` does not know that class, so in ``where_exp`` a
    comparison with ``empty`` is plain ``==`` against an object equal only to
    itself; its ``to_s`` is ``""``.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return ""

    def __liquid_str__(self) -> str:
        return ""


_EMPTY = MethodLiteral("empty")
_BLANK = MethodLiteral("blank")


def parse_condition(env: Environment, text: str) -> Expression:
    """The condition of ``where_exp``/``find_exp``, parsed once per environment."""
    key = ("condition", text)
    cache = _cache(env)
    if key not in cache:
        stream = _tokens(text)
        for token in stream.tokens:
            if token.kind in (TOKEN_NOT, TOKEN_LPAREN):
                raise LiquidSyntaxError(f"unexpected {token.value!r} in {text!r}", token=None)
        cache[key] = prepare(BooleanExpression.parse(env, stream).expression)
    expression: Expression = cache[key]
    return expression


def parse_variable(env: Environment, text: str) -> Expression:
    """The expression of ``group_by_exp`` (a ``Liquid::Variable``).

    Text that is not a valid filtered expression is read the way Liquid's
    lax parser reads it: its first fragment, then any filters after ``|``.
    """
    key = ("variable", text)
    cache = _cache(env)
    if key not in cache:
        try:
            cache[key] = prepare(FilteredExpression.parse(env, _tokens(text)))
        except LiquidSyntaxError:
            match = re.match(r"\s*([^\s|]+)[^|]*(\|.*)?$", text, re.S)
            if not match:
                raise
            cache[key] = prepare(FilteredExpression.parse(
                env, _tokens(match.group(1) + (match.group(2) or ""))
            ))
    expression: Expression = cache[key]
    return expression


def _operand(node: Expression, context: RenderContext) -> Any:
    kind = _node_kind(type(node))
    if kind == "empty":
        return _EMPTY
    if kind == "blank":
        return _BLANK
    return nil(node.evaluate(context))


def _responds_to_order(value: Any) -> bool:
    # Values with <, >, <= and >= in Ruby (Comparable and Numeric).
    return isinstance(value, (int, float, Decimal, str, _dt.date)) and not isinstance(value, bool)


def _order(op: str, left: Any, right: Any) -> Any:
    if not (_responds_to_order(left) and _responds_to_order(right)):
        return None
    result = compare(left, right)
    if result is None:
        shown = to_s(right) if isinstance(right, (int, float)) else class_name(right)
        raise FilterArgumentError(
            f"comparison of {class_name(left)} with {shown} failed", token=None
        )
    return {"<": result < 0, ">": result > 0, "<=": result <= 0, ">=": result >= 0}[op]


def _contains(left: Any, right: Any) -> bool:
    if left is None or left is False or right is None or right is False:
        return False
    if isinstance(left, str):
        return ("" if isinstance(right, MethodLiteral) else to_s(right)) in left
    if isinstance(left, (list, tuple)):
        return any(ruby_equal(item, right) for item in left)
    if isinstance(left, Mapping):
        return any(ruby_equal(key, right) for key in left)
    return False


_ORDER_NODES = {
    _logical.LtExpression: "<",
    _logical.GtExpression: ">",
    _logical.LeExpression: "<=",
    _logical.GeExpression: ">=",
}


@functools.cache
def _node_kind(cls: type) -> str:
    """Which branch of :func:`evaluate_condition` a node class takes
    (python-liquid's expression classes are ABCs: isinstance is slow)."""
    for base, kind in (
        (_logical.LogicalAndExpression, "and"), (_logical.LogicalOrExpression, "or"),
        (_logical.EqExpression, "eq"), (_logical.NeExpression, "ne"),
        (_logical.ContainsExpression, "contains"),
        (_primitive.Empty, "empty"), (_primitive.Blank, "blank"),
    ):
        if issubclass(cls, base):
            return kind
    return "order" if cls in _ORDER_NODES else "value"


def evaluate_condition(node: Any, context: RenderContext) -> Any:
    """Evaluate *node* as ``Liquid::Condition#evaluate`` would."""
    kind = _node_kind(node.__class__)
    if kind == "and":
        left = evaluate_condition(node.left, context)
        return left if left is None or left is False else evaluate_condition(node.right, context)
    if kind == "or":
        left = evaluate_condition(node.left, context)
        return left if left is not None and left is not False else evaluate_condition(node.right, context)
    if kind == "eq":
        return ruby_equal(_operand(node.left, context), _operand(node.right, context))
    if kind == "ne":
        return not ruby_equal(_operand(node.left, context), _operand(node.right, context))
    if kind == "contains":
        return _contains(_operand(node.left, context), _operand(node.right, context))
    if kind == "order":
        return _order(_ORDER_NODES[type(node)], _operand(node.left, context),
                      _operand(node.right, context))
    return _operand(node, context)


def compiled_condition(env: Environment, text: str) -> Callable[[RenderContext], Any]:
    """:func:`evaluate_condition` of the parsed *text* as a function of the
    render context, built once per environment: the node kinds are decided
    once, not for every item of every page."""
    key = ("compiled", text)
    cache = _cache(env)
    run = cache.get(key)
    if run is None:
        run = cache[key] = _compiled(parse_condition(env, text))
    return run


def _compiled(node: Any) -> Callable[[RenderContext], Any]:
    kind = _node_kind(node.__class__)
    if kind == "and":
        left, right = _compiled(node.left), _compiled(node.right)

        def both(context: RenderContext) -> Any:
            value = left(context)
            return value if value is None or value is False else right(context)

        return both
    if kind == "or":
        left, right = _compiled(node.left), _compiled(node.right)

        def either(context: RenderContext) -> Any:
            value = left(context)
            return value if value is not None and value is not False else right(context)

        return either
    if kind in ("eq", "ne", "contains", "order"):
        a, b = _compiled_operand(node.left), _compiled_operand(node.right)
        if kind == "eq":
            return lambda context: ruby_equal(a(context), b(context))
        if kind == "ne":
            return lambda context: not ruby_equal(a(context), b(context))
        if kind == "contains":
            return lambda context: _contains(a(context), b(context))
        return _compiled_order(_ORDER_NODES[type(node)], a, b)
    return _compiled_operand(node)


_ORDER_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
}


def _compiled_order(op: str, a: Callable[[RenderContext], Any],
                    b: Callable[[RenderContext], Any]) -> Callable[[RenderContext], Any]:
    """``a <op> b`` as :func:`_order` decides it; two integers (``p.since >=
    page.since``, the usual case) compare directly, as Ruby's Integer does."""
    test = _ORDER_TESTS[op]

    def order(context: RenderContext) -> Any:
        left, right = a(context), b(context)
        if left.__class__ is int and right.__class__ is int:
            return test(left, right)
        return _order(op, left, right)

    return order


def _compiled_operand(node: Any) -> Callable[[RenderContext], Any]:
    kind = _node_kind(node.__class__)
    if kind == "empty":
        return lambda context: _EMPTY
    if kind == "blank":
        return lambda context: _BLANK
    if node.__class__ is RubyPath:
        # RubyPath.evaluate, without its call: most operands are paths.
        path: Any = node.path
        token = node.token

        def lookup(context: RenderContext) -> Any:
            return nil(context.get(path, token=token))

        return lookup
    evaluate = node.evaluate
    return lambda context: nil(evaluate(context))


def _truthy(value: Any) -> bool:
    return value is not None and value is not False


def _input_items(value: Any) -> list[Any]:
    return _as_list(value)


@with_context
def where_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    """Items for which the Liquid condition *expression* holds."""
    value = nil(value)
    if not _is_enumerable(value):
        return value
    condition = compiled_condition(context.env, to_s(expression))
    name = to_s(variable)
    kept = []
    # One namespace for the whole loop, its item replaced each time.
    namespace: dict[str, Any] = {name: None}
    with context.extend(namespace):
        for item in _input_items(value):
            namespace[name] = item
            if _truthy(condition(context)):
                kept.append(item)
    return kept


@with_context
def find_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    """The first item for which *expression* holds, or nil."""
    value = nil(value)
    if not _is_enumerable(value):
        return value
    condition = compiled_condition(context.env, to_s(expression))
    name = to_s(variable)
    namespace: dict[str, Any] = {name: None}
    with context.extend(namespace):
        for item in _input_items(value):
            namespace[name] = item
            if _truthy(condition(context)):
                return item
    return None


@with_context
def group_by_exp(value: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
    """Groups of items by the value of the Liquid expression *expression*."""
    value = nil(value)
    if not _is_enumerable(value):
        return value
    expr = parse_variable(context.env, to_s(expression))
    name = to_s(variable)
    namespace: dict[str, Any] = {name: None}

    def key(item: Any) -> Any:
        namespace[name] = item
        return nil(expr.evaluate(context))

    with context.extend(namespace):
        return grouped_array(group_pairs(_group_items(value), key))


def register(env: Environment) -> None:
    """Add the expression filters to *env*."""
    env.add_filter("where_exp", where_exp)
    env.add_filter("find_exp", find_exp)
    env.add_filter("group_by_exp", group_by_exp)

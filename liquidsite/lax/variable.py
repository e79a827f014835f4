"""``{{ output }}`` markup and conditions, parsed as Ruby Liquid 5.4 does.

variable.rb's strict and lax parses, for markup python-liquid rejects
(see :mod:`.fallback`).  condition.rb and tags/if.rb:
conditions chained with ``and``/``or`` from the right, compared with Ruby's
``==``, ``<``... and ``contains``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from liquid.exceptions import LiquidError, LiquidTypeError
from liquid.expression import Expression
from liquid.token import Token
from liquid.undefined import is_undefined

from . import regexes as rx
from .expressions import (
    _NO_TOKEN,
    Literal,
    MethodLiteral,
    RubyArgumentError,
    parse_condition_operand,
    parse_expression,
    to_liquid_value,
)
from .strict import Parser, StrictSyntaxError

if TYPE_CHECKING:
    from liquid.context import RenderContext

FilterSpec = tuple[str, list[Expression], dict[str, Expression], Token]


class UndefinedFilterError(LiquidError):
    """``strict_filters``: Ruby's Liquid::UndefinedFilter."""


class FilterArgumentCountError(LiquidTypeError):
    """A filter called with the wrong number of arguments (Ruby's ArgumentError)."""


class Variable(Expression):
    """A value and its filters (variable.rb ``Variable#render``)."""

    __slots__ = ("name", "filters", "markup")

    def __init__(self, name: Expression | None, filters: list[FilterSpec], markup: str,
                 token: Token = _NO_TOKEN) -> None:
        super().__init__(token)
        self.name = name
        self.filters = filters
        self.markup = markup

    def __str__(self) -> str:
        return self.markup

    def children(self) -> list[Expression]:
        out = [self.name] if self.name is not None else []
        for _, args, kwargs, _ in self.filters:
            out.extend(args)
            out.extend(kwargs.values())
        return out

    def evaluate(self, context: RenderContext) -> object:
        obj = self.name.evaluate(context) if self.name is not None else None
        for name, args, kwargs, token in self.filters:
            obj = invoke(context, name, obj, [a.evaluate(context) for a in args],
                         {k: v.evaluate(context) for k, v in kwargs.items()}, token)
        return obj


def invoke(context: RenderContext, name: str, obj: object, args: list[object],
           kwargs: dict[str, object], token: Token) -> object:
    """Strainer#invoke: call the filter, or pass the input through when the
    filter does not exist (an error under ``strict_filters``)."""
    env = context.env
    if name not in env.filters:
        if env.strict_filters:
            raise UndefinedFilterError(f"undefined filter {name}", token=token)
        return obj
    func = context.filter(name, token=token)
    try:
        return func(obj, *args, **kwargs)
    except TypeError as err:
        if "argument" in str(err):
            raise FilterArgumentCountError(f"{name}: {err}", token=token) from err
        raise LiquidTypeError(f"{name}: {err}", token=token) from err
    except LiquidError as err:
        if err.token is None:
            err.token = token
        raise


def _filter(name: str, unparsed: list[str], token: Token) -> FilterSpec:
    """variable.rb ``parse_filter_expressions``."""
    args: list[Expression] = []
    kwargs: dict[str, Expression] = {}
    for arg in unparsed:
        m = rx.JUST_TAG_ATTRIBUTES.match(arg)
        if m:
            kwargs[m.group(1)] = parse_expression(m.group(2), token)
        else:
            args.append(parse_expression(arg, token))
    return name, args, kwargs, token


def strict_variable(markup: str, token: Token) -> Variable:
    """variable.rb ``strict_parse``."""
    p = Parser(markup)
    if p.look("end_of_string"):
        return Variable(None, [], markup, token)
    name = parse_expression(p.expression(), token)
    filters: list[FilterSpec] = []
    while p.consume_if("pipe") is not None:
        fname = p.consume("id")
        args: list[str] = []
        if p.consume_if("colon") is not None:
            args.append(p.argument())
            while p.consume_if("comma") is not None:
                args.append(p.argument())
        filters.append(_filter(fname, args, token))
    p.consume("end_of_string")
    return Variable(name, filters, markup, token)


def lax_variable(markup: str, token: Token) -> Variable:
    """variable.rb ``lax_parse``."""
    m = rx.MARKUP_WITH_QUOTED_FRAGMENT.search(markup)
    if not m:
        return Variable(None, [], markup, token)
    name = parse_expression(m.group(1), token)
    filters: list[FilterSpec] = []
    fm = rx.FILTER_MARKUP.search(m.group(2))
    if fm:
        for chunk in rx.FILTER_PARSER.findall(fm.group(1)):
            word = re.search(r"\w+", chunk, re.ASCII)
            if not word:
                continue
            filters.append(_filter(word.group(0), rx.FILTER_ARGS.findall(chunk), token))
    return Variable(name, filters, markup, token)


# -- conditions ---------------------------------------------------------------


class Condition(Expression):
    """One comparison and its ``and``/``or`` child (condition.rb)."""

    __slots__ = ("left", "op", "right", "relation", "child")

    def __init__(self, left: Expression | None, op: str | None = None,
                 right: Expression | None = None, token: Token = _NO_TOKEN) -> None:
        super().__init__(token)
        self.left = left
        self.op = op
        self.right = right
        self.relation: str | None = None
        self.child: Condition | None = None

    def children(self) -> list[Expression]:
        out = [e for e in (self.left, self.right, self.child) if e is not None]
        return out

    def evaluate(self, context: RenderContext) -> object:
        cond: Condition | None = self
        result: object = None
        while cond is not None:
            result = cond.interpret(context)
            if cond.relation == "or":
                if truthy(result):
                    break
            elif cond.relation == "and":
                if not truthy(result):
                    break
            else:
                break
            cond = cond.child
        return result

    def interpret(self, context: RenderContext) -> object:
        left_value = self.left.evaluate(context) if self.left is not None else None
        if self.op is None:
            return left_value
        left = to_liquid_value(left_value)
        right = to_liquid_value(self.right.evaluate(context) if self.right is not None else None)
        op = self.op
        if op == "==":
            return equal_variables(left, right)
        if op in ("!=", "<>"):
            return not truthy(equal_variables(left, right))
        if op == "contains":
            return contains(left, right)
        if op in ("<", ">", "<=", ">="):
            return compare(left, op, right, self.token)
        raise RubyArgumentError(f"Unknown operator {op}", token=self.token)


# Values that are never python-liquid's Undefined (an ABC, slow to test).
_DEFINED = frozenset({str, int, float, bool, list, dict, tuple})


def truthy(value: object) -> bool:
    """Ruby truthiness: only nil and false are false."""
    if value is None or value is False:
        return False
    if value.__class__ in _DEFINED:
        return True
    return not is_undefined(value)


def equal_variables(left: object, right: object) -> object:
    if left.__class__ is str and right.__class__ is str:
        return left == right  # ruby_eq of two Strings
    if isinstance(left, MethodLiteral):
        return left.applies(right)
    if isinstance(right, MethodLiteral):
        return right.applies(left)
    return ruby_eq(left, right)


def _is_num(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def ruby_eq(left: object, right: object) -> bool:
    """Ruby's ``==`` between Liquid values."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if left is None or right is None:
        return left is right
    if _is_num(left) and _is_num(right):
        return left == right
    if isinstance(left, str) or isinstance(right, str):
        return isinstance(left, str) and isinstance(right, str) and left == right
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(ruby_eq(a, b) for a, b in zip(left, right))
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        if len(left) != len(right):
            return False
        for key, value in left.items():
            if key not in right or not ruby_eq(value, right[key]):
                return False
        return True
    if isinstance(left, datetime) != isinstance(right, datetime):
        return False
    try:
        return bool(left == right)
    except Exception:  # noqa: BLE001 - an odd object is simply unequal
        return False


def _responds_to_compare(value: object) -> bool:
    return _is_num(value) or isinstance(value, (str, date, datetime))


def _cmperr_operand(value: object) -> str:
    """How rb_cmperr names the right operand: inspect for numbers and
    special constants, else the class name."""
    from .. import values

    if value is None or isinstance(value, bool) or _is_num(value):
        return values.inspect(value)
    return ruby_class(value)


def ruby_class(value: object) -> str:
    if isinstance(value, str):
        return "String"
    if isinstance(value, bool):
        return "TrueClass" if value else "FalseClass"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, (float, Decimal)):
        return "Float"
    if isinstance(value, datetime):
        return "Time"
    if isinstance(value, date):
        return "Date"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, Mapping):
        return "Hash"
    if value is None:
        return "NilClass"
    return type(value).__name__


def compare(left: Any, op: str, right: Any, token: Token) -> object:
    """``left.send(op, right)`` when both respond to it (condition.rb)."""
    if not (_responds_to_compare(left) and _responds_to_compare(right)):
        return None
    same = (
        (_is_num(left) and _is_num(right))
        or (isinstance(left, str) and isinstance(right, str))
        or (isinstance(left, datetime) and isinstance(right, datetime))
        or (isinstance(left, date) and isinstance(right, date)
            and not isinstance(left, datetime) and not isinstance(right, datetime))
    )
    if not same:
        raise RubyArgumentError(
            f"comparison of {ruby_class(left)} with {_cmperr_operand(right)} failed", token=token
        )
    if isinstance(left, str):
        left, right = left.encode("utf-8"), right.encode("utf-8")
    if op == "<":
        return left < right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    return left >= right


def contains(left: object, right: object) -> bool:
    if not truthy(left) or not truthy(right):
        return False
    if isinstance(left, str):
        from .. import values

        return values.ruby_to_s(right) in left
    if isinstance(left, Mapping):
        try:
            return right in left
        except TypeError:
            return False
    if isinstance(left, (list, tuple)):
        return any(ruby_eq(item, right) for item in left)
    if isinstance(left, range):
        return _is_num(right) and left.start <= right <= left.stop - 1  # type: ignore[operator]
    return False


def strict_condition(markup: str, token: Token) -> Condition:
    """tags/if.rb ``strict_parse``."""
    p = Parser(markup)

    def comparison() -> Condition:
        a = parse_condition_operand(p.expression(), token)
        op = p.consume_if("comparison")
        if op is not None:
            b = parse_condition_operand(p.expression(), token)
            return Condition(a, op, b, token)
        return Condition(a, token=token)

    cond = comparison()
    first = cond
    while True:
        if p.id_is("and"):
            op = "and"
        elif p.id_is("or"):
            op = "or"
        else:
            break
        child = comparison()
        cond.relation, cond.child = op, child
        cond = child
    p.consume("end_of_string")
    return first


class IfSyntaxError(StrictSyntaxError):
    """A condition even the lax parser rejects; always fatal."""


IF_ERROR = "Syntax Error in tag 'if' - Valid syntax: if [expression]"


def lax_condition(markup: str, token: Token) -> Condition:
    """tags/if.rb ``lax_parse``: split on and/or, build from the right."""
    expressions = [m.group(0) for m in rx.EXPRESSIONS_AND_OPERATORS.finditer(markup)]

    def build(text: str) -> Condition:
        m = rx.IF_SYNTAX.search(text)
        if not m:
            raise IfSyntaxError(IF_ERROR, token=token)
        return Condition(parse_condition_operand(m.group(1), token), m.group(2),
                         parse_condition_operand(m.group(3), token), token)

    if not expressions:
        raise IfSyntaxError(IF_ERROR, token=token)
    condition = build(expressions.pop())
    while expressions:
        operator = expressions.pop().strip(rx.RUBY_WS)
        text = expressions.pop() if expressions else ""
        new = build(text)
        if operator not in ("and", "or"):
            raise IfSyntaxError(IF_ERROR, token=token)
        new.relation, new.child = operator, condition
        condition = new
    return condition


__all__ = ["Condition", "Literal", "Variable", "lax_condition",
           "lax_variable", "strict_condition", "strict_variable", "truthy"]

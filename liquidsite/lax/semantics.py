"""Ruby's comparisons over conditions parsed by python-liquid.

python-liquid parses ``if``/``unless``/``elsif`` markup into a tree of
``liquid.builtin.expressions`` nodes (``EqExpression``, ``LogicalAndExpression``
...).  The tree is right; some of python-liquid's comparisons are not Ruby's
(condition.rb): ``blank`` compares equal to nothing in plain Ruby, ``<``
between unlike values raises Ruby's ``comparison of X with Y failed``,
``contains`` on a number is false, ``1 == 1.0`` holds.  :class:`RubyCondition`
wraps the parsed tree and evaluates it with Ruby's operators from
:mod:`liquidsite.lax.variable`, leaving every operand to python-liquid.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Callable

from liquid.builtin.expressions import logical as lg
from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.expression import Expression

from .expressions import MethodLiteral, RubyArgumentError, to_liquid_value
from .variable import compare, contains, equal_variables, truthy

if TYPE_CHECKING:
    from liquid.context import RenderContext

_COMPARISONS: dict[type, str] = {
    lg.LtExpression: "<", lg.GtExpression: ">", lg.LeExpression: "<=", lg.GeExpression: ">=",
}


class RubyCondition(Expression):
    """A python-liquid boolean expression evaluated with Ruby's operators.

    The tree is turned into nested functions (:func:`compiled`) on first
    use, so that each render runs the operators without asking every node
    which kind it is again.
    """

    __slots__ = ("expression", "_run", "_compiled_for")

    def __init__(self, expression: Expression) -> None:
        super().__init__(expression.token)
        self.expression = expression
        self._run: Callable[[RenderContext], Any] | None = None
        self._compiled_for: Expression | None = None

    def __str__(self) -> str:
        return str(self.expression)

    def children(self) -> list[Expression]:
        return [self.expression]

    def evaluate(self, context: RenderContext) -> bool:
        run = self._run
        if run is None or self._compiled_for is not self.expression:
            run = self._run = compiled(self.expression)
            self._compiled_for = self.expression
        return truthy(run(context))


def _operand(expr: Expression, context: RenderContext) -> Any:
    kind = _kind(type(expr))
    if kind == "blank":
        return MethodLiteral("blank" if isinstance(expr, Blank) else "empty")
    return to_liquid_value(ruby_value(expr, context))


@functools.cache
def _kind(cls: type) -> str:
    """Which branch of :func:`ruby_value` a node class takes.

    Expression classes are ABCs, so each isinstance() is slow; the answer
    depends only on the class, and conditions are evaluated very often.
    """
    if issubclass(cls, (lg.BooleanExpression, RubyCondition)):
        return "wrapped"
    if issubclass(cls, lg.LogicalAndExpression):
        return "and"
    if issubclass(cls, lg.LogicalOrExpression):
        return "or"
    if issubclass(cls, lg.LogicalNotExpression):
        return "not"
    if issubclass(cls, lg.EqExpression):
        return "eq"
    if issubclass(cls, lg.NeExpression):
        return "ne"
    if issubclass(cls, lg.ContainsExpression):
        return "contains"
    if cls in _COMPARISONS:
        return "compare"
    if issubclass(cls, (Blank, Empty)):
        return "blank"
    return "value"


def compiled(expr: Expression) -> Callable[[RenderContext], Any]:
    """:func:`ruby_value` of *expr* as a function of the render context.

    The same operators in the same order; the node kinds are decided once.
    A node below that is replaced later is not seen: RubyCondition compiles
    again when its own expression changes, and nodes below are not changed
    after parsing.
    """
    kind = _kind(type(expr))
    if kind == "value":
        return expr.evaluate
    if kind == "wrapped":
        return compiled(expr.expression)  # type: ignore[attr-defined]
    if kind == "and":
        left, right = compiled(expr.left), compiled(expr.right)  # type: ignore[attr-defined]
        return lambda context: truthy(left(context)) and truthy(right(context))
    if kind == "or":
        left, right = compiled(expr.left), compiled(expr.right)  # type: ignore[attr-defined]
        return lambda context: truthy(left(context)) or truthy(right(context))
    if kind == "not":
        right = compiled(expr.right)  # type: ignore[attr-defined]
        return lambda context: not truthy(right(context))
    if kind == "blank":
        return lambda context: MethodLiteral("blank")
    left, right = _compiled_operand(expr.left), _compiled_operand(expr.right)  # type: ignore[attr-defined]
    if kind == "eq":
        return lambda context: equal_variables(left(context), right(context))
    if kind == "ne":
        return lambda context: not truthy(equal_variables(left(context), right(context)))
    if kind == "contains":
        return lambda context: contains(left(context), right(context))
    op, token = _COMPARISONS[type(expr)], expr.token

    def comparison(context: RenderContext) -> Any:
        a, b = left(context), right(context)
        if isinstance(a, MethodLiteral) or isinstance(b, MethodLiteral):
            return None
        return compare(a, op, b, token)

    return comparison


def _compiled_operand(expr: Expression) -> Callable[[RenderContext], Any]:
    """:func:`_operand` as a function of the render context."""
    if _kind(type(expr)) == "blank":
        name = "blank" if isinstance(expr, Blank) else "empty"
        return lambda context: MethodLiteral(name)
    value = compiled(expr)
    return lambda context: to_liquid_value(value(context))


def ruby_value(expr: Expression, context: RenderContext) -> Any:
    """Evaluate one node of a python-liquid condition the way Ruby would."""
    kind = _kind(type(expr))
    if kind == "value":
        return expr.evaluate(context)
    if kind == "wrapped":
        return ruby_value(expr.expression, context)  # type: ignore[attr-defined]
    if kind == "and":
        return truthy(ruby_value(expr.left, context)) and truthy(ruby_value(expr.right, context))  # type: ignore[attr-defined]
    if kind == "or":
        return truthy(ruby_value(expr.left, context)) or truthy(ruby_value(expr.right, context))  # type: ignore[attr-defined]
    if kind == "not":
        return not truthy(ruby_value(expr.right, context))  # type: ignore[attr-defined]
    if kind == "eq":
        return equal_variables(_operand(expr.left, context), _operand(expr.right, context))  # type: ignore[attr-defined]
    if kind == "ne":
        return not truthy(equal_variables(_operand(expr.left, context),  # type: ignore[attr-defined]
                                          _operand(expr.right, context)))  # type: ignore[attr-defined]
    if kind == "contains":
        return contains(_operand(expr.left, context), _operand(expr.right, context))  # type: ignore[attr-defined]
    if kind == "compare":
        op = _COMPARISONS[type(expr)]
        left, right = _operand(expr.left, context), _operand(expr.right, context)  # type: ignore[attr-defined]
        if isinstance(left, MethodLiteral) or isinstance(right, MethodLiteral):
            return None
        return compare(left, op, right, expr.token)
    return MethodLiteral("blank")


__all__ = ["RubyArgumentError", "RubyCondition", "ruby_value"]

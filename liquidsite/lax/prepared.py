"""python-liquid's expression nodes, prepared once at parse time for cheap renders.

A site renders the same parsed template for every page, and every page
evaluates thousands of variables and filters.  python-liquid's ``Path`` and
``Filter`` redo at each evaluation work that depends only on the parsed
markup: ``Path`` copies its segments while checking each one against an
ABC, ``Filter`` looks its function up, checks whether it wants the context
or the environment, wraps it in a ``functools.partial`` and builds an
argument list and a keyword dict.  The subclasses here decide all that once
(in :func:`prepare`) and then evaluate exactly as python-liquid does: same
lookups through the render context, same filter calls, same errors.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Sequence

from liquid.builtin.expressions import Identifier, Path
from liquid.builtin.expressions.arguments import KeywordArgument, PositionalArgument
from liquid.builtin.expressions.filtered import Filter, FilteredExpression
from liquid.builtin.expressions.primitive import Literal
from liquid.exceptions import FilterArgumentError, LiquidTypeError
from liquid.expression import Expression

if TYPE_CHECKING:
    from liquid.context import RenderContext


class RubyPath(Path):
    """A ``Path`` whose segments are known to hold no nested path.

    The segment list goes to ``context.get`` as it is (python-liquid builds
    a copy per evaluation) and the text form, which loops key their state
    by, is computed once.
    """

    __slots__ = ("_text",)

    def __init__(self, path: Path) -> None:
        # Path.__init__'s fields, set directly (this runs for every path parsed).
        self.token = path.token
        self.path = path.path
        self._text: str | None = None

    def evaluate(self, context: RenderContext) -> object:
        return context.get(self.path, token=self.token)  # type: ignore[arg-type]

    def __str__(self) -> str:
        text = self._text
        if text is None:
            text = self._text = super().__str__()
        return text


# The keyword arguments of a filter call without any (only ever read).
_NO_KEYWORDS: dict[str, object] = {}


class RubyFilter(Filter):
    """A ``Filter`` that remembers how its function wants to be called.

    The function is looked up on each evaluation (one dict lookup, so a
    filter registered later still counts) and its ``with_context`` /
    ``with_environment`` flags are read again only when the function
    changes.  Constant arguments are evaluated once.
    """

    __slots__ = ("_func", "_wants", "_constant", "_positional")

    def __init__(self, filter_: Filter) -> None:
        # Filter.__init__'s fields, set directly.
        self.token = filter_.token
        self.name = filter_.name
        self.args = filter_.args
        self._func: Any = None
        self._wants: tuple[bool, bool] = (False, False)
        args = self.args
        positional = all(type(arg) is PositionalArgument for arg in args)
        # Positional literals (`date: "%Y"`, `append: "/"`): their values
        # (a string literal is Markup under autoescape: evaluated then).
        self._constant: list[object] | None = (
            [arg.value.value for arg in args]  # type: ignore[attr-defined]
            if positional and all(_is_literal(arg.value.__class__) for arg in args)
            else None
        )
        self._positional = positional

    def evaluate(self, left: object, context: RenderContext) -> object:
        env = context.env
        func = env.filters.get(self.name)
        if func is None:
            # Unknown filter: python-liquid's own handling (no-op or error).
            return super().evaluate(left, context)
        if func is not self._func:
            self._wants = (bool(getattr(func, "with_context", False)),
                           bool(getattr(func, "with_environment", False)))
            self._func = func
        constant = self._constant
        kwargs: dict[str, object]
        if constant is not None and not context.autoescape:
            args: list[object] = constant
            kwargs = _NO_KEYWORDS
        elif self._positional:
            args = [arg.value.evaluate(context) for arg in self.args]
            kwargs = _NO_KEYWORDS
        else:
            args, kwargs = self.evaluate_args(context)
        wants_context, wants_env = self._wants
        try:
            if not kwargs:
                # The URL and date filters, where_exp: no keyword dict to build.
                if wants_env and not wants_context:
                    return func(left, *args, environment=env)
                if wants_context and not wants_env:
                    return func(left, *args, context=context)
            if wants_context or wants_env:
                # python-liquid passes these through functools.partial, so
                # a keyword argument of the same name wins.
                extra: dict[str, object] = {}
                if wants_context:
                    extra["context"] = context
                if wants_env:
                    extra["environment"] = env
                extra.update(kwargs)
                return func(left, *args, **extra)
            if kwargs:
                return func(left, *args, **kwargs)
            return func(left, *args)
        except TypeError as err:
            raise LiquidTypeError(f"{self.name}: {err}", token=self.token) from err
        except (LiquidTypeError, FilterArgumentError) as err:
            err.token = self.token
            raise err


class Name(Identifier):
    """A variable name bound by ``assign``, ``capture`` or ``for``, compared
    as a plain ``str``.

    python-liquid's Identifier (a str keeping its token) defines ``__eq__``
    in Python; as a key of the locals or of a loop's namespace it made every
    lookup of that variable call it.
    """

    __eq__ = str.__eq__
    __hash__ = str.__hash__


def name(identifier: str) -> Name:
    """*identifier* (with its token, when it has one) as a :class:`Name`."""
    if isinstance(identifier, Name):
        return identifier
    token: Any = getattr(identifier, "token", None)
    return Name(str(identifier), token=token)


@functools.cache
def _is_literal(cls: type) -> bool:
    # Expression classes are ABCs: answer per class, not per isinstance().
    return issubclass(cls, Literal)


_NODES = (Expression, Filter, PositionalArgument, KeywordArgument)


@functools.cache
def _walk(cls: type) -> tuple[str, ...] | None:
    """The attributes of a node class that may hold expressions, or None
    for a class :func:`prepare` leaves alone (values, prepared nodes)."""
    if cls is RubyPath or cls is RubyFilter or not issubclass(cls, _NODES):
        return None
    names: list[str] = []
    for klass in cls.__mro__:
        for name in getattr(klass, "__slots__", ()):
            if name != "token" and name not in names and not name.startswith("_"):
                names.append(name)
    return tuple(names)


def _plain(segments: Sequence[object]) -> bool:
    """Whether a path's segments are all names and indexes (no nested path)."""
    for segment in segments:
        if segment.__class__ is not str and segment.__class__ is not int:
            return False
    return True


def prepare(node: Any) -> Any:
    """*node* with every ``Path`` and ``Filter`` below it prepared.

    Nodes are rebuilt or updated in place; a node of any other class keeps
    its class and its behaviour.  Runs once per parsed expression, so it
    asks about classes (cached), not instances.
    """
    cls = node.__class__
    if cls is FilteredExpression:
        # The expression of every output and assign: the common case first.
        left = node.left
        left = RubyPath(left) if left.__class__ is Path and _plain(left.path) \
            else prepare(left)
        filters = node.filters
        if not filters:
            # Without filters it is its left side (same value, same text).
            return left
        node.left = left
        node.filters = [prepare(f) for f in filters]
        return node
    if cls is Path:
        if _plain(node.path):
            return RubyPath(node)
        node.path = [prepare(s) for s in node.path]
        return node
    if cls is Filter:
        for arg in node.args:
            if not _is_literal(arg.value.__class__):
                arg.value = prepare(arg.value)
        return RubyFilter(node)
    names = _walk(cls)
    if not names:
        return node
    for name in names:
        value: Any = getattr(node, name, None)
        if value.__class__ is list:
            if any(_walk(item.__class__) for item in value):
                setattr(node, name, [prepare(item) for item in value])
        elif _walk(value.__class__) is not None:
            setattr(node, name, prepare(value))
    return node


__all__ = ["Name", "RubyFilter", "RubyPath", "name", "prepare"]

"""Ruby Liquid's variable lookups and counters, as a python-liquid render context.

python-liquid resolves ``a.b.c`` through :meth:`RenderContext.get` and
:meth:`RenderContext.get_item`, which its documentation names as the place
to change lookups.  Ruby Liquid 5.4 differs in a few ways the golden cases
show (context.rb, variable_lookup.rb, increment.rb):

* a missing variable is ``nil`` (an error under ``strict_variables``), not
  an ``Undefined`` object, so filters and comparisons see ``None``;
* ``size``/``first``/``last`` are Ruby methods: ``Integer#size`` is 8, a
  Hash's ``first`` is its first pair, a String has no ``first``;
* there are no ``now``/``today``/``partial`` variables;
* ``increment``/``decrement`` write into the render's environment, which
  Jekyll shares between every page of a build (its payload), and start
  from a payload variable of the same name.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any, Iterator, TextIO

from liquid.context import RenderContext
from liquid.exceptions import ContextDepthError, LiquidInterrupt, LiquidSyntaxError, StopRender
from liquid.template import BoundTemplate
from liquid.undefined import UNDEFINED
from liquid.utils import ReadOnlyChainMap

from .expressions import _MISSING as _COMMAND_MISSING
from .expressions import LOOKUP_BY_GETITEM, LOOKUP_BY_METHOD, RubyArgumentError, UndefinedVariableError, command, index
from .expressions import key_to_s, lookup_kind

if TYPE_CHECKING:
    from liquid.token import Token

_MISSING = object()


class RubyScope(ReadOnlyChainMap):
    """The render context's namespaces, searched front to back.

    python-liquid's chain map tries each namespace and catches its
    ``KeyError``; most variables (``page``, ``site``) live in the payload
    behind the empty locals, so every lookup raised and caught at least
    once.  A plain ``dict`` answers a membership test instead.  The
    namespaces are kept in :attr:`maps`, which :meth:`RubyContext.get`
    walks directly.
    """

    def __init__(self, *maps: Mapping[str, object]) -> None:
        self.maps: deque[Mapping[str, object]] = deque(maps)

    def find(self, key: str) -> object:
        """The value of *key* in the first namespace holding it, or ``_MISSING``."""
        for mapping in self.maps:
            if mapping.__class__ is dict:
                if key in mapping:
                    return mapping[key]
            else:
                try:
                    return mapping[key]
                except KeyError:
                    pass
        return _MISSING

    def __getitem__(self, key: str) -> object:
        value = self.find(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return chain(*self.maps)

    def __len__(self) -> int:
        return sum(len(mapping) for mapping in self.maps)

    def size(self) -> int:
        return len(self.maps)

    def push(self, namespace: Mapping[Any, Any]) -> None:
        self.maps.appendleft(namespace)

    def pop(self) -> Mapping[Any, Any]:
        return self.maps.popleft()


class RubyContext(RenderContext):
    """A render context resolving variables as Ruby Liquid's Context does."""

    __slots__ = ()

    def __init__(self, template: BoundTemplate, **kwargs: Any) -> None:
        super().__init__(template, **kwargs)
        shared = getattr(self.env, "shared_counters", None)
        if isinstance(shared, dict):
            self.counters = shared
        # No python-liquid built-ins (now, today): Ruby has no such variables.
        self.scope = RubyScope(self.locals, self.globals, self.counters)

    def get(self, path: list[object], *, token: Token | None,
            default: object = UNDEFINED) -> object:
        # RenderContext.get, inlined: this runs for every variable of every
        # render.  A plain dict with a string key (page.title, site.data...)
        # needs no more than a membership test; anything else goes through
        # get_item.
        root = path[0]
        value: object = _MISSING
        try:
            if root.__class__ is str:
                # RubyScope.find, inlined.
                for mapping in self.scope.maps:  # type: ignore[attr-defined]
                    if mapping.__class__ is dict:
                        if root in mapping:
                            value = mapping[root]
                            break
                    else:
                        try:
                            value = mapping[root]
                            break
                        except KeyError:
                            pass
            elif isinstance(root, str):
                value = self.scope.find(root)  # type: ignore[attr-defined]
        except (TypeError, IndexError):
            value = _MISSING
        if value is not _MISSING:
            for i in range(1, len(path)):
                key = path[i]
                if key.__class__ is str:
                    cls = value.__class__
                    if cls is dict:
                        if key in value:  # type: ignore[operator]
                            value = value[key]  # type: ignore[index]
                            continue
                    elif (kind := lookup_kind(cls)) is LOOKUP_BY_GETITEM:
                        # A drop (site, a document, forloop): get_item's
                        # first step, without two calls to get there.
                        try:
                            value = value[key]  # type: ignore[index]
                            continue
                        except (KeyError, TypeError):
                            pass  # get_item tries the methods (size, first...)
                        except IndexError:
                            value = _MISSING
                            break
                    elif kind is LOOKUP_BY_METHOD:
                        # A document's drop: `in` and `[]` in one call.
                        try:
                            found = value.__liquid_lookup__(key, _MISSING)  # type: ignore[attr-defined]
                        except (KeyError, TypeError, IndexError):
                            value = _MISSING
                            break
                        if found is not _MISSING:
                            value = found
                            continue
                try:
                    value = self.get_item(value, key)
                except (KeyError, TypeError, IndexError):
                    value = _MISSING
                    break
        if value is not _MISSING:
            return value
        if default is not UNDEFINED:
            return default
        if getattr(self.env, "strict_variables", False):
            missing = path[-1] if len(path) > 1 else path[0]
            raise UndefinedVariableError(f"undefined variable {key_to_s(missing)}", token=token)
        return None

    def get_item(self, obj: Any, key: Any) -> Any:
        """variable_lookup.rb: a present key or index wins, then the
        ``size``/``first``/``last`` methods; anything else is missing."""
        if type(key) is str:
            if type(obj) is dict and key in obj:
                return obj[key]
        else:
            convert = getattr(key, "to_liquid_value", None)
            if callable(convert):
                key = convert()
        found, value = index(obj, key)
        if found:
            return value
        if isinstance(key, str):
            value = command(obj, key)
            if value is not _COMMAND_MISSING:
                return value
        raise KeyError(key)

    def extend(self, namespace: Mapping[str, object],  # type: ignore[override]
               template: BoundTemplate | None = None) -> _Extension:
        """RenderContext.extend, as a plain context manager.

        Every include, every ``where_exp`` and every template render
        extends the context; python-liquid's generator-based manager costs
        several calls more each time.  Same checks, same order.
        """
        return _Extension(self, namespace, template)

    def _counter(self, name: str) -> int:
        value = self.counters[name] if name in self.counters else self.globals.get(name, 0)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool):
            raise RubyArgumentError(f"undefined method `+' for {value!r}", token=None)
        return value

    def increment(self, name: str) -> int:
        value = self._counter(name)
        self.counters[name] = value + 1
        return value

    def decrement(self, name: str) -> int:
        value = self._counter(name) - 1
        self.counters[name] = value
        return value


class _Extension:
    """``with context.extend(namespace, template)``: *namespace* searched
    first, and *template* the current template, until the block ends."""

    __slots__ = ("context", "namespace", "template", "outer")

    def __init__(self, context: RenderContext, namespace: Mapping[str, object],
                 template: BoundTemplate | None) -> None:
        self.context = context
        self.namespace = namespace
        self.template = template
        self.outer: BoundTemplate | None = None

    def __enter__(self) -> RenderContext:
        context = self.context
        scope: Any = context.scope
        if scope.size() > context.env.context_depth_limit:
            # Ruby Liquid's words (Context#check_overflow).
            raise ContextDepthError("Nesting too deep", token=None)
        self.outer = context.template
        if self.template:
            context.template = self.template
        scope.push(self.namespace)
        return context

    def __exit__(self, *exc: object) -> None:
        context = self.context
        if self.template:
            context.template = self.outer  # type: ignore[assignment]
        context.scope.pop()


class RubyTemplate(BoundTemplate):
    """A template rendered with :class:`RubyContext`.

    A ``break`` or ``continue`` outside any loop stops the document in Ruby
    (the interrupt ends every enclosing block body); python-liquid reports
    it as an error instead.
    """

    context_class = RubyContext

    def make_globals(self, render_args: Mapping[str, object]) -> Mapping[str, object]:
        """The render's variables (``page``, ``site``...) as they were passed,
        when the template adds none of its own.

        python-liquid chains them with the template's front matter and
        globals, which liquidsite leaves empty; a plain ``dict`` is what
        :meth:`RubyContext.get` searches fastest, and every lookup of a
        payload variable goes through it.
        """
        if not self.matter and not self.globals and render_args.__class__ is dict:
            return render_args
        return super().make_globals(render_args)

    def make_partial_namespace(self, partial: bool,
                               render_args: Mapping[str, object]) -> Mapping[str, object]:
        return dict(render_args)

    def render_partial(self, context: RenderContext, buffer: TextIO) -> None:
        """Render as an include, in the namespace the include tag pushed.

        ``render_with_context`` pushes a namespace of its own, empty for an
        include: every lookup inside the include searched it, and nested
        includes counted two levels each against the depth limit where
        Jekyll's include pushes one scope.  Otherwise the same as
        ``render_with_context(context, buffer, partial=True)``: a
        ``break`` or ``continue`` reaches the caller's loop.
        """
        for node in self.nodes:
            try:
                node.render(context, buffer)
            except StopRender:
                return
            except LiquidSyntaxError as err:
                self.env.error(err, token=node.token)

    def render_with_context(self, context: RenderContext, buffer: TextIO, *args: Any,
                            partial: bool = False, block_scope: bool = False,
                            **kwargs: Any) -> None:
        namespace = self.make_partial_namespace(partial, dict(*args, **kwargs))
        with context.extend(namespace=namespace):
            for node in self.nodes:
                try:
                    node.render(context, buffer)
                except LiquidInterrupt:
                    if partial and not block_scope:
                        raise
                    return
                except StopRender:
                    return
                except LiquidSyntaxError as err:
                    self.env.error(err, token=node.token)

"""Include outputs remembered for a build and replayed when nothing they read changed.

Most sites render the same includes on every page: a header, a footer, a
list of groups, a card per person.  Most of those read nothing that
differs from one page to the next, or differ in a few ways only (the
active menu entry).  Rendering one again costs as much as the first time.

An include's output follows from what it reads: its parameters, the
variables it looks up outside itself (``site.data.nav``,
``page.nav_active``), and nothing else, provided it uses only tags and
filters that keep no state of their own.  So the first render of an
include records every variable it looked up outside itself, with the
value found, and what it left behind: the variables it assigned (an
include's ``assign`` reaches its caller), the dependencies recorded for
incremental builds.  A later render of the same file with the same
parameters whose recorded lookups give the same values now takes the
recorded output and replays the assignments instead of rendering.

Values compare as Ruby would see them unchanged: strings, numbers,
booleans, nil and times by value (and type: ``1`` is not ``true``);
site data, lists and hashes by identity, because nothing in Liquid
changes them in place and the recorded ones are kept alive, so an
identity is never reused.  A lookup that returns anything else (a drop,
a loop object, the whole ``site``) cannot be compared, and the render is
not kept.  Neither is one that raised, warned, read another page's body
(which changes as the build goes on), or used a tag or filter that keeps
state or may be a plugin's: ``cycle``, ``increment``, ``sample``,
``forloop.parentloop``, ``offset: continue``...

Lookups are recorded by swapping the render context's class for
:class:`RecordingContext` while a recording is open, so renders pay
nothing for it otherwise.  Each recording knows how deep the context's
namespaces were when it began: a variable found in a namespace pushed
since then (the include's parameters, its loops) or assigned by the
include itself is its own, anything else was read from outside.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from io import StringIO
from typing import TYPE_CHECKING, Any, Callable, TextIO

from liquid.undefined import UNDEFINED

from ..incremental import ReportingDict, TrackedDict
from ..lax.context import RubyContext

if TYPE_CHECKING:
    from pathlib import Path

    from liquid.template import BoundTemplate

    from ..environment import JekyllEnvironment

# Tags whose output follows from the variables they read.
PURE_TAGS = frozenset({
    "assign", "break", "capture", "case", "comment", "continue", "echo", "for",
    "highlight", "if", "include", "liquid", "raw", "unless", "#",
})
# Liquid's and Jekyll's filters that are not functions of their arguments.
IMPURE_FILTERS = frozenset({"sample", "shuffle"})
# Markup that reaches state outside the include's own lookups.
_STATEFUL_MARKUP = re.compile(r"\bparentloop\b|offset\s*:\s*continue\b")

# Compared by value (exact type: 1 is not true in Ruby).
_VALUES = frozenset({str, int, float, bool, type(None), _dt.datetime, _dt.date})
# Compared by identity: containers that nothing changes in place.
_SHARED = frozenset({dict, list, tuple, ReportingDict, TrackedDict})

# After this many recordings of a file, keep recording only while at
# least one render in four is a replay.
_PATIENCE = 32
# Variants kept per file, and per set of parameters (most recent first).
_VARIANTS = 512
_VARIANTS_PER_PARAMS = 8

_MISSING = object()


def _comparable(value: object) -> bool:
    cls = value.__class__
    return cls in _VALUES or cls in _SHARED or value is _MISSING


def _same(old: object, new: object) -> bool:
    if old is new:
        return True
    cls = old.__class__
    return cls is new.__class__ and cls in _VALUES and old == new


def _params_key(params: dict[str, object] | None) -> tuple[object, ...] | None:
    """A key equal for parameters that :func:`_same` finds equal (None: not comparable).

    Containers count by identity: the variant keeps them, so no other
    object takes their identity while the key is in use.
    """
    if params is None:
        return ()
    key: list[object] = []
    for name, value in params.items():
        cls = value.__class__
        if cls in _VALUES:
            key += (name, cls, value)
        elif cls in _SHARED:
            key += (name, None, id(value))
        else:
            return None
    return tuple(key)


class _Recording:
    """What one render of an include read from outside itself and left behind."""

    __slots__ = ("base", "reads", "writes", "tainted")

    def __init__(self, base: int) -> None:
        self.base = base  # how many namespaces the context had when it began
        self.reads: dict[tuple[Any, ...], object] = {}
        # What the include assigned (its last value each), for its caller.
        self.writes: dict[str, object] = {}
        self.tainted = False

    def note_read(self, context: RubyContext, path: tuple[Any, ...], value: object) -> None:
        """Keep *path* → *value* if the path's root lies outside the include."""
        if path in self.reads:
            return
        root = path[0]
        maps = context.scope.maps  # type: ignore[attr-defined]
        depth = len(maps)
        for i, mapping in enumerate(maps):
            if root in mapping:
                if depth - i > self.base:
                    return  # a namespace the include pushed (parameters, loops)
                if mapping is context.locals and root in self.writes:
                    return  # assigned by the include before this read
                break
        if not _comparable(value):
            self.tainted = True
            return
        self.reads[path] = value


class _Variant:
    """One recorded render: parameters, outside reads, output and effects."""

    __slots__ = ("params", "reads", "output", "writes", "deps")

    def __init__(self, params: dict[str, object] | None, recording: _Recording,
                 output: str, deps: set[str]) -> None:
        self.params = params
        self.reads = recording.reads
        self.output = output
        self.writes = recording.writes
        self.deps = deps

    def matches(self, context: RubyContext) -> bool:
        """Whether every outside lookup gives what it gave when recorded."""
        get = RubyContext.get
        for path, value in self.reads.items():
            # get reads any sequence of segments: the key tuple as it is.
            if not _same(value, get(context, path, token=None, default=_MISSING)):  # type: ignore[arg-type]
                return False
        return True


class _FileMemo:
    """The recorded renders of one include file, by parameters."""

    __slots__ = ("pure", "variants", "count", "recorded", "replayed", "stale")

    def __init__(self, pure: bool) -> None:
        self.pure = pure
        self.variants: dict[tuple[object, ...], list[_Variant]] = {}
        self.count = 0
        self.recorded = 0
        self.replayed = 0
        # Renders whose parameters had variants, none of which matched:
        # what the include reads outside itself changed.
        self.stale = 0

    def worth_recording(self) -> bool:
        """Whether to record a render that found no variant to replay.

        Parameters seen for the first time say nothing about the file (a
        card per person: each person is new once, then comes back on other
        pages); renders that changed what they read do.
        """
        if self.count >= _VARIANTS:
            return False
        return self.stale < _PATIENCE or 4 * self.replayed >= self.recorded

    def retired(self) -> bool:
        """Whether looking for a variant no longer pays: none replayed, and
        many renders read something else than every recorded one (an
        include that reads something of every page, such as its title)."""
        return self.replayed == 0 and self.stale >= _PATIENCE

    def add(self, key: tuple[object, ...], variant: _Variant) -> None:
        same_params = self.variants.setdefault(key, [])
        same_params.insert(0, variant)
        self.recorded += 1
        self.count += 1
        if len(same_params) > _VARIANTS_PER_PARAMS:
            same_params.pop()
            self.count -= 1


class RecordingContext(RubyContext):
    """A :class:`RubyContext` that reports lookups and assignments to the open recordings."""

    __slots__ = ()

    def get(self, path: list[object], *, token: Any = None, default: object = UNDEFINED) -> object:
        memo: IncludeMemo = self.env.include_memo  # type: ignore[attr-defined]
        raw = RubyContext.get(self, path, token=None, default=_MISSING)
        try:
            key = tuple(path)
            hash(key)
        except TypeError:
            memo.taint()
        else:
            for recording in memo.open:
                recording.note_read(self, key, raw)
        if raw is _MISSING:
            # Let the plain lookup decide (strict_variables raises).
            return RubyContext.get(self, path, token=token, default=default)
        return raw

    def _resolve(self, name: str, *, token: Any, default: object = UNDEFINED) -> Any:
        memo: IncludeMemo = self.env.include_memo  # type: ignore[attr-defined]
        raw = RubyContext.get(self, [name], token=None, default=_MISSING)
        for recording in memo.open:
            recording.note_read(self, (name,), raw)
        return super()._resolve(name, token=token, default=default)

    def assign(self, key: str, val: Any) -> None:
        memo: IncludeMemo = self.env.include_memo  # type: ignore[attr-defined]
        for recording in memo.open:
            recording.writes[key] = val
        super().assign(key, val)


class IncludeMemo:
    """The remembered include renders of one build (one per environment)."""

    def __init__(self, env: JekyllEnvironment) -> None:
        self.env = env
        self.files: dict[Path, _FileMemo] = {}
        self.open: list[_Recording] = []
        self._pure_filters = {
            name: func for name, func in env.filters.items() if name not in IMPURE_FILTERS
        }
        self._pure_tags = {name: env.tags[name] for name in PURE_TAGS if name in env.tags}

    def taint(self) -> None:
        """The render in progress read what cannot be compared: keep none of the open recordings."""
        for recording in self.open:
            recording.tainted = True

    def _is_pure(self, template: BoundTemplate, source: str) -> bool:
        """Whether *template* uses only stateless tags and liquidsite's own filters."""
        if _STATEFUL_MARKUP.search(source):
            return False
        try:
            analysis = template.analyze(include_partials=False)
        except Exception:  # noqa: BLE001 - what cannot be analysed is not remembered
            return False
        env = self.env
        for name in analysis.tags:
            tag = self._pure_tags.get(name)
            if tag is None or env.tags.get(name) is not tag:
                return False
        for name in analysis.filters:
            func = self._pure_filters.get(name)
            if func is None or env.filters.get(name) is not func:
                return False
        return True

    def render(
        self,
        context: Any,
        buffer: TextIO,
        path: Path,
        template: BoundTemplate,
        params: dict[str, object] | None,
        render: Callable[[TextIO], None],
    ) -> None:
        """Render the include at *path* through *render*, or replay an earlier render."""
        memo = self.files.get(path)
        if memo is None:
            source = self.env.template_cache.sources.get(str(path))
            memo = self.files[path] = _FileMemo(source is not None and self._is_pure(template, source))
        cls = context.__class__
        if memo.pure and cls is RubyContext and memo.retired():
            render(buffer)
            return
        if not memo.pure or (cls is not RubyContext and cls is not RecordingContext):
            # Its output may depend on more than its lookups: neither can an
            # include around it be remembered.
            self.taint()
            render(buffer)
            return
        key = _params_key(params)
        if key is None:
            render(buffer)
            return
        same_params = memo.variants.get(key)
        if same_params is not None:
            for variant in same_params:
                if variant.matches(context):
                    memo.replayed += 1
                    self._replay(context, buffer, variant)
                    return
            memo.stale += 1
        if not memo.worth_recording():
            render(buffer)
            return
        self._record(context, buffer, memo, key, params, render)

    def _replay(self, context: Any, buffer: TextIO, variant: _Variant) -> None:
        buffer.write(variant.output)
        for path, value in variant.reads.items():
            for recording in self.open:
                recording.note_read(context, path, value)
        for key, value in variant.writes.items():
            context.assign(key, value)
        site = self.env.site
        deps = getattr(site, "_dependencies", None)
        if deps is not None:
            deps.update(variant.deps)

    def _record(
        self,
        context: Any,
        buffer: TextIO,
        memo: _FileMemo,
        key: tuple[object, ...],
        params: dict[str, object] | None,
        render: Callable[[TextIO], None],
    ) -> None:
        site = self.env.site
        recording = _Recording(len(context.scope.maps))
        self.open.append(recording)
        context.__class__ = RecordingContext
        outer_deps = getattr(site, "_dependencies", None) if site is not None else None
        deps: set[str] = set()
        if site is not None:
            site._dependencies = deps
        warned = len(site.warnings) if site is not None else 0
        out = StringIO()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                render(out)
        except BaseException:
            # What was rendered before an error or a `break` stays, as without a memo.
            buffer.write(out.getvalue())
            self.taint()
            raise
        finally:
            self.open.pop()
            if not self.open:
                context.__class__ = RubyContext
            if site is not None:
                site._dependencies = outer_deps
                if outer_deps is not None:
                    outer_deps.update(deps)
        for warning in caught:
            # To the caller's handler (the page's render collects them).
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno)
        output = out.getvalue()
        buffer.write(output)
        if caught or (site is not None and len(site.warnings) != warned) \
                or any(dep.startswith("volatile:") for dep in deps):
            # Warned, or read what changes as the build goes on (another
            # page's body): no render around it can be replayed either.
            self.taint()
            return
        if recording.tainted:
            return  # read a value that cannot be compared (the includes around it decide for themselves)
        memo.add(key, _Variant(None if params is None else dict(params), recording, output, deps))


__all__ = ["IncludeMemo", "RecordingContext"]

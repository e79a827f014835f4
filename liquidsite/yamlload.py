"""YAML loading with Ruby Psych's results, through PyYAML (C loader if present).

Jekyll loads YAML with ``Psych.safe_load(permitted_classes: [Date, Time])``.
PyYAML and Psych both follow YAML 1.1, so booleans (``yes``/``no``/``on``/
``off``), integers, floats and timestamps agree; the differences handled
here are errors reported with a usable position and hints for the usual
mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

# Psych's ScalarScanner::TIME (psych/scalar_scanner.rb) accepts offsets that
# YAML 1.1's timestamp does not, such as "+0530" or "+5", which Jekyll
# blogs often write (`date: 2024-02-29 13:14:15 +0530`).
PSYCH_TIME_RE = re.compile(
    r"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
    r"(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$"
)
_PSYCH_TIME_TAG = "tag:liquidsite,2026:psych-time"


def _construct_psych_time(loader: Any, node: Any) -> Any:
    """Mirror ``ScalarScanner#parse_time``: a naive value is a UTC instant."""
    import datetime as _dt

    text = loader.construct_scalar(node)
    date, time = re.split(r"[ tT]", text, maxsplit=1)
    mdate = re.match(r"^(-?\d{4})-(\d{1,2})-(\d{1,2})", date)
    assert mdate is not None  # the resolver's pattern matched this text
    yy, mm, dd = (int(x) for x in mdate.groups())
    md = re.search(r"(\d+:\d+:\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(:\d\d)?)?", time)
    assert md is not None
    hh, mi, ss = (int(x) for x in md.group(1).split(":"))
    micro = int((md.group(2) or "0")[:6].ljust(6, "0"))
    zone = md.group(3)
    if zone is None:
        return _dt.datetime(yy, mm, dd, hh, mi, ss, micro)
    if zone == "Z":
        from .values import RUBY_UTC

        return _dt.datetime(yy, mm, dd, hh, mi, ss, micro, tzinfo=RUBY_UTC)
    zm = re.match(r"^([+\-]?\d{1,2}):?(\d{1,2})?$", zone)
    hours = int(zm.group(1)) if zm else 0
    minutes = int(zm.group(2) or 0) if zm else 0
    offset = hours * 3600 + (-minutes if hours < 0 else minutes) * 60
    return _dt.datetime(
        yy, mm, dd, hh, mi, ss, micro, tzinfo=_dt.timezone(_dt.timedelta(seconds=offset))
    )


# ScalarScanner's date: one- or two-digit months and days; an impossible
# date (2024-02-30) stays a string instead of failing.
PSYCH_DATE_RE = re.compile(r"^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$")
_PSYCH_DATE_TAG = "tag:liquidsite,2026:psych-date"


def _construct_psych_date(loader: Any, node: Any) -> Any:
    import datetime as _dt

    text = loader.construct_scalar(node)
    try:
        return _dt.date(*(int(x) for x in text.split("-")))
    except ValueError:
        return text


def _psych_loader(base: Any, quick: bool = True) -> Any:
    """A loader class resolving times and dates as Psych does.

    Psych's patterns are tried before YAML 1.1's timestamp so that every
    time and date is read with Psych's rules (its offsets, its leniency).
    *quick* adds the shortcuts of :func:`_quick_methods`.
    """
    loader: Any = type(f"Psych{base.__name__}", (base,), {})
    resolvers = {key: list(value) for key, value in base.yaml_implicit_resolvers.items()}
    for first in "-0123456789":
        resolvers[first] = [
            (_PSYCH_DATE_TAG, PSYCH_DATE_RE),
            (_PSYCH_TIME_TAG, PSYCH_TIME_RE),
            *resolvers.get(first, []),
        ]
    loader.yaml_implicit_resolvers = resolvers
    loader.add_constructor(_PSYCH_TIME_TAG, _construct_psych_time)
    loader.add_constructor(_PSYCH_DATE_TAG, _construct_psych_date)
    if quick:
        for name, method in _quick_methods(base, resolvers).items():
            setattr(loader, name, method)
    return loader


_STR_TAG = "tag:yaml.org,2002:str"


def _quick_methods(base: Any, resolvers: dict[Any, list[Any]]) -> dict[str, Any]:
    """``resolve`` and ``construct_object`` doing PyYAML's work with fewer steps.

    The loader calls both for every node, in Python even with the C parser.
    Resolving looks up one list per first character (with the wildcard
    resolvers already appended) instead of concatenating two per scalar; a
    string scalar is its text, which is what the generic construction (tag
    lookup, recursion and alias bookkeeping) returns for it in the end.
    """
    wildcard = resolvers.get(None, [])
    table = {first: [*patterns, *wildcard] for first, patterns in resolvers.items() if first is not None}
    scalar_node = yaml.ScalarNode
    base_resolve = base.resolve
    base_construct = base.construct_object
    default_scalar_tag = base.DEFAULT_SCALAR_TAG

    def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if self.yaml_path_resolvers:
            return base_resolve(self, kind, value, implicit)
        if kind is scalar_node:
            if implicit[0]:
                for tag, regexp in table.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return default_scalar_tag
        return base_resolve(self, kind, value, implicit)

    def construct_object(self: Any, node: Any, deep: bool = False) -> Any:
        if node.tag == _STR_TAG and node.__class__ is scalar_node:
            return node.value
        return base_construct(self, node, deep)

    return {"resolve": resolve, "construct_object": construct_object}


_Loader = _psych_loader(_Base)
_PyLoader = _psych_loader(yaml.SafeLoader)


@dataclass
class YamlError(Exception):
    """A YAML parse error with a 1-based line and column in the parsed text."""

    problem: str
    line: int | None
    column: int | None
    hint: str | None = None


def load_yaml(text: str) -> Any:
    """Parse *text* as YAML 1.1 the way Jekyll's safe loader does.

    Raises:
        YamlError: the text is not valid YAML.
    """
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        pass
    # The error path: parse again with the pure-Python loader, whose
    # messages and marks are the same wherever liquidsite runs.
    try:
        return yaml.load(text, Loader=_PyLoader)  # noqa: S506
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or str(err)
        if err.context_mark is not None and mark is not None and _blank_line(text, mark.line):
            # Running off the end of the text says little; point at where
            # the unfinished construct started instead.
            what = re.sub(r"^while parsing (an? )?", "", err.context or "")
            problem = f"{problem}: the {what} that starts here is never closed"
            mark = err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        hint = None
        if "\t" in text and "tab" in problem:
            hint = "YAML does not allow tabs for indentation; use spaces"
        elif "mapping values are not allowed" in problem:
            hint = 'a value that contains ": " must be quoted, e.g. title: "A: B"'
        raise YamlError(problem, line, column, hint) from None
    except yaml.YAMLError as err:
        raise YamlError(str(err), None, None) from None
    raise AssertionError("unreachable: the C loader failed where the Python one did not")


def _blank_line(text: str, index: int) -> bool:
    lines = text.split("\n")
    return index >= len(lines) or not lines[index].strip()

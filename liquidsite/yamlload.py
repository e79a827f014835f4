"""YAML loading with Ruby Psych's results, through PyYAML (C loader if present).

Jekyll loads YAML with ``Psych.safe_load(permitted_classes: [Date, Time])``.
PyYAML and Psych both follow YAML 1.1, so booleans (``yes``/``no``/``on``/
``off``), integers, floats and timestamps agree; the differences handled
here are errors reported with a usable position and hints for the usual
mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


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
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = err.problem or str(err)
        hint = None
        if "\t" in text and "tab" in problem:
            hint = "YAML does not allow tabs for indentation; use spaces"
        elif "mapping values are not allowed" in problem:
            hint = 'a value that contains ": " must be quoted, e.g. title: "A: B"'
        raise YamlError(problem, line, column, hint) from None
    except yaml.YAMLError as err:
        raise YamlError(str(err), None, None) from None

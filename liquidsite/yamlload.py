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
    except yaml.YAMLError:
        pass
    # The error path: parse again with the pure-Python loader, whose
    # messages and marks are the same wherever liquidsite runs.
    try:
        return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506
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

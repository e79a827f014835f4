"""``where_exp`` comparisons: integers compared directly, anything else as
``Liquid::Condition`` compares it (filters/expressions.py)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from liquid.exceptions import LiquidError

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment


def render(expression: str, items: list[Any], **variables: Any) -> str:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), {}))
    template = env.from_string(
        '{% assign r = items | where_exp: "p", "' + expression + '" %}'
        '{% for p in r %}{{ p.name }},{% endfor %}'
    )
    return template.render(items=items, **variables)


PEOPLE = [
    {"name": "a", "since": 2010},
    {"name": "b", "since": 2016},
    {"name": "c", "since": 2020},
    {"name": "d", "since": True},
    {"name": "e", "since": 2016.0},
    {"name": "f", "since": None},
    {"name": "g"},
]


@pytest.mark.parametrize(("expression", "expected"), [
    ("p.since >= page.since", "b,c,e,"),
    ("p.since > page.since", "c,"),
    ("p.since <= page.since", "a,b,e,"),
    ("p.since < page.since", "a,"),
    ("page.since <= p.since", "b,c,e,"),
    ("p.since >= 2016", "b,c,e,"),
])
def test_order_against_an_integer(expression: str, expected: str) -> None:
    # True and nil compare with nothing (no item), 2016.0 as the number it is.
    assert render(expression, PEOPLE, page={"since": 2016}) == expected


def test_an_integer_against_a_string_fails_as_in_ruby() -> None:
    with pytest.raises(LiquidError, match="comparison of Integer with String failed"):
        render("p.since >= page.since", PEOPLE[:1], page={"since": "2016"})


def test_large_integers_compare_exactly() -> None:
    items = [{"name": "x", "since": 2**70 + 1}, {"name": "y", "since": 2**70}]
    assert render("p.since > page.since", items, page={"since": 2**70}) == "x,"

"""Properties of the Ruby-compatible Liquid parser (liquidsite.lax).

Jekyll's lax parser accepts nearly anything inside ``{{ }}``: whatever it
cannot use it ignores.  liquidsite's must never fail with anything but a
Liquid syntax error (a template problem), whatever the markup, and in lax
mode must not warn.
"""

from __future__ import annotations

import copy
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from liquid.exceptions import LiquidError, LiquidSyntaxError

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment


def make_env(mode: str) -> JekyllEnvironment:
    config = deep_merge(copy.deepcopy(DEFAULTS), {"liquid": {"error_mode": mode}})
    return JekyllEnvironment(config)


ENVS = {mode: make_env(mode) for mode in ("warn", "lax", "strict")}
PIECES = st.sampled_from(
    ['"', "'", "|", ":", ",", ".", "..", "(", ")", "[", "]", "-", "?", "=", "!", "<", ">",
     "&", " ", "\n", "x", "y.z", "1", "-2", "3.5", "a", "upcase", "append", "nil",
     "empty", "blank", "contains", "and", "or", "in", "limit", "%", "{", "}", "\\", "é"]
)
MARKUP = st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=14).map("".join))


@settings(max_examples=400, deadline=None)
@given(markup=MARKUP)
def test_any_output_markup_parses_or_is_a_syntax_error(markup: str) -> None:
    for mode, env in ENVS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                template = env.from_string("{{" + markup + "}}")
            except LiquidSyntaxError:
                continue
        try:
            template.render(x="ab", y={"z": [1, 2]}, a=1)
        except LiquidError:
            pass  # a render error (a filter's arguments), as Jekyll's render! raises


@settings(max_examples=300, deadline=None)
@given(markup=MARKUP, tag=st.sampled_from(["if", "unless", "for", "case", "tablerow"]))
def test_any_block_tag_markup_parses_or_is_a_syntax_error(markup: str, tag: str) -> None:
    source = "{% " + tag + " " + markup + " %}b{% end" + tag + " %}"
    if "%}" in markup or "{%" in markup or "{{" in markup:
        return
    for env in ENVS.values():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                template = env.from_string(source)
            except LiquidSyntaxError:
                continue
        try:
            template.render(x="ab", y={"z": [1, 2]}, a=1)
        except LiquidError:
            pass


@pytest.mark.parametrize("source", ["{{ x | }}", "{% if a && b %}y{% endif %}",
                                    "{% for i in (1..3) limit: 2, %}{{i}}{% endfor %}"])
def test_lax_mode_does_not_warn_and_strict_mode_raises(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ENVS["lax"].from_string(source).warnings == []  # type: ignore[attr-defined]
    with pytest.raises(LiquidSyntaxError):
        ENVS["strict"].from_string(source)
    with pytest.warns(Warning):
        assert ENVS["warn"].from_string(source).warnings  # type: ignore[attr-defined]

"""Invariants of liquidsite.values (exact Ruby outputs are pinned by the
golden cases in tests/filters/values.yml and arrays.yml)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st
from liquid.undefined import Undefined

from liquidsite import values


@given(st.floats(allow_nan=False))
def test_float_to_s_round_trips(value: float) -> None:
    text = values.float_to_s(value)
    if math.isinf(value):
        assert text in ("Infinity", "-Infinity")
    else:
        assert float(text) == value
        assert "." in text


@given(st.text())
def test_inspect_of_strings_is_quoted_and_printable(text: str) -> None:
    out = values.inspect(text)
    assert out.startswith('"') and out.endswith('"')
    assert "\n" not in out and "\x00" not in out


def test_undefined_prints_as_nil() -> None:
    undefined = Undefined("x")
    assert values.to_s(undefined) == ""
    assert values.inspect(undefined) == "nil"


def test_ranges_print_as_ruby_ranges() -> None:
    assert values.inspect(range(1, 4)) == "1..3"
    # variable.rb renders a non-Array with to_s: Range#to_s is "1..3".
    assert values.to_s(range(1, 4)) == "1..3"

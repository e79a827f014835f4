"""``strftime`` with formats planned once: the same text as converting
each ``%`` directive on its own (rubytime._convert), for times and dates."""

from __future__ import annotations

import datetime as _dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from liquid.exceptions import FilterArgumentError

from liquidsite.filters.rubytime import _SPEC_RE, _convert, strftime
from liquidsite.values import RUBY_UTC


def _directive_by_directive(value: _dt.date, fmt: str) -> str:
    """Every directive through _convert, as strftime did before it kept plans."""
    is_date = not isinstance(value, _dt.datetime)
    out: list[str] = []
    pos = 0
    for match in _SPEC_RE.finditer(fmt):
        out.append(fmt[pos : match.start()])
        pos = match.end()
        flags, width, colons, conv = match.groups()
        if not conv:
            if is_date:
                out.append(match.group(0))
                continue
            raise FilterArgumentError(f"invalid format: {match.group(0)}", token=None)
        text = _convert(value, conv, flags, width, colons, is_date)
        out.append(match.group(0) if text is None else text)
    out.append(fmt[pos:])
    return "".join(out)


def _answer(value: _dt.date, fmt: str) -> str:
    try:
        return strftime(value, fmt)
    except FilterArgumentError as err:
        return f"error: {err.message}"


def _reference(value: _dt.date, fmt: str) -> str:
    try:
        return _directive_by_directive(value, fmt)
    except FilterArgumentError as err:
        return f"error: {err.message}"


_VALUES = [
    _dt.datetime(2018, 1, 10, 0, 0, tzinfo=ZoneInfo("UTC")),
    _dt.datetime(2024, 3, 31, 14, 5, 9, 120000, tzinfo=ZoneInfo("Europe/Berlin")),
    _dt.datetime(1999, 12, 31, 23, 59, 59, tzinfo=RUBY_UTC),
    _dt.datetime(2020, 2, 29, 7, 0, tzinfo=_dt.timezone(_dt.timedelta(hours=-5, minutes=-30))),
    _dt.datetime(2021, 6, 1, 9, 30),
    _dt.date(2022, 7, 4),
]


@pytest.mark.parametrize("value", _VALUES)
@pytest.mark.parametrize("fmt", [
    "%Y-%m-%dT%H:%M:%S%:z", "%a, %d %b %Y %H:%M:%S %z", "%b %-d, %Y", "%Y-%m-%d", "%::z %:::z",
    "%-z %10z %_5d %^b %-H:%M %e %j %%", "100%", "%", "% %Y", "%Q %+ %s", "%10Y|%-y|%05m",
])
def test_the_same_as_directive_by_directive(value: _dt.date, fmt: str) -> None:
    assert _answer(value, fmt) == _reference(value, fmt)
    assert _answer(value, fmt) == _reference(value, fmt)  # the kept plan, again


_DIRECTIVES = st.builds(
    lambda flags, width, colons, conv: f"%{flags}{width}{colons}{conv}",
    st.sampled_from(["", "-", "_", "0", "^", "#", "-_"]),
    st.sampled_from(["", "3", "10"]),
    st.sampled_from(["", ":", "::", ":::"]),
    st.sampled_from(list("YCymBbhdejHkIlMSAauwGgVUWsntcDxFTXRrvpPLNzZQ+%") + [""]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_DIRECTIVES, st.sampled_from(["-", " ", "T", "x%"])), max_size=6)
       .map("".join), st.sampled_from(_VALUES))
def test_any_format_the_same_as_directive_by_directive(fmt: str, value: _dt.date) -> None:
    assert _answer(value, fmt) == _reference(value, fmt)

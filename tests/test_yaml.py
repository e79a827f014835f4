"""YAML values read as Ruby's Psych reads them (psych/scalar_scanner.rb).

The expected strings are what Jekyll 4.3.1 printed for ``{{ page.x }}``
with ``TZ=Europe/Berlin``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from liquidsite import values
from liquidsite.yamlload import load_yaml

CASES = [
    ("2024-02-29 13:14:15 +0530", "2024-02-29 13:14:15 +0530"),
    ("2024-02-29 13:14:15", "2024-02-29 14:14:15 +0100"),
    ("2024-02-29T13:14:15Z", "2024-02-29 13:14:15 UTC"),
    ("2024-02-29 13:14:15 -00:30", "2024-02-29 13:14:15 +0030"),
    ("2024-02-29 13:14:15.5 +01", "2024-02-29 13:14:15 +0100"),
    ("2024-2-9", "2024-02-09"),
]


@pytest.mark.parametrize(("text", "printed"), CASES)
def test_times_and_dates_print_as_jekyll_does(text: str, printed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert values.to_s(load_yaml(f"x: {text}")["x"]) == printed


def test_impossible_date_stays_a_string() -> None:
    assert load_yaml("x: 2024-02-30") == {"x": "2024-02-30"}


def test_quoted_times_stay_strings() -> None:
    assert load_yaml('x: "2024-02-29 13:14:15 +0530"') == {"x": "2024-02-29 13:14:15 +0530"}


def test_site_zone_overrides_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    naive = dt.datetime(2024, 1, 1, 12, 0, 0)
    with values.site_zone(values.zone_named("America/New_York")):
        assert values.to_s(naive) == "2024-01-01 07:00:00 -0500"
    assert values.to_s(naive) == "2024-01-01 12:00:00 +0000"


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", True), ("Off", False), ("~", None), ("1_000", 1000), ("0x1F", 31), ("1.5", 1.5), ("1e3", "1e3")],
)
def test_scalars(text: str, value: object) -> None:
    assert load_yaml(f"x: {text}") == {"x": value}

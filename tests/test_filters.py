"""Replay the golden filter cases (tests/filters/*.yml) against liquidsite.

Every case's ``expected`` (or ``error``) was printed by Jekyll 4.3.1 itself
(scripts/regen_filter_cases.py).  The build ran at 2026-01-01 00:00:00 UTC
with ``TZ=UTC``; the same clock and zone are pinned here.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment
from liquidsite.yamlload import load_yaml

CASES_DIR = Path(__file__).parent / "filters"
FAKE_NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
HAS_MARKDOWN = importlib.util.find_spec("liquidsite.converters.markdown") is not None

# Cases whose Jekyll output cannot be reproduced, each with the reason.
DEVIATIONS: dict[str, str] = {
    # python-liquid's filter-argument parser rejects the `empty` and `blank`
    # keywords (Jekyll passes them as method literals); fixing it would
    # mean changing python-liquid's parser.
    "arrays-0055": "`where: prop, empty`: python-liquid cannot parse `empty` as a filter argument",
    "arrays-0056": "`where: prop, blank`: python-liquid cannot parse `blank` as a filter argument",
}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        for i, case in enumerate(data.get("cases") or []):
            case_id = f"{path.stem}-{i:04d}"
            marks = []
            if case_id in DEVIATIONS:
                marks.append(pytest.mark.xfail(reason=DEVIATIONS[case_id], strict=True))
            if "markdownify" in case["template"] and not HAS_MARKDOWN:
                marks.append(pytest.mark.skip(reason="the Markdown converter is not there yet"))
            params.append(pytest.param(case, id=case_id, marks=marks))
    return params


CASES = _load()


def make_env(case: dict[str, Any], *, strict: bool = False) -> JekyllEnvironment:
    """An environment configured as the case's Jekyll site was."""
    config = deep_merge(copy.deepcopy(DEFAULTS), case.get("config") or {})
    if strict:
        # Jekyll fails the page on any render error; strict mode makes
        # python-liquid raise instead of printing nothing.
        config = deep_merge(config, {"liquid": {"error_mode": "strict"}})
    env = JekyllEnvironment(config)
    env.clock = lambda: FAKE_NOW  # type: ignore[attr-defined]
    return env


def _set_zone(monkeypatch: pytest.MonkeyPatch, case: dict[str, Any]) -> None:
    # Jekyll sets ENV["TZ"] from `timezone`; the cases ran with TZ=UTC.
    monkeypatch.setenv("TZ", str((case.get("config") or {}).get("timezone") or "UTC"))


def test_case_count() -> None:
    assert len(CASES) >= 600


@pytest.mark.parametrize("case", CASES)
def test_filter_case(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _set_zone(monkeypatch, case)
    variables = case.get("vars") or {}
    if "error" in case:
        env = make_env(case, strict=True)
        with pytest.raises(Exception):  # noqa: B017 - any failure, as Jekyll's build fails
            env.from_string(case["template"]).render(**variables)
        return
    env = make_env(case)
    assert env.from_string(case["template"]).render(**variables) == case["expected"]

"""Replay the golden filter cases (tests/filters/*.yml) against liquidsite.

Every case's ``expected`` (or ``error``) was printed by Jekyll 4.3.1 itself
(scripts/regen_filter_cases.py).  The build ran at 2026-01-01 00:00:00 UTC
with ``TZ=UTC``; the same clock and zone are pinned here.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment
from liquidsite.filters.strings import slugify_text
import yaml

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
        # The case files are written by PyYAML (scripts/regen_*), so they are
        # read back with PyYAML's rules, not Psych's.
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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


# --- properties (hypothesis): invariants between filters and of outputs ---


def render(src: str, config: dict[str, Any] | None = None, **variables: Any) -> str:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), config or {}))
    return env.from_string(src).render(**variables)


words = st.text(alphabet="abcXYZ é", min_size=0, max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({"k": words}), max_size=6), words)
def test_where_exp_equality_agrees_with_where(items: list[dict[str, str]], target: str) -> None:
    out = render(
        '{% assign r = a | where: "k", t %}{% assign s = a | where_exp: "i", "i.k == t" %}'
        "{{ r | jsonify }}|{{ s | jsonify }}",
        a=items,
        t=target,
    )
    left, right = out.split("|")
    assert left == right


segment = st.text(alphabet="abz09-_.~", min_size=1, max_size=5).filter(lambda s: s not in (".", ".."))
paths = st.lists(segment, max_size=4).map("/".join)
bases = st.sampled_from([None, "", "/", "/blog", "/blog/", "blog", "/a/b"])


@settings(max_examples=200, deadline=None)
@given(paths, st.booleans(), bases)
def test_relative_url_never_doubles_slashes(path: str, leading: bool, base: str | None) -> None:
    url = ("/" if leading else "") + path
    out = render("{{ u | relative_url }}", {"baseurl": base}, u=url)
    assert "//" not in out


@settings(max_examples=100, deadline=None)
@given(paths, bases)
def test_relative_url_keeps_absolute_urls(path: str, base: str | None) -> None:
    url = "https://example.com/" + path
    once = render("{{ u | relative_url }}", {"baseurl": base}, u=url)
    assert once == url
    assert render("{{ u | relative_url }}", {"baseurl": base}, u=once) == once


_MODE_ALLOWED = {
    "ascii": lambda ch: ch in "abcdefghijklmnopqrstuvwxyz0123456789-",
    "latin": lambda ch: ch in "abcdefghijklmnopqrstuvwxyz0123456789-",
    "default": lambda ch: ch == "-" or unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd",
    "pretty": lambda ch: ch in "-._~!$&'()+,;=@" or unicodedata.category(ch)[0] in "LM"
    or unicodedata.category(ch) == "Nd",
    "raw": lambda ch: ch not in " \t\n\v\f\r",
}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.sampled_from(sorted(_MODE_ALLOWED)))
def test_slugify_output_alphabet(text: str, mode: str) -> None:
    slug = slugify_text(text, mode)
    assert slug is not None
    assert all(_MODE_ALLOWED[mode](ch) for ch in slug), slug
    assert not re.search(r"^-|-$", slug, re.M) or mode == "raw"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_jsonify_output_parses(value: Any) -> None:
    out = render("{{ v | jsonify }}", v=value)
    json.loads(out)

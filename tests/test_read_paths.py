"""Quick paths of the read agree with the plain statement of what they do."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite import urls
from liquidsite.config import deep_merge
from liquidsite.documents import _union


def _reference_merge(base: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    # Utils.deep_merge_hashes (utils.rb), written out plainly.
    result = dict(base)
    for key, new in other.items():
        old = result.get(key)
        if new is None and key in result:
            continue
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            result[key] = _reference_merge(old, new)
        else:
            result[key] = new
    return result


_KEYS = st.sampled_from(["a", "b", "c", "d"])
_values = st.recursive(
    st.none() | st.integers(0, 3) | st.sampled_from(["", "x", "y"]) | st.lists(st.integers(0, 2), max_size=2),
    lambda inner: st.dictionaries(_KEYS, inner, max_size=3)
    | st.dictionaries(_KEYS, inner, max_size=3).map(MappingProxyType),
    max_leaves=8,
)
_maps = st.dictionaries(_KEYS, _values, max_size=4)


@settings(max_examples=500, deadline=None)
@given(_maps, _maps)
def test_deep_merge_matches_reference(base: dict[str, Any], other: dict[str, Any]) -> None:
    merged = deep_merge(base, other)
    assert merged == _reference_merge(base, other)
    assert type(merged) is dict


# --- permalink templates -----------------------------------------------------



def _reference_expand(template: str, placeholders: Mapping[str, object]) -> str:
    # url.rb generate_url_from_drop, one re.sub callback per placeholder.
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in placeholders:
            value = placeholders[name]
            return urls.escape_path("" if value is None else str(value))
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        for key in pool:
            if key in placeholders:
                value = placeholders[key]
                text = urls.escape_path("" if value is None else str(value))
                return match.group(0).replace(f":{key}", text, 1)
        raise KeyError(f"The URL template doesn't have {' or '.join(pool)} keys. Check your permalink template!")

    return re.sub(r":([a-z_]+)", replace, template)


def _outcome(fn: Any, *args: Any) -> tuple[str, str]:
    try:
        return ("ok", fn(*args))
    except KeyError as err:
        return ("error", str(err))


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="ab_:/.-é ", max_size=24),
    st.dictionaries(
        st.sampled_from(["a", "b", "ab", "a_", "b_"]),
        st.none() | st.text(alphabet="xy:/ %é", max_size=5) | st.integers(0, 9),
        max_size=4,
    ),
)
def test_strict_expansion_matches_reference(template: str, placeholders: dict[str, object]) -> None:
    assert _outcome(urls.expand_template_strict, template, placeholders) == _outcome(
        _reference_expand, template, placeholders
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a/.~", max_size=16))
def test_sanitize_url_and_relpath_match_pattern(url: str) -> None:
    expected = re.sub("/+", "/", ("/" + url).replace("..", "/").replace("./", ""))
    assert urls.sanitize_url(url) == expected
    path = "/" + url if url.startswith("~") else url
    assert urls.safe_relpath(url) == re.sub("/+", "/", posixpath.normpath("/" + path)).lstrip("/")


# --- Array#| -------------------------------------------------------------------


def _reference_union(old: list[Any], new: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in [*old, *new]:
        if not any(type(item) is type(seen) and item == seen for seen in result):
            result.append(item)
    return result


_items = st.lists(st.sampled_from(["a", "b", "1", 1, 1.0, True, None, 0, False]), max_size=6)


@given(_items, _items)
def test_union_matches_reference(old: list[Any], new: list[Any]) -> None:
    got = _union(old, new)
    want = _reference_union(old, new)
    assert got == want and [type(x) for x in got] == [type(x) for x in want]

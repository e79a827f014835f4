"""Quick paths of the read agree with the plain statement of what they do."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite.config import deep_merge


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

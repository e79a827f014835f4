"""Quick paths of the read agree with the plain statement of what they do."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite import urls, yamlload
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


# --- YAML loading ------------------------------------------------------------------

_REFERENCE_LOADERS = {
    "c": yamlload._psych_loader(yamlload._Base, quick=False),
    "py": yamlload._psych_loader(yaml.SafeLoader, quick=False),
}
_QUICK_LOADERS = {"c": yamlload._Loader, "py": yamlload._PyLoader}

_scalars = st.sampled_from(
    ["a", "yes", "No", "~", "null", "", "0", "012", "0x1F", "1_000", "3.5", ".inf", "-.Inf",
     "2024-02-29", "2024-2-3", "2024-02-30", "2024-02-29 13:14:15 +0530", "2024-02-29T01:02:03Z",
     "'quoted'", '"dq \\u00e9"', "!!str 12", "!!int '7'", "!!float 1", "!!binary aGk=", "=", "<<",
     "é", "a: b", "- x", "#c", "'a''b'"]
)


def _yaml_text(draw: Any) -> str:
    keys = draw(st.lists(st.sampled_from(["k", "m", "n", "<<", "2024-01-01", "1", "true", "~"]),
                         min_size=1, max_size=5))
    lines = ["base: &b {x: 1, y: [a, 2]}", "list: &l [1, two, 2024-01-01]"]
    for key in keys:
        form = draw(st.integers(0, 5))
        if form == 0:
            lines.append(f"{key}: {draw(_scalars)}")
        elif form == 1:
            lines.append(f"{key}: *b")
        elif form == 2:
            lines.append(f"{key}:")
            lines.extend(f"  - {draw(_scalars)}" for _ in range(draw(st.integers(0, 3))))
        elif form == 3:
            lines.append(f"{key}: [{', '.join(draw(st.lists(_scalars, max_size=3)))}]")
        elif form == 4:
            lines.append(f"{key}:\n  <<: *b\n  y: {draw(_scalars)}")
        else:
            lines.append(f"{key}: !!set {{a, b}}")
    return "\n".join(lines) + "\n"


def _load_outcome(text: str, loader: Any) -> tuple[str, Any]:
    try:
        return ("ok", yaml.load(text, Loader=loader))  # noqa: S506 - safe loaders
    except yaml.YAMLError as err:
        return ("error", str(err))


@settings(max_examples=400, deadline=None)
@given(st.data(), st.sampled_from(["c", "py"]))
def test_quick_yaml_loader_matches_pyyaml(data: Any, kind: str) -> None:
    text = _yaml_text(data.draw)
    assert _load_outcome(text, _QUICK_LOADERS[kind]) == _load_outcome(text, _REFERENCE_LOADERS[kind])


_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(_documents, st.booleans())
def test_quick_yaml_loader_reads_dumped_data(value: Any, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    for kind in ("c", "py"):
        assert _load_outcome(text, _QUICK_LOADERS[kind]) == _load_outcome(text, _REFERENCE_LOADERS[kind])


def test_quick_yaml_loader_keeps_aliases_and_recursion() -> None:
    data = yamlload.load_yaml("a: &x [1]\nb: *x\nc: &r {self: *r}\n")
    assert data["a"] is data["b"]
    assert data["c"]["self"] is data["c"]

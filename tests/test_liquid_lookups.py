"""Variable lookups through the render context's fast paths.

RubyContext.get reads plain dicts and drops (Mappings whose ``in`` is a
lookup) without going through get_item; what it finds must be what
get_item finds: a present key, else Ruby's ``size``/``first``/``last``,
else nil.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Iterator

import pytest

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment
from liquidsite.lax.expressions import (
    LOOKUP_BY_CONTAINS,
    LOOKUP_BY_GETITEM,
    LOOKUP_BY_INDEX,
    LOOKUP_OTHER,
    index,
    lookup_kind,
)


class Drop(Mapping[str, Any]):
    """A drop counting its lookups; ``broken`` raises, ``gone`` is out of range."""

    __ruby_drop__ = True

    def __init__(self, **items: Any) -> None:
        self._items = items
        self.reads: list[str] = []

    def __getitem__(self, key: str) -> Any:
        self.reads.append(key)
        if key == "broken":
            raise TypeError("broken")
        if key == "gone":
            raise IndexError("gone")
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class Hash(Mapping[str, Any]):
    """A hash-like Mapping (no drop): ``size`` and ``first`` are its methods."""

    def __init__(self, **items: Any) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class Checked(dict):  # type: ignore[type-arg]
    """A dict subclass: read with `in`, then the key."""


def render(source: str, **variables: Any) -> str:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), {}))
    return env.from_string(source).render(**variables)


def test_each_class_is_read_its_own_way() -> None:
    assert lookup_kind(Drop) is LOOKUP_BY_GETITEM
    assert lookup_kind(Checked) is LOOKUP_BY_CONTAINS
    assert lookup_kind(dict) is LOOKUP_BY_CONTAINS
    assert lookup_kind(tuple) is LOOKUP_BY_INDEX
    assert lookup_kind(int) is LOOKUP_OTHER


def test_a_drop_key_is_one_lookup() -> None:
    drop = Drop(title="T")
    assert render("{{ d.title }}", d=drop) == "T"
    assert drop.reads == ["title"]


@pytest.mark.parametrize(("source", "expected"), [
    ("{{ d.missing }}", ""),
    ("{{ d.broken }}", ""),
    ("{{ d.gone }}", ""),
    ("{{ d.size }}", ""),  # a drop has no size
    ("{{ d.first | join: '=' }}", "a=1"),  # a drop's first is its first pair
    ("{{ h.size }}", "2"),
    ("{{ h.first | join: '=' }}", "a=1"),
    ("{{ h.missing.x }}", ""),
    ("{{ c.a }}{{ c.size }}", "12"),
    ("{{ t[1] }}{{ t.last }}{{ t[5] }}", "33"),
])
def test_what_is_found_through_mappings(source: str, expected: str) -> None:
    variables = {"d": Drop(a=1, b=2), "h": Hash(a=1, b=2), "c": Checked(a=1, b=2), "t": (2, 3)}
    assert render(source, **variables) == expected


def test_index_agrees_with_the_fast_path() -> None:
    drop = Drop(a=1)
    assert index(drop, "a") == (True, 1)
    assert index(drop, "missing") == (False, None)
    assert index(drop, "broken") == (False, None)
    assert index(Checked(a=1), "a") == (True, 1)
    assert index(Checked(a=1), ["unhashable"]) == (False, None)
    assert index((1, 2), -1) == (True, 2)
    assert index((1, 2), 7) == (True, None)
    assert index((1, 2), True) == (False, None)


def test_an_extended_context_is_restored_after_an_error() -> None:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), {}))
    outer, inner = env.from_string("a"), env.from_string("b")
    context = outer.context_class(outer, globals={"x": 1})
    depth = len(context.scope.maps)  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        with context.extend({"x": 2}, template=inner) as extended:
            assert extended is context
            assert context.template is inner
            assert context.get(["x"], token=None) == 2
            raise RuntimeError
    assert context.template is outer
    assert len(context.scope.maps) == depth  # type: ignore[attr-defined]
    assert context.get(["x"], token=None) == 1


class Counted(Mapping[str, Any]):
    """A mapping with ``__liquid_lookup__``: asked once per key, never with ``in``."""

    def __init__(self, **items: Any) -> None:
        self._items = items
        self.calls: list[str] = []

    def __liquid_lookup__(self, key: str, missing: object) -> Any:
        self.calls.append(key)
        return self._items.get(key, missing)

    def __contains__(self, key: object) -> bool:
        self.calls.append(f"in {key}")
        return key in self._items

    def __getitem__(self, key: str) -> Any:
        self.calls.append(f"[{key}]")
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def test_a_mapping_with_a_lookup_method_is_asked_once() -> None:
    from liquidsite.lax.expressions import LOOKUP_BY_METHOD

    assert lookup_kind(Counted) is LOOKUP_BY_METHOD
    counted = Counted(title="T")
    assert render("{{ m.title }}|{{ m.missing }}|{{ m.size }}", m=counted) == "T||1"
    # A missing key goes on to get_item (Ruby's size, first, last), as before.
    assert counted.calls[:2] == ["title", "missing"]
    assert index(counted, "title") == (True, "T")
    assert index(counted, "nope") == (False, None)
    assert index(counted, ["unhashable"]) == (False, None)


def test_document_drops_note_reads_of_present_keys_only(tmp_path: Any) -> None:
    from liquidsite import Site

    from .helpers import write_site

    src = write_site(tmp_path / "src", {
        "_config.yml": "",
        "_posts/2024-01-01-a.md": "---\ntitle: A\nextra: x\n---\nbody\n",
        "_posts/2024-01-02-b.md": "---\ntitle: B\n---\n{{ page.title }}\n",
        "present.html": "---\n---\n{% for p in site.posts %}{{ p.extra }}{% endfor %}\n",
        "missing.html": "---\n---\n{% for p in site.posts %}{{ p.nothing }}{% endfor %}\n",
    })
    site = Site.from_path(src, tmp_path / "out")
    site.read()
    site.generate()
    pages = {page.relative_path: page for page in site.content.pages}

    def reads(name: str) -> set[str]:
        deps: set[str] = set()
        site._dependencies = deps
        try:
            site.renderer.render_page(pages[name])
        finally:
            site._dependencies = None
        return deps

    assert "site.documents" in reads("present.html")
    assert "site.documents" not in reads("missing.html")

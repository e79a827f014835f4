"""Ruby's ``for`` grammar and collection slicing (tags/for.rb, utils.rb)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable

from liquid.token import Token

from .expressions import is_ruby_drop
from .strict import Parser, StrictSyntaxError


def slice_collection(collection: object, start: int, stop: int | None) -> list[Any]:
    """Utils.slice_collection: a Hash loops over its pairs, a String is one
    item (none when empty), anything else not enumerable is empty."""
    if collection.__class__ is list:
        # The usual case, as the loop below would slice it.
        if stop is not None and stop <= 0:
            return []
        return collection[max(start, 0):stop]
    if isinstance(collection, str):
        return [] if not collection else [collection]
    if is_ruby_drop(collection):
        # Drop#each yields (key, value); slice_collection_using_each keeps
        # the first, so a for loop over a drop sees its keys.
        items: Iterable[Any] = list(collection)  # type: ignore[call-overload]
    elif isinstance(collection, Mapping):
        items = ([k, collection[k]] for k in collection)
    elif isinstance(collection, (list, tuple, range)):
        items = collection
    elif hasattr(collection, "__iter__") and not isinstance(collection, (bytes, int)):
        items = collection
    else:
        return []
    out = []
    for i, item in enumerate(items):
        if stop is not None and stop <= i:
            break
        if start <= i:
            out.append(item)
    return out


def strict_for(markup: str) -> None:
    """for.rb ``strict_parse``, for its error messages only: raises
    :class:`StrictSyntaxError` with Ruby's words when Ruby rejects *markup*."""
    p = Parser(markup)
    p.consume("id")
    if not p.id_is("in"):
        raise StrictSyntaxError("For loops require an 'in' clause", token=None)
    p.expression()
    p.id_is("reversed")
    while p.look("id") and p.look("colon", 1):
        if not (p.id_is("limit") or p.id_is("offset")):
            raise StrictSyntaxError(
                "Invalid attribute in for loop. Valid attributes are limit and offset",
                token=None)
        p.consume()
        p.expression()
    p.consume("end_of_string")


__all__ = ["Token", "slice_collection", "strict_for"]

"""``jsonify`` and ``inspect`` (filters.rb): Ruby's ``to_json`` and ``inspect``."""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import values
from ..drops.document import DocumentDrop
from ._ruby import RubyError, nil
from .strings import xml_escape

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment

_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def json_string(text: str) -> str:
    """A JSON string as Ruby's json generator writes it: UTF-8 kept, ``/`` too."""
    out = ['"']
    for ch in text:
        if ch in _JSON_ESCAPES:
            out.append(_JSON_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# drops/document_drop.rb NESTED_OBJECT_FIELD_BLACKLIST: what a collapsed
# neighbour document leaves out.
_NESTED_BLACKLIST = frozenset(("content", "output", "excerpt", "next", "previous"))


def _document_hash(drop: DocumentDrop, depth: int) -> dict[str, Any]:
    """DocumentDrop#hash_for_json: the drop's keys and values; from the
    generator's depth 2 on, ``previous`` and ``next`` are collapsed to their
    non-recursive fields (document_drop.rb), which ends the chain."""
    data = {key: drop[key] for key in drop}
    if depth >= 2:
        for key in ("previous", "next"):
            neighbour = data.get(key)
            if isinstance(neighbour, Mapping):
                data[key] = {k: neighbour[k] for k in neighbour if k not in _NESTED_BLACKLIST}
    return data


def to_json(value: Any, depth: int = 0) -> str:
    """``as_liquid(value).to_json``; objects without a JSON form use ``to_s``.

    *depth* is Ruby's ``JSON::State#depth``: how many arrays and objects
    enclose *value*; a document drop reads it to cut its previous/next chain.
    """
    value = nil(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyError(f"{values.float_to_s(value)} not allowed in JSON")
        return values.float_to_s(value)
    if isinstance(value, Decimal):
        return json_string(str(value))
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, DocumentDrop):
        value = _document_hash(value, depth)
    if isinstance(value, Mapping):
        inner = depth + 1
        return "{" + ",".join(
            f"{json_string(values.to_s(k) if not isinstance(k, str) else k)}:{to_json(v, inner)}"
            for k, v in value.items()
        ) + "}"
    if isinstance(value, (list, tuple, range)):
        return "[" + ",".join(to_json(item, depth + 1) for item in value) + "]"
    to_liquid = getattr(value, "to_liquid", None)
    if callable(to_liquid):
        liquid = to_liquid()
        if liquid is not value:
            return to_json(liquid, depth)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return json_string(values.to_s(value))
    return json_string(values.to_s(value))


def jsonify(value: Any) -> str:
    """The ``jsonify`` filter."""
    return to_json(value)


def inspect(value: Any) -> str:
    """The ``inspect`` filter: Ruby's ``inspect``, XML-escaped."""
    return xml_escape(values.inspect(nil(value)))


def register(env: JekyllEnvironment) -> None:
    """Add ``jsonify`` and ``inspect`` to *env*."""
    env.add_filter("jsonify", jsonify)
    env.add_filter("inspect", inspect)

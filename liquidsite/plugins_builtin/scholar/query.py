"""The bibliography filter syntax (``query:`` and ``--query``).

bibtex-ruby's ``Element#matches?`` (lib/bibtex/elements.rb):
``@book``, ``@*``, ``!@book``, several selectors separated by commas,
and conditions in brackets: ``@article[year>=2003]``,
``@*[url]`` (field present), ``@book[year <= 1900 && author ^= Poe]``,
alternatives with ``||``.  Operators: ``=``, ``!=`` (or ``/=``),
``^=`` (starts with, a regular expression), ``~=`` (regular expression),
``!~`` (does not match), ``<=`` and ``>=`` (integers, as Ruby's
``to_i``).  Values are compared with the field as parsed (names in
``Last, First`` order, months as ``jan``..``dec``), not LaTeX-decoded.
"""

from __future__ import annotations

import re

from .bibtex import Entry, ruby_to_i

_SELECTOR = re.compile(r"(!)?@(\*|\w+)(?:\[([^\]]*)\])?")
_CONDITION = re.compile(r"\s*([!~/^<>]?=|!~)\s*")
# Entry#provide: booktitle falls back to title (FIELD_ALIASES).
_ALIASES = {"booktitle": "title"}


def _has_type(entry: Entry, wanted: str) -> bool:
    return wanted == "*" or wanted.lower() == "entry" or entry.type == wanted


def _actual(entry: Entry, prop: str) -> object:
    if prop == "key":
        return entry.key
    if prop == "year" and "year" not in entry.fields and "date" in entry.fields:
        m = re.search(r"\d{4}", str(entry.fields["date"]))
        return m.group(0) if m else None
    value = entry.fields.get(prop)
    if value is None and prop in _ALIASES:
        value = entry.fields.get(_ALIASES[prop])
    return value


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return pattern in text


def _meets(entry: Entry, condition: str) -> bool:
    parts = _CONDITION.split(condition, maxsplit=1)
    prop = parts[0].strip()
    if len(parts) == 1:
        if not prop:
            return True
        return prop in entry.fields or _ALIASES.get(prop, "") in entry.fields
    operator, value = parts[1], parts[2].strip()
    actual = _actual(entry, prop)
    text = None if actual is None else str(actual)
    if operator in ("!=", "/="):
        return text is None or text != value
    if operator == "^=":
        return text is not None and _search("^" + value, text)
    if operator == "~=":
        return text is not None and _search(value, text)
    if operator == "!~":
        return text is None or not _search(value, text)
    if operator == "<=":
        return text is not None and ruby_to_i(text) <= ruby_to_i(value)
    if operator == ">=":
        return text is not None and ruby_to_i(text) >= ruby_to_i(value)
    return text is not None and text == value


def matches(entry: Entry, query: str | None) -> bool:
    """True when *entry* is selected by *query* (``@*`` selects every entry)."""
    if query is None or query == "":
        return True
    if "@" not in query:
        return entry.key == query
    for negated, wanted, condition in _SELECTOR.findall(query):
        if _has_type(entry, wanted) == bool(negated):
            continue
        if not condition:
            return True
        for alternative in re.split(r"\s*\|\|\s*", condition):
            if all(_meets(entry, c) for c in re.split(r"\s*(?:,|&&)\s*", alternative)):
                return True
    return False


def select(entries: list[Entry], query: str | None) -> list[Entry]:
    return [e for e in entries if matches(e, query)]

"""Hypothesis strategies for front matter and data files.

Values come with the text that makes them: :func:`to_yaml` writes every
string double-quoted, so a string such as ``1e3``, ``no`` or
``2024-01-01`` stays a string for Jekyll's YAML reader (Ruby's Psych) and
for liquidsite's alike.  The two resolve some plain scalars differently
(Psych reads ``1e3`` as a float, PyYAML as a string); quoting every string
leaves no doubt, so a property test checks the template and not YAML.

Example:
    >>> from hypothesis import given
    >>> from liquidsite.testing import strategies as ls
    >>> @given(ls.front_matter())
    ... def test_title_is_escaped(fm):
    ...     page = ls.page_source(fm, "{{ page.title | escape }}")
    ...     ...

Requires ``hypothesis`` (in the ``test`` extra).
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Mapping

import yaml
from hypothesis import strategies as st

# Keys Jekyll gives a meaning of its own (document.rb, page.rb,
# convertible.rb); arbitrary values under them change how a page is read,
# not just what a template prints.
RESERVED_KEYS = frozenset({
    "layout", "permalink", "published", "date", "categories", "category", "tags",
    "slug", "excerpt", "excerpt_separator", "render_with_liquid", "title_case",
    "collection", "content", "output", "path", "url", "id", "relative_path",
    "draft", "ext", "name", "dir", "next", "previous",
})

KEY_PATTERN = r"[a-z][a-z0-9_]{0,11}"


def yaml_text(min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Strings that YAML can carry: no surrogates, no NUL or other C0 controls.

    Psych rejects most control characters even when escaped, and Jekyll
    turns ``\\r\\n`` into ``\\n`` in front matter, so only tab and newline
    are kept among the controls.
    """
    return st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Co", "Cn"),
            blacklist_characters="\ufeff\ufffe\uffff\u2028\u2029\x85",
        )
        | st.sampled_from("\t\n"),
        min_size=min_size,
        max_size=max_size,
    )


def yaml_scalars(*, dates: bool = True) -> st.SearchStrategy[Any]:
    """Scalars both YAML readers give back unchanged: null, booleans,
    64-bit integers, finite floats, strings and (optionally) dates."""
    scalars: list[st.SearchStrategy[Any]] = [
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        yaml_text(),
    ]
    if dates:
        scalars.append(st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2199, 12, 31)))
    return st.one_of(*scalars)


def keys() -> st.SearchStrategy[str]:
    """Front matter and data keys that Liquid can reach with a dot (``page.key``)."""
    first = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
    rest = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", max_size=11)
    return st.builds(str.__add__, first, rest).filter(lambda k: k not in RESERVED_KEYS)


def data_values(*, dates: bool = True, max_leaves: int = 10) -> st.SearchStrategy[Any]:
    """Nested lists and mappings of :func:`yaml_scalars`, as ``_data`` files hold."""
    return st.recursive(
        yaml_scalars(dates=dates),
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(keys(), children, max_size=4),
        max_leaves=max_leaves,
    )


def front_matter(*, max_keys: int = 5) -> st.SearchStrategy[dict[str, Any]]:
    """A page's front matter: keys from :func:`keys` (none of Jekyll's own)."""
    return st.dictionaries(keys(), data_values(max_leaves=6), max_size=max_keys)


def json_values(*, max_leaves: int = 10) -> st.SearchStrategy[Any]:
    """Values a ``_data/*.json`` file can hold (no dates)."""
    return data_values(dates=False, max_leaves=max_leaves)


def data_files(
    *, formats: tuple[str, ...] = ("yml", "json"), max_files: int = 2
) -> st.SearchStrategy[dict[str, Any]]:
    """``{"_data/NAME.EXT": value}`` for a few data files; see :func:`data_file_texts`.

    *formats* may also name ``csv`` (see :func:`csv_tables`).
    """

    def one(fmt: str) -> st.SearchStrategy[tuple[str, Any]]:
        values: st.SearchStrategy[Any] = (
            json_values() if fmt == "json" else csv_tables() if fmt == "csv" else data_values()
        )
        return st.tuples(keys().map(lambda k: f"_data/{k}.{fmt}"), values)

    return st.lists(
        st.sampled_from(formats).flatmap(one), max_size=max_files, unique_by=lambda kv: kv[0]
    ).map(dict)


def csv_tables(*, max_rows: int = 5, max_columns: int = 4) -> st.SearchStrategy[list[dict[str, str]]]:
    """Rows of a ``_data/*.csv`` file: the same keys in every row, non-empty text values.

    Jekyll reads a CSV file as a list of hashes of strings; an empty field
    is ``nil`` or ``""`` depending on quoting (Ruby's CSV), so values are
    never empty here.  Write them with :func:`to_csv`.
    """
    cell = yaml_text(min_size=1, max_size=15).filter(lambda s: "\r" not in s)
    return st.lists(keys(), min_size=1, max_size=max_columns, unique=True).flatmap(
        lambda columns: st.lists(
            st.fixed_dictionaries({column: cell for column in columns}), max_size=max_rows
        )
    )


def to_csv(rows: list[dict[str, str]]) -> str:
    """CSV text for *rows* (every field quoted), as a ``_data/*.csv`` file."""
    import csv
    import io

    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted (see the module docstring)."""


def _quoted_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


_QuotingDumper.add_representer(str, _quoted_str)


def to_yaml(value: Any) -> str:
    """YAML text for *value*, read back identically by Jekyll and liquidsite."""
    return yaml.dump(value, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=2**16)


def to_json(value: Any) -> str:
    """JSON text for *value* (a ``_data/*.json`` file).

    Jekyll reads JSON data with its YAML reader, which takes ``5e-324`` for
    a string: floats are written with a decimal point (``5.0e-324``) so they
    come back as floats.
    """
    if isinstance(value, float):
        text = repr(value)
        if "e" in text and "." not in text.split("e")[0]:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, list):
        return "[" + ", ".join(to_json(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(
            f"{json.dumps(str(k), ensure_ascii=False)}: {to_json(v)}" for k, v in value.items()
        ) + "}"
    return json.dumps(value, ensure_ascii=False)


def page_source(front: Mapping[str, Any], body: str = "") -> str:
    """A page file: *front* as front matter, then *body*."""
    matter = to_yaml(dict(front)) if front else ""
    return f"---\n{matter}---\n{body}"


def data_file_texts(files: Mapping[str, Any]) -> dict[str, str]:
    """Turn ``{"_data/x.yml": value}`` into file texts for :meth:`Site.from_files`."""
    def text(name: str, value: Any) -> str:
        if name.endswith(".json"):
            return to_json(value)
        if name.endswith(".csv"):
            return to_csv(value)
        return to_yaml(value)

    return {name: text(name, value) for name, value in files.items()}


__all__ = [
    "RESERVED_KEYS", "yaml_text", "yaml_scalars", "keys", "data_values", "front_matter",
    "json_values", "data_files", "csv_tables", "to_yaml", "to_json", "to_csv", "page_source",
    "data_file_texts",
]

"""Assertions on rendered HTML by CSS selector (the ``html`` extra).

Needs BeautifulSoup 4 with soupsieve: ``pip install 'liquidsite[html]'``.
Text is compared with runs of whitespace collapsed to one space and
stripped, which is what a reader of the page sees.

Example:
    >>> from liquidsite.testing.html import assert_text, texts
    >>> page = "<ul><li>Ada</li><li> Grace\\n Hopper </li></ul>"
    >>> texts(page, "li")
    ['Ada', 'Grace Hopper']
    >>> assert_text(page, "li", ["Ada", "Grace Hopper"])
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Sequence, Union

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

    Html = Union[str, "BeautifulSoup", "Tag"]
else:
    Html = Any

_SPACE = re.compile(r"\s+")


def _bs4() -> Any:
    try:
        import bs4
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError(
            "liquidsite.testing.html needs BeautifulSoup: pip install 'liquidsite[html]'"
        ) from None
    return bs4


def parse_html(html: Html) -> Tag:
    """Parse *html* (text, or an already parsed tree, returned as is)."""
    bs4 = _bs4()
    if isinstance(html, bs4.Tag):
        tag: Tag = html
        return tag
    soup: Tag = bs4.BeautifulSoup(html, "html.parser")
    return soup


def normalize_space(text: str) -> str:
    """Collapse whitespace runs to one space and strip, as a browser shows text."""
    return _SPACE.sub(" ", text).strip()


def select(html: Html, selector: str) -> list[Tag]:
    """Every element matching the CSS *selector*, in document order."""
    return list(parse_html(html).select(selector))


def select_one(html: Html, selector: str) -> Tag:
    """The one element matching *selector*.

    Raises:
        AssertionError: no element, or more than one, matches.
    """
    found = select(html, selector)
    if len(found) != 1:
        raise AssertionError(
            f"expected exactly one element for {selector!r}, found {len(found)}"
            + _context(html, found)
        )
    return found[0]


def texts(html: Html, selector: str) -> list[str]:
    """The visible text of every element matching *selector*."""
    return [normalize_space(tag.get_text()) for tag in select(html, selector)]


def text(html: Html, selector: str) -> str:
    """The visible text of the one element matching *selector*."""
    return normalize_space(select_one(html, selector).get_text())


def attr(html: Html, selector: str, name: str) -> str | None:
    """Attribute *name* of the one element matching *selector* (``None`` if absent).

    Multi-valued attributes such as ``class`` come back space-joined.
    """
    value = select_one(html, selector).get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value


def assert_count(html: Html, selector: str, count: int) -> None:
    """Assert that *selector* matches exactly *count* elements."""
    found = select(html, selector)
    if len(found) != count:
        raise AssertionError(
            f"expected {count} element(s) for {selector!r}, found {len(found)}" + _context(html, found)
        )


def assert_text(html: Html, selector: str, expected: str | re.Pattern[str] | Sequence[str]) -> None:
    """Assert the text of what *selector* matches.

    Args:
        html: the page.
        selector: a CSS selector.
        expected: a string (exactly one element, with that text), a compiled
            pattern (one element, whose text it searches), or a list of
            strings (the texts of all matches, in order).
    """
    if isinstance(expected, str):
        got = text(html, selector)
        if got != normalize_space(expected):
            raise AssertionError(f"text of {selector!r} is {got!r}, expected {expected!r}")
    elif isinstance(expected, re.Pattern):
        got = text(html, selector)
        if not expected.search(got):
            raise AssertionError(f"text of {selector!r} is {got!r}, which does not match {expected.pattern!r}")
    else:
        got_all = texts(html, selector)
        wanted = [normalize_space(e) for e in expected]
        if got_all != wanted:
            missing = [w for w in wanted if w not in got_all]
            extra = [g for g in got_all if g not in wanted]
            raise AssertionError(
                f"texts of {selector!r} differ:\n  got      {got_all!r}\n  expected {wanted!r}"
                + (f"\n  missing  {missing!r}" if missing else "")
                + (f"\n  extra    {extra!r}" if extra else "")
            )


def assert_attr(html: Html, selector: str, name: str, expected: str | None) -> None:
    """Assert attribute *name* of the one element matching *selector* (``None``: absent)."""
    got = attr(html, selector, name)
    if got != expected:
        raise AssertionError(f"{name}= of {selector!r} is {got!r}, expected {expected!r}")


def _context(html: Html, found: list[Tag]) -> str:
    if found:
        shown = "\n".join(f"  {str(tag)[:200]}" for tag in found[:5])
        return f":\n{shown}"
    page = str(parse_html(html))
    return f" in:\n  {page[:300]}{'...' if len(page) > 300 else ''}"


__all__ = [
    "parse_html", "normalize_space", "select", "select_one", "texts", "text", "attr",
    "assert_count", "assert_text", "assert_attr",
]

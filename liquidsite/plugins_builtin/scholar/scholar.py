"""What every jekyll-scholar tag does when it renders (utilities.rb).

A :class:`Scholar` is made for one tag rendering: it merges the
configuration (defaults, ``_config.yml``'s ``scholar:``, the page's
``scholar:``), reads the bibliography files, selects, sorts and groups
entries, and writes the HTML jekyll-scholar writes.  Parsed
bibliographies, loaded CSL styles and parsed templates are kept for the
whole build in a :class:`ScholarCache` held by the site's environment.
"""

from __future__ import annotations

import functools
import glob
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, cast

from liquid.undefined import Undefined
from liquid.exceptions import LiquidError

from ...tags.include import lookup as _lookup
from ...values import to_s
from . import bibtex, query
from .bibtex import Bibliography, Entry, Names, Value
from .csl import CslError, CslRenderer, to_citeproc
from .defaults import DEFAULTS, scholar_config
from .latex import resolve_filters
from .options import Options



def lookup(context: "RenderContext", name: str) -> object:
    """``context[name]``: ``None`` for undefined names."""
    value = _lookup(context, name)
    return None if isinstance(value, Undefined) else value


if TYPE_CHECKING:
    from liquid.context import RenderContext

MONTH_NAMES = [None, "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]
_INTERPOLATION = re.compile(r"{{\s*([\w.]+)\s*}}")


class ScholarError(LiquidError):
    """A bibliography file, style or option jekyll-scholar could not use."""

    def __init__(self, *args: object, token: Any = None) -> None:
        super().__init__(*args, token=token)


@dataclass
class ScholarCache:
    """Per-build memory: parsed files, styles, templates, repositories."""

    bibliographies: dict[tuple[Any, ...], Bibliography] = field(default_factory=dict)
    renderers: dict[tuple[str, str, str], CslRenderer] = field(default_factory=dict)
    templates: dict[str, Any] = field(default_factory=dict)
    repositories: dict[tuple[str, str], dict[str, dict[str, str]]] = field(default_factory=dict)


def cache_for(env: Any) -> ScholarCache:
    cache = getattr(env, "_scholar_cache", None)
    if cache is None:
        cache = ScholarCache()
        env._scholar_cache = cache
    return cache


def content_tag(name: str, content: str | None, attributes: dict[str, Any] | None = None) -> str:
    """``content_tag``: attributes in order, values unescaped, as the plugin writes them."""
    attrs = "".join(f' {k}="{to_s(v)}"' for k, v in (attributes or {}).items())
    if content is None:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{content}</{name}>"


def file_join(*parts: str) -> str:
    """Ruby ``File.join``: one separator between parts."""
    result = ""
    for i, part in enumerate(parts):
        if i == 0:
            result = part
            continue
        if result.endswith("/") and part.startswith("/"):
            result += part.lstrip("/")
        elif result.endswith("/") or part.startswith("/"):
            result += part
        else:
            result += "/" + part
    return result


def expand_braces(pattern: str) -> list[str]:
    """Ruby ``Dir.glob`` brace alternatives: ``*.bib{,tex}`` -> ``*.bib``, ``*.bibtex``."""
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    out = []
    for alt in m.group(1).split(","):
        out.extend(expand_braces(pattern[: m.start()] + alt + pattern[m.end() :]))
    return out


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        out.extend(p for p in re.split(r"\s*,\s*", str(item)) if p != "")
    return out


class Scholar:
    """One tag rendering's view of the bibliography (the Utilities mixin)."""

    def __init__(self, context: RenderContext, options: Options) -> None:
        self.context = context
        self.options = options
        # Any: a JekyllEnvironment, whose config python-liquid's type lacks.
        self.env: Any = cast(Any, context.env)
        self.site: Any = getattr(self.env, "site", None)
        page = context.resolve("page", default=None)
        self.page: Any = page if isinstance(page, dict) else None
        site_config = self.site.config if self.site is not None else self.env.config
        self.config = scholar_config(site_config, self.page)
        self.site_config = site_config
        self.source = Path(str(site_config.get("source", "."))).resolve()
        self.cache = cache_for(self.env)

    # -- arguments ------------------------------------------------------------
    def interpolate(self, text: str | None) -> str | None:
        """``{{ var }}`` in an argument, looked up in the page's context."""
        if text is None:
            return None

        def fill(m: re.Match[str]) -> str:
            value = lookup(self.context, m.group(1))
            if value is None or value is False:
                return m.group(0)
            return to_s(value)

        return _INTERPOLATION.sub(fill, text)

    # -- files ----------------------------------------------------------------
    def scholar_source(self) -> Path:
        source = str(self.config.get("source") or DEFAULTS["source"])
        if source.startswith("/") and os.path.exists(source):
            return Path(source)
        return self.source / source

    def bibtex_files(self) -> list[str]:
        if self.options.files is not None:
            return list(self.options.files)
        name = str(self.config.get("bibliography") or DEFAULTS["bibliography"])
        if "*" in name:
            base = self.scholar_source()
            found: set[str] = set()
            for pattern in expand_braces(name):
                for path in glob.glob(str(base / pattern), recursive=True):
                    if os.path.isfile(path):
                        found.add(Path(path).relative_to(base).as_posix())
            return sorted(found)
        return [name]

    def extend_path(self, name: str | None) -> Path:
        if not name:
            name = str(self.config.get("bibliography") or DEFAULTS["bibliography"])
        if name.startswith("/") and os.path.exists(name):
            return Path(name)
        path = str(self.scholar_source()) + "/" + name
        if not posixpath.splitext(path)[1] and not os.path.exists(path):
            path += ".bib"
        return Path(path)

    def bibtex_paths(self) -> list[Path]:
        return [self.extend_path(self.interpolate(f)) for f in self.bibtex_files()]

    # -- the bibliography ---------------------------------------------------------
    def bibliography(self) -> Bibliography:
        paths = self.bibtex_paths()
        record = getattr(self.site, "record_dependency", None)
        stamps = []
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                raise ScholarError(
                    f"jekyll-scholar: bibliography file not found: {path}"
                ) from None
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
            if record is not None:
                record(path)
        bibtex_options = self.config.get("bibtex_options") or {}
        parse_names = bool(bibtex_options.get("parse_names", True))
        parse_months = bool(bibtex_options.get("parse_months", True))
        replace = bool(self.config.get("replace_strings", True))
        join = bool(self.config.get("join_strings", True)) and replace
        key = (tuple(stamps), parse_names, parse_months, replace, join)
        bib = self.cache.bibliographies.get(key)
        if bib is None:
            text = "".join(p.read_text(encoding="utf-8-sig") for p in paths)
            bib = bibtex.parse(text, parse_name_fields=parse_names, parse_months=parse_months,
                               replace_strings=replace, join_strings=join)
            self.cache.bibliographies[key] = bib
        if self.remove_duplicates():
            bib = Bibliography(list(bib.entries), dict(bib.strings))
            bib.uniq(self.options.match_fields)
        return bib

    def remove_duplicates(self) -> bool:
        return bool(self.options.remove_duplicates or self.config.get("remove_duplicates"))

    def query(self) -> str:
        q = self.interpolate(self.options.query)
        return q if q is not None else str(self.config.get("query") or "@*")

    def entries(self) -> list[Entry]:
        return self.sort(query.select(self.bibliography().entries, self.query()))

    # -- sorting ------------------------------------------------------------------
    def skip_sort(self) -> bool:
        return self.options.skip_sort or self.config.get("sort_by") == "none"

    def sort(self, entries: list[Entry]) -> list[Entry]:
        if self.skip_sort():
            return entries
        keys = ["month_numeric" if k == "month" else k for k in _as_list(self.config.get("sort_by"))]
        orders = _as_list(self.config.get("order")) or ["ascending"]

        def compare(a: Entry, b: Entry) -> int:
            for i, key in enumerate(keys):
                order = orders[i] if i < len(orders) else orders[-1]
                result = _compare_values(a.get(key), b.get(key))
                if re.match(r"^(desc|reverse)", order, re.I):
                    result = -result
                if result != 0:
                    return result
            return 0

        # Ruby's Array#sort on glibc is a merge sort: ties keep file order.
        return sorted(entries, key=functools.cmp_to_key(compare))

    # -- cited keys ---------------------------------------------------------------
    def cited_keys(self) -> list[str]:
        holder = self.page if self.page is not None else self.context.locals
        cited = holder.get("cited") if hasattr(holder, "get") else None
        if not isinstance(cited, list):
            cited = []
            try:
                holder["cited"] = cited
            except TypeError:
                pass
        return cited

    def citation_number(self, key: str) -> int:
        # Ruby assigns context['citation_numbers'], a variable of the page's scope.
        numbers = self.context.locals.get("citation_numbers")
        if not isinstance(numbers, dict):
            numbers = {}
            self.context.locals["citation_numbers"] = numbers
        if key not in numbers:
            numbers[key] = len(self.cited_keys())
        return int(numbers[key])

    def cited_entries(self) -> list[Entry | None]:
        items: list[Entry | None] = list(self.entries())
        if self.options.cited:
            cited = self.cited_keys()
            if self.skip_sort():
                unique = list(dict.fromkeys(cited))
                by_key = {e.key: e for e in items if e is not None}
                items = [by_key.get(k) for k in unique]
            else:
                items = [e for e in items if e is not None and e.key in cited]
            if self.options.clear:
                cited.clear()
        return items

    # -- rendering ----------------------------------------------------------------
    def filters(self) -> list[Callable[[str], str]]:
        return resolve_filters(self.config.get("bibtex_filters"))

    def style(self) -> str:
        return str(self.interpolate(self.options.style) or self.config.get("style") or "apa")

    def csl(self) -> CslRenderer:
        style, locale = self.style(), str(self.config.get("locale") or "en")
        key = (style, locale, str(self.source))
        renderer = self.cache.renderers.get(key)
        if renderer is None:
            try:
                renderer = CslRenderer(style, locale, self.source)
            except CslError as err:
                raise ScholarError(f"jekyll-scholar: {err}") from None
            self.cache.renderers[key] = renderer
        return renderer

    def reference_id(self, entry: Entry) -> str:
        return "-".join(p for p in (self.options.prefix, entry.key) if p is not None)

    def reference_tag(self, entry: Entry | None, index: int | None = None) -> str:
        if entry is None:
            return str(self.config.get("missing_reference"))
        converted = entry.convert(self.filters())
        data = to_citeproc(converted)
        if self.options.suppress_author:
            data.pop("author", None)
        text = self.csl().bibliography_entry(data, index)
        return content_tag(str(self.config.get("reference_tagname") or "span"), text,
                           {"id": self.reference_id(entry)})

    def liquidify(self, entry: Entry) -> dict[str, Any]:
        """The ``entry`` variable of the bibliography template."""
        quotes = self.config.get("bibtex_quotes") or ["{", "}"]
        skip = [str(s).lstrip(":") for s in self.config.get("bibtex_skip_fields") or []]
        raw_filters = resolve_filters(self.config.get("raw_bibtex_filters"))
        raw = entry.convert(raw_filters) if raw_filters else entry
        data: dict[str, Any] = {
            "key": entry.key,
            "type": entry.type,
            "bibtex": raw.to_bibtex([str(q) for q in quotes], skip),
        }
        filters = self.filters()
        for name, value in entry.fields.items():
            converted = value.convert(filters) if filters else value
            data[name] = str(converted)
            if isinstance(converted, Names):
                parts = [n.parts() for n in converted.names]
                data[f"{name}_array"] = parts
                for i, person in enumerate(parts):
                    for part, text in person.items():
                        data[f"{name}_{i}_{part}"] = text
        return data

    # -- repository (links to key.pdf and friends) ---------------------------------
    def repository(self) -> dict[str, dict[str, str]]:
        folder = self.config.get("repository")
        if not folder:
            return {}
        delimiter = str(self.config.get("repository_file_delimiter") or ".")
        key = (str(folder), delimiter)
        repo = self.cache.repositories.get(key)
        if repo is None:
            repo = {}
            base = self.source / str(folder)
            for path in sorted(glob.glob(str(base / "**" / "*"), recursive=True)):
                if not os.path.isfile(path):
                    continue
                rel = Path(path).relative_to(base).as_posix()
                name, _, rest = rel.partition(delimiter)
                if not _:
                    continue
                repo.setdefault(name, {})[rest] = Path(path).relative_to(self.source).as_posix()
            self.cache.repositories[key] = repo
        return repo

    def base_url(self) -> str:
        return to_s(self.site_config.get("baseurl") or self.site_config.get("base_url") or "")

    def repository_links(self, entry: Entry) -> dict[str, str]:
        name = re.sub(r"[:\s]+", "_", entry.key)
        files = self.repository().get(name, {})
        return {ext: file_join(self.base_url(), url) for ext, url in files.items()}

    def repository_link(self, entry: Entry) -> str | None:
        links = self.repository_links(entry)
        return links.get("pdf") or links.get("ps")

    # -- details pages -------------------------------------------------------------
    def generate_details(self) -> bool:
        layouts = getattr(getattr(self.site, "content", None), "layouts", {}) or {}
        name = str(self.config.get("details_layout") or "")
        return name.removesuffix(".html") in layouts

    def details_link(self, entry: Entry) -> str:
        return file_join(self.base_url(), details_path(entry, self.config, self.site_config))

    # -- the bibliography template ----------------------------------------------
    def template_source(self) -> str:
        tmp = self.options.template or self.config.get("bibliography_template")
        if tmp is None or tmp == "":
            return "{{reference}}"
        layouts = getattr(getattr(self.site, "content", None), "layouts", {}) or {}
        layout = layouts.get(str(tmp))
        if layout is not None:
            return str(layout.content)
        return str(tmp)

    def bibliography_tag(self, entry: Entry | None, index: int) -> str:
        if entry is None:
            return str(self.config.get("missing_reference"))
        source = self.template_source()
        template = self.cache.templates.get(source)
        if template is None:
            template = self.env.from_string(source)
            self.cache.templates[source] = template
        variables: dict[str, Any] = {}
        if self.site is not None:
            variables.update(self.site.payload())
        variables.update({
            "entry": self.liquidify(entry),
            "reference": self.reference_tag(entry, index),
            "key": entry.key,
            "type": entry.type,
            "link": self.repository_link(entry),
            "links": self.repository_links(entry),
            "index": index,
            "page": self.page,
            "details": self.details_link(entry),
        })
        return str(template.render(**variables))

    def render_items(self, items: list[Entry | None]) -> str:
        present = [e for e in items if e is not None]
        rendered = []
        details = self.generate_details()
        for index, entry in enumerate(present, start=1):
            reference = self.bibliography_tag(entry, index)
            if details:
                reference += content_tag(
                    "a", str(self.config.get("details_link")),
                    {"class": self.config.get("details_link_class"), "href": self.details_link(entry)},
                )
            rendered.append(content_tag(str(self.config.get("bibliography_item_tag")), reference,
                                        _attributes(self.config.get("bibliography_item_attributes"))))
        list_tag = self.options.bibliography_list_tag or str(self.config.get("bibliography_list_tag"))
        attributes = {"class": self.config.get("bibliography_class")}
        attributes.update(_attributes(self.config.get("bibliography_list_attributes")))
        return content_tag(list_tag, "\n".join(rendered), attributes)

    # -- grouping -------------------------------------------------------------------
    def group_by(self) -> str:
        value = self.interpolate(self.options.group_by)
        return value if value is not None else str(self.config.get("group_by"))

    def grouped(self) -> bool:
        return self.group_by() != "none"

    def group_keys(self) -> list[str]:
        return ["month_numeric" if k == "month" else k for k in _as_list(self.group_by())]

    def group_order(self) -> list[str]:
        return _as_list(self.options.group_order if self.options.group_order is not None
                        else self.config.get("group_order"))

    def group_value(self, key: str, entry: Entry) -> Any:
        if key == "type":
            aliases = {**DEFAULTS["type_aliases"], **(self.config.get("type_aliases") or {})}
            return str(aliases.get(entry.type, entry.type))
        value = entry.get(key)
        if value is None:
            return ""
        if value.numeric():
            return value.to_i()
        return str(value)

    def group_name(self, key: str, value: Any) -> str:
        if key == "type":
            names = {**DEFAULTS["type_names"], **(self.config.get("type_names") or {})}
            return to_s(names.get(value, value))
        if key == "month_numeric":
            custom = self.config.get("month_names")
            months = MONTH_NAMES if custom is None else [None, *custom]
            if isinstance(value, int) and 0 <= value < len(months) and months[value] is not None:
                return to_s(months[value])
            return "(unknown)"
        return to_s(value)

    def group_compare(self, key: str, a: Any, b: Any) -> int:
        if key == "type":
            order = [str(t) for t in self.config.get("type_order") or []]
            ia = order.index(a) if a in order else None
            ib = order.index(b) if b in order else None
            if ia is None and ib is None:
                return 0
            if ia is None:
                return 1
            if ib is None:
                return -1
            return (ia > ib) - (ia < ib)
        return _compare_plain(a, b)

    def render_groups(self, items: list[Entry | None]) -> str:
        tags = _as_list(self.config.get("bibliography_group_tag")) or ["h2"]
        orders = self.group_order() or ["ascending"]

        def render(entries: list[Entry], keys: list[str], level: int) -> str:
            if not keys:
                return self.render_items(list(entries))
            key = keys[0]
            groups: dict[Any, list[Entry]] = {}
            for entry in entries:
                groups.setdefault(self.group_value(key, entry), []).append(entry)
            order = orders[level] if level < len(orders) else orders[-1]
            descending = re.match(r"^(desc|reverse)", order, re.I) is not None

            def compare(a: Any, b: Any) -> int:
                return self.group_compare(key, b, a) if descending else self.group_compare(key, a, b)

            tag = tags[level] if level < len(tags) else tags[-1]
            parts = []
            for value in sorted(groups, key=functools.cmp_to_key(compare)):
                head = content_tag(tag, self.group_name(key, value),
                                   {"class": self.config.get("bibliography_class")})
                parts.append(head + "\n" + render(groups[value], keys[1:], level + 1))
            return "\n".join(parts)

        return render([e for e in items if e is not None], self.group_keys(), 0)

    def render_bibliography(self) -> str:
        items = self.cited_entries()
        if self.grouped():
            return self.render_groups(items)
        return self.render_items(ruby_slice(items, self.options.offset or 0, self.options.max))

    # -- citations ----------------------------------------------------------------
    def cite(self, keys: list[str]) -> str:
        bib = self.bibliography().by_key()
        if not keys:
            return str(self.config.get("missing_reference"))
        entries = []
        for key in keys:
            if key not in bib:
                return str(self.config.get("missing_reference"))
            entries.append(bib[key])
        items = []
        for i, entry in enumerate(entries):
            cited = self.cited_keys()
            if entry.key not in cited:
                cited.append(entry.key)
            data = to_citeproc(entry.convert(self.filters()))
            if self.options.suppress_author:
                data.pop("author", None)
            locator = self.options.locators[i] if i < len(self.options.locators) else None
            label = self.options.labels[i] if i < len(self.options.labels) else None
            items.append((data, self.citation_number(entry.key), locator, label))
        text = self.csl().citation(items)
        target = f"{self.config.get('relative') or ''}#{self.reference_id(entries[0])}"
        return content_tag("a", text, {"class": self.config.get("cite_class"), "href": target})

    def nocite(self, keys: list[str]) -> None:
        bib = self.bibliography().by_key()
        cited = self.cited_keys()
        for key in keys:
            if key in bib and key not in cited:
                cited.append(key)


def _attributes(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _compare_plain(a: Any, b: Any) -> int:
    if isinstance(a, int) and isinstance(b, int):
        return (a > b) - (a < b)
    sa, sb = ("" if a is None else str(a)), ("" if b is None else str(b))
    if sa == "" or sb == "":
        return (sa > sb) - (sa < sb)
    if isinstance(a, int) != isinstance(b, int):
        return -1 if isinstance(a, int) else 1
    return (sa > sb) - (sa < sb)


def _compare_values(a: Value | Names | None, b: Value | Names | None) -> int:
    """``Value#<=>``: as integers when both are numeric, else as strings."""
    a = a if a is not None else Value()
    b = b if b is not None else Value()
    if a.numeric() and b.numeric():
        x, y = a.to_i(), b.to_i()
        return (x > y) - (x < y)
    sa, sb = str(a), str(b)
    return (sa > sb) - (sa < sb)


def ruby_slice(items: list[Any], start: int, maximum: int | None) -> list[Any]:
    """``items[offset..max]`` with the plugin's ``max = @max + offset - 1`` (``-1``: to the end)."""
    stop = -1 if maximum is None else maximum + start - 1
    n = len(items)
    if start < 0:
        start += n
    if start < 0 or start > n:
        return []
    if stop < 0:
        stop += n
    return items[start : stop + 1] if stop >= start else []


def details_path(entry: Entry, config: dict[str, Any], site_config: Any) -> str:
    """``details_path_for``: the ``details_permalink`` filled in for *entry*."""
    from ...filters.strings import slugify_text

    placeholders: dict[str, str] = {}
    for name, value in entry.fields.items():
        text = str(value)
        placeholders[name] = text if name == "doi" else (slugify_text(text, "pretty") or "")
    placeholders["key"] = re.sub(r"[:\s]+", "_", entry.key)
    placeholders["details_dir"] = str(config.get("details_dir"))
    permalink = str(site_config.get("permalink") or "date")
    placeholders["extension"] = "/" if permalink == "pretty" or permalink.endswith("/") else ".html"
    if not str(entry.fields.get("doi", "")):
        placeholders["doi"] = placeholders["key"]
    url = str(config.get("details_permalink") or "")
    for name, filled in placeholders.items():
        if ":" not in url:
            break
        url = url.replace(f":{name}", filled)
    url = re.sub(r"//+", "/", url)
    return url if url.startswith("/") else "/" + url

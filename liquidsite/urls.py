"""The one place for URL and output-path logic.

Everything here is pure and mirrors a named piece of Jekyll's Ruby source:
``Jekyll::URL`` (url.rb), ``Jekyll::Page#template`` / ``#destination``
(page.rb), ``Utils.add_permalink_suffix`` (utils.rb), ``URLFilters``
(filters/url_filters.rb) and the parts of ``Addressable::URI#normalize``
those filters rely on.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
import datetime as _dt
from typing import Callable, Iterator, Mapping
from urllib.parse import quote, unquote

PERMALINK_STYLES: dict[str, str] = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

HTML_EXTENSIONS = (".html", ".xhtml", ".htm")

_SAFE_PATH_RE = re.compile(r"^[a-zA-Z0-9./-]+$")
_PLACEHOLDER_RE = re.compile(r":([a-z_]+)")
_SLASHES_RE = re.compile("/+")


def permalink_template(style: object) -> str:
    """Expand a ``permalink:`` style name to its pattern (``date`` and friends)."""
    text = "" if style is None else str(style)
    return PERMALINK_STYLES.get(text, text)


def add_permalink_suffix(template: str, style: object) -> str:
    """Give *template* the same ending as the site's permalink style.

    Mirrors ``Utils.add_permalink_suffix``: ``pretty`` adds ``/``; ``date``,
    ``ordinal`` and ``none`` add ``:output_ext``; a custom pattern lends its
    own trailing ``/`` or ``:output_ext``.  (``weekdate`` adds nothing, as in
    Jekyll, because it is not in that method's list.)
    """
    name = str(style)
    # site.rb compares config["permalink"].to_sym with :pretty, so ":pretty"
    # (the symbol :":pretty") is a custom pattern, not the style.
    if name == "pretty":
        return template + "/"
    if name in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if name.endswith("/"):
        template += "/"
    if name.endswith(":output_ext"):
        template += ":output_ext"
    return template


def escape_path(path: str) -> str:
    """Percent-encode a URL path piece as ``Jekyll::URL.escape_path`` does."""
    if not path or _SAFE_PATH_RE.match(path):
        return path
    # Addressable::URI.encode keeps reserved and unreserved characters and
    # encodes everything else as UTF-8 percent escapes; Jekyll then escapes '#'.
    encoded = quote(path, safe="!$&'()*+,;=:@/?#[]-._~")
    return encoded.replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    """Undo :func:`escape_path` (``Jekyll::URL.unescape_path``)."""
    return unquote(path) if "%" in path else path


def sanitize_url(url: str) -> str:
    """Mirror ``Jekyll::URL#sanitize_url``: no ``..``, no ``./``, no ``//``."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    if "//" not in result:
        return result
    # The slash put in front doubles the URL's own (the usual case): runs
    # after the first character need the substitution only if there are any.
    rest = result.lstrip("/")
    return "/" + (_SLASHES_RE.sub("/", rest) if "//" in rest else rest)


def expand_template(template: str, placeholders: Mapping[str, object]) -> str:
    """Fill ``:name`` placeholders in a URL template, escaping each value.

    A placeholder whose value is ``None`` removes itself and the slash before
    it, as ``generate_url_from_hash`` does for hash placeholders.  Keys are
    replaced in the mapping's order, as Ruby walks the hash.
    """
    result = template
    # url.rb walks the hash in its own order (path, basename, output_ext for
    # a page), so a value holding ":name" can be expanded by a later key.
    for key in placeholders:
        if ":" not in result:
            break
        value = placeholders[key]
        if value is None:
            result = result.replace(f"/:{key}", "")
        else:
            result = result.replace(f":{key}", escape_path(str(value)))
    return result


@functools.lru_cache(maxsize=256)
def _template_parts(template: str) -> tuple[str, ...]:
    """*template* split at its placeholders: literal text at even places,
    names at odd (a site has a few templates and many documents)."""
    return tuple(_PLACEHOLDER_RE.split(template))


def expand_template_strict(template: str, placeholders: Mapping[str, object]) -> str:
    """Fill placeholders the way ``generate_url_from_drop`` does for documents.

    Every ``:name`` must be known (``name_`` may fall back to ``name``);
    ``None`` becomes an empty string.

    Raises:
        KeyError: an unknown placeholder, with Jekyll's wording.
    """
    parts = list(_template_parts(template))
    for i in range(1, len(parts), 2):
        name = parts[i]
        if name in placeholders:
            value = placeholders[name]
            parts[i] = escape_path("" if value is None else str(value))
            continue
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        for key in pool:
            if key in placeholders:
                value = placeholders[key]
                text = escape_path("" if value is None else str(value))
                parts[i] = f":{name}".replace(f":{key}", text, 1)
                break
        else:
            raise KeyError(
                f"The URL template doesn't have {' or '.join(pool)} keys. "
                "Check your permalink template!"
            )
    return "".join(parts)


def generate_url(
    template: str,
    placeholders: Mapping[str, object],
    permalink: str | None = None,
) -> str:
    """Return the URL of a page: its ``permalink`` if set, else the template."""
    source = permalink if permalink is not None else template
    return sanitize_url(expand_template(source, placeholders))


def page_template(output_ext: str, basename: str, permalink_style: object) -> str:
    """Mirror ``Jekyll::Page#template``."""
    if output_ext not in HTML_EXTENSIONS:
        return "/:path/:basename:output_ext"
    if basename == "index":
        return "/:path/"
    return add_permalink_suffix("/:path/:basename", permalink_style)


def page_url(
    dir_: str,
    basename: str,
    output_ext: str,
    permalink_style: object,
    permalink: str | None = None,
) -> str:
    """Return the URL of a plain page (``Jekyll::Page#url``)."""
    template = page_template(output_ext, basename, permalink_style)
    return generate_url(
        template,
        {"path": dir_, "basename": basename, "output_ext": output_ext},
        permalink,
    )


def output_path(url: str, output_ext: str | None) -> str:
    """Return the destination-relative file path for *url*.

    Mirrors ``Page#destination``: unescape, add ``index`` to a folder URL and
    the output extension when the path does not already end with it.  The
    result never starts with ``/`` and never climbs out with ``..``.
    """
    path = unescape_path(url)
    if path.endswith("/"):
        path += "index"
    if output_ext and not path.endswith(output_ext):
        path += output_ext
    return safe_relpath(path)


def safe_relpath(path: str) -> str:
    """Resolve *path* as Jekyll's ``sanitized_path`` does, relative to a root.

    ``..`` cannot climb above the root: ``/../../etc/x`` becomes ``etc/x``.
    """
    if path.startswith("~"):
        path = "/" + path
    # Leading slashes dropped first: normpath keeps a leading "//", which
    # the substitution below would then have to take out again.
    norm = posixpath.normpath("/" + path.lstrip("/"))
    if "//" in norm:  # normpath keeps a leading "//"
        norm = _SLASHES_RE.sub("/", norm)
    return norm.lstrip("/")


def url_dir(url: str) -> str:
    """Return ``page.dir`` for a URL: the URL itself if it is a folder."""
    if url.endswith("/"):
        return url
    value = posixpath.dirname(url)
    return value if value.endswith("/") else value + "/"


# --- relative_url / absolute_url -------------------------------------------

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Characters Addressable leaves unescaped in each component when normalizing.
_UNRESERVED = "A-Za-z0-9\\-._~"
_PATH_SAFE = "!$&'()*+,;=:@/"
_QUERY_SAFE = "!$&'()*+,;=:@/?"
_FRAGMENT_SAFE = "!$&'()*+,;=:@/?"


def is_absolute_url(url: str) -> bool:
    """Whether Addressable would call *url* absolute (it has a scheme)."""
    return _SCHEME_RE.match(url) is not None


# Text made only of these characters (no "%") normalizes to itself: the
# common case, checked with one regex instead of a quote() per character.
_UNCHANGED = {
    safe: re.compile("[" + _UNRESERVED + re.escape(safe) + "]*")
    for safe in (_PATH_SAFE, _QUERY_SAFE, _FRAGMENT_SAFE)
}


def _normalize_component(text: str, safe: str) -> str:
    # Decode escapes of unreserved characters, upper-case the rest, and escape
    # what is not allowed; the UTF-8 text is NFKC-normalized first as
    # Addressable::URI.normalize_component does.
    unchanged = _UNCHANGED.get(safe)
    if unchanged is not None and unchanged.fullmatch(text):
        return text
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and re.match(r"[0-9A-Fa-f]{2}", text[i + 1 : i + 3]):
            code = int(text[i + 1 : i + 3], 16)
            decoded = chr(code)
            if code < 128 and re.match(f"[{_UNRESERVED}]", decoded):
                out.append(decoded)
            else:
                out.append("%" + text[i + 1 : i + 3].upper())
            i += 3
            continue
        out.append(quote(ch, safe=safe + "-._~"))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
            continue
        if seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(seg)
    return "/".join(out)


def normalize_url(url: str) -> str:
    """A subset of ``Addressable::URI.parse(url).normalize.to_s``.

    Covers what Jekyll's URL filters meet: scheme and host in lower case,
    default ports dropped, dot segments removed, percent-escapes normalized
    per component, an empty path after an authority turned into ``/``.
    """
    fragment = None
    if "#" in url:
        url, fragment = url.split("#", 1)
    query = None
    if "?" in url:
        url, query = url.split("?", 1)
    scheme = authority = None
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", url, re.DOTALL)
    if m:
        scheme, url = m.group(1).lower(), m.group(2)
    if url.startswith("//"):
        rest = url[2:]
        slash = rest.find("/")
        authority, url = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
        authority = authority.lower()
        for default in (("http", ":80"), ("https", ":443")):
            if scheme == default[0] and authority.endswith(default[1]):
                authority = authority[: -len(default[1])]
        if url == "":
            url = "/"
    path = _normalize_component(_remove_dot_segments(url), _PATH_SAFE)
    result = ""
    if scheme is not None:
        result += scheme + ":"
    if authority is not None:
        result += "//" + authority
    result += path
    if query is not None:
        result += "?" + _normalize_component(query, _QUERY_SAFE)
    if fragment is not None:
        result += "#" + _normalize_component(fragment, _FRAGMENT_SAFE)
    return result


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def relative_url(value: str, baseurl: object) -> str:
    """Prefix *value* with the site's ``baseurl`` (``relative_url`` filter)."""
    if is_absolute_url(value):
        return value
    base = "" if baseurl is None else str(baseurl)
    if base.endswith("/"):
        base = base[:-1]
    joined = _ensure_leading_slash(base) + _ensure_leading_slash(value)
    return normalize_url(joined)


def absolute_url(value: str, site_url: object, baseurl: object) -> str:
    """Prefix *value* with ``url`` and ``baseurl`` (``absolute_url`` filter)."""
    if is_absolute_url(value):
        return value
    rel = relative_url(value, baseurl)
    if site_url is None or site_url == "":
        return rel
    return normalize_url(str(site_url) + rel)


# --- documents (url.rb generate_url_from_drop, drops/url_drop.rb) -----------


def ruby_dirname(path: str) -> str:
    """Ruby's ``File.dirname``: trailing slashes do not make a folder."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path.startswith("/") else "."
    head = stripped.rpartition("/")[0].rstrip("/")
    if head:
        return head
    return "/" if stripped.startswith("/") else "."


class DocumentPlaceholders(Mapping[str, str]):
    """The ``:name`` values of a document's permalink (``Drops::UrlDrop``).

    Values are computed on demand, as the drop's methods are, so a template
    without date placeholders never asks for the document's date.

    Args:
        collection: the collection's label.
        path: ``cleaned_relative_path`` (the relative path without the
            extension and the collection folder).
        basename: the file name without its last extension.
        slug: the ``slug`` front matter value (set from the file name).
        categories: the document's categories.
        output_ext: the output extension, with its dot.
        date: returns the document's date (a zone-aware datetime).
    """

    KEYS = (
        "minute", "slug", "slugified_categories", "i_day", "path", "i_month",
        "short_month", "short_year", "w_year", "week", "w_day", "output_ext",
        "name", "long_day", "short_day", "title", "categories", "y_day", "year",
        "hour", "second", "long_month", "day", "month", "collection",
    )  # fmt: skip
    _KEY_SET = frozenset(KEYS)
    _STRFTIME = {
        "year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M",
        "second": "%S", "short_month": "%b", "long_month": "%B", "short_year": "%y",
        "w_year": "%G", "week": "%V", "w_day": "%u", "short_day": "%a",
        "long_day": "%A", "y_day": "%j",
    }  # fmt: skip

    def __init__(
        self,
        *,
        collection: str,
        path: str,
        basename: str,
        slug: object,
        categories: list[object],
        output_ext: str,
        date: Callable[[], _dt.datetime],
    ) -> None:
        self._collection = collection
        self._path = path
        self._basename = basename
        self._slug = slug
        self._categories = categories
        self._output_ext = output_ext
        self._date_of = date
        self._date_value: _dt.datetime | None = None

    def _date(self) -> _dt.datetime:
        # Asked once: a template names several date parts.
        if self._date_value is None:
            self._date_value = self._date_of()
        return self._date_value

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)

    def __contains__(self, key: object) -> bool:
        return key in self._KEY_SET

    def _slugify(self, text: object, mode: str | None = None, cased: bool = False) -> str | None:
        return None if text is None else _slugify_text()(str(text), mode, cased)

    # Parts strftime would write as zero-padded numbers (glibc's "%Y" pads
    # nothing, so only four-digit years are written directly).
    _PADDED = {"month": "month", "day": "day", "hour": "hour", "minute": "minute", "second": "second"}

    def __getitem__(self, key: str) -> str:
        if key in self._STRFTIME:
            date = self._date()
            if type(date) is _dt.datetime:
                if key == "year" and date.year >= 1000:
                    return str(date.year)
                part = self._PADDED.get(key)
                if part is not None:
                    return "%02d" % getattr(date, part)
            return date.strftime(self._STRFTIME[key])
        if key == "i_day":
            return str(self._date().day)
        if key == "i_month":
            return str(self._date().month)
        if key == "collection":
            return self._collection
        if key == "path":
            return self._path
        if key == "output_ext":
            return self._output_ext
        if key == "name":
            return self._slugify(self._basename) or ""
        if key == "title":
            return (
                self._slugify(self._slug, "pretty", True)
                or self._slugify(self._basename, "pretty", True)
                or ""
            )
        if key == "slug":
            return self._slugify(self._slug) or self._slugify(self._basename) or ""
        if key == "categories":
            seen: dict[str, None] = {}
            for category in self._categories:
                seen[(category if type(category) is str else _ruby_str(category)).lower()] = None
            return "/".join(seen)
        if key == "slugified_categories":
            seen = {}
            for category in self._categories:
                seen[self._slugify(_ruby_str(category)) or ""] = None
            return "/".join(seen)
        raise KeyError(key)


@functools.cache
def _slugify_text() -> Callable[[str, str | None, bool], str | None]:
    """The slugify filter's function, imported on first use (filters import this module)."""
    from .filters.strings import slugify_text

    return slugify_text


def _ruby_str(value: object) -> str:
    from .values import to_s

    return to_s(value)


def document_url(template: str, placeholders: Mapping[str, object], permalink: str | None) -> str:
    """``Document#url``: the front matter permalink or the collection's template.

    Both are expanded strictly (``generate_url_from_drop``): an unknown
    placeholder raises :class:`KeyError` with Jekyll's message.
    """
    source = permalink if permalink is not None else template
    return sanitize_url(expand_template_strict(source, placeholders))


def document_output_path(url: str, output_ext: str) -> str:
    """``Document#destination``: a folder URL gets ``index.html`` (always .html)."""
    path = unescape_path(url)
    if url.endswith("/"):
        path += "index.html"
    elif not path.endswith(output_ext):
        path += output_ext
    return safe_relpath(path)


def collection_static_url(
    template: str, label: str, cleaned_path: str, basename: str, extname: str
) -> str:
    """``StaticFile#url`` for a file inside a collection (static_file.rb).

    The collection's template is filled from a hash, so placeholders other
    than these stay in the URL literally, as they do in Jekyll.
    """
    placeholders = {
        "collection": label,
        "path": cleaned_path,
        "output_ext": "",
        "name": basename,
        "title": "",
    }
    base = sanitize_url(expand_template(template, placeholders))
    if base.endswith("/"):
        base = base[:-1]
    return base + extname

"""Collections and their documents: posts, drafts and ``collections:``.

Mirrors ``Jekyll::Collection`` (collection.rb), ``Jekyll::Document``
(document.rb), ``Jekyll::Excerpt`` (excerpt.rb) and ``Jekyll::Publisher``
(publisher.rb).  A document's ``data`` is built as Jekyll builds it: the
categories of its folder, then the front matter defaults, then its own
front matter, then the title, slug, categories, tags and excerpt derived
from all of them.  Reading from disk is :mod:`liquidsite.collection_reader`;
URLs come from :mod:`liquidsite.urls`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, cast

from . import frontmatter, urls, values
from .config import deep_merge_into
from .dates import coerce_date
from .errors import LiquidsiteError

if TYPE_CHECKING:
    from .defaults import FrontMatterDefaults
    from .drops.document import DocumentDrop, ExcerptDrop
    from .model import StaticFile

log = logging.getLogger("liquidsite")

# document.rb: the name patterns of dated and undated documents.
DATE_FILENAME_MATCHER = re.compile(r"^(?>.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_FILENAME_MATCHER = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")
YAML_FILE_EXTS = (".yaml", ".yml")
SASS_FILE_EXTS = (".sass", ".scss")


class PermalinkError(LiquidsiteError):
    """A permalink template names a placeholder documents do not have."""


@dataclass
class DocumentContext:
    """What documents need from their site, without the whole site.

    ``render_excerpt`` is set by the site once its renderer exists; an
    excerpt is rendered the first time a template prints it.
    """

    config: Mapping[str, Any]
    zone: _dt.tzinfo
    time: _dt.datetime
    defaults: FrontMatterDefaults
    render_excerpt: Callable[[Excerpt], str] | None = None
    warn: Callable[[str], None] = field(default=log.warning)
    # Site.record_dependency: a document that reads its neighbours
    # (page.next, page.previous) depends on render order.
    record: Callable[[str], None] | None = None
    # The page or document being rendered: reading another document's
    # content or output depends on render order too.
    current: Callable[[], Any] | None = None
    # (time, its whole seconds) for build_second().
    _second: tuple[_dt.datetime, int] | None = field(default=None, init=False, repr=False,
                                                     compare=False)

    @property
    def permalink_style(self) -> str:
        return str(self.config.get("permalink", "date"))

    def is_build_second(self, moment: _dt.datetime) -> bool:
        """Whether *moment* is the build's time, to the second (a defaulted date)."""
        return int(moment.timestamp()) == self.build_second()

    def build_second(self) -> int:
        """The build's time in whole seconds since the epoch, worked out once per time."""
        known = self._second
        if known is None or known[0] is not self.time:
            known = self._second = (self.time, int(self.time.timestamp()))
        return known[1]


_LEADING_YEAR_RE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")
# A "now" for date texts that give their year, which Time.parse then ignores.
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def sanitize_label(label: str) -> str:
    """``Collection#sanitize_label``: letters, digits, ``_``, ``-`` and ``.``."""
    if label.isascii() and label.replace("_", "a").replace("-", "a").replace(".", "a").isalnum():
        return label  # nothing to take out (the usual label)
    return re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.I)


class Collection:
    """One collection: its documents, its static files and its settings."""

    def __init__(self, name: str, ctx: DocumentContext) -> None:
        self.name = name
        self.label = sanitize_label(name)
        self.ctx = ctx
        collections = ctx.config.get("collections")
        meta = collections.get(name) if isinstance(collections, Mapping) else None
        self.metadata: dict[str, Any] = dict(meta) if isinstance(meta, Mapping) else {}
        self.docs: list[Document] = []
        self.files: list[StaticFile] = []
        self._drop: Any = None

    @property
    def relative_directory(self) -> str:
        return f"_{self.label}"

    @property
    def directory(self) -> Path:
        container = str(self.ctx.config.get("collections_dir") or "")
        source = Path(str(self.ctx.config["source"]))
        return (source / container / self.relative_directory) if container else source / self.relative_directory

    @property
    def write(self) -> bool:
        """``Collection#write?``: ``output: true`` in the collection's settings."""
        return values.truthy(self.metadata.get("output", False))

    @property
    def url_template(self) -> str:
        if "permalink" in self.metadata:
            return values.to_s(self.metadata["permalink"])
        return urls.add_permalink_suffix("/:collection/:path", self.ctx.permalink_style)

    def to_liquid(self) -> Any:
        if self._drop is None:
            from .drops.document import CollectionDrop

            self._drop = CollectionDrop(self)
        return self._drop

    # -- ordering (collection.rb sort_docs!) ---------------------------------
    def sort_docs(self) -> None:
        order = self.metadata.get("order")
        sort_by = self.metadata.get("sort_by")
        if isinstance(order, list):
            self._rearrange(order)
        elif isinstance(sort_by, str):
            self._sort_by_key(sort_by)
        else:
            self.docs = sort_documents(self.docs)

    def _sort_by_key(self, key: str) -> None:
        def compare(a: Document, b: Document) -> int:
            av, bv = a.get(key), b.get(key)
            if av is None and bv is not None:
                self.ctx.warn(f"Sort warning: '{key}' not defined in {a.relative_path}")
                order: int | None = 1
            elif av is not None and bv is None:
                self.ctx.warn(f"Sort warning: '{key}' not defined in {b.relative_path}")
                order = -1
            else:
                order = ruby_compare(av, bv)
            if not order:
                return document_compare(a, b) or 0
            return order

        self.docs = sorted(self.docs, key=functools.cmp_to_key(compare))

    def _rearrange(self, order: list[Any]) -> None:
        table = {doc.relative_path: doc for doc in sort_documents(self.docs)}
        custom: dict[str, Document | None] = {
            posixpath.join(self.relative_directory, values.to_s(entry)): None for entry in order
        }
        for path, doc in table.items():
            custom[path] = doc
        self.docs = [doc for doc in custom.values() if doc is not None]


def ruby_compare(a: Any, b: Any) -> int | None:
    """Ruby's ``a <=> b`` for front matter values; None when incomparable."""
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        ab, bb = a.encode("utf-8"), b.encode("utf-8")
        return (ab > bb) - (ab < bb)
    if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
        a, b = values.as_aware(a), values.as_aware(b)
        return int((a > b) - (a < b))
    if isinstance(a, _dt.date) and isinstance(b, _dt.date) and not isinstance(
        a, _dt.datetime
    ) and not isinstance(b, _dt.datetime):
        return (a > b) - (a < b)
    if isinstance(a, list) and isinstance(b, list):
        for x, y in zip(a, b):
            result = ruby_compare(x, y)
            if result is None or result != 0:
                return result
        return (len(a) > len(b)) - (len(a) < len(b))
    if a is None and b is None:
        return 0
    return None


def document_compare(a: Document, b: Document) -> int | None:
    """``Document#<=>``: by date, then by path when dates are equal or missing."""
    result = ruby_compare(a.data.get("date"), b.data.get("date"))
    if result is None or result == 0:
        pa, pb = str(a.path), str(b.path)
        result = (pa > pb) - (pa < pb)
    return result


def sort_documents(docs: list[Document]) -> list[Document]:
    """Documents in ``Document#<=>`` order (see :func:`document_compare`)."""
    dates = [doc.data.get("date") for doc in docs]
    if all(type(date) is _dt.datetime and date.tzinfo is not None for date in dates):
        # Every date an aware time (as every post's is): Ruby's <=> is then
        # a total order by time, then path, which a key gives at once.
        order = sorted(range(len(docs)), key=lambda i: (dates[i], str(docs[i].path)))
        return [docs[i] for i in order]

    def by_order(a: Document, b: Document) -> int:
        return document_compare(a, b) or 0

    return sorted(docs, key=functools.cmp_to_key(by_order))


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    """Ruby's ``Array#|``: items of both, first occurrence kept."""
    result: list[Any] = []
    # Strings (nearly every category and tag) equal only strings: a set
    # answers them; other items are compared with every item kept.
    strings: set[str] = set()
    for item in [*old, *new]:
        if type(item) is str:
            if item not in strings:
                strings.add(item)
                result.append(item)
        elif not any(type(item) is type(seen) and item == seen for seen in result):
            result.append(item)
    return result


def _flatten(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if isinstance(item, list):
            result.extend(_flatten(item))
        else:
            result.append(item)
    return result


def pluralized_array(data: Mapping[str, Any], singular: str, plural: str) -> list[Any]:
    """``Utils.pluralized_array_from_hash``: the singular key wins, strings split."""
    value = data.get(singular)
    if not values.truthy(value):
        value = None
        if plural in data:
            raw = data[plural]
            if isinstance(raw, str):
                value = raw.split()
            elif isinstance(raw, list):
                value = [item for item in raw if item is not None]
    return [item for item in _flatten([value]) if item is not None]


def titleize_slug(slug: str) -> str:
    """``Utils.titleize_slug``: ``hello-world`` becomes ``Hello World``."""
    return " ".join(part[:1].upper() + part[1:].lower() for part in slug.split("-"))


class Document:
    """A file of a collection (``Jekyll::Document``).

    Args:
        path: the absolute source path.
        relative_path: the path from the collections folder
            (``_posts/2024-01-01-hello.md``).
        collection: the collection the document belongs to.
        ctx: the site facts documents need.
    """

    def __init__(self, path: Path, relative_path: str, collection: Collection, ctx: DocumentContext) -> None:
        self.path = path
        self.relative_path = relative_path
        self.collection = collection
        self.ctx = ctx
        # File.extname: ".htaccess" has none, ".notes.md" has ".md".
        self.extname = posixpath.splitext(path.name)[1]
        self.data: dict[str, Any] = {}
        self.content = ""
        self.body_line = 1
        self.output: str | None = None
        self.output_ext = ".html"
        self.url = ""
        self.pager: Any = None
        self._drop: DocumentDrop | None = None
        self._excerpt_separator: str | None = None
        # (date, build time, answer) of the last hidden_in_the_future().
        self._future: tuple[Any, Any, bool] | None = None
        draft = self.is_draft
        self.data["draft"] = draft
        self.categories_from_path("_drafts" if draft else collection.relative_directory)

    # -- names ----------------------------------------------------------------
    @property
    def type(self) -> str:
        return self.collection.label

    @property
    def ext(self) -> str:
        return self.extname

    @property
    def basename(self) -> str:
        return self.path.name

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def basename_without_ext(self) -> str:
        """``File.basename(path, ".*")``."""
        name = self.path.name
        return name[: len(name) - len(self.extname)] if self.extname else name

    @property
    def cleaned_relative_path(self) -> str:
        """The relative path without extension, collection folder and final dots."""
        rel = self.relative_path[: len(self.relative_path) - len(self.extname)] if self.extname else self.relative_path
        rel = rel.replace(self.collection.relative_directory, "", 1)
        return rel.rstrip(".")  # gsub(/\.*\z/, "")

    @property
    def is_draft(self) -> bool:
        """``Document#draft?``: a post outside ``_posts`` (that is, in ``_drafts``)."""
        if values.truthy(self.data.get("draft")):
            return True
        return self.collection.relative_directory not in self.relative_path and self.collection.label == "posts"

    def get(self, key: str) -> Any:
        """``data[key]``; the defaults are already merged in."""
        return self.data.get(key)

    @property
    def permalink(self) -> str | None:
        value = self.data.get("permalink")
        return None if not values.truthy(value) else values.to_s(value)

    @property
    def layout(self) -> str | None:
        value = self.data.get("layout")
        return None if value is None else values.to_s(value)

    @property
    def is_html(self) -> bool:
        return self.output_ext in urls.HTML_EXTENSIONS

    @property
    def output_path(self) -> str:
        return urls.document_output_path(self.url, self.output_ext)

    @property
    def id(self) -> str:
        slug = self.data.get("slug")
        name = values.to_s(slug) if values.truthy(slug) else self.basename_without_ext
        return posixpath.join(urls.ruby_dirname(self.url), name)

    # -- date -----------------------------------------------------------------
    def date(self) -> _dt.datetime:
        """``Document#date``: set on first use to the file's time (drafts) or the build's."""
        value = self.data.get("date")
        if not values.truthy(value):
            if self.is_draft:
                stamp = os.stat(self.path).st_mtime_ns / 1e9
                value = _dt.datetime.fromtimestamp(stamp, self.ctx.zone)
            else:
                value = self.ctx.time.astimezone(self.ctx.zone)
            self.data["date"] = value
        return cast(_dt.datetime, value)

    # -- reading (document.rb read, merge_data!, read_post_data) --------------
    def merge_data(self, other: Mapping[str, Any], source: str = "YAML front matter") -> None:
        cats = other.get("categories")
        if cats is not None and "categories" in other:
            if isinstance(cats, str):
                cats = cats.split()
            current = self.data.get("categories")
            if isinstance(current, list):
                cats = _union(current, cats if isinstance(cats, list) else [cats])
            other = {**other, "categories": cats}
        # document.rb merges in place (Utils.deep_merge_hashes!).
        data = self.data
        deep_merge_into(data, other)
        if "date" in data:
            value = data["date"]
            if type(value) is _dt.datetime and value.tzinfo is self.ctx.zone and not value.microsecond:
                # Already a local time (an earlier merge made it one): parsing
                # its to_s again gives it back unchanged.
                return
            message = f"Document '{self.relative_path}' does not have a valid date in the {source}."
            # Time.parse fills a missing year (and what follows) from now;
            # a date that starts with its year never reads the build's time.
            has_year = isinstance(value, _dt.date) or _LEADING_YEAR_RE.match(str(value)) is not None
            now = _EPOCH if has_year else self.ctx.time
            self.data["date"] = coerce_date(value, self.ctx.zone, message, now)

    def categories_from_path(self, special_dir: str) -> None:
        if self.relative_path.startswith(special_dir):
            superdirs: list[str] = []
        else:
            # sub(/#{special_dir}.*/m, ""): everything from its first mention on.
            rest, _, _ = self.relative_path.partition(special_dir)
            superdirs = [c for c in rest.split("/") if c and c != special_dir and c != self.basename]
        self.merge_data({"categories": superdirs}, "file path")

    def read(self, text: str) -> None:
        """Fill ``data`` and ``content`` from the file's text (already read)."""
        defaults = self.ctx.defaults.all(self.relative_path, self.type)
        if defaults:
            self.merge_data(defaults, "front matter defaults")
        if self.extname in YAML_FILE_EXTS:
            from .yamlload import load_yaml

            loaded = load_yaml(text)
            self.data = loaded if isinstance(loaded, dict) else {}
            return
        front, body, body_line = frontmatter.split(text, self.relative_path)
        self.content = body
        self.body_line = body_line
        if front:
            self.merge_data(front)
        self.populate_title()
        self.populate_categories()
        self.populate_tags()
        self.generate_excerpt()

    def populate_title(self) -> None:
        slug: str | None = None
        ext: str | None = None
        match = DATE_FILENAME_MATCHER.match(self.relative_path)
        if match:
            date, slug, ext = match.groups()
            current = self.data.get("date")
            if current is None or not values.truthy(current) or self.ctx.is_build_second(current):
                self.merge_data({"date": date}, "filename")
        else:
            match = DATELESS_FILENAME_MATCHER.match(self.relative_path)
            if match:
                slug, ext = match.groups()
        if slug is None:
            slug = self.basename_without_ext
        slug = slug.rstrip(".")  # gsub(/\.*\z/, "")
        if not values.truthy(self.data.get("title")):
            self.data["title"] = titleize_slug(slug)
        if not values.truthy(self.data.get("slug")):
            self.data["slug"] = slug
        if not values.truthy(self.data.get("ext")):
            self.data["ext"] = ext

    def populate_categories(self) -> None:
        cats = self.data.get("categories")
        listed = cats if isinstance(cats, list) else ([] if cats is None else [cats])
        merged = [*listed, *pluralized_array(self.data, "category", "categories")]
        merged = _flatten([values.ruby_to_s(c) for c in merged])
        self.merge_data({"categories": _union([], merged)})

    def populate_tags(self) -> None:
        self.merge_data({"tags": pluralized_array(self.data, "tag", "tags")})

    @property
    def excerpt_separator(self) -> str:
        if self._excerpt_separator is None:
            value = self.data.get("excerpt_separator")
            if not values.truthy(value):
                value = self.ctx.config.get("excerpt_separator")
            self._excerpt_separator = values.to_s(value)
        return self._excerpt_separator

    def generate_excerpt(self) -> None:
        if self.excerpt_separator and not values.truthy(self.data.get("excerpt")):
            self.data["excerpt"] = Excerpt(self)

    # -- publishing (publisher.rb) --------------------------------------------
    @property
    def published(self) -> bool:
        """``Document#published?``: not ``published: false``."""
        return self.data.get("published", True) is not False

    def can_be_published(self) -> bool:
        return values.truthy(self.data.get("published", True)) or bool(self.ctx.config.get("unpublished"))

    def hidden_in_the_future(self) -> bool:
        ctx = self.ctx
        if ctx.config.get("future"):
            return False
        # A build asks this of every document three times (read, render,
        # write); the answer stands while its date and the build's time are
        # the very objects it was worked out from.
        known, now = self._future, ctx.time
        if known is not None and known[0] is self.data.get("date") and known[1] is now:
            return known[2]
        date = self.date()
        hidden = int(date.timestamp()) > ctx.build_second()
        self._future = (date, now, hidden)
        return hidden

    def publishable(self) -> bool:
        return self.can_be_published() and not self.hidden_in_the_future()

    def write_allowed(self) -> bool:
        """``Document#write?``: the collection is output and the publisher agrees."""
        return self.collection.write and self.publishable()

    # -- URL ------------------------------------------------------------------
    def placeholders(self) -> urls.DocumentPlaceholders:
        cats = self.data.get("categories")
        return urls.DocumentPlaceholders(
            collection=self.collection.label,
            path=self.cleaned_relative_path,
            basename=self.basename_without_ext,
            slug=self.data.get("slug"),
            categories=cats if isinstance(cats, list) else ([] if cats is None else [cats]),
            output_ext=self.output_ext,
            date=self.date,
        )

    def compute_url(self) -> str:
        """``Document#url`` (needs ``output_ext`` set first)."""
        try:
            self.url = urls.document_url(self.collection.url_template, self.placeholders(), self.permalink)
        except KeyError as err:
            raise PermalinkError(str(err.args[0]), path=self.relative_path) from None
        return self.url

    # -- rendering --------------------------------------------------------------
    @property
    def is_yaml(self) -> bool:
        return self.extname in YAML_FILE_EXTS

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        if self.extname == ".coffee" or self.is_yaml:
            return False
        return "{%" in self.content or "{{" in self.content

    def place_in_layout(self) -> bool:
        if self.extname in SASS_FILE_EXTS or self.extname == ".coffee" or self.is_yaml:
            return False
        return self.data.get("layout") != "none"

    def set_content(self, content: str) -> None:
        self.content = content

    def liquid(self) -> DocumentDrop:
        """``Document#to_liquid``: one live drop per document."""
        if self._drop is None:
            from .drops.document import DocumentDrop

            self._drop = DocumentDrop(self)
        return self._drop

    to_liquid = liquid

    def to_s(self) -> str:
        if self.output is not None:
            return self.output
        return self.content if self.content is not None else "NO CONTENT"

    def _position(self) -> int | None:
        for i, doc in enumerate(self.collection.docs):
            if doc is self:
                return i
        return None

    def next_doc(self) -> Document | None:
        pos = self._position()
        if pos is not None and pos < len(self.collection.docs) - 1:
            return self.collection.docs[pos + 1]
        return None

    def previous_doc(self) -> Document | None:
        pos = self._position()
        if pos is not None and pos > 0:
            return self.collection.docs[pos - 1]
        return None

    def __repr__(self) -> str:
        return f"<Document {self.relative_path} collection={self.collection.label}>"


# --- excerpts (excerpt.rb) ----------------------------------------------------

# Needed only by excerpts that cut a Liquid block or have link definitions
# after them: compiled on first use (then kept by re's cache).
LIQUID_TAG_REGEX = r"{%-?\s*(\w+)\s*.*?-?%}"
MKDWN_LINK_REF_REGEX = r"^ {0,3}(?:(\[[^\]]+\])(:.+))$"
# Liquid 5.4's block tags plus Jekyll's highlight: the tags whose end tag an
# excerpt cut in two gets back.
LIQUID_BLOCK_TAGS = frozenset(
    {"capture", "case", "comment", "for", "if", "ifchanged", "raw", "tablerow", "unless", "highlight"}
)


class Excerpt:
    """The start of a document, up to its ``excerpt_separator``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.content = self.extract(doc.content)
        self.output: str | None = None
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        """The document's data without ``layout`` and ``excerpt``, copied on first use."""
        if self._data is None:
            self._data = {k: v for k, v in self.doc.data.items() if k not in ("layout", "excerpt")}
        return self._data

    @property
    def ext(self) -> str:
        return self.doc.extname

    extname = ext

    @property
    def relative_path(self) -> str:
        return posixpath.join(self.doc.relative_path, "#excerpt")

    @property
    def id(self) -> str:
        return f"{self.doc.id}#excerpt"

    @property
    def url(self) -> str:
        return self.doc.url

    @property
    def body_line(self) -> int:
        return self.doc.body_line

    @property
    def layout(self) -> str | None:
        return None

    @property
    def pager(self) -> None:
        return None

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        if self.doc.extname == ".coffee" or self.doc.is_yaml:
            return False
        return "{%" in self.content or "{{" in self.content

    def place_in_layout(self) -> bool:
        return False

    def set_content(self, content: str) -> None:
        self.content = content

    def liquid(self) -> ExcerptDrop:
        from .drops.document import ExcerptDrop

        return ExcerptDrop(self)

    to_liquid = liquid

    def render(self) -> str:
        """``Excerpt#output``: rendered (Liquid, then converters) on first use."""
        if self.output is None:
            if self.doc.ctx.render_excerpt is None:
                return self.content
            self.output = self.doc.ctx.render_excerpt(self)
        return self.output

    def to_s(self) -> str:
        return self.render()

    __liquid_str__ = to_s

    def __str__(self) -> str:
        return self.to_s()

    # -- extraction -------------------------------------------------------------
    def extract(self, content: str) -> str:
        separator = self.doc.excerpt_separator
        head, found, tail = (content or "").partition(separator)
        if not found or tail == "":
            return head
        if "{%" in head:
            head = self._sanctify_liquid_tags(head)
        # A link definition holds "]:"; a tail without one has none to scan for.
        definitions = [
            label + rest
            for label, rest in re.findall(MKDWN_LINK_REF_REGEX, tail, re.M)
            if label in head
        ] if "]:" in tail else []
        if not definitions:
            return head
        return head + "\n\n" + "\n".join(definitions)

    def _sanctify_liquid_tags(self, head: str) -> str:
        modified = False
        for name in reversed(re.findall(LIQUID_TAG_REGEX, head, re.S)):
            if name not in LIQUID_BLOCK_TAGS:
                continue
            if re.search(r"{%-?\s*end" + re.escape(name) + r".*?\s*-?%}", head, re.S):
                continue
            modified = True
            head += f"\n{{% end{name} %}}"
        if modified:
            warn = self.doc.ctx.warn
            warn(
                f"Warning: Excerpt modified in {self.doc.relative_path}!\n"
                f"Found a Liquid block containing the excerpt separator {values.inspect(self.doc.excerpt_separator)}.\n"
                "The block has been modified with the appropriate closing tag.\n"
                "Feel free to define a custom excerpt or excerpt_separator in the\n"
                "document's Front Matter if the generated excerpt is unsatisfactory."
            )
        return head

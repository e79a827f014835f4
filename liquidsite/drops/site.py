"""``site`` and ``jekyll`` (drops/site_drop.rb, drops/jekyll_drop.rb)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from ..documents import sort_documents
from ..incremental import RENDER_STATE, ReportingDict

if TYPE_CHECKING:
    from ..site import Site

JEKYLL_VERSION = "4.3.1"


class JekyllDrop(Mapping[str, Any]):
    """``jekyll.version`` and ``jekyll.environment`` (from ``JEKYLL_ENV``)."""

    # A Ruby Liquid::Drop, not a Hash (see liquidsite.lax.expressions.is_ruby_drop).
    __ruby_drop__ = True

    def __init__(self, environment: str | None = None) -> None:
        env = environment or os.environ.get("JEKYLL_ENV") or "development"
        self._data = {"version": JEKYLL_VERSION, "environment": env}

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _eql_key(value: Any) -> Any:
    """A key with Ruby's ``eql?``: ``1``, ``1.0`` and ``true`` stay apart."""
    if isinstance(value, list):
        return ("list", tuple(_eql_key(v) for v in value))
    return (type(value).__name__, value)


class RubyHash(Mapping[Any, Any]):
    """A Ruby Hash keyed by arbitrary YAML values (``site.tags``).

    Python's dict would merge the tags ``1`` and ``true``; Ruby keeps them
    apart, and so does this, in insertion order.
    """

    def __init__(self) -> None:
        self._keys: dict[Any, Any] = {}
        self._values: dict[Any, Any] = {}

    def setdefault_list(self, key: Any) -> list[Any]:
        eql = _eql_key(key)
        if eql not in self._keys:
            self._keys[eql] = key
            self._values[eql] = []
        return self._values[eql]  # type: ignore[no-any-return]

    def set(self, key: Any, value: Any) -> None:
        eql = _eql_key(key)
        self._keys.setdefault(eql, key)
        self._values[eql] = value

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._values[_eql_key(key)]
        except TypeError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[Any]:
        return iter(self._keys.values())

    def __len__(self) -> int:
        return len(self._keys)


class PageHash(ReportingDict):
    """A page's hash as ``site.pages`` lists it, reporting reads of its body.

    A page's ``content`` is its source until it renders and its converted
    body after, so a template that reads another page's content depends on
    render order; reading any other key does not.  Listing all its entries
    counts as reading the body.
    """

    __slots__ = ("_page", "_site")

    def __init__(self, items: Mapping[str, Any], page: Any, site: Site) -> None:
        super().__init__(items)
        self._page = page
        self._site = site

    def _on_key(self, key: Any, value: Any) -> None:
        if key == "content":
            self._on_all()

    def _on_all(self) -> None:
        if self._site.drop.current_document is not self._page:
            self._site.record_dependency(RENDER_STATE)


class SiteDrop(Mapping[str, Any]):
    """The ``site`` variable: config keys plus the site's content, lazily.

    Lists such as ``site.pages`` are built on first use and kept for the
    build, so loops over them cost nothing after the first page; each
    access is reported to the site so incremental builds know who read it.
    """

    # A Ruby Liquid::Drop, not a Hash (see liquidsite.lax.expressions.is_ruby_drop).
    __ruby_drop__ = True

    COMPUTED = ("time", "pages", "static_files", "html_pages", "data", "documents",
                "collections", "posts", "categories", "tags", "related_posts")

    def __init__(self, site: Site) -> None:
        self._site = site
        self._cache: dict[str, Any] = {}
        # The page or document being rendered (site.related_posts follows it).
        self.current_document: Any = None

    def _compute(self, key: str) -> Any:
        site = self._site
        if key == "time":
            return site.time
        if key == "data":
            return site.content.data
        if key == "pages":
            return [PageHash(page.liquid(), page, site) for page in site.content.pages]
        if key == "html_pages":
            return [
                PageHash(page.liquid(), page, site)
                for page in site.content.pages
                if page.is_html or page.url.endswith("/")
            ]
        if key == "static_files":
            return [f.to_liquid() for f in site.content.static_files]
        if key == "posts":
            # site_drop.rb posts: newest first.
            return [doc.liquid() for doc in reversed(sort_documents(site.posts))]
        if key in ("categories", "tags"):
            return self._post_attr_hash(key)
        if key == "documents":
            items: list[Any] = []
            for collection in site.collections.values():
                items += [doc.liquid() for doc in collection.docs]
                items += [f.to_liquid() for f in collection.files]
            return items
        if key == "collections":
            ordered = sorted(site.collections.values(), key=lambda c: c.label.encode("utf-8"))
            return [c.to_liquid() for c in ordered]
        raise KeyError(key)

    def _post_attr_hash(self, attr: str) -> RubyHash:
        """``Site#post_attr_hash``: each category (or tag) with its posts, newest first."""
        grouped = RubyHash()
        for doc in self._site.posts:
            for value in doc.data.get(attr) or []:
                grouped.setdefault_list(value).append(doc)
        result = RubyHash()
        for key in grouped:
            result.set(key, [d.liquid() for d in reversed(sort_documents(grouped[key]))])
        return result

    def related_posts(self) -> list[Any] | None:
        """``site.related_posts``: for a document, the ten newest other posts.

        Jekyll's non-LSI ``RelatedPosts#most_recent_posts``; nil while a page
        (not a document) renders.
        """
        from ..documents import Document

        current = self.current_document
        if not isinstance(current, Document):
            return None
        posts = self._site.posts
        if len(posts) <= 1:
            return []
        recent = [doc for doc in reversed(posts[-11:]) if doc is not current]
        return [doc.liquid() for doc in recent[:10]]

    def __getitem__(self, key: str) -> Any:
        if key == "related_posts":
            self._site.record_dependency("site.related_posts")
            return self.related_posts()
        collections = self._site.content.collections
        if key != "posts" and key in collections:
            self._site.record_dependency(f"site.{key}")
            return [doc.liquid() for doc in collections[key].docs]
        if key in _COMPUTED:
            if key not in self._cache:
                self._cache[key] = self._compute(key)
            self._site.record_dependency(f"site.{key}")
            return self._cache[key]
        return self._site.config[key]

    def invalidate(self, *keys: str) -> None:
        """Forget computed lists (after content changed)."""
        for key in keys or tuple(self._cache):
            self._cache.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        seen = set(self.COMPUTED)
        yield from self.COMPUTED
        yield from (k for k in self._site.config if k not in seen)

    def __len__(self) -> int:
        return len(set(self.COMPUTED) | set(self._site.config))


# SiteDrop.COMPUTED as a set: every `site.x` lookup tests it.
_COMPUTED = frozenset(SiteDrop.COMPUTED)

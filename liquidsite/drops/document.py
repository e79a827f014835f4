"""Drops of documents, excerpts and collections.

Mirrors ``DocumentDrop`` (drops/document_drop.rb), ``ExcerptDrop``
(drops/excerpt_drop.rb) and ``CollectionDrop`` (drops/collection_drop.rb).
Unlike a page's hash, a document's drop is live: ``page.content`` is the
body as it is when the template reads it (converted once the document has
been rendered), and ``post.output`` is empty until that post has been
rendered, exactly as in Jekyll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from .. import values
from ..incremental import RENDER_STATE

if TYPE_CHECKING:
    from ..documents import Collection, Document, Excerpt


class _Drop(Mapping[str, Any]):
    """A read-only mapping of method keys first, then a data fallback.

    Equality is identity, as for Ruby drops: comparing two posts never reads
    (or renders) their contents.
    """

    # A Ruby Liquid::Drop, not a Hash (see liquidsite.lax.expressions.is_ruby_drop).
    __ruby_drop__ = True

    # The order Jekyll's Drop#keys lists the methods in (content_methods).
    METHODS: tuple[str, ...] = ()

    def _method(self, key: str) -> Any:
        raise NotImplementedError

    def _fallback(self) -> Mapping[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        if key in self.METHODS:
            return self._method(key)
        data = self._fallback()
        if key in data:
            return data[key]
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in self.METHODS or key in self._fallback()

    def __liquid_lookup__(self, key: str, missing: object) -> Any:
        """``self[key] if key in self else missing``, as one call.

        A template's ``post.title`` reads a drop this way (see
        ``RubyContext.get``); asking ``in`` and then ``[]`` cost two calls
        and two searches of the method names.
        """
        if key in self.METHODS:
            return self._method(key)
        data = self._fallback()
        if key in data:
            return data[key]
        return missing

    def __iter__(self) -> Iterator[str]:
        yield from self.METHODS
        yield from (k for k in self._fallback() if k not in self.METHODS)

    def __len__(self) -> int:
        return len(set(self.METHODS) | set(self._fallback()))

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


class DocumentDrop(_Drop):
    """``page`` (or ``post``) for a document of a collection."""

    # As Jekyll 4.3.1 on Ruby lists them (for-loops over a post, jsonify).
    METHODS: tuple[str, ...] = (
        "name", "id", "next", "previous", "relative_path", "content", "excerpt", "output",
        "title", "categories", "path", "url", "date", "tags", "collection",
    )  # fmt: skip

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def __getitem__(self, key: str) -> Any:
        self._note_read()
        return super().__getitem__(key)

    def __liquid_lookup__(self, key: str, missing: object) -> Any:
        """``self[key] if key in self else missing``: a present key is
        noted as read, as ``self[key]`` notes it; a missing one is not."""
        if key in self.METHODS:
            self._note_read()
            return self._method(key)
        data = self._fallback()
        if key in data:
            self._note_read()
            return data[key]
        return missing

    def _note_read(self) -> None:
        doc = self._doc
        record = doc.ctx.record
        if record is not None:
            current = doc.ctx.current() if doc.ctx.current is not None else None
            if current is not doc and getattr(current, "doc", None) is not doc:
                # What another document shows comes from the collection's
                # members (paginator.posts, an archive's posts...).
                record("site.documents")

    @property
    def document(self) -> Document:
        return self._doc

    def _fallback(self) -> Mapping[str, Any]:
        return self._doc.data

    def _method(self, key: str) -> Any:
        doc = self._doc
        if key in ("relative_path", "path"):
            return doc.relative_path
        if key == "collection":
            return doc.collection.label
        if key == "name":
            name = doc.data.get("name")
            return name if values.truthy(name) else doc.basename
        if key in ("categories", "title", "tags"):
            return doc.data.get(key)
        if key == "id":
            return doc.id
        if key == "url":
            return doc.url
        if key in ("next", "previous") and doc.ctx.record is not None:
            # The neighbours follow from the collection's members; their
            # content, if read, is reported by their own drops.
            doc.ctx.record("site.documents")
        if key == "next":
            nxt = doc.next_doc()
            return None if nxt is None else nxt.liquid()
        if key == "previous":
            prev = doc.previous_doc()
            return None if prev is None else prev.liquid()
        if key in ("content", "output", "excerpt") and doc.ctx.record is not None:
            current = doc.ctx.current() if doc.ctx.current is not None else None
            if current is not doc:
                # paginator.posts[0].content: converted once that post has
                # rendered, so the reader depends on render order.
                doc.ctx.record(RENDER_STATE)
        if key == "content":
            return doc.content
        if key == "excerpt":
            return excerpt_text(doc.data.get("excerpt"))
        if key == "date":
            return doc.date()
        if key == "output":
            return doc.output
        raise KeyError(key)

    def __liquid_str__(self) -> str:
        return self._doc.to_s()

    def __str__(self) -> str:
        return self._doc.to_s()

    def __lt__(self, other: object) -> bool:
        from ..documents import document_compare

        if not isinstance(other, DocumentDrop):
            return NotImplemented
        return (document_compare(self._doc, other._doc) or 0) < 0

    def __repr__(self) -> str:
        return f"<DocumentDrop {self._doc.relative_path}>"


def excerpt_text(value: Any) -> str:
    """``fallback_data["excerpt"].to_s``: renders a generated excerpt."""
    from ..documents import Excerpt

    if isinstance(value, Excerpt):
        return value.to_s()
    return values.ruby_to_s(value) if value is not None else ""


class ExcerptDrop(DocumentDrop):
    """``page`` while an excerpt renders, and ``post.excerpt`` seen as a drop."""

    METHODS = (
        "name", "excerpt", "date", "layout", "relative_path", "collection", "categories",
        "id", "title", "url", "next", "previous", "content", "path", "output", "tags",
    )  # fmt: skip

    def __init__(self, excerpt: Excerpt) -> None:
        super().__init__(excerpt.doc)
        self._excerpt = excerpt

    def _fallback(self) -> Mapping[str, Any]:
        return self._excerpt.data

    def _method(self, key: str) -> Any:
        ex = self._excerpt
        if key == "excerpt":
            return None
        if key == "layout":
            return ex.doc.data.get("layout")
        if key in ("relative_path", "path"):
            return ex.relative_path
        if key == "id":
            return ex.id
        if key in ("content", "output"):
            record = ex.doc.ctx.record
            if record is not None and (ex.doc.ctx.current is None or ex.doc.ctx.current() is not ex):
                record(RENDER_STATE)
            return ex.content if key == "content" else ex.render()
        if key in ("categories", "title", "tags"):
            return ex.data.get(key)
        return super()._method(key)

    def __liquid_str__(self) -> str:
        return self._excerpt.to_s()

    def __str__(self) -> str:
        return self._excerpt.to_s()


class CollectionDrop(_Drop):
    """An entry of ``site.collections``: label, docs, files and settings."""

    METHODS = ("label", "files", "docs", "relative_directory", "directory", "output")

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    def _fallback(self) -> Mapping[str, Any]:
        return self._collection.metadata

    def _method(self, key: str) -> Any:
        c = self._collection
        if key == "label":
            return c.label
        if key == "files":
            return [f.to_liquid() for f in c.files]
        if key == "docs":
            return [d.liquid() for d in c.docs]
        if key == "relative_directory":
            return c.relative_directory
        if key == "directory":
            return str(c.directory)
        if key == "output":
            return c.write
        raise KeyError(key)

    def __liquid_str__(self) -> str:
        # CollectionDrop#to_s is docs.to_s: the documents' inspect strings.
        label = self._collection.label
        docs = [f"#<Jekyll::Document {d.relative_path} collection={label}>" for d in self._collection.docs]
        return "[" + ", ".join(docs) + "]"

    def __repr__(self) -> str:
        return f"<CollectionDrop {self._collection.label}>"

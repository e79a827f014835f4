"""jekyll-scholar's Liquid tags (lib/jekyll/scholar/tags/*.rb).

``bibliography``, ``bibliography_count``, ``cite``, ``nocite``,
``reference`` and the ``quote`` block.  Arguments are read when the
template is parsed (an unknown option is a syntax error, as OptionParser
fails in the tag's constructor); ``{{ var }}`` inside them is filled in
each time the tag renders.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING, Iterable, TextIO

from liquid.ast import BlockNode, Node
from liquid.undefined import Undefined
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_TAG, Token

from ...tags.include import lookup as _lookup
from ...tags.markup import read_markup
from ...values import to_s
from .options import OptionError, Options, parse_options
from .scholar import Scholar, ScholarError, content_tag



def lookup(context: "RenderContext", name: str) -> object:
    """``context[name]``: ``None`` for undefined names."""
    value = _lookup(context, name)
    return None if isinstance(value, Undefined) else value


if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream


def split_arguments(markup: str) -> tuple[list[str], str]:
    """``split_arguments``: leading words are keys, the rest are options."""
    tokens = markup.strip().split()
    keys: list[str] = []
    for token in tokens:
        if token.startswith("-"):
            break
        keys.append(token)
    rest = [t for t in tokens if t not in keys]
    return keys, " ".join(rest)


class ScholarNode(Node):
    """A jekyll-scholar tag: its parsed options and, for citations, its keys."""

    __slots__ = ("options", "keys", "tag_name", "markup")

    def __init__(self, token: Token, tag_name: str, markup: str, options: Options,
                 keys: list[str] | None = None) -> None:
        super().__init__(token)
        self.tag_name = tag_name
        self.markup = markup
        self.options = options
        self.keys = keys or []
        self.blank = False

    def __str__(self) -> str:
        return f"{{% {self.tag_name} {self.markup} %}}"

    def resolved_keys(self, context: RenderContext) -> list[str]:
        """Keys may be variables (``{% cite cover.reference %}``): ``context[key] || key``."""
        result = []
        for key in self.keys:
            value = lookup(context, key)
            result.append(key if value is None or value is False else to_s(value))
        return result

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return []

    def render(self, context: RenderContext, buffer: TextIO) -> int:
        try:
            return super().render(context, buffer)
        except ScholarError as err:
            if err.token is None:
                err.token = self.token
            raise


class BibliographyNode(ScholarNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(Scholar(context, self.options).render_bibliography())


class BibliographyCountNode(ScholarNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        items = Scholar(context, self.options).cited_entries()
        return buffer.write(str(len(items)))


class CiteNode(ScholarNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(Scholar(context, self.options).cite(self.resolved_keys(context)))


class NociteNode(ScholarNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        Scholar(context, self.options).nocite(self.resolved_keys(context))
        return 0


class ReferenceNode(ScholarNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        scholar = Scholar(context, self.options)
        key = self.resolved_keys(context)[0] if self.keys else ""
        entry = scholar.bibliography().by_key().get(key)
        return buffer.write(scholar.reference_tag(entry))


class _ScholarTag(Tag):
    node_class: type[ScholarNode] = BibliographyNode
    takes_keys = False

    def parse(self, stream: TokenStream) -> Node:
        token, markup = read_markup(stream)
        keys: list[str] | None = None
        arguments = markup
        if self.takes_keys:
            if self.name == "reference":
                parts = markup.strip().split(None, 1)
                keys, arguments = parts[:1], (parts[1] if len(parts) > 1 else "")
            else:
                keys, arguments = split_arguments(markup)
        try:
            options = parse_options(arguments)
        except OptionError as err:
            raise LiquidSyntaxError(f"{self.name}: {err}", token=token) from None
        return self.node_class(token, self.name, markup, options, keys)


class BibliographyTag(_ScholarTag):
    """``{% bibliography [-f file] [--query q] [--max n] [--group_by key] ... %}``."""

    name = "bibliography"
    block = False
    node_class = BibliographyNode


class BibliographyCountTag(_ScholarTag):
    """``{% bibliography_count ... %}``: how many entries ``bibliography`` would list."""

    name = "bibliography_count"
    block = False
    node_class = BibliographyCountNode


class CiteTag(_ScholarTag):
    """``{% cite key1 key2 [-l locator] [-A] %}``."""

    name = "cite"
    block = False
    node_class = CiteNode
    takes_keys = True


class NociteTag(_ScholarTag):
    """``{% nocite key %}``: count as cited without printing anything."""

    name = "nocite"
    block = False
    node_class = NociteNode
    takes_keys = True


class ReferenceTag(_ScholarTag):
    """``{% reference key [-f file] %}``: one formatted reference."""

    name = "reference"
    block = False
    node_class = ReferenceNode
    takes_keys = True


class QuoteNode(ScholarNode):
    __slots__ = ("body",)

    def __init__(self, token: Token, tag_name: str, markup: str, options: Options,
                 keys: list[str], body: BlockNode) -> None:
        super().__init__(token, tag_name, markup, options, keys)
        self.body = body

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = StringIO()
        self.body.render(context, inner)
        text = inner.getvalue().strip()
        text = re.sub(r"\n\n", "</p><p>", text).replace("\n", "<br/>")
        quote = content_tag("p", text)
        citation = Scholar(context, self.options).cite(self.resolved_keys(context))
        quote += content_tag("cite", citation)
        return buffer.write(content_tag("blockquote", quote))

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        yield self.body


class QuoteTag(Tag):
    """``{% quote key %}...{% endquote %}``: a block quote with its citation."""

    name = "quote"
    end = "endquote"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        token, markup = read_markup(stream)
        keys, _ = split_arguments(markup)
        next(stream)
        body = get_parser(self.env).parse_block(stream, frozenset(("endquote", TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value="endquote")
        return QuoteNode(token, self.name, markup, Options(), keys, body)


TAGS: tuple[type[Tag], ...] = (
    BibliographyTag,
    BibliographyCountTag,
    CiteTag,
    NociteTag,
    ReferenceTag,
    QuoteTag,
)

"""Ruby Liquid 5.4's parser and tag semantics on top of python-liquid.

Jekyll parses templates with Ruby Liquid: the strict grammar first, then,
under the default ``liquid: error_mode: warn``, a warning and a lax re-parse
built from regular expressions that accept almost anything
(parser_switching.rb).  python-liquid in lax mode drops what it cannot
parse instead.  This package re-implements Ruby's document parser, its
strict and lax expression parsers and Liquid's standard tags, producing
python-liquid nodes and expressions so filters and other tags keep working
through python-liquid's APIs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import Body, ParseContext, RubyTag, TextNode, TokenSource, parse_document

if TYPE_CHECKING:
    from liquid.ast import Node
    from liquid.tag import Tag
    from liquid.token import Token


def standard_tag(name: str) -> RubyTag | None:
    """Liquid's own tag *name*, parsed the Ruby way."""
    from .tags import STANDARD_TAGS

    return STANDARD_TAGS.get(name)


class ForeignTag(RubyTag):
    """A python-liquid inline tag (Jekyll's include, plugins' tags) fed
    Ruby's tag markup as a python-liquid token stream."""

    def __init__(self, tag: Tag) -> None:
        self.tag = tag

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        from liquid.stream import TokenStream
        from liquid.token import TOKEN_EXPRESSION, Token as LToken

        if getattr(self.tag, "block", False) and getattr(self.tag, "end", ""):
            raise pc.error(f"block tag '{name}' is not supported by this parser", token)
        items = [token]
        text = markup.strip()
        if text:
            offset = pc.source.find(text, token.start_index)
            items.append(LToken(TOKEN_EXPRESSION, text, offset if offset >= 0 else
                                token.start_index, pc.source))
        node = self.tag.parse(TokenStream(iter(items)))
        return node


def foreign_tag(tag: Any) -> ForeignTag:
    return ForeignTag(tag)


__all__ = ["Body", "ForeignTag", "ParseContext", "RubyTag", "TextNode", "parse_document",
           "standard_tag"]

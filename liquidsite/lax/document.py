"""Ruby Liquid 5.4's document parser: tokenizer, block bodies, blank blocks.

tokenizer.rb cuts the source with ``TemplateParser`` (so ``{{ x }}}`` is an
output followed by ``}``, and a tag ends at the first ``%}`` even inside
quotes); block_body.rb applies ``-`` whitespace control to the neighbouring
text, tracks whether a body is *blank* (only whitespace and blank tags) so
that blank blocks drop their whitespace, and hands unknown tags back to the
enclosing block (``else``, ``when``, ``endif``...).  The nodes built here
are python-liquid nodes, so templates render through python-liquid's
machinery with Ruby's parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, TextIO, TypeVar
import warnings

from liquid.ast import Node
from liquid.exceptions import LiquidInterrupt, LiquidSyntaxError, LiquidSyntaxWarning
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from . import regexes as rx
from .strict import StrictSyntaxError

if TYPE_CHECKING:
    from liquid.context import RenderContext

    from ..environment import JekyllEnvironment

T = TypeVar("T")


class RubyTag:
    """A tag parsed the Ruby way: ``parse`` builds a node from the markup and,
    for a block, from the following tokens."""

    #: Blank tags (assign, comment...) keep a surrounding block blank.
    blank = False

    def parse(self, pc: ParseContext, name: str, markup: str, token: Token,
              tokens: TokenSource) -> Node:
        raise NotImplementedError


class TextNode(Node):
    """Literal template text."""

    __slots__ = ("text",)

    def __init__(self, token: Token, text: str) -> None:
        super().__init__(token)
        self.text = text
        self.blank = rx.WHITESPACE_OR_NOTHING.match(text) is not None

    def __str__(self) -> str:
        return self.text

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.text)


class Body(Node):
    """A block body (block_body.rb): nodes rendered in order."""

    __slots__ = ("nodes",)

    def __init__(self, token: Token) -> None:
        super().__init__(token)
        self.nodes: list[Node] = []
        self.blank = True

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)

    def add(self, node: Node, blank: bool) -> None:
        self.nodes.append(node)
        self.blank = self.blank and blank

    def remove_blank_strings(self) -> None:
        self.nodes = [n for n in self.nodes if not isinstance(n, TextNode)]

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        count = 0
        for node in self.nodes:
            count += node.render(context, buffer) or 0
        return count

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return list(self.nodes)


class DocumentNode(Node):
    """The whole template.  A ``break``/``continue`` outside any loop stops
    the rendering, as Ruby's interrupt stops every enclosing body."""

    __slots__ = ("body",)

    def __init__(self, token: Token, body: Body) -> None:
        super().__init__(token)
        self.body = body
        self.blank = False

    def __str__(self) -> str:
        return str(self.body)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        try:
            return self.body.render(context, buffer)
        except LiquidInterrupt:
            if context.loops:
                raise
            return 0

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [self.body]


class TokenSource:
    """Tokenizer#shift over a document or over a ``{% liquid %}`` tag's lines."""

    def __init__(self, source: str, items: list[tuple[str, int]], *, liquid_tag: bool,
                 first_line: int = 1) -> None:
        self.source = source
        self.items = items
        self.pos = 0
        self.for_liquid_tag = liquid_tag
        self.first_line = first_line

    @classmethod
    def document(cls, source: str) -> TokenSource:
        items: list[tuple[str, int]] = []
        last = 0
        for m in rx.TEMPLATE_PARSER.finditer(source):
            if m.start() > last:
                items.append((source[last:m.start()], last))
            items.append((m.group(0), m.start()))
            last = m.end()
        if last < len(source):
            items.append((source[last:], last))
        return cls(source, items, liquid_tag=False)

    @classmethod
    def liquid_lines(cls, source: str, markup: str, offset: int, first_line: int) -> TokenSource:
        items: list[tuple[str, int]] = []
        pos = offset
        for i, line in enumerate(markup.split("\n")):
            items.append((line, pos))
            pos += len(line) + 1
        src = cls(source, items, liquid_tag=True, first_line=first_line)
        return src

    def shift(self) -> tuple[str, int] | None:
        if self.pos >= len(self.items):
            return None
        item = self.items[self.pos]
        self.pos += 1
        return item

    def line_of(self, index: int, extra: str = "") -> int:
        """The line Ruby reports for a token starting at *index*."""
        if self.for_liquid_tag:
            return self.first_line + self.pos - 1
        return self.source.count("\n", 0, max(index, 0)) + 1 + extra.count("\n")


class ParseContext:
    """One template's parse: the environment, error mode and warnings."""

    def __init__(self, env: JekyllEnvironment, source: str, warnings_out: list[str]) -> None:
        self.env = env
        self.source = source
        self.warnings = warnings_out
        self.error_mode = getattr(env, "jekyll_error_mode_name", "warn")
        self.trim_whitespace = False
        self.depth = 0
        self.line = 1

    def token(self, kind: str, value: str, index: int) -> Token:
        return Token(kind, value, index, self.source)

    def switch(self, strict: Callable[[], T], lax: Callable[[], T], context: str,
               token: Token) -> T:
        """parser_switching.rb: strict parse, else warn and parse laxly."""
        if self.error_mode == "lax":
            return lax()
        try:
            return strict()
        except StrictSyntaxError as err:
            message = f"{err.message} {context}"
            if self.error_mode == "strict":
                raise LiquidSyntaxError(message, token=token) from None
            self.warn(message)
            return lax()

    def warn(self, message: str) -> None:
        text = f"Liquid syntax error (line {self.line}): {message}"
        self.warnings.append(text)
        warnings.warn(text, category=LiquidSyntaxWarning, stacklevel=3)

    def error(self, message: str, token: Token | None) -> LiquidSyntaxError:
        return LiquidSyntaxError(message, token=token)

    # -- block bodies ------------------------------------------------------
    def tag_handler(self, name: str) -> Any:
        return self.env.ruby_tag(name)

    def parse_body(self, body: Body, tokens: TokenSource) -> tuple[str | None, str, Token]:
        """Parse nodes into *body* until a tag this body does not know.

        Returns that tag's name, markup and token, or ``(None, "", token)`` at
        the end of the input (block_body.rb ``parse``).
        """
        self.depth += 1
        if self.depth >= 100:
            raise self.error("Nesting too deep", None)
        try:
            if tokens.for_liquid_tag:
                return self._parse_liquid_lines(body, tokens)
            return self._parse_document(body, tokens)
        finally:
            self.depth -= 1

    def _whitespace(self, body: Body, text: str) -> None:
        if text[2:3] == "-" and body.nodes and isinstance(body.nodes[-1], TextNode):
            node = body.nodes[-1]
            node.text = node.text.rstrip(rx.RUBY_WS)
            node.blank = rx.WHITESPACE_OR_NOTHING.match(node.text) is not None
        self.trim_whitespace = text[-3:-2] == "-"

    def _parse_document(self, body: Body, tokens: TokenSource) -> tuple[str | None, str, Token]:
        while (item := tokens.shift()) is not None:
            text, index = item
            if not text:
                continue
            if text.startswith("{%"):
                self._whitespace(body, text)
                m = rx.FULL_TOKEN.match(text)
                if not m:
                    self.line = tokens.line_of(index)
                    raise self.error(
                        f"Tag '{text}' was not properly terminated with regexp: /\\%\\}}/",
                        self.token(TOKEN_TAG, text, index),
                    )
                name, markup = m.group(2), m.group(4)
                self.line = tokens.line_of(index, m.group(1) + m.group(3))
                token = self.token(TOKEN_TAG, name, index + m.start(2))
                if name == "liquid":
                    line_start = index + m.start(4)
                    lines = TokenSource.liquid_lines(self.source, markup, line_start, self.line)
                    end_name, _, end_token = self._parse_liquid_lines(body, lines)
                    if end_name is not None:
                        raise self.unknown_tag(end_name, "liquid", "%}", end_token)
                    continue
                handler = self.tag_handler(name)
                if handler is None:
                    return name, markup, token
                node = handler.parse(self, name, markup, token, tokens)
                body.add(node, bool(getattr(node, "blank", False)))
            elif text.startswith("{{"):
                self._whitespace(body, text)
                self.line = tokens.line_of(index)
                token = self.token(TOKEN_EXPRESSION, text, index)
                m = rx.CONTENT_OF_VARIABLE.match(text)
                if not m:
                    raise self.error(
                        f"Variable '{text}' was not properly terminated with regexp: /\\}}\\}}/",
                        token,
                    )
                from .base import OutputNode
                from .variable import parse_variable

                variable = parse_variable(self, m.group(1), token, index + m.start(1))
                body.add(OutputNode(token, variable), False)
            else:
                if self.trim_whitespace:
                    text = text.lstrip(rx.RUBY_WS)
                self.trim_whitespace = False
                node = TextNode(self.token("CONTENT", text, index), text)
                body.add(node, node.blank)
        self.line = tokens.line_of(len(self.source))
        return None, "", self.token(TOKEN_TAG, "", len(self.source))

    def _parse_liquid_lines(self, body: Body, tokens: TokenSource) -> tuple[str | None, str, Token]:
        while (item := tokens.shift()) is not None:
            text, index = item
            self.line = tokens.line_of(index)
            if not text or rx.WHITESPACE_OR_NOTHING.match(text):
                continue
            token = self.token(TOKEN_TAG, text, index)
            m = rx.LIQUID_TAG_TOKEN.match(text)
            if not m:
                return text, text, token
            name, markup = m.group(1), m.group(2)
            token = self.token(TOKEN_TAG, name, index)
            handler = self.tag_handler(name)
            if handler is None:
                return name, markup, token
            node = handler.parse(self, name, markup, token, tokens)
            body.add(node, bool(getattr(node, "blank", False)))
        return None, "", self.token(TOKEN_TAG, "", len(self.source))

    def unknown_tag(self, name: str, block_name: str, delimiter: str,
                    token: Token) -> LiquidSyntaxError:
        """Block.raise_unknown_tag."""
        if name == "else":
            return self.error(f"{block_name} tag does not expect 'else' tag", token)
        if name.startswith("end"):
            return self.error(
                f"'{name}' is not a valid delimiter for {block_name} tags. use {delimiter}", token
            )
        # Ruby says "Unknown tag 'x'"; liquidsite's hints key on this wording.
        return self.error(f"unexpected tag '{name}'", token)

    def never_closed(self, block_name: str, token: Token) -> LiquidSyntaxError:
        # Ruby: "'if' tag was never closed".  liquidsite's renderer turns this
        # wording into that message, pointing at the opening tag, with a hint.
        return self.error(f"expected tag end{block_name}", token)


def parse_document(env: JekyllEnvironment, source: str,
                   warnings_out: list[str] | None = None) -> list[Node]:
    """Parse *source* as Ruby Liquid 5.4 does; return python-liquid nodes.

    Parse warnings (lax fallbacks) are appended to *warnings_out* in Ruby's
    wording, ``Liquid syntax error (line N): ... in "markup"``.
    """
    pc = ParseContext(env, source, warnings_out if warnings_out is not None else [])
    tokens = TokenSource.document(source)
    body = Body(pc.token("CONTENT", "", 0))
    while True:
        name, _, token = pc.parse_body(body, tokens)
        if name is None:
            break
        if name in ("else", "end"):
            raise pc.error(f"Unexpected outer '{name}' tag", token)
        raise pc.error(f"unexpected tag '{name}'", token)
    return [DocumentNode(body.token, body)]


__all__ = ["Body", "ParseContext", "RubyTag", "TextNode", "TokenSource", "parse_document",
           "StrictSyntaxError"]

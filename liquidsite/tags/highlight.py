"""Jekyll's ``{% highlight lang [linenos] %}`` block (tags/highlight.rb).

The body is Liquid (rendered first), stripped of leading and trailing line
breaks, highlighted with Rouge's markup (token spans from
:func:`liquidsite.highlight.highlight_code`, Pygments-based) and wrapped as
Jekyll writes it::

    <figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">...</code></pre></figure>

With ``linenos`` the spans sit in Rouge's ``HTMLTable`` formatter
(rouge/formatters/html_table.rb).  ``highlighter:`` other than ``rouge``
(or the legacy ``pygments``) only escapes the code, as Jekyll does.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING, Iterable, TextIO

from liquid.ast import BlockNode, Node
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG

from ..lax.fallback import RubySyntaxError

if TYPE_CHECKING:
    from liquid.stream import TokenStream

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token

    from ..environment import JekyllEnvironment

# Ruby's ^ and $ match at line boundaries, hence re.M.
SYNTAX = re.compile(
    r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$', re.M | re.ASCII
)
OPTIONS = re.compile(r'(?:\w="[^"]*"|\w=\w|\w)+', re.ASCII)
LINE_TERMINATORS = re.compile(r"\A[\n\r]+|[\n\r]+\Z")


def parse_options(text: str) -> dict[str, object]:
    """highlight.rb ``parse_options``: ``name``, ``name=value``, ``name="1 2"``."""
    options: dict[str, object] = {}
    for opt in OPTIONS.findall(text):
        key, _, value = opt.partition("=")
        parsed: object = value if value else True
        if '"' in value:
            parsed = value.replace('"', "").split()
        options[key] = parsed
    if options.get("linenos") is True:
        options["linenos"] = "inline"
    return options


def escape_rouge(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_cgi(text: str) -> str:
    """Ruby's ``CGI.escapeHTML`` (Liquid's ``h``)."""
    return (escape_rouge(text).replace('"', "&quot;").replace("'", "&#39;"))


def rouge_spans(code: str, lang: str) -> str:
    """Rouge's HTML formatter output; unknown languages are plain text."""
    # liquidsite.highlight and the Markdown converter import each other;
    # entering through the converter package resolves the cycle.
    from ..converters import markdown  # noqa: F401
    from ..highlight import highlight_code

    spans = highlight_code(code, lang)
    return escape_rouge(code) if spans is None else spans


def html_table(code: str, formatted: str) -> str:
    """Rouge's HTMLTable formatter around *formatted* (the spans of *code*)."""
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines += 1
        formatted += "\n"
    numbers = "".join(f"{i}\n" for i in range(1, lines + 1))
    return (
        '<table class="rouge-table"><tbody><tr><td class="gutter gl">'
        f'<pre class="lineno">{numbers}</pre></td><td class="code"><pre>{formatted}'
        "</pre></td></tr></tbody></table>"
    )


class HighlightNode(Node):
    __slots__ = ("lang", "options", "body")

    def __init__(self, token: Token, lang: str, options: dict[str, object],
                 body: BlockNode) -> None:
        super().__init__(token)
        self.lang = lang
        self.options = options
        self.body = body
        self.blank = body.blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from .. import values

        out = StringIO()
        self.body.render(context, out)
        code = LINE_TERMINATORS.sub("", out.getvalue())
        highlighter = context.env.config.get("highlighter", "rouge")  # type: ignore[attr-defined]
        if highlighter in ("rouge", "pygments"):
            formatted = rouge_spans(code, self.lang)
            if self.options.get("linenos"):
                formatted = html_table(code, formatted)
        else:
            formatted = escape_cgi(code).strip()
        # Ruby's chomp: one trailing "\r\n", "\n" or "\r".
        if formatted.endswith("\r\n"):
            formatted = formatted[:-2]
        elif formatted.endswith(("\n", "\r")):
            formatted = formatted[:-1]
        lang_class = self.lang.replace("+", "-")
        prefix = values.to_s(context.resolve("highlighter_prefix", default=None))
        suffix = values.to_s(context.resolve("highlighter_suffix", default=None))
        return buffer.write(
            f'{prefix}<figure class="highlight"><pre><code class="language-{lang_class}" '
            f'data-lang="{self.lang}">{formatted}</code></pre></figure>{suffix}'
        )

    def children(self, static_context: RenderContext, *,
                 include_partials: bool = True) -> Iterable[Node]:
        return [self.body]


class HighlightTag(Tag):
    """The ``highlight`` block: python-liquid parses the body."""

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            markup = stream.current.value
            next(stream)
        m = SYNTAX.search(markup.strip(" \t\n\v\f\r\0"))
        if not m:
            raise RubySyntaxError(
                "Syntax Error in tag 'highlight' while parsing the following markup:\n\n"
                f"{markup}\n\nValid syntax: highlight <lang> [linenos]\n", token=token)
        body = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        stream.expect(TOKEN_TAG, value=self.end)
        return HighlightNode(token, m.group(1).lower(), parse_options(m.group(2)), body)


def register(env: JekyllEnvironment) -> None:
    env.add_tag(HighlightTag)

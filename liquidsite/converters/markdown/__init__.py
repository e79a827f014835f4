"""Markdown converter producing the HTML Jekyll 4.3's kramdown produces.

Jekyll converts Markdown with kramdown 2.4 and the GFM parser
(jekyll/converters/markdown/kramdown_parser.rb); this package reproduces
that output byte for byte on top of markdown-it-py's pipeline machinery.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Mapping

from .options import kramdown_options
from .parser import build_markdown_it
from .render import HtmlWriter
from .render_rules import default_rules

__all__ = ["MarkdownConverter"]


class MarkdownConverter:
    """Jekyll's Markdown converter (converters/markdown.rb) for kramdown.

    A conversion depends only on the text and on the configuration given
    here, so the last ``cache_size`` results are kept, keyed by the exact
    text: ``markdownify`` in a loop and excerpts repeated across pages
    (or a page's excerpt equal to its whole content) convert once.
    """

    cache_size = 2048

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.options = kramdown_options(config.get("kramdown") or {})
        exts = str(config.get("markdown_ext") or "markdown,mkdown,mkdn,mkd,md")
        self._extensions = frozenset("." + e.strip().lower() for e in exts.split(","))
        self.md = build_markdown_it(self.options)
        self.md.renderer = _Renderer(self)  # type: ignore[assignment]
        self.rules = default_rules()
        self._cache: OrderedDict[str, str] = OrderedDict()

    def matches(self, ext: str) -> bool:
        return ext.lower() in self._extensions

    def output_ext(self, ext: str) -> str:
        return ".html"

    def convert(self, content: str) -> str:
        cache = self._cache
        html = cache.get(content)
        if html is not None:
            cache.move_to_end(content)
            return html
        html = self._convert_uncached(content)
        cache[content] = html
        if len(cache) > self.cache_size:
            cache.popitem(last=False)
        return html

    def _convert_uncached(self, content: str) -> str:
        return str(self.md.render(content))

    def _highlight(self, options: dict[str, Any]) -> Any:
        """kramdown's Rouge glue (converter/syntax_highlighter/rouge.rb)."""
        from liquidsite.highlight import highlight_block, highlight_code, rouge_tag

        hl_opts = options.get("syntax_highlighter_opts") or {}
        if options.get("syntax_highlighter") != "rouge" or hl_opts.get("disable"):
            return lambda code, lang, kind: None
        default_lang = hl_opts.get("default_lang", "plaintext")
        guess_lang = hl_opts.get("guess_lang")

        def highlight(code: str, lang: str | None, kind: str) -> str | None:
            use = lang or default_lang
            if not use and not guess_lang:
                return None
            # Rouge's plain-text lexer only counts when guessing is allowed.
            if rouge_tag(use) == "plaintext" and not guess_lang:
                return None
            if kind == "block":
                return highlight_block(code, use)
            return highlight_code(code, use)

        return highlight


class _Renderer:
    """markdown-it renderer slot: writes the ``kramdown_root`` token's tree."""

    __output__ = "html"

    def __init__(self, converter: MarkdownConverter) -> None:
        self.converter = converter

    def render(self, tokens: Any, options: Any, env: Any) -> str:
        out = []
        for token in tokens:
            if token.type == "kramdown_root":
                opts = token.meta["options"]
                writer = HtmlWriter(token.meta["root"], opts, self.converter.rules,
                                    _LazyHighlighter(self.converter, opts))
                out.append(writer.convert(token.meta["root"]))
        return "".join(out)


class _LazyHighlighter:
    """The document's highlighter, set up on the first code block or span
    (most documents have none, and the set-up imports the highlighter)."""

    __slots__ = ("converter", "options", "fn")

    def __init__(self, converter: MarkdownConverter, options: dict[str, Any]) -> None:
        self.converter = converter
        self.options = options
        self.fn: Any = None

    def __call__(self, code: str, lang: str | None, kind: str) -> str | None:
        if self.fn is None:
            self.fn = self.converter._highlight(self.options)
        return self.fn(code, lang, kind)  # type: ignore[no-any-return]

"""Jekyll's ``link`` tag (tags/link.rb).

``{% link _posts/2024-01-05-hello.md %}`` prints the URL of the page,
document or static file with that source path, so links break the build
instead of breaking silently.  The path may hold Liquid
(``{% link {{ page.other }} %}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from .. import urls
from ..model import StaticFile

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream


class LinkError(LiquidError):
    """The ``ArgumentError`` Jekyll raises for a path that is nothing's."""


def site_files(site: Any) -> Iterator[Any]:
    """``Site#each_site_file``: pages, static files written, documents written."""
    yield from site.content.pages
    yield from (f for f in site.content.static_files if f.write_allowed())
    yield from (d for d in site.documents if d.write_allowed())


class LinkNode(Node):
    """A parsed ``link`` tag."""

    __slots__ = ("markup", "template")

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup
        self.template: Any = None
        self.blank = False

    def __str__(self) -> str:
        return f"{{% link {self.markup} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from io import StringIO

        if self.template is None:
            self.template = context.env.from_string(self.markup)
        out = StringIO()
        self.template.render_with_context(context, out)
        relative_path = out.getvalue()
        # PathManager.join("", path): File.join gives a single leading slash.
        with_slash = "/" + relative_path.lstrip("/") if not relative_path.startswith("/") else relative_path
        site: Any = getattr(context.env, "site", None)
        baseurl = context.env.config.get("baseurl")  # type: ignore[attr-defined]
        if site is not None:
            # The URL found (or the error) follows from the site's lists.
            site.record_dependency("site.pages")
            site.record_dependency("site.documents")
            for item in site_files(site):
                if item.relative_path in (relative_path, with_slash):
                    if isinstance(item, StaticFile):
                        site.record_dependency("site.static_files")
                    return buffer.write(urls.relative_url(item.url, baseurl))
        raise LinkError(
            f"Could not find document '{relative_path}' in tag 'link'.\n\n"
            "Make sure the document exists and the path is correct.",
            token=self.token,
        )


class LinkTag(Tag):
    """``{% link path %}``."""

    name = "link"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        return LinkNode(token, markup)


def register(env: Any) -> None:
    env.add_tag(LinkTag)

"""Jekyll's ``post_url`` tag (tags/post_url.rb).

``{% post_url 2024-01-05-hello %}`` prints the URL of the post whose file
is ``_posts/2024-01-05-hello.md`` (any extension); ``{% post_url
travel/2024-01-05-hello %}`` finds ``travel/_posts/...`` or
``_posts/travel/...``.  When no post's path matches, Jekyll falls back to
comparing slug and date, which finds posts in subfolders named without
their folder, and warns that the form is deprecated.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from .. import urls

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

    from ..documents import Document

MATCHER = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class PostURLError(LiquidError):
    """``Jekyll::Errors::PostURLError``: a name that is no post's."""


class PostComparer:
    """Matches a ``post_url`` name against posts (``Jekyll::Tags::PostComparer``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        match = MATCHER.match(re.sub(r"^/", "", name, count=1))
        if match is None:
            raise ValueError(
                f"Jekyll::Errors::InvalidPostNameError: '{name}' does not contain valid date and/or title."
            )
        self.path = match.group(1) or ""
        self.date = match.group(2)
        self.slug = match.group(3)
        basename = f"{self.date}-{re.escape(self.slug)}\\.[^.]+"
        self.name_regex = re.compile(f"^_posts/{self.path}{basename}|^{self.path}_posts/?{basename}")

    def matches(self, doc: Document) -> bool:
        return self.name_regex.match(doc.relative_path) is not None

    def deprecated_equality(self, doc: Document) -> bool:
        from ..dates import parse_time

        # post_slug: a post's basename never holds a "/", so this is its slug.
        if self.slug != str(doc.data.get("slug")):
            return False
        try:
            when = parse_time(self.date, doc.ctx.zone, "", doc.ctx.time)
        except LiquidError:
            return False
        other = doc.date()
        return (when.year, when.month, when.day) == (other.year, other.month, other.day)


class PostUrlNode(Node):
    """A parsed ``post_url`` tag."""

    __slots__ = ("comparer", "orig")

    def __init__(self, token: Token, orig: str, comparer: PostComparer) -> None:
        super().__init__(token)
        self.orig = orig
        self.comparer = comparer
        self.blank = False

    def __str__(self) -> str:
        return f"{{% post_url {self.orig} %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        site: Any = getattr(context.env, "site", None)
        posts: list[Document] = list(site.posts) if site is not None else []
        if site is not None:
            site.record_dependency("site.posts")  # the URL found follows from the posts
        baseurl = context.env.config.get("baseurl")  # type: ignore[attr-defined]
        for doc in posts:
            if self.comparer.matches(doc):
                return buffer.write(urls.relative_url(doc.url, baseurl))
        for doc in posts:
            if self.comparer.deprecated_equality(doc):
                site.warn(
                    f"Deprecation: A call to '{{% post_url {self.comparer.name} %}}' did not match "
                    "a post using the new matching method of checking name (path-date-slug) "
                    "equality. Please make sure that you change this tag to match the post's "
                    "name exactly."
                )
                return buffer.write(urls.relative_url(doc.url, baseurl))
        raise PostURLError(
            f"Could not find post \"{self.orig}\" in tag 'post_url'.\n"
            "Make sure the post exists and the name is correct.",
            token=self.token,
        )


class PostUrlTag(Tag):
    """``{% post_url name %}``."""

    name = "post_url"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""
        try:
            comparer = PostComparer(markup)
        except ValueError as err:
            raise PostURLError(
                f"Could not parse name of post \"{markup}\" in tag 'post_url'.\n"
                " Make sure the post exists and the name is correct.\n"
                f" {err}",
                token=token,
            ) from None
        return PostUrlNode(token, markup, comparer)


def register(env: Any) -> None:
    env.add_tag(PostUrlTag)

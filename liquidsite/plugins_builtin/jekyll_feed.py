"""jekyll-feed 0.17.0: an Atom feed of the posts, and ``{% feed_meta %}``.

Mirrors lib/jekyll-feed/generator.rb and meta-tag.rb.  The generator adds
``/feed.xml`` (or ``feed: path:``), one feed per configured category and
collection and, with ``feed: tags:``, one per tag, each unless the site
has that file itself; ``feed: disable_in_development`` skips them all
when ``JEKYLL_ENV`` is development.  The feed's template is written here
without the whitespace the gem squeezes out of its own before rendering.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, TextIO

from liquid.ast import Node
from liquid.tag import Tag
from liquid.token import Token

from .. import values
from ..tags.markup import read_markup
from ..filters.urls import absolute_url
from .generated import add_pages, make_page, source_exists

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

    from ..environment import JekyllEnvironment
    from ..plugins import Registry
    from ..site import Site

_ESC = " | xml_escape }}"

FEED_TEMPLATE = "".join(
    [
        '<?xml version="1.0" encoding="utf-8"?>',
        "{% if page.xsl %}",
        "<?xml-stylesheet type=\"text/xml\" href=\"{{ '/feed.xslt.xml' | absolute_url }}\"?>",
        "{% endif %}",
        '<feed xmlns="http://www.w3.org/2005/Atom" ',
        '{% if site.lang %}xml:lang="{{ site.lang }}"{% endif %}>',
        '<generator uri="https://jekyllrb.com/" version="{{ jekyll.version }}">Jekyll</generator>',
        '<link href="{{ page.url | absolute_url }}" rel="self" type="application/atom+xml" />',
        "<link href=\"{{ '/' | absolute_url }}\" rel=\"alternate\" type=\"text/html\" ",
        '{% if site.lang %}hreflang="{{ site.lang }}" {% endif %}/>',
        "<updated>{{ site.time | date_to_xmlschema }}</updated>",
        "<id>{{ page.url | absolute_url" + _ESC + "</id>",
        # The feed's title: the site's, then the collection and category.
        "{% assign feed_title = site.title | default: site.name %}",
        '{% if page.collection != "posts" %}',
        "{% assign feed_part = page.collection | capitalize %}",
        '{% assign feed_title = feed_title | append: " | " | append: feed_part %}',
        "{% endif %}",
        "{% if page.category %}",
        "{% assign feed_part = page.category | capitalize %}",
        '{% assign feed_title = feed_title | append: " | " | append: feed_part %}',
        "{% endif %}",
        '{% if feed_title %}<title type="html">{{ feed_title | smartify' + _ESC + "</title>{% endif %}",
        "{% if site.description %}<subtitle>{{ site.description" + _ESC + "</subtitle>{% endif %}",
        "{% if site.author %}<author>",
        "<name>{{ site.author.name | default: site.author" + _ESC + "</name>",
        "{% if site.author.email %}<email>{{ site.author.email" + _ESC + "</email>{% endif %}",
        "{% if site.author.uri %}<uri>{{ site.author.uri" + _ESC + "</uri>{% endif %}",
        "</author>{% endif %}",
        # Which posts: a tag's, else the collection's; a category's; no drafts.
        "{% if page.tags %}{% assign entries = site.tags[page.tags] %}",
        "{% else %}{% assign entries = site[page.collection] %}{% endif %}",
        "{% if page.category %}",
        '{% assign entries = entries | where: "categories", page.category %}',
        "{% endif %}",
        "{% unless site.show_drafts %}",
        '{% assign entries = entries | where_exp: "e", "e.draft != true" %}',
        "{% endunless %}",
        '{% assign entries = entries | sort: "date" | reverse %}',
        "{% assign entries_limit = site.feed.posts_limit | default: 10 %}",
        "{% for e in entries limit: entries_limit %}",
        '<entry{% if e.lang %}{{" "}}xml:lang="{{ e.lang }}"{% endif %}>',
        "{% assign e_title = e.title | smartify | strip_html | normalize_whitespace | xml_escape %}",
        '<title type="html">{{ e_title }}</title>',
        '<link href="{{ e.url | absolute_url }}" rel="alternate" type="text/html" '
        'title="{{ e_title }}" />',
        "<published>{{ e.date | date_to_xmlschema }}</published>",
        "<updated>{{ e.last_modified_at | default: e.date | date_to_xmlschema }}</updated>",
        "<id>{{ e.id | absolute_url" + _ESC + "</id>",
        "{% assign e_excerpt_only = e.feed.excerpt_only | default: site.feed.excerpt_only %}",
        "{% unless e_excerpt_only %}",
        '<content type="html" xml:base="{{ e.url | absolute_url' + _ESC + '">',
        "<![CDATA[{{ e.content | strip }}]]></content>",
        "{% endunless %}",
        # The entry's author: its own, its first of several, or the site's.
        "{% assign e_author = e.author | default: e.authors[0] | default: site.author %}",
        "{% assign e_author = site.data.authors[e_author] | default: e_author %}",
        "{% assign e_author_email = e_author.email | default: nil %}",
        "{% assign e_author_uri = e_author.uri | default: nil %}",
        "{% assign e_author_name = e_author.name | default: e_author %}",
        '<author><name>{{ e_author_name | default: ""' + _ESC + "</name>",
        "{% if e_author_email %}<email>{{ e_author_email" + _ESC + "</email>{% endif %}",
        "{% if e_author_uri %}<uri>{{ e_author_uri" + _ESC + "</uri>{% endif %}",
        "</author>",
        '{% if e.category %}<category term="{{ e.category' + _ESC + '" />',
        "{% elsif e.categories %}{% for term in e.categories %}",
        '<category term="{{ term' + _ESC + '" />',
        "{% endfor %}{% endif %}",
        '{% for term in e.tags %}<category term="{{ term' + _ESC + '" />{% endfor %}',
        "{% assign e_summary = e.description | default: e.excerpt %}",
        "{% if e_summary and e_summary != empty %}",
        '<summary type="html"><![CDATA[{{ e_summary | strip_html | normalize_whitespace }}]]>'
        "</summary>",
        "{% endif %}",
        "{% assign e_image = e.image.path | default: e.image %}",
        "{% if e_image %}",
        '{% unless e_image contains "://" %}',
        "{% assign e_image = e_image | absolute_url %}",
        "{% endunless %}",
        '<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" '
        'url="{{ e_image' + _ESC + '" />',
        '<media:content medium="image" url="{{ e_image' + _ESC + '" '
        'xmlns:media="http://search.yahoo.com/mrss/" />',
        "{% endif %}",
        "</entry>",
        "{% endfor %}",
        "</feed>",
    ]
)

_TAG_NAME = re.compile(r"[^a-zA-Z0-9_]")


def feed_config(config: Mapping[str, Any]) -> dict[str, Any]:
    value = config.get("feed")
    return dict(value) if isinstance(value, Mapping) else {}


def feed_collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """generator.rb ``collections``: each collection's feed path and categories."""
    configured = config.get("collections")
    if isinstance(configured, list):
        collections: dict[str, dict[str, Any]] = {str(c): {} for c in configured}
    elif isinstance(configured, Mapping):
        collections = {
            str(k): dict(v) if isinstance(v, Mapping) else {} for k, v in configured.items()
        }
    else:
        collections = {}
    posts = collections.setdefault("posts", {})
    if posts.get("path") is None:
        posts["path"] = config.get("path")
    if posts.get("categories") is None:
        posts["categories"] = config.get("categories")
    for meta in collections.values():
        categories = meta.get("categories") or []
        meta["categories"] = list(dict.fromkeys(categories if isinstance(categories, list) else [categories]))
    return collections


def feed_path(collections: Mapping[str, Mapping[str, Any]], collection: str, category: Any) -> str:
    prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
    if category is not None:
        return f"{prefix}/{values.to_s(category)}.xml"
    path = (collections.get(collection) or {}).get("path")
    return str(path) if path else f"{prefix}.xml"


def generate(site: Site) -> None:
    """The plugin's generator (generator.rb ``generate``)."""
    config = feed_config(site.config)
    if config.get("disable_in_development") and (
        os.environ.get("JEKYLL_ENV") or "development"
    ) == "development":
        return
    collections = feed_collections(config)
    xsl = source_exists(site, "feed.xslt.xml")
    origin = Path(__file__)
    pages = []

    def page_for(path: str, collection: str, category: Any, tags: Any) -> None:
        data = {
            "sitemap": False,
            "xsl": xsl,
            "collection": collection,
            "category": category,
            "tags": tags,
        }
        pages.append(make_page(site, path, FEED_TEMPLATE, data, origin))

    for name, meta in collections.items():
        for category in [*meta["categories"], None]:
            path = feed_path(collections, name, category)
            if not source_exists(site, path):
                page_for(path, name, category, None)
    tags_config = config.get("tags")
    site_tags = site.drop.get("tags") or {}
    if tags_config and site_tags:
        options = tags_config if isinstance(tags_config, Mapping) else {}
        only = options.get("only") or list(site_tags)
        except_ = options.get("except") or []
        prefix = options.get("path") or "/feed/by_tag/"
        for tag in [t for t in only if t not in except_]:
            if _TAG_NAME.search(str(tag)):
                continue
            path = f"{prefix}{tag}.xml"
            if not source_exists(site, path):
                page_for(path, "posts", None, tag)
    add_pages(site, pages)


class FeedMetaNode(Node):
    """``{% feed_meta %}``: the ``<link>`` that points browsers at the feed."""

    __slots__ = ()

    def __init__(self, token: Token) -> None:
        super().__init__(token)
        self.blank = False

    def __str__(self) -> str:
        return "{% feed_meta %}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        config = env.config
        path = feed_config(config).get("path") or "feed.xml"
        title = config.get("title") or config.get("name")
        attributes = [
            ("type", "application/atom+xml"),
            ("rel", "alternate"),
            ("href", absolute_url(path, environment=env)),
        ]
        if title:
            attributes.append(("title", title))
        # String#encode(xml: :attr): quoted, with & < > " escaped.
        attrs = " ".join(f"{key}={xml_attr(values.to_s(value))}" for key, value in attributes)
        return buffer.write(f"<link {attrs} />")


def xml_attr(text: str) -> str:
    escaped = (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
    return f'"{escaped}"'


class FeedMetaTag(Tag):
    name = "feed_meta"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, _ = read_markup(stream)  # the tag takes no arguments and ignores any
        return FeedMetaNode(token)


def register(registry: Registry) -> None:
    registry.add_tag(FeedMetaTag)
    registry.add_generator(generate, priority="lowest")

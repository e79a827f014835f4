"""jekyll-seo-tag 2.8.0: ``{% seo %}`` writes title, meta and JSON-LD tags.

Mirrors jekyll-seo-tag.rb, drop.rb, author_drop.rb, image_drop.rb and
json_ld_drop.rb.  The gem renders a Liquid template with its whitespace
squeezed out; the same lines are written here directly, in the same order,
each ending in a newline.  ``{% seo title=false %}`` leaves out ``<title>``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping, TextIO

from liquid.ast import Node
from liquid.tag import Tag
from liquid.token import Token

from .. import values
from ..tags.markup import read_markup
from ..drops.site import JEKYLL_VERSION
from ..filters.dates import date_to_xmlschema
from ..filters.json import to_json
from ..filters.standard import escape_once, strip_html
from ..filters.strings import normalize_whitespace, uri_escape_text
from ..filters.urls import absolute_url
from . import blank, dig, lookup, truthy

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

    from ..environment import JekyllEnvironment
    from ..plugins import Registry

VERSION = "2.8.0"
TITLE_SEPARATOR = " | "
HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$", re.MULTILINE)
_SCHEME = re.compile(r"^([^:/?#]+):")
_VALID_SCHEME = re.compile(r"\A[a-z][a-z0-9.+\-]*\Z", re.IGNORECASE)


def is_absolute_url(value: Any) -> bool | None:
    """url_helper.rb ``absolute_url?``: ``Addressable::URI.parse(s).absolute?``.

    ``None`` for what Addressable cannot parse (an invalid scheme).
    """
    if value is None:
        return None
    match = _SCHEME.match(str(value))
    if match is None:
        return False
    return True if _VALID_SCHEME.match(match.group(1)) else None


class SeoData:
    """``Jekyll::SeoTag::Drop``: what the tag prints for one page."""

    def __init__(self, text: str, env: JekyllEnvironment, page: Any, paginator: Any) -> None:
        self.text = text
        self.env = env
        self.page = page if isinstance(page, Mapping) else {}
        self.site = env.site.drop if env.site is not None else dict(env.config)
        self.paginator = paginator

    # -- helpers ----------------------------------------------------------
    def format_string(self, value: Any) -> str | None:
        """markdownify, strip_html, normalize_whitespace, escape_once; empty is nil."""
        text = self.env.markdownify(values.ruby_to_s(value))
        text = escape_once(normalize_whitespace(strip_html(text)))
        return text or None

    def absolute_url(self, value: Any) -> Any:
        return absolute_url(value, environment=self.env)

    def xmlschema(self, value: Any) -> Any:
        return date_to_xmlschema(value, environment=self.env)

    def page_seo(self) -> Mapping[str, Any]:
        seo = lookup(self.page, "seo")
        return seo if isinstance(seo, Mapping) else {}

    def site_social(self) -> Mapping[str, Any]:
        social = lookup(self.site, "social")
        return social if isinstance(social, Mapping) else {}

    def homepage_or_about(self) -> bool:
        return HOMEPAGE_OR_ABOUT.search(values.to_s(lookup(self.page, "url"))) is not None

    # -- titles -------------------------------------------------------------
    def site_title(self) -> str | None:
        title = lookup(self.site, "title")
        return self.format_string(title if truthy(title) else lookup(self.site, "name"))

    def site_description(self) -> str | None:
        return self.format_string(lookup(self.site, "description"))

    def site_tagline_or_description(self) -> str | None:
        return self.format_string(lookup(self.site, "tagline")) or self.site_description()

    def page_title(self) -> str | None:
        return self.format_string(lookup(self.page, "title")) or self.site_title()

    def page_number(self) -> str | None:
        current = lookup(self.paginator, "page")
        if not truthy(current):
            return None
        total = lookup(self.paginator, "total_pages")
        message = lookup(self.site, "seo_paginator_message") or "Page %<current>s of %<total>s for "
        if isinstance(current, int) and current > 1:
            return (
                str(message)
                .replace("%<current>s", values.to_s(current))
                .replace("%<total>s", values.to_s(total))
            )
        return None

    def title(self) -> str | None:
        site_title, page_title = self.site_title(), self.page_title()
        if site_title and page_title != site_title:
            title: str | None = page_title + TITLE_SEPARATOR + site_title  # type: ignore[operator]
        elif self.site_description() and site_title:
            title = site_title + TITLE_SEPARATOR + (self.site_tagline_or_description() or "")
        else:
            title = page_title or site_title
        number = self.page_number()
        return number + title if number and title is not None else title

    def show_title(self) -> bool:
        return bool(self.title()) and re.search("title=false", self.text, re.IGNORECASE) is None

    def name(self) -> str | None:
        seo_name = self.page_seo().get("name")
        if seo_name:
            return self.format_string(seo_name)
        if not self.homepage_or_about():
            return None
        social_name = self.site_social().get("name")
        if social_name:
            return self.format_string(social_name)
        return self.site_title()

    def description(self) -> str | None:
        text = lookup(self.page, "description")
        if not truthy(text):
            text = lookup(self.page, "excerpt")
        return self.format_string(text) or self.site_description()

    # -- author and image ---------------------------------------------------
    def author(self) -> dict[str, Any]:
        """author_drop.rb: the author hash (``name`` and any other keys)."""
        sources = [lookup(self.page, "author")]
        authors = lookup(self.page, "authors")
        if isinstance(authors, list):
            sources.append(authors[0] if authors else None)
        sources.append(lookup(self.site, "author"))
        resolved = next((s for s in sources if values.ruby_to_s(s) != ""), None)
        if isinstance(resolved, Mapping):
            return dict(resolved)
        if isinstance(resolved, str):
            result: dict[str, Any] = {"name": resolved}
            authors_data = dig(self.site, "data", "authors")
            if isinstance(authors_data, Mapping):
                extra = authors_data.get(resolved)
                if isinstance(extra, Mapping):
                    result.update(extra)
            return result
        return {}

    @staticmethod
    def author_twitter(author: Mapping[str, Any]) -> str | None:
        twitter = author.get("twitter")
        if not truthy(twitter):
            twitter = author.get("name")
        return re.sub(r"^@", "", twitter, count=1) if isinstance(twitter, str) else None

    def image(self) -> dict[str, Any] | None:
        """image_drop.rb: the image hash with ``path`` the escaped absolute URL."""
        meta = lookup(self.page, "image")
        if isinstance(meta, Mapping):
            image: dict[str, Any] = {"path": None, **meta}
        elif isinstance(meta, str):
            image = {"path": meta}
        else:
            image = {"path": None}
        raw = image.get("path") or image.get("facebook") or image.get("twitter")
        if not truthy(raw):
            return None
        if isinstance(raw, str) and is_absolute_url(raw) is False:
            raw = self.absolute_url(raw)
        if not truthy(raw):
            return None
        image["path"] = uri_escape_text(values.to_s(raw))
        return image

    # -- page facts ---------------------------------------------------------
    def page_lang(self) -> Any:
        return lookup(self.page, "lang") or lookup(self.site, "lang") or "en_US"

    def page_locale(self) -> str:
        locale = lookup(self.page, "locale") or lookup(self.site, "locale") or self.page_lang()
        return values.to_s(locale).replace("-", "_")

    def canonical_url(self) -> Any:
        canonical = lookup(self.page, "canonical_url")
        if values.ruby_to_s(canonical) == "":
            url = values.to_s(self.absolute_url(lookup(self.page, "url")))
            return re.sub(r"/index\.html$", "/", url, count=1)
        return canonical

    def date_modified(self) -> Any:
        date = self.page_seo().get("date_modified") or lookup(self.page, "last_modified_at")
        if not truthy(date):
            date = lookup(self.page, "date")
        return self.xmlschema(date) if truthy(date) else None

    def date_published(self) -> Any:
        date = lookup(self.page, "date")
        return self.xmlschema(date) if truthy(date) else None

    def type(self) -> Any:
        seo_type = self.page_seo().get("type")
        if seo_type:
            return seo_type
        if self.homepage_or_about():
            return "WebSite"
        if truthy(lookup(self.page, "date")):
            return "BlogPosting"
        return "WebPage"

    def links(self) -> Any:
        links = self.page_seo().get("links")
        if links:
            return links
        if self.homepage_or_about() and self.site_social().get("links"):
            return self.site_social().get("links")
        return None

    def logo(self) -> str | None:
        logo = lookup(self.site, "logo")
        if not truthy(logo):
            return None
        if is_absolute_url(logo):
            return uri_escape_text(values.to_s(logo))
        return uri_escape_text(values.to_s(self.absolute_url(logo)))

    # -- JSON-LD --------------------------------------------------------------
    def json_ld(self) -> str:
        """json_ld_drop.rb ``to_json``: keys sorted, nil values left out."""
        author = self.author()
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": self.type()}
        if author.get("name"):
            author_type = author.get("type")
            if not author_type or author_type in ("Organization", "Person"):
                entry = {"@type": author_type or "Person", "name": author["name"]}
                if author.get("url"):
                    entry["url"] = author["url"]
                data["author"] = entry
        data["dateModified"] = self.date_modified()
        data["datePublished"] = self.date_published()
        data["description"] = self.description()
        data["headline"] = self.page_title()
        image = self.image()
        if image is not None:
            if len(image) == 1:
                data["image"] = image["path"]
            else:
                entry = {k: v for k, v in image.items() if k != "path"}
                entry["url"] = image["path"]
                entry["@type"] = "imageObject"
                data["image"] = entry
        if self.type() in ("BlogPosting", "CreativeWork"):
            data["mainEntityOfPage"] = {"@type": "WebPage", "@id": self.canonical_url()}
        data["name"] = self.name()
        logo = self.logo()
        if logo:
            publisher: dict[str, Any] = {
                "@type": "Organization",
                "logo": {"@type": "ImageObject", "url": logo},
            }
            if author.get("name"):
                publisher["name"] = author["name"]
            data["publisher"] = publisher
        data["sameAs"] = self.links()
        data["url"] = self.canonical_url()
        ordered = {k: data[k] for k in sorted(data) if data[k] is not None}
        return to_json(ordered)

    # -- the tag's output ------------------------------------------------------
    def lines(self) -> Iterable[str]:
        """The template's lines, in its order (lib/template.html)."""
        s = values.to_s
        site, page = self.site, self.page
        yield f"<!-- Begin Jekyll SEO tag v{VERSION} -->"
        if self.show_title():
            yield f"<title>{s(self.title())}</title>"
        yield f'<meta name="generator" content="Jekyll v{JEKYLL_VERSION}" />'
        page_title = self.page_title()
        if page_title:
            yield f'<meta property="og:title" content="{page_title}" />'
        author = self.author()
        if truthy(author.get("name")):
            yield f'<meta name="author" content="{s(author["name"])}" />'
        yield f'<meta property="og:locale" content="{self.page_locale()}" />'
        description = self.description()
        if description:
            yield f'<meta name="description" content="{description}" />'
            yield f'<meta property="og:description" content="{description}" />'
        if truthy(lookup(site, "url")):
            canonical = s(self.canonical_url())
            yield f'<link rel="canonical" href="{canonical}" />'
            yield f'<meta property="og:url" content="{canonical}" />'
        site_title = self.site_title()
        if site_title:
            yield f'<meta property="og:site_name" content="{site_title}" />'
        image = self.image()
        if image is not None:
            yield f'<meta property="og:image" content="{image["path"]}" />'
            for key in ("height", "width", "alt"):
                if truthy(image.get(key)):
                    yield f'<meta property="og:image:{key}" content="{s(image[key])}" />'
        if truthy(lookup(page, "date")):
            yield '<meta property="og:type" content="article" />'
            published = s(self.xmlschema(lookup(page, "date")))
            yield f'<meta property="article:published_time" content="{published}" />'
        else:
            yield '<meta property="og:type" content="website" />'
        paginator = self.paginator
        if truthy(lookup(paginator, "previous_page")):
            href = s(self.absolute_url(lookup(paginator, "previous_page_path")))
            yield f'<link rel="prev" href="{href}" />'
        if truthy(lookup(paginator, "next_page")):
            href = s(self.absolute_url(lookup(paginator, "next_page_path")))
            yield f'<link rel="next" href="{href}" />'
        if image is not None:
            card = dig(page, "twitter", "card")
            if blank(card):
                card = dig(site, "twitter", "card")
            if blank(card):
                card = "summary_large_image"
            yield f'<meta name="twitter:card" content="{s(card)}" />'
            yield f'<meta property="twitter:image" content="{image["path"]}" />'
        else:
            yield '<meta name="twitter:card" content="summary" />'
        if image is not None and truthy(image.get("alt")):
            yield f'<meta name="twitter:image:alt" content="{s(image["alt"])}" />'
        if page_title:
            yield f'<meta property="twitter:title" content="{page_title}" />'
        if truthy(lookup(site, "twitter")):
            username = s(dig(site, "twitter", "username")).replace("@", "")
            yield f'<meta name="twitter:site" content="@{username}" />'
            creator = self.author_twitter(author)
            if creator:
                yield f'<meta name="twitter:creator" content="@{creator.replace("@", "")}" />'
        yield from self.facebook_lines()
        yield from self.verification_lines()
        yield '<script type="application/ld+json">'
        yield self.json_ld() + "</script>"
        yield "<!-- End Jekyll SEO tag -->"

    def facebook_lines(self) -> Iterable[str]:
        facebook = lookup(self.site, "facebook")
        if not truthy(facebook):
            return
        s = values.to_s
        if truthy(lookup(facebook, "admins")):
            yield f'<meta property="fb:admins" content="{s(facebook["admins"])}" />'
        if truthy(lookup(facebook, "publisher")):
            yield f'<meta property="article:publisher" content="{s(facebook["publisher"])}" />'
        if truthy(lookup(facebook, "app_id")):
            yield f'<meta property="fb:app_id" content="{s(facebook["app_id"])}" />'

    def verification_lines(self) -> Iterable[str]:
        s = values.to_s
        verifications = lookup(self.site, "webmaster_verifications")
        if truthy(verifications):
            names = (
                ("google", "google-site-verification"),
                ("bing", "msvalidate.01"),
                ("alexa", "alexaVerifyID"),
                ("yandex", "yandex-verification"),
                ("baidu", "baidu-site-verification"),
                ("facebook", "facebook-domain-verification"),
            )
            for key, meta in names:
                value = lookup(verifications, key)
                if truthy(value):
                    yield f'<meta name="{meta}" content="{s(value)}" />'
        elif truthy(lookup(self.site, "google_site_verification")):
            value = s(lookup(self.site, "google_site_verification"))
            yield f'<meta name="google-site-verification" content="{value}" />'

    def render(self) -> str:
        return "".join(line + "\n" for line in self.lines())


class SeoNode(Node):
    """A parsed ``{% seo %}``."""

    __slots__ = ("text",)

    def __init__(self, token: Token, text: str) -> None:
        super().__init__(token)
        self.text = text
        self.blank = False

    def __str__(self) -> str:
        return f"{{% seo {self.text} %}}" if self.text else "{% seo %}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        page = context.resolve("page", default=None)
        paginator = context.resolve("paginator", default=None)
        return buffer.write(SeoData(self.text, env, page, paginator).render())


class SeoTag(Tag):
    """``{% seo %}`` and ``{% seo title=false %}``."""

    name = "seo"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = read_markup(stream)
        return SeoNode(token, text)


def register(registry: Registry) -> None:
    registry.add_tag(SeoTag)

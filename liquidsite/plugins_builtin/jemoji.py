"""jemoji: GitHub emoji shortcodes (``:+1:``) become emoji, in unicode.

Mirrors lib/jemoji.rb of jemoji 0.13.0, which runs html-pipeline's
EmojiFilter over every HTML page and written document after it is
rendered (a ``post_render`` hook).  The differences are deliberate:

- the shortcode becomes the emoji character itself (``👍``), not an
  ``<img class="emoji">`` pointing at GitHub's servers, so ``emoji: src:``
  has nothing to configure;
- GitHub's custom emoji with no unicode character (``:octocat:``,
  ``:shipit:`` ...) are left as written;
- the rest of the HTML is kept byte for byte, where the gem re-serializes
  the whole fragment through Nokogiri.

The shortcode table is gemoji's own ``db/emoji.json`` (the database jemoji
reads through the gemoji gem), as shipped by the ``emojis`` package.
As in the plugin, only text is changed: not tags or attributes, not text
inside ``<pre>``, ``<code>`` or ``<tt>``, and, in a page with a ``<body``,
only the body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# html-pipeline's EmojiFilter DEFAULT_IGNORED_ANCESTOR_TAGS.
IGNORED_ANCESTOR_TAGS = frozenset(("pre", "code", "tt"))
# Elements whose text is raw: a "<" inside them starts no tag.
_RAW_TEXT = frozenset(("script", "style"))
# jemoji.rb OPENING_BODY_TAG_REGEX (multiline, so a body tag may span lines).
_OPENING_BODY = re.compile(r"<body(.*?)>\s*", re.S)
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>?|</?([A-Za-z][^\s/>]*)[^>]*>?",
    re.S,
)


@lru_cache(maxsize=1)
def shortcodes() -> dict[str, str]:
    """gemoji's aliases (``+1``, ``smile`` ...) and the emoji each stands for."""
    # The gemoji database, generated from its emoji.json (the package has no types).
    from emojis.db import db  # type: ignore[import-untyped]

    table: dict[str, str] = {}
    for entry in db.EMOJI_DB:
        for alias in entry.aliases:
            table.setdefault(alias, entry.emoji)
    return table


@lru_cache(maxsize=1)
def shortcode_pattern() -> re.Pattern[str]:
    """EmojiFilter.emoji_pattern: ``:(name|name|...):`` over the sorted names."""
    names = sorted(shortcodes())
    return re.compile(":(" + "|".join(re.escape(n) for n in names) + "):")


def emojify_text(text: str) -> str:
    """Replace every known ``:shortcode:`` in a run of text."""
    if ":" not in text:
        return text
    table = shortcodes()
    return shortcode_pattern().sub(lambda m: table[m.group(1)], text)


def emojify_html(html: str) -> str:
    """Replace shortcodes in the text of an HTML fragment, outside pre/code/tt."""
    out: list[str] = []
    ignored = 0
    pos = 0
    length = len(html)
    while pos < length:
        match = _MARKUP.search(html, pos)
        if match is None:
            out.append(html[pos:] if ignored else emojify_text(html[pos:]))
            break
        text = html[pos : match.start()]
        out.append(text if ignored else emojify_text(text))
        out.append(match.group(0))
        pos = match.end()
        name = (match.group(1) or "").lower()
        if not name:
            continue
        closing = match.group(0).startswith("</")
        if name in IGNORED_ANCESTOR_TAGS and not match.group(0).endswith("/>"):
            ignored = max(0, ignored - 1) if closing else ignored + 1
        elif name in _RAW_TEXT and not closing:
            end = re.compile(r"</" + name + r"\b", re.I).search(html, pos)
            stop = end.start() if end else length
            raw = html[pos:stop]
            out.append(raw if ignored else emojify_text(raw))
            pos = stop
    return "".join(out)


def emojify(output: str) -> str:
    """``Jekyll::Emoji.emojify``: a whole page's output, body only when it has one."""
    if shortcode_pattern().search(output) is None:
        return output
    if "<body" not in output:
        return emojify_html(output)
    opener = _OPENING_BODY.search(output)
    if opener is None:
        # String#partition finds no match: everything is the head.
        return output
    tail = output[opener.end() :]
    body, closing, rest = tail.partition("</body>")
    return output[: opener.end()] + emojify_html(body) + closing + rest


def emojiable(item: Any, writes: bool = True) -> bool:
    """``Jekyll::Emoji.emojiable?``: HTML pages and written documents, or any
    with a permalink ending in ``/``."""
    permalink = item.permalink
    return (writes and item.output_ext == ".html") or bool(permalink and permalink.endswith("/"))


def post_render(site: Site) -> None:
    """The gem's ``[:pages, :documents], :post_render`` hook, once everything is rendered."""
    for page in site.content.pages:
        if page.output and emojiable(page):
            page.output = emojify(page.output)
    for doc in getattr(site, "documents", ()):
        if doc.output and emojiable(doc, doc.write_allowed()):
            doc.output = emojify(doc.output)


def register(registry: Registry) -> None:
    registry.on("site:post_render", post_render)

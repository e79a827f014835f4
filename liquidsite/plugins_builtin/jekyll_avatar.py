"""jekyll-avatar: ``{% avatar hubot size=50 %}`` writes a GitHub avatar ``<img>``.

Mirrors lib/jekyll-avatar.rb of jekyll-avatar 0.8.0.  The tag's text is
rendered as Liquid first (``{% avatar {{ page.author }} %}``); ``user=NAME``
instead names a variable to read (``user=page.author``).  Size and the user
variable are read once from the text as written, ``lazy=true`` from the
rendered text.  The image is served by ``avatarsN.githubusercontent.com``,
N being the CRC-32 of the path modulo 4, or by ``PAGES_AVATARS_URL``.
Nothing is fetched: the tag only writes URLs.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urljoin

from liquid.ast import Node
from liquid.tag import Tag
from liquid.token import Token

from .. import values
from ..tags.markup import read_markup

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream
    from liquid.template import BoundTemplate

    from ..plugins import Registry

SERVERS = 4
DEFAULT_SIZE = "40"
API_VERSION = "3"
SCALES = (1, 2, 3, 4)
_SIZE_RE = re.compile(r"\bsize=(\d+)\b", re.I)
_USER_RE = re.compile(r"\buser=([\w.]+)\b", re.ASCII)


def lookup_variable(context: RenderContext, variable: str) -> Any:
    """Jekyll's ``LiquidExtensions#lookup_variable``: the value, else the name itself."""
    path: list[object] = list(variable.split("."))
    value = context.get(path, token=None, default=None)
    return variable if value is None or value is False else value


class AvatarNode(Node):
    """A parsed ``{% avatar ... %}``."""

    __slots__ = ("text", "markup", "size", "user_variable", "custom_host")

    def __init__(self, token: Token, text: str, markup: BoundTemplate) -> None:
        super().__init__(token)
        self.blank = False
        self.text = text
        self.markup = markup
        match = _SIZE_RE.search(text)
        self.size = match.group(1) if match else DEFAULT_SIZE
        match = _USER_RE.search(text)
        self.user_variable = match.group(1) if match else None
        self.custom_host = os.environ.get("PAGES_AVATARS_URL") or ""

    def __str__(self) -> str:
        return f"{{% avatar {self.text} %}}"

    def username(self, context: RenderContext, rendered: str) -> str:
        if self.user_variable is not None:
            return values.to_s(lookup_variable(context, self.user_variable))
        if " " in rendered:
            words = rendered.split()
            result = words[0] if words else ""
        else:
            result = rendered
        return result.replace("@", "", 1) if result.startswith("@") else result

    def path(self, username: str, scale: int = 1) -> str:
        size = self.size if scale == 1 else str(int(self.size) * scale)
        return f"{username}?v={API_VERSION}&s={size}"

    def url(self, username: str, scale: int = 1) -> str:
        path = self.path(username, scale)
        if self.custom_host:
            host = self.custom_host if self.custom_host.endswith("/") else self.custom_host + "/"
            return urljoin(host, path)
        server = zlib.crc32(self.path(username).encode("utf-8")) % SERVERS
        return f"https://avatars{server}.githubusercontent.com/{path}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = io.StringIO()
        self.markup.render_with_context(context, inner)
        rendered = inner.getvalue()
        username = self.username(context, rendered)
        srcset = ", ".join(f"{self.url(username, s)} {s}x" for s in SCALES)
        attributes = {
            "class": "avatar avatar-small" if int(self.size) < 48 else "avatar",
            "alt": username,
            "width": self.size,
            "height": self.size,
            "data-proofer-ignore": "true",
        }
        if "lazy=true" in rendered:
            attributes.update({"src": "", "data-src": self.url(username), "data-srcset": srcset})
        else:
            attributes.update({"src": self.url(username), "srcset": srcset})
        text = " ".join(f'{key}="{value}"' for key, value in attributes.items())
        return buffer.write(f"<img {text} />")


class AvatarTag(Tag):
    """``{% avatar USER [size=N] [lazy=true] %}`` or ``{% avatar user=VARIABLE %}``."""

    name = "avatar"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = read_markup(stream)
        text = text.strip()
        return AvatarNode(token, text, self.env.from_string(text))


def register(registry: Registry) -> None:
    registry.add_tag(AvatarTag)

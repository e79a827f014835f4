"""URL filters: ``relative_url``, ``absolute_url``, ``strip_index``
(filters/url_filters.rb).  The URL logic itself lives in liquidsite.urls."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from .. import urls

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment


def _url_of(value: Any) -> Any:
    url = getattr(value, "url", None)
    if url is not None and not callable(url):
        return url
    return value


@with_environment
def relative_url(value: Any, *, environment: JekyllEnvironment) -> str | None:
    if value is None:
        return None
    value = _url_of(value)
    from ..values import to_s

    return urls.relative_url(to_s(value), environment.config.get("baseurl"))


@with_environment
def absolute_url(value: Any, *, environment: JekyllEnvironment) -> str | None:
    if value is None:
        return None
    value = _url_of(value)
    from ..values import to_s

    return urls.absolute_url(
        to_s(value), environment.config.get("url"), environment.config.get("baseurl")
    )


def strip_index(value: Any) -> Any:
    if value is None or str(value) == "":
        return None
    return re.sub(r"/index\.html?$", "/", str(value), count=1)


def register(env: JekyllEnvironment) -> None:
    env.add_filter("relative_url", relative_url)
    env.add_filter("absolute_url", absolute_url)
    env.add_filter("strip_index", strip_index)

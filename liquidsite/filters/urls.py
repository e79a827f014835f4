"""URL filters: ``relative_url``, ``absolute_url``, ``strip_index``
(filters/url_filters.rb).  The URL logic itself lives in liquidsite.urls."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from liquid.filter import with_environment

from .. import urls
from ._ruby import nil, require_string, to_s

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment


def _url_of(value: Any) -> Any:
    # `input = input.url if input.respond_to?(:url)`: documents and pages.
    url = getattr(value, "url", None)
    if url is not None and not callable(url) and not isinstance(value, (dict, list, str)):
        return url
    return value


def _cache(environment: JekyllEnvironment) -> dict[tuple[str, str], str]:
    """Results by (filter, input) for this build: pages repeat the same URLs
    (navigation, assets) thousands of times, and the answer depends only on
    the input and the configuration, which a build never changes."""
    cache: dict[tuple[str, str], str] | None = getattr(environment, "url_filter_cache", None)
    if cache is None:
        cache = {}
        environment.url_filter_cache = cache  # type: ignore[attr-defined]
    return cache


@with_environment
def relative_url(value: Any, *, environment: JekyllEnvironment) -> str | None:
    """*value* under the site's ``baseurl``, unless it is an absolute URL."""
    value = nil(value)
    if value is None:
        return None
    text = to_s(_url_of(value))
    cache = _cache(environment)
    result = cache.get(("relative", text))
    if result is None:
        result = urls.relative_url(text, environment.config.get("baseurl"))
        if result is not None:
            cache[("relative", text)] = result
    return result


@with_environment
def absolute_url(value: Any, *, environment: JekyllEnvironment) -> str | None:
    """*value* under the site's ``url`` and ``baseurl``."""
    value = nil(value)
    if value is None:
        return None
    text = to_s(_url_of(value))
    cache = _cache(environment)
    result = cache.get(("absolute", text))
    if result is None:
        result = urls.absolute_url(
            text, environment.config.get("url"), environment.config.get("baseurl")
        )
        if result is not None:
            cache[("absolute", text)] = result
    return result


_INDEX_RE = re.compile(r"/index\.html?$", re.M)


def strip_index(value: Any) -> Any:
    """``/about/index.html`` to ``/about/`` (the first match, Ruby's ``$`` per line)."""
    value = nil(value)
    if value is None or to_s(value) == "":
        return None
    return _INDEX_RE.sub("/", require_string(value, "sub"), count=1)


def register(env: JekyllEnvironment) -> None:
    """Add the URL filters to *env*."""
    env.add_filter("relative_url", relative_url)
    env.add_filter("absolute_url", absolute_url)
    env.add_filter("strip_index", strip_index)

"""Helpers for testing Jekyll templates, with or without pytest.

The pytest plugin (:mod:`liquidsite.pytest_plugin`) wraps these in
fixtures; they are plain functions so that scripts and property tests can
use them too.

Example:
    >>> from liquidsite.testing import render_template
    >>> render_template("{{ x | where_exp: 'i', 'i.a > 1' | map: 'a' | join }}", {"x": [{"a": 1}, {"a": 2}]})
    '2'

Every warning a site or template produces (a lax-parsed tag, a missing
layout, a ``Sort warning``) is also raised as a Python
:class:`LiquidWarning`, so test runners show it and ``-W error`` turns it
into a failure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any, Mapping

from ..site import Site


class LiquidWarning(UserWarning):
    """A warning of a Jekyll build: what ``jekyll build`` prints as a warning."""


class WarningSite(Site):
    """A :class:`~liquidsite.Site` whose warnings are also Python warnings.

    ``site.warnings`` still collects every message; each one is in
    addition raised with :func:`warnings.warn` as a :class:`LiquidWarning`
    at the moment it happens, so a test that treats warnings as errors
    fails at the template that caused it.
    """

    def warn(self, message: str) -> None:
        super().warn(message)
        warnings.warn(LiquidWarning(message), stacklevel=2)


def write_files(root: str | os.PathLike[str], files: Mapping[str, str | bytes]) -> Path:
    """Write *files* (relative path -> text or bytes) under *root*; returns *root*.

    Raises:
        ValueError: a path is absolute or climbs out of *root* with ``..``.
    """
    base = Path(root)
    for name, content in files.items():
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"file names must be relative and stay inside the site: {name!r}")
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return base


def includes_folder(includes: Mapping[str, str], parent: str | os.PathLike[str] | None = None) -> Path:
    """A folder holding *includes*, named after their content.

    The same includes give the same folder, so a property test that renders
    thousands of examples writes each set of includes once.
    """
    digest = hashlib.sha256()
    for name in sorted(includes):
        digest.update(name.encode() + b"\0" + includes[name].encode() + b"\0")
    base = Path(parent) if parent is not None else Path(tempfile.gettempdir()) / "liquidsite-includes"
    folder = base / digest.hexdigest()[:16]
    if not folder.is_dir():
        # Written aside and renamed, so a folder that exists is complete
        # even when two test processes write the same includes at once.
        partial = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=_made(base)))
        write_files(partial, includes)
        try:
            partial.rename(folder)
        except OSError:  # another process was first
            shutil.rmtree(partial, ignore_errors=True)
    return folder


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def render_template(
    template: str,
    variables: Mapping[str, Any] | None = None,
    *,
    site: Site | Mapping[str, Any] | None = None,
    page: Mapping[str, Any] | None = None,
    includes: Mapping[str, str] | None = None,
    includes_parent: str | os.PathLike[str] | None = None,
    name: str = "<template>",
) -> str:
    """Render one Liquid template as Jekyll would inside a page.

    Args:
        template: the Liquid source.
        variables: more variables, next to ``site`` and ``page``.
        site: a :class:`~liquidsite.Site` (its configuration, data, pages,
            includes and plugins), or a mapping of configuration and
            ``site`` variables such as ``{"baseurl": "/docs", "data": {...}}``.
        page: the ``page`` variable.
        includes: ``{"name.html": "source"}`` for ``{% include name.html %}``
            (only without a :class:`Site`, which has its own ``_includes``).
        includes_parent: where the includes folder is written (a temporary
            folder by default).
        name: the template's name in error messages and warnings.

    Returns:
        The rendered text.

    Raises:
        LiquidsiteError: the template does not parse or fails to render;
            the error names the line and column.
        ValueError: both a :class:`Site` and *includes* were given.

    Every warning is re-raised as a :class:`LiquidWarning`.

    Example:
        >>> render_template("{{ '/a/' | relative_url }}", site={"baseurl": "/docs"})
        '/docs/a/'
        >>> render_template("{% include hi.html who=page.title %}", page={"title": "Ada"},
        ...                 includes={"hi.html": "Hi {{ include.who }}"})
        'Hi Ada'
    """
    from liquid.exceptions import LiquidError

    from ..config import DEFAULTS, deep_merge
    from ..environment import JekyllEnvironment
    from ..renderer import liquid_error

    if isinstance(site, Site):
        if includes:
            raise ValueError("a Site has its own _includes; put the includes in its files instead")
        env: JekyllEnvironment = site.env
        if not site.content.pages and not site.content.static_files:
            site.read()
            site.generate()
        payload = site.payload()
    else:
        config = deep_merge(DEFAULTS, dict(site)) if site is not None else dict(DEFAULTS)
        dirs = [includes_folder(includes, includes_parent)] if includes else []
        env = JekyllEnvironment(config, includes_dirs=dirs)
        payload = {"site": config}
    payload["page"] = dict(page) if page is not None else {}
    payload.update(variables or {})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            output = env.from_string(template, name=name, path=name).render(**payload)
        except LiquidError as err:
            raise liquid_error(err, name, 0) from None
    for warning in caught:
        message = f"Liquid warning in {name}: {warning.message}"
        if isinstance(site, Site):
            site.warn(message)
            if isinstance(site, WarningSite):
                continue
        warnings.warn(LiquidWarning(message), stacklevel=2)
    return output


__all__ = ["LiquidWarning", "WarningSite", "render_template", "write_files", "includes_folder"]

"""Sass and SCSS pages, as jekyll-sass-converter 2.2.0 builds them with sassc.

Mirrors ``Jekyll::Converters::Scss`` and ``::Sass`` (converters/scss.rb,
converters/sass.rb) and ``Jekyll::SourceMapPage`` (source_map_page.rb):

* ``sass:`` options: ``style`` (``compact`` by default, as for sassc),
  ``sass_dir`` (``_sass``), ``load_paths`` (globs, from the source),
  ``sourcemap`` (``always``, ``never`` or ``development``), ``add_charset``,
  and, outside safe mode, any other key passed on to the engine
  (``precision``, ``line_comments``, ``source_map_embed``).
* The load path is the user's paths, the sass folder, ``SASS_PATH``, then
  the theme's ``_sass``.
* A page's input is named ``<source relative to the working folder>/<name>``
  and its map ``.../<basename>.css.map``, both at the site's root whatever
  folder the page is in (Jekyll's own quirk, kept because it shows in the
  map's ``sources`` and in the ``sourceMappingURL`` comment); the map is
  written beside the CSS as another page.
* ``sassify``/``scssify`` compile strings as ``stdin``, without a map.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from .. import urls
from ..errors import ConversionError
from ..model import Page
from ._libsass import SassCompileError, SassOptions, compile_string

if TYPE_CHECKING:
    from ..site import Site

ALLOWED_STYLES = ("nested", "expanded", "compact", "compressed")
_BOM = re.compile("^\ufeff", re.MULTILINE)


class SourceMapPage(Page):
    """The ``.css.map`` written beside a compiled stylesheet.

    It shares the stylesheet's folder and front matter, is never rendered
    with Liquid and never placed in a layout (an asset file).
    """

    def render_with_liquid(self) -> bool:
        return False

    def place_in_layout(self) -> bool:
        return False


class ScssConverter:
    """Converts ``.scss`` pages to CSS (scss.rb)."""

    syntax = "scss"
    extension = ".scss"

    def __init__(self, config: Mapping[str, Any], site: Site | None = None) -> None:
        self.config = config
        self.site = site

    # -- the converter protocol ---------------------------------------------
    def matches(self, ext: str) -> bool:
        return ext.lower() == self.extension

    def output_ext(self, ext: str) -> str:
        return ".css"

    def convert(self, content: str) -> str:
        """Compile a string as ``stdin`` (what the sassify filters do)."""
        return self._compile(content, None)

    def convert_page(self, page: Page, content: str) -> str:
        """Compile a page's content, adding its source map page when asked."""
        return self._compile(content, page)

    # -- configuration -----------------------------------------------------
    @property
    def safe(self) -> bool:
        return bool(self.config.get("safe"))

    def sass_config(self) -> dict[str, Any]:
        options = self.config.get("sass") or {}
        return dict(options) if isinstance(options, Mapping) else {}

    def style(self) -> str:
        style = self.sass_config().get("style", "compact")
        text = "" if style is None else str(style).removeprefix(":")
        return text if text in ALLOWED_STYLES else "compact"

    def sass_dir(self) -> str:
        value = self.sass_config().get("sass_dir")
        return "_sass" if value is None or str(value) == "" else str(value)

    @property
    def source(self) -> Path:
        return Path(str(self.config.get("source", "."))).resolve()

    def load_paths(self) -> list[str]:
        """scss.rb ``sass_load_paths`` plus sassc's ``SASS_PATH``."""
        user = self.sass_config().get("load_paths")
        if user is None:
            user_paths: list[str] = []
        elif isinstance(user, list):
            user_paths = [str(p) for p in user]
        else:
            user_paths = [str(user)]
        source = self.source
        sass_dir = _sanitized(source, self.sass_dir())
        paths = user_paths + [os.path.relpath(sass_dir, source)]
        if self.safe:
            paths = [str(_sanitized(source, p)) for p in paths]
        expanded: list[str] = []
        for path in paths:
            pattern = path if os.path.isabs(path) else str(source / path)
            for match in sorted(glob.glob(pattern)):
                full = str(_sanitized(source, match)) if self.safe else os.path.abspath(match)
                if full not in expanded:
                    expanded.append(full)
        site = self.site
        theme = getattr(site, "theme", None)
        if theme is not None and theme.sass_path is not None:
            expanded.append(str(theme.sass_path))
        result = [p for p in expanded if os.path.isdir(p)]
        sass_path = os.environ.get("SASS_PATH")
        if sass_path:
            result += sass_path.split(os.pathsep)
        return result

    def sourcemap_required(self, page: Page | None) -> bool:
        if page is None:
            return False
        option = str(self.sass_config().get("sourcemap", "always")).removeprefix(":")
        if option == "never":
            return False
        if option == "always":
            return True
        environment = os.environ.get("JEKYLL_ENV") or "development"
        return not (option == "development" and environment != "development")

    def options(self, page: Page | None) -> SassOptions:
        """The engine options of scss.rb ``sass_configs``."""
        relative = os.path.relpath(self.source, os.getcwd())
        extra: dict[str, Any] = {} if self.safe else self.sass_config()
        opts = SassOptions(
            style=self.style(),
            indented=self.syntax == "sass",
            input_path=os.path.join(relative, page.name) if page is not None else "stdin",
            include_paths=self.load_paths(),
            source_map_file=(
                os.path.join(relative, page.basename + ".css.map") if page is not None else None
            ),
            source_map_contents=True,
            omit_source_map_url=not self.sourcemap_required(page),
        )
        if extra.get("precision") is not None:
            opts.precision = int(extra["precision"])
        opts.source_comments = bool(extra.get("line_comments"))
        opts.source_map_embed = bool(extra.get("source_map_embed"))
        return opts

    # -- compiling -----------------------------------------------------------
    def _compile(self, content: str, page: Page | None) -> str:
        options = self.options(page)
        try:
            result = compile_string(content, options)
        except SassCompileError as err:
            raise self._error(err, page) from None
        if page is not None and result.source_map is not None and self.sourcemap_required(page):
            self._add_source_map(page, result.source_map)
        replacement = '@charset "UTF-8";' if self.sass_config().get("add_charset") else ""
        return _BOM.sub(replacement, result.css, count=1)

    def _error(self, err: SassCompileError, page: Page | None) -> ConversionError:
        shown: str | None = err.file
        if page is not None and (shown is None or os.path.basename(shown) == page.name):
            shown = page.relative_path
        elif shown == "stdin" or shown is None:
            shown = "sassify input" if page is None else page.relative_path
        first = err.message.strip().splitlines()[0] if err.message.strip() else "Sass error"
        return ConversionError(
            first.removeprefix("Error: "),
            path=shown,
            line=err.line,
            column=err.column,
            hint="the line and column are counted in the Sass text after its front matter"
            if page is not None and shown == page.relative_path
            else None,
        )

    def _add_source_map(self, page: Page, source_map: str) -> None:
        site = self.site
        if site is None:
            return
        name = page.basename + ".css.map"
        map_page = SourceMapPage(
            name=name,
            dir=page.dir,
            source_path=page.source_path,
            data=page.data,
            defaults=page.defaults,
            content=source_map,
            body_line=1,
            output_ext=".map",
        )
        map_page.url = urls.page_url(
            map_page.dir,
            map_page.basename,
            ".map",
            site.config.get("permalink"),
            map_page.permalink,
        )
        site.content.pages.append(map_page)

    # -- filters -------------------------------------------------------------
    def filters(self) -> dict[str, Callable[..., str]]:
        """``sassify`` or ``scssify`` (filters.rb), for this syntax."""
        name = "sassify" if self.syntax == "sass" else "scssify"

        def compile_filter(value: object) -> str:
            from .. import values

            return self.convert(values.to_s(value))

        return {name: compile_filter}


class SassConverter(ScssConverter):
    """Converts indented-syntax ``.sass`` pages (sass.rb)."""

    syntax = "sass"
    extension = ".sass"


def _sanitized(base: Path, path: str) -> Path:
    """``Jekyll.sanitized_path``: *path* taken inside *base*, never above it."""
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(base):
        return candidate
    parts = [p for p in Path(str(path).lstrip("/")).parts if p not in ("..", ".")]
    return base.joinpath(*parts)

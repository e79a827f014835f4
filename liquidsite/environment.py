"""The Liquid environment of one site: python-liquid configured as Jekyll's.

One :class:`JekyllEnvironment` exists per site build.  It holds the site's
configuration and the hooks that Jekyll's filters and tags reach through
``context.registers[:site]`` in Ruby: the includes folders, the Markdown
converter, and (when a whole site is being built) the site itself.  No
state lives at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, TextIO

from liquid import Environment, Mode
from liquid.builtin import output as _output
from liquid.exceptions import TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.template import BoundTemplate

from . import values

if TYPE_CHECKING:
    from liquid.context import RenderContext

_MODES = {"lax": Mode.LAX, "warn": Mode.WARN, "strict": Mode.STRICT}


class RubyOutputNode(_output.OutputNode):
    """``{{ x }}`` printing values as Ruby's ``to_s`` does (see values.py)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(values.to_s(self.expression.evaluate(context)))


class RubyOutput(_output.Output):
    """Registers :class:`RubyOutputNode` in place of python-liquid's output."""

    def parse(self, stream: Any) -> Any:
        node = super().parse(stream)
        return RubyOutputNode(node.token, node.expression)


class TemplateCache:
    """Parsed templates of one build, keyed by absolute path.

    Jekyll parses each include once per build (``load_cached_partial``);
    doing the same keeps builds fast and makes every output's dependencies
    visible in one place.
    """

    def __init__(self) -> None:
        self._templates: dict[str, BoundTemplate] = {}

    def get(self, env: Environment, path: Path, name: str) -> BoundTemplate:
        key = str(path)
        template = self._templates.get(key)
        if template is None:
            source = read_text(path, env)
            template = env.from_string(source, name=name, path=path)
            self._templates[key] = template
        return template


def read_text(path: Path, env: Environment | None = None) -> str:
    """Read a template file as Jekyll does: UTF-8, a leading BOM dropped."""
    encoding = "utf-8"
    if env is not None and isinstance(env, JekyllEnvironment):
        encoding = str(env.config.get("encoding") or "utf-8")
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        from .errors import EncodingError

        raise EncodingError(
            f"the file is not valid {encoding} (byte {err.start}: {data[err.start:err.start+1]!r})",
            path=str(path),
        ) from None


class IncludesLoader(BaseLoader):
    """Finds ``{% include name %}`` files in the site's includes folders.

    The folders are searched in order (the site's ``_includes``, then the
    theme's), as ``Site#includes_load_paths`` orders them.
    """

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = dirs

    def find(self, name: str) -> Path | None:
        for base in self.dirs:
            candidate = base / name
            if candidate.is_file():
                return candidate
        return None

    def get_source(
        self,
        env: Environment,
        template_name: str,
        *,
        context: RenderContext | None = None,
        **kwargs: object,
    ) -> TemplateSource:
        path = self.find(template_name)
        if path is None:
            raise TemplateNotFoundError(template_name, token=None)
        return TemplateSource(read_text(path, env), str(path), None, None)


class JekyllEnvironment(Environment):
    """A python-liquid environment with Jekyll's tags, filters and output.

    Args:
        config: the site configuration (see :mod:`liquidsite.config`).
        includes_dirs: folders searched by ``include``, in order.
        markdownify: converts Markdown to HTML (the site's converter).
        site: the site being built, if any; tags such as ``link`` and
            ``post_url`` need it.
    """

    # Ruby Liquid renders the empty string for `{% if %}` blocks holding only
    # whitespace, as python-liquid does by default.
    suppress_blank_control_flow_blocks = True
    # Ruby Liquid allows `a.b[0]`-style paths and `-` in names; keep defaults.

    def __init__(
        self,
        config: Mapping[str, Any],
        includes_dirs: list[Path] | None = None,
        markdownify: Callable[[str], str] | None = None,
        site: Any = None,
    ) -> None:
        liquid_opts = config.get("liquid") or {}
        mode = _MODES.get(str(liquid_opts.get("error_mode", "warn")), Mode.WARN)
        self.config: Mapping[str, Any] = config
        self.site = site
        self.includes_loader = IncludesLoader(list(includes_dirs or []))
        self.template_cache = TemplateCache()
        self._markdownify = markdownify
        super().__init__(
            tolerance=Mode.STRICT if mode == Mode.STRICT else Mode.LAX,
            loader=self.includes_loader,
            strict_filters=bool(liquid_opts.get("strict_filters", False)),
        )
        self.jekyll_error_mode = mode

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=extra)
        self.add_tag(RubyOutput)
        from . import filters, tags

        filters.register(self)
        tags.register(self)

    def markdownify(self, text: str) -> str:
        """Convert Markdown with the site's converter (``markdownify`` filter)."""
        if self._markdownify is None:
            from .converters.markdown import MarkdownConverter

            self._markdownify = MarkdownConverter(self.config).convert
        return self._markdownify(text)

    def parse_file(self, path: Path, name: str | None = None) -> BoundTemplate:
        """Parse a template file once per build (layouts and includes)."""
        return self.template_cache.get(self, path, name or path.name)

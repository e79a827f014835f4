"""The Liquid environment of one site: python-liquid configured as Jekyll's.

One :class:`JekyllEnvironment` exists per site build.  It holds the site's
configuration and the hooks that Jekyll's filters and tags reach through
``context.registers[:site]`` in Ruby: the includes folders, the Markdown
converter, and (when a whole site is being built) the site itself.  No
state lives at module level.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, TextIO

from liquid import Environment, Mode
from liquid.builtin import output as _output
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.exceptions import LiquidError, LiquidSyntaxError, LiquidSyntaxWarning
from liquid.exceptions import TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.template import BoundTemplate

from . import values

from liquid.ast import Node
from liquid.token import Token

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


@lru_cache(maxsize=8)
def _jekyll_tokenizer(*delimiters: str) -> Callable[[str], Iterator[Token]]:
    """python-liquid's lexer with the end of the text anchored at ``\\Z``.

    python-liquid ends a content token at ``$``, which also matches before
    a final newline; the text after a ``-}}``/``-%}`` then loses that last
    newline, where Ruby Liquid keeps it.  Anchoring at the true end of the
    text restores Ruby's output.
    """
    rules = compile_liquid_rules(*delimiters)
    fixed = re.compile(rules.pattern.replace("|$)", "|\\Z)"), rules.flags)
    return partial(_tokenize_template, rules=fixed)


_STRUCTURAL = ("unexpected tag", "missing tag name", "expected tag end")


def is_structural(exc: LiquidError) -> bool:
    """Whether a syntax error breaks the block structure of a template.

    Ruby Liquid's lax mode re-parses a tag's markup, but never forgives an
    unknown tag, a block left open or a stray end tag (block_body.rb,
    document.rb); Jekyll then stops the build.
    """
    return isinstance(exc, LiquidSyntaxError) and str(exc.message).startswith(_STRUCTURAL)


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

    def get_source(self, env: Environment, path: Path, source: str) -> BoundTemplate:
        """Like :meth:`get`, for text already read (a layout's body)."""
        key = f"layout:{path}"
        template = self._templates.get(key)
        if template is None:
            template = env.from_string(source, name=path.name, path=str(path))
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
        # Tags parsed with Ruby Liquid's grammar (see liquidsite.lax), by name.
        self.ruby_tags: dict[str, Any] = {}
        # {% increment %} counters live in Jekyll's payload, shared by all the
        # renders of a build (increment.rb, Site#site_payload).
        self.shared_counters: dict[str, int] = {}
        super().__init__(
            tolerance=Mode.STRICT if mode == Mode.STRICT else Mode.LAX,
            loader=self.includes_loader,
            strict_filters=bool(liquid_opts.get("strict_filters", False)),
        )
        self.jekyll_error_mode = mode
        self.jekyll_error_mode_name = str(liquid_opts.get("error_mode", "warn"))
        self.strict_variables = bool(liquid_opts.get("strict_variables", False))

    def _parse(self, source: str) -> list[Node]:
        """Parse with Ruby Liquid 5.4's grammar (see :mod:`liquidsite.lax`)."""
        from .lax import parse_document

        return parse_document(self, source)

    def from_string(
        self,
        source: str,
        name: str = "",
        path: str | Path | None = None,
        globals: Mapping[str, object] | None = None,  # noqa: A002
        matter: Mapping[str, object] | None = None,
    ) -> BoundTemplate:
        """Parse *source*; the template keeps Ruby's parse ``warnings``."""
        from .lax import parse_document

        found: list[str] = []
        try:
            nodes = parse_document(self, source, found)
        except LiquidSyntaxError as err:
            err.template_name = path
            raise
        template = self.template_class(
            env=self, name=name, path=path, nodes=nodes,
            globals=self.make_globals(globals), matter=matter,
        )
        template.warnings = found  # type: ignore[attr-defined]
        return template

    def ruby_tag(self, name: str) -> Any:
        """The parser for tag *name*: Liquid's own (Ruby semantics), one
        registered in :attr:`ruby_tags`, or a python-liquid tag added with
        :meth:`add_tag` (wrapped); None for an unknown tag."""
        from .lax import foreign_tag, standard_tag

        handler = self.ruby_tags.get(name) or standard_tag(name)
        if handler is not None:
            return handler
        tag = self.tags.get(name)
        if tag is None or type(tag).__module__.startswith("liquid."):
            return None
        return foreign_tag(tag)

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        return _jekyll_tokenizer(
            self.tag_start_string,
            self.tag_end_string,
            self.statement_start_string,
            self.statement_end_string,
            self.comment_start_string,
            self.comment_end_string,
        )

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
        """Parse an include file once per build."""
        return self.template_cache.get(self, path, name or path.name)

    def parse_layout(self, path: Path, body: str) -> BoundTemplate:
        """Parse a layout's body (front matter already removed) once per build."""
        return self.template_cache.get_source(self, path, body)

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Token | None = None,
    ) -> None:
        """Raise render errors; let the error mode decide for syntax errors.

        Jekyll renders with ``render!``, so a failing filter or a missing
        include stops the build whatever ``error_mode`` says; only parse
        problems are tolerated (with a warning) outside strict mode.
        """
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        if is_structural(exc):
            # Ruby Liquid raises these in every error mode: an unknown tag,
            # a block never closed, an end tag with no block.
            raise exc
        if isinstance(exc, LiquidSyntaxError) and self.jekyll_error_mode != Mode.STRICT:
            if self.jekyll_error_mode == Mode.WARN:
                warnings.warn(str(exc), category=LiquidSyntaxWarning, stacklevel=2)
            return
        raise exc

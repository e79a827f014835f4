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
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, TextIO

from liquid import Environment, Mode
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.exceptions import LiquidError, LiquidSyntaxError, LiquidSyntaxWarning
from liquid.exceptions import TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.template import BoundTemplate

from .lax.context import RubyTemplate

from liquid.ast import Node
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import Token

if TYPE_CHECKING:
    from liquid.context import RenderContext

_MODES = {"lax": Mode.LAX, "warn": Mode.WARN, "strict": Mode.STRICT}


@lru_cache(maxsize=8)
def _jekyll_tokenizer(*delimiters: str) -> Callable[[str], Iterator[Token]]:
    """python-liquid's lexer with the end of the text anchored at ``\\Z``.

    python-liquid ends a content token at ``$``, which also matches before
    a final newline; the text after a ``-}}``/``-%}`` then loses that last
    newline, where Ruby Liquid keeps it.  Anchoring at the true end of the
    text restores Ruby's output.

    The text between tags is matched without a per-character lookahead
    (see :func:`_content_pattern`); the tokens are the same.
    """
    rules = compile_liquid_rules(*delimiters)
    pattern = rules.pattern.replace("|$)", "|\\Z)")
    lazy = f"(?P<content>.+?(?=(({re.escape(delimiters[0])}|{re.escape(delimiters[2])})"
    if lazy in pattern:
        pattern = pattern.replace(lazy, _content_pattern(delimiters[0], delimiters[2]), 1)
    return partial(_tokenize_template, rules=re.compile(pattern, rules.flags))


def _content_pattern(tag_start: str, statement_start: str) -> str:
    """The start of python-liquid's content rule, greedy instead of lazy.

    python-liquid matches text with ``.+?`` followed by a lookahead for the
    next ``{%``/``{{``, trying the lookahead after every character of the
    page's prose.  For the usual delimiters, which open with the same
    character, the same span is: one character, then runs without ``{``
    and any ``{`` not opening a tag or an output.  It ends exactly where
    the lazy match ends, so the lookahead that follows holds at once.
    """
    if tag_start[:1] != statement_start[:1] or len(tag_start) != 2 or len(statement_start) != 2:
        return f"(?P<content>.+?(?=(({re.escape(tag_start)}|{re.escape(statement_start)})"
    brace = re.escape(tag_start[0])
    seconds = re.escape(tag_start[1] + statement_start[1])
    not_brace = f"[^{brace}]*+"
    return (f"(?P<content>.{not_brace}(?:{brace}(?![{seconds}]){not_brace})*+"
            f"(?=(({re.escape(tag_start)}|{re.escape(statement_start)})")


_STRUCTURAL = ("unexpected tag", "missing tag name", "expected tag end")


def is_structural(exc: LiquidError) -> bool:
    """Whether a syntax error breaks the block structure of a template.

    Ruby Liquid's lax mode re-parses a tag's markup, but never forgives an
    unknown tag, a block left open or a stray end tag (block_body.rb,
    document.rb); Jekyll then stops the build.
    """
    return isinstance(exc, LiquidSyntaxError) and str(exc.message).startswith(_STRUCTURAL)


def _opening_token_on_eof(parse: Callable[[TokenStream], Node]) -> Callable[[TokenStream], Node]:
    def parse_block_tag(stream: TokenStream) -> Node:
        opening = stream.current
        try:
            return parse(stream)
        except LiquidSyntaxError as err:
            if str(err.message).startswith("expected tag end") and (
                    err.token is None or err.token.start_index < 0):
                raise LiquidSyntaxError(str(err.message).split(",")[0], token=opening) from None
            raise

    return parse_block_tag


# Ruby Liquid stops a render at 100 scopes (Block::MAX_DEPTH, "Nesting too
# deep"): a template's own and 99 pushed inside it by nested includes, for
# and tablerow loops and where_exp, each one scope.
NESTED_SCOPES = 99
# python-liquid's scope chain holds this many namespaces where a template's
# body starts (globals, the render's arguments and locals): its depth limit
# counts them too.
_TEMPLATE_SCOPES = 3


class TemplateCache:
    """Parsed templates of one build, keyed by absolute path.

    Jekyll parses each include once per build (``load_cached_partial``);
    doing the same keeps builds fast and makes every output's dependencies
    visible in one place.
    """

    def __init__(self) -> None:
        self._templates: dict[str, BoundTemplate] = {}
        # The text of each include parsed, by path (see tags.include_memo).
        self.sources: dict[str, str] = {}

    def get(self, env: Environment, path: Path, name: str) -> BoundTemplate:
        key = str(path)
        template = self._templates.get(key)
        if template is None:
            source = read_text(path, env)
            template = env.from_string(source, name=name, path=path)
            self._templates[key] = template
            self.sources[key] = source
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
    """Read a template file as Jekyll does: the site's encoding, a BOM dropped."""
    from .reader import read_source_text

    encoding = "utf-8"
    if env is not None and isinstance(env, JekyllEnvironment):
        encoding = str(env.config.get("encoding") or "utf-8")
    return read_source_text(path, encoding)


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
    template_class = RubyTemplate
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
        # Warnings of the templates being parsed (innermost last).
        self._parse_warnings: list[list[str]] = []
        # {% increment %} counters live in Jekyll's payload, shared by all the
        # renders of a build (increment.rb, Site#site_payload).
        self.shared_counters: dict[str, int] = {}
        # Parsed include parameters by markup (see tags.include.shared_params).
        self.include_params: dict[str, list[tuple[str, object, bool]]] = {}
        super().__init__(
            # python-liquid's strictest grammar: whatever it rejects, Ruby's
            # grammar decides (liquidsite.lax.fallback).
            tolerance=Mode.STRICT,
            loader=self.includes_loader,
            strict_filters=bool(liquid_opts.get("strict_filters", False)),
        )
        self.jekyll_error_mode = mode
        self.jekyll_error_mode_name = str(liquid_opts.get("error_mode", "warn"))
        self.strict_variables = bool(liquid_opts.get("strict_variables", False))
        self.apply_limits(liquid_opts.get("limits") or {})
        # Parsed expressions by markup, shared by every template (see
        # lax.tags.shared_expressions).  Off unless the caller reports render
        # errors as Renderer.render_page does: a shared expression's tokens
        # point into the template that parsed it first.
        self.shared_expressions: dict[tuple[str, str], Any] | None = None
        # Include renders replayed when nothing they read changed; not under
        # resource limits, which count what a replay skips.
        from .tags.include_memo import IncludeMemo

        self.include_memo: IncludeMemo | None = (
            None if self.loop_iteration_limit or self.output_stream_limit
            or self.local_namespace_limit else IncludeMemo(self)
        )

    def apply_limits(self, limits: Mapping[str, Any]) -> None:
        """Resource limits for untrusted templates, from ``liquid: limits:``.

        ``loop_iterations`` and ``output_bytes`` are unlimited by default, as
        in Jekyll; ``include_depth`` (scopes nested inside a template: includes,
        loops, ``where_exp``) defaults to Jekyll's 99.  They set python-liquid's
        own limits, whose errors stop the build.
        """
        def number(key: str) -> int | None:
            value = limits.get(key)
            if value is None:
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                from .errors import ConfigError

                raise ConfigError(
                    f"liquid.limits.{key} must be a positive whole number, not {value!r}",
                    path="_config.yml",
                )
            return value

        # python-liquid declares the limits as class variables; each site
        # sets its own on its environment.
        self.loop_iteration_limit = number("loop_iterations")  # type: ignore[misc]
        self.output_stream_limit = number("output_bytes")  # type: ignore[misc]
        depth = number("include_depth")
        self.context_depth_limit = (  # type: ignore[misc]
            (depth if depth is not None else NESTED_SCOPES) + _TEMPLATE_SCOPES
        )

    @contextmanager
    def unshared(self) -> Iterator[None]:
        """Parse every template afresh, sharing no expression, while inside.

        Render errors carry the token of the expression that raised them;
        a shared expression's token lies in whichever template parsed it
        first, so the renderer renders a failed page again in here to name
        the right file, line and column.
        """
        shared, cache = self.shared_expressions, self.template_cache
        self.shared_expressions, self.template_cache = None, TemplateCache()
        try:
            yield
        finally:
            self.shared_expressions, self.template_cache = shared, cache

    def parse_warning(self, message: str) -> None:
        """Record a Ruby parse warning for the template being parsed."""
        if self._parse_warnings:
            self._parse_warnings[-1].append(message)
        warnings.warn(message, category=LiquidSyntaxWarning, stacklevel=3)

    def from_string(
        self,
        source: str,
        name: str = "",
        path: str | Path | None = None,
        globals: Mapping[str, object] | None = None,  # noqa: A002
        matter: Mapping[str, object] | None = None,
    ) -> BoundTemplate:
        """python-liquid's ``from_string``; the template keeps the Ruby parse
        ``warnings`` its markup caused (the renderer reports them)."""
        found: list[str] = []
        self._parse_warnings.append(found)
        try:
            template = super().from_string(source, name=name, path=path, globals=globals,
                                           matter=matter)
        except LiquidError as err:
            # python-liquid wraps any other exception a tag raised while
            # parsing; liquidsite's own errors say more.
            from .errors import LiquidsiteError

            cause = err.__cause__
            if isinstance(cause, (LiquidsiteError, LiquidError)):
                raise cause from None
            if cause is not None and not isinstance(cause, LiquidError):
                # python-liquid's expression lexer fails on some markup
                # (a lone "!" after "case"): a syntax error of the template.
                raise LiquidSyntaxError(f"{err.message}: {cause!r}", token=None) from cause
            raise
        finally:
            self._parse_warnings.pop()
        template.warnings = found  # type: ignore[attr-defined]
        return template

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
        from . import filters, lax, tags

        lax.register(self)
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
        """Raise every error python-liquid reports.

        python-liquid calls this for problems it would otherwise skip.  The
        markup Ruby Liquid forgives under ``error_mode: warn``/``lax`` never
        gets here: liquidsite.lax reads it with Ruby's grammar (and warns).
        What is left stops the build in Jekyll too: an unknown tag, a block
        never closed, a stray end tag, a plugin tag's own syntax error, and
        every render error (Jekyll renders with ``render!``).
        """
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        raise exc

    def add_tag(self, tag: type[Tag]) -> None:
        """Register *tag*; a block it leaves open is reported at its start.

        python-liquid reports an unclosed block at the end of the template,
        where no line can be shown; Jekyll names the opening tag's line.
        """
        super().add_tag(tag)
        instance = self.tags[tag.name]
        if getattr(instance, "block", False) and getattr(instance, "end", ""):
            instance.parse = _opening_token_on_eof(instance.parse)  # type: ignore[assignment]

"""Jekyll's ``include`` and ``include_relative`` tags (tags/include.rb).

Unlike Liquid's own ``include``, Jekyll's takes a bare file name
(``{% include nav.html %}``), a file name built from variables
(``{% include {{ page.kind }}.html %}``) and ``key=value`` parameters that
the included file reads as ``include.key``.  The file renders in the
caller's context, so its ``assign``s leak into the caller, and an include
without parameters sees its parent's ``include`` variable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NoReturn, TextIO

from liquid.ast import Node
from liquid.exceptions import ContextDepthError, LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..hints import close_names
from ..lax.context import RubyTemplate
from ..lax.prepared import prepare

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.stream import TokenStream

    from ..environment import JekyllEnvironment

VALID_SYNTAX = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)",
    re.DOTALL,
)
FULL_VALID_SYNTAX = re.compile(
    rf"\A\s*(?:{VALID_SYNTAX.pattern}(?=\s|\Z)\s*)*\Z"
)
VALID_FILENAME_CHARS = re.compile(r"^[\w/.\-()+~#@]+$")
INVALID_SEQUENCES = re.compile(r"[./]{2,}")


class IncludeError(LiquidError):
    """An include that names a bad or missing file."""


def syntax_example(tag: str) -> str:
    return f"{{% {tag} file.ext param='value' param2='value' %}}"


class IncludeNode(Node):
    """A parsed Jekyll ``include``.

    What depends only on the markup is worked out once per node, on first
    render, not for every page that renders it: the parameters (literal
    values, and parsed expressions for variables), whether the file name
    holds ``{{ }}``, and the file a fixed name was found at.
    """

    __slots__ = ("file", "params", "file_template", "tag_name", "_params", "_dynamic",
                 "_located")

    def __init__(self, token: Token, tag_name: str, file: str, params: str | None) -> None:
        super().__init__(token)
        self.tag_name = tag_name
        self.file = file
        self.params = params
        self.file_template: Any = None
        self.blank = False
        self._params: list[tuple[str, object, bool]] | None = None
        self._dynamic = bool(VARIABLE_SYNTAX.search(file))
        # (folders searched, file name, file found) of the last render; the
        # folders are the loader's list, which a build never changes.
        self._located: tuple[list[Path], str, Path] | None = None

    def __str__(self) -> str:
        params = f" {self.params}" if self.params else ""
        return f"{{% {self.tag_name} {self.file}{params} %}}"

    # -- parameters -------------------------------------------------------
    def parse_params(self, context: RenderContext) -> dict[str, object]:
        parsed = self._params
        if parsed is None:
            parsed = self._params = shared_params(context, self.params or "")
        params: dict[str, object] = {}
        for key, value, is_variable in parsed:
            params[key] = evaluate(context, value) if is_variable else value
        return params

    def file_name(self, context: RenderContext) -> str:
        if self._dynamic:
            if self.file_template is None:
                self.file_template = context.env.from_string(self.file)
            buf: list[str] = []
            from io import StringIO

            out = StringIO()
            self.file_template.render_with_context(context, out)
            del buf
            name = out.getvalue()
        else:
            name = self.file
            if self._located is not None:
                return name  # checked when it was located
        if INVALID_SEQUENCES.search(name) or not VALID_FILENAME_CHARS.match(name):
            raise IncludeError(
                "Invalid syntax for include tag. File contains invalid characters "
                f"or sequences: {name} (valid syntax: {syntax_example(self.tag_name)})",
                token=self.token,
            )
        return name

    def search_dirs(self, context: RenderContext) -> list[Path]:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        return env.includes_loader.dirs

    def locate(self, context: RenderContext, name: str) -> Path:
        dirs = self.search_dirs(context)
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        # Found files are remembered for the build (one environment per
        # build), as Jekyll caches includes by path: the file system
        # checks cost more than rendering most includes.
        located: dict[tuple[Any, ...], Path] | None = getattr(env, "include_locations", None)
        if located is None:
            located = {}
            env.include_locations = located  # type: ignore[attr-defined]
        key = (*dirs, name)
        found = located.get(key)
        if found is not None:
            return found
        for base in dirs:
            candidate = base / name
            if candidate.is_file() and within(candidate, base, env):
                located[key] = candidate
                return candidate
        self.not_found(dirs, name)

    def not_found(self, dirs: list[Path], name: str) -> NoReturn:
        """Jekyll's message for a file in none of *dirs*, with close names."""
        shown = ", ".join(f'"{d}"' for d in dirs)
        known = [
            p.relative_to(base).as_posix()
            for base in dirs if base.is_dir()
            for p in base.rglob("*") if p.is_file()
        ]
        suggestion = close_names(name, known)
        raise IncludeError(
            f"Could not locate the included file '{name}' in any of [{shown}]. "
            "Ensure it exists in one of those directories and, if it is a symlink, "
            "does not point outside your site source."
            + (f" ({suggestion})" if suggestion else ""),
            token=self.token,
        )

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        name = self.file_name(context)
        dirs = self.search_dirs(context)
        last = self._located
        if last is not None and last[0] is dirs and last[1] == name:
            path = last[2]
        else:
            path = self.locate(context, name)
            self._located = (dirs, name, path)
        template = env.parse_file(path, name)
        record = getattr(env.site, "record_dependency", None)
        if record is not None:
            record(path)
        namespace: dict[str, object] = {}
        if self.params:
            namespace["include"] = self.parse_params(context)

        def render(out: TextIO) -> None:
            # One namespace per include, as Jekyll's context.stack: the
            # template renders in it (see RubyTemplate.render_partial).
            with context.extend(namespace, template=template):
                try:
                    if isinstance(template, RubyTemplate):
                        template.render_partial(context, out)
                    else:
                        template.render_with_context(context, out, partial=True)
                except LiquidError as err:
                    # The innermost include names itself; outer ones leave it.
                    if not err.template_name:
                        err.template_name = str(path)
                    raise

        memo = env.include_memo
        try:
            if memo is None:
                render(buffer)
            else:
                params = namespace.get("include")
                memo.render(context, buffer, path, template, params, render)  # type: ignore[arg-type]
        except ContextDepthError as err:
            # Too deep to enter: the error is this tag's, at its line.
            if err.token is None:
                err.token = self.token
            raise
        return 1

    def children(
        self, static_context: RenderContext, *, include_partials: bool = True
    ) -> Iterable[Node]:
        return []


def lookup(context: RenderContext, path: str) -> object:
    """Resolve a dotted variable name (``page.title``) as Ruby's ``context[...]``."""
    return evaluate(context, parse_lookup(context, path))


_UNPARSABLE = object()


def parse_lookup(context: RenderContext, path: str) -> object:
    """The expression of a variable parameter (``_UNPARSABLE`` if there is none)."""
    from liquid.builtin.expressions import parse_primitive
    from liquid.builtin.expressions import tokenize
    from liquid.stream import TokenStream

    try:
        # The expression tokenizer places its tokens relative to a parent token.
        parent = Token(TOKEN_EXPRESSION, path, start_index=0, source=path)
        stream = TokenStream(tokenize(path, parent_token=parent))
        # Ruby's context[...] parses any expression: names, numbers, true, nil.
        return prepare(parse_primitive(context.env, stream))
    except Exception:  # noqa: BLE001 - an unparsable name is nil, as in Ruby
        return _UNPARSABLE


def evaluate(context: RenderContext, expression: Any) -> object:
    """The value of a parsed variable parameter; nil when it cannot be had."""
    if expression is _UNPARSABLE:
        return None
    try:
        return expression.evaluate(context)
    except Exception:  # noqa: BLE001 - as Ruby's context[...], nil
        return None


def shared_params(context: RenderContext, markup: str) -> list[tuple[str, object, bool]]:
    """:func:`parsed_params` of *markup*, parsed once per environment.

    Each page's template has its own include nodes, and pages repeat the
    same parameters (``person=person``): parsing them per node tokenized
    and parsed every variable again for every page.  The parsed values
    carry no position that matters (a parameter that fails to evaluate is
    nil), so any node may use them.
    """
    cache: dict[str, list[tuple[str, object, bool]]] | None = getattr(
        context.env, "include_params", None)
    if cache is None:
        return parsed_params(context, markup)
    parsed = cache.get(markup)
    if parsed is None:
        parsed = cache[markup] = parsed_params(context, markup)
    return parsed


def parsed_params(context: RenderContext, markup: str) -> list[tuple[str, object, bool]]:
    """``key=value`` parameters: (key, value or parsed expression, is a variable)."""
    params: list[tuple[str, object, bool]] = []
    for m in VALID_SYNTAX.finditer(markup):
        key, dq, sq, var = m.groups()
        if dq is not None:
            params.append((key, dq.replace('\\"', '"'), False))
        elif sq is not None:
            params.append((key, sq.replace("\\'", "'"), False))
        else:
            params.append((key, parse_lookup(context, var), True))
    return params


def within(path: Path, base: Path, env: JekyllEnvironment) -> bool:
    """Refuse includes that resolve outside their folder (symlinks, ``..``).

    Jekyll checks this only in safe mode; liquidsite always does, unless
    the site sets ``unsafe_includes: true``.
    """
    if env.config.get("unsafe_includes"):
        return True
    try:
        path.resolve().relative_to(base.resolve())
    except ValueError:
        return False
    return True


class IncludeTag(Tag):
    """``{% include file.html key=value %}``."""

    name = "include"
    block = False
    node_class = IncludeNode

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(
                f"missing file name, expected {syntax_example(self.name)}", token=token
            )
        markup = stream.current.value.strip()
        matched = VARIABLE_SYNTAX.match(markup)
        if matched:
            file, params = matched.group("variable").strip(), matched.group("params").strip()
        else:
            parts = re.split(r"\s+", markup, maxsplit=1)
            file, params = parts[0], (parts[1] if len(parts) > 1 else None)
        if params is not None and not FULL_VALID_SYNTAX.match(params):
            raise LiquidSyntaxError(
                f"Invalid syntax for include tag: {params} "
                f"(valid syntax: {syntax_example(self.name)})",
                token=stream.current,
            )
        return self.node_class(token, self.name, file, params or None)


class IncludeRelativeNode(IncludeNode):
    """``include_relative``: the file is found beside the current page."""

    __slots__ = ()

    def search_dirs(self, context: RenderContext) -> list[Path]:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        source = Path(str(env.config.get("source", ".")))
        page = context.resolve("page", default=None)
        rel = None
        if page is not None:
            try:
                rel = page["path"]
                if page.get("collection"):
                    rel = f"{env.config.get('collections_dir', '')}/{rel}"
            except (KeyError, TypeError, AttributeError):
                rel = None
        if not rel:
            return [source]
        rel = str(rel).removesuffix("/#excerpt")
        return [(source / rel).parent]


class IncludeRelativeTag(IncludeTag):
    """``{% include_relative file.md %}``."""

    name = "include_relative"
    node_class = IncludeRelativeNode


def register(env: JekyllEnvironment) -> None:
    env.add_tag(IncludeTag)
    env.add_tag(IncludeRelativeTag)

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
from typing import TYPE_CHECKING, Any, Iterable, TextIO

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..hints import close_names

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
    """A parsed Jekyll ``include``."""

    __slots__ = ("file", "params", "file_template", "tag_name")

    def __init__(self, token: Token, tag_name: str, file: str, params: str | None) -> None:
        super().__init__(token)
        self.tag_name = tag_name
        self.file = file
        self.params = params
        self.file_template: Any = None
        self.blank = False

    def __str__(self) -> str:
        params = f" {self.params}" if self.params else ""
        return f"{{% {self.tag_name} {self.file}{params} %}}"

    # -- parameters -------------------------------------------------------
    def parse_params(self, context: RenderContext) -> dict[str, object]:
        params: dict[str, object] = {}
        for m in VALID_SYNTAX.finditer(self.params or ""):
            key, dq, sq, var = m.groups()
            if dq is not None:
                value: object = dq.replace('\\"', '"')
            elif sq is not None:
                value = sq.replace("\\'", "'")
            else:
                value = lookup(context, var)
            params[key] = value
        return params

    def file_name(self, context: RenderContext) -> str:
        if VARIABLE_SYNTAX.search(self.file):
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
        path = self.locate(context, name)
        template = env.parse_file(path, name)
        record = getattr(env.site, "record_dependency", None)
        if record is not None:
            record(path)
        namespace: dict[str, object] = {}
        if self.params:
            namespace["include"] = self.parse_params(context)
        with context.extend(namespace, template=template):
            try:
                template.render_with_context(context, buffer, partial=True)
            except LiquidError as err:
                # The innermost include names itself; outer ones leave it.
                if not err.template_name:
                    err.template_name = str(path)
                raise
        return 1

    def children(
        self, static_context: RenderContext, *, include_partials: bool = True
    ) -> Iterable[Node]:
        return []


def lookup(context: RenderContext, path: str) -> object:
    """Resolve a dotted variable name (``page.title``) as Ruby's ``context[...]``."""
    from liquid.builtin.expressions import parse_primitive
    from liquid.builtin.expressions import tokenize
    from liquid.stream import TokenStream

    try:
        # The expression tokenizer places its tokens relative to a parent token.
        parent = Token(TOKEN_EXPRESSION, path, start_index=0, source=path)
        stream = TokenStream(tokenize(path, parent_token=parent))
        # Ruby's context[...] parses any expression: names, numbers, true, nil.
        expr = parse_primitive(context.env, stream)
        return expr.evaluate(context)
    except Exception:  # noqa: BLE001 - an unparsable name is nil, as in Ruby
        return None


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

"""Render one document: Liquid, then converters, then layouts (renderer.rb).

Jekyll's order, kept exactly: the body is rendered with Liquid (when it
holds ``{{`` or ``{%``), converted by every converter that matches its
extension, stored back as the document's content, then placed in its
layout and each parent layout in turn, each seeing ``content`` and the
merged ``layout`` data.  A layout that was already used stops the chain.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError
from liquid.token import TOKEN_TAG, Token

from .config import deep_merge
from .incremental import apply_state, capture_state
from .hints import unknown_tag_hint
from .errors import (
    ConversionError,
    LiquidsiteError,
    MissingLayoutError,
    TemplateRenderError,
    TemplateSyntaxError,
    line_of,
)

if TYPE_CHECKING:
    from .environment import JekyllEnvironment
    from .model import Layout, Page
    from .site import Site


def liquid_error(
    err: LiquidError,
    shown_path: str,
    line_offset: int,
    chain: list[str] | None = None,
    source: str | None = None,
) -> LiquidsiteError:
    """Turn a python-liquid error into ours, with lines counted in the file.

    *line_offset* is the number of lines before the template text in its
    file (the front matter), so the line matches what an editor shows.
    """
    kind = TemplateSyntaxError if isinstance(err, LiquidSyntaxError) else TemplateRenderError
    message = str(err.message) if err.message is not None else err.__class__.__name__
    token = err.token
    path = str(err.template_name) if err.template_name else shown_path
    included = path != shown_path
    hint = None
    unclosed = _UNCLOSED_RE.match(message)
    text = token.source if token is not None and token.source else source
    if unclosed and text and not included:
        opener = find_unclosed_block(text)
        if opener is not None:
            message = f"'{opener[0]}' tag was never closed"
            token = Token(TOKEN_TAG, opener[0], opener[1], text)
            hint = f"add {{% end{opener[0]} %}} where the block should end"
    unknown = _UNKNOWN_TAG_RE.match(message)
    if unknown:
        hint = unknown_tag_hint(unknown.group(1))
    if token is not None and token.start_index >= 0 and token.source:
        line, column, source_line = line_of(token.source, token.start_index)
        if not included:
            line += line_offset
        result = kind(message, path=_short(path), line=line, column=column,
                      source_line=source_line, chain=list(chain or []))
    else:
        result = kind(message, path=_short(path), chain=list(chain or []))
    if included:
        result.chain.insert(0, f"included from {shown_path}")
    if isinstance(err, TemplateNotFoundError):
        result.hint = "check the file name and your includes folder"
    if hint:
        result.hint = hint
    elif result.source_line and _OUTPUT_IN_TAG_RE.search(result.source_line):
        result.hint = (
            "`{{ }}` is not needed inside `{% %}`: write the variable on its own, "
            "e.g. {% if page.title %} rather than {% if {{ page.title }} %}"
        )
    return result


_OUTPUT_IN_TAG_RE = re.compile(r"\{%-?[^%]*\{\{")


_UNCLOSED_RE = re.compile(r"expected tag end(\w+)")
_UNKNOWN_TAG_RE = re.compile(r"unexpected tag '(\w+)'")
_BLOCK_TAGS = frozenset(
    ("if", "unless", "for", "case", "capture", "comment", "raw", "tablerow", "highlight",
     "ifchanged", "doc")
)


def find_unclosed_block(source: str) -> tuple[str, int] | None:
    """Find the innermost block tag left open in *source*: ``(name, index)``.

    python-liquid reports an unclosed block at the end of the text; the
    user needs to see the tag that opened it.
    """
    stack: list[tuple[str, int]] = []
    for match in re.finditer(r"\{%-?\s*(\w+)", source):
        name = match.group(1)
        if stack and stack[-1][0] in ("raw", "comment") and name != "end" + stack[-1][0]:
            continue
        if name in _BLOCK_TAGS:
            stack.append((name, match.start(1)))
        elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
            stack.pop()
    return stack[-1] if stack else None


def _short(path: str) -> str:
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


class Renderer:
    """Renders documents of one site with one Liquid environment."""

    def __init__(self, site: Site, env: JekyllEnvironment) -> None:
        self.site = site
        self.env = env

    # -- Liquid -------------------------------------------------------------
    def render_liquid(
        self,
        source: str,
        payload: Mapping[str, Any],
        shown_path: str,
        line_offset: int,
        chain: list[str] | None = None,
        template_path: Path | None = None,
    ) -> str:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                if template_path is not None:
                    template = self.env.parse_layout(template_path, source)
                else:
                    template = self.env.from_string(source, name=shown_path, path=shown_path)
                output = template.render(**payload)
            for warning in caught:
                self.site.warn(f"Liquid Warning: {warning.message} in {shown_path}")
            return output
        except LiquidError as err:
            raise liquid_error(err, shown_path, line_offset, chain, source) from None

    # -- conversion ---------------------------------------------------------
    def convert(self, page: Page, content: str) -> str:
        for converter in self.site.converters_for(page.ext):
            try:
                # A converter that needs the document (Sass: its source map)
                # offers convert_page.
                convert_page = getattr(converter, "convert_page", None)
                if convert_page is not None:
                    content = convert_page(page, content)
                else:
                    content = converter.convert(content)
            except LiquidsiteError:
                raise
            except Exception as err:  # noqa: BLE001 - any converter failure
                raise ConversionError(
                    f"{type(converter).__name__} failed: {err}", path=page.relative_path
                ) from err
        return content

    # -- layouts ------------------------------------------------------------
    def place_in_layouts(self, page: Page, content: str, payload: dict[str, Any]) -> str:
        layouts = self.site.content.layouts
        name = page.layout
        layout = layouts.get(name) if name is not None else None
        if name is not None and layout is None:
            self.site.missing_layout(page, name)
        used: set[str] = set()
        payload["layout"] = None
        chain = [f"in {page.relative_path}"]
        while layout is not None:
            payload["content"] = content
            payload["layout"] = deep_merge(layout.data, payload["layout"] or {})
            self.site.record_dependency(str(layout.source_path))
            content = self.render_liquid(
                layout.content,
                payload,
                layout.relative_path,
                layout.body_line - 1,
                chain,
                template_path=layout.source_path,
            )
            used.add(layout.name)
            chain = [f"in layout {layout.relative_path}", *chain]
            parent = layout.parent
            if parent is None or parent not in layouts or parent in used:
                break
            layout = layouts[parent]
        return content

    # -- whole document -----------------------------------------------------
    def render_page(self, page: Page) -> str:
        """Render a page, a document or an excerpt (``Renderer#run``).

        A render error is reported where it happened: templates share
        parsed expressions (see ``JekyllEnvironment.shared_expressions``),
        whose error positions may point into another template, so a
        failed page is rendered again, from its state before, with every
        template parsed on its own.
        """
        env = self.env
        if getattr(env, "shared_expressions", None) is None:
            return self._render_page(page)
        before = capture_state(page)
        try:
            return self._render_page(page)
        except TemplateRenderError:
            apply_state(page, before)
            with env.unshared():
                return self._render_page(page)

    def _render_page(self, page: Page) -> str:
        """:meth:`render_page`, once.

        ``site.related_posts`` follows the document being rendered; an
        excerpt rendered in the middle (``{{ post.excerpt }}``) has its own
        payload in Jekyll, so the outer document is restored afterwards.
        """
        payload = self.site.payload()
        payload["page"] = page.liquid()
        payload["paginator"] = getattr(page, "pager", None)
        if payload["paginator"] is not None:
            # A pager is made from site.posts (its counts, paths and posts).
            self.site.record_dependency("site.posts")
        # A generated page made from other items says so (an archive: the posts).
        for dependency in getattr(page, "depends_on", ()):
            self.site.record_dependency(dependency)
        drop = self.site.drop
        outer = getattr(drop, "current_document", None)
        drop.current_document = page
        try:
            layouts = self.site.content.layouts
            layout = layouts.get(page.layout) if page.layout is not None else None
            payload["layout"] = dict(layout.data) if layout is not None else None
            output = page.content
            if page.render_with_liquid():
                output = self.render_liquid(output, payload, page.relative_path, page.body_line - 1)
            output = self.convert(page, output)
            page.set_content(output)
            if page.place_in_layout():
                output = self.place_in_layouts(page, output, payload)
        finally:
            drop.current_document = outer
        return output

    def render_excerpt(self, excerpt: Any) -> str:
        """``Excerpt#output``: Liquid and conversion, never a layout."""
        return self.render_page(excerpt)


__all__ = ["Renderer", "liquid_error", "MissingLayoutError"]

"""python-liquid's standard tags with Ruby Liquid's fallback and semantics.

Each class subclasses the python-liquid tag of the same name and lets it
parse and render.  Two things are added, and only where the golden cases
(tests/liquid/*.yml, printed by Jekyll 4.3.1) need them:

* markup python-liquid rejects goes through :func:`.fallback.ruby_parse`
  (Ruby's strict grammar, a warning, Ruby's lax grammar) and python-liquid
  is handed markup it accepts in its place, so its block parsing still runs;
* conditions are evaluated with Ruby's operators (:class:`.RubyCondition`)
  and outputs print values as Ruby's ``to_s`` does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, TextIO

from liquid.ast import BlockNode, ConditionalBlockNode, Node
from liquid.builtin import output as _output
from liquid.builtin.content import ContentNode, Literal
from liquid.builtin.expressions import BooleanExpression, FilteredExpression, LoopExpression
from liquid.builtin.expressions import Identifier, tokenize
from liquid.builtin.tags import assign_tag, capture_tag, echo_tag, for_tag, if_tag, render_tag, unless_tag
from liquid.exceptions import BreakLoop, ContinueLoop, LiquidError, LiquidSyntaxError
from liquid.expression import Expression
from liquid.mode import Mode
from liquid.output import NullIO
from liquid.stream import TokenStream
from liquid.parser import get_parser
from liquid.token import TOKEN_CONTENT, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from .. import values
from . import regexes as rx
from .expressions import parse_expression, to_integer
from .fallback import RubySyntaxError, markup_at, raw_markup, replace_markup, ruby_parse
from .strict import StrictSyntaxError
from .loops import slice_collection, strict_for
from .prepared import name as plain_name
from .prepared import prepare
from .semantics import RubyCondition
from .variable import lax_condition, lax_variable, strict_condition, strict_variable

if TYPE_CHECKING:
    from liquid import Environment
    from liquid.context import RenderContext

_PLAIN_VALUES = frozenset({int, float, bool, list, dict})

_CONTENT_OF_VARIABLE = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.DOTALL)


def _python_liquid(parse: Any, env: Environment, token: Token | None) -> Any:
    """Parse *token*'s markup with a python-liquid expression parser."""
    if token is None:
        raise LiquidSyntaxError("missing expression", token=None)
    return parse(env, TokenStream(tokenize(token.value, token)))


def shared_expressions(env: Any) -> dict[tuple[str, str], Any] | None:
    """Parsed expressions by kind and markup, shared by every template of a
    build (see :class:`liquidsite.environment.JekyllEnvironment`); None when off.

    A site repeats the same markup on every page (``{{ page.title | escape }}``);
    parsing it once saves most of the parse.  Only what python-liquid parsed
    and Ruby's strict grammar accepts is kept: that parse emitted no warning,
    so a template taking it from here misses none.
    """
    return getattr(env, "shared_expressions", None)


# -- {{ output }}, assign, echo -------------------------------------------------------


class RubyOutputNode(_output.OutputNode):
    """``{{ x }}`` printing values as Ruby's ``to_s`` does (see values.py)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        value = self.expression.evaluate(context)
        cls = value.__class__
        if cls is str:
            return buffer.write(value)  # type: ignore[arg-type]
        if value is None or cls in _PLAIN_VALUES:
            # Neither a Range nor a loop: skip the isinstance() checks below
            # (ForLoop is an ABC).
            return buffer.write(values.to_s(value))
        if isinstance(value, range):
            # A Ruby Range is not an Array: it prints as "1..3".
            return buffer.write(f"{value.start}..{value.stop - 1}")
        if isinstance(value, for_tag.ForLoop):
            # forloop_drop.rb has no to_s of its own: Ruby prints the class.
            return buffer.write("Liquid::ForloopDrop")
        return buffer.write(values.to_s(value))

    # Node.render checks for a disabled tag first; an output statement is
    # never one (its token is not a tag), so render is render_to_output.
    render = render_to_output


class RubyContentNode(ContentNode):
    """Template text: python-liquid's node, written out directly.

    The text between tags is most of a template's nodes; rendering one
    goes through Node.render, which checks for a disabled tag, and text is
    never a tag.
    """

    __slots__ = ()

    def render(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.text)


class RubyBlockNode(BlockNode):
    """The body of a ``for``, ``if`` or ``unless`` branch, rendered in one call.

    python-liquid's BlockNode goes through Node.render, then sums its
    nodes' counts through a generator expression: two calls and a
    generator resume per node of every loop iteration.  Same checks, same
    count, same blank handling.
    """

    __slots__ = ()

    def render(self, context: RenderContext, buffer: TextIO) -> int:
        if context.disabled_tags:
            self.raise_for_disabled(context.disabled_tags)
        if self.blank and context.env.suppress_blank_control_flow_blocks:
            # Only whitespace and tags: rendered for their effects.
            out = NullIO()
            for node in self.nodes:
                node.render(context, out)
            return 0
        count = 0
        for node in self.nodes:
            count += node.render(context, buffer)
        return count


def ruby_block(block: BlockNode) -> BlockNode:
    """*block*, a python-liquid BlockNode, as a :class:`RubyBlockNode`."""
    if block.__class__ is BlockNode:
        block.__class__ = RubyBlockNode
    return block


class RubyContent(Literal):
    """The pseudo-tag for template text, making :class:`RubyContentNode` s."""

    node_class = RubyContentNode

    def get_node(self, stream: TokenStream) -> Node:
        """The node of a text token, made directly.

        Tag.get_node wraps parse for its errors and parse checks the
        token's kind; a text token (a third of a page's tokens) can fail
        neither.  Any other token takes the checked way.
        """
        token = stream.current
        if token.kind == TOKEN_CONTENT:
            return self.node_class(token, token.value)
        return super().get_node(stream)


def ruby_variable(env: Environment, markup: str, token: Token, context: str) -> Expression:
    """A Variable (variable.rb) from markup python-liquid rejected."""
    return ruby_parse(env, token, lambda: strict_variable(markup, token),
                      lambda: lax_variable(markup, token), context)


def ruby_accepts(check: Any, markup: str, token: Token, env: Environment | None = None) -> bool:
    """Whether Ruby's strict grammar accepts markup python-liquid parsed.

    python-liquid is more forgiving in places (``{{ x | upcase: }}``,
    ``limit: 2 reversed``, ``1 == 1 == 1``); Jekyll warns about those and
    reads them with the lax grammar, and the output differs, so they go
    to the fallback as if python-liquid had rejected them.

    The answer depends on the markup alone, and a site repeats the same
    markup in every page, so *env* (when given) keeps the answers.
    """
    cache: dict[tuple[Any, str], bool] | None = None
    if env is not None:
        cache = getattr(env, "ruby_accepts_cache", None)
        if cache is None:
            cache = {}
            env.ruby_accepts_cache = cache  # type: ignore[attr-defined]
        known = cache.get((check, markup))
        if known is not None:
            return known
    try:
        check(markup, token)
        accepted = True
    except StrictSyntaxError:
        accepted = False
    except LiquidError:
        accepted = True
    if cache is not None:
        cache[(check, markup)] = accepted
    return accepted


class RubyOutput(_output.Output):
    """Output statements: python-liquid's, Ruby's grammar when it fails."""

    def parse(self, stream: TokenStream) -> RubyOutputNode:
        start = stream.pos
        token = stream.tokens[start]
        shared = shared_expressions(self.env)
        key = ("output", token.value)
        if shared is not None:
            known = shared.get(key)
            if known is not None:
                stream.pos = start + 1  # where python-liquid's parse leaves it
                return RubyOutputNode(token, known)
        m = _CONTENT_OF_VARIABLE.match(token.value)
        markup = m.group(1) if m else token.value
        try:
            node = super().parse(stream)
            if ruby_accepts(strict_variable, markup, token, self.env):
                expression = prepare(node.expression)
                if shared is not None:
                    shared[key] = expression
                return RubyOutputNode(node.token, expression)
        except LiquidSyntaxError:
            pass
        stream.pos = start + 1
        expression = ruby_variable(self.env, markup, token, f'in "{{{{{markup}}}}}"')
        return RubyOutputNode(token, expression)


class RubyEchoTag(echo_tag.EchoTag):
    """``echo`` is an output statement in a tag (echo.rb)."""

    def parse(self, stream: TokenStream) -> Node:
        start = stream.pos
        token = stream.tokens[start]
        markup = raw_markup(stream, start)
        try:
            node = super().parse(stream)
            if ruby_accepts(strict_variable, markup, token, self.env):
                node.expression = prepare(node.expression)  # type: ignore[attr-defined]
                return node
        except LiquidSyntaxError:
            pass
        stream.pos = start + 1
        expression = ruby_variable(self.env, markup, token, f'in "{{{{{markup}}}}}"')
        return echo_tag.EchoNode(token, expression)


_ASSIGN_ERROR = "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]"


class RubyAssignTag(assign_tag.AssignTag):
    """``assign``: Ruby's ``Syntax`` regex names the variable (assign.rb)."""

    def parse(self, stream: TokenStream) -> assign_tag.AssignNode:
        start = stream.pos
        token = stream.tokens[start]
        markup = raw_markup(stream, start)
        shared = shared_expressions(self.env)
        key = ("assign", markup)
        if shared is not None:
            known = shared.get(key)
            if known is not None:
                stream.pos = start + 1  # where python-liquid's parse leaves it
                return assign_tag.AssignNode(token, name=known[0], expression=known[1])
        m = rx.ASSIGN_SYNTAX.search(markup)
        try:
            node = super().parse(stream)
            if m is None or ruby_accepts(strict_variable, m.group(2), token, self.env):
                node.expression = prepare(node.expression)
                node.name = plain_name(node.name)
                if shared is not None:
                    shared[key] = (node.name, node.expression)
                return node
        except LiquidSyntaxError:
            pass
        stream.pos = start + 1
        if not m:
            raise RubySyntaxError(_ASSIGN_ERROR, token=token)
        expression = ruby_variable(self.env, m.group(2), token, f'in "{{{{{m.group(2)}}}}}"')
        return assign_tag.AssignNode(token, name=plain_name(Identifier(m.group(1), token=token)),
                                     expression=expression)


_CAPTURE_ERROR = "Syntax Error in 'capture' - Valid syntax: capture [var]"


class RubyCaptureTag(capture_tag.CaptureTag):
    """``capture``: Ruby takes the first word-like run of the markup as the
    name (capture.rb ``Syntax``), quoted or followed by junk."""

    def parse(self, stream: TokenStream) -> capture_tag.CaptureNode:
        start = stream.pos
        markup, _ = markup_at(stream, start)
        m = rx.CAPTURE_SYNTAX.search(markup)
        if not m:
            raise RubySyntaxError(_CAPTURE_ERROR, token=stream.tokens[start])
        replace_markup(stream, start, "x")
        node = super().parse(stream)
        node.name = plain_name(Identifier(m.group(1), token=stream.tokens[start]))
        return node


# -- if / unless / elsif ------------------------------------------------------------------


def ruby_condition(env: Environment, markup: str, token: Token) -> Expression:
    """A condition for tag markup: python-liquid's tree with Ruby's
    operators, or Ruby's own condition when python-liquid rejects it."""
    shared = shared_expressions(env)
    key = ("condition", markup)
    if shared is not None:
        known = shared.get(key)
        if known is not None:
            return known  # type: ignore[no-any-return]
    try:
        condition = RubyCondition(prepare(_python_liquid(BooleanExpression.parse, env, token)))
        if ruby_accepts(strict_condition, markup, token, env):
            if shared is not None:
                shared[key] = condition
            return condition
    except LiquidSyntaxError:
        pass
    return ruby_parse(env, token, lambda: strict_condition(markup, token),
                      lambda: lax_condition(markup, token),
                      f'in "{markup.strip(rx.RUBY_WS)}"')


def _own_branches(stream: TokenStream, start: int, name: str) -> Iterator[int]:
    """Indexes of the tag at *start* and of its own ``elsif`` tags."""
    yield start
    depth = 0
    for i in range(start + 1, len(stream.tokens)):
        token = stream.tokens[i]
        if token.kind != TOKEN_TAG:
            continue
        if token.value in ("if", "unless"):
            depth += 1
        elif token.value in ("endif", "endunless"):
            if depth == 0:
                return
            depth -= 1
        elif token.value == "elsif" and depth == 0:
            yield i


def _conditions(env: Environment, stream: TokenStream, name: str) -> list[Expression]:
    """The conditions of the tag at the stream's position and of its own
    ``elsif`` tags, in order, each parsed as Ruby would (warnings and
    errors in the order Ruby reports them: before the blocks)."""
    conditions = []
    for i in _own_branches(stream, stream.pos, name):
        markup, expr_token = markup_at(stream, i)
        conditions.append(ruby_condition(env, markup, expr_token or stream.tokens[i]))
    return conditions


def _parse_branches(tag: Any, stream: TokenStream, conditions: list[Expression],
                    ends: tuple[frozenset[str], frozenset[str], frozenset[str]],
                    end_tag: str) -> Node:
    """python-liquid's IfTag.parse (and UnlessTag.parse) with the conditions
    already made.

    The blocks, ``elsif``, ``else`` and the extraneous branches after an
    ``else`` are read exactly as there; the markup of each branch is
    skipped rather than handed to python-liquid, which only parsed
    stand-in markup to be replaced (a tokenizer and a parser per branch).
    *ends* are the tag's sets of block ends: first block, ``elsif``
    blocks, ``else`` block.
    """
    end_first, end_elsif, end_else = ends
    token = stream.eat(TOKEN_TAG)
    if stream.current.kind == TOKEN_EXPRESSION:
        next(stream)
    parse_block = get_parser(tag.env).parse_block
    consequence = ruby_block(parse_block(stream, end_first))
    alternatives: list[ConditionalBlockNode] = []
    branch = 1
    while stream.current.is_tag(if_tag.TAG_ELSIF):
        next(stream)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        alt_token = stream.current
        alt_block = ruby_block(parse_block(stream, end_elsif))
        alternatives.append(ConditionalBlockNode(alt_token, expression=conditions[branch],
                                                 block=alt_block))
        branch += 1
    default: BlockNode | None = None
    if stream.current.is_tag(if_tag.TAG_ELSE):
        next(stream)
        if stream.current.kind == TOKEN_EXPRESSION:
            if tag.mode != Mode.LAX:
                raise LiquidSyntaxError("found an 'else' tag expression, did you mean 'elsif'?",
                                        token=stream.current)
            next(stream)  # superfluous markup after `else` is ignored
        default = ruby_block(parse_block(stream, end_else))
    # Extraneous `else` and `elsif` blocks are ignored.
    if not stream.current.is_tag(end_tag) and tag.mode == Mode.LAX:
        while stream.current.kind != TOKEN_EOF:
            if stream.current.kind == TOKEN_TAG and stream.current.value == end_tag:
                break
            next(stream)
    stream.expect(TOKEN_TAG, value=end_tag)
    node: Node = tag.node_class(token=token, condition=conditions[0], consequence=consequence,
                                alternatives=alternatives, default=default)
    return node


class RubyIfTag(if_tag.IfTag):
    """``if``/``elsif``: each condition is parsed first (python-liquid, else
    Ruby's grammar), then the blocks as python-liquid parses them."""

    def parse(self, stream: TokenStream) -> Node:
        conditions = _conditions(self.env, stream, self.name)
        return _parse_branches(self, stream, conditions, _IF_ENDS, if_tag.TAG_ENDIF)


class RubyUnlessTag(unless_tag.UnlessTag):
    def parse(self, stream: TokenStream) -> Node:
        conditions = _conditions(self.env, stream, self.name)
        return _parse_branches(self, stream, conditions, _UNLESS_ENDS, unless_tag.TAG_ENDUNLESS)


_IF_ENDS = (if_tag.ENDIFBLOCK, if_tag.ENDELSIFBLOCK, if_tag.ENDIFELSEBLOCK)
_UNLESS_ENDS = (unless_tag.ENDUNLESSBLOCK, unless_tag.ENDELSIFBLOCK,
                unless_tag.ENDUNLESSELSEBLOCK)


# -- for ------------------------------------------------------------------------------------


FOR_ERROR = "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"


class RubyLoopExpression(LoopExpression):
    """``for`` collections sliced as Ruby's for.rb does: offset and limit
    as Ruby integers (a negative limit is an empty loop), ``reversed``
    after slicing, ``offset: continue`` from the same loop's last stop."""

    __slots__ = ()

    def evaluate(self, context: RenderContext) -> tuple[Iterator[object], int]:
        key = f"{self.identifier}-{self.iterable}"
        if isinstance(self.offset, str) or getattr(self.offset, "value", None) == "continue":
            start = context.stopindex(key)
        elif self.offset is None:
            start = 0
        else:
            value = self.offset.evaluate(context)
            start = 0 if value is None else _int(value, self.token)
        stop = None
        if self.limit is not None:
            limit = self.limit.evaluate(context)
            if limit is not None:
                stop = _int(limit, self.token) + start
        segment = slice_collection(self.iterable.evaluate(context), start, stop)
        if self.reversed:
            segment.reverse()
        context.stopindex(key, start + len(segment))
        return iter(segment), len(segment)


def _int(value: object, token: Token) -> int:
    try:
        return to_integer(value)
    except LiquidError as err:
        if err.token is None:
            err.token = token
        raise


def _ruby_loop(markup: str, token: Token) -> RubyLoopExpression:
    """for.rb ``lax_parse`` (and, via the strict grammar, ``strict_parse``)."""
    m = rx.FOR_SYNTAX.search(markup)
    if not m:
        raise RubySyntaxError(FOR_ERROR, token=token)
    attrs: dict[str, Any] = {"limit": None, "offset": None}
    for key, value in rx.TAG_ATTRIBUTES.findall(markup):
        if key in attrs:
            attrs[key] = "continue" if key == "offset" and value == "continue" \
                else parse_expression(value, token)
    return RubyLoopExpression(token, m.group(1), parse_expression(m.group(2), token),
                              limit=attrs["limit"], offset=attrs["offset"],
                              reversed_=bool(m.group(3)), cols=None)


def _strict_loop(markup: str, token: Token) -> RubyLoopExpression:
    strict_for(markup)  # raises Ruby's strict message
    return _ruby_loop(markup, token)


class RubyForNode(for_tag.ForNode):
    """python-liquid's ForNode, entering its loop without generator-based
    context managers.

    ``RenderContext.loop`` (a generator context manager around another)
    costs more than most loop bodies; the steps are the same: the
    iteration limit, the loop stack, the loop's namespace pushed (with
    the depth check), both undone when the loop ends.
    """

    __slots__ = ()

    def render(self, context: RenderContext, buffer: TextIO) -> int:
        if context.disabled_tags:
            self.raise_for_disabled(context.disabled_tags)
        return self.render_to_output(context, buffer)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        it, length = self.expression.evaluate(context)
        if not length:
            return self.default.render(context, buffer) if self.default else 0
        name = self.expression.identifier
        forloop = for_tag.ForLoop(name=f"{name}-{self.expression.iterable}", it=it,
                                  length=length, parentloop=context.parentloop())
        namespace: dict[str, object] = {"forloop": forloop, name: None}
        context.raise_for_loop_limit(forloop.length)
        context.loops.append(forloop)
        with context.extend(namespace):
            try:
                return _iterate(self.block, forloop, namespace, name, context, buffer)
            finally:
                context.loops.pop()


def _iterate(block: Node, forloop: for_tag.ForLoop, namespace: dict[str, object], name: str,
             context: RenderContext, buffer: TextIO) -> int:
    """ForNode's loop: each item bound to *name*, ``break`` and ``continue`` honoured."""
    count = 0
    for item in forloop:
        namespace[name] = item
        try:
            count += block.render(context, buffer)
        except ContinueLoop:
            continue
        except BreakLoop:
            break
    return count


class RubyForTag(for_tag.ForTag):
    """``for``: python-liquid's loop, Ruby's slicing, Ruby's grammar when
    python-liquid rejects the markup."""

    node_class = RubyForNode

    def parse(self, stream: TokenStream) -> Node:
        start = stream.pos
        markup, expr_token = markup_at(stream, start)
        token = expr_token or stream.tokens[start]
        shared = shared_expressions(self.env)
        key = ("for", markup)
        expression = shared.get(key) if shared is not None else None
        if expression is None:
            try:
                loop = _python_liquid(LoopExpression.parse, self.env, expr_token)
                expression = prepare(RubyLoopExpression(
                    loop.token, plain_name(loop.identifier), loop.iterable, limit=loop.limit,
                    offset=loop.offset, reversed_=loop.reversed, cols=loop.cols))
                if not ruby_accepts(_strict_loop, markup, token, self.env):
                    raise LiquidSyntaxError("Ruby's grammar rejects it", token=token)
                if shared is not None:
                    shared[key] = expression
            except LiquidSyntaxError:
                expression = ruby_parse(self.env, token, lambda: _strict_loop(markup, token),
                                        lambda: _ruby_loop(markup, token),
                                        f'in "{markup.strip(rx.RUBY_WS)}"')
        return self._parse_block(stream, expression)

    def _parse_block(self, stream: TokenStream, expression: LoopExpression) -> Node:
        """python-liquid's ForTag.parse with the loop expression already made.

        The markup was parsed above (or taken from the shared expressions);
        handing python-liquid stand-in markup to parse again cost as much
        as the rest of the tag.
        """
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        parse_block = get_parser(self.env).parse_block
        block = ruby_block(parse_block(stream, for_tag.ENDFORBLOCK))
        default = None
        if stream.current.is_tag(for_tag.TAG_ELSE):
            next(stream)
            default = ruby_block(parse_block(stream, for_tag.ENDFORELSEBLOCK))
        stream.expect(TOKEN_TAG, value=for_tag.TAG_ENDFOR)
        return self.node_class(token, expression=expression, block=block, default=default)


# -- render ---------------------------------------------------------------------------------


class RenderNotAllowedError(LiquidError):
    """Jekyll 4.3 gives ``render`` no file system: every use fails."""


class RubyRenderTag(render_tag.RenderTag):
    """render.rb as Jekyll 4.3 runs it: parsed, failing when rendered."""

    def parse(self, stream: TokenStream) -> Node:
        node = super().parse(stream)
        return _FailingRender(node.token)


class _FailingRender(Node):
    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        raise RenderNotAllowedError("This liquid context does not allow includes.",
                                    token=self.token)


TAGS: tuple[type[Any], ...] = (RubyContent, RubyOutput, RubyEchoTag, RubyAssignTag, RubyCaptureTag,
                               RubyIfTag,
                               RubyUnlessTag, RubyForTag, RubyRenderTag)


def register(env: Environment) -> None:
    """Register the Ruby-behaving standard tags on *env*."""
    for tag in TAGS:
        env.add_tag(tag)

"""Parsing shortcuts of liquidsite.lax.tags: the same trees, made with less work.

``for`` builds its node from the loop expression it parsed (or shared)
instead of handing python-liquid stand-in markup to parse again; text and
output nodes render without Node.render's disabled-tag check.
"""

from __future__ import annotations

import copy
import io

import pytest
from liquid.builtin.expressions import LoopExpression
from liquid.exceptions import LiquidSyntaxError

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment
from liquidsite.lax.tags import RubyContentNode, RubyOutputNode


def make_env() -> JekyllEnvironment:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), {}))
    env.shared_expressions = {}
    return env


@pytest.mark.parametrize(("source", "expected"), [
    ("{% for x in xs %}{{ x }},{% endfor %}", "1,2,3,"),
    ("{% for x in xs reversed limit: 2 %}{{ x }}{% endfor %}", "21"),
    ("{% for x in none %}{{ x }}{% else %}empty{% endfor %}", "empty"),
    ("{% for x in xs %}{% for y in xs %}{{ y }}{% endfor %}|{% endfor %}", "123|123|123|"),
    ("{% for x in xs %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}", "1"),
    ("{%- for x in xs -%} {{ forloop.index }} {%- endfor -%}", "123"),
])
def test_loops_render_as_before(source: str, expected: str) -> None:
    env = make_env()
    for _ in range(2):  # the second parse takes the shared loop expression
        assert env.from_string(source).render(xs=[1, 2, 3]) == expected


def test_a_shared_loop_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_env()
    env.from_string("{% for x in xs %}{{ x }}{% endfor %}")
    calls: list[object] = []
    original = LoopExpression.parse

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LoopExpression, "parse", staticmethod(counting))
    template = env.from_string("a{% for x in xs %}{{ x }}{% endfor %}")
    assert template.render(xs=[4, 5]) == "a45"
    assert calls == []


def test_an_unclosed_loop_is_reported_at_its_tag() -> None:
    with pytest.raises(LiquidSyntaxError) as info:
        make_env().from_string("text\n{% for x in xs %}{{ x }}")
    assert info.value.token is not None and info.value.token.value == "for"
    assert info.value.token.start_index == len("text\n{% ")


def test_text_and_outputs_are_the_ruby_nodes() -> None:
    template = make_env().from_string("a{{ b }}c")
    kinds = [type(node) for node in template.nodes]
    assert kinds == [RubyContentNode, RubyOutputNode, RubyContentNode]
    assert template.render(b="B") == "aBc"


@pytest.mark.parametrize(("source", "expected"), [
    ("{% if a %}A{% endif %}", "A"),
    ("{% if z %}A{% elsif b %}B{% else %}C{% endif %}", "B"),
    ("{% if z %}A{% elsif z %}B{% elsif a %}C{% endif %}", "C"),
    ("{% if z %}A{% else junk %}C{% endif %}", "C"),
    ("{% if z %}A{% else %}C{% elsif a %}B{% endif %}", "C"),
    ("{% if a %}{% if z %}x{% elsif b %}y{% endif %}{% elsif a %}B{% endif %}", "y"),
    ("{% unless a %}A{% elsif b %}B{% else %}C{% endunless %}", "B"),
    ("{% unless z %}A{% endunless %}", "A"),
    ("{% if a == 1 and b %}yes{% endif %}", "yes"),
    ("{%- if a -%} A {%- endif -%}", "A"),
])
def test_conditionals_render_as_before(source: str, expected: str) -> None:
    env = make_env()
    for _ in range(2):  # the second parse takes the shared conditions
        assert env.from_string(source).render(a=1, b=True, z=False) == expected


def test_conditions_are_parsed_once_not_as_stand_in_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    from liquid.builtin.expressions import BooleanExpression

    env = make_env()
    env.from_string("{% if a %}A{% elsif b %}B{% endif %}{% unless c %}C{% endunless %}")
    calls: list[object] = []
    original = BooleanExpression.parse

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BooleanExpression, "parse", staticmethod(counting))
    template = env.from_string("{% if a %}A{% elsif b %}B{% endif %}{% unless c %}C{% endunless %}")
    assert template.render(a=False, b=True, c=False) == "BC"
    assert calls == []


def test_an_unclosed_condition_is_reported_at_its_tag() -> None:
    with pytest.raises(LiquidSyntaxError) as info:
        make_env().from_string("text\n{% if a %}A{% elsif b %}B")
    assert info.value.token is not None and info.value.token.value == "if"


def test_branch_and_loop_bodies_are_ruby_blocks() -> None:
    from liquidsite.lax.tags import RubyBlockNode

    template = make_env().from_string(
        "{% for x in xs %}{{ x }}{% else %}none{% endfor %}"
        "{% if a %}A{% elsif b %}B{% else %}C{% endif %}{% unless a %}U{% endunless %}"
    )
    loop, branch, unless = template.nodes
    blocks = [loop.block, loop.default, branch.consequence,  # type: ignore[attr-defined]
              branch.alternatives[0].block, branch.default, unless.consequence]  # type: ignore[attr-defined]
    assert all(type(block) is RubyBlockNode for block in blocks)
    assert template.render(xs=[1, 2], a=False, b=True) == "12BU"


def test_a_blank_body_renders_for_its_effects_only() -> None:
    # Ruby prints nothing for a branch of whitespace and tags, but its
    # assignments still happen.
    template = make_env().from_string(
        "{% if true %}  {% assign y = 'set' %}  {% endif %}[{{ y }}]"
        "{% for x in xs %} {% assign z = x %} {% endfor %}[{{ z }}]"
    )
    assert template.render(xs=[1, 2]) == "[set][2]"


def test_text_nodes_are_made_without_the_parse_wrapper(monkeypatch: pytest.MonkeyPatch) -> None:
    from liquidsite.lax.tags import RubyContent

    def failing(self: object, stream: object) -> object:
        raise AssertionError("text parsed through Literal.parse")

    monkeypatch.setattr(RubyContent, "parse", failing)
    template = make_env().from_string("a {{ b }} c{% if b %} d {% endif %}")
    assert template.render(b="B") == "a B c d "
    assert [type(node) for node in template.nodes][:3] == [RubyContentNode, RubyOutputNode,
                                                            RubyContentNode]


@pytest.mark.parametrize(("source", "expected"), [
    ("{% for x in xs %}{% for y in xs %}{{ forloop.parentloop.index }}{{ y }} {% endfor %}{% endfor %}",
     "11 12 13 21 22 23 31 32 33 "),
    ("{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}", "13"),
    ("{% for x in xs %}{{ forloop.first }}{{ forloop.rindex }}{% endfor %}", "true3false2false1"),
    ("{% for x in xs offset: 1 %}{{ x }}{% endfor %}{% for x in xs offset: continue %}{{ x }}{% endfor %}",
     "23"),
    ("{% for x in xs %}{{ x }}{% endfor %}{{ forloop.index }}{{ x }}", "123"),
])
def test_loop_nodes_render_as_python_liquid(source: str, expected: str) -> None:
    from liquidsite.lax.tags import RubyForNode

    template = make_env().from_string(source)
    assert type(template.nodes[0]) is RubyForNode
    assert template.render(xs=[1, 2, 3]) == expected


def test_a_failing_loop_leaves_no_loop_behind() -> None:
    env = make_env()
    template = env.from_string("{% for x in xs %}{{ 1 | divided_by: x }}{% endfor %}")
    context = template.context_class(template, globals={"xs": [1, 0]})
    depth = len(context.scope.maps)  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="divided by 0"):
        for node in template.nodes:
            node.render(context, io.StringIO())
    assert context.loops == []
    assert len(context.scope.maps) == depth  # type: ignore[attr-defined]

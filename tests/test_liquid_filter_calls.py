"""How prepared filters call their functions (liquidsite.lax.prepared.RubyFilter).

A filter that wants the environment or the render context gets it as a
keyword argument, as python-liquid's functools.partial gives it, and a
keyword argument of the same name written in the template wins.
"""

from __future__ import annotations

import copy
from typing import Any

from liquid.filter import with_context, with_environment

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment


def make_env() -> JekyllEnvironment:
    env = JekyllEnvironment(deep_merge(copy.deepcopy(DEFAULTS), {}))

    @with_environment
    def env_name(value: Any, *args: Any, environment: Any) -> str:
        return f"{value}:{args}:{type(environment).__name__}"

    @with_context
    def ctx_name(value: Any, *args: Any, context: Any) -> str:
        return f"{value}:{args}:{context.get(['x'], token=None)}"

    @with_context
    @with_environment
    def both(value: Any, *, context: Any, environment: Any) -> str:
        return f"{value}:{context.get(['x'], token=None)}:{type(environment).__name__}"

    env.add_filter("env_name", env_name)
    env.add_filter("ctx_name", ctx_name)
    env.add_filter("both", both)
    return env


def test_filters_get_what_they_ask_for() -> None:
    env = make_env()
    source = "{{ 'a' | env_name: 1 }} {{ 'b' | ctx_name: x }} {{ 'c' | both }}"
    assert env.from_string(source).render(x=7) == (
        "a:(1,):JekyllEnvironment b:(7,):7 c:7:JekyllEnvironment"
    )


def test_a_keyword_of_the_same_name_wins() -> None:
    env = make_env()
    assert env.from_string("{{ 'a' | env_name: environment: 'mine' }}").render() == "a:():str"

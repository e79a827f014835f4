"""Replay the golden Liquid dialect cases (tests/liquid/*.yml) against liquidsite.

Every case's ``expected`` (or ``error``) and ``warnings`` were printed by
Jekyll 4.3.1 itself (scripts/regen_liquid_cases.py): tags, Ruby Liquid's
lax parsing under ``error_mode: warn``, and Ruby's rendering semantics.
The Jekyll site of those cases had two includes, recreated here.
"""

from __future__ import annotations

import copy
import re
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from liquidsite.config import DEFAULTS, deep_merge
from liquidsite.environment import JekyllEnvironment
import yaml

CASES_DIR = Path(__file__).parent / "liquid"
FAKE_NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
INCLUDES = {"greet.html": "Hi {{ include.who }}{{ who }}!", "snippet.liquid": "[{{ who }}]"}

# Cases whose Jekyll output liquidsite does not reproduce, each with the reason.
# Token spans come from liquidsite.highlight; when it learns a language, drop its entry.
_SPANS = "Pygments and Rouge tokenise this language differently (spans inside <code> only)"
DEVIATIONS: dict[str, str] = {
    "lax-0041": "Ruby passes keyword arguments as a trailing Hash, so `default: allow_false: "
                "true` prints the hash; python-liquid filters take them as keywords",
    "tags-0027": _SPANS,
    "more-0001": "counters carry on from page to page in a build (covered by "
                 "test_counters_are_shared_by_the_renders_of_a_build); each case here is "
                 "rendered on its own",
}
# python-liquid parses and renders these itself, and differs from Ruby Liquid;
# docs/compatibility.md (Liquid, Deviations) lists them.
_CYCLE = "python-liquid's cycle groups unnamed cycles by value and parses its markup strictly"
_CASE = "python-liquid's case grammar: Ruby reads `case x y` as `case x`; `when blank` differs"
_LEXER = "python-liquid's lexer: raw/comment bodies and `%}` inside quotes tokenize differently"
_BLANK = "python-liquid's blank-block rules: Ruby keeps whitespace of raw/capture/tablerow " \
         "bodies and only strips ASCII whitespace"
_TABLEROW = "python-liquid's tablerow: empty collections and break render differently"
for _ids, _reason in (
    (("lax-0154", "lax-0157", "lax-0159"), _CYCLE),
    (("lax-0166", "tags-0055"), _CASE),
    (("lax-0190", "lax-0192", "lax-0198", "lax-0199", "tags-0030"), _LEXER),
    (("more-0038", "more-0039", "more-0068", "tags-0141", "tags-0142", "tags-0144"), _BLANK),
    (("tags-0124", "tags-0125"), _TABLEROW),
    (("lax-0174",), "python-liquid's increment needs a name; Ruby counts under the empty one"),
    (("semantics-0082",), "python-liquid's paths do not tell `x[\"size\"]` from `x.size`"),
    (("tags-0041",), "python-liquid's liquid tag requires its markup on following lines"),
    (("tags-0098",), "jsonify of python-liquid's forloop object is its fields, not Ruby's "
                     "ForloopDrop"),
):
    DEVIATIONS.update(dict.fromkeys(_ids, _reason))
_SPAN_TAG = re.compile(r'<span class="[^"]*">|</span>')


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        # The case files are written by PyYAML (scripts/regen_*), so they are
        # read back with PyYAML's rules, not Psych's.
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, case in enumerate(data.get("cases") or []):
            case_id = f"{path.stem}-{i:04d}"
            marks = []
            if case_id in DEVIATIONS:
                marks.append(pytest.mark.xfail(reason=DEVIATIONS[case_id], strict=True))
            params.append(pytest.param(case, id=case_id, marks=marks))
    return params


CASES = _load()


@pytest.fixture(scope="module")
def includes_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("includes")
    for name, text in INCLUDES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_env(case: dict[str, Any], includes: Path) -> JekyllEnvironment:
    """An environment configured as the case's Jekyll site was."""
    config = deep_merge(copy.deepcopy(DEFAULTS), case.get("config") or {})
    env = JekyllEnvironment(config, includes_dirs=[includes])
    env.clock = lambda: FAKE_NOW  # type: ignore[attr-defined]
    return env


def render(case: dict[str, Any], includes: Path) -> tuple[str, list[str]]:
    variables = dict(case.get("vars") or {})
    page = {"vars": case.get("vars") or {}, "layout": None}
    env = make_env(case, includes)
    with _quiet():
        template = env.from_string(case["template"])
        output = template.render(**{"page": page, **variables})
    return output, list(getattr(template, "warnings", []))


class _quiet:
    """Silence the Python warnings the parser also emits."""

    def __enter__(self) -> None:
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._ctx.__exit__(*exc)


def test_case_count() -> None:
    assert len(CASES) >= 250


@pytest.mark.parametrize("case", CASES)
def test_liquid_case(case: dict[str, Any], includes_dir: Path) -> None:
    if "error" in case:
        with pytest.raises(Exception):  # noqa: B017 - any failure, as Jekyll's build fails
            render(case, includes_dir)
        return
    output, warnings = render(case, includes_dir)
    assert output == case["expected"]
    expected_warnings = [w.removesuffix(" in PATH") for w in case.get("warnings") or []]
    assert warnings == expected_warnings


@pytest.mark.parametrize(
    "case", [pytest.param(c.values[0], id=c.id) for c in CASES
             if "highlight" in c.values[0]["template"] and "expected" in c.values[0]]
)
def test_highlight_markup_outside_spans(case: Any, includes_dir: Path) -> None:
    """Where token spans may differ, everything else is Jekyll's, byte for byte."""
    output, _ = render(case, includes_dir)
    assert _SPAN_TAG.sub("", output) == _SPAN_TAG.sub("", case["expected"])


def test_counters_are_shared_by_the_renders_of_a_build(includes_dir: Path) -> None:
    """Jekyll's payload is one object per build: a page's ``increment`` is
    seen by the next page (tests/liquid/more.yml cases 0 and 1)."""
    env = make_env({}, includes_dir)
    first = env.from_string("{% increment shared %}").render()
    second = env.from_string("[{{ shared }}]{% increment shared %}{% decrement other %}").render()
    assert (first, second) == ("0", "[1]1-1")

"""pytest fixtures for Jekyll sites and templates (loaded when liquidsite is installed).

Fixtures:
    jekyll_site: ``jekyll_site("path/to/site")`` or ``jekyll_site({"index.md": ...})``
        gives a :class:`~liquidsite.Site`; read ``site.outputs["/about/"]``
        or ``site.render_page("about.md")`` without writing anything.
    render_liquid: ``render_liquid("{{ x | size }}", x=[1, 2])`` renders one
        template with Jekyll's filters and tags (``site=``, ``page=``,
        ``includes=`` for the context).
    assert_matches_golden: ``assert_matches_golden(output, "about.html")``
        compares with ``tests/golden/about.html``; ``pytest
        --liquidsite-update-golden`` writes the files.

Warnings of a build or template are raised as
:class:`liquidsite.testing.LiquidWarning`; ``--liquidsite-strict`` or the
``liquidsite_strict`` marker makes them fail the test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Union

import pytest

if TYPE_CHECKING:
    from .site import Site

SiteSource = Union[str, "os.PathLike[str]", Mapping[str, Union[str, bytes]]]

STRICT_FILTER = "error::liquidsite.testing.LiquidWarning"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("liquidsite", "liquidsite (Jekyll templates)")
    group.addoption(
        "--liquidsite-update-golden",
        action="store_true",
        default=False,
        help="write the output of assert_matches_golden to the golden files instead of comparing",
    )
    group.addoption(
        "--liquidsite-strict",
        action="store_true",
        default=False,
        help="fail tests on Liquid and build warnings (as the liquidsite_strict marker does)",
    )
    parser.addini(
        "liquidsite_golden_dir",
        "folder of golden files, relative to the rootdir (default: tests/golden)",
        default="tests/golden",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "liquidsite_strict: Liquid and build warnings (liquidsite.testing.LiquidWarning) fail the test",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Strictness is pytest's own warning filter, so `-W` and
    # `filterwarnings` markers can still refine it.
    strict_all = bool(config.getoption("--liquidsite-strict"))
    for item in items:
        if strict_all or item.get_closest_marker("liquidsite_strict") is not None:
            item.add_marker(pytest.mark.filterwarnings(STRICT_FILTER))


def _resolve_source(source: str | os.PathLike[str], request: pytest.FixtureRequest) -> Path:
    path = Path(source)
    if path.is_absolute():
        candidates = [path]
    else:
        candidates = [Path(request.path).parent / path, Path(request.config.rootpath) / path]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"no site folder {os.fspath(source)!r}; looked in "
        + ", ".join(str(c) for c in dict.fromkeys(candidates))
    )


@pytest.fixture
def jekyll_site(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[..., Site]:
    """Build a :class:`~liquidsite.Site` from a folder or a dict of files.

    ``jekyll_site(source, **config)``: *source* is a folder (relative to the
    test file, then to the rootdir) or ``{"relative/path": text_or_bytes}``
    written under ``tmp_path``.  Keyword arguments override configuration
    keys (``baseurl="/x"``, ``show_drafts=True``).  The destination is a
    folder under ``tmp_path``, so ``site.build()`` never writes into the
    source.
    """
    from .testing import WarningSite

    count = 0

    def make(source: SiteSource, **overrides: Any) -> Site:
        nonlocal count
        count += 1
        overrides.setdefault("destination", tmp_path / f"_site{count}")
        if isinstance(source, Mapping):
            return WarningSite.from_files(source, tmp_path / f"site{count}", **overrides)
        return WarningSite.from_path(_resolve_source(source, request), **overrides)

    return make


@pytest.fixture(scope="session")
def render_liquid(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """Render one template: ``render_liquid(source, site=..., page=..., includes=..., **variables)``.

    Session-scoped and free of per-test state, so ``@given`` property tests
    can use it.  See :func:`liquidsite.testing.render_template`.
    """
    from .testing import render_template

    includes_parent = tmp_path_factory.mktemp("liquidsite-includes")
    # The first render imports the filters and tags; doing it here keeps
    # that time out of the first example of a property test.
    render_template("{{ '' | markdownify }}")

    def render(
        template: str,
        *,
        site: Site | Mapping[str, Any] | None = None,
        page: Mapping[str, Any] | None = None,
        includes: Mapping[str, str] | None = None,
        **variables: Any,
    ) -> str:
        return render_template(
            template,
            variables,
            site=site,
            page=page,
            includes=includes,
            includes_parent=includes_parent,
        )

    return render


@pytest.fixture
def assert_matches_golden(request: pytest.FixtureRequest) -> Callable[..., None]:
    """``assert_matches_golden(output, name=None)``: compare with the golden file *name*.

    Golden files live in ``tests/golden/`` under the rootdir (ini option
    ``liquidsite_golden_dir``); ``--liquidsite-update-golden`` (re)writes them.
    Without a name, the file is ``TEST_MODULE/TEST_NAME.txt`` (then ``-2``,
    ``-3``... for further calls in the same test).
    """
    from .testing.golden import compare_golden, golden_path

    config = request.config
    golden_dir = Path(config.rootpath) / str(config.getini("liquidsite_golden_dir"))
    update = bool(config.getoption("--liquidsite-update-golden"))
    calls = 0

    def default_name() -> str:
        nonlocal calls
        calls += 1
        test = re.sub(r"[^\w.\-\[\]=,]+", "_", request.node.name)
        suffix = f"-{calls}" if calls > 1 else ""
        return f"{Path(request.path).stem}/{test}{suffix}.txt"

    def check(output: str, name: str | None = None) -> None:
        __tracebackhide__ = True
        path = golden_path(golden_dir, name if name is not None else default_name())
        message = compare_golden(output, path, update=update)
        if message is not None:
            pytest.fail(message, pytrace=False)

    return check

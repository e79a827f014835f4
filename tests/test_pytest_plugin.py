"""The pytest plugin, run as a user runs it: inner pytest sessions through pytester.

The plugin is loaded by its ``pytest11`` entry point, so these tests also
prove that installing liquidsite is enough to get the fixtures.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from .conftest import FIXTURES

pytest_plugins = ["pytester"]

SITE = '''
SITE = {
    "_config.yml": "title: Demo\\nbaseurl: /demo\\n",
    "_layouts/default.html": "<title>{{ page.title }}</title>{{ content }}",
    "index.md": "---\\nlayout: default\\ntitle: Home\\n---\\n# {{ site.title }}\\n",
    "about.md": "---\\nlayout: default\\ntitle: About\\npermalink: /about/\\n---\\n[Home]({{ '/' | relative_url }})\\n",
}
'''


def run(
    pytester: pytest.Pytester, source: str, *args: str, prefix: str = "", subprocess: bool = False
) -> pytest.RunResult:
    pytester.makepyfile(test_it=textwrap.dedent(prefix) + "\n" + textwrap.dedent(source))
    # Warning filters resolve classes by name; pytester's in-process runs
    # re-import liquidsite.testing, so warning tests run in a subprocess.
    runner = pytester.runpytest_subprocess if subprocess else pytester.runpytest
    return runner("-p", "no:cacheprovider", "-q", *args)


def test_fixtures_are_registered_by_the_entry_point(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    for name in ("jekyll_site", "render_liquid", "assert_matches_golden"):
        result.stdout.fnmatch_lines([f"{name}*liquidsite/pytest_plugin.py*"], consecutive=False)


def test_jekyll_site_from_files_renders_in_memory(pytester: pytest.Pytester) -> None:
    result = run(pytester, prefix=SITE, source='''
        def test_pages(jekyll_site, tmp_path):
            site = jekyll_site(SITE)
            assert site.outputs["/about/"] == '<title>About</title><p><a href="/demo/">Home</a></p>\\n'
            assert site.render_page("index.md") == '<title>Home</title><h1 id="demo">Demo</h1>\\n'
            assert sorted(p.relative_path for p in site.pages) == ["about.md", "index.md"]
            assert not any(tmp_path.glob("_site*"))   # nothing written

        def test_overrides_and_build(jekyll_site, tmp_path):
            site = jekyll_site(SITE, baseurl="/other")
            report = site.build()
            assert report.destination.parent == tmp_path
            assert "/other/" in (report.destination / "about" / "index.html").read_text()
    ''')
    result.assert_outcomes(passed=2)


def test_jekyll_site_from_a_folder_relative_to_the_test_file(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yml", **{"site/_config.yml": "title: Folder"})
    pytester.makefile(".md", **{"site/index": "---\n---\n{{ site.title }}"})
    result = run(pytester, '''
        import pytest

        def test_folder(jekyll_site):
            assert jekyll_site("site").outputs["/"] == "<p>Folder</p>\\n"

        def test_missing_folder(jekyll_site):
            with pytest.raises(FileNotFoundError, match="no site folder 'nope'"):
                jekyll_site("nope")
    ''')
    result.assert_outcomes(passed=2)


def test_jekyll_site_folder_relative_to_the_rootdir(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\n")
    pytester.makefile(".md", **{"sites/lab/index": "---\n---\nlab"})
    pytester.mkdir("tests")
    pytester.makepyfile(**{"tests/test_it": """
        def test_rootdir(jekyll_site, tmp_path):
            site = jekyll_site("sites/lab")
            assert site.outputs["/"] == "<p>lab</p>\\n"
            site.build()
            assert not (site.source / "_site").exists()
    """})
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1)


def test_jekyll_site_from_a_real_fixture(pytester: pytest.Pytester) -> None:
    result = run(pytester, f'''
        def test_institute(jekyll_site):
            html = jekyll_site({str(FIXTURES / "ikim")!r}).render_page("institute.md")
            assert "<h2 class=\\"small-bottom-margin\\">Board</h2>" in html
    ''')
    result.assert_outcomes(passed=1)


def test_render_liquid_with_filters_site_page_and_includes(pytester: pytest.Pytester) -> None:
    result = run(pytester, prefix=SITE, source='''
        def test_filters(render_liquid):
            out = render_liquid("{{ x | where_exp: 'i', 'i.a > 1' | map: 'a' | join: ',' }}",
                                x=[{"a": 1}, {"a": 2}, {"a": 3}])
            assert out == "2,3"

        def test_context(render_liquid):
            out = render_liquid(
                "{% include card.html who=page.title %}|{{ '/x/' | relative_url }}",
                site={"baseurl": "/b"}, page={"title": "Ada"},
                includes={"card.html": "<b>{{ include.who }}</b>"},
            )
            assert out == "<b>Ada</b>|/b/x/"

        def test_with_a_site(render_liquid, jekyll_site):
            site = jekyll_site(SITE)
            out = render_liquid("{{ site.title }} {{ site.pages | size }} {{ page.n }}",
                                site=site, page={"n": 7})
            assert out == "Demo 2 7"
    ''')
    result.assert_outcomes(passed=3)


def test_render_liquid_errors_name_the_line(pytester: pytest.Pytester) -> None:
    result = run(pytester, '''
        import pytest
        from liquidsite import LiquidsiteError

        def test_error(render_liquid):
            with pytest.raises(LiquidsiteError) as info:
                render_liquid("ok\\n{% if x %}never closed")
            assert info.value.line == 2
    ''')
    result.assert_outcomes(passed=1)


def test_render_liquid_works_under_hypothesis(pytester: pytest.Pytester) -> None:
    # A session fixture: Hypothesis raises no function_scoped_fixture error.
    result = run(pytester, '''
        from hypothesis import given, settings, strategies as st

        @settings(deadline=None)
        @given(st.lists(st.integers(), max_size=5))
        def test_size(render_liquid, xs):
            assert render_liquid("{{ xs | size }}", xs=xs) == str(len(xs))
    ''')
    result.assert_outcomes(passed=1)


GOLDEN_TEST = '''
    def test_page(assert_matches_golden, render_liquid):
        assert_matches_golden(render_liquid("<p>{{ who }}</p>\\nline two\\n", who=WHO), "pages/who.html")
'''


def test_golden_missing_then_updated_then_compared(pytester: pytest.Pytester) -> None:
    golden = pytester.path / "tests" / "golden" / "pages" / "who.html"

    result = run(pytester, GOLDEN_TEST, prefix="WHO = 'Ada'")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no golden file*who.html*--liquidsite-update-golden*"])
    assert not golden.exists()

    result = run(pytester, GOLDEN_TEST, "--liquidsite-update-golden", prefix="WHO = 'Ada'")
    result.assert_outcomes(passed=1)
    assert golden.read_text() == "<p>Ada</p>\nline two\n"

    result = run(pytester, GOLDEN_TEST, prefix="WHO = 'Ada'")
    result.assert_outcomes(passed=1)

    result = run(pytester, GOLDEN_TEST, prefix="WHO = 'Grace'")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*output differs from golden file*who.html*",
        "-<p>Ada</p>",
        "+<p>Grace</p>",
        " line two",
    ])
    assert golden.read_text() == "<p>Ada</p>\nline two\n"


def test_golden_folder_is_an_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nliquidsite_golden_dir = snapshots\n")
    result = run(pytester, GOLDEN_TEST, "--liquidsite-update-golden", prefix="WHO = 'Ada'")
    result.assert_outcomes(passed=1)
    assert (pytester.path / "snapshots" / "pages" / "who.html").is_file()


def test_golden_default_names_follow_the_test(pytester: pytest.Pytester) -> None:
    result = run(pytester, """
        import pytest

        @pytest.mark.parametrize("who", ["Ada", "Grace/Hopper"])
        def test_page(assert_matches_golden, who):
            assert_matches_golden(f"<p>{who}</p>")
            assert_matches_golden("second")
    """, "--liquidsite-update-golden")
    result.assert_outcomes(passed=2)
    golden = pytester.path / "tests" / "golden" / "test_it"
    assert sorted(p.name for p in golden.iterdir()) == [
        "test_page[Ada]-2.txt", "test_page[Ada].txt",
        "test_page[Grace_Hopper]-2.txt", "test_page[Grace_Hopper].txt",
    ]
    assert (golden / "test_page[Ada].txt").read_text() == "<p>Ada</p>"


WARNING_TESTS = '''
    import pytest

    SITE = {"index.md": "---\\nlayout: nowhere\\n---\\nhi"}

    def test_site_warning(jekyll_site):
        site = jekyll_site(SITE)
        site.render()
        assert "Layout 'nowhere' requested in index.md does not exist." in site.warnings[0]

    def test_template_warning(render_liquid):
        assert render_liquid("{{ 'a' | upcase | }}") == "A"

    @pytest.mark.liquidsite_strict
    def test_strict_marker(render_liquid):
        render_liquid("{{ 'a' | upcase | }}")
'''


def test_warnings_are_pytest_warnings_and_strict_fails(pytester: pytest.Pytester) -> None:
    result = run(pytester, WARNING_TESTS, "-rfw", subprocess=True)
    result.assert_outcomes(passed=2, failed=1, warnings=2)
    result.stdout.fnmatch_lines([
        "*LiquidWarning: Build Warning: Layout 'nowhere' requested in index.md does not exist.*",
        "*LiquidWarning: Liquid warning in <template>*",
    ])
    result.stdout.fnmatch_lines(["*FAILED test_it.py::test_strict_marker - liquidsite.testing.LiquidWarning*"])


def test_strict_option_fails_every_warning(pytester: pytest.Pytester) -> None:
    result = run(pytester, WARNING_TESTS, "--liquidsite-strict", subprocess=True)
    result.assert_outcomes(failed=3)

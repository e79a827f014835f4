"""Configuration: Jekyll's defaults, merging order and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidsite.config import DEFAULT_EXCLUDES, deep_merge, load_config
from liquidsite.errors import ConfigError

from .helpers import write_site


def test_defaults_and_default_excludes(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config["permalink"] == "date"
    assert config["markdown_ext"] == "markdown,mkdown,mkdn,mkd,md"
    assert config["keep_files"] == [".git", ".svn"]
    assert config["exclude"] == DEFAULT_EXCLUDES
    assert config["collections"]["posts"] == {
        "output": True,
        "permalink": "/:categories/:year/:month/:day/:title:output_ext",
    }
    assert config["destination"] == str((tmp_path / "_site").resolve())


def test_files_merge_in_order_and_overrides_win(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "a.yml": "title: A\nkramdown:\n  auto_ids: false\n",
        "b.yml": "title: B\nbaseurl: /b\n",
    })
    config = load_config(tmp_path, {"baseurl": "/cli"}, [tmp_path / "a.yml", tmp_path / "b.yml"])
    assert config["title"] == "B"
    assert config["baseurl"] == "/cli"
    assert config["kramdown"]["auto_ids"] is False
    assert config["kramdown"]["input"] == "GFM"


def test_list_collections_become_a_mapping(tmp_path: Path) -> None:
    write_site(tmp_path, {"_config.yml": "collections: [people]\npermalink: pretty\n"})
    config = load_config(tmp_path)
    assert config["collections"]["people"] == {}
    assert config["collections"]["posts"]["permalink"] == "/:categories/:year/:month/:day/:title/"


def test_deep_merge_keeps_old_value_for_nil() -> None:
    assert deep_merge({"a": 1, "b": {"c": 1}}, {"a": None, "b": {"d": 2}}) == {
        "a": 1,
        "b": {"c": 1, "d": 2},
    }


def test_bad_yaml_is_an_error_with_line(tmp_path: Path) -> None:
    write_site(tmp_path, {"_config.yml": "title: ok\nexclude: [a\n"})
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line is not None
    assert "_config.yml" in str(info.value)


def test_exclude_must_be_a_list(tmp_path: Path) -> None:
    write_site(tmp_path, {"_config.yml": "exclude: README.md\n"})
    with pytest.raises(ConfigError, match="should be set as an array"):
        load_config(tmp_path)


def test_missing_named_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="could not be found"):
        load_config(tmp_path, None, [tmp_path / "nope.yml"])

"""Site configuration: Jekyll's defaults, ``_config.yml`` and overrides.

Mirrors ``Jekyll::Configuration`` (configuration.rb) and
``Jekyll.configuration`` (jekyll.rb): DEFAULTS < config files < overrides,
merged deeply, then the default ``posts`` collection and the default
excludes are added.
"""

from __future__ import annotations

import copy
import os
from collections import abc
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError
from .yamlload import YamlError, load_yaml

DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {
        "error_mode": "warn",
        "strict_filters": False,
        "strict_variables": False,
    },
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

DEFAULT_EXCLUDES = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
]

STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}


def _is_mapping(value: Any) -> bool:
    # Plain dicts and strings (nearly every value) are answered without the
    # ABC check; collections.abc's is a C call where typing's alias adds two
    # Python ones.
    kind = type(value)
    return kind is dict or (kind is not str and isinstance(value, abc.Mapping))


def deep_merge(base: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """Merge *other* into a copy of *base* as ``Utils.deep_merge_hashes`` does.

    Nested mappings merge key by key; a ``None`` in *other* keeps the old
    value; anything else replaces it.
    """
    result = dict(base)
    deep_merge_into(result, other)
    return result


def deep_merge_into(target: dict[str, Any], other: Mapping[str, Any]) -> None:
    """:func:`deep_merge` of *other* into *target* itself (``deep_merge_hashes!``)."""
    for key, new in other.items():
        if key in target:
            if new is None:
                continue
            old = target[key]
            if _is_mapping(new) and _is_mapping(old):
                target[key] = deep_merge(old, new)
                continue
        target[key] = new


def default_config_file(source: Path) -> Path:
    """The first of ``_config.yml``, ``_config.yaml``, ``_config.toml`` present."""
    for ext in ("yml", "yaml", "toml"):
        candidate = source / f"_config.{ext}"
        if candidate.exists():
            return candidate
    return source / "_config.yml"


def read_config_file(path: Path, *, required: bool) -> dict[str, Any]:
    """Read one configuration file; a missing default file counts as empty.

    Raises:
        ConfigError: the file is missing (when *required*), does not parse,
            or does not hold a mapping.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if required:
            raise ConfigError(
                f"the configuration file '{path}' could not be found", path=str(path)
            ) from None
        return {}
    if path.suffix.lower() == ".toml":
        import tomllib  # Python 3.11+; Jekyll reads TOML configs too

        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(str(err), path=str(path)) from None
    else:
        try:
            data = load_yaml(text)
        except YamlError as err:
            lines = text.split("\n")
            raise ConfigError(
                f"invalid YAML: {err.problem}",
                path=str(path),
                line=err.line,
                column=err.column,
                source_line=lines[err.line - 1] if err.line and err.line <= len(lines) else None,
                hint=err.hint,
            ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("the configuration must be a mapping of keys to values", path=str(path))
    return data


def add_default_collections(config: dict[str, Any]) -> dict[str, Any]:
    """Give every site a ``posts`` collection, as Jekyll always does."""
    collections = config.get("collections")
    if collections is None:
        return config
    if isinstance(collections, list):
        collections = {str(name): {} for name in collections}
    merged = deep_merge({"posts": {}}, collections)
    posts = dict(merged.get("posts") or {})
    posts["output"] = True
    if config.get("permalink") and not posts.get("permalink"):
        style = str(config["permalink"])
        # configuration.rb style_to_permalink: ":pretty" is no style name
        # (Jekyll then fails on the unknown placeholder, as liquidsite does).
        posts["permalink"] = STYLE_TO_PERMALINK.get(style, style)
    merged["posts"] = posts
    config["collections"] = merged
    return config


def validate(config: Mapping[str, Any], path: str | None = None) -> None:
    """Reject values Jekyll rejects: ``include``/``exclude``/``plugins`` not lists."""
    for option in ("include", "exclude", "plugins"):
        if option in config and not isinstance(config[option], list):
            raise ConfigError(
                f"'{option}' should be set as an array, but was: {config[option]!r}",
                path=path,
            )


def load_config(
    source: str | os.PathLike[str],
    overrides: Mapping[str, Any] | None = None,
    config_files: Iterable[str | os.PathLike[str]] | None = None,
) -> dict[str, Any]:
    """Build the site configuration for *source*.

    Args:
        source: the site's source folder.
        overrides: values that win over every file (command-line flags).
        config_files: files to read in order instead of the default
            ``_config.yml``; relative names are taken from the working
            folder, as Jekyll takes them.

    Returns:
        The merged configuration, with ``source`` and ``destination`` as
        absolute paths.
    """
    src = Path(source).resolve()
    overrides = dict(overrides or {})
    config: dict[str, Any] = copy.deepcopy(DEFAULTS)
    if config_files:
        files = [(Path(f), True) for f in config_files]
    else:
        files = [(default_config_file(src), False)]
    for file, required in files:
        data = read_config_file(file, required=required)
        validate(data, str(file))
        config = deep_merge(config, data)
    config = add_default_collections(config)
    config = deep_merge(config, overrides)
    validate(config)
    config = add_default_collections(config)
    excludes = list(config.get("exclude") or [])
    for item in DEFAULT_EXCLUDES:
        if item not in excludes:
            excludes.append(item)
    config["exclude"] = excludes
    config["source"] = str(src)
    configured = config.get("destination")
    if configured in (None, "", DEFAULTS["destination"]) and "destination" not in overrides:
        # The library builds into the source's own _site by default; the
        # command line passes Jekyll's default (./_site) explicitly.
        dest = src / "_site"
    else:
        # Jekyll expands a configured destination from the working folder.
        dest = Path(str(configured))
        if not dest.is_absolute():
            dest = Path.cwd() / dest
    config["destination"] = str(dest.resolve())
    return config

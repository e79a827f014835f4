"""Themes: finding a ``theme:`` folder and what Jekyll reads from it.

Mirrors ``Jekyll::Theme`` (theme.rb), ``Site#configure_theme`` and
``Site#load_theme_configuration`` (site.rb).  A theme is a folder with
``_layouts``, ``_includes``, ``_sass``, ``assets`` and ``_data`` (each
optional) and maybe a ``_config.yml``; the site overrides it file by file.

Jekyll asks RubyGems for the theme's gem.  liquidsite never runs Ruby, so
it looks for the folder itself, in this order:

1. the folders named by ``theme_dirs`` in the configuration (or
   ``--theme-dir`` on the command line), each holding ``NAME/`` or
   ``NAME-VERSION/``;
2. Python packages that declare the theme in the ``liquidsite.themes``
   entry point group (the entry point loads to a path, a callable returning
   one, or a module whose folder is the theme);
3. installed Ruby gems (``GEM_HOME``, ``GEM_PATH``, Debian's and the
   usual system and user gem folders, the site's ``vendor/bundle``), of
   which only template and asset files are read.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from dataclasses import dataclass
from functools import cmp_to_key
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Mapping

from .config import DEFAULTS, deep_merge
from .errors import LiquidsiteError
from .plugins import entry_points
from .yamlload import YamlError, load_yaml

ENTRY_POINT_GROUP = "liquidsite.themes"

log = logging.getLogger("liquidsite")

# Where RubyGems keeps installed gems on common systems, besides GEM_HOME
# and GEM_PATH; each pattern names folders that hold NAME-VERSION folders.
SYSTEM_GEM_DIRS = (
    "/usr/share/rubygems-integration/all/gems",
    "/usr/share/rubygems-integration/*/gems",
    "/var/lib/gems/*/gems",
    "/usr/lib/ruby/gems/*/gems",
    "/usr/local/lib/ruby/gems/*/gems",
    "/usr/local/share/gems/gems",
    "/usr/share/gems/gems",
    "~/.gem/ruby/*/gems",
    "~/.local/share/gem/ruby/*/gems",
)


class ThemeError(LiquidsiteError):
    """A theme that cannot be found or used."""

    kind = "theme error"


@dataclass(frozen=True)
class Theme:
    """One theme folder (``Jekyll::Theme``).

    ``runtime_dependencies`` are the gems the theme's gemspec requires;
    Jekyll loads those that are plugins even when ``plugins:`` omits them
    (plugin_manager.rb ``require_theme_deps``).
    """

    name: str
    root: Path
    runtime_dependencies: tuple[str, ...] = ()

    def path_for(self, folder: str) -> Path | None:
        """A subfolder of the theme, if it exists and stays inside the root.

        theme.rb ``realpath_for``: symlinks may point elsewhere inside the
        theme, never out of it.
        """
        candidate = self.root / folder
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not real.is_relative_to(self.root) or not real.is_dir():
            return None
        return real

    @property
    def includes_path(self) -> Path | None:
        return self.path_for("_includes")

    @property
    def layouts_path(self) -> Path | None:
        return self.path_for("_layouts")

    @property
    def sass_path(self) -> Path | None:
        return self.path_for("_sass")

    @property
    def assets_path(self) -> Path | None:
        return self.path_for("assets")

    @property
    def data_path(self) -> Path | None:
        return self.path_for("_data")


# -- versions and gemspecs --------------------------------------------------
# Patterns used only for sites with a theme: compiled on first use (and
# then kept by re's cache), not when the module is imported.
_VERSIONED = r"^(?P<name>.+)-(?P<version>\d[0-9A-Za-z.]*)$"


def _compare_versions(a: str, b: str) -> int:
    """``Gem::Version#<=>``: segments compared in turn, missing ones are 0,
    and a prerelease segment (letters) sorts before any number."""
    left = [int(x) if x.isdigit() else x for x in re.findall(r"\d+|[A-Za-z]+", a)]
    right = [int(x) if x.isdigit() else x for x in re.findall(r"\d+|[A-Za-z]+", b)]
    for i in range(max(len(left), len(right))):
        x = left[i] if i < len(left) else 0
        y = right[i] if i < len(right) else 0
        if x == y:
            continue
        if isinstance(x, str) and isinstance(y, int):
            return -1
        if isinstance(x, int) and isinstance(y, str):
            return 1
        return -1 if x < y else 1
    return 0


version_key = cmp_to_key(_compare_versions)


_DEPENDENCY = r"\badd_(runtime_)?dependency\s*\(?\s*(?:%q<([^>]+)>|[\"']([^\"']+)[\"'])"


def gemspec_dependencies(text: str) -> tuple[str, ...]:
    """The runtime dependencies a gemspec names, read as text.

    Installed stub gemspecs repeat each dependency in an ``else`` branch
    with ``add_dependency`` (development ones too), so when any
    ``add_runtime_dependency`` is present only those count.
    """
    runtime: list[str] = []
    plain: list[str] = []
    for match in re.finditer(_DEPENDENCY, text):
        name = match.group(2) or match.group(3)
        (runtime if match.group(1) else plain).append(name)
    names = runtime or plain
    return tuple(dict.fromkeys(n for n in names if n != "jekyll"))


def _dependencies_for(root: Path, name: str, spec_dir: Path | None) -> tuple[str, ...]:
    candidates = []
    if spec_dir is not None:
        candidates.append(spec_dir / f"{root.name}.gemspec")
    candidates.append(root / f"{name}.gemspec")
    candidates += sorted(root.glob("*.gemspec"))
    for spec in candidates:
        if spec.is_file():
            try:
                return gemspec_dependencies(spec.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    return ()


# -- search -----------------------------------------------------------------
def gem_dirs(source: Path | None = None) -> list[Path]:
    """Every folder that may hold installed gems, in search order."""
    patterns: list[str] = []
    for var in ("GEM_HOME",):
        if os.environ.get(var):
            patterns.append(os.path.join(os.environ[var], "gems"))
    for entry in (os.environ.get("GEM_PATH") or "").split(os.pathsep):
        if entry:
            patterns.append(os.path.join(entry, "gems"))
    patterns += [os.path.expanduser(p) for p in SYSTEM_GEM_DIRS]
    if source is not None:
        patterns.append(str(source / "vendor/bundle/ruby/*/gems"))
    found: list[Path] = []
    for pattern in patterns:
        for match in sorted(glob.glob(pattern)):
            path = Path(match)
            if path.is_dir() and path not in found:
                found.append(path)
    return found


def _versioned_folders(folder: Path, name: str) -> list[tuple[Any, Path]]:
    results = []
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    for entry in entries:
        match = re.match(_VERSIONED, entry)
        if match and match.group("name").lower() == name and (folder / entry).is_dir():
            results.append((version_key(match.group("version")), folder / entry))
    return results


def theme_dirs(config: Mapping[str, Any]) -> list[Path]:
    """``theme_dirs`` from the configuration, relative to the source."""
    value = config.get("theme_dirs") or []
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    source = Path(str(config.get("source", ".")))
    return [(source / os.path.expanduser(str(v))).resolve() for v in value]


def _from_theme_dirs(name: str, dirs: Iterable[Path]) -> Theme | None:
    for folder in dirs:
        plain = folder / name
        if plain.is_dir():
            return Theme(name, plain.resolve(), _dependencies_for(plain, name, None))
        versions = _versioned_folders(folder, name)
        if versions:
            root = max(versions, key=lambda v: v[0])[1]
            return Theme(name, root.resolve(), _dependencies_for(root, name, None))
    return None


def _from_entry_points(name: str) -> Theme | None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name.lower() != name:
            continue
        target: Any = ep.load()
        if isinstance(target, ModuleType):
            location = getattr(target, "__path__", None)
            path = Path(list(location)[0]) if location else Path(str(target.__file__)).parent
        else:
            if callable(target):
                target = target()
            path = Path(target)
        if not path.is_dir():
            raise ThemeError(
                f"the {name} theme's package points at {path}, which is not a folder",
                path="_config.yml",
            )
        deps = getattr(target, "PLUGINS", None) if isinstance(target, ModuleType) else None
        dependencies = tuple(deps) if deps else _dependencies_for(path, name, None)
        return Theme(name, path.resolve(), dependencies)
    return None


def _from_gems(name: str, dirs: Iterable[Path]) -> Theme | None:
    versions: list[tuple[Any, Path]] = []
    for folder in dirs:
        versions += _versioned_folders(folder, name)
    if not versions:
        return None
    # Gem::Specification.find_by_name takes the highest version installed.
    root = max(versions, key=lambda v: v[0])[1]
    spec_dir = root.parent.parent / "specifications"
    return Theme(name, root.resolve(), _dependencies_for(root, name, spec_dir))


def find_theme(name: str, config: Mapping[str, Any]) -> Theme | None:
    """Look for theme *name*; ``None`` when it is nowhere to be found."""
    name = name.strip().lower()
    source = Path(str(config.get("source", ".")))
    return (
        _from_theme_dirs(name, theme_dirs(config))
        or _from_entry_points(name)
        or _from_gems(name, gem_dirs(source))
    )


def not_found(name: str, config: Mapping[str, Any]) -> ThemeError:
    """The error for a missing theme: where liquidsite looked, and what to do."""
    source = Path(str(config.get("source", ".")))
    places = [str(d) for d in theme_dirs(config)]
    places.append(f"Python packages declaring '{name}' in the {ENTRY_POINT_GROUP} entry points")
    places += [str(d) for d in gem_dirs(source)] or ["no Ruby gem folders exist on this machine"]
    return ThemeError(
        f"The {name} theme could not be found. liquidsite looked in: " + "; ".join(places),
        path="_config.yml",
        hint=(
            f"put the theme's files in a folder named {name}/ and list the folder that "
            "holds it under `theme_dirs:` in _config.yml (or pass --theme-dir), or "
            f"install the {name} gem, or a Python package providing the theme"
        ),
    )


def configure_theme(config: dict[str, Any]) -> tuple[Theme | None, dict[str, Any], list[str]]:
    """Find the configured theme and merge its ``_config.yml``.

    Returns ``(theme, config, warnings)``.

    Raises:
        ThemeError: the theme is missing, or ``remote_theme`` is used.
    """
    warnings: list[str] = []
    remote = config.get("remote_theme")
    if remote and not config.get("theme"):
        raise ThemeError(
            f"remote_theme '{remote}' needs the network at build time, which liquidsite "
            "never uses",
            path="_config.yml",
            hint=(
                "vendor the theme: copy the theme repository's files into a folder such as "
                "_themes/NAME, then replace `remote_theme:` with `theme: NAME` and add "
                "`theme_dirs: [_themes]` to _config.yml"
            ),
        )
    value = config.get("theme")
    if value is None:
        return None, config, warnings
    if not isinstance(value, str):
        # site.rb configure_theme only warns and goes on without a theme.
        warnings.append(
            "Theme: value of 'theme' in config should be String to use gem-based themes, "
            f"but got {type(value).__name__}"
        )
        return None, config, warnings
    theme = find_theme(value, config)
    if theme is None:
        raise not_found(value.strip().lower(), config)
    return theme, load_theme_configuration(config, theme), warnings


def load_theme_configuration(config: dict[str, Any], theme: Theme) -> dict[str, Any]:
    """site.rb ``load_theme_configuration``: the theme's ``_config.yml`` under the site's.

    Keys Jekyll has defaults for are dropped from the theme's file, and a
    symlinked file is ignored whatever ``safe`` says.
    """
    if config.get("ignore_theme_config") is True:
        return config
    path = theme.root / "_config.yml"
    if not path.is_file() or path.is_symlink():
        return config
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"))
    except YamlError as err:
        raise ThemeError(f"invalid YAML: {err.problem}", path=str(path), line=err.line) from None
    if not isinstance(data, dict):
        return config
    data = {k: v for k, v in data.items() if k not in DEFAULTS}
    return deep_merge(data, config)


# -- theme assets -------------------------------------------------------------
def _find(folder: Path) -> Iterable[Path]:
    """Ruby's ``Find.find`` order: children sorted, depth first."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        path = folder / name
        yield path
        if path.is_dir() and not path.is_symlink():
            yield from _find(path)


def read_theme_assets(reader: Any, theme: Theme, content: Any) -> None:
    """readers/theme_assets_reader.rb: the theme's ``assets`` join the site.

    A file with front matter becomes a page, any other a static file, unless
    the site already has one with the same relative path; symlinks are
    skipped.  Unlike the site's own files, no name is excluded.
    """
    assets = theme.assets_path
    if assets is None:
        return
    pages = {p.relative_path for p in content.pages}
    statics = {f.relative_path for f in content.static_files}
    for path in _find(assets):
        if path.is_dir():
            continue
        if path.is_symlink():
            log.warning("Theme reader: Ignored symlinked asset: %s", path)
            continue
        rel = path.relative_to(theme.root).as_posix()
        rel_dir, name = "/" + os.path.dirname(rel), os.path.basename(rel)
        from .reader import raw_has_front_matter

        if raw_has_front_matter(path):
            if rel in pages:
                continue
            page = reader.read_page(rel_dir, name, base=theme.root)
            if page is not None:
                content.pages.append(page)
                pages.add(rel)
        else:
            static = reader.make_static(rel_dir, name, base=theme.root)
            if static.relative_path in statics:
                continue
            content.static_files.append(static)
            statics.add(static.relative_path)

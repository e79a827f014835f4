"""Front matter defaults: the ``defaults:`` scopes of ``_config.yml``.

Mirrors ``Jekyll::FrontmatterDefaults`` (frontmatter_defaults.rb): a set
applies when its ``type`` matches and its ``path`` is a prefix of the file's
relative path (after globbing, when the path holds ``*``); among matching
sets a longer path wins, then a set with a type.  Globs are matched against
the files that exist, as Jekyll's ``Dir.glob`` does.
"""

from __future__ import annotations

import glob
import os
from typing import Any, Mapping

from .config import deep_merge

_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


def _sanitize(path: object) -> str:
    if not isinstance(path, str) or not path:
        return ""
    if path.startswith("/"):
        # Ruby: gsub(%r!\A/|(?<=[^/])\z!, "") drops the leading slash only.
        return path[1:]
    return path


class FrontMatterDefaults:
    """Answers "which defaults apply to this path and type" for one site."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.source = str(config.get("source", "."))
        self.collections_dir = str(config.get("collections_dir") or "")
        self.sets = self._valid_sets(config.get("defaults"))
        self._glob_cache: dict[str, list[str]] = {}
        self._match_cache: dict[tuple[str, str | None], list[dict[str, Any]]] = {}

    @staticmethod
    def _valid_sets(sets: object) -> list[dict[str, Any]]:
        if not isinstance(sets, list):
            return []
        valid = []
        for entry in sets:
            if not (isinstance(entry, dict) and isinstance(entry.get("values"), dict)):
                continue
            entry = dict(entry)
            scope = entry.get("scope")
            if isinstance(scope, dict) and "type" in scope:
                scope = dict(scope)
                scope["type"] = _DEPRECATED_TYPES.get(str(scope["type"]), scope["type"])
                entry["scope"] = scope
            valid.append(entry)
        return valid

    def _strip_collections_dir(self, path: str) -> str:
        slashed = f"{self.collections_dir}/"
        if self.collections_dir and path.startswith(slashed):
            return path.replace(slashed, "", 1)
        return path

    def _glob(self, pattern: str) -> list[str]:
        if pattern not in self._glob_cache:
            found = glob.glob(os.path.join(self.source, pattern))
            self._glob_cache[pattern] = [
                self._strip_collections_dir(os.path.relpath(p, self.source).replace(os.sep, "/"))
                for p in found
            ]
        return self._glob_cache[pattern]

    def _applies_path(self, scope: Mapping[str, Any], path: str) -> bool:
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        clean = _sanitize(path)
        if "*" in scope_path:
            return any(clean.startswith(p) for p in self._glob(scope_path))
        return clean.startswith(self._strip_collections_dir(scope_path))

    @staticmethod
    def _applies_type(scope: Mapping[str, Any], type_: str | None) -> bool:
        return "type" not in scope or (type_ is not None and str(scope["type"]) == type_)

    def _matching(self, path: str, type_: str | None) -> list[dict[str, Any]]:
        key = (path, type_)
        if key not in self._match_cache:
            self._match_cache[key] = [
                s
                for s in self.sets
                if not isinstance(s.get("scope"), dict)
                or (self._applies_type(s["scope"], type_) and self._applies_path(s["scope"], path))
            ]
        return self._match_cache[key]

    @staticmethod
    def _has_precedence(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
        if old is None:
            return True
        new_path = _sanitize(new.get("path"))
        old_path = _sanitize(old.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new:
            return True
        return "type" not in old

    def all(self, path: str, type_: str | None) -> dict[str, Any]:
        """Every default value for a file, merged by precedence."""
        result: dict[str, Any] = {}
        if not self.sets:
            return result
        old: Mapping[str, Any] | None = None
        for entry in self._matching(path, type_):
            raw_scope = entry.get("scope")
            scope: Mapping[str, Any] = raw_scope if isinstance(raw_scope, dict) else {}
            if self._has_precedence(old, scope):
                result = deep_merge(result, entry["values"])
                old = scope
            else:
                result = deep_merge(entry["values"], result)
        return result

    def find(self, path: str, type_: str | None, key: str) -> Any:
        """The default of one key, or ``None`` (``FrontmatterDefaults#find``)."""
        value = None
        old: Mapping[str, Any] | None = None
        for entry in self._matching(path, type_):
            raw_scope = entry.get("scope")
            scope: Mapping[str, Any] = raw_scope if isinstance(raw_scope, dict) else {}
            if key in entry["values"] and self._has_precedence(old, scope):
                value = entry["values"][key]
                old = scope
        return value

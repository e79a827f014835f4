"""What a fixture needs from the machine before it can be built.

A fixture's ``fixture.yml`` may list ``requires:``, each item either
``{path: P}`` (a file or folder that must exist; relative paths are taken
from the fixture) or ``{theme: NAME}`` (a theme liquidsite must be able to
find, as the fixture's configuration would find it).  A fixture whose
requirement is unmet is skipped with the reason shown, never failed: the
Debian packages it was built against may be absent on another machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from liquidsite.config import load_config
from liquidsite.themes import find_theme


def unmet_requirement(site: Path, spec: Mapping[str, Any]) -> str | None:
    """The reason *site* cannot be built here, or ``None`` when it can."""
    for item in spec.get("requires") or []:
        if not isinstance(item, Mapping):
            raise ValueError(f"{site.name}/fixture.yml: each `requires` item must be a mapping")
        if "path" in item:
            path = Path(str(item["path"]))
            if not path.is_absolute():
                path = site / path
            if not path.exists():
                return f"fixture {site.name} needs {path}, which is absent on this machine"
        if "theme" in item:
            name = str(item["theme"])
            if find_theme(name, load_config(site)) is None:
                return (
                    f"fixture {site.name} needs the {name} theme (for example Debian's "
                    f"jekyll-theme-{name} package), which is not installed"
                )
    return None

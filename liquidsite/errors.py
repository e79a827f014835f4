"""The one family of errors liquidsite raises.

Every error carries the file it concerns and, where known, the line and
column in that file (counted from 1, in the file as the user sees it, so
front matter lines are included).  ``str(err)`` gives a message ready for a
terminal: ``path:line:col: message``, the offending source line and a caret.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LiquidsiteError(Exception):
    """Base class of every error liquidsite reports to its users."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    hint: str | None = None
    chain: list[str] = field(default_factory=list)

    kind = "error"

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def location(self) -> str:
        """Return ``path:line:col`` with whatever parts are known."""
        parts = [self.path or "<unknown>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        lines = [f"{self.location()}: {self.kind}: {self.message}"]
        if self.source_line is not None:
            lines.append(f"  | {self.source_line.rstrip()}")
            if self.column is not None:
                # Keep tabs so the caret lines up under the column in a terminal.
                pad = "".join(
                    c if c == "\t" else " " for c in self.source_line[: self.column - 1]
                )
                lines.append(f"  | {pad}^")
        for link in self.chain:
            lines.append(f"  {link}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class ConfigError(LiquidsiteError):
    """A configuration file is unreadable or holds a value of the wrong kind."""

    kind = "config error"


class FrontMatterError(LiquidsiteError):
    """A page's YAML front matter does not parse."""

    kind = "front matter error"


class DataFileError(LiquidsiteError):
    """A file under ``_data`` does not parse."""

    kind = "data file error"


class TemplateSyntaxError(LiquidsiteError):
    """Liquid markup that cannot be parsed."""

    kind = "Liquid syntax error"


class TemplateRenderError(LiquidsiteError):
    """Liquid markup that parsed but failed while rendering."""

    kind = "Liquid error"


class MissingLayoutError(LiquidsiteError):
    """A page names a layout that does not exist (or layouts form a cycle)."""

    kind = "layout error"


class MissingIncludeError(LiquidsiteError):
    """An ``include`` names a file that is not in any includes folder."""

    kind = "include error"


class ConversionError(LiquidsiteError):
    """A converter (Markdown, Sass, ...) failed on its input."""

    kind = "conversion error"


class OutputConflictError(LiquidsiteError):
    """Two documents would be written to the same output path."""

    kind = "output conflict"


class UnsafePathError(LiquidsiteError):
    """A path would read or write outside the folders liquidsite may touch."""

    kind = "unsafe path"


class EncodingError(LiquidsiteError):
    """A source file is not valid in the configured encoding."""

    kind = "encoding error"


class BuildErrors(LiquidsiteError):
    """Several independent errors found in one build, all reported together."""

    kind = "errors"

    def __init__(self, errors: list[LiquidsiteError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(
            f"{len(self.errors)} errors", path=first.path, line=first.line, column=first.column
        )

    def __str__(self) -> str:
        parts = [str(err) for err in self.errors]
        parts.append(f"{len(self.errors)} errors stopped the build.")
        return "\n\n".join(parts)


def line_of(text: str, index: int) -> tuple[int, int, str]:
    """Return ``(line, column, source_line)`` for a character offset in *text*.

    Lines and columns count from 1, as editors show them.
    """
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    if end < 0:
        end = len(text)
    return line, index - start + 1, text[start:end]

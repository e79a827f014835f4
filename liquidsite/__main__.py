"""``python -m liquidsite``: the ``liquidsite`` command, for when scripts are not on PATH."""

from .cli import entry

entry()

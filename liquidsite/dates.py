"""Dates of documents: Ruby's ``Time.parse`` for the forms Jekyll meets.

Jekyll turns every document date into a ``Time`` in the local zone with
``Utils.parse_date(value.to_s)`` (utils.rb), where the local zone is the
site's ``timezone:`` (Jekyll sets ``ENV["TZ"]`` from it).  Dates come from
file names (``2024-03-05``), from YAML (a ``Date`` or a ``Time``) or from
strings in front matter (``2024-03-05 10:00:00 +0100``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from types import ModuleType
from typing import Any, Mapping

from . import values
from .errors import LiquidsiteError


class InvalidDateError(LiquidsiteError):
    """``Jekyll::Errors::InvalidDateError``: a date Ruby cannot parse."""


def site_zone(config: Mapping[str, Any]) -> _dt.tzinfo:
    """The zone Jekyll's ``Time#localtime`` uses: ``timezone:``, else ``TZ``.

    A named zone is kept as a ``ZoneInfo`` (even ``UTC``) so ``%Z`` prints
    its abbreviation, as Ruby does for a local time.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    for name in (config.get("timezone"), os.environ.get("TZ", "").lstrip(":")):
        if name:
            try:
                return ZoneInfo(str(name))
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return values.local_zone()


@functools.cache
def _rubytime() -> ModuleType:
    """Ruby's time parsing, imported on first use (it is a filter module)."""
    from .filters import rubytime

    return rubytime


def parse_time(text: str, zone: _dt.tzinfo, message: str, now: _dt.datetime) -> _dt.datetime:
    """``Utils.parse_date``: ``Time.parse(text).localtime`` in *zone*.

    Raises:
        InvalidDateError: Ruby cannot parse the text (Jekyll's wording).
    """
    from .filters.rubytime import ParseError, parse_time as ruby_parse

    try:
        return ruby_parse(text, now, zone).astimezone(zone)
    except (ParseError, ValueError, OverflowError):
        raise InvalidDateError(f"Invalid date '{text}': {message}") from None


def local_wall_time(naive: _dt.datetime, zone: _dt.tzinfo) -> _dt.datetime:
    """*naive* read as a wall-clock time in *zone* (Ruby's ``Time.local``)."""
    aware = naive.replace(tzinfo=zone)
    # Normalise through UTC so a fixed-offset zone and a named zone agree.
    return aware.astimezone(_dt.timezone.utc).astimezone(zone)


def to_ruby_string(value: Any) -> str:
    """What ``value.to_s`` gives for a front matter date before re-parsing."""
    if isinstance(value, _dt.datetime):
        return values.time_to_s(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return values.to_s(value)


# A day as a post's file name gives it ("2024-03-05"): Time.parse reads it
# as midnight, local time, whatever the build's time.
_ISO_DAY_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def coerce_date(value: Any, zone: _dt.tzinfo, message: str, now: _dt.datetime) -> _dt.datetime:
    """``Utils.parse_date(value.to_s)``: any front matter date as a local time.

    A YAML timestamp keeps its instant (a naive one is UTC, as Psych reads
    it); a YAML date is midnight in *zone*.
    """
    if type(value) is str:
        day = _ISO_DAY_RE.fullmatch(value)
        if day is not None:
            # What parse_time gives for these texts, without parsing them.
            rubytime = _rubytime()
            try:
                year, month, mday = day.groups()
                midnight: _dt.datetime = rubytime.make_local(int(year), int(month), int(mday), 0, 0, 0, 0, zone)
                return midnight.astimezone(zone)
            except (rubytime.ParseError, ValueError, OverflowError):
                pass  # out of range: parse_time reports it
    if isinstance(value, _dt.datetime):
        aware = values.as_aware(value, _dt.timezone.utc) if value.tzinfo is None else value
        # Time#to_s drops fractions of a second before Jekyll parses it again.
        return aware.replace(microsecond=0).astimezone(zone)
    if isinstance(value, _dt.date):
        return local_wall_time(_dt.datetime(value.year, value.month, value.day), zone)
    return parse_time(to_ruby_string(value), zone, message, now)

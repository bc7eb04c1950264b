"""The build's "now": the current time, or ``SOURCE_DATE_EPOCH`` when it is set.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) fixes the moment a
build takes as now, so that two builds of the same files are the same bytes (``events.ics``'
DTSTAMP) and a test can fix "today".
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

VARIABLE = "SOURCE_DATE_EPOCH"


class BadSourceDate(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something that is not a whole number of seconds."""


def build_time(environment: Mapping[str, str] = os.environ) -> dt.datetime:
    """Now in UTC to the second, or the moment ``SOURCE_DATE_EPOCH`` names."""
    value = environment.get(VARIABLE, "").strip()
    if not value:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BadSourceDate(
            f"{VARIABLE} is '{value}'; use a whole number of seconds since 1970-01-01 UTC "
            "(for example the last commit's: git log -1 --format=%ct), or unset it"
        ) from None

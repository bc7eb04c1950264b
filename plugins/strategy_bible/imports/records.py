"""What an export holds once read: the contract between reading an export and writing it into a
strategy file (``strategy-bible import``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The post counts an export can carry, as named in the strategy format (``posts[]``).
POST_COUNTS = ("reach_organic", "reach_paid", "likes", "comments", "shares", "clicks")
INTERACTION_COUNTS = ("likes", "comments", "shares", "clicks")
"""The counts an export may lack (Instagram: clicks; stories: comments): written ``null``, unknown,
never 0. A missing ``reach_paid`` column means no paid reach: the export's reach is the post's whole reach."""


@dataclass(frozen=True)
class ImportedPost:
    """One row of a posts export. ``counts`` holds only the counts the export has a column for, so
    an import never overwrites a figure the export does not give (e.g. Instagram has no clicks)."""

    line: int  # line of the file (CSV) or row of the sheet (workbook), 1-based, for messages
    date: dt.date
    post_id: str | None = None
    url: str | None = None
    title: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # keys from POST_COUNTS
    unknown: tuple[str, ...] = ()  # counts of INTERACTION_COUNTS the export has no column for
    format: str | None = None  # posts[].format, from the export's post type (presets.FORMATS)
    total_reach: bool = False  # reach_organic came from a total reach column (Reach), with no paid reach column
    channel: str | None = None  # the channel a mapping's accounts: gives the post's account; None: the import's


@dataclass(frozen=True)
class ImportedMeasurement:
    """A figure of a report that a mapping sends to a KPI."""

    line: int
    kpi: str
    date: dt.date
    value: int | float
    note: str | None = None


@dataclass(frozen=True)
class ReadExport:
    """Everything read from one export file."""

    source: str  # the file as shown to the user
    preset: str  # the preset's name, or "mapping" when a mapping file described the columns
    platform: str | None  # "instagram", "facebook", "linkedin", "ga4" or None: helps find the channel
    posts: list[ImportedPost] = field(default_factory=list)
    measurements: list[ImportedMeasurement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "line 14: total row", "line 9: 'Lifetime' …"
    notes: list[str] = field(default_factory=list)  # for the user: "the file is not UTF-8: read as Windows-1252"
    columns: dict[str, str] = field(default_factory=dict)  # post field → the export's column that fed it


class ExportUnreadable(Exception):
    """The export cannot be imported. ``problems`` holds every problem found (one line each,
    ``file:line: what is wrong``); nothing may be written when there is any."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []

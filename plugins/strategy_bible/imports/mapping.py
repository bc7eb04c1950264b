"""A mapping file (``--map MAP.yml``): how to read an export no preset knows, or what to take
from a report (GA4) as KPI measurements.

.. code-block:: yaml

    preset: ga4-acquisition   # optional: start from a preset's columns and add to them
    sheet: All posts          # optional, workbooks: the sheet to read (default: the first)
    header_row: 2             # optional, 1-based; default: the first row holding the mapped columns
    day_first: true           # optional: how NN/NN/YYYY dates are written (default: from the dates)
    platform: instagram       # optional: helps the import find the channel
    posts:                    # rows are posts: field → column name, or a list of aliases
      date: [Publish time, Date de publication]
      url: Permalink
      reach_organic: Reach
      likes: [Likes, J'aime]
      format: Type          # optional: the column of the post's type, read through formats:
    formats:                # optional: the column's values → posts[].format (adds to the presets' list)
      Carrousel: carousel
      Vidéo courte: reel
    accounts:               # optional, an export of several accounts: each account's channel id
      brasserieducanal: instagram
      canal-annexe: instagram-annexe
    measurements:             # rows become KPI measurements
      - kpi: visites-boutique
        where: {"Session primary channel group (Default channel group)": Organic Social}
        value: Sessions       # the column holding the figure
        date: end             # "end" or "start" (the report's '# End date:' line) or a column
        note: "GA4, Organic Social sessions"   # optional

Post fields: ``date``, ``post_id``, ``url``, ``title``, ``reach_organic``, ``reach_paid``, ``likes``,
``comments``, ``shares``, ``clicks``, ``format``; a post needs ``date`` and ``url`` or ``title``. ``where``
compares trimmed and case-insensitively; every row it matches gives one measurement (a rule that
matches no row is an error). Unknown keys are errors, placed at file:line:column.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml.nodes import MappingNode, SequenceNode

from strategy_bible.imports.presets import POST_FIELDS, PRESETS
from strategy_bible.imports.records import ExportUnreadable
from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.loader import FileRefused, LoadedYaml, load_yaml_bytes, read_bounded
from strategy_bible.strategy.model import PostFormat
from strategy_bible.strategy.problem_log import counted
from strategy_bible.strategy.problems import InvalidStrategy, Problem, did_you_mean, one_of

Columns = str | list[str]

MAX_BYTES = 1024 * 1024
"""A mapping file is a few lines: a megabyte is a mistake (an export passed as --map), not a mapping."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PostColumns(_Strict):
    """For each post field, the column (or the aliases of the column) that holds it."""

    date: Columns | None = None
    post_id: Columns | None = None
    url: Columns | None = None
    title: Columns | None = None
    reach_organic: Columns | None = None
    reach_paid: Columns | None = None
    likes: Columns | None = None
    comments: Columns | None = None
    shares: Columns | None = None
    clicks: Columns | None = None
    format: Columns | None = None

    def aliases(self) -> dict[str, tuple[str, ...]]:
        found = {}
        for name in (*POST_FIELDS, "format"):
            value = getattr(self, name)
            if value is not None:
                found[name] = (value,) if isinstance(value, str) else tuple(value)
        return found


class MeasurementRule(_Strict):
    kpi: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    where: dict[str, str] = Field(default_factory=dict)
    value: str
    date: str = "end"
    note: str | None = None


class Mapping(_Strict):
    preset: str | None = None
    sheet: str | None = None
    header_row: int | None = Field(default=None, ge=1)
    day_first: bool | None = None
    platform: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    posts: PostColumns | None = None
    formats: dict[str, PostFormat] | None = None  # a post type of the file → posts[].format
    accounts: dict[str, Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]] | None = None  # account → channel
    measurements: list[MeasurementRule] | None = None


_MODELS: dict[str, type[BaseModel]] = {"": Mapping, "posts": PostColumns, "measurements": MeasurementRule}


def load_mapping(path: Path, shown: str) -> Mapping:
    """The mapping file at ``path``; :class:`ExportUnreadable` with every problem, file:line:column."""
    try:
        _check_file(path, shown)
        raw = read_bounded(path)
    except OSError as error:
        raise _unreadable(shown, [f"{shown}: cannot read the mapping file: {error.strerror}"]) from None
    except FileRefused as refused:  # replaced between the look and the read: the loader's words
        raise _unreadable(shown, [f"{shown}: {refused}"]) from None
    text = raw.decode("utf-8-sig", errors="replace")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _unreadable(shown, [f"{shown}:1:1: the mapping file is empty; it needs 'posts:' or 'measurements:'"])
    not_a_mapping = _not_a_mapping(text, shown)
    if not_a_mapping:
        raise _unreadable(shown, [not_a_mapping])
    try:
        loaded = load_yaml_bytes(raw, path, shown)
    except InvalidStrategy as invalid:  # the loader's words name the file it usually reads
        problems = [str(p).replace("a strategy file", "a mapping file") for p in invalid.problems]
        raise _unreadable(shown, problems) from None
    found: set[Problem] = set()
    mapping = None
    try:
        mapping = Mapping.model_validate(loaded.data)
    except ValidationError as error:
        found.update(_problem(loaded, detail) for detail in error.errors())
    preset = loaded.data.get("preset")
    if isinstance(preset, str) and preset not in PRESETS:
        line, column = loaded.positions.of_value(("preset",))
        allowed = f"use {one_of(PRESETS)}{did_you_mean(preset, PRESETS)}"
        found.add(Problem(shown, line, column, "preset", f"'{preset}' is not a preset; {allowed}"))
    if mapping is not None and mapping.preset is None and mapping.posts is None and not mapping.measurements:
        found.add(
            Problem(shown, 1, 1, "", "the mapping says nothing to read; give 'posts:', 'measurements:' or 'preset:'")
        )
    if found or mapping is None:
        raise _unreadable(shown, [str(problem) for problem in sorted(found)])
    return mapping


def _check_file(path: Path, shown: str) -> None:
    """Refuse, before opening it, what cannot be a mapping file: a device (``/dev/zero`` never
    ends), a pipe, a folder, or a file too big to be one."""
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        kind = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket"}.get(
            stat.S_IFMT(status.st_mode), "a device"
        )
        raise _unreadable(shown, [f"{shown}: this is not a regular file but {kind}; {_EXPECTED}"])
    if status.st_size > MAX_BYTES:
        raise _unreadable(
            shown, [f"{shown}: the file is {status.st_size:,} bytes; a mapping file may hold at most {MAX_BYTES:,}"]
        )


_EXPECTED = "a mapping file is a YAML text file (MAP.yml)"


def _not_a_mapping(text: str, shown: str) -> str | None:
    """What the file holds when it is YAML but not a mapping of keys (a list, a single value)."""
    try:
        root = compose(text)
    except Exception:  # a syntax error: the loader places and explains it
        return None
    if root is None or isinstance(root, MappingNode):
        return None
    kind = "a list" if isinstance(root, SequenceNode) else "a single value"
    line, column = root.start_mark.line + 1, root.start_mark.column + 1
    return (
        f"{shown}:{line}:{column}: a mapping file is a mapping of keys (preset:, posts:, measurements: …), "
        f"but this file holds {kind}"
    )


def _unreadable(shown: str, problems: list[str]) -> ExportUnreadable:
    return ExportUnreadable(f"{shown}: the mapping file cannot be used ({counted(len(problems), 'problem')})", problems)


def _problem(loaded: LoadedYaml, detail: Any) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    if loc and loc[0] == "posts" and len(loc) > 2:
        loc = loc[:2]  # a str | list[str] union names both branches: report the field once
    line, column = loaded.positions.of_key(loc) if kind == "extra_forbidden" else loaded.positions.of_value(loc)
    key = ".".join(f"[{part + 1}]" if isinstance(part, int) else str(part) for part in loc).replace(".[", "[")
    value = detail.get("input")
    if kind == "extra_forbidden":
        allowed = list(_model_at(loc[:-1]).model_fields)
        message = f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}; allowed here: {', '.join(allowed)}"
    elif kind == "missing":
        message = f"the required key '{loc[-1]}' is missing"
    elif kind == "string_pattern_mismatch":
        message = f"'{value}' is not an id: lower-case letters, digits and hyphens"
    elif loc and loc[0] == "posts":
        message = "expected a column name, or a list of column names (aliases)"
    elif kind == "bool_type":
        message = f"expected true or false, got {value!r}"
    elif kind in ("int_type", "greater_than_equal"):
        message = f"expected a row number (1 or more), got {value!r}"
    elif kind in ("string_type", "str_type"):
        message = f"expected text, got {value!r}"
    else:
        message = re.sub(r"^Input should be", "expected", detail["msg"])
    return Problem(loaded.display_path, line, column, key, message)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    names = [part for part in loc if isinstance(part, str)]
    return _MODELS.get(names[0] if names else "", Mapping)

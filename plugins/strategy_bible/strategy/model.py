"""The strategy file contract (version 1) as pydantic models.

Each field carries a one-line description: it lands in the JSON Schema (``strategy-bible schema``)
and so in editors' completion. Rules between fields (a KPI's target against its
baseline, ids unique, references) are not here: they live in :mod:`strategy_bible.strategy.rules`, so they
run even when another item of the file fails to validate.

This module knows nothing of MkDocs, HTML or files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from babel.numbers import list_currencies
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from strategy_bible.strategy.bidi import without_bidi_controls
from strategy_bible.strategy.dates import DAYS_ALLOWED, DayOutOfRange, NotADay, day_in_bounds, parse_day
from strategy_bible.strategy.numbers import MAX_MAGNITUDE, NUMBERS_ALLOWED, number_in_bounds

# --- value types -------------------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_BIDI_CLASS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
URL_PATTERN = rf"^https?://[^\s{_BIDI_CLASS}]+$"
"""http(s), no white space and no invisible direction mark (see :mod:`strategy_bible.strategy.bidi`)."""


def _text(value: Any) -> Any:
    # A client called 1664 is a text: accept numbers where text is expected.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return without_bidi_controls(value)  # so no page, menu or download can show them
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("sb_number", "expected a number, got {got}", {"got": _show(value)})
    if not number_in_bounds(value):
        raise PydanticCustomError(
            "sb_number", "expected {allowed}, got {got}", {"allowed": NUMBERS_ALLOWED, "got": _show(value)}
        )
    return value


def _in_bounds(day: dt.date) -> dt.date:
    if not day_in_bounds(day):
        raise PydanticCustomError(
            "sb_date", "expected {allowed}, got {got}", {"allowed": DAYS_ALLOWED, "got": _show(day)}
        )
    return day


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return _in_bounds(value.date())
        raise PydanticCustomError(
            "sb_date", "expected a date (YYYY-MM-DD) without a time, got {got}", {"got": _show(value)}
        )
    if isinstance(value, dt.date):
        return _in_bounds(value)
    if isinstance(value, str):
        try:
            return parse_day(value)
        except DayOutOfRange as outside:
            return _in_bounds(outside.day)  # its message, as for a date YAML read
        except NotADay:
            pass
    raise PydanticCustomError(
        "sb_date", "expected a date as YYYY-MM-DD (for example 2026-03-31), got {got}", {"got": _show(value)}
    )


def _date_or_datetime(value: Any) -> dt.date | dt.datetime:
    # YAML reads 2026-03-14T08:30 (no seconds) as text: parse it here.
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value.strip()):
        with contextlib.suppress(ValueError):
            value = dt.datetime.fromisoformat(value.strip())
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise PydanticCustomError(
                "sb_datetime",
                "write the local time without a time zone (YYYY-MM-DDTHH:MM), got {got}",
                {"got": _show(value)},
            )
        return _in_bounds(value)
    if isinstance(value, dt.date):
        return _in_bounds(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return _date(value)
    raise PydanticCustomError(
        "sb_datetime",
        "expected a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM), got {got}",
        {"got": _show(value)},
    )


def _currency(value: Any) -> str:
    if isinstance(value, str) and value.upper() in _CURRENCIES:
        return value.upper()
    raise PydanticCustomError(
        "sb_currency", "expected an ISO 4217 currency code such as EUR, USD or GBP, got {got}", {"got": _show(value)}
    )


def _show(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return f"a {len(str(abs(value)))}-digit number"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}…'"
    if value is None:
        return "nothing"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


_CURRENCIES = frozenset(list_currencies())

Id = Annotated[str, Field(pattern=ID_PATTERN, description="Lower-case letters, digits and hyphens; unique in the file")]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Markdown = Annotated[str, BeforeValidator(_text), Field(description="Markdown text")]
Number = Annotated[
    int | float,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}),
]
Count = Annotated[int, Field(ge=0, le=MAX_MAGNITUDE)]
Date = Annotated[dt.date, BeforeValidator(_date)]
DateOrDateTime = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_date_or_datetime),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"},
            ]
        }
    ),
]
Currency = Annotated[str, BeforeValidator(_currency), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"})]

Axis = Literal["visibility", "traffic", "image", "notoriety"]
Goal = Literal["engagement", "humanize", "conversion", "loyalty", "reach"]
Category = Literal["business", "notoriety", "internal"]
ReviewCadence = Literal["monthly", "quarterly", "semester", "yearly"]
ActionCadence = Literal["once", "daily", "weekly", "monthly", "quarterly"]
ActionStatus = Literal["planned", "running", "done", "dropped"]
Interaction = Literal["like", "click", "share", "comment", "message", "registration"]
Unit = Literal["count", "percent", "currency", "duration", "ratio"]
Direction = Literal["up", "down"]
EventFormat = Literal["breakfast", "round-table", "meetup", "workshop", "conference", "other"]
Visibility = Literal["client", "internal"]

AXES: tuple[str, ...] = get_args(Axis)  # the four major axes, in the method's order

_VISIBILITY: Visibility = Field(
    "client", description="client (default): shown to the client; internal: only in internal builds"
)


class ContractModel(BaseModel):
    """Strict: unknown keys are errors, no silent type coercion; an empty optional key means 'not given'."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        # `checklist:` with nothing after it is a workshop in progress, not a mistake.
        if isinstance(data, dict):
            return {
                key: value
                for key, value in data.items()
                if value is not None or (key in cls.model_fields and cls.model_fields[key].is_required())
            }
        return data


class Client(ContractModel):
    name: Text = Field(description="The client's name, as shown on every page")
    sector: Text | None = Field(None, description="Line of business")
    summary: Markdown | None = Field(None, description="Markdown: who they are, what they want from social media")
    website: str | None = Field(None, pattern=URL_PATTERN, description="The client's website (http or https)")


class Period(ContractModel):
    start: Date = Field(description="First day of the strategy")
    end: Date = Field(description="Last day of the strategy, after start")
    cadence: ReviewCadence = Field("monthly", description="How often the strategy is reviewed with the client")


class Audience(ContractModel):
    id: Id
    name: Text = Field(description="Who they are")
    description: Markdown | None = Field(None, description="Markdown: what they expect, where they are")


class Channel(ContractModel):
    id: Id
    name: Text = Field(description="The network or medium: Instagram, LinkedIn, newsletter…")
    audiences: list[Id] = Field([], description="Ids of the audiences reached on this channel")


class Objective(ContractModel):
    id: Id
    title: Text = Field(description="What the client wants, in a sentence")
    axis: Axis = Field(description="Major axis: visibility, traffic, image or notoriety")
    goal: Goal | None = Field(None, description="Specific objective: engagement, humanize, conversion, loyalty, reach")
    category: Category | None = Field(None, description="business, notoriety or internal (passing information on)")
    parent: Id | None = Field(None, description="Id of the objective this one serves")
    why: Markdown | None = Field(None, description="Markdown: the expectation behind it (return on expectations)")
    deadline: Date | None = Field(None, description="When it must be reached")
    visibility: Visibility = _VISIBILITY


class Task(ContractModel):
    task: Text = Field(description="What to do")
    done: bool = Field(False, description="Ticked when done")


def _task(value: Any) -> Any:
    return {"task": _text(value)} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


ChecklistItem = Annotated[Task, BeforeValidator(_task, json_schema_input_type=str | Task)]
_CHECKLIST: list[Task] = Field([], description="Tasks: a text (not done yet) or {task, done}")


class Action(ContractModel):
    id: Id
    title: Text = Field(description="What is done")
    objectives: list[Id] = Field(min_length=1, description="Ids of the objectives this action serves (at least one)")
    channel: Id | None = Field(None, description="Id of the channel it runs on")
    owner: Text | None = Field(None, description="Who is in charge")
    cadence: ActionCadence | None = Field(None, description="once, daily, weekly, monthly or quarterly")
    start: Date | None = Field(None, description="First day")
    end: Date | None = Field(None, description="Last day, not before start")
    status: ActionStatus = Field("planned", description="planned (default), running, done or dropped")
    engagement: list[Interaction] = Field([], description="Interactions sought (return on engagement)")
    description: Markdown | None = Field(None, description="Markdown: how it is done")
    checklist: list[ChecklistItem] = _CHECKLIST
    visibility: Visibility = _VISIBILITY


class Point(ContractModel):
    value: Number = Field(description="The figure, in the KPI's unit")
    date: Date = Field(description="When it was (or must be) reached")


class Measurement(ContractModel):
    date: Date = Field(description="When it was measured")
    value: Number = Field(description="The figure, in the KPI's unit")
    note: Text | None = Field(None, description="Plain text: what explains this figure")


class Kpi(ContractModel):
    id: Id
    name: Text = Field(description="What is measured")
    objective: Id = Field(description="Id of the objective this KPI judges")
    unit: Unit = Field("count", description="count (default), percent (42 = 42 %), currency, duration (hours), ratio")
    currency: Currency | None = Field(None, description="ISO 4217 code, required with unit: currency")
    direction: Direction = Field("up", description="up (default): higher is better; down: lower is better")
    baseline: Point = Field(description="Where we start: {value, date}")
    target: Point = Field(description="Where we aim: {value, date}, after the baseline")
    source: Text | None = Field(None, description="Where the figure comes from")
    measurements: list[Measurement] = Field([], description="Figures measured so far, any order")
    visibility: Visibility = _VISIBILITY


class Event(ContractModel):
    id: Id
    title: Text = Field(description="Name of the event")
    format: EventFormat | None = Field(
        None, description="breakfast, round-table, meetup, workshop, conference or other"
    )
    start: DateOrDateTime = Field(description="Local date or date-time: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    end: DateOrDateTime | None = Field(None, description="Local date or date-time, not before start")
    city: Text | None = Field(None, description="City")
    venue: Text | None = Field(None, description="Place and address")
    ambassador: Text | None = Field(None, description="Community member who leads it")
    objectives: list[Id] = Field([], description="Ids of the objectives it serves")
    capacity: Count | None = Field(None, description="Seats available")
    registrations: Count | None = Field(None, description="People registered")
    attendees: Count | None = Field(None, description="People who actually came")
    description: Markdown | None = Field(None, description="Markdown: programme, follow-up")
    checklist: list[ChecklistItem] = _CHECKLIST
    visibility: Visibility = _VISIBILITY


class Post(ContractModel):
    """One published post, for engagement measured per post (never per follower). Added by this
    project to the contract; optional."""

    date: Date = Field(description="Publication date")
    channel: Id = Field(description="Id of the channel it was published on")
    title: Text | None = Field(None, description="What the post was (title or url required)")
    url: str | None = Field(None, pattern=URL_PATTERN, description="Address of the post (title or url required)")
    reach_organic: Count = Field(description="People reached without paid promotion")
    reach_paid: Count = Field(0, description="People reached through paid promotion")
    likes: Count = Field(0, description="Likes and reactions")
    comments: Count = Field(0, description="Comments")
    shares: Count = Field(0, description="Shares")
    clicks: Count = Field(0, description="Clicks on the post (links, media)")
    visibility: Visibility = _VISIBILITY


class Strategy(ContractModel):
    """One client's social-media strategy: the bible."""

    model_config = ConfigDict(title="Strategy Bible strategy file (contract version 1)")

    client: Client = Field(description="Who the strategy is for")
    period: Period = Field(description="When it runs and how often it is reviewed")
    audiences: list[Audience] = Field([], description="Who we talk to")
    channels: list[Channel] = Field([], description="Where we talk to them")
    objectives: list[Objective] = Field([], description="What the client wants: everything flows from here")
    actions: list[Action] = Field([], description="What we do for the objectives")
    kpis: list[Kpi] = Field([], description="How each objective is judged")
    events: list[Event] = Field([], description="Offline community events")
    posts: list[Post] = Field([], description="Published posts, for engagement rates per post (optional)")
    notes: Markdown | None = Field(None, description="Markdown: the community manager's notes (always internal)")

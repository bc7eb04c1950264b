"""The strategy file contract (version 1, and the optional sections of version 2) as pydantic models.

Each field carries a one-line description: it lands in the JSON Schema (``strategy-bible schema``)
and so in editors' completion. Rules between fields (a KPI's target against its
baseline, ids unique, references) are not here: they live in :mod:`strategy_bible.strategy.rules`, so they
run even when another item of the file fails to validate.

This module knows nothing of MkDocs, HTML or files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
from typing import Annotated, Any, ClassVar, Literal, get_args

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
from strategy_bible.strategy.dates import (
    DAYS_ALLOWED,
    FIRST_DAY,
    LAST_DAY,
    DayOutOfRange,
    NotADay,
    day_in_bounds,
    parse_day,
)
from strategy_bible.strategy.numbers import MAX_MAGNITUDE, NUMBERS_ALLOWED, number_in_bounds
from strategy_bible.strategy.problems import Worded

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


def _refused(kind: str, message: str, label: str, **fields: Any) -> PydanticCustomError:
    """A value refused: pydantic's error ``kind`` with ``message`` (English, for the terminal) and,
    in its context, the message's label and fields, which ``validation`` makes a :class:`Worded`
    message: a page says it in its reader's language (``render.labels``)."""
    return PydanticCustomError(kind, message, {**fields, LABEL: label})


LABEL = "label"
"""The key of a refused value's context that holds its message's label (see :func:`_refused`)."""


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _refused("sb_number", "expected a number, got {got}", "invalid.number", got=described(value))
    if not number_in_bounds(value):
        allowed = Worded(NUMBERS_ALLOWED, "value.numbers_allowed")
        raise _refused(
            "sb_number", "expected {allowed}, got {got}", "invalid.number_bounds", allowed=allowed, got=described(value)
        )
    return value


def _in_bounds(day: dt.date) -> dt.date:
    if not day_in_bounds(day):
        allowed = Worded(DAYS_ALLOWED, "value.days_allowed", first=FIRST_DAY, last=LAST_DAY)
        raise _refused(
            "sb_date", "expected {allowed}, got {got}", "invalid.date_bounds", allowed=allowed, got=described(day)
        )
    return day


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return _in_bounds(value.date())
        raise _refused(
            "sb_date",
            "expected a date (YYYY-MM-DD) without a time, got {got}",
            "invalid.date_time",
            got=described(value),
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
    raise _refused(
        "sb_date",
        "expected a date as YYYY-MM-DD (for example 2026-03-31), got {got}",
        "invalid.date",
        got=described(value),
    )


def _date_or_datetime(value: Any) -> dt.date | dt.datetime:
    # YAML reads 2026-03-14T08:30 (no seconds) as text: parse it here.
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value.strip()):
        with contextlib.suppress(ValueError):
            value = dt.datetime.fromisoformat(value.strip())
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise _refused(
                "sb_datetime",
                "write the local time without a time zone (YYYY-MM-DDTHH:MM), got {got}",
                "invalid.time_zone",
                got=described(value),
            )
        return _in_bounds(value)
    if isinstance(value, dt.date):
        return _in_bounds(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return _date(value)
    raise _refused(
        "sb_datetime",
        "expected a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM), got {got}",
        "invalid.date_or_time",
        got=described(value),
    )


def _amount(value: Any) -> int | float:
    number = _number(value)
    if number < 0:
        raise _refused(
            "sb_amount", "expected an amount of 0 or more, got {got}", "invalid.amount", got=described(value)
        )
    return number


def _hours(value: Any) -> int | float:
    number = _number(value)
    if number <= 0:
        raise _refused(
            "sb_hours", "expected a number of hours above 0, got {got}", "invalid.hours", got=described(value)
        )
    return number


def _share(value: Any) -> int | float:
    number = _number(value)
    if not 0 <= number <= 100:
        raise _refused(
            "sb_share",
            "expected a percentage from 0 to 100 (40 means 40 %), got {got}",
            "invalid.share",
            got=described(value),
        )
    return number


def _blank_is_absent(value: Any) -> Any:
    # `reason: ""` is no reason: it reads as if the key were not there.
    value = _text(value)
    return None if isinstance(value, str) and not value.strip() else value


def _currency(value: Any) -> str:
    if isinstance(value, str) and value.upper() in _CURRENCIES:
        return value.upper()
    raise _refused(
        "sb_currency",
        "expected an ISO 4217 currency code such as EUR, USD or GBP, got {got}",
        "invalid.currency",
        got=described(value),
    )


def _colour(value: Any) -> str:
    if value is None:  # `colour: #1F6F8B` without quotes: YAML reads a comment, so nothing
        raise _refused(
            "sb_colour",
            'no colour given (in YAML an unquoted # starts a comment): write it in quotes, for example "#1F6F8B"',
            "invalid.colour_missing",
        )
    if isinstance(value, str) and re.fullmatch(COLOUR_PATTERN, value.strip()):
        return value.strip().upper()
    raise _refused(
        "sb_colour",
        'expected a colour written "#RRGGBB", in quotes (for example "#1F6F8B"), got {got}',
        "invalid.colour",
        got=described(value),
    )


def _logo(value: Any) -> str:
    if isinstance(value, str):
        path = posixpath.normpath(value.strip())
        inside = not path.startswith(("/", "../")) and path != ".." and "\\" not in path and ":" not in path
        if inside and posixpath.splitext(path)[1].lower() in LOGO_SUFFIXES:
            return path
    raise _refused(
        "sb_logo",
        "expected the path of an image ({suffixes}) in the docs folder, relative to it, for example "
        "clients/acme/logo.svg, got {got}",
        "invalid.logo",
        suffixes=", ".join(LOGO_SUFFIXES),
        got=described(value),
    )


def described(value: Any) -> str:
    """A value as a message quotes it: text in quotes (cut when long), a huge number by its count of
    digits, a list or a mapping by its kind; the words are :class:`Worded`, said in a page's language."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        digits = len(str(abs(value)))
        return Worded(f"a {digits}-digit number", "value.digits", count=digits)
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}…'"
    if value is None:
        return Worded("nothing", "value.nothing")
    if isinstance(value, (list, tuple)):
        return Worded("a list", "value.list")
    if isinstance(value, dict):
        return Worded("a mapping", "value.mapping")
    return str(value)


_CURRENCIES = frozenset(list_currencies())
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
"""The images a browser shows in a page's header."""

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
Amount = Annotated[
    int | float,
    BeforeValidator(_amount),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_MAGNITUDE}),
]
Hours = Annotated[
    int | float,
    BeforeValidator(_hours),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": MAX_MAGNITUDE}),
]
Share = Annotated[
    int | float,
    BeforeValidator(_share),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
OptionalText = Annotated[str | None, BeforeValidator(_blank_is_absent)]
Colour = Annotated[
    str | None,  # None too, so that an empty `colour:` reaches _colour (see Brand)
    BeforeValidator(_colour),
    WithJsonSchema({"type": "string", "pattern": COLOUR_PATTERN}),
]
LogoPath = Annotated[
    str,
    BeforeValidator(_logo),
    WithJsonSchema(
        {"type": "string", "pattern": r"^[^/\\].*\.([sS][vV][gG]|[pP][nN][gG]|[jJ][pP][eE]?[gG]|[wW][eE][bB][pP])$"}
    ),
]

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
Language = Literal["fr", "en"]
PostFormat = Literal["post", "carousel", "reel", "story", "video", "live", "article", "newsletter", "other"]
CalendarStatus = Literal["idea", "draft", "approved", "published", "dropped"]
MeansKind = Literal["ads", "people", "production", "tools", "influence", "events", "other"]
ModerationResponse = Literal["answer", "private", "hide", "delete", "ignore", "escalate"]
DecisionTaken = Literal["continue", "optimise", "change", "stop"]
PostMetric = Literal[
    "engagement_rate",
    "click_rate",
    "reach",
    "reach_organic",
    "reach_paid",
    "likes",
    "comments",
    "shares",
    "clicks",
    "interactions",
    "posts",
]
Aggregate = Literal["median", "mean", "sum"]
PostPeriod = Literal["month", "review"]

RATE_METRICS: tuple[str, ...] = ("engagement_rate", "click_rate")
"""The per-post rates among the metrics a KPI can compute from its posts (in percent); the others are counts."""

AXES: tuple[str, ...] = get_args(Axis)  # the four major axes, in the method's order

_VISIBILITY: Visibility = Field(
    "client", description="client (default): shown to the client; internal: only in internal builds"
)


class ContractModel(BaseModel):
    """Strict: unknown keys are errors, no silent type coercion; an empty optional key means 'not given'."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    KEPT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset()
    """Keys whose empty value means something of its own (a post's unknown counts): kept as None."""

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        # `checklist:` with nothing after it is a workshop in progress, not a mistake.
        if isinstance(data, dict):
            return {
                key: value
                for key, value in data.items()
                if value is not None
                or key in cls.KEPT_WHEN_EMPTY
                or (key in cls.model_fields and cls.model_fields[key].is_required())
            }
        return data


class Brand(ContractModel):
    logo: LogoPath | None = Field(
        None,
        description="The client's logo in its pages' header: an image (.svg, .png, .jpg, .jpeg, .webp) of the "
        "client's own folder of the docs folder, relative to the docs folder (clients/<slug>/logo.svg)",
    )
    colour: Colour = Field(
        None,
        description='The header colour of the client\'s pages, "#RRGGBB" in quotes; the header text is white or '
        "near-black, whichever reads better on it",
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        # Unlike other keys, `colour:` left empty is an error: `colour: #1F6F8B` reads as a comment.
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None or key == "colour"}
        return data


class Client(ContractModel):
    name: Text = Field(description="The client's name, as shown on every page")
    sector: Text | None = Field(None, description="Line of business")
    summary: Markdown | None = Field(None, description="Markdown: who they are, what they want from social media")
    website: str | None = Field(None, pattern=URL_PATTERN, description="The client's website (http or https)")
    brand: Brand | None = Field(None, description="The client's logo and colour, on its pages and share link only")
    language: Language | None = Field(
        None,
        description="Language of the client's pages, downloads and share link: fr or en (default: the site's "
        "theme.language)",
    )


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
    role: Text | None = Field(None, description="Plain text: what this channel is for (version 2)")
    axes: list[Axis] = Field(
        [], description="The axes this channel serves: visibility, traffic, image, notoriety (version 2)"
    )


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


class FromPosts(ContractModel):
    """Where a KPI computed from the posts takes its figures: one measurement per period with posts."""

    metric: PostMetric = Field(
        description="engagement_rate or click_rate (per post, unit: percent); reach, reach_organic, reach_paid, "
        "likes, comments, shares, clicks, interactions (per post, unit: count); posts (how many, unit: count)"
    )
    channel: Id | None = Field(None, description="Id of the channel whose posts count; every channel when absent")
    format: PostFormat | None = Field(None, description="Only the posts of this format; every format when absent")
    aggregate: Aggregate | None = Field(
        None,
        description="median, mean or sum of the per-post figures over a period; default: median for rates, "
        "sum for counts (sum makes no sense for a rate)",
    )
    per: PostPeriod = Field(
        "month", description="month (default): one figure per calendar month; review: per review period (cadence)"
    )


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
    from_posts: FromPosts | None = Field(
        None,
        description="The measurements are computed from the posts at build time, never typed: the metric, "
        "channel, aggregate and period",
    )
    attributed: bool = Field(
        False,
        description="Revenue directly attributed to social media (promo code, tracked link): the bible shows a "
        "return on the means spent. Needs unit: currency, in the means' currency (version 2)",
    )
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


_UNKNOWN_COUNT = (
    ". Left out: 0. Empty or null: unknown (the export gives no such column, as Instagram gives no clicks): "
    "every rate that needs it is unknown for this post, and medians leave the post out"
)
UNKNOWABLE_COUNTS = ("likes", "comments", "shares", "clicks")
"""A post's counts that may be unknown (``null``), where any other empty key means 'not given'."""


class Post(ContractModel):
    """One published post, for engagement measured per post (never per follower). Added by this
    project to the contract; optional."""

    date: Date = Field(description="Publication date")
    channel: Id = Field(description="Id of the channel it was published on")
    title: Text | None = Field(None, description="What the post was (title or url required)")
    url: str | None = Field(None, pattern=URL_PATTERN, description="Address of the post (title or url required)")
    post_id: Text | None = Field(
        None, description="The platform's own id of the post, as its exports give it: `import` updates the post by it"
    )
    reach_organic: Count = Field(description="People reached without paid promotion")
    reach_paid: Count = Field(0, description="People reached through paid promotion")
    likes: Count | None = Field(0, description="Likes and reactions" + _UNKNOWN_COUNT)
    comments: Count | None = Field(0, description="Comments" + _UNKNOWN_COUNT)
    shares: Count | None = Field(0, description="Shares" + _UNKNOWN_COUNT)
    clicks: Count | None = Field(0, description="Clicks on the post (links, media)" + _UNKNOWN_COUNT)
    pillar: Id | None = Field(None, description="Id of the editorial pillar it belongs to (version 2)")
    format: PostFormat | None = Field(
        None, description="post, carousel, reel, story, video, live, article, newsletter or other (version 2)"
    )
    action: Id | None = Field(None, description="Id of the action it carries out (version 2)")
    visibility: Visibility = _VISIBILITY
    KEPT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset(UNKNOWABLE_COUNTS)  # left empty: unknown, not 0


# --- version 2: how (editorial line, calendar), what we may do (community care), with which means
# (money and time), and what was decided (reviews). Every section is optional.


class Pillar(ContractModel):
    id: Id
    name: Text = Field(description="The pillar's name")
    description: Markdown | None = Field(None, description="Markdown: what content it holds")
    objectives: list[Id] = Field(min_length=1, description="Ids of the objectives it serves (at least one)")
    share: Share | None = Field(None, description="Target share of published posts, percent (0-100)")
    visibility: Visibility = _VISIBILITY


class Editorial(ContractModel):
    voice: Markdown | None = Field(None, description="Markdown: tone, words we use and words we avoid")
    pillars: list[Pillar] = Field([], description="Content pillars")


class CalendarItem(ContractModel):
    id: Id
    date: Date = Field(description="Planned publication date")
    channel: Id = Field(description="Id of the channel it will be published on")
    title: Text = Field(description="What will be published")
    pillar: Id | None = Field(None, description="Id of the editorial pillar it belongs to")
    action: Id | None = Field(None, description="Id of the action it carries out")
    format: PostFormat | None = Field(
        None, description="post, carousel, reel, story, video, live, article, newsletter or other"
    )
    status: CalendarStatus = Field("idea", description="idea (default), draft, approved, published or dropped")
    visibility: Visibility = _VISIBILITY


class MeansItem(ContractModel):
    id: Id
    label: Text = Field(description="What the money or time goes to")
    kind: MeansKind = Field("other", description="ads, people, production, tools, influence, events or other (default)")
    planned: Amount = Field(description="Amount planned, in the means' currency (0 or more)")
    spent: Amount = Field(0, description="Amount spent to date (0 or more; above planned is over budget)")
    hours: Amount | None = Field(None, description="People time, in hours (0 or more)")
    funds: list[Id] = Field(min_length=1, description="Ids of the actions and events it funds (at least one)")
    visibility: Visibility = _VISIBILITY


class Means(ContractModel):
    currency: Currency | None = Field(None, description="ISO 4217 code of every amount; required with items")
    items: list[MeansItem] = Field([], description="Budget lines and people time")


class ModerationCase(ContractModel):
    id: Id
    case: Text = Field(description="The kind of message")
    response: ModerationResponse = Field(description="answer, private, hide, delete, ignore or escalate")
    within_hours: Hours | None = Field(None, description="Answer deadline, in hours (above 0)")
    owner: Text | None = Field(None, description="Who handles it")
    visibility: Visibility = _VISIBILITY


class CrisisLevel(ContractModel):
    id: Id
    level: Annotated[int, Field(ge=1, le=MAX_MAGNITUDE)] = Field(description="Severity, a whole number from 1; unique")
    name: Text = Field(description="What this level is called")
    signals: Markdown | None = Field(None, description="Markdown: how to recognise it")
    decides: Text = Field(description="Who decides the response")
    speaks: Text | None = Field(None, description="Who speaks in public")
    backup: Text = Field(description="Who acts when the one who decides is away; not the same person")
    respond_within_hours: Hours | None = Field(None, description="Response deadline, in hours (above 0)")
    statement: Markdown | None = Field(None, description="Markdown: the holding statement")
    visibility: Visibility = _VISIBILITY


class Community(ContractModel):
    charter: Markdown | None = Field(None, description="Markdown: the house rules members are asked to follow")
    moderation: list[ModerationCase] = Field([], description="How each kind of message is handled")
    crisis: list[CrisisLevel] = Field([], description="The crisis plan, one item per severity level")


class ReviewDecision(ContractModel):
    kpi: Id = Field(description="Id of the KPI decided on; one decision per KPI per review")
    decision: DecisionTaken = Field(description="continue, optimise, change or stop")
    reason: OptionalText = Field(None, description="Plain text: why, expected when it differs from the rule's")
    confidence: Annotated[int, Field(ge=1, le=10)] | None = Field(
        None, description="How sure we are, a whole number from 1 to 10"
    )
    start: list[Id] = Field([], description="Ids of the actions this decision starts")
    stop: list[Id] = Field([], description="Ids of the actions this decision stops")


class Review(ContractModel):
    id: Id
    date: Date = Field(description="The day of the review meeting; unique among reviews")
    attendees: list[Text] = Field([], description="Who took part")
    summary: Markdown | None = Field(None, description="Markdown: what was said")
    decisions: list[ReviewDecision] = Field([], description="What was decided, KPI by KPI")
    asks: list[Text] = Field(
        [],
        description="Plain text, one line each: what the agency needs from the client after this review "
        "(an approval, content, an access); shown under 'What we need from you'",
    )
    visibility: Visibility = _VISIBILITY


class Strategy(ContractModel):
    """One client's social-media strategy: the bible."""

    model_config = ConfigDict(title="Strategy Bible strategy file (contract versions 1 and 2)")

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
    editorial: Editorial | None = Field(None, description="The editorial line: voice and content pillars (version 2)")
    calendar: list[CalendarItem] = Field([], description="The editorial calendar: planned content (version 2)")
    means: Means | None = Field(None, description="With which means: money and time (version 2)")
    community: Community | None = Field(
        None, description="Community care: charter, moderation, crisis plan (version 2)"
    )
    reviews: list[Review] = Field([], description="The decision log, one item per review meeting (version 2)")

"""What the pages of one client show: the strategy seen by the build's audience, analysed.

Pure data for the templates — verdicts per KPI, the objective tree by axis, what serves each
objective, checklist progress, event rates — so templates only lay things out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import get_args

from strategy_bible.analysis import periods, rates
from strategy_bible.analysis import reviews as review_log
from strategy_bible.analysis.clock import build_time
from strategy_bible.analysis.computed_kpis import aggregate_of, with_computed_measurements
from strategy_bible.analysis.costs import Costs, Totals, gain_of, totals
from strategy_bible.analysis.editorial import (
    ChannelRole,
    FormatFigures,
    PillarFigures,
    axes_without_channel,
    channel_roles,
    format_mix,
    pillar_mix,
)
from strategy_bible.analysis.rates import EventTotals, event_totals, fill_rate, show_up_rate
from strategy_bible.analysis.smart import Mark, smart_marks
from strategy_bible.analysis.standing import Standing, known_on, standing
from strategy_bible.analysis.verdict import VERDICTS_BEST_FIRST, KpiStatus, Rollup, Thresholds, Verdict, assess, rollup
from strategy_bible.render.formatting import parse_locale
from strategy_bible.render.labels import Labels
from strategy_bible.render.site_plan import CALENDAR_DOWNLOAD, CLIENT_PAGES, review_kind
from strategy_bible.strategy.dates import as_datetime
from strategy_bible.strategy.model import (
    AXES,
    Action,
    CalendarItem,
    CrisisLevel,
    Event,
    Kpi,
    MeansItem,
    MeansKind,
    Objective,
    Pillar,
    Review,
    Strategy,
    Task,
)
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import Readership, Visible


def with_computed_kpis(visible: Visible, language: str | None, today: dt.date) -> Visible:
    """What a readership sees, with the KPIs computed from posts measured from the posts it sees:
    made right after :func:`visible_to`, so a client's figures count client-visible posts only
    (an internal post never moves them) and every page and download shows the same figures."""
    labels = Labels(parse_locale(language).language)

    def note(count: int) -> str:
        return labels("kpis.computed_note_one" if count == 1 else "kpis.computed_note", count=count)

    return replace(visible, strategy=with_computed_measurements(visible.strategy, today, note))


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


def checklist_progress(tasks: list[Task]) -> Progress:
    return Progress(sum(1 for t in tasks if t.done), len(tasks))


@dataclass
class ClientView:
    """Made from what the build's readership may see (:func:`visible_to`) and nothing else: a
    template, even a site's own, can reach no internal item of a client build through it."""

    slug: str
    source: str
    """The strategy file, as the user knows it (``strategies/acme.yml``)."""
    visible: Visible
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def strategy(self) -> Strategy:
        return self.visible.strategy

    @property
    def audience(self) -> Readership:
        return self.visible.readership

    @property
    def internal(self) -> bool:
        return self.audience is Readership.INTERNAL

    @property
    def shown_warnings(self) -> tuple[Problem, ...]:
        """The warnings: an internal build's only (they name internal items)."""
        return self.visible.warnings

    # lookups ---------------------------------------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, object]:
        s = self.strategy
        return {
            item.id: item
            for items in (s.audiences, s.channels, s.objectives, s.actions, s.kpis, s.events)
            for item in items
        }

    def get(self, item_id: str | None):
        return self._by_id.get(item_id) if item_id else None

    @cached_property
    def status(self) -> dict[str, KpiStatus]:
        """Each KPI judged on what is known on the build's day: a measurement dated later (a year
        typed wrong) never decides a verdict before its day."""
        return {kpi.id: assess(known_on(kpi, self.today), self.thresholds) for kpi in self.strategy.kpis}

    def from_posts_of(self, kpi: Kpi) -> tuple[str, str] | None:
        """For a KPI computed from the posts: its aggregate (the default filled in) and the cadence of
        its periods (``monthly``, or the client's review cadence)."""
        source = kpi.from_posts
        if source is None:
            return None
        return aggregate_of(source), "monthly" if source.per == "month" else self.strategy.period.cadence

    def kpis_of(self, objective: Objective) -> list[Kpi]:
        return [k for k in self.strategy.kpis if k.objective == objective.id]

    def actions_of(self, objective: Objective) -> list[Action]:
        return [a for a in self.strategy.actions if objective.id in a.objectives]

    def events_of(self, objective: Objective) -> list[Event]:
        return [e for e in self.strategy.events if objective.id in e.objectives]

    def children_of(self, objective: Objective) -> list[Objective]:
        return [o for o in self.strategy.objectives if o.parent == objective.id]

    def objectives_by_axis(self) -> dict[str, list[Objective]]:
        """Top-level objectives under each of the four axes, in the method's order."""
        grouped: dict[str, list[Objective]] = {axis: [] for axis in AXES}
        for objective in self.strategy.objectives:
            if objective.parent is None:
                grouped[objective.axis].append(objective)
        return grouped

    def sub_objectives_on(self, axis: str) -> list[Objective]:
        """Sub-objectives whose own axis is ``axis``. They sit under their parent (on its axis), so an
        axis with no top-level objective may still have objectives: the pages say where they are."""
        return [o for o in self.strategy.objectives if o.parent is not None and o.axis == axis]

    def descendants_of(self, objective: Objective) -> list[Objective]:
        found, queue = [], self.children_of(objective)
        while queue:
            child = queue.pop(0)
            if child not in found:
                found.append(child)
                queue.extend(self.children_of(child))
        return found

    def kpis_judging(self, objective: Objective) -> list[Kpi]:
        """Its own KPIs and its sub-objectives': what judges it."""
        ids = {objective.id, *(o.id for o in self.descendants_of(objective))}
        return [k for k in self.strategy.kpis if k.objective in ids]

    def page_kinds(self) -> tuple[str, ...]:
        """The pages of this client: a section's page only when it has something to show."""
        kinds = tuple(kind for kind in CLIENT_PAGES if self._has_page(kind))
        if "reviews" in kinds:  # the index, then a page per review, newest first
            at = kinds.index("reviews") + 1
            kinds = (*kinds[:at], *(review_kind(r.id) for r in self.reviews_newest_first()), *kinds[at:])
        return kinds

    def _has_page(self, kind: str) -> bool:
        s = self.strategy
        if kind == "posts":
            return bool(s.posts)
        if kind == "editorial":
            return self.has_editorial
        if kind == "means":
            return bool(s.means and s.means.items)
        if kind == "community":
            return self.has_community
        if kind == "reviews":
            return bool(s.reviews)
        return True

    def warnings_about(self, item_id: str) -> list[Problem]:
        return [w for w in self.shown_warnings if f"'{item_id}'" in w.message]

    # figures ---------------------------------------------------------------------------------

    def health(self) -> list[tuple[Verdict, int]]:
        """How many KPIs per verdict, best first, verdicts with none left out."""
        counts = Counter(status.verdict for status in self.status.values())
        return [(verdict, counts[verdict]) for verdict in VERDICTS_BEST_FIRST if counts[verdict]]

    def rollup_of(self, kpis: list[Kpi]) -> Rollup:
        return rollup((self.status[k.id] for k in kpis), self.thresholds)

    def objective_status(self, objective: Objective) -> Rollup:
        return self.rollup_of(self.kpis_judging(objective))

    def axis_status(self, axis: str) -> Rollup:
        tops = self.objectives_by_axis()[axis]
        kpis = {k.id: k for o in tops for k in self.kpis_judging(o)}
        return self.rollup_of(list(kpis.values()))

    def overall_status(self) -> Rollup:
        return self.rollup_of(self.strategy.kpis)

    def smart(self, objective: Objective) -> list[Mark]:
        return smart_marks(objective, self.kpis_judging(objective), self.status)

    def needs_conversion_diagnostic(self, objective: Objective) -> bool:
        """Traffic or conversion failing: the community manager's job is traffic, not sales — time
        to look at the site and the offer with the client (seed 003)."""
        return (objective.axis == "traffic" or objective.goal == "conversion") and self.objective_status(
            objective
        ).failing

    def not_on_track(self) -> list[Kpi]:
        """KPIs with a decision other than "continue": what the review must decide on."""
        return [k for k in self.strategy.kpis if self.status[k.id].decision and not self.status[k.id].on_track]

    # review ----------------------------------------------------------------------------------

    @cached_property
    def review_period(self) -> periods.ReviewPeriod | None:
        return periods.latest_period(self.strategy.kpis, self.strategy.period.cadence)

    def change(self, kpi: Kpi) -> periods.PeriodChange | None:
        """The review period against the previous one; none without a measurement to review."""
        period = self.review_period
        return periods.period_change(kpi, period) if period else None

    def year_over_year(self, kpi: Kpi) -> periods.PeriodChange | None:
        period = self.review_period
        return periods.year_over_year(kpi, period) if period else None

    def events_in(self, period: periods.ReviewPeriod) -> list[Event]:
        return [e for e in self.events_by_date() if period.contains(e.start)]

    def tasks(self) -> Progress:
        s = self.strategy
        tasks = [t for a in s.actions for t in a.checklist] + [t for e in s.events for t in e.checklist]
        return checklist_progress(tasks)

    # posts -----------------------------------------------------------------------------------

    def posts_by_date(self):
        return sorted(self.strategy.posts, key=lambda p: p.date, reverse=True)

    def channel_rates(self) -> list[rates.ChannelRates]:
        return rates.channel_rates(self.strategy.posts)

    checklist = staticmethod(checklist_progress)
    fill_rate = staticmethod(fill_rate)
    show_up_rate = staticmethod(show_up_rate)
    reach = staticmethod(rates.reach)
    interactions = staticmethod(rates.interactions)
    engagement_rate = staticmethod(rates.engagement_rate)
    click_rate = staticmethod(rates.click_rate)

    def events_by_date(self) -> list[Event]:
        return sorted(self.strategy.events, key=lambda e: as_datetime(e.start, dt.time.min))

    def event_totals(self) -> EventTotals:
        return event_totals(self.strategy.events)

    # --- channel roles and community (version 2) ---

    @cached_property
    def channel_roles(self) -> list[ChannelRole]:
        """Each channel with the objectives it serves (on its axes, or through its actions)."""
        return channel_roles(self.strategy)

    def axes_without_channel(self) -> list[str]:
        """The axes no channel declares it serves; none when no channel declares axes at all."""
        return list(axes_without_channel(self.strategy, AXES))  # type: ignore[arg-type]

    def declares_axes(self) -> bool:
        """Whether the axis × channel grid has anything to show."""
        return any(channel.axes for channel in self.strategy.channels)

    def declares_roles(self) -> bool:
        """Whether the channels say what they are for (version 2): then each says what it serves."""
        return any(channel.axes or channel.role for channel in self.strategy.channels)

    @staticmethod
    def axes() -> tuple[str, ...]:
        """The four axes in the method's order: the grid's rows."""
        return AXES

    @property
    def has_community(self) -> bool:
        """A community page only when the section has something left for this readership."""
        c = self.strategy.community
        return bool(c and (c.charter or c.moderation or c.crisis))

    def crisis_levels(self) -> list[CrisisLevel]:
        """The crisis plan, mildest level first."""
        c = self.strategy.community
        return sorted(c.crisis, key=lambda level: level.level) if c else []

    # --- means (version 2) ---

    @cached_property
    def costs(self) -> Costs:
        """Every money figure, from what this readership sees (a client build: client items only)."""
        return Costs(self.strategy)

    @property
    def currency(self) -> str | None:
        return self.costs.currency

    def means_by_kind(self) -> list[tuple[str, list[MeansItem], Totals]]:
        """The means items grouped by kind, in the contract's order of kinds, with each kind's totals."""
        by_kind = self.costs.totals_by_kind()
        order = list(get_args(MeansKind))
        return [
            (kind, [item for item in self.costs.items if item.kind == kind], by_kind[kind])
            for kind in sorted(by_kind, key=order.index)
        ]

    item_totals = staticmethod(lambda item: totals([item]))
    gain = staticmethod(gain_of)

    def funded_by(self, item: MeansItem) -> list[tuple[str, Action | Event]]:
        """What a means item funds, each with its page (``actions.md`` or ``events.md``)."""
        found: list[tuple[str, Action | Event]] = []
        for funded_id in item.funds:
            funded = self.get(funded_id)
            if isinstance(funded, Action):
                found.append(("actions.md", funded))
            elif isinstance(funded, Event):
                found.append(("events.md", funded))
        return found

    # --- editorial (version 2) ---

    @property
    def has_editorial(self) -> bool:
        """An editorial page when this readership has a voice, a pillar or a calendar item to see."""
        e = self.strategy.editorial
        return bool((e and (e.voice or e.pillars)) or self.strategy.calendar)

    def pillars(self) -> list[Pillar]:
        e = self.strategy.editorial
        return list(e.pillars) if e else []

    def pillar(self, pillar_id: str | None) -> Pillar | None:
        return next((p for p in self.pillars() if p.id == pillar_id), None)

    @cached_property
    def pillar_mix(self) -> list[PillarFigures]:
        return pillar_mix(self.strategy)

    @cached_property
    def format_mix(self) -> list[FormatFigures]:
        return format_mix(self.strategy.posts)

    def posts_naming_a_pillar(self) -> int:
        return sum(1 for post in self.strategy.posts if post.pillar is not None)

    def pillars_of(self, objective: Objective) -> list[Pillar]:
        """The pillars serving an objective (its editorial side)."""
        return [p for p in self.pillars() if objective.id in p.objectives]

    def calendar_of(self, action: Action) -> list[CalendarItem]:
        """The calendar items that carry an action out, by date."""
        return [item for item in self.calendar_by_date() if item.action == action.id]

    def calendar_by_date(self) -> list[CalendarItem]:
        return sorted(self.strategy.calendar, key=lambda item: item.date)

    def calendar_by_month(self) -> list[tuple[dt.date, list[CalendarItem]]]:
        """``(first day of the month, its items by date)``, oldest month first."""
        months: dict[dt.date, list[CalendarItem]] = {}
        for item in self.calendar_by_date():
            months.setdefault(item.date.replace(day=1), []).append(item)
        return list(months.items())

    @cached_property
    def today(self) -> dt.date:
        """The build's day (``SOURCE_DATE_EPOCH`` when set): what is past and what is coming."""
        return build_time().date()

    def is_past(self, item: CalendarItem) -> bool:
        return item.date < self.today

    def extra_downloads(self) -> tuple[str, ...]:
        """This client's own downloads: ``calendar.ics`` when its build has a calendar."""
        return (CALENDAR_DOWNLOAD,) if self.strategy.calendar else ()

    # --- reviews, the decision log (version 2) ---------------------------------------------------

    def reviews_newest_first(self) -> list[Review]:
        return review_log.newest_first(self.strategy)

    def review(self, review_id: str) -> Review:
        return next(r for r in self.strategy.reviews if r.id == review_id)

    def decisions_of(self, review: Review) -> list[review_log.DecisionView]:
        """A review's decisions with each KPI as it stood on the review date (a decision about a KPI
        this build does not show is left out)."""
        return [d for d in review_log.decisions_of(review, self.strategy, self.thresholds) if d.kpi is not None]

    def history_of(self, kpi: Kpi) -> list[tuple[Review, review_log.DecisionView]]:
        return review_log.history_of(kpi, self.strategy, self.thresholds)

    def review_dates(self) -> list[dt.date]:
        return sorted({r.date for r in self.strategy.reviews})

    def actions_named(self, ids: list[str]) -> list[Action]:
        """The actions of a decision's ``start`` or ``stop`` that this build shows."""
        return [a for a in self.strategy.actions if a.id in ids]

    # --- where we stand ---------------------------------------------------------------------

    @cached_property
    def standing(self) -> Standing:
        """Where the client stands on the build's day: the head of the overview and of the review."""
        return standing(self.strategy, self.today, self.thresholds)

    def standing_at(self, review: Review) -> Standing:
        """Where the client stood on a review's day (measurements up to that day only); the means are
        not dated, so only the latest review says what has been spent."""
        latest = self.reviews_newest_first()[0] if self.strategy.reviews else None
        return standing(self.strategy, review.date, self.thresholds, with_budget=review is latest)

    @property
    def as_of(self) -> dt.date | None:
        """The date of the newest figure: every client page says it."""
        return self.standing.as_of

    def follow_up(self, review: Review) -> list[tuple[Action, str]]:
        """The actions a review's decisions start or stop, each with ``start`` or ``stop``: what comes next."""
        found: list[tuple[Action, str]] = []
        for decision in self.decisions_of(review):
            for word, ids in (("start", decision.decision.start), ("stop", decision.decision.stop)):
                found += [(action, word) for action in self.actions_named(ids) if (action, word) not in found]
        return found

    @cached_property
    def due(self) -> review_log.Due:
        """What is due on the build's day (``SOURCE_DATE_EPOCH`` when set)."""
        return review_log.due(self.strategy, self.today)

"""What the pages of one client show: the strategy seen by the build's audience, analysed.

Pure data for the templates — verdicts per KPI, the objective tree by axis, what serves each
objective, checklist progress, event rates — so templates only lay things out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from strategy_bible.analysis import periods, rates
from strategy_bible.analysis.rates import EventTotals, event_totals, fill_rate, show_up_rate
from strategy_bible.analysis.smart import Mark, smart_marks
from strategy_bible.analysis.verdict import VERDICTS_BEST_FIRST, KpiStatus, Rollup, Thresholds, Verdict, assess, rollup
from strategy_bible.render.site_plan import CLIENT_PAGES
from strategy_bible.strategy.dates import as_datetime
from strategy_bible.strategy.model import AXES, Action, Event, Kpi, Objective, Strategy, Task
from strategy_bible.strategy.problems import Problem
from strategy_bible.strategy.visibility import Readership, Visible


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
        return {kpi.id: assess(kpi, self.thresholds) for kpi in self.strategy.kpis}

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
        """The pages of this client: posts only when there are posts to show."""
        return tuple(kind for kind in CLIENT_PAGES if kind != "posts" or self.strategy.posts)

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

"""Advice on a valid strategy: what the method expects but the contract does not enforce.

These are warnings: shown on the pages of an internal build and failing ``mkdocs build --strict``,
never shown to a client. Each yields ``(path, message)`` like :mod:`strategy_bible.strategy.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator

from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.placeholders import placeholders_left
from strategy_bible.strategy.problems import Worded
from strategy_bible.strategy.rules import Finding


def advise(strategy: Strategy) -> Iterator[Finding]:
    yield from _objectives_without_kpi(strategy)
    yield from _events_without_objective(strategy)
    yield from _actions_off_their_channels_role(strategy)
    yield from _moderation_deadlines_unmeasured(strategy)
    yield from _placeholders(strategy)


def _objectives_without_kpi(strategy: Strategy) -> Iterator[Finding]:
    """To each objective its KPI: an objective is judged by its own KPIs or by its sub-objectives'."""
    children: dict[str, list[str]] = {}
    for objective in strategy.objectives:
        if objective.parent:
            children.setdefault(objective.parent, []).append(objective.id)
    measured = {kpi.objective for kpi in strategy.kpis}

    def has_kpi(objective_id: str, seen: frozenset[str] = frozenset()) -> bool:
        return objective_id in measured or any(
            has_kpi(child, seen | {objective_id}) for child in children.get(objective_id, []) if child not in seen
        )

    for index, objective in enumerate(strategy.objectives):
        if not has_kpi(objective.id):
            yield (
                ("objectives", index, "id"),
                Worded(
                    f"the objective '{objective.id}' has no KPI, so it cannot be judged (to each objective its KPI): "
                    f"add a KPI with objective: {objective.id}",
                    "advice.objective_without_kpi",
                    id=objective.id,
                ),
            )


def _events_without_objective(strategy: Strategy) -> Iterator[Finding]:
    """Everything flows from the objectives: an event that serves none cannot be judged either."""
    for index, event in enumerate(strategy.events):
        if not event.objectives:
            yield (
                ("events", index, "id"),
                Worded(
                    f"the event '{event.id}' serves no objective: list the objectives it serves under objectives:",
                    "advice.event_without_objective",
                    id=event.id,
                ),
            )


def _actions_off_their_channels_role(strategy: Strategy) -> Iterator[Finding]:
    """A channel's axes say what it is for: a client-visible action there that serves none of them
    is on the wrong channel, or the channel's role is incomplete. A channel without axes never warns."""
    channels = {channel.id: channel for channel in strategy.channels}
    axis_of = {objective.id: objective.axis for objective in strategy.objectives}
    shown = {objective.id for objective in strategy.objectives if objective.visibility == "client"}
    for index, action in enumerate(strategy.actions):
        channel = channels.get(action.channel or "")
        client_visible = action.visibility == "client" and any(o in shown for o in action.objectives)
        if not client_visible or channel is None or not channel.axes:
            continue
        axes = {axis_of[o] for o in action.objectives if o in axis_of}
        if axes and not axes & set(channel.axes):
            yield (
                ("actions", index, "channel"),
                Worded(
                    f"{channel.id} is not meant for {' or '.join(sorted(axes))} (its axes: {', '.join(channel.axes)}): "
                    f"move the action '{action.id}' to another channel, or add the axis to the channel",
                    "advice.action_off_channel",
                    channel=channel.id,
                    axes=", ".join(sorted(axes)),
                    channel_axes=", ".join(channel.axes),
                    action=action.id,
                ),
            )


def _moderation_deadlines_unmeasured(strategy: Strategy) -> Iterator[Finding]:
    """A deadline nobody measures is a wish: moderation deadlines want a KPI of the response time."""
    community = strategy.community
    if community is None:
        return
    timed = [index for index, case in enumerate(community.moderation) if case.within_hours is not None]
    measured = any(kpi.unit == "duration" and kpi.direction == "down" for kpi in strategy.kpis)
    if timed and not measured:
        yield (
            ("community", "moderation", timed[0], "within_hours"),
            Worded(
                "no KPI measures the response time: add a KPI with unit: duration and direction: down",
                "advice.response_time_unmeasured",
            ),
        )


def _placeholders(strategy: Strategy) -> Iterator[Finding]:
    """A starter's placeholder text left in the file would be published as the client's own words."""
    for path, text in placeholders_left(strategy):
        shown = text if len(text) <= 40 else text[:37] + "…"
        yield (
            path,
            Worded(
                f"'{shown}' is the starter's placeholder text: write the client's own, or remove the key",
                "advice.placeholder_left",
                text=shown,
            ),
        )

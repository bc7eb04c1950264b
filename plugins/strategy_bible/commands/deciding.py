"""``strategy-bible decide``: record a review decision on a KPI, spliced into the file like
``record`` does (see :mod:`strategy_bible.commands.editing`): every other byte kept.

The decision goes into the review of that date (or the one named), which is made when there is
none: at the end of ``reviews:``, itself added at the end of the file when the file has none. The
rule's decision at the review date is computed beside it, so that a decision that differs from
the rule's needs a reason (the review warning of the contract).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import get_args

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategy_bible.analysis.computed_kpis import build_day, with_computed_kpi
from strategy_bible.analysis.reviews import as_of, taken_word
from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.editing import Edit, _check_result, _open, _readable
from strategy_bible.commands.yaml_splice import Document, EditRefused, Splice
from strategy_bible.strategy.model import DecisionTaken, Strategy
from strategy_bible.strategy.problems import did_you_mean

DECISIONS: tuple[str, ...] = get_args(DecisionTaken)
FRENCH_DECISIONS = {"continuer": "continue", "optimiser": "optimise", "changer": "change", "arreter": "stop"}
"""The words the French pages show for each decision, accents aside."""


def decision_word(typed: str) -> str:
    """The contract's word for a decision typed in English or French, case and accents aside
    (``Arrêter`` → ``stop``); else what was typed, for the refusal to quote."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", typed.strip()) if not unicodedata.combining(c))
    plain = plain.casefold()
    return plain if plain in DECISIONS else FRENCH_DECISIONS.get(plain, typed)


@dataclass(frozen=True)
class Decided:
    edit: Edit
    rule: str | None
    """The rule's decision at the review date, in a review's words (None: not measured or too early)."""


def decide(
    text: str,
    kpi_id: str,
    decision: str,
    *,
    day: dt.date,
    review_id: str | None = None,
    reason: str | None = None,
    confidence: int | None = None,
    force: bool = False,
    thresholds: Thresholds = Thresholds(),
    shown: str = "strategy.yml",
    replace: bool = False,
    attendees: list[str] | None = None,
    summary: str | None = None,
) -> Decided:
    """Add ``decision`` on ``kpi_id`` to the review ``review_id`` (else the review dated ``day``),
    made when missing (``review-<day>`` unless ``review_id`` names it). With ``replace``, the
    decision already recorded on that KPI there is amended (its reason kept unless one is given).
    ``attendees`` and ``summary`` set the review's."""
    for value, what in ((kpi_id, "the KPI id"), (reason, "the reason"), (review_id, "the review id")):
        _readable(value, what)
    _readable(summary, "the summary")
    for attendee in attendees or []:
        _readable(attendee, "the attendees")
    if attendees is not None and not any(a.strip() for a in attendees):
        raise EditRefused("the attendees are empty; give their names, separated by commas")
    if summary is not None and not summary.strip():
        raise EditRefused("the summary is empty; write what was said, or leave --summary out")
    decision = decision_word(decision)
    if decision not in DECISIONS:
        raise EditRefused(
            f"'{decision}' is not a decision; use {', '.join(DECISIONS)} (or continuer, optimiser, changer, "
            f"arrêter){did_you_mean(decision, [*DECISIONS, *FRENCH_DECISIONS])}"
        )
    if confidence is not None and not 1 <= confidence <= 10:
        raise EditRefused(f"confidence {confidence} is not allowed; use a whole number from 1 to 10")
    if reason is not None and not reason.strip():
        raise EditRefused("the reason is empty; write why, or leave --reason out")
    doc = _open(text, shown)
    strategy = doc.strategy
    kpis = {k.id: k for k in strategy.kpis}
    if kpi_id not in kpis:
        raise EditRefused(
            f"{shown} has no KPI '{kpi_id}'{did_you_mean(kpi_id, kpis)}; KPIs: {', '.join(kpis) or 'none yet'}"
        )
    index, review_day = _which_review(strategy, review_id, day, shown)
    label = f"reviews[{review_id or (strategy.reviews[index].id if index is not None else f'review-{day}')}]"
    earlier = (
        [n for n, d in enumerate(strategy.reviews[index].decisions) if d.kpi == kpi_id] if index is not None else []
    )
    if earlier and not replace:
        previous = strategy.reviews[index].decisions[earlier[0]].decision if index is not None else ""
        raise EditRefused(
            f"{label} already has a decision on {kpi_id} ({previous}); one decision per KPI per review: "
            "add --replace to amend it"
        )
    if replace and not earlier:
        raise EditRefused(f"{label} has no decision on {kpi_id} to replace; leave --replace out to add one")

    today = build_day()  # a measurement after today is judged from its day only, as on the pages
    status = as_of(with_computed_kpi(kpis[kpi_id], strategy, today), min(review_day, today), thresholds)
    rule = taken_word(status.decision) if status.decision else None
    if rule is not None and rule != decision and reason is None and not force:
        raise EditRefused(
            f"the rule's decision for {kpi_id} on {review_day} is '{rule}', not '{decision}': "
            "say why with --reason (or add --force to record it without one)"
        )

    fields = [("kpi", kpi_id), ("decision", decision)]
    if reason is not None:
        fields.append(("reason", yaml_scalars.scalar(reason)))
    if confidence is not None:
        fields.append(("confidence", str(confidence)))
    about = []  # the review's own keys
    if attendees is not None:
        about.append(
            ("attendees", "[" + ", ".join(yaml_scalars.scalar(a.strip()) for a in attendees if a.strip()) + "]")
        )
    if summary is not None:
        about.append(("summary", yaml_scalars.scalar(summary)))
    splices: list[Splice | list[Splice]]
    if index is None:
        new_id = review_id or f"review-{review_day.isoformat()}"
        splices = [_add_review(doc, new_id, review_day, fields, about)]
        label = f"reviews[{new_id}]"
    else:
        review_node = doc.mapping(doc.items_of(doc.value_of(doc.root, "reviews"))[index])
        splices = [_review_keys(doc, review_node, about)] if about else []
        if earlier:
            entry = doc.mapping(doc.items_of(doc.value_of(review_node, "decisions"))[earlier[0]])
            splices.append(doc.set_values(entry, fields[1:]))
        else:
            splices.append(_add_decision(doc, index, fields))
    result = doc.apply(splices)
    reviews_before = len(strategy.reviews)

    def landed(after: Strategy) -> bool:
        position = reviews_before if index is None else index
        if len(after.reviews) != reviews_before + (index is None) or position >= len(after.reviews):
            return False
        review = after.reviews[position]
        found = [d for d in review.decisions if d.kpi == kpi_id]
        kept = confidence is None and replace
        return (
            len(found) == 1
            and found[0].decision == decision
            and (kept or found[0].confidence == confidence)
            and (summary is None or review.summary is not None)
            and (attendees is None or review.attendees == [a.strip() for a in attendees if a.strip()])
        )

    _check_result(result, shown, landed)
    rule_text = f"'{rule}'" if rule else f"none, {status.verdict.value}"
    was = f", was {strategy.reviews[index].decisions[earlier[0]].decision}" if earlier and index is not None else ""
    line = f"{shown}: {label} {kpi_id}: {decision}{was} (the rule's decision on {review_day}: {rule_text})"
    return Decided(Edit(result, line, result != text), rule)


def _which_review(strategy: Strategy, review_id: str | None, day: dt.date, shown: str) -> tuple[int | None, dt.date]:
    """The index of the review to add to (None: a new one) and its date."""
    for n, review in enumerate(strategy.reviews):
        if review_id is not None and review.id == review_id:
            return n, review.date
        if review_id is None and review.date == day:
            return n, review.date
    if review_id is not None:
        clash = [r.id for r in strategy.reviews if r.date == day]
        if clash:
            raise EditRefused(
                f"{shown} has no review '{review_id}'{did_you_mean(review_id, [r.id for r in strategy.reviews])}, "
                f"and the review of {day} is '{clash[0]}' (one review per date)"
            )
    return None, day


def _add_decision(doc: Document, index: int, fields: list[tuple[str, str]]) -> Splice:
    reviews = doc.items_of(doc.value_of(doc.root, "reviews"))
    review = doc.mapping(reviews[index])
    found = doc.pair(review, "decisions")
    if found is None:
        if review.flow_style:
            return doc.add_pair(review, "decisions", f"[{_flow(fields)}]")
        offset, gap = _layout_of(doc, reviews)
        return doc.add_pair(review, "decisions", "", [" " * offset + line for line in _block(fields, gap)])
    if isinstance(found[1], ScalarNode):  # `decisions:` with nothing under it
        key, value = found
        offset, gap = _layout_of(doc, reviews)
        lines = [" " * (key.start_mark.column + offset) + line for line in _block(fields, gap)]
        return doc.insert_lines(doc.next_line(doc.pair_end(key, value)), lines)
    decisions = doc.sequence(found[1])
    items = doc.items_of(decisions)
    if decisions.flow_style or not items:
        if not items:
            return decisions.start_mark.index, decisions.end_mark.index, f"[{_flow(fields)}]"
        at = doc.content_end(items[-1])
        return at, at, f", {_flow(fields)}"
    last = items[-1]
    column, gap = doc.dash(last)
    if isinstance(last, MappingNode) and last.flow_style:
        return doc.insert_lines(doc.next_line(doc.content_end(last)), [" " * column + "-" + " " * gap + _flow(fields)])
    lines = [" " * column + line for line in _block(fields, gap)]
    return doc.insert_lines(doc.next_line(doc.content_end(last)), lines)


def _review_keys(doc: Document, review: MappingNode, about: list[tuple[str, str]]) -> list[Splice]:
    """A review's attendees and summary, set where they stand or added; a list written as one
    item per line cannot be replaced in place."""
    splices: list[Splice] = []
    for key, value in about:
        found = doc.pair(review, key)
        if found is not None and isinstance(found[1], SequenceNode):
            if not found[1].flow_style:
                raise EditRefused(
                    f"{doc.shown}: the review's {key} at line {found[1].start_mark.line + 1} is written one per line; "
                    "edit them by hand"
                )
            splices.append((found[1].start_mark.index, found[1].end_mark.index, value))
        else:
            splices.extend(doc.set_values(review, [(key, value)]))
    return splices


def _add_review(
    doc: Document,
    review_id: str,
    day: dt.date,
    fields: list[tuple[str, str]],
    about: list[tuple[str, str]] | None = None,
) -> Splice:
    found = doc.pair(doc.root, "reviews")
    if found is not None and not (isinstance(found[1], ScalarNode) and found[1].value == ""):
        reviews = doc.sequence(found[1])
        items = doc.items_of(reviews)
        if reviews.flow_style:
            raise EditRefused(f"{doc.shown} writes reviews: on one line; edit the file by hand")
        if items:
            column, gap = doc.dash(items[-1])
            offset, inner_gap = _layout_of(doc, items)
            lines = [
                " " * column + line for line in _review_lines(review_id, day, fields, gap, offset, inner_gap, about)
            ]
            return doc.insert_lines(doc.next_line(doc.content_end(items[-1])), lines)
    offset, gap = _layout_of(doc, [])
    column = doc.root.value[0][0].start_mark.column
    body = [" " * (column + offset) + line for line in _review_lines(review_id, day, fields, gap, offset, gap, about)]
    if found is not None:  # `reviews:` with nothing under it
        key, value = found
        return doc.insert_lines(doc.next_line(doc.pair_end(key, value)), body)
    last_key, last_value = doc.root.value[-1]
    return doc.insert_lines(doc.next_line(doc.pair_end(last_key, last_value)), [" " * column + "reviews:", *body])


def _layout_of(doc: Document, reviews: list[Node]) -> tuple[int, int]:
    """How the file indents a list under a key: as its review decisions, else as its other lists."""
    for review in reviews:
        if isinstance(review, MappingNode) and (found := doc.pair(review, "decisions")):
            key, value = found
            if isinstance(value, SequenceNode) and not value.flow_style and value.value:
                column, gap = doc.dash(value.value[0])
                return column - key.start_mark.column, gap
    layout = doc._layout()
    return layout.offset, layout.gap


def _review_lines(
    review_id: str,
    day: dt.date,
    fields: list[tuple[str, str]],
    gap: int,
    offset: int,
    inner_gap: int,
    about: list[tuple[str, str]] | None = None,
) -> list[str]:
    indent = " " * (1 + gap)
    decision = [" " * offset + line for line in _block(fields, inner_gap)]
    return [
        "-" + " " * gap + f"id: {review_id}",
        indent + f"date: {day.isoformat()}",
        *(indent + f"{key}: {value}" for key, value in about or []),
        indent + "decisions:",
        *(indent + line for line in decision),
    ]


def _block(fields: list[tuple[str, str]], gap: int) -> list[str]:
    dash = "-" + " " * gap
    lines = [f"{key}: {value}" for key, value in fields]
    return [dash + lines[0], *(" " * len(dash) + line for line in lines[1:])]


def _flow(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields) + "}"

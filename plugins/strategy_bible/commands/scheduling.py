"""``strategy-bible calendar``: set a calendar item's status (idea, draft, approved, published,
dropped), spliced into the file like ``record`` does (see :mod:`strategy_bible.commands.editing`):
every other byte kept, the file validated before and after, nothing written on a refusal."""

from __future__ import annotations

from typing import get_args

from strategy_bible.commands.editing import Edit, _check_result, _open, _readable
from strategy_bible.commands.yaml_splice import EditRefused
from strategy_bible.strategy.model import CalendarStatus, Strategy
from strategy_bible.strategy.problems import did_you_mean

STATUSES: tuple[str, ...] = get_args(CalendarStatus)


def set_status(text: str, item_id: str, status: str, *, shown: str = "strategy.yml") -> Edit:
    """``calendar[item_id].status`` = ``status`` (the key added when missing: idea by default)."""
    _readable(item_id, "the calendar item id")
    _readable(status, "the status")
    if status not in STATUSES:
        raise EditRefused(f"'{status}' is not a status; use {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}")
    doc = _open(text, shown)
    ids = [item.id for item in doc.strategy.calendar]
    if item_id not in ids:
        raise EditRefused(
            f"{shown} has no calendar item '{item_id}'{did_you_mean(item_id, ids)}; "
            f"calendar items: {', '.join(ids) or 'none yet'}"
        )
    index = ids.index(item_id)
    before = doc.strategy.calendar[index].status
    if before == status and doc.pair(doc.mapping(doc.items_of(doc.value_of(doc.root, "calendar"))[index]), "status"):
        return Edit(text, f"{shown}: calendar[{item_id}] is {status} already; nothing to change", changed=False)
    node = doc.mapping(doc.items_of(doc.value_of(doc.root, "calendar"))[index])
    result = doc.apply([doc.set_value(node, "status", status)])

    def landed(strategy: Strategy) -> bool:
        return strategy.calendar[index].status == status

    _check_result(result, shown, landed)
    return Edit(result, f"{shown}: calendar[{item_id}].status = {status} (was {before})", result != text)

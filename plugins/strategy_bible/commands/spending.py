"""``strategy-bible spend``: set (or add to) a means item's ``spent`` amount, spliced into the file
like ``record`` does (see :mod:`strategy_bible.commands.editing`): every other byte kept, the file
validated before and after, nothing written on a refusal.

A missing ``spent:`` key is added at the end of the item, as its other keys are written (a flow
item gets ``, spent: …``). The sum of ``--add`` is made in decimal, so 0.1 + 0.2 is written 0.3.
"""

from __future__ import annotations

from decimal import Decimal

from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.editing import Edit, _check_result, _open, _readable
from strategy_bible.commands.yaml_splice import EditRefused
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problems import did_you_mean


def spend(text: str, item_id: str, amount: int | float, *, add: bool = False, shown: str = "strategy.yml") -> Edit:
    """``means.items[item_id].spent`` = ``amount`` (with ``add``: its spent amount plus ``amount``)."""
    _readable(item_id, "the means item id")
    if amount < 0:
        raise EditRefused(
            f"the amount must be 0 or more, not {yaml_scalars.number(amount)}; to lower what was spent, "
            "give the new total without --add"
        )
    doc = _open(text, shown)
    items = doc.strategy.means.items if doc.strategy.means else []
    if not items:
        raise EditRefused(f"{shown} has no means items; write a means section (currency and items) first")
    ids = [item.id for item in items]
    if item_id not in ids:
        raise EditRefused(
            f"{shown} has no means item '{item_id}'{did_you_mean(item_id, ids)}; means items: {', '.join(ids)}"
        )
    index = ids.index(item_id)
    item = items[index]
    new = _sum(item.spent, amount) if add else amount
    figure = yaml_scalars.number(new)
    node = doc.mapping(doc.items_of(doc.value_of(doc.mapping(doc.value_of(doc.root, "means")), "items"))[index])
    result = doc.apply([doc.set_value(node, "spent", figure)])

    def landed(strategy: Strategy) -> bool:
        return strategy.means is not None and strategy.means.items[index].spent == new

    _check_result(result, shown, landed)
    over = f"; over budget by {yaml_scalars.number(_sum(new, -item.planned))}" if new > item.planned else ""
    summary = (
        f"{shown}: means[{item_id}].spent = {figure} (was {yaml_scalars.number(item.spent)}), "
        f"planned {yaml_scalars.number(item.planned)}{over}"
    )
    return Edit(result, summary, result != text)


def _sum(a: int | float, b: int | float) -> int | float:
    """``a + b`` as a person adds amounts: 0.1 + 0.2 = 0.3, and a whole sum stays a whole number."""
    total = Decimal(str(a)) + Decimal(str(b))
    return int(total) if total == total.to_integral_value() else float(total)

"""``strategy-bible attend``: set an event's registrations and attendees, spliced into the file like
``record`` does (see :mod:`strategy_bible.commands.editing`): every other byte kept, the file
validated before and after (a count above the capacity, attendees without registrations: the
contract's own rules), nothing written on a refusal."""

from __future__ import annotations

from strategy_bible.commands.editing import Edit, _check_result, _open, _readable
from strategy_bible.commands.yaml_splice import EditRefused
from strategy_bible.strategy.model import Strategy


def attend(
    text: str,
    event_id: str,
    *,
    registrations: int | None = None,
    attendees: int | None = None,
    shown: str = "strategy.yml",
) -> Edit:
    """``events[event_id]``'s ``registrations`` and/or ``attendees`` set (added when missing)."""
    _readable(event_id, "the event id")
    if registrations is None and attendees is None:
        raise EditRefused("nothing to set: give --registrations N, --attendees N or both")
    counts = {"registrations": registrations, "attendees": attendees}
    for key, count in counts.items():
        if count is not None and count < 0:
            raise EditRefused(f"--{key} must be a whole number of 0 or more, not {count}")
    doc = _open(text, shown)
    index, node = doc.item("events", event_id)
    event = doc.strategy.events[index]
    wanted = [(key, str(count)) for key, count in counts.items() if count is not None]
    result = doc.apply([doc.set_values(node, wanted)])

    def landed(strategy: Strategy) -> bool:
        after = strategy.events[index]
        return all(getattr(after, key) == count for key, count in counts.items() if count is not None)

    _check_result(result, shown, landed)
    changes = ", ".join(
        f"{key} = {count} (was {getattr(event, key) if getattr(event, key) is not None else 'none'})"
        for key, count in counts.items()
        if count is not None
    )
    return Edit(result, f"{shown}: events[{event_id}] {changes}", result != text)

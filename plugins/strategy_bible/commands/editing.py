"""Write into a strategy file without disturbing anything else in it.

The writing commands (``strategy-bible record`` and ``check``) change one value of a file that a
person wrote and will read again: their comments, blank lines, key order, quotes and layout must
come out **byte for byte** as they were.

Why splicing rather than a ruamel.yaml round trip: a round-trip ``load`` + ``dump`` keeps comments
and key order, but re-emits every line it holds: it normalises indentation (``- `` under a key
moves), respaces flow mappings (``{ date: … }``), rewraps long lines, may change quotes and drops
trailing spaces — a one-figure edit becomes a diff of the whole file. So YAML is used only to
**locate** (:mod:`strategy_bible.commands.yaml_splice`): the text is composed into nodes (as :mod:`strategy_bible.strategy.loader` does) whose start
and end marks give the exact span of each key and value, and the change is **spliced** into the
original string, formatted like its siblings (same indentation, flow ``{date: …, value: …}`` or
block items, same key order). Untouched characters are copied, so they cannot change; a new line
ends as its neighbours do (``\\n``, ``\\r\\n`` or a carriage return alone, even in a file that mixes
them), and the final newline (or lack of it) is kept.

Every change is checked twice before anything is written: the original must be a valid strategy
(a broken file is not edited: fix it first), and the result goes through the project's own loader
and validation — if it would be invalid, nothing is written and the problems are reported as
``strategy-bible validate`` prints them. Refusals raise :class:`EditRefused`.

The functions :func:`record` and :func:`tick` are pure (text → text); :func:`rewrite` and
:func:`create_file` are the only ones that touch the disk: under the file's lock from the read to the
write (:mod:`strategy_bible.commands.file_lock`: one writer at a time), with an atomic write (temporary file
+ rename).
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode

from strategy_bible.analysis.computed_kpis import build_day
from strategy_bible.analysis.reviews import as_of, taken_word
from strategy_bible.commands import yaml_scalars
from strategy_bible.commands.atomic import write_atomically
from strategy_bible.commands.file_lock import FileBusy, locked
from strategy_bible.commands.yaml_splice import Document, EditRefused, Splice
from strategy_bible.imports import values
from strategy_bible.strategy import dates, numbers
from strategy_bible.strategy.bidi import without_bidi_controls
from strategy_bible.strategy.composer import ruamel_compose
from strategy_bible.strategy.loader import FileRefused, check_file, load_yaml_bytes, read_bounded
from strategy_bible.strategy.model import Strategy, Task
from strategy_bible.strategy.problems import InvalidStrategy, Problem
from strategy_bible.strategy.validation import Validated, check_slug, validate


@dataclass(frozen=True)
class Edit:
    """The text after a change (the same text when there was nothing to change) and its one-line summary."""

    text: str
    summary: str
    changed: bool = True


# --- the commands' input ---------------------------------------------------------------------------


_FRENCH_FIGURE = re.compile(r"[+-]?(\d{1,3}([ \u00a0\u202f\u2009]\d{3})+|\d+)(,\d+)?")
"""A figure written the French way: a decimal comma (``3,5``) and thousands separated by a space,
a non-breaking or a thin space (``1 234,5``), as spreadsheets and the pages write them."""
_AMBIGUOUS_COMMA = re.compile(r"[+-]?\d{1,3},\d{3}")


def parse_number(text: str) -> int | float:
    """A figure typed on the command line: ``1400``, ``-3``, ``12.5``, or written the French way as
    ``import`` reads it (``3,5``, ``1 234,5``), within the model's bounds. ``1,234`` is refused: it
    is 1234 in English and 1.234 in French."""
    candidate = text.strip()
    if _AMBIGUOUS_COMMA.fullmatch(candidate):
        whole, fraction = candidate.split(",")
        raise EditRefused(
            f"'{text}' could be {whole}{fraction} or {whole}.{fraction}; write it without the comma, "
            f"{whole}{fraction}, or with a dot for decimals, {whole}.{fraction}"
        )
    if _FRENCH_FIGURE.fullmatch(candidate) and not candidate.lstrip("+-").isdigit():
        if refused := numbers.too_many_digits(candidate):
            raise EditRefused(f"'{candidate[:9]}…': {refused}; write {numbers.NUMBERS_ALLOWED}")
        value = values.parse_number(candidate, decimal_comma=True)  # the import's reading of it
        if not numbers.number_in_bounds(value):
            raise EditRefused(f"'{text}' is too large; write {numbers.NUMBERS_ALLOWED}")
        return value
    try:
        return numbers.parse_number(text)
    except numbers.NotANumber as wrong:
        if " is not a number" not in str(wrong):  # too large: the model's bounds
            raise EditRefused(str(wrong)) from None
        raise EditRefused(
            f"'{text}' is not a number; write digits: for example 1400, -3, 12.5, or the French way 12,5 "
            "and 1 234,5 (no units or %)"
        ) from None


def parse_date(text: str) -> dt.date:
    """A day typed on the command line, as YYYY-MM-DD (read as the model reads a date written as text)."""
    try:
        return dates.parse_day(text)
    except dates.NotADay as wrong:
        raise EditRefused(str(wrong)) from None


# --- the commands ----------------------------------------------------------------------------------


def record(
    text: str,
    kpi_id: str,
    day: dt.date,
    value: int | float,
    note: str | None = None,
    *,
    replace: bool = False,
    shown: str = "strategy.yml",
    today: dt.date | None = None,
) -> Edit:
    """Add the measurement ``value`` on ``day`` to the KPI ``kpi_id``; with ``replace``, a measurement
    already recorded that day gets the new value (and the new note, when one is given; else it keeps
    its note). A new measurement goes among the others in date order when they are in date order
    (either way), else at the end; it is written like the KPI's other measurements (or, for a
    KPI's first one, like the file's other measurements). A day after ``today`` (the build's day)
    is refused: a figure is recorded once measured, and a year typed wrong would decide the verdict.
    The summary ends with the KPI's progress and verdict once the figure is in."""
    today = today or build_day()
    if day > today:
        raise EditRefused(
            f"{day} is after today ({today}): a measurement is recorded once it is made; check the date "
            "(its year?) or give it with --date"
        )
    if note is not None and not note.strip():
        raise EditRefused("the note is empty; write some text or leave --note out")
    _readable(kpi_id, "the KPI id")
    _readable(note, "the note")
    doc = _open(text, shown)
    index, kpi_node = doc.item("kpis", kpi_id)
    kpi = doc.strategy.kpis[index]
    label = f"kpis[{kpi_id}]"
    if kpi.from_posts is not None:
        raise EditRefused(
            f"{label} is computed from the posts (from_posts: {kpi.from_posts.metric}): its measurements are made "
            "at each build, not recorded; add or update the posts instead"
        )
    figure = yaml_scalars.number(value)
    note_text = yaml_scalars.scalar(note) if note is not None else None
    suffix = f" (note: {note})" if note is not None else ""

    same_day = [n for n, m in enumerate(kpi.measurements) if m.date == day]
    if same_day:
        n = same_day[0]
        old = kpi.measurements[n]
        if not replace:
            raise EditRefused(
                f"{label} already has a measurement on {day}: {yaml_scalars.number(old.value)}; "
                "add --replace to replace it"
            )
        measurement = doc.mapping(doc.items_of(doc.value_of(kpi_node, "measurements"))[n])
        splices: list[Splice | list[Splice]] = [doc.set_value(measurement, "value", figure)]
        if note_text is not None:
            splices.append(doc.set_value(measurement, "note", note_text))
        summary = f"{shown}: {label} {day} = {figure} (was {yaml_scalars.number(old.value)}){suffix}"
    else:
        splices = [doc.add_measurement(kpi_node, [m.date for m in kpi.measurements], day, figure, note_text)]
        summary = f"{shown}: {label} +{day} = {figure}{suffix}"

    result = doc.apply(splices)

    def landed(strategy: Strategy) -> bool:
        read_note = without_bidi_controls(note) if note is not None else None  # as the model reads text
        return [
            (m.value, m.note if note is not None else None) for m in strategy.kpis[index].measurements if m.date == day
        ] == [(value, read_note)]

    _check_result(result, shown, landed)
    return Edit(result, summary, result != text)


def standing_line(text: str, kpi_id: str, today: dt.date, shown: str = "strategy.yml") -> str:
    """Where the KPI ``kpi_id`` of the strategy ``text`` stands with what is known on ``today``: its
    latest figure, its progress and the rule's verdict (what ``record`` prints after the change)."""
    strategy = validated_text(text, shown, f"{shown} is not a valid strategy:").strategy
    kpi = next(k for k in strategy.kpis if k.id == kpi_id)
    status = as_of(kpi, today)
    if status.latest is None or status.progress is None:
        return f"kpis[{kpi.id}]: {status.verdict.value.replace('-', ' ')}"
    unit = f" {kpi.currency}" if kpi.currency else ""
    progress = (
        f"kpis[{kpi.id}]: {yaml_scalars.number(status.latest.value)}{unit} on {status.latest.date}, "
        f"{status.progress:.0%} of the way from {yaml_scalars.number(kpi.baseline.value)} to "
        f"{yaml_scalars.number(kpi.target.value)}"
    )
    if status.decision is None:
        return f"{progress}: {status.verdict.value.replace('-', ' ')}"
    return (
        f"{progress} (the pace expects {status.expected:.0%}): {status.verdict.value.replace('-', ' ')}, "
        f"so {taken_word(status.decision)}"
    )


def tick(text: str, item_id: str, task: str, *, undo: bool = False, shown: str = "strategy.yml") -> Edit:
    """Tick (or, with ``undo``, untick) one checklist task of an action or an event.

    ``task`` is the task's text (exact, or matching one task only, case aside — whole or part), or
    its number counted from 1. A task written as a plain text becomes ``task: …`` + ``done: true``
    (``{task: …, done: true}`` in a flow list, or when the list's other ticked tasks are written
    so); a ``{task, done}`` mapping gets its ``done`` set. A task already in the wanted state is no
    change: :attr:`Edit.changed` is false and the text is returned as it was."""
    _readable(item_id, "the id")
    _readable(task, "the task")
    doc = _open(text, shown)
    section, index, node = doc.find(("actions", "events"), item_id)
    item = getattr(doc.strategy, section)[index]
    label = f"{section}[{item_id}]"
    tasks: list[Task] = list(item.checklist)
    if not tasks:
        raise EditRefused(f"{label} has no checklist; write its tasks under checklist: first")
    number = _match_task(tasks, task, label)
    wanted = not undo
    chosen = tasks[number]
    if chosen.done == wanted:
        state = "already ticked" if wanted else "not ticked"
        return Edit(
            text, f'{shown}: {label} task {number + 1} "{chosen.task}" is {state}; nothing to change', changed=False
        )

    checklist = doc.sequence(doc.value_of(node, "checklist"))
    entries = doc.items_of(checklist)
    entry = entries[number]
    splices: list[Splice | list[Splice]]
    if isinstance(entry, ScalarNode):  # a plain task, so not done: tick it
        splices = [doc.tick_plain_task(checklist, entry)]
    else:
        splices = [doc.set_value(doc.mapping(entry), "done", "true" if wanted else "false")]
    result = doc.apply(splices)

    def landed(strategy: Strategy) -> bool:
        after = getattr(strategy, section)[index].checklist
        return len(after) == len(tasks) and after[number].task == chosen.task and after[number].done == wanted

    _check_result(result, shown, landed)
    verb = "ticked" if wanted else "unticked"
    return Edit(result, f'{shown}: {label} {verb} task {number + 1} "{chosen.task}"')


def rewrite(path: Path, shown: str, edit: Callable[[str], Edit]) -> Edit:
    """Read ``path``, apply ``edit`` to its text and write the result atomically (temporary file +
    rename), keeping a UTF-8 byte order mark if the file had one. Nothing is written when the edit
    is refused or changes nothing, or when the file changed on disk in the meantime (an editor's
    save: other writing commands wait for the file's lock, held from the read to the write). A
    symbolic link is written through: the file it points to changes, the link stays."""
    with _reading(shown):
        check_file(path)  # before a lock file is made beside it (a missing file, /dev/zero)
    with _writing(shown), locked(path) as target:
        with _reading(shown):
            raw = read_bounded(target)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            _validated(raw, shown, _invalid_original(shown))  # the loader says where and how to fix it
            raise
        change = edit(text)
        if not change.changed:
            return change
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        with _reading(shown):
            again = read_bounded(target)
        if again != raw:
            raise EditRefused(f"{shown} changed while it was being edited; nothing was written: run the command again")
        write_atomically(target, bom + change.text.encode("utf-8"))
        return change


@contextmanager
def _writing(shown: str) -> Iterator[None]:
    """Taking the file's lock and writing it: a busy file or a folder that cannot be written (read
    only, full disk) as refusals."""
    try:
        yield
    except FileBusy as busy:
        raise EditRefused(f"{busy}; nothing was written: run the command again") from None
    except OSError as error:
        raise EditRefused(f"cannot write {shown}: {error.strerror}") from None


@contextmanager
def _reading(shown: str) -> Iterator[None]:
    """Reading a file to edit as the loader reads it (a regular file, within the size limit): its
    problems as refusals."""
    try:
        yield
    except FileNotFoundError:
        raise EditRefused(f"no such file: {shown}") from None
    except OSError as error:
        raise EditRefused(f"cannot read {shown}: {error.strerror}") from None
    except FileRefused as refused:
        raise EditRefused(_invalid_original(shown), [Problem(shown, 1, 1, "", str(refused))]) from None


def create_file(path: Path, shown: str, text: str) -> None:
    """Write a new strategy file, atomically, after validating ``text`` (slug included); never over
    an existing file."""
    validated_text(text, shown, f"{shown} would not be a valid strategy, so it was not written:")
    try:
        check_slug(path, shown)
    except InvalidStrategy as invalid:
        raise EditRefused(f"{shown} was not written:", invalid.problems) from None
    with _writing(shown):
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path) as target:
            if os.path.lexists(path):
                raise EditRefused(f"{shown} already exists, so nothing was written")
            write_atomically(target, text.encode("utf-8"))


def validated_text(text: str, shown: str, refusal: str) -> Validated:
    """``text`` loaded and validated as ``strategy-bible validate`` does; :class:`EditRefused` with
    ``refusal`` and every problem otherwise."""
    return _validated(text.encode("utf-8"), shown, refusal)


def _validated(raw: bytes, shown: str, refusal: str) -> Validated:
    try:
        return validate(load_yaml_bytes(raw, Path(shown), shown))
    except InvalidStrategy as invalid:
        raise EditRefused(refusal, invalid.problems) from None


def _invalid_original(shown: str) -> str:
    return f"{shown} is not a valid strategy, so it was not changed; fix these problems first:"


def _check_result(result: str, shown: str, landed: Callable[[Strategy], bool]) -> Strategy:
    strategy = validated_text(result, shown, f"the change would make {shown} invalid, so nothing was written:").strategy
    if not landed(strategy):  # a safety net: the splice must mean what the command meant
        raise EditRefused(
            f"the change could not be written into {shown} in its current layout; nothing was "
            "written: edit the file by hand"
        )
    return strategy


def _readable(text: str | None, what: str) -> None:
    """Text from the command line that cannot be written as UTF-8 (bytes of another encoding)."""
    try:
        (text or "").encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefused(f"{what} holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal") from None


def _match_task(tasks: list[Task], wanted: str, label: str) -> int:
    """Index of the task meant by ``wanted``: its exact text, its number, or the one task whose text
    equals (then contains) ``wanted`` case aside."""
    listing = "\n".join(f"  {n}. [{'x' if t.done else ' '}] {t.task}" for n, t in enumerate(tasks, 1))
    key = wanted.strip()
    if not key:
        raise EditRefused(f"which task? give its text or its number; the tasks of {label}:\n{listing}")
    exact = [n for n, t in enumerate(tasks) if t.task == wanted]
    if not exact and key.isascii() and key.isdigit():  # '²' is a digit int() refuses
        # Read only when short: int() refuses more than 4,300 digits, and no list is that long.
        if len(key) <= numbers.MAX_DIGITS and 1 <= int(key) <= len(tasks):
            return int(key) - 1
        shown = key if len(key) <= 12 else key[:9] + "…"
        raise EditRefused(f"{label} has no task {shown}; its tasks:\n{listing}")
    for matches in (
        exact,
        [n for n, t in enumerate(tasks) if t.task.casefold() == key.casefold()],
        [n for n, t in enumerate(tasks) if key.casefold() in t.task.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            which = ", ".join(str(n + 1) for n in matches)
            raise EditRefused(
                f"'{wanted}' matches several tasks of {label} ({which}); give the task's number "
                f"or its whole text:\n{listing}"
            )
    raise EditRefused(f"{label} has no task '{wanted}'; its tasks:\n{listing}")


def _open(text: str, shown: str) -> Document:
    """The original text, refused unless it is a valid strategy, ready to locate and splice into."""
    strategy = validated_text(text, shown, _invalid_original(shown)).strategy
    try:
        root = ruamel_compose(text)
    except YAMLError as error:  # the loader read it, so this does not happen; but never a traceback
        raise EditRefused(f"cannot read {shown}: {error}") from None
    if not isinstance(root, MappingNode):  # a valid strategy is a mapping, so neither does this
        raise EditRefused(f"cannot read {shown}: it is not a mapping of keys")
    return Document(text, shown, root, strategy)

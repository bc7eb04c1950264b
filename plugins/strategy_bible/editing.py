"""Write into a strategy file without disturbing anything else in it.

The writing commands (``strategy-bible record`` and ``check``) change one value of a file that a
person wrote and will read again: their comments, blank lines, key order, quotes and layout must
come out **byte for byte** as they were.

Why splicing rather than a ruamel.yaml round trip: a round-trip ``load`` + ``dump`` keeps comments
and key order, but re-emits every line it holds: it normalises indentation (``- `` under a key
moves), respaces flow mappings (``{ date: … }``), rewraps long lines, may change quotes and drops
trailing spaces — a one-figure edit becomes a diff of the whole file. So this module uses YAML only
to **locate**: the text is composed into nodes (as :mod:`strategy_bible.loader` does) whose start
and end marks give the exact span of each key and value, and the change is **spliced** into the
original string, formatted like its siblings (same indentation, flow ``{date: …, value: …}`` or
block items, same key order). Untouched characters are copied, so they cannot change; the file's
newline (``\\n`` or ``\\r\\n``) and its final newline (or lack of it) are kept.

Every change is checked twice before anything is written: the original must be a valid strategy
(a broken file is not edited: fix it first), and the result goes through the project's own loader
and validation — if it would be invalid, nothing is written and the problems are reported as
``strategy-bible validate`` prints them. Refusals raise :class:`EditRefused`.

The functions :func:`record` and :func:`tick` are pure (text → text); :func:`rewrite` and
:func:`create_file` are the only ones that touch the disk (an atomic write: temporary file + rename).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yaml_text
from .atomic import write_atomically
from .loader import load_yaml_bytes
from .model import Strategy, Task
from .problems import InvalidStrategy, Problem, did_you_mean
from .rules import KIND, SECTIONS
from .validation import Validated, check_slug, validate


class EditRefused(Exception):
    """A change that was not made, and why; ``problems`` are the validation messages, if any."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        self.message = message
        self.problems = list(problems)
        super().__init__("\n".join([message, *(str(p) for p in self.problems)]))


@dataclass(frozen=True)
class Change:
    """The text after a change (the same text when there was nothing to change) and its one-line summary."""

    text: str
    summary: str
    changed: bool = True


# --- the commands' input ---------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: str) -> int | float:
    """A measured figure typed on the command line: ``1400``, ``-3``, ``12.5``."""
    allowed = "write digits, with a dot for decimals: for example 1400, 12.5 or -3 (no spaces, units or %)"
    candidate = text.strip()
    if re.fullmatch(r"[+-]?\d+,\d+", candidate):
        raise EditRefused(f"'{text}' is not a number: use a dot for decimals ({candidate.replace(',', '.')})")
    if not _NUMBER.fullmatch(candidate):
        raise EditRefused(f"'{text}' is not a number; {allowed}")
    if re.fullmatch(r"[+-]?\d+", candidate):
        return int(candidate)
    value = float(candidate)
    if value != value or value in (float("inf"), float("-inf")):
        raise EditRefused(f"'{text}' is too large; {allowed}")
    return value


def parse_date(text: str) -> dt.date:
    """A day typed on the command line, as YYYY-MM-DD."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise EditRefused(f"'{text}' is not a day of the calendar; write the date as YYYY-MM-DD, "
                              "for example 2026-03-31") from None
    raise EditRefused(f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-31")


# --- the commands ----------------------------------------------------------------------------------

def record(text: str, kpi_id: str, day: dt.date, value: int | float, note: str | None = None, *,
           replace: bool = False, shown: str = "strategy.yml") -> Change:
    """Add the measurement ``value`` on ``day`` to the KPI ``kpi_id``; with ``replace``, a measurement
    already recorded that day gets the new value (and the new note, when one is given; else it keeps
    its note). A new measurement goes among the others in date order when they are in date order
    (either way), else at the end; it is written like the KPI's other measurements (or, for a
    KPI's first one, like the file's other measurements)."""
    if note is not None and not note.strip():
        raise EditRefused("the note is empty; write some text or leave --note out")
    _readable(kpi_id, "the KPI id")
    _readable(note, "the note")
    doc = _Document.open(text, shown)
    index, kpi_node = doc.item("kpis", kpi_id)
    kpi = doc.strategy.kpis[index]
    label = f"kpis[{kpi_id}]"
    figure = yaml_text.number(value)
    note_text = yaml_text.scalar(note) if note is not None else None
    suffix = f" (note: {note})" if note is not None else ""

    same_day = [n for n, m in enumerate(kpi.measurements) if m.date == day]
    if same_day:
        n = same_day[0]
        old = kpi.measurements[n]
        if not replace:
            raise EditRefused(f"{label} already has a measurement on {day}: {yaml_text.number(old.value)}; "
                              "add --replace to replace it")
        measurement = doc.items_of(doc.value_of(kpi_node, "measurements"))[n]
        splices = [doc.set_value(measurement, "value", figure)]
        if note_text is not None:
            splices.append(doc.set_value(measurement, "note", note_text))
        summary = f"{shown}: {label} {day} = {figure} (was {yaml_text.number(old.value)}){suffix}"
    else:
        splices = [doc.add_measurement(kpi_node, [m.date for m in kpi.measurements], day, figure, note_text)]
        summary = f"{shown}: {label} +{day} = {figure}{suffix}"

    result = doc.apply(splices)

    def landed(strategy: Strategy) -> bool:
        return [(m.value, m.note if note is not None else None) for m in strategy.kpis[index].measurements
                if m.date == day] == [(value, note)]

    _check_result(result, shown, landed)
    return Change(result, summary, result != text)


def tick(text: str, item_id: str, task: str, *, undo: bool = False, shown: str = "strategy.yml") -> Change:
    """Tick (or, with ``undo``, untick) one checklist task of an action or an event.

    ``task`` is the task's text (exact, or matching one task only, case aside — whole or part), or
    its number counted from 1. A task written as a plain text becomes ``task: …`` + ``done: true``
    (``{task: …, done: true}`` in a flow list, or when the list's other ticked tasks are written
    so); a ``{task, done}`` mapping gets its ``done`` set. A task already in the wanted state is no
    change: :attr:`Change.changed` is false and the text is returned as it was."""
    _readable(item_id, "the id")
    _readable(task, "the task")
    doc = _Document.open(text, shown)
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
        return Change(text, f"{shown}: {label} task {number + 1} \"{chosen.task}\" is {state}; nothing to change",
                      changed=False)

    checklist = doc.value_of(node, "checklist")
    entries = doc.items_of(checklist)
    entry = entries[number]
    if isinstance(entry, ScalarNode):  # a plain task, so not done: tick it
        splices = doc.tick_plain_task(checklist, entry)
    else:
        splices = [doc.set_value(entry, "done", "true" if wanted else "false")]
    result = doc.apply(splices)

    def landed(strategy: Strategy) -> bool:
        after = getattr(strategy, section)[index].checklist
        return len(after) == len(tasks) and after[number].task == chosen.task and after[number].done == wanted

    _check_result(result, shown, landed)
    verb = "ticked" if wanted else "unticked"
    return Change(result, f"{shown}: {label} {verb} task {number + 1} \"{chosen.task}\"")


def rewrite(path: Path, shown: str, edit: Callable[[str], Change]) -> Change:
    """Read ``path``, apply ``edit`` to its text and write the result atomically (temporary file +
    rename), keeping a UTF-8 byte order mark if the file had one. Nothing is written when the edit
    is refused or changes nothing, or when the file changed on disk in the meantime."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EditRefused(f"no such file: {shown}") from None
    except OSError as error:
        raise EditRefused(f"cannot read {shown}: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _validated(raw, shown, _invalid_original(shown))  # the loader says where and how to fix it
        raise
    change = edit(text)
    if not change.changed:
        return change
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    if path.read_bytes() != raw:
        raise EditRefused(f"{shown} changed while it was being edited; nothing was written: run the command again")
    write_atomically(path, bom + change.text.encode("utf-8"))
    return change


def create_file(path: Path, shown: str, text: str) -> None:
    """Write a new strategy file, atomically, after validating ``text`` (slug included); never over
    an existing file."""
    validated_text(text, shown, f"{shown} would not be a valid strategy, so it was not written:")
    try:
        check_slug(path, shown)
    except InvalidStrategy as invalid:
        raise EditRefused(f"{shown} was not written:", invalid.problems) from None
    if path.exists():
        raise EditRefused(f"{shown} already exists, so nothing was written")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise EditRefused(f"cannot write {shown}: {error.strerror}") from None


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


def _check_result(result: str, shown: str, landed: Callable[[Strategy], bool]) -> None:
    strategy = validated_text(result, shown, f"the change would make {shown} invalid, so nothing was written:").strategy
    if not landed(strategy):  # a safety net: the splice must mean what the command meant
        raise EditRefused(f"the change could not be written into {shown} in its current layout; nothing was "
                          "written: edit the file by hand")


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
    if not exact and key.isdigit():
        if 1 <= int(key) <= len(tasks):
            return int(key) - 1
        raise EditRefused(f"{label} has no task {key}; its tasks:\n{listing}")
    for matches in (exact,
                    [n for n, t in enumerate(tasks) if t.task.casefold() == key.casefold()],
                    [n for n, t in enumerate(tasks) if key.casefold() in t.task.casefold()]):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            which = ", ".join(str(n + 1) for n in matches)
            raise EditRefused(f"'{wanted}' matches several tasks of {label} ({which}); give the task's number "
                              f"or its whole text:\n{listing}")
    raise EditRefused(f"{label} has no task '{wanted}'; its tasks:\n{listing}")


# --- locating and splicing -------------------------------------------------------------------------

Splice = tuple[int, int, str]
"""Replace ``text[start:end]`` with the string (an insertion when start == end)."""


@dataclass(frozen=True)
class _Layout:
    """How a block sequence under a key is written: its dash's column relative to the key, and the
    spaces after the dash."""

    offset: int = 2
    gap: int = 1


@dataclass(frozen=True)
class _FlowStyle:
    """How measurements are written: ``{date: …, value: …}`` (flow, maybe padded ``{ … }``) or one key
    per line; and in which key order."""

    flow: bool = True
    padded: bool = False
    keys: tuple[str, ...] = ("date", "value", "note")


class _Document:
    """The original text, its composed nodes (for their positions) and its validated strategy."""

    def __init__(self, text: str, shown: str, root: MappingNode, strategy: Strategy):
        self.text, self.shown, self.root, self.strategy = text, shown, root, strategy
        self.newline = "\r\n" if "\r\n" in text else "\n"

    @classmethod
    def open(cls, text: str, shown: str) -> _Document:
        strategy = validated_text(text, shown, _invalid_original(shown)).strategy
        try:
            root = YAML(typ="safe", pure=True).compose(io.StringIO(text))
        except YAMLError as error:  # the loader read it, so this does not happen; but never a traceback
            raise EditRefused(f"cannot read {shown}: {error}") from None
        return cls(text, shown, root, strategy)

    # finding nodes ---------------------------------------------------------------------------------

    def find(self, sections: tuple[str, ...], item_id: str) -> tuple[str, int, MappingNode]:
        """The item ``item_id`` of one of ``sections``: ``(section, index, node)``."""
        where = {item.id: (section, n) for section in SECTIONS for n, item in enumerate(getattr(self.strategy, section))}
        if item_id in where and where[item_id][0] in sections:
            section, index = where[item_id]
            return section, index, self.items_of(self.value_of(self.root, section))[index]
        if item_id in where:
            other = where[item_id][0]
            wanted = " or ".join(_a(KIND[s]) for s in sections)
            raise EditRefused(f"'{item_id}' is {_a(KIND[other])} ({other}), not {wanted}")
        known = [i for i, (section, _) in where.items() if section in sections]
        kinds = " or ".join(KIND[s] for s in sections)
        names = " and ".join(KIND[s] + "s" for s in sections)
        raise EditRefused(f"{self.shown} has no {kinds} '{item_id}'{did_you_mean(item_id, known)}; "
                          f"{names}: {', '.join(known) if known else 'none yet'}")

    def item(self, section: str, item_id: str) -> tuple[int, MappingNode]:
        _, index, node = self.find((section,), item_id)
        return index, node

    def pair(self, mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                self._owned(value_node, key_node.end_mark.index)
                return key_node, value_node
        return None

    def value_of(self, mapping: MappingNode, key: str) -> Node:
        found = self.pair(mapping, key)
        if found is None:
            raise EditRefused(f"'{key}' not found in {self.shown}")
        return found[1]

    def items_of(self, sequence: Node) -> list[Node]:
        if not isinstance(sequence, SequenceNode):
            raise EditRefused(f"expected a list in {self.shown} at line {sequence.start_mark.line + 1}")
        after = sequence.start_mark.index
        for item in sequence.value:
            self._owned(item, after)
            after = item.start_mark.index + 1
        return list(sequence.value)

    def _owned(self, node: Node, after: int) -> None:
        """A node written where it is used — not an alias (``*name``) of a node written elsewhere,
        whose change would change every place that uses it."""
        if node.start_mark.index < after:
            raise EditRefused(f"{self.shown} uses a YAML alias (*name) at the place to change "
                              f"(line {node.start_mark.line + 1}); write the value out, or edit the file by hand")

    # positions -------------------------------------------------------------------------------------

    def content_end(self, node: Node) -> int:
        """Index just after the last character that belongs to ``node`` (not the blank lines and
        comments that follow it: ruamel's end mark of a block collection is the next token)."""
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                start, end = node.start_mark.index, node.end_mark.index
                line_end = self.text.find("\n", start)
                header = self.text[start:line_end if 0 <= line_end < end else end]
                if "+" in header.split("#")[0]:  # keep chomping: trailing blank lines are content
                    return end
                return start + len(self.text[start:end].rstrip())
            return node.end_mark.index
        if getattr(node, "flow_style", False) or not node.value:
            return node.end_mark.index
        if isinstance(node, SequenceNode):
            return self.content_end(node.value[-1])
        key, value = node.value[-1]
        return self.pair_end(key, value)

    def pair_end(self, key: Node, value: Node) -> int:
        if _is_empty(value):  # `key:` with nothing after it: the value's mark is at the next token
            return self.text.index(":", key.end_mark.index) + 1
        return self.content_end(value)

    def scalar_span(self, node: ScalarNode) -> tuple[int, int]:
        if node.style in ("|", ">"):
            return node.start_mark.index, self.content_end(node)
        return node.start_mark.index, node.end_mark.index

    def next_line(self, index: int) -> int:
        """Start of the line after the one holding ``text[index - 1]`` (past its trailing comment);
        ``len(text)`` on the last line."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def dash(self, item: Node) -> tuple[int, int]:
        """Column of the ``-`` of a block sequence item, and the spaces between it and the item."""
        position = item.start_mark.index - 1
        while position >= 0 and self.text[position] == " ":
            position -= 1
        if position < 0 or self.text[position] != "-":
            raise EditRefused(f"{self.shown}: the list item at line {item.start_mark.line + 1} is laid out in a way "
                              "this command does not follow; edit the file by hand")
        return position - self.line_start(position), item.start_mark.index - position - 1

    def insert_lines(self, index: int, lines: list[str]) -> Splice:
        """Whole lines inserted at a line start (at the end of a file without a final newline, the
        lines are added after a newline and the file still ends without one)."""
        if index == len(self.text) and self.text and not self.text.endswith("\n"):
            return index, index, self.newline + self.newline.join(lines)
        return index, index, "".join(line + self.newline for line in lines)

    def apply(self, splices: list[Splice | list[Splice]]) -> str:
        flat = [s for group in splices for s in (group if isinstance(group, list) else [group])]
        result = self.text
        for start, end, replacement in sorted(flat, key=lambda s: (s[0], s[1]), reverse=True):
            result = result[:start] + replacement + result[end:]
        return result

    # edits -----------------------------------------------------------------------------------------

    def set_value(self, mapping: MappingNode, key: str, value: str) -> list[Splice]:
        """``key: value`` in ``mapping``: the value replaced where it stands, or the key added after
        the mapping's last key (same column; ``, key: value`` in a flow mapping)."""
        found = self.pair(mapping, key)
        if found is None:
            return [self.add_pair(mapping, key, value)]
        key_node, node = found
        if not isinstance(node, ScalarNode):
            raise EditRefused(f"{self.shown}: '{key}' at line {node.start_mark.line + 1} holds a list or a mapping")
        if _is_empty(node):
            colon = self.text.index(":", key_node.end_mark.index) + 1
            return [(colon, colon, " " + value)]
        start, end = self.scalar_span(node)
        return [(start, end, value)]

    def add_pair(self, mapping: MappingNode, key: str, value: str, below: list[str] | None = None) -> Splice:
        """Add ``key: value`` (or ``key:`` followed by the ``below`` lines, indented relative to the
        key) at the end of ``mapping``."""
        last_key, last_value = mapping.value[-1]
        if mapping.flow_style:
            at = self.pair_end(last_key, last_value)
            return at, at, f", {key}: {value}"
        column = mapping.value[0][0].start_mark.column
        if below is None:
            lines = [" " * column + f"{key}: {value}"]
        else:
            lines = [" " * column + f"{key}:", *(" " * column + line for line in below)]
        return self.insert_lines(self.next_line(self.pair_end(last_key, last_value)), lines)

    def tick_plain_task(self, checklist: SequenceNode, entry: ScalarNode) -> list[Splice]:
        start, end = self.scalar_span(entry)
        source = self.text[start:end]
        if "\n" in source or entry.style in ("|", ">"):
            source = yaml_text.scalar(str(entry.value))
        siblings = [e for e in checklist.value if isinstance(e, MappingNode)]
        flow = checklist.flow_style or any(e.flow_style for e in siblings)
        if flow:
            padded = any(e.flow_style and self.text[e.start_mark.index + 1] == " " for e in siblings)
            inner = f"task: {source}, done: true"
            return [(start, end, f"{{ {inner} }}" if padded else f"{{{inner}}}")]
        column = entry.start_mark.column
        return [(start, end, f"task: {source}"),
                self.insert_lines(self.next_line(self.content_end(entry)), [" " * column + "done: true"])]

    def add_measurement(self, kpi: MappingNode, dates: list[dt.date], day: dt.date, figure: str,
                        note: str | None) -> Splice:
        found = self.pair(kpi, "measurements")
        position = _position(dates, day)
        if found is None:
            layout, style = self._layout(), self._style(None)
            if kpi.flow_style:
                return self.add_pair(kpi, "measurements", f"[{_flow_mapping(style, day, figure, note)}]")
            item = _item_lines(style, layout.gap, day, figure, note)
            return self.add_pair(kpi, "measurements", "", [" " * layout.offset + line for line in item])
        key, sequence = found
        if isinstance(sequence, ScalarNode):  # `measurements:` (empty) or `measurements: ~`
            style = self._style(None)
            if not _is_empty(sequence):
                return sequence.start_mark.index, sequence.end_mark.index, f"[{_flow_mapping(style, day, figure, note)}]"
            layout = self._layout()
            column = key.start_mark.column + layout.offset
            item = _item_lines(style, layout.gap, day, figure, note)
            return self.insert_lines(self.next_line(self.pair_end(key, sequence)), [" " * column + line for line in item])
        items = self.items_of(sequence)
        if sequence.flow_style:
            style = self._style(items[0] if items else None)
            written = _flow_mapping(style, day, figure, note)
            if not items:
                return sequence.start_mark.index, sequence.end_mark.index, f"[{written}]"
            if position == 0:
                at = items[0].start_mark.index
                return at, at, f"{written}, "
            at = self.content_end(items[position - 1])
            return at, at, f", {written}"
        neighbour = items[position - 1] if position > 0 else items[0]
        style = self._style(neighbour)
        column, gap = self.dash(neighbour)
        lines = [" " * column + line for line in _item_lines(style, gap, day, figure, note)]
        if position == 0:
            return self.insert_lines(self.line_start(self.dash_index(items[0])), lines)
        return self.insert_lines(self.next_line(self.content_end(items[position - 1])), lines)

    def dash_index(self, item: Node) -> int:
        column, gap = self.dash(item)
        return item.start_mark.index - gap - 1

    # the file's habits -----------------------------------------------------------------------------

    def _walk(self) -> Iterator[tuple[ScalarNode, Node]]:
        """Every ``key: value`` pair of the file, in file order (each node once)."""
        seen: set[int] = set()
        stack: list[Node] = [self.root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    yield key, value
                stack.extend(reversed([v for _, v in node.value]))
            elif isinstance(node, SequenceNode):
                stack.extend(reversed(node.value))

    def _layout(self) -> _Layout:
        """How the file indents a list under a key: as its measurements, else as its other lists."""
        candidates = [(key, value) for key, value in self._walk()
                      if isinstance(value, SequenceNode) and not value.flow_style and value.value]
        candidates.sort(key=lambda pair: pair[0].value != "measurements")
        for key, value in candidates:
            try:
                column, gap = self.dash(value.value[0])
            except EditRefused:
                continue
            if column >= key.start_mark.column and key.start_mark.line < value.start_mark.line:
                return _Layout(column - key.start_mark.column, gap)
        return _Layout()

    def _style(self, sibling: Node | None) -> _FlowStyle:
        """How measurements are written: as ``sibling``, else as the file's first measurement."""
        if sibling is None:
            for key, value in self._walk():
                if key.value == "measurements" and isinstance(value, SequenceNode) and value.value:
                    sibling = value.value[0]
                    break
        if not isinstance(sibling, MappingNode):
            return _FlowStyle()
        keys = [k.value for k, _ in sibling.value if k.value in ("date", "value", "note")]
        order = tuple(keys + [k for k in ("date", "value", "note") if k not in keys])
        padded = bool(sibling.flow_style) and self.text[sibling.start_mark.index + 1:][:1] == " "
        return _FlowStyle(bool(sibling.flow_style), padded, order)


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and node.style is None \
        and node.start_mark.index == node.end_mark.index


def _position(dates: list[dt.date], day: dt.date) -> int:
    """Where a measurement on ``day`` goes: in date order when the others are, else last."""
    pairs = list(zip(dates, dates[1:]))
    if all(a <= b for a, b in pairs):
        return next((n for n, d in enumerate(dates) if d > day), len(dates))
    if all(a >= b for a, b in pairs):
        return next((n for n, d in enumerate(dates) if d < day), len(dates))
    return len(dates)


def _fields(style: _FlowStyle, day: dt.date, figure: str, note: str | None) -> list[str]:
    values = {"date": day.isoformat(), "value": figure, "note": note}
    return [f"{key}: {values[key]}" for key in style.keys if values[key] is not None]


def _flow_mapping(style: _FlowStyle, day: dt.date, figure: str, note: str | None) -> str:
    inner = ", ".join(_fields(style, day, figure, note))
    return f"{{ {inner} }}" if style.padded else f"{{{inner}}}"


def _item_lines(style: _FlowStyle, gap: int, day: dt.date, figure: str, note: str | None) -> list[str]:
    """A list item, relative to its dash's column: ``- {date: …}`` or ``- date: …`` + the other keys."""
    dash = "-" + " " * gap
    if style.flow:
        return [dash + _flow_mapping(style, day, figure, note)]
    fields = _fields(style, day, figure, note)
    return [dash + fields[0], *(" " * len(dash) + field for field in fields[1:])]


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind

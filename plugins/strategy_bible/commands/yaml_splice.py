"""Locate a value of a strategy file's text by its YAML node marks, and splice a change in there.

Only the characters of the change are new: everything else of the text is copied, so comments,
blank lines, quotes and layout stay byte for byte (why not a ruamel round trip: see
:mod:`strategy_bible.commands.editing`). New text is written like its siblings: same indentation, flow or
block style, key order.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategy_bible.commands import yaml_scalars
from strategy_bible.strategy.composer import empty_value
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problems import Problem, did_you_mean
from strategy_bible.strategy.rules import KIND, SECTIONS


class EditRefused(Exception):
    """A change that was not made, and why; ``problems`` are the validation messages, if any."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        self.message = message
        self.problems = list(problems)
        super().__init__("\n".join([message, *(str(p) for p in self.problems)]))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""A line ending as YAML reads it: Windows, Unix, or old Mac (carriage return alone)."""

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


class Document:
    """The original text, its composed nodes (for their positions) and its validated strategy."""

    def __init__(self, text: str, shown: str, root: MappingNode, strategy: Strategy):
        self.text, self.shown, self.root, self.strategy = text, shown, root, strategy

    # finding nodes ---------------------------------------------------------------------------------

    def find(self, sections: tuple[str, ...], item_id: str) -> tuple[str, int, MappingNode]:
        """The item ``item_id`` of one of ``sections``: ``(section, index, node)``."""
        where = {
            item.id: (section, n) for section in SECTIONS for n, item in enumerate(getattr(self.strategy, section))
        }
        if item_id in where and where[item_id][0] in sections:
            section, index = where[item_id]
            return section, index, self.mapping(self.items_of(self.value_of(self.root, section))[index])
        if item_id in where:
            other = where[item_id][0]
            wanted = " or ".join(_a(KIND[s]) for s in sections)
            raise EditRefused(f"'{item_id}' is {_a(KIND[other])} ({other}), not {wanted}")
        known = [i for i, (section, _) in where.items() if section in sections]
        kinds = " or ".join(KIND[s] for s in sections)
        names = " and ".join(KIND[s] + "s" for s in sections)
        raise EditRefused(
            f"{self.shown} has no {kinds} '{item_id}'{did_you_mean(item_id, known)}; "
            f"{names}: {', '.join(known) if known else 'none yet'}"
        )

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

    def mapping(self, node: Node) -> MappingNode:
        if not isinstance(node, MappingNode):
            raise EditRefused(f"expected a mapping in {self.shown} at line {node.start_mark.line + 1}")
        return node

    def sequence(self, node: Node) -> SequenceNode:
        if not isinstance(node, SequenceNode):
            raise EditRefused(f"expected a list in {self.shown} at line {node.start_mark.line + 1}")
        return node

    def items_of(self, node: Node) -> list[Node]:
        sequence = self.sequence(node)
        after = sequence.start_mark.index
        for item in sequence.value:
            self._owned(item, after)
            after = item.start_mark.index + 1
        return list(sequence.value)

    def _owned(self, node: Node, after: int) -> None:
        """A node written where it is used — not an alias (``*name``) of a node written elsewhere,
        whose change would change every place that uses it."""
        if node.start_mark.index < after:
            raise EditRefused(
                f"{self.shown} uses a YAML alias (*name) at the place to change "
                f"(line {node.start_mark.line + 1}); write the value out, or edit the file by hand"
            )

    # positions -------------------------------------------------------------------------------------

    def content_end(self, node: Node) -> int:
        """Index just after the last character that belongs to ``node`` (not the blank lines and
        comments that follow it: ruamel's end mark of a block collection is the next token)."""
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                start, end = node.start_mark.index, node.end_mark.index
                line_end = _LINE_BREAK.search(self.text, start)
                header = self.text[start : line_end.start() if line_end and line_end.start() < end else end]
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
        if empty_value(value):  # `key:` with nothing after it: the value's mark is at the next token
            return self.text.index(":", key.end_mark.index) + 1
        return self.content_end(value)

    def scalar_span(self, node: ScalarNode) -> tuple[int, int]:
        if node.style in ("|", ">"):
            return node.start_mark.index, self.content_end(node)
        return node.start_mark.index, node.end_mark.index

    def next_line(self, index: int) -> int:
        """Start of the line after the one holding ``text[index - 1]`` (past its trailing comment);
        ``len(text)`` on the last line."""
        if index > 0 and self.text[index - 1] in "\r\n" and self.text[index - 1 : index + 1] != "\r\n":
            return index
        found = _LINE_BREAK.search(self.text, index)
        return len(self.text) if found is None else found.end()

    def line_start(self, index: int) -> int:
        return max(self.text.rfind("\n", 0, index), self.text.rfind("\r", 0, index)) + 1

    def newline_near(self, index: int) -> str:
        """The line ending of the line before ``index`` (else of the line holding it): in a file
        that mixes ``\\r\\n`` and ``\\n`` (or old Mac ``\\r``), a new line ends as its neighbours do."""
        before = self.line_start(index) - 1
        if before >= 0:
            if self.text[before] == "\r":
                return "\r\n" if self.text[before + 1 : before + 2] == "\n" else "\r"
            return "\r\n" if self.text[before - 1 : before] == "\r" else "\n"
        found = _LINE_BREAK.search(self.text, index)
        return "\n" if found is None else found.group()

    def dash(self, item: Node) -> tuple[int, int]:
        """Column of the ``-`` of a block sequence item, and the spaces between it and the item."""
        position = item.start_mark.index - 1
        while position >= 0 and self.text[position] == " ":
            position -= 1
        if position < 0 or self.text[position] != "-":
            raise EditRefused(
                f"{self.shown}: the list item at line {item.start_mark.line + 1} is laid out in a way "
                "this command does not follow; edit the file by hand"
            )
        return position - self.line_start(position), item.start_mark.index - position - 1

    def insert_lines(self, index: int, lines: list[str]) -> Splice:
        """Whole lines inserted at a line start (at the end of a file without a final newline, the
        lines are added after a newline and the file still ends without one)."""
        newline = self.newline_near(index)
        if index == len(self.text) and self.text and self.text[-1] not in "\r\n":
            return index, index, newline + newline.join(lines)
        return index, index, "".join(line + newline for line in lines)

    def apply(self, splices: list[Splice | list[Splice]]) -> str:
        """The text with every splice made; of two insertions at one place, the later one given
        comes first. Built in one pass (an import updating 20,000 posts makes 20,000 splices: cutting
        the whole text again for each took minutes)."""
        flat = [s for group in splices for s in (group if isinstance(group, list) else [group])]
        order = sorted(range(len(flat)), key=lambda n: (flat[n][0], flat[n][1], -n))
        pieces, copied = [], 0
        for n in order:
            start, end, replacement = flat[n]
            pieces += [self.text[copied:start], replacement]
            copied = max(copied, end)
        pieces.append(self.text[copied:])
        return "".join(pieces)

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
        if empty_value(node):
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
        if _LINE_BREAK.search(source) or entry.style in ("|", ">"):
            source = yaml_scalars.scalar(str(entry.value))
        siblings = [e for e in checklist.value if isinstance(e, MappingNode)]
        flow = checklist.flow_style or any(e.flow_style for e in siblings)
        if flow:
            padded = any(e.flow_style and self.text[e.start_mark.index + 1] == " " for e in siblings)
            inner = f"task: {source}, done: true"
            return [(start, end, f"{{ {inner} }}" if padded else f"{{{inner}}}")]
        column = entry.start_mark.column
        return [
            (start, end, f"task: {source}"),
            self.insert_lines(self.next_line(self.content_end(entry)), [" " * column + "done: true"]),
        ]

    def add_measurement(
        self, kpi: MappingNode, dates: list[dt.date], day: dt.date, figure: str, note: str | None
    ) -> Splice:
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
            if not empty_value(sequence):
                return (
                    sequence.start_mark.index,
                    sequence.end_mark.index,
                    f"[{_flow_mapping(style, day, figure, note)}]",
                )
            layout = self._layout()
            column = key.start_mark.column + layout.offset
            item = _item_lines(style, layout.gap, day, figure, note)
            return self.insert_lines(
                self.next_line(self.pair_end(key, sequence)), [" " * column + line for line in item]
            )
        sequence = self.sequence(sequence)
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
        _column, gap = self.dash(item)
        return item.start_mark.index - gap - 1

    def set_values(self, mapping: MappingNode, values: list[tuple[str, str]]) -> list[Splice]:
        """Several ``key: value`` of ``mapping`` at once: each value there replaced where it stands,
        the missing keys added together after the mapping's last key, in the order given (one
        insertion, so that they cannot come out reversed)."""
        present = [(key, value) for key, value in values if self.pair(mapping, key) is not None]
        missing = [(key, value) for key, value in values if self.pair(mapping, key) is None]
        splices = [s for key, value in present for s in self.set_value(mapping, key, value)]
        if not missing:
            return splices
        last_key, last_value = mapping.value[-1]
        if mapping.flow_style:
            at = self.pair_end(last_key, last_value)
            return [*splices, (at, at, "".join(f", {key}: {value}" for key, value in missing))]
        column = mapping.value[0][0].start_mark.column
        lines = [" " * column + f"{key}: {value}" for key, value in missing]
        return [*splices, self.insert_lines(self.next_line(self.pair_end(last_key, last_value)), lines)]

    def append_mappings(self, key: str, entries: list[dict[str, str]], order: tuple[str, ...]) -> Splice:
        """Append ``entries`` (mappings of already written YAML values) to the list under the top
        level ``key``, written like its items: flow ``{…}`` (padded or not) or one key per line,
        the same dash column and gap, their key order (``order`` places the keys they lack). The
        key is added at the end of the file when absent; with no item to follow, the file's
        measurements and lists set the style. One splice for all, so they stay in the order given."""
        found = self.pair(self.root, key)
        if found is not None and isinstance(found[1], SequenceNode) and found[1].value:
            sequence = found[1]
            items = self.items_of(sequence)
            keys = _key_order([i for i in items if isinstance(i, MappingNode)], order)
            last = items[-1]
            if sequence.flow_style:
                padded = _padded(self.text, last)
                at = self.content_end(last)
                return at, at, "".join(", " + _flow_entry(entry, keys, padded) for entry in entries)
            column, gap = self.dash(last)
            if isinstance(last, MappingNode) and last.flow_style:
                padded = _padded(self.text, last)
                lines = [" " * column + "-" + " " * gap + _flow_entry(entry, keys, padded) for entry in entries]
            else:
                lines = [" " * column + line for entry in entries for line in _block_entry(entry, keys, gap)]
            return self.insert_lines(self.next_line(self.content_end(last)), lines)
        style, layout = self._style(None), self._layout()
        if found is not None and not empty_value(found[1]):  # `key: []` (or a scalar the model refuses)
            written = ", ".join(_flow_entry(entry, order, style.padded) for entry in entries)
            return found[1].start_mark.index, found[1].end_mark.index, f"[{written}]"
        if style.flow:
            item_lines = ["-" + " " * layout.gap + _flow_entry(entry, order, style.padded) for entry in entries]
        else:
            item_lines = [line for entry in entries for line in _block_entry(entry, order, layout.gap)]
        if found is not None:  # `key:` with nothing after it
            key_node, value = found
            column = key_node.start_mark.column + layout.offset
            return self.insert_lines(
                self.next_line(self.pair_end(key_node, value)), [" " * column + line for line in item_lines]
            )
        column = self.root.value[0][0].start_mark.column
        last_key, last_value = self.root.value[-1]
        body = [" " * (column + layout.offset) + line for line in item_lines]
        return self.insert_lines(self.next_line(self.pair_end(last_key, last_value)), [" " * column + f"{key}:", *body])

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
                yield from node.value
                stack.extend(reversed([v for _, v in node.value]))
            elif isinstance(node, SequenceNode):
                stack.extend(reversed(node.value))

    def _layout(self) -> _Layout:
        """How the file indents a list under a key: as its measurements, else as its other lists."""
        candidates = [
            (key, value)
            for key, value in self._walk()
            if isinstance(value, SequenceNode) and not value.flow_style and value.value
        ]
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
        padded = bool(sibling.flow_style) and self.text[sibling.start_mark.index + 1 :][:1] == " "
        return _FlowStyle(bool(sibling.flow_style), padded, order)


def _position(dates: list[dt.date], day: dt.date) -> int:
    """Where a measurement on ``day`` goes: in date order when the others are, else last."""
    pairs = list(itertools.pairwise(dates))
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


def _padded(text: str, node: Node) -> bool:
    """A flow mapping written ``{ … }`` (a space inside its braces)."""
    return isinstance(node, MappingNode) and bool(node.flow_style) and text[node.start_mark.index + 1 :][:1] == " "


def _key_order(siblings: list[MappingNode], order: tuple[str, ...]) -> tuple[str, ...]:
    """The siblings' key order (merged from all of them: a key one sibling has goes before the
    next key it shares with the others), each key of ``order`` they lack placed after the nearest
    key that precedes it in ``order`` (else first)."""
    merged: list[str] = []
    for sibling in siblings:
        keys = [str(key_node.value) for key_node, _ in sibling.value]
        for n, key in enumerate(keys):
            if key not in merged:
                after = [k for k in keys[n + 1 :] if k in merged]
                merged.insert(merged.index(after[0]) if after else len(merged), key)
    for n, key in enumerate(order):
        if key not in merged:
            before = [k for k in order[:n] if k in merged]
            merged.insert(merged.index(before[-1]) + 1 if before else 0, key)
    return tuple(merged)


def _flow_entry(entry: dict[str, str], keys: Iterable[str], padded: bool) -> str:
    inner = ", ".join(f"{key}: {entry[key]}" for key in keys if key in entry)
    return f"{{ {inner} }}" if padded else f"{{{inner}}}"


def _block_entry(entry: dict[str, str], keys: Iterable[str], gap: int) -> list[str]:
    """A block mapping as a list item, relative to its dash's column."""
    dash = "-" + " " * gap
    fields = [f"{key}: {entry[key]}" for key in keys if key in entry]
    return [dash + fields[0], *(" " * len(dash) + field for field in fields[1:])]


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind

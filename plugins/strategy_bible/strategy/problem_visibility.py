"""A broken strategy file's errors as a client may see them.

In a client-audience ``serve`` the error page is shown to the client: a mistake inside an internal
item must not put that item's id or text on the screen (``objectives[<internal id>]…``, a
"did you mean" naming an internal id, a YAML hint quoting the line). Here each error keeps its
file, line and column; its key and message stay only when they are about client-visible items.
The others say where and "see the terminal", which keeps every message in full.

What is internal is worked out from the composed YAML nodes, which have positions even when the
file does not validate: the items marked ``visibility: internal`` (or anything but ``client``, a
misspelt key too), ``notes`` and unknown top-level keys, and the actions, KPIs and events that
serve no client objective (the audience rules, see :mod:`.visibility`), and in the version 2
sections the marked items and the pillars that serve no client objective. A file that cannot be
composed (a YAML syntax error) has no nodes, so none of its errors is shown in words.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.loader import MAX_BYTES, load_yaml_bytes
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problems import InvalidStrategy, Problem
from strategy_bible.strategy.rules import ID_SECTIONS, PLACES, SECTIONS
from strategy_bible.strategy.validation import check_slug, validate

INSIDE_INTERNAL = "in an internal item: see the terminal"
ABOUT_INTERNAL = "about an internal item: see the terminal"
SYNTAX_ERROR = "a YAML syntax error: see the terminal"
UNREADABLE = "see the terminal"

WITH_VISIBILITY = ("objectives", "actions", "kpis", "events", "posts")
BIBLE_SECTIONS = tuple(name for name in ID_SECTIONS if name not in SECTIONS)
"""The version 2 item lists (pillars, calendar, means items, moderation, crisis, reviews)."""
CLIENT_TOP_LEVEL = tuple(name for name in Strategy.model_fields if name != "notes")
WINDOW = 16
"""An internal text is recognised in a message by any run of this many characters (messages
quote long values cut short)."""


def problems_for_client(path: Path, shown: str) -> list[Problem]:
    """The file's errors, read again now, as a client may see them.

    Read again so that the positions and the nodes come from the same bytes: the file may have
    changed since the build read it."""
    raw = _read(path)
    if raw is None:
        return [Problem(shown, 1, 1, "", UNREADABLE)]
    problems = _problems(raw, path, shown)
    try:
        root = compose(raw.decode("utf-8-sig"))
    except (YAMLError, UnicodeDecodeError, RecursionError):  # no nodes to judge by
        return [_masked(p, SYNTAX_ERROR) for p in problems]
    if not isinstance(root, MappingNode):
        return [_masked(p, UNREADABLE) for p in problems]
    internal = _Internal.of(root)
    return [_for_client(p, internal) for p in problems]


def _read(path: Path) -> bytes | None:
    """The file's bytes; None for what is not a regular file of a readable size."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    return raw if len(raw) <= MAX_BYTES else None


def _problems(raw: bytes, path: Path, shown: str) -> list[Problem]:
    try:
        check_slug(path, shown)
        validate(load_yaml_bytes(raw, path, shown))
    except InvalidStrategy as invalid:
        return invalid.problems
    return [Problem(shown, 1, 1, "", UNREADABLE)]  # fixed since the build read it: the next build shows it


def _masked(problem: Problem, message: str) -> Problem:
    return Problem(problem.file, problem.line, problem.column, "", message, problem.severity)


def _for_client(problem: Problem, internal: _Internal) -> Problem:
    if internal.contains(problem.line - 1, problem.column - 1):
        return _masked(problem, INSIDE_INTERNAL)
    if internal.named_in(f"{problem.key} {problem.message}"):
        return _masked(problem, ABOUT_INTERNAL)
    return problem


@dataclass
class _Internal:
    """The spans of a file's internal parts, and the ids and texts they hold."""

    spans: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """``(start, end)`` positions, 0-based ``(line, column)``, end excluded."""
    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    _counted: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, root: MappingNode) -> _Internal:
        found = cls()
        sections: dict[str, Node] = {}
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value in CLIENT_TOP_LEVEL:
                sections[key.value] = value
            else:  # notes, and any key a client build would not show (a misspelt "notes" too)
                found.add(key, value)
        client_objectives: set[str] = set()
        for item in _items(sections.get("objectives")):
            if _marked_internal(item):
                found.add(item, item)
            elif (item_id := _scalar(item, "id")) is not None:
                client_objectives.add(item_id)
        for section in WITH_VISIBILITY[1:]:
            for item in _items(sections.get(section)):
                if _marked_internal(item) or not _serves_the_client(section, item, client_objectives):
                    found.add(item, item)
        for name in BIBLE_SECTIONS:
            for item in _items(_at(sections, PLACES[name])):
                serves_nobody = name == "pillars" and not _references(item, "objectives") & client_objectives
                if _marked_internal(item) or serves_nobody:
                    found.add(item, item)
        found.ids -= client_objectives  # an id used twice, once by a client item: the error is about that one
        # Texts a client item holds too (an owner's name, a date, a key) name nothing internal.
        everywhere = Counter(_texts(root))
        found.texts = {
            text
            for text, count in found._counted.items()
            if everywhere[text] == count and (" " in text or len(text) >= 12)
        }
        return found

    def add(self, first: Node, last: Node) -> None:
        self.spans.append(
            ((first.start_mark.line, first.start_mark.column), (last.end_mark.line, last.end_mark.column))
        )
        if isinstance(last, MappingNode) and (item_id := _scalar(last, "id")) is not None:
            self.ids.add(item_id)
        self._counted.update(_texts(first))
        if last is not first:
            self._counted.update(_texts(last))

    def contains(self, line: int, column: int) -> bool:
        return any(start <= (line, column) < end for start, end in self.spans)

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names an internal id or quotes some of an internal text."""
        lowered = text.lower()
        words = set(_words(lowered))
        if any(item_id.lower() in words for item_id in self.ids):
            return True
        for secret in (t.lower() for t in self.texts):
            if len(secret) <= WINDOW:
                if secret in lowered:
                    return True
            elif any(secret[i : i + WINDOW] in lowered for i in range(len(secret) - WINDOW + 1)):
                return True
        return False


def _items(section: Node | None) -> list[MappingNode]:
    if not isinstance(section, SequenceNode):
        return []
    return [item for item in section.value if isinstance(item, MappingNode)]


def _at(sections: dict[str, Node], place: tuple[str, ...]) -> Node | None:
    """The node at ``place`` (``("editorial", "pillars")``) below the top-level sections."""
    node: Node | None = sections.get(place[0])
    for name in place[1:]:
        if not isinstance(node, MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == name), None)
    return node


def _scalar(mapping: MappingNode, name: str) -> str | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name and isinstance(value, ScalarNode):
            return str(value.value)
    return None


def _marked_internal(item: MappingNode) -> bool:
    """``visibility:`` (or a key spelt close to it) with any value but ``client``."""
    return any(
        isinstance(key, ScalarNode)
        and difflib.get_close_matches(key.value, ["visibility"], cutoff=0.75)
        and not (isinstance(value, ScalarNode) and value.value == "client")
        for key, value in item.value
    )


def _serves_the_client(section: str, item: MappingNode, client_objectives: set[str]) -> bool:
    """The audience rules: an action serves a client objective, a KPI judges one, an event serves
    one or none at all; posts serve none."""
    if section == "posts":
        return True
    served = _references(item, "objective" if section == "kpis" else "objectives")
    if section == "events" and not served:
        return True
    return bool(served & client_objectives)


def _references(item: MappingNode, name: str) -> set[str]:
    for key, value in item.value:
        if isinstance(key, ScalarNode) and key.value == name:
            if isinstance(value, ScalarNode):
                return {value.value} if value.value.strip() else set()
            if isinstance(value, SequenceNode):
                return {v.value for v in value.value if isinstance(v, ScalarNode)}
            return {""}  # something else: judged as serving nothing the client sees
    return set()


def _texts(node: Node, depth: int = 0) -> Iterator[str]:
    """Every scalar under ``node``, keys too."""
    if depth > 64:
        return
    if isinstance(node, ScalarNode):
        if node.value.strip():
            yield node.value.strip()
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _texts(child, depth + 1)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _texts(key, depth + 1)
            yield from _texts(value, depth + 1)


def _words(text: str) -> Iterator[str]:
    """Id-like words of a message: runs of letters, digits, ``_`` and ``-``."""
    word = []
    for character in text:
        if character.isalnum() or character in "_-":
            word.append(character)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)

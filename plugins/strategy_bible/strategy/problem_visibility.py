"""A broken strategy file's errors as a client may see them.

In a client-audience ``serve`` the error page is shown to the client: a mistake inside an internal
item must not put that item's id or text on the screen (``objectives[<internal id>]…``, a
"did you mean" naming an internal id, a YAML hint quoting the line). Here each error keeps its
file, line and column; its key and message stay only when they are about client-visible items.
The others say where and "see the terminal", which keeps every message in full.

What is internal is decided by the client view's own rules (:func:`.visibility.hidden_from_client`,
one source of truth), read on the plain data of the composed YAML nodes, which have positions even
when the file does not validate: every item a client build would leave out, whether marked
``visibility: internal`` (or anything but ``client``, a misspelt key too) or internal by derivation
(an action, KPI, event or pillar serving internal objectives only, a means item funding only
internal actions and events, a decision about an internal KPI), plus ``notes`` and unknown
top-level keys. A file that cannot be composed (a YAML syntax error) has no nodes, so none of its
errors is shown in words.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.loader import MAX_BYTES, UnreadableValues, load_yaml_bytes
from strategy_bible.strategy.model import Strategy
from strategy_bible.strategy.problems import InvalidStrategy, Problem, Worded
from strategy_bible.strategy.rules import RulePath
from strategy_bible.strategy.validation import check_slug, every_problem, validate
from strategy_bible.strategy.visibility import ALWAYS_INTERNAL, hidden_from_client

INSIDE_INTERNAL = Worded("in an internal item: see the terminal", "masked.inside_internal")
ABOUT_INTERNAL = Worded("about an internal item: see the terminal", "masked.about_internal")
SYNTAX_ERROR = Worded("a YAML syntax error: see the terminal", "masked.syntax_error")
UNREADABLE = Worded("see the terminal", "masked.unreadable")

CLIENT_TOP_LEVEL = tuple(name for name in Strategy.model_fields if name not in ALWAYS_INTERNAL)
PLAIN_DEPTH = 8
"""How deep the plain data goes: the audience rules read no deeper than a review's decisions."""
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
    internal = InternalParts.of(root)
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
    except UnreadableValues as unreadable:  # every problem, as the terminal has them (items named by id)
        return every_problem(unreadable)
    except InvalidStrategy as invalid:
        return invalid.problems
    return [Problem(shown, 1, 1, "", UNREADABLE)]  # fixed since the build read it: the next build shows it


def _masked(problem: Problem, message: str) -> Problem:
    return Problem(problem.file, problem.line, problem.column, "", message, problem.severity)


def _for_client(problem: Problem, internal: InternalParts) -> Problem:
    if internal.contains(problem.line - 1, problem.column - 1):
        return _masked(problem, INSIDE_INTERNAL)
    if internal.named_in(f"{problem.key} {problem.message}"):
        return _masked(problem, ABOUT_INTERNAL)
    return problem


@dataclass
class InternalParts:
    """The spans of a file's internal parts, and the ids and texts they hold."""

    spans: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """``(start, end)`` positions, 0-based ``(line, column)``, end excluded."""
    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    _counted: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, root: MappingNode) -> InternalParts:
        """What a client build would leave out of the file, decided by the client view's own rules
        (:func:`.visibility.hidden_from_client`) on the file's plain data."""
        found = cls()
        for key, value in root.value:
            if not (isinstance(key, ScalarNode) and key.value in CLIENT_TOP_LEVEL):
                found.add(key, value)  # notes, and any key a client build would not show (a misspelt "notes" too)
        hidden = hidden_from_client(_plain(root))
        for path in hidden.paths:
            if isinstance(item := _node_at(root, path), MappingNode):
                found.add(item, item)
        found.ids -= set().union(*hidden.shown.values())  # an id used twice, once by a client item: that one
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


def _plain(node: Node, depth: int = 0, done: dict[int, Any] | None = None) -> Any:
    """The node as plain data (texts, lists, dicts), as deep as the audience rules look: an item
    with ``visibility`` (or a key spelt close to it) of any value but ``client`` gets
    ``visibility: internal``. A node reached twice (an alias) is converted once."""
    done = {} if done is None else done
    if id(node) in done:
        return done[id(node)]
    plain: Any = None
    if isinstance(node, ScalarNode):
        plain = str(node.value)
    elif depth < PLAIN_DEPTH and isinstance(node, SequenceNode):
        plain = [_plain(child, depth + 1, done) for child in node.value]
    elif depth < PLAIN_DEPTH and isinstance(node, MappingNode):
        plain = {
            str(key.value): _plain(value, depth + 1, done) for key, value in node.value if isinstance(key, ScalarNode)
        }
        if _marked_internal(node):
            plain["visibility"] = "internal"
    done[id(node)] = plain
    return plain


def _node_at(root: Node, path: RulePath) -> Node | None:
    """The node at ``path``; of a key written twice, the last one (as in the plain data)."""
    node: Node | None = root
    for step in path:
        if isinstance(step, int) and isinstance(node, SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, MappingNode):
            values = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == step]
            node = values[-1] if values else None
        else:
            return None
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


def _texts(node: Node, depth: int = 0, seen: set[int] | None = None) -> Iterator[str]:
    """Every scalar under ``node``, keys too; a node reached twice (an alias) once, or an alias
    bomb's few hundred nodes would be walked as its millions of values."""
    seen = set() if seen is None else seen
    if depth > 64 or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        if node.value.strip():
            yield node.value.strip()
    elif isinstance(node, SequenceNode):
        for child in node.value:
            yield from _texts(child, depth + 1, seen)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _texts(key, depth + 1, seen)
            yield from _texts(value, depth + 1, seen)


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

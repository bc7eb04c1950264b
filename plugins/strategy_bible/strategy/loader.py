"""Read a strategy file: YAML text → plain Python data, with the position of every key and value.

Safe by construction: the YAML is *composed* into nodes and this module builds the data itself,
so no tag can construct a Python object, duplicate keys are found (all of them), and aliases
are expanded under a budget (an "alias bomb" stops with an error instead of eating memory).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from strategy_bible.strategy.composer import compose
from strategy_bible.strategy.dates import impossible_day
from strategy_bible.strategy.numbers import too_many_digits
from strategy_bible.strategy.problems import InvalidStrategy, Problem, Worded, figure

MAX_BYTES = 5 * 1024 * 1024
"""Strategy files are a few hundred KB at most; anything bigger is a mistake, refused quickly."""

MAX_VALUES = 200_000
"""Upper bound on keys and values after alias expansion (an agency-size file has ~5,000)."""

MAX_DEPTH = 32
"""The contract nests five levels deep; deeper nesting is refused."""

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_STR = "tag:yaml.org,2002:str"
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

Path_ = tuple[str | int, ...]


@dataclass
class Positions:
    """Where each key and value of a loaded file stands: ``path → (line, column)``, 1-based."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.values:
                return self.values[path[:depth]]
        return (1, 1)

    def of_key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that names ``path`` (for list items: the item itself)."""
        return self.keys.get(path) or self.of_value(path)


@dataclass
class LoadedYaml:
    path: Path
    display_path: str
    data: dict[str, Any]
    positions: Positions
    unreadable: frozenset[Path_] = frozenset()
    """Values the loader left out of ``data`` (see :class:`UnreadableValues`)."""


_EMPTY = Worded("the file is empty; a strategy needs at least 'client:' and 'period:'", "invalid.empty_file")


def load_yaml(path: Path, display_path: str | None = None) -> LoadedYaml:
    """Load one strategy file; raise :class:`InvalidStrategy` with every problem found."""
    shown = display_path or str(path)
    try:
        raw = read_bounded(path)
    except OSError as error:
        reason = _os_reason(error)
        unread = Worded(f"cannot read the file: {reason}", "invalid.cannot_read_file", reason=reason)
        raise InvalidStrategy([Problem(shown, 1, 1, "", unread)]) from None
    except FileRefused as refused:
        raise InvalidStrategy([Problem(shown, 1, 1, "", refused.args[0])]) from None  # its Worded message
    return load_yaml_bytes(raw, path, shown)


class FileRefused(Exception):
    """A path that is not read: not a regular file, or over the size limit."""


def _os_reason(error: OSError) -> str:
    """The system's reason (its English words, as the terminal prints them), with a label for the
    usual ones: the file went away, a broken link, no permission."""
    label = _OS_REASONS.get(error.errno or 0)
    reason = str(error.strerror or error)
    return Worded(reason, label, said=reason) if label else reason


_OS_REASONS = {
    errno.ENOENT: "value.no_such_file",
    errno.EACCES: "value.permission_denied",
    errno.EPERM: "value.permission_denied",
    errno.ELOOP: "value.link_loop",
}

_KINDS = {
    stat.S_IFDIR: Worded("a folder", "value.folder"),
    stat.S_IFIFO: Worded("a named pipe", "value.named_pipe"),
    stat.S_IFCHR: Worded("a device", "value.device"),
    stat.S_IFBLK: Worded("a device", "value.device"),
    stat.S_IFSOCK: Worded("a socket", "value.socket"),
}


def read_bounded(path: Path) -> bytes:
    """The bytes of the regular file ``path``, reading at most :data:`MAX_BYTES` + 1 of them.

    Refuses (:class:`FileRefused`) what is not a regular file — a named pipe would wait for a writer
    for ever, ``/dev/zero`` never ends — and a file over the limit before reading it (a sparse file
    of a gigabyte is refused at once); a file that grows while it is read is cut at the limit + 1
    byte, enough to refuse it too. :class:`OSError` when it cannot be opened or read."""
    check_file(path)  # before opening: opening some devices does something
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe swapped in meanwhile: no wait
    with os.fdopen(descriptor, "rb") as handle:
        _check(os.fstat(handle.fileno()))  # the file opened is the file looked at
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise FileRefused(
            _too_big(Worded(f"more than {MAX_BYTES:,} bytes", "invalid.more_bytes", count=figure(MAX_BYTES)))
        )
    return raw


def check_file(path: Path) -> None:
    """:class:`FileRefused`, without opening it, when ``path`` (a link followed) is not a regular file
    or is over the size limit; :class:`OSError` when it cannot be looked at (missing, a broken link)."""
    _check(os.stat(path))


def _check(status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = _KINDS.get(stat.S_IFMT(status.st_mode), Worded("a special file", "value.special_file"))
        raise FileRefused(
            Worded(
                f"this is not a regular file but {kind}; a strategy file is a plain text file",
                "invalid.not_regular_file",
                kind=kind,
            )
        )
    if status.st_size > MAX_BYTES:
        raise FileRefused(_too_big(Worded(f"{status.st_size:,} bytes", "invalid.bytes", count=figure(status.st_size))))


def _too_big(size: str) -> str:
    most = figure(MAX_BYTES)
    return Worded(
        f"the file is {size}; a strategy file may hold at most {most}", "invalid.too_big", size=size, most=most
    )


def load_yaml_bytes(raw: bytes, path: Path, shown: str) -> LoadedYaml:
    def fail(message: str, line: int = 1, column: int = 1) -> InvalidStrategy:
        return InvalidStrategy([Problem(shown, line, column, "", message)])

    if len(raw) > MAX_BYTES:
        raise fail(_too_big(Worded(f"{len(raw):,} bytes", "invalid.bytes", count=figure(len(raw)))))
    text = _decode(raw, fail)
    if not text.strip() or all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        raise fail(_EMPTY)

    try:
        root = compose(text)
    except MarkedYAMLError as error:
        raise InvalidStrategy(_syntax_problems(error, text, shown)) from None
    except ReaderError as error:  # a control character (NUL, ESC…) anywhere in the text
        before = text[: error.position]
        raise fail(
            Worded(
                f"the character U+{error.character:04X} cannot be in a YAML file (YAML refuses control "
                "characters); remove it, or inside double quotes write it as \\u"
                f"{error.character:04x}",
                "invalid.control_character",
                code=f"{error.character:04X}",
                escape=f"{error.character:04x}",
            ),
            before.count("\n") + 1,
            error.position - before.rfind("\n"),
        ) from None
    except YAMLError as error:
        raise fail(Worded(f"YAML syntax error: {error}", "invalid.yaml_syntax", problem=error)) from None
    except RecursionError:
        raise fail(
            Worded(f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)", "invalid.too_deep", most=MAX_DEPTH)
        ) from None
    if root is None or (isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        raise fail(_EMPTY)
    if not isinstance(root, MappingNode):
        kind = (
            Worded("a list", "value.list")
            if isinstance(root, SequenceNode)
            else Worded("a single value", "value.single")
        )
        line, column = _mark(root)
        raise fail(
            Worded(
                f"a strategy file is a mapping of keys (client:, period:, objectives: …), but this file holds {kind}",
                "invalid.not_a_mapping",
                kind=kind,
            ),
            line,
            column,
        )

    builder = _Builder(shown)
    data = builder.build(root, ())
    if builder.problems:
        partial = LoadedYaml(path, shown, data, builder.positions, frozenset(builder.unreadable))
        raise UnreadableValues(builder.problems, partial, builder.paths)
    return LoadedYaml(path, shown, data, builder.positions)


class UnreadableValues(InvalidStrategy):
    """Values the loader could not read (a date that does not exist, a duplicate key, a tag): the
    rest of the file, without them, is in ``partial``, so that validation can report every other
    problem at once (``validation.every_problem``). ``paths``: each problem's place in the data."""

    def __init__(self, problems: list[Problem], partial: LoadedYaml, paths: list[Path_]):
        super().__init__(problems)
        self.partial = partial
        self.placed = list(zip(problems, paths, strict=True))


def _decode(raw: bytes, fail: Callable[..., InvalidStrategy]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(Worded("the file is UTF-16 text; save it as UTF-8", "invalid.utf16"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        raise fail(
            Worded(
                f"the file is not UTF-8 text (byte 0x{byte:02x} cannot be read); "
                "save it as UTF-8 — in most editors: Save with encoding › UTF-8",
                "invalid.not_utf8",
                byte=f"{byte:02x}",
            ),
            line,
            column,
        ) from None


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions and problems."""

    def __init__(self, shown: str):
        self.shown = shown
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.paths: list[Path_] = []
        """Where each problem is in the data (named by id once the data is built)."""
        self.unreadable: set[Path_] = set()
        """The values left out of the data: validation says nothing more about them."""
        self.count = 0
        self._scalars = YAML(typ="safe", pure=True).constructor
        self._tag_names: dict[int, str] = {}
        """Each node's tag name by its tag object (the tree holds them all while it is built,
        so ids stay unique): ruamel works the name out again on every ``node.tag``."""

    def tag(self, node: Node) -> str:
        name = self._tag_names.get(id(node.ctag))
        if name is None:
            name = node.tag
            assert name is not None  # a composed node's tag is resolved
            self._tag_names[id(node.ctag)] = name
        return name

    def problem(self, node: Node, path: Path_, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.shown, line, column, _dotted(path), message))
        self.paths.append(path)

    def build(self, node: Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise InvalidStrategy(
                [
                    Problem(
                        self.shown,
                        *_mark(node),
                        "",
                        Worded(
                            f"more than {MAX_VALUES:,} values once aliases (*name) are "
                            "expanded; a strategy file does not need that many — remove the aliases",
                            "invalid.too_many_values",
                            most=figure(MAX_VALUES),
                        ),
                    )
                ]
            )
        if len(path) > MAX_DEPTH:
            raise InvalidStrategy(
                [
                    Problem(
                        self.shown,
                        *_mark(node),
                        _dotted(path),
                        Worded(f"nested more than {MAX_DEPTH} levels deep", "invalid.nested", most=MAX_DEPTH),
                    )
                ]
            )
        self.positions.values.setdefault(path, _mark(node))
        if self.tag(node) not in _PLAIN_TAGS:
            self.problem(
                node,
                path,
                Worded(
                    f"the tag '{_short_tag(self.tag(node))}' is not allowed; write plain values "
                    "(text, numbers, dates, lists and mappings)",
                    "invalid.tag",
                    tag=_short_tag(self.tag(node)),
                ),
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the third and last kind of node
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if self.tag(key_node) == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    path,
                    Worded("merge keys ('<<') are not supported; write the keys out", "invalid.merge_key"),
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(
                    key_node,
                    path,
                    Worded("a key must be a plain word, not a list or a mapping", "invalid.key_not_word"),
                )
                continue
            key = str(self._scalar(key_node, path))
            child = (*path, key)
            if key in first_seen:
                line, column = first_seen[key]
                twice = f"duplicate key '{key}' (already given at line {line}, column {column}); keep one"
                self.problem(
                    key_node, child, Worded(twice, "invalid.duplicate_key", name=key, line=line, column=column)
                )
                continue
            first_seen[key] = _mark(key_node)
            self.positions.keys[child] = _mark(key_node)
            value = self.build(value_node, child)
            if child not in self.unreadable:
                result[key] = value
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        if self.tag(node) == _STR:
            return node.value  # text needs no constructor: most values and every key are text
        if self.tag(node) in _NUMBERS and (refused := too_many_digits(node.value)):
            self.problem(node, path, refused)  # before it is read: 0x and 4,000 f's make an int no one can print
            self.unreadable.add(path)
            return node.value
        try:
            return self._scalars.construct_object(node)
        except (YAMLError, ValueError, OverflowError):
            why = impossible_day(node.value) if self.tag(node) == _TIMESTAMP else None
            value = json.dumps(node.value)
            said = (
                Worded(f"{value} is not a date: {why}", "invalid.impossible_day", value=value, why=why) if why else None
            )
            self.problem(
                node, path, said or Worded(f"cannot read the value {value}", "invalid.unreadable_value", value=value)
            )
            self.unreadable.add(path)
            return node.value


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


# --- YAML syntax errors, explained -------------------------------------------------------------

_TAB = "a tab is used for indentation; YAML indents with spaces only"
_MUST_QUOTE_START = "[{&*!|>%@`'\""


def _syntax_problems(error: MarkedYAMLError, text: str, shown: str) -> list[Problem]:
    lines = text.splitlines()
    tabbed = [
        (number, line.index("\t") + 1)
        for number, line in enumerate(lines, 1)
        if "\t" in line[: len(line) - len(line.lstrip())]
    ]
    if tabbed:
        return [Problem(shown, number, column, "", Worded(_TAB, "invalid.tab_indent")) for number, column in tabbed]

    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = error.problem or Worded("invalid YAML", "value.invalid_yaml")
    if "another document" in problem:
        second = Worded("a strategy file holds one YAML document; remove the second '---'", "invalid.second_document")
        return [Problem(shown, line, column, "", second)]
    if "undefined alias" in problem:
        alias = Worded(
            f"YAML syntax error: {problem}; text starting with '*' must be quoted",
            "invalid.undefined_alias",
            problem=problem,
        )
        return [Problem(shown, line, column, "", alias)]
    context: str = ""
    if error.context and error.context_mark and error.context_mark.line != mark.line:
        started = error.context_mark.line + 1
        context = Worded(
            f" ({error.context} started at line {started})", "invalid.yaml_context", context=error.context, line=started
        )
    index = mark.line if mark else 0
    hint = _indentation_hint(lines, index) or _quote_hint(lines, index)
    message = Worded(
        f"YAML syntax error: {problem}{context}. {hint}",
        "invalid.yaml_syntax_hint",
        problem=problem,
        context=context,
        hint=hint,
    )
    return [Problem(shown, line, column, "", message)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indentation_hint(lines: list[str], index: int) -> str | None:
    """The usual other cause: a line indented by a wrong number of spaces. Said when the line is
    deeper than the one above though that one opens no block, or stops at a depth no line above has."""
    if not 0 <= index < len(lines) or not lines[index].strip():
        return None
    above = [line for line in lines[:index] if line.strip() and not line.lstrip().startswith("#")]
    if not above:
        return None
    here, previous = _indent(lines[index]), above[-1]
    opens_block = previous.rstrip().endswith(":") or previous.lstrip().startswith("- ")
    key = lines[index].strip().split(":")[0]
    if here > _indent(previous) and not opens_block:
        return Worded(
            f"Line {index + 1} is indented by {here} spaces, more than the line above ({_indent(previous)}), "
            f"which opens no block: indent '{key}' like the keys beside it",
            "invalid.indent_deeper",
            line=index + 1,
            here=here,
            above=_indent(previous),
            name=key,
        )
    depths = {_indent(line) for line in above}
    if here < _indent(previous) and here not in depths:
        shown = ", ".join(str(depth) for depth in sorted(depths))
        return Worded(
            f"Line {index + 1} is indented by {here} space{'s' if here != 1 else ''}, a depth no line above has "
            f"({shown}): indent '{key}' like the keys it belongs with",
            "invalid.indent_unknown_one" if here == 1 else "invalid.indent_unknown",
            line=index + 1,
            here=here,
            depths=shown,
            name=key,
        )
    return None


def _quote_hint(lines: list[str], index: int) -> str:
    """Explain the usual cause — unquoted text that YAML reads as syntax — with the fix for the line."""
    generic = Worded(
        "Text that contains ': ' or ' #', or starts with a quote, [, {, &, *, !, |, >, %, @ or `, must be put in quotes",
        "invalid.quote_generic",
    )
    candidates = [lines[i] for i in (index, index - 1) if 0 <= i < len(lines)]
    for line in candidates:
        stripped = line.strip()
        prefix, value = "", stripped
        if stripped.startswith("- "):
            prefix, value = "- ", stripped[2:].strip()
        key, sep, rest = value.partition(": ")
        if sep and key and not key.startswith(tuple(_MUST_QUOTE_START)):
            prefix, value = f"{prefix}{key}: ", rest.strip()
        if not value:
            continue
        fixed = f'{prefix}"{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        if value[0] in "'\"":
            return Worded(
                f"This text starts with a quote, so YAML reads only the quoted part; quote the whole text: {fixed}",
                "invalid.quote_whole",
                fixed=fixed,
            )
        if value[0] in _MUST_QUOTE_START:
            return Worded(
                f"Text starting with '{value[0]}' must be put in quotes: {fixed}",
                "invalid.quote_start",
                start=value[0],
                fixed=fixed,
            )
        if ": " in value or value.endswith(":"):
            return Worded(
                f"Text containing ': ' must be put in quotes (French typography such as 'mars : le' trips YAML): {fixed}",
                "invalid.quote_colon",
                fixed=fixed,
            )
    return generic

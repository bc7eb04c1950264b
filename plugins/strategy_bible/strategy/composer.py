"""YAML text → node tree, quickly: the first step of loading a strategy file.

ruamel.yaml's pure-Python parser takes about 0.2 s for an agency-size file (50 KB): three minutes
for a thousand clients, most of a build. libyaml — the C parser PyYAML ships, and MkDocs already
depends on PyYAML — reads the same text some thirty times faster. :func:`compose` takes libyaml's
*events* only (nothing is constructed from them, so no tag can build a Python object) and builds
the nodes exactly as ruamel's composer does, resolving each untagged value with ruamel's YAML 1.2
resolver: the loader gets the same nodes, tags and positions either way (a unit test compares the
two on every fixture and example).

Anything out of the ordinary goes the ruamel way instead, whose errors the loader explains: a
syntax error, a ``%YAML``/``%TAG`` directive, a second document, an unknown alias, deep nesting, a
tab (ruamel refuses some that libyaml accepts), the ``!`` tag — and everything when PyYAML was built
without libyaml.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import ReusedAnchorWarning, StreamMark
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

try:
    import yaml as _pyyaml
    from yaml import CBaseLoader as _CParser  # libyaml; the base loader resolves and constructs nothing itself
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _pyyaml = _CParser = None

_FAST_DEPTH = 64
"""Deeper documents go the ruamel way (the loader refuses more than 32 levels anyway)."""

_BREAKS = "\r\n\x85\u2028\u2029"


_TAGS: dict[str, Tag] = {}
"""One Tag object per resolved tag (str, int, timestamp…): a Tag works out its name on first use."""


class _Unusual(Exception):
    """Not for the fast path: let ruamel read it."""


def compose(text: str) -> Node | None:
    """The root node of the one YAML document in ``text`` (None for an empty stream), as
    ``YAML(typ="safe", pure=True).compose`` gives it; raises ruamel's errors."""
    if _CParser is not None:
        try:
            return _Composer(text).document()
        except (_Unusual, _pyyaml.YAMLError, RecursionError):
            pass
    return ruamel_compose(text)


def ruamel_compose(text: str) -> Node | None:
    """The reference path: ruamel's own parser and composer. An anchor defined again is allowed by
    YAML (the later one counts): no Python warning on the user's console for it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        root: Node | None = YAML(typ="safe", pure=True).compose(io.StringIO(text))
        return root


class _Composer:
    def __init__(self, text: str):
        self.text = text
        self.events = _pyyaml.parse(text, Loader=_CParser)
        self.resolver = YAML(typ="safe", pure=True).resolver  # YAML 1.2, as ruamel's composer uses
        self.anchors: dict[str, Node] = {}
        self.tags: dict[Any, Tag] = {}
        """Resolved tags by plain value (``12`` → int): a file repeats its keys and values a lot."""
        self.implicit = self.resolver.versioned_resolver
        """The resolvers by the first character of a plain value; a value whose first character
        has none (most text) is a string without trying any."""
        default = self.resolver.DEFAULT_SCALAR_TAG
        self.text_tag = _TAGS.setdefault(str(default), default)

    def document(self) -> Node | None:
        if "\t" in self.text:
            raise _Unusual("tab")  # ruamel refuses tabs in places libyaml accepts them
        events = self.events
        next(events)  # stream start
        start = next(events)
        if isinstance(start, _pyyaml.StreamEndEvent):
            return None
        if start.version or start.tags:
            raise _Unusual("directive")
        root = self.node(next(events), 0)
        next(events)  # document end
        if not isinstance(next(events), _pyyaml.StreamEndEvent):
            raise _Unusual("another document")
        return root

    def node(self, event: Any, depth: int) -> Node:
        # Marks stay libyaml's: they have the line, column and index ruamel's have (0-based, in characters).
        kind = event.__class__
        node: Node
        if kind is _pyyaml.ScalarEvent:
            node = ScalarNode(
                self.scalar_tag(event),
                event.value,
                event.start_mark,
                event.end_mark,
                style=event.style or None,
                anchor=event.anchor,
            )
        elif kind is _pyyaml.AliasEvent:
            if event.anchor not in self.anchors:
                raise _Unusual("undefined alias")
            return self.anchors[event.anchor]
        elif depth > _FAST_DEPTH:
            raise _Unusual("deep")
        else:
            sequence = kind is _pyyaml.SequenceStartEvent
            node = (SequenceNode if sequence else MappingNode)(
                self.collection_tag(event, sequence),
                [],
                event.start_mark,
                None,
                flow_style=event.flow_style,
                anchor=event.anchor,
            )
            if event.anchor is not None:
                self.anchors[event.anchor] = node  # before the children: ruamel's order
            items = []
            end = _pyyaml.SequenceEndEvent if sequence else _pyyaml.MappingEndEvent
            for child in self.events:
                if child.__class__ is end:
                    break
                items.append(self.node(child, depth + 1))
            node.end_mark = child.end_mark
            if sequence:
                node.value = items
            else:
                node.value = list(zip(items[::2], items[1::2], strict=False))
                for key, value in node.value:
                    if event.flow_style:
                        self._place_empty_flow_value(key, value)
                    else:
                        self._place_empty_value(value)
            return node
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def scalar_tag(self, event: Any) -> Any:
        if event.tag is None:
            value = event.value
            if event.implicit[0] and value and value[0] not in self.implicit and None not in self.implicit:
                return self.text_tag
            key = value if event.implicit[0] else (None, event.implicit[1])
            tag = self.tags.get(key)
            if tag is None:
                resolved = self.resolver.resolve(ScalarNode, event.value, event.implicit)
                tag = self.tags[key] = _TAGS.setdefault(str(resolved), resolved)
            return tag
        if event.tag == "!" or "%" in event.tag:
            raise _Unusual("non-specific or escaped tag")
        return event.tag

    def collection_tag(self, event: Any, sequence: bool) -> Any:
        if event.tag is None:
            return self.resolver.DEFAULT_SEQUENCE_TAG if sequence else self.resolver.DEFAULT_MAPPING_TAG
        if event.tag == "!" or "%" in event.tag:
            raise _Unusual("non-specific or escaped tag")
        return event.tag

    def _place_empty_flow_value(self, key: Node, node: Node) -> None:
        """``{key: }``: in a flow mapping it is the other way round, libyaml places the empty value at
        the next token and ruamel right after the colon. Do as ruamel."""
        if not empty_value(node):
            return
        text, index = self.text, key.end_mark.index
        line, column = key.end_mark.line, key.end_mark.column
        while index < len(text) and text[index] in " " + _BREAKS:
            if text[index] == " ":
                index, column = index + 1, column + 1
            else:
                index += 2 if text.startswith("\r\n", index) else 1
                line, column = line + 1, 0
        if index < len(text) and text[index] == ":":
            node.start_mark = node.end_mark = StreamMark(node.start_mark.name, index + 1, line, column + 1)

    def _place_empty_value(self, node: Node) -> None:
        """``key:`` with nothing after it: libyaml places the empty value right after the colon,
        ruamel at the next token (the next key, or the end of the mapping). Do as ruamel."""
        if not empty_value(node):
            return
        text, index = self.text, node.start_mark.index
        line, column = node.start_mark.line, node.start_mark.column
        while True:
            while index < len(text) and text[index] == " ":
                index, column = index + 1, column + 1
            if index < len(text) and text[index] == "#":
                while index < len(text) and text[index] not in _BREAKS:
                    index, column = index + 1, column + 1
            if index < len(text) and text[index] in _BREAKS:
                index += 2 if text.startswith("\r\n", index) else 1
                line, column = line + 1, 0
            else:
                break
        node.start_mark = node.end_mark = StreamMark(node.start_mark.name, index, line, column)


def empty_value(node: Node) -> bool:
    """A value written as nothing at all (not ``''``): the ones whose place libyaml and ruamel disagree on."""
    return (
        isinstance(node, ScalarNode)
        and node.value == ""
        and node.style is None
        and node.start_mark.index == node.end_mark.index
    )

"""What goes wrong in a strategy file, said so that a person can fix it.

Every problem points at a spot: ``file:line:column: key: message``. Lines and columns are
1-based, as editors show them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from strategy_bible.strategy.bidi import marked_bidi_controls


@dataclass(frozen=True)
class OneOf:
    """The choices a message lists: ``a, b or c`` in English, ``a, b ou c`` in French; an item is
    a word as written (a YAML value) or a label (:class:`Said`)."""

    items: tuple[str | Said, ...]

    def __str__(self) -> str:
        return one_of(item.key if isinstance(item, Said) else item for item in self.items)


@dataclass(frozen=True)
class Said:
    """A message as a label key and its fields (``Said("advice.objective_without_kpi", (("id",
    "notoriete"),))``); a field is text, choices (:class:`OneOf`) or a message of its own (a
    "did you mean")."""

    key: str
    fields: tuple[tuple[str, str | OneOf | Said], ...] = ()


class Worded(str):
    """A message in English, as the terminal prints it, that also carries its label key and fields:
    a page says it in its reader's language (``render.labels``), French or English. A field given
    as a ``Worded`` message or as choices (:class:`OneOf`) is said in that language too."""

    said: Said | None = None

    def __new__(cls, text: str, label: str | None = None, /, **fields: object) -> Worded:
        worded = super().__new__(cls, text)
        if label is not None:
            worded.said = Said(label, tuple((name, _field(value)) for name, value in fields.items()))
        return worded


def _field(value: object) -> str | OneOf | Said:
    if isinstance(value, Worded) and value.said is not None:
        return value.said
    return value if isinstance(value, OneOf) else str(value)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or, with ``severity="warning"``, one piece of advice) at one spot of a file."""

    file: str
    line: int
    column: int
    key: str
    message: str
    severity: str = "error"
    said: Said | None = field(default=None, compare=False)
    """The message as a label, when it has one (a :class:`Worded` message): pages show it in their
    reader's language; None: pages show ``message`` as it is."""

    def __post_init__(self) -> None:
        if self.said is None and isinstance(self.message, Worded):
            object.__setattr__(self, "said", self.message.said)
        # Messages quote the file (a value, an unknown key, its name): its direction controls would
        # show them reversed in a terminal or on the error page, so they are written out instead.
        for name in ("file", "key", "message"):
            object.__setattr__(self, name, marked_bidi_controls(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.key}: {self.message}" if self.key else f"{where}: {prefix}{self.message}"


class InvalidStrategy(Exception):
    """A strategy file that cannot be used; carries every problem found in it, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def internal_error(detail: str | None) -> Worded:
    """A bug of ours, on a page: ``detail`` (the exception) on an internal screen; None on a client's,
    which only learns that there was one (the exception may quote the strategy)."""
    if detail is None:
        return Worded("internal error: see the terminal", "error.internal_hidden")
    return Worded(f"internal error: {detail}", "error.internal", detail=detail)


def figure(number: int) -> Worded:
    """A whole number with its thousands grouped the reader's way: ``5,242,880`` in English, as the
    terminal prints it; ``5 242 880`` in French, where ``5,242`` would read as a decimal."""
    commas = f"{number:,}"
    return Worded(commas, "value.figure", commas=commas, spaces=commas.replace(",", "\u202f"))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix when one of ``choices`` is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return Worded(f" (did you mean '{close[0]}'?)", "problem.did_you_mean", word=close[0]) if close else ""


def one_of(choices: Iterable[str]) -> str:
    """``a, b or c`` for messages that list what is allowed."""
    items = [str(c) for c in choices]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]

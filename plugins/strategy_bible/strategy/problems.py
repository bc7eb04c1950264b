"""What goes wrong in a strategy file, said so that a person can fix it.

Every problem points at a spot: ``file:line:column: key: message``. Lines and columns are
1-based, as editors show them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from strategy_bible.strategy.bidi import marked_bidi_controls


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or, with ``severity="warning"``, one piece of advice) at one spot of a file."""

    file: str
    line: int
    column: int
    key: str
    message: str
    severity: str = "error"

    def __post_init__(self) -> None:
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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix when one of ``choices`` is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str]) -> str:
    """``a, b or c`` for messages that list what is allowed."""
    items = [str(c) for c in choices]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]

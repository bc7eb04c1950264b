"""What the plugin prints about strategy files: every message, or only how many there are.

On the agency's own machine (``mkdocs build``, ``serve``) the terminal shows every message in
full, internal items named. ``strategy-bible publish`` runs in CI, whose log others may read:
it sets ``STRATEGY_BIBLE_LOG=counts`` for its builds, and the plugin then says how many warnings
or errors a file has, never what they say (they name internal ids and quote internal text).
"""

from __future__ import annotations

from collections.abc import Mapping

from strategy_bible.strategy.problems import Problem

VARIABLE = "STRATEGY_BIBLE_LOG"
COUNTS = "counts"
MESSAGES = "messages"


def counts_only(environment: Mapping[str, str]) -> bool:
    """Whether ``STRATEGY_BIBLE_LOG`` asks for counts; anything but ``counts`` means messages."""
    return environment.get(VARIABLE, MESSAGES).strip().lower() == COUNTS


def counted(count: int, noun: str) -> str:
    """``1 problem``, ``3 problems``: a count with its noun, plural unless one."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def count_line(source: str, problems: list[Problem], kind: str) -> str:
    """``strategies/acme.yml: 3 warnings (run `strategy-bible validate` on your machine to read them)``"""
    count = len(problems)
    return (
        f"{source}: {counted(count, kind)} (run `strategy-bible validate` on your machine "
        f"to read {'them' if count != 1 else 'it'})"
    )

"""Environment variables set for the length of a block: the plugin reads its overrides (audience,
clients, log mode) there, and ``publish`` and ``pdf`` build in this process."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def forced_environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` in ``os.environ`` inside the block; what was there before, after it."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

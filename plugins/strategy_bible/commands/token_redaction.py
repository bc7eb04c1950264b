"""Share tokens kept out of everything ``publish`` prints.

A client's share token is the secret of its link, and ``publish`` runs in CI, whose logs others may
read. Yet MkDocs names a page by its path, which starts with the token (``Doc file
'<token>/compte-rendu.md' contains a link …``), and so may any exception about a file it writes.
While the clients are built, :func:`tokens_hidden` rewrites every log record, whichever logger made
it and whichever handler prints it, and every Python warning, so that each token reads as its
client's slug in angle brackets (``<confiance>/compte-rendu.md``); an error that stops publish goes
through the same :class:`TokenRedactor`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator, Mapping


class TokenRedactor:
    """Replaces each share token in a text by ``<slug>``, its client's slug, whatever its case."""

    def __init__(self, slugs_by_token: Mapping[str, str]) -> None:
        self._slugs = {token.lower(): slug for token, slug in slugs_by_token.items()}
        tokens = sorted(self._slugs, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, tokens)), re.IGNORECASE) if tokens else None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda found: f"<{self._slugs[found.group().lower()]}>", text)


@contextlib.contextmanager
def tokens_hidden(redact: TokenRedactor) -> Iterator[None]:
    """Within: every log record made and every warning shown in this process (and in the processes
    it forks) has its tokens replaced, before any handler or filter sees it."""
    make_record = logging.getLogRecordFactory()
    show_warning = warnings.showwarning

    def redacted_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the message: shown side by side
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info:  # the traceback's text, made once here instead of by the handler
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    def redacted_warning(message, category, filename, lineno, file=None, line=None) -> None:
        show_warning(redact(str(message)), category, redact(filename), lineno, file, line)

    logging.setLogRecordFactory(redacted_record)
    warnings.showwarning = redacted_warning
    try:
        yield
    finally:
        logging.setLogRecordFactory(make_record)
        warnings.showwarning = show_warning

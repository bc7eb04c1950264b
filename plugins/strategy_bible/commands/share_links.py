"""Unguessable, stable share links: one folder name (a token) per client.

``token = base32(HMAC-SHA256(secret, "strategy-bible/share/v1/<slug>/<rotation>"))[:26]`` — 130 bits.

- The **secret** never enters git: it comes from ``STRATEGY_BIBLE_SECRET`` (a repository secret
  in GitHub Actions) or a file outside the repository. Without it, nobody can compute a token.
- The **rotation** of each client is a number in ``share-links.yml`` (committed, harmless without
  the secret). Same secret, same rotation → same token: the link sent last month keeps working.
  Raising one client's number gives that client a new link and kills the old one.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import hmac
import os
import re
from pathlib import Path

from strategy_bible.commands.atomic import write_atomically
from strategy_bible.commands.file_lock import FileBusy, locked
from strategy_bible.strategy.loader import load_yaml_bytes
from strategy_bible.strategy.numbers import too_many_digits
from strategy_bible.strategy.problems import InvalidStrategy

TOKEN_LENGTH = 26  # base32 characters × 5 bits = 130 bits
MIN_SECRET_LENGTH = 32
SECRET_VARIABLE = "STRATEGY_BIBLE_SECRET"
ROTATIONS_FILE = "share-links.yml"
_HEADER = (
    "# Share-link rotations, one line per client: slug: number.\n"
    "# Raise a client's number (strategy-bible links --rotate SLUG) to give it a new link;\n"
    "# the old link stops working at the next publish. Harmless without the secret: commit it.\n"
)
_LINE = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*): +(?P<rotation>[0-9]+)(?: +#.*)? *$")


class ShareLinkError(Exception):
    """A setup problem (no secret, a malformed rotations file), said plainly."""


def token(secret: str, slug: str, rotation: int = 0) -> str:
    digest = hmac.new(secret.encode(), f"strategy-bible/share/v1/{slug}/{rotation}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:TOKEN_LENGTH]


def read_secret(secret_file: Path | None = None) -> str:
    """The agency's secret, from ``--secret-file`` or ``STRATEGY_BIBLE_SECRET``."""
    if secret_file is not None:
        try:
            secret = secret_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ShareLinkError(f"cannot read the secret file {secret_file}: {error.strerror}") from None
    else:
        secret = os.environ.get(SECRET_VARIABLE, "").strip()
    if not secret:
        raise ShareLinkError(
            f"no secret: set {SECRET_VARIABLE} (or pass --secret-file) to a long random value kept out of git, "
            'for example the output of: python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    if len(secret) < MIN_SECRET_LENGTH:
        raise ShareLinkError(
            f"the secret is {len(secret)} characters long; use at least {MIN_SECRET_LENGTH} random characters"
        )
    return secret


def read_rotations(path: Path, shown: str | None = None) -> dict[str, int]:
    """Each client's rotation from ``share-links.yml`` (none when the file does not exist).

    One ``slug: number`` line per client, comments and blank lines allowed; anything else, and a
    slug given twice (a rotation written to one line while the other one wins), is a
    :class:`ShareLinkError` placed at ``file:line:column``."""
    if not path.exists():
        return {}
    return {slug: rotation for slug, (rotation, _) in _entries(path.read_bytes(), path, shown or path.name).items()}


def rotate(path: Path, slug: str, shown: str | None = None) -> int:
    """Raise ``slug``'s rotation by one, keeping every other byte of the file; returns the new number.

    Holds the file's lock from reading to writing (no other writer's change is lost), checks the
    file before and after the change, writes atomically, then reads the file back: a rotation that
    did not land is an error, never a silent no-op."""
    shown = shown or path.name
    try:
        with locked(path) as target:
            raw = target.read_bytes() if target.exists() else _HEADER.encode("utf-8")
            entries = _entries(raw, target, shown)
            rotation = entries.get(slug, (0, 0))[0] + 1
            data = _with_rotation(raw, entries, slug, rotation)
            if _entries(data, target, shown).get(slug, (None,))[0] != rotation:
                raise ShareLinkError(f"{shown}: cannot raise the rotation of '{slug}'; nothing was written")
            write_atomically(target, data)
            if read_rotations(target, shown).get(slug) != rotation:
                raise ShareLinkError(
                    f"{shown}: the new rotation of '{slug}' did not reach the file; the link did not change"
                )
    except FileBusy as busy:
        raise ShareLinkError(str(busy)) from None
    return rotation


def _with_rotation(raw: bytes, entries: dict[str, tuple[int, int]], slug: str, rotation: int) -> bytes:
    """``raw`` with ``slug``'s number replaced (or a line added for it), every other byte kept."""
    lines = raw.decode("utf-8-sig").splitlines(keepends=True)
    if slug in entries:
        index = entries[slug][1] - 1
        match = _LINE.match(lines[index].splitlines()[0])
        assert match is not None  # read_rotations read this very line with the same pattern
        lines[index] = lines[index][: match.start("rotation")] + str(rotation) + lines[index][match.end("rotation") :]
    else:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += "\n"
        lines.append(f"{slug}: {rotation}\n")
    return (codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b"") + "".join(lines).encode("utf-8")


def _entries(raw: bytes, path: Path, shown: str) -> dict[str, tuple[int, int]]:
    """``slug → (rotation, line)``; :class:`ShareLinkError` for a line that is not ``slug: number``
    and, through the strategy loader (same messages), for a slug given twice or text not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _load(raw, path, shown)  # says where, and how to save the file as UTF-8
        raise
    entries: dict[str, tuple[int, int]] = {}
    wrong = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match and (refused := too_many_digits(match["rotation"])):  # before int(): 4,300 digits at most
            wrong.append(f"{shown}:{number}:{match.start('rotation') + 1}: {refused}")
        elif match:
            entries.setdefault(match["slug"], (int(match["rotation"]), number))
        else:
            wrong.append(
                f"{shown}:{number}:1: expected 'slug: number' at the start of the line, "
                f"for example 'acme-bakery: 2'; got {line.strip()!r}"
            )
    if wrong:
        raise ShareLinkError("\n".join(wrong))
    if entries:
        _load(raw, path, shown)  # a slug given twice: the strategy loader's duplicate-key message
    return entries


def _load(raw: bytes, path: Path, shown: str) -> None:
    try:
        load_yaml_bytes(raw, path, shown)
    except InvalidStrategy as invalid:
        raise ShareLinkError("\n".join(map(str, invalid.problems))) from None

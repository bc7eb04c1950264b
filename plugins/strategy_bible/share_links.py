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
import hashlib
import hmac
import os
import re
from pathlib import Path

from .atomic import write_atomically

TOKEN_LENGTH = 26  # base32 characters × 5 bits = 130 bits
MIN_SECRET_LENGTH = 32
SECRET_VARIABLE = "STRATEGY_BIBLE_SECRET"
ROTATIONS_FILE = "share-links.yml"
_HEADER = (
    "# Share-link rotations, one line per client: slug: number.\n"
    "# Raise a client's number (strategy-bible links --rotate SLUG) to give it a new link;\n"
    "# the old link stops working at the next publish. Harmless without the secret: commit it.\n"
)
_LINE = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)\s*:\s*(?P<rotation>\d+)\s*(?:#.*)?$")


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
            "for example the output of: python -c \"import secrets; print(secrets.token_urlsafe(32))\"")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ShareLinkError(f"the secret is {len(secret)} characters long; use at least {MIN_SECRET_LENGTH} "
                             "random characters")
    return secret


def read_rotations(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    rotations: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line.strip())
        if not match:
            raise ShareLinkError(f"{path}:{number}:1: expected 'slug: number', got {line.strip()!r}")
        rotations[match["slug"]] = int(match["rotation"])
    return rotations


def rotate(path: Path, slug: str) -> int:
    """Raise ``slug``'s rotation by one, keeping every other byte of the file; returns the new number."""
    rotation = read_rotations(path).get(slug, 0) + 1
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = _LINE.match(line.strip())
        if match and match["slug"] == slug:
            start, end = re.search(r"\d+", line[line.index(":"):]).span()
            offset = line.index(":")
            lines[index] = line[: offset + start] + str(rotation) + line[offset + end:]
            break
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(f"{slug}: {rotation}\n")
    write_atomically(path, "".join(lines).encode("utf-8"))
    return rotation

"""``publish --shard K/N``: one Nth of the clients, for agencies whose publish outgrows one CI job.

Each shard job builds the clients the split gives it into a folder of its own, laid out as a
publish is (their token folders, the theme's files, the neutral root), plus a manifest
(:data:`MANIFEST`) that ``strategy-bible merge`` reads to join the shards into one site (see
:mod:`shard_merge`).

The split is a hash of the slug, modulo N: it depends on nothing of the machine, and a client
stays in its shard when another one is added or removed (cut the sorted slugs into slices and
every client after a new one moves), so each shard job's cache of built clients stays useful.
The price: shards are even only on average, and with fewer clients than shards some are empty.
An empty shard still checks every strategy file and writes the neutral root; it merges.

The manifest carries a digest of everything the pages are made from (the strategy files, the
pages, the templates, the settings, the share links, the secret, the address, the build's day, the
plugin's code and the installed packages; see :func:`inputs_digest`): shards of different commits,
secrets or days would make a site no single publish makes, so merge refuses them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from strategy_bible.commands.publish_inputs import tree_digest
from strategy_bible.commands.share_links import ROTATIONS_FILE
from strategy_bible.plugin.config import PLUGIN_NAME

MANIFEST = ".strategy-bible-shard.json"
"""The file of a shard's folder that says which shard it is; never copied into the merged site."""
PACKAGES = ("strategy-bible", "mkdocs", "mkdocs-material")
"""The packages whose version changes the pages or the theme's files."""


class ShardError(ValueError):
    """A ``--shard`` value that is not K/N with 1 ≤ K ≤ N; the message says what is allowed."""


@dataclass(frozen=True)
class Shard:
    """The ``number``-th of ``count`` shards (from 1)."""

    number: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        found = re.fullmatch(r"\s*(\d{1,9})\s*/\s*(\d{1,9})\s*", text)
        quoted = text if len(text) <= 20 else text[:20] + "…"
        if not found:
            raise ShardError(f"'{quoted}' is not K/N: give the shard's number and the number of shards, such as 1/2")
        number, count = int(found[1]), int(found[2])
        if count < 1:
            raise ShardError(f"'{quoted}': N, the number of shards, must be 1 or more")
        if not 1 <= number <= count:
            raise ShardError(f"'{quoted}': K must be from 1 to N, 1/{count} to {count}/{count}")
        return cls(number, count)

    def holds(self, slug: str) -> bool:
        return shard_of(slug, self.count) == self.number

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


def shard_of(slug: str, count: int) -> int:
    """The shard (from 1 to ``count``) that builds the client ``slug``: a hash, the same everywhere."""
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big") % count + 1


def write_manifest(out: Path, shard: Shard, inputs: str, clients: int, folders: dict[str, str]) -> None:
    """``folders``: the shard's clients, slug to token folder; ``clients``: how many the project has."""
    manifest = {"shard": shard.number, "of": shard.count, "inputs": inputs, "clients": clients, "folders": folders}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def inputs_digest(site: str, config_file: Path, config, secret: str, base: str) -> str:
    """A digest of what a publish's pages are made from: ``site``, the site's fingerprint that
    publish's cache keys its entries with too (settings, pages, templates, theme, the plugin's code,
    the installed packages, the day: :func:`~.publish_inputs.site_fingerprint`), and what a shard set
    must share besides: every strategy file, the share links' rotations, the secret (hashed) and the
    address."""
    project = config_file.resolve().parent
    rotations = project / ROTATIONS_FILE
    parts = [
        site,
        tree_digest(project / config.plugins[PLUGIN_NAME].config.strategies_dir),
        hashlib.sha256(rotations.read_bytes()).hexdigest() if rotations.is_file() else "no rotations",
        hashlib.sha256(secret.encode("utf-8")).hexdigest(),
        base,
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

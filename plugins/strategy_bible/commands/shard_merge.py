"""``strategy-bible merge``: the folders of ``publish --shard K/N`` joined into one published site.

What it checks before writing anything, each refusal one line that names shards by their number
and folder, clients by their slug, never a share token:

- every folder is a shard (its manifest), every shard from 1 to N is there exactly once, all of
  one split (the same N) and built from the same inputs (the same digest: see :mod:`shards`);
- each shard holds exactly its clients' folders, and all together the project's every client;
- the files outside the clients' folders (the theme's files, the neutral root) are the same, byte
  for byte, in every shard: such a file is fetched by every client, so it may depend on none. A
  shard without clients has only the neutral root, which must be the same too.

Then the output folder is emptied as ``publish`` empties it (only if empty or made by publish),
and receives every client's folder and the shared files once: the site one publish makes.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from strategy_bible.commands.output_folder import empty_output_folder
from strategy_bible.commands.shards import MANIFEST, Shard, shard_of
from strategy_bible.commands.share_links import TOKEN_LENGTH
from strategy_bible.commands.token_redaction import TokenRedactor

MARKER = ".strategy-bible-publish"
"""publish's own marker: the merged folder is a publish's, which ``empty_output_folder`` writes."""

TOKEN = re.compile(f"[a-z2-7]{{{TOKEN_LENGTH}}}")
"""A share token's shape (base32, lower case): a manifest's folder is one, never a path."""


class MergeError(Exception):
    """The shards cannot be merged; the message says why and what to do."""


@dataclass(frozen=True)
class ShardFolder:
    folder: Path
    shard: Shard
    inputs: str
    clients: int
    tokens: dict[str, str]  # slug → token folder
    shared: frozenset[str]  # files outside the clients' folders, the manifest aside

    def __str__(self) -> str:
        return f"shard {self.shard} ({self.folder})"


def merge(folders: list[Path], out: Path) -> list[ShardFolder]:
    """Join the shard ``folders`` into ``out``; returns the shards, in order."""
    shards = sorted((_read(folder) for folder in folders), key=lambda found: found.shard.number)
    redact = TokenRedactor({token: slug for found in shards for slug, token in found.tokens.items()})
    try:
        _check_split(shards)
        reference = _check_shared_files(shards)
    except MergeError as refused:
        raise MergeError(redact(str(refused))) from None
    empty_output_folder(
        out, "publish", MergeError, {f"the shard folder {found.folder}": found.folder for found in shards}
    )
    try:
        for found in shards:
            for token in found.tokens.values():
                shutil.copytree(found.folder / token, out / token, symlinks=True)
        for name in sorted(reference.shared - {MARKER}):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(reference.folder / name, out / name)
    except OSError as failure:
        said = f"{failure.strerror} ({failure.filename})" if failure.strerror else str(failure)
        raise MergeError(redact(f"cannot write the merged site into {out}: {said}")) from None
    return shards


def _read(folder: Path) -> ShardFolder:
    """A shard folder and its manifest, every entry checked."""
    manifest_file = folder / MANIFEST
    if not manifest_file.is_file():
        raise MergeError(
            f"{folder} is not a shard folder: it has no {MANIFEST} (made by `strategy-bible publish --shard K/N`)"
        )
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        shard = Shard(int(manifest["shard"]), int(manifest["of"]))
        tokens = {str(slug): str(token) for slug, token in dict(manifest["folders"]).items()}
        inputs, clients = str(manifest["inputs"]), int(manifest["clients"])
        if not all(TOKEN.fullmatch(token) for token in tokens.values()):
            raise ValueError("a folder that is not a share token")
    except (ValueError, KeyError, TypeError, AttributeError) as damaged:
        raise MergeError(f"{manifest_file} is damaged ({type(damaged).__name__}); publish that shard again") from None
    redact = TokenRedactor({token: slug for slug, token in tokens.items()})
    shared: set[str] = set()
    for root, directories, files in os.walk(folder):
        here = Path(root)
        for name in [*directories, *files]:
            path = here / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                raise MergeError(
                    redact(f"shard {shard} ({folder}) holds a symbolic link, {relative}; publish it again")
                )
            if name in files and relative != MANIFEST and relative.split("/")[0] not in tokens.values():
                shared.add(relative)
    for slug, token in tokens.items():
        if not (folder / token).is_dir():
            raise MergeError(f"shard {shard} ({folder}) lacks the folder of client {slug}; publish that shard again")
    return ShardFolder(folder, shard, inputs, clients, tokens, frozenset(shared))


def _check_split(shards: list[ShardFolder]) -> None:
    """One split, one set of inputs, each shard once, each client in its own shard."""
    first = shards[0]
    for found in shards[1:]:
        if found.shard.count != first.shard.count:
            raise MergeError(
                f"{first} and {found} are of different splits: merge the shards of one run, all K/{first.shard.count}"
            )
        if found.inputs != first.inputs:
            raise MergeError(
                f"{first} and {found} were built from different inputs (another commit, secret, address, day or "
                "version): publish every shard from the same commit on the same day"
            )
    seen: dict[int, ShardFolder] = {}
    for found in shards:
        if found.shard.number in seen:
            raise MergeError(
                f"shard {found.shard} is given twice: {seen[found.shard.number].folder} and {found.folder}"
            )
        seen[found.shard.number] = found
    count = first.shard.count
    missing = [str(number) for number in range(1, count + 1) if number not in seen]
    if missing:
        raise MergeError(
            f"shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} of {count} missing: give the folders of "
            f"all {count} shards"
        )
    for found in shards:
        strays = sorted(slug for slug in found.tokens if shard_of(slug, count) != found.shard.number)
        if strays:
            raise MergeError(f"{found} holds client {strays[0]}, which belongs to shard {shard_of(strays[0], count)}")
    held = sum(len(found.tokens) for found in shards)
    if held != first.clients:
        raise MergeError(f"the shards hold {held} clients, but the project has {first.clients}; publish them again")


def _check_shared_files(shards: list[ShardFolder]) -> ShardFolder:
    """The shard whose shared files are published: the first with clients (an empty shard has the
    neutral root only). Every shard's shared files are the same as its, byte for byte."""
    reference = next((found for found in shards if found.tokens), shards[0])
    for found in shards:
        if found is reference:
            continue
        extra = sorted(found.shared - reference.shared)
        absent = sorted(reference.shared - found.shared) if found.tokens or not reference.tokens else []
        differing = sorted(
            name
            for name in found.shared & reference.shared
            if not filecmp.cmp(found.folder / name, reference.folder / name, shallow=False)
        )
        if extra or absent or differing:
            name, what = (
                (extra[0], f"is in {found} only")
                if extra
                else (absent[0], f"is missing from {found}")
                if absent
                else (differing[0], f"differs between {reference} and {found}")
            )
            others = len(extra) + len(absent) + len(differing) - 1
            raise MergeError(
                f"{name} {what}{f' (and {others} more)' if others else ''}: a file outside the clients' folders "
                "must be the same in every shard (nothing client-specific may be shared); publish every shard "
                "again from the same commit"
            )
    return reference

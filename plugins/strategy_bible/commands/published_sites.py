"""The published folder put together from the builds that made it.

``publish`` builds the clients in batches, each batch a ``mkdocs build`` of its own (one per core)
into ``<out>/.parts/<n>/``, every client of a batch at the root of its token's folder. This module
moves the result into place:

- each client's folder goes to ``<out>/<token>/``, with **its own search index**
  (``<token>/search/search_index.json``), cut out of the batch's index: the theme's search looks
  for the index at the root of the client's folder (see ``navigation.site_root``);
- the theme's files (``assets/``: stylesheets, scripts, the search worker) are the same for every
  client and go **once** to ``<out>/``. Every batch writes its own copy; a file that is not the same
  byte for byte in every batch, or is in one batch only, would depend on the batch's clients, so
  publishing stops: nothing client-specific may sit where every client can fetch it;
- what lists the batch's pages (the sitemap, the batch-wide search index, the theme's 404 page
  with its navigation) is dropped.
"""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

SEARCH_INDEX = Path("search", "search_index.json")
DROPPED = frozenset({"search", "sitemap.xml", "sitemap.xml.gz", "404.html", "index.html"})
"""Files of a batch's root that list its pages or stand for a home it does not have."""


class SharedFileDiffers(Exception):
    """A file outside the clients' folders is not the same in every batch."""


def assemble(parts: list[Path], out: Path, tokens: set[str]) -> None:
    """Move each batch of ``parts`` into ``out``: the client folders (named by ``tokens``), then
    the shared files once."""
    shared: set[Path] | None = None
    for part in parts:
        split_search_index(part, tokens)
        for child in sorted(part.iterdir()):
            if child.name in tokens:
                child.rename(out / child.name)
        for dropped in DROPPED:
            _remove(part / dropped)
        files = _files_under(part)
        if shared is None:  # the first batch: its shared files are published
            shared = files
            for child in sorted(part.iterdir()):
                child.rename(out / child.name)
        else:
            different = sorted(files ^ shared) + sorted(
                path for path in files & shared if not filecmp.cmp(part / path, out / path, shallow=False)
            )
            if different:
                raise SharedFileDiffers(", ".join(str(path) for path in different[:5]))
        shutil.rmtree(part)


def split_search_index(site: Path, tokens: set[str]) -> None:
    """Each client folder's own search index, cut out of the build's: its pages only, their
    locations relative to the folder. Entries outside every client folder are dropped."""
    index_file = site / SEARCH_INDEX
    if not index_file.is_file():
        return  # no search plugin
    index = json.loads(index_file.read_text(encoding="utf-8"))
    by_token: dict[str, list[dict]] = {token: [] for token in tokens if (site / token).is_dir()}
    for entry in index.get("docs", []):
        token, _, location = entry.get("location", "").partition("/")
        if token in by_token:
            by_token[token].append({**entry, "location": location})
    for token, docs in by_token.items():
        target = site / token / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":")), "utf-8")
    index_file.unlink()


def _files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file() or path.is_symlink()}


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)

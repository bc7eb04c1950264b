"""The search index of a ``mkdocs serve --dirty`` rebuild: every page's entries, not only those of
the pages written again.

Material's search plugin indexes the pages MkDocs builds. In a dirty rebuild MkDocs builds the
edited client's pages only, and Material's own merge with its previous index is meant for one
page at a time (it drops every earlier entry under the first rebuilt page's address, the whole
index when that page is the home). So the plugin rewrites the index after it: the entries of
each page built this time, the previous entries of each page that was not, and nothing of a page
that is gone, in the site's page order (the order of a full build's index). A page made as HTML
has one stand-in entry in Material's index (see page_search): its own entries take its place
here, in the same reading and writing of the index, which is the largest file of the site.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from strategy_bible.plugin.page_search import SLOT

Entry = dict[str, Any]
INDEX = Path("search") / "search_index.json"


def page_of(location: str) -> str:
    """The address of the page an entry is in (``clients/a/kpis/#reach`` → ``clients/a/kpis/``)."""
    return location.split("#", 1)[0]


def fresh_entries(
    docs: list[Entry], built: list[str], made: dict[str, list[Entry]] | None = None
) -> dict[str, list[Entry]]:
    """The entries of the pages built this time, by page. Material appends them, in the order the
    pages were built, after what it kept of its previous index: they are the last entries, read
    here from the end, page by page (a page that has none gets none). ``made``: the entries of
    the pages made as HTML, by page, each in place of its page's stand-in."""
    fresh: dict[str, list[Entry]] = {}
    end = len(docs)
    for url in reversed(built):
        start = end
        while start > 0 and page_of(docs[start - 1]["location"]) == url:
            start -= 1
        fresh[url] = _filled(docs[start:end], (made or {}).get(url))
        end = start
    return fresh


def _filled(entries: list[Entry], made: list[Entry] | None) -> list[Entry]:
    if made is None:
        return entries
    return [filled for entry in entries for filled in (made if entry.get("title") == SLOT else [entry])]


def merged(
    previous: dict[str, str],
    written: dict[str, Any],
    built: list[str],
    pages: list[str],
    made: dict[str, list[Entry]] | None = None,
) -> tuple[str, dict[str, str]]:
    """The index to serve, as JSON text, and each page's entries as JSON text (the ``previous``
    of the next rebuild: a page not built is not encoded again).

    ``previous``: each page's entries in the last index served; ``written``: the index Material's
    search wrote this time; ``built``: the pages built this time, in build order; ``pages``: every
    page of the site, in order; ``made``: the entries of the pages made as HTML (see page_search)."""
    fresh = fresh_entries(written.get("docs", []), built, made)
    by_page = {
        url: ",".join(_json(entry) for entry in fresh[url]) if url in fresh else previous.get(url, "") for url in pages
    }
    head = _json({key: value for key, value in written.items() if key != "docs"})[:-1]
    docs = ",".join(text for text in by_page.values() if text)
    return f'{head}{"," if head != "{" else ""}"docs":[{docs}]}}', by_page


def rewrite(
    site_dir: str,
    previous: dict[str, str],
    built: list[str],
    pages: list[str],
    made: dict[str, list[Entry]] | None = None,
) -> dict[str, str]:
    """Merge the index Material's search wrote in ``site_dir`` (none: no search plugin, nothing to
    do) and write it back in one step, so that a reader never fetches half of it. Returns each
    page's entries as JSON text."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return {}
    index, by_page = merged(previous, json.loads(path.read_bytes()), built, pages, made)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".search_index.", suffix=".tmp")
    try:
        os.fchmod(descriptor, 0o644)  # as readable as the file it replaces
        with os.fdopen(descriptor, "wb") as out:
            out.write(index.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return by_page


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)  # as Material writes it

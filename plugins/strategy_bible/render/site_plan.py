"""Where each generated page lives.

All the pages of one client sit in one folder, so they link to each other by file name
(``kpis.md#ig-followers``) and MkDocs checks every such link. The paths are in English and never
depend on the language, so a link sent to a client keeps working.

- several clients: ``index.md`` is the agency home, a client's pages are ``clients/<slug>/…``;
- one client (a focused workshop, a one-client build): its overview is the home, its pages at the root;
- published (``strategy-bible publish``): each client at the root of a folder of its own, named by
  its share-link token (``<token>/…``), and no agency home: one build holds many clients, each
  folder a site of its own that shares only the theme's files with the others.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

CLIENT_PAGES = (
    "overview",
    "objectives",
    "actions",
    "kpis",
    "events",
    "posts",
    "editorial",
    "community",
    "means",
    "review",
    "reviews",
)
"""Every kind of client page, in navigation order; a client without posts has no posts page."""
REVIEW_PAGES = "reviews/"
"""One page per review meeting, ``reviews/<id>.md``: its kind is ``reviews/<id>`` (see review_kind)."""

DOWNLOADS = ("kpis.csv", "events.ics", "bible.json")
"""Every client's downloadable files, beside its pages."""
CALENDAR_DOWNLOAD = "calendar.ics"
"""The editorial calendar's planned items: beside DOWNLOADS, for a client whose build has a calendar."""
HOME = "index.md"
CLIENTS = "clients"
"""The folder of the clients' pages, generated and hand-written (``clients/<slug>/…``)."""


def review_kind(review_id: str) -> str:
    """The kind of the page of one review: its address is the kind (``reviews/<id>.md``)."""
    return REVIEW_PAGES + review_id


def reviewed(kind: str) -> str | None:
    """The review id of a review page's kind, or None for the other kinds."""
    return kind.removeprefix(REVIEW_PAGES) if kind.startswith(REVIEW_PAGES) else None


def client_folder_of(src_uri: str) -> str | None:
    """The slug of the client folder holding a docs file (``clients/<slug>/notes.md``), or None."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == CLIENTS else None


@dataclass(frozen=True)
class SitePlan:
    single_client: bool
    home: str | None = HOME
    """The agency home listing the clients: ``index.md``, or ``clients/index.md`` when the docs
    folder has its own ``index.md``; none in a one-client or published build."""
    folders: Mapping[str, str] | None = None
    """Published: each client's folder (its share-link token) by slug; None otherwise."""

    def folder(self, slug: str) -> str:
        if self.folders is not None:
            return f"{self.folders[slug]}/"
        return "" if self.single_client else f"{CLIENTS}/{slug}/"

    def page(self, slug: str, kind: str) -> str:
        return self.folder(slug) + ("index.md" if kind == "overview" else f"{kind}.md")

    def pages(self, slug: str, kinds: tuple[str, ...] = CLIENT_PAGES) -> dict[str, str]:
        return {kind: self.page(slug, kind) for kind in kinds}

    def download(self, slug: str, name: str) -> str:
        return self.folder(slug) + name

    def downloads(self, slug: str, extra: tuple[str, ...] = ()) -> list[str]:
        """Every client's downloads, then ``extra`` (those of this client only: ``calendar.ics``)."""
        return [self.download(slug, name) for name in (*DOWNLOADS, *extra)]

    def page_from_home(self, slug: str, kind: str = "overview") -> str:
        """Link from the agency home to a client's overview (or its page of another kind)."""
        return posixpath.relpath(self.page(slug, kind), posixpath.dirname(self.home or HOME) or ".")

    def hand_written(self, slug: str, src_uri: str) -> str:
        """Where a client's own hand-written file (``clients/<slug>/…`` in the docs folder) goes:
        beside its generated pages, so that it links to them by file name in every kind of build."""
        return self.folder(slug) + src_uri.removeprefix(f"{CLIENTS}/{slug}/")

    def home_from_client(self) -> str | None:
        """Link from a client page to the agency home, or None when there is no agency home."""
        if self.single_client or self.home is None:
            return None
        return posixpath.relpath(self.home, "clients/x")

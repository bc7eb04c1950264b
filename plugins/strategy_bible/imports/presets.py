"""The exports this tool knows, as data: for each preset, the columns that identify it and, per
field, the column names it may carry (aliases, English and French, old and new).

A column is found by its NAME, never its position (Meta's column count changes every month):
names are compared trimmed, case-insensitively, accents kept (in NFC). The first alias present in
the header wins, so more specific names come first. A mapping file (``mapping.py``) describes
other files with the same structure.

Choices worth knowing:

* Instagram's reach is ``Reach``: ``Views`` (formerly ``Impressions``) counts views, not people.
* LinkedIn gives per post only ``Impressions``, not reach: ``linkedin-posts`` maps it to
  ``reach_organic``: LinkedIn engagement rates are per impression, so lower than a per-reach rate
  of the same post would be; compare LinkedIn posts with LinkedIn posts.
* Facebook's ``Reactions, Comments and Shares`` is a sum and is never taken for ``Reactions``
  (names are compared whole, never as a prefix).
* Meta's ``Date`` column holds ``Lifetime`` (the period of the figures), not a date: it is not read;
  a post's date is ``Publish time``.
* A post's format comes from Meta's ``Post type`` and LinkedIn's ``Content Type``, through
  :data:`FORMATS` (a type not listed there leaves the format out, with a note). LinkedIn's own
  ``Post type`` says Organic, Sponsored or Total: see ``boosted.py``.
* LinkedIn writes its dates month-first, whatever the account's language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from strategy_bible.imports.records import POST_COUNTS

POST_FIELDS = ("date", "post_id", "url", "title", *POST_COUNTS)
TOTAL_REACH = ("Reach", "Couverture")
"""Columns of a post's whole reach, organic and paid together: read into reach_organic only when the
export has no paid reach column, and never added to a paid reach an earlier export gave."""


def normal(name: str) -> str:
    """A header as compared: NFC, trimmed, case-folded, typographic apostrophes made straight."""
    return unicodedata.normalize("NFC", name).strip().replace("’", "'").casefold()


@dataclass(frozen=True)
class Preset:
    name: str
    platform: str
    signature: tuple[tuple[str, ...], ...]  # each group: one of these columns must be there
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field → aliases
    required: tuple[str, ...] = ()  # fields whose column must exist
    day_first: bool | None = None  # what the export's language says of its dates
    sheet: str | None = None  # the workbook's sheet holding the table
    posts: bool = True  # False: rows are figures a mapping turns into measurements (GA4)
    boosted: bool = False  # True: LinkedIn's Organic / Sponsored / Total rows of one post (``boosted.py``)


_META_COMMON: dict[str, tuple[str, ...]] = {
    "date": ("Publish time", "Heure de publication", "Date de publication"),
    "post_id": ("Post ID", "Identifiant de la publication"),
    "url": ("Permalink", "Permalien"),
    "title": ("Title", "Titre", "Description"),
    "likes": ("Likes", "J'aime", "Reactions", "Réactions"),
    "comments": ("Comments", "Commentaires"),
    "shares": ("Shares", "Partages"),
    "format": ("Post type", "Type de publication"),
}

FORMATS: dict[str, str] = {
    # Instagram (Meta Business Suite)
    "ig image": "post",
    "ig carousel": "carousel",
    "ig reel": "reel",
    "ig story": "story",
    "ig video": "video",
    # Facebook (Meta Business Suite), singular and plural
    **{word: "post" for word in ("photo", "photos", "link", "links", "text", "status", "album")},
    **{word: "video" for word in ("video", "videos")},
    **{word: "reel" for word in ("reel", "reels")},
    **{word: "story" for word in ("story", "stories")},
    **{word: "live" for word in ("live", "live video")},
    # LinkedIn's Content Type
    "image": "post",
    "multi-image": "carousel",
    "multiple images": "carousel",
    "document": "carousel",
    "article": "article",
    "newsletter": "newsletter",
    "poll": "other",
    "event": "other",
    # French exports
    "image ig": "post",
    "carrousel ig": "carousel",
    "reel ig": "reel",
    "story ig": "story",
    "vidéo ig": "video",
    "vidéo": "video",
    "vidéos": "video",
    "lien": "post",
    "liens": "post",
    "statut": "post",
}
"""A platform's post type (compared as :func:`normal` does) → ``posts[].format``."""

_FRENCH_META = ("Heure de publication", "Identifiant de la publication", "Permalien")
_ENGLISH_META = ("Publish time", "Post ID", "Permalink")

PRESETS: dict[str, Preset] = {
    "meta-instagram": Preset(
        name="meta-instagram",
        platform="instagram",
        signature=(
            ("Account username", "Nom d'utilisateur du compte"),
            ("Publish time", "Heure de publication"),
        ),
        fields={
            **_META_COMMON,
            "reach_organic": ("Reach", "Couverture"),
            "clicks": ("Link clicks", "Clics sur un lien"),  # stories only: posts exports have no clicks
            "account": ("Account username", "Nom d'utilisateur du compte"),
        },
        required=("date", "reach_organic"),
    ),
    "meta-facebook": Preset(
        name="meta-facebook",
        platform="facebook",
        signature=(("Page ID", "Page name", "Identifiant de la Page", "Nom de la Page"), _ENGLISH_META + _FRENCH_META),
        fields={
            **_META_COMMON,
            "reach_organic": (
                "Reach from Organic posts",
                "Couverture des publications organiques",
                "Reach",
                "Couverture",
            ),
            "reach_paid": ("Reach from Boosted posts", "Couverture des publications boostées"),
            "clicks": ("Total clicks", "Total des clics"),
            "account": ("Page name", "Nom de la Page"),
        },
        required=("date", "reach_organic"),
    ),
    "linkedin-posts": Preset(
        name="linkedin-posts",
        platform="linkedin",
        signature=(("Post link",), ("Created date",)),
        fields={
            "date": ("Created date",),
            "url": ("Post link",),
            "title": ("Post title",),
            "reach_organic": ("Impressions",),  # LinkedIn gives no reach per post: see the module's docstring
            "likes": ("Likes", "Reactions"),
            "comments": ("Comments",),
            "shares": ("Reposts", "Shares"),
            "clicks": ("Clicks",),
            "format": ("Content Type", "Content type"),
            "kind": ("Post type",),  # Organic, Sponsored or Total: see boosted.py
        },
        required=("date", "reach_organic"),
        day_first=False,  # LinkedIn writes month-first whatever the language: no --month-first to ask
        sheet="All posts",
        boosted=True,
    ),
    "ga4-acquisition": Preset(
        name="ga4-acquisition",
        platform="ga4",
        signature=(
            (
                "Session primary channel group (Default channel group)",
                "Session default channel group",
                "First user primary channel group (Default channel group)",
                "Groupe de canaux principal de la session (Groupe de canaux par défaut)",
            ),
            ("Sessions",),
        ),
        posts=False,
    ),
}

GA4_EXAMPLE = """measurements:
  - kpi: visites-boutique
    where: {"Session primary channel group (Default channel group)": Organic Social}
    value: Sessions"""


def language_day_first(preset: Preset, headers: list[str]) -> bool | None:
    """What a Meta export's language says of its dates: French headers → day-first, English →
    month-first (the dates' own values win over this; ``values.date_order``)."""
    if preset.platform not in ("instagram", "facebook"):
        return preset.day_first
    names = {normal(h) for h in headers if isinstance(h, str)}
    if names & {normal(n) for n in _FRENCH_META}:
        return True
    if names & {normal(n) for n in _ENGLISH_META}:
        return False
    return None


def matches(preset: Preset, headers: list[str]) -> bool:
    """Whether ``headers`` carry the preset's signature (one column of each group)."""
    names = {normal(h) for h in headers if isinstance(h, str)}
    return all(any(normal(alias) in names for alias in group) for group in preset.signature)

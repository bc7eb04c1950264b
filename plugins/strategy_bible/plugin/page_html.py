"""What the plugin changes in every HTML page MkDocs writes, the theme's own (404.html) included."""

from __future__ import annotations

import html
import re

NOINDEX = '<meta name="robots" content="noindex, nofollow">'
"""Keeps search engines away: the bible is for the people it is sent to."""
NO_REFERRER = '<meta name="referrer" content="no-referrer">'
"""Browsers send no page address to the sites a reader follows a link to: a published page's path
holds its share token, the secret of its link. On every page of every build, which costs nothing;
first in the <head>, so that no request the page makes goes out before it."""
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search overlay: a dialog without a name, which screen readers announce as just
"dialog" (axe: aria-dialog-name)."""


def rewritten(page: str, *, noindex: bool, search_label: str) -> str:
    """``page`` with the referrer meta, the robots meta (when ``noindex``) and its search dialog
    named ``search_label``."""
    if NO_REFERRER not in page:
        page = _HEAD.sub(lambda head: f"{head.group()}\n    {NO_REFERRER}", page, count=1)
    if noindex and NOINDEX not in page:
        page = page.replace("</head>", f"  {NOINDEX}\n  </head>", 1)
    label = html.escape(search_label, quote=True)
    return page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)

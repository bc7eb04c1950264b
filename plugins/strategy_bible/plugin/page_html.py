"""What the plugin changes in every HTML page MkDocs writes, the theme's own (404.html) included."""

from __future__ import annotations

import html

NOINDEX = '<meta name="robots" content="noindex, nofollow">'
"""Keeps search engines away: the bible is for the people it is sent to."""
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""Material's search overlay: a dialog without a name, which screen readers announce as just
"dialog" (axe: aria-dialog-name)."""


def rewritten(page: str, *, noindex: bool, search_label: str) -> str:
    """``page`` with the robots meta (when ``noindex``) and its search dialog named ``search_label``."""
    if noindex and NOINDEX not in page:
        page = page.replace("</head>", f"  {NOINDEX}\n  </head>", 1)
    label = html.escape(search_label, quote=True)
    return page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)

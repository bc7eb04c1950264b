"""The page at the root of a published site (and its 404): it shows nothing and lists no client.
Whoever lands there has cut a share link short; it speaks the site's language (``theme.language``)."""

from __future__ import annotations

from html import escape

from strategy_bible.render.formatting import parse_locale
from strategy_bible.render.labels import Labels

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body>
<p>{text}</p>
</body>
</html>
"""


def neutral_page(language: str | None) -> str:
    """The page in ``language`` (a ``theme.language``: ``fr``, ``en``, ``pt-BR``…; English when
    there are no labels in it)."""
    labels = Labels(parse_locale(language).language)
    return PAGE.format(lang=labels.language, title=escape(labels("page.home")), text=escape(labels("published.root")))

"""A header's colours from one brand colour: the colour as the background, and white or near-black
text, whichever reads better on it (WCAG contrast), as the theme's own palette does."""

from __future__ import annotations

from dataclasses import dataclass

INTERNAL_HEADER = "#5C2D91"
"""The header of an internal build, whatever the client's brand: never mistaken for a client's page."""
WHITE = ("#FFFFFF", "#FFFFFFB3")
"""Text and its lighter variant on a dark colour: Material's own values."""
NEAR_BLACK = ("#000000DE", "#0000008A")
"""Text and its lighter variant on a light colour: Material's own values."""


@dataclass(frozen=True)
class HeaderColours:
    """Material's ``--md-primary-*`` custom properties for one colour."""

    background: str
    text: str
    text_light: str


def header_colours(colour: str) -> HeaderColours:
    """``colour`` (``#RRGGBB``) with the text colour of higher contrast on it."""
    background = colour.upper()
    text, text_light = WHITE if contrast(background, "#FFFFFF") >= contrast(background, "#000000") else NEAR_BLACK
    return HeaderColours(background, text, text_light)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def luminance(colour: str) -> float:
    """The WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue

"""A brand colour's header text: white or near-black, whichever reads better (WCAG contrast)."""

from __future__ import annotations

import pytest

from strategy_bible.render.colours import INTERNAL_HEADER, NEAR_BLACK, WHITE, contrast, header_colours


@pytest.mark.parametrize(
    ("colour", "text"),
    [
        ("#7A1F2B", WHITE),  # a dark burgundy
        ("#5C2D91", WHITE),  # the internal builds' purple
        ("#000000", WHITE),
        ("#FFD400", NEAR_BLACK),  # a bright yellow: white on it would read 1.4:1
        ("#FFFFFF", NEAR_BLACK),
        ("#8fd3fe", NEAR_BLACK),  # a light blue, written in lower case
    ],
)
def test_the_header_text_is_the_one_that_reads_better(colour, text):
    colours = header_colours(colour)
    assert (colours.background, colours.text, colours.text_light) == (colour.upper(), *text)


@pytest.mark.parametrize(
    "colour", ["#7A1F2B", "#FFD400", "#808080", "#767676", "#959595", "#1F6F8B", "#E53935", INTERNAL_HEADER]
)
def test_the_chosen_text_meets_wcag_aa_on_any_colour(colour):
    # White or black always reach 4.58:1 on some side (the worst colour has a luminance of 0.18).
    text = "#FFFFFF" if header_colours(colour).text == WHITE[0] else "#000000"
    assert contrast(colour, text) >= 4.5


def test_contrast_is_wcags():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)

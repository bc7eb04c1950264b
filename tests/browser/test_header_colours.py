"""The page frame as a person sees it: a branded client's header in its colour with readable text,
and an internal build's header of another colour with its strip still in view, under the header,
after scrolling far down a long page — on a desktop and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from strategy_bible.render.colours import INTERNAL_HEADER

pytestmark = pytest.mark.browser

KPIS = "clients/brasserie-du-canal/kpis/"
BRAND_COLOUR = "rgb(122, 31, 43)"  # "#7A1F2B", brasserie-du-canal's client.brand.colour
INTERNAL = "rgb({}, {}, {})".format(*(int(INTERNAL_HEADER[i : i + 2], 16) for i in (1, 3, 5)))
WHITE = "rgb(255, 255, 255)"


def header_colours(page: Page) -> tuple[str, str]:
    colours = page.locator(".md-header").evaluate(
        "h => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color]"
    )
    return colours[0], colours[1]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_wears_the_clients_colour_and_an_internal_build_keeps_its_strip_in_view(
    page: Page, example_url, internal_url, width, console_errors
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(example_url + KPIS)
    assert header_colours(page) == (BRAND_COLOUR, WHITE)
    expect(page.locator(".sb-internal-strip")).to_have_count(0)

    page.goto(internal_url + KPIS)
    assert header_colours(page) == (INTERNAL, WHITE)
    page.mouse.wheel(0, 4000)
    page.wait_for_function("window.scrollY > 3000")
    strip = page.locator(".sb-internal-strip")
    expect(strip).to_be_in_viewport()
    expect(strip).to_have_text("Version interne · ne pas montrer au client")
    header_box, strip_box = page.locator(".md-header").bounding_box(), strip.bounding_box()
    assert header_box and strip_box
    assert abs(strip_box["y"] - (header_box["y"] + header_box["height"])) < 1  # right under the header
    assert strip_box["height"] <= 24 and strip_box["width"] <= width  # one line, no sideways scroll
    page.emulate_media(media="print")
    expect(strip).to_be_visible()
    assert console_errors == []

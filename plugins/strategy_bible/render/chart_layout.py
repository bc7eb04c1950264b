"""The KPI chart's frame in SVG user units, and how a coordinate is written into the SVG source.

400 × 225 (16:9): on a 390 px phone the chart is about 358 px wide, so 13-unit text shows at about
11.6 px; the stylesheet caps the width at 26rem (520 to 624 px with Material's root sizes) so text
stays between about 17 and 20 px on wide screens instead of growing with the chart.
"""

from __future__ import annotations

import functools

from markupsafe import Markup

WIDTH = 400
HEIGHT = 225
FONT_SIZE = 13

PLOT_TOP = 30  # below the legend row
PLOT_BOTTOM = HEIGHT - 24  # room for the time labels
PLOT_RIGHT = WIDTH - 12  # room for half a target marker
LEGEND_BASELINE = 14
LABEL_GAP = 9  # between a value label and the plot: room for the baseline's ring
EDGE = 2  # labels stay this far inside the chart

MARKER_RADIUS = 3  # a measurement's dot
BASELINE_RADIUS = 4  # the baseline's ring
TARGET_RADIUS = 6  # half the diagonal of the target's diamond


@functools.lru_cache(maxsize=16_384)  # coordinates repeat from chart to chart
def svg_number(value: float) -> Markup:
    """A coordinate as the SVG source gets it: one decimal at most, ``.`` as decimal point,
    no ``-0``: ``12.5``, ``40``. Markup, so the template's escaping leaves it alone."""
    rounded = round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{rounded:.1f}"
    return Markup(text[:-2] if text.endswith(".0") else text)


def to_tenth(value: float) -> float:
    """Rounded as :func:`svg_number` writes it, so a position tested is the position drawn."""
    return round(value, 1) + 0.0

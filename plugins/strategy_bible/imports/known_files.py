"""Files the import recognises but no preset reads, named as what they are, with what to do
instead of a "did you mean" about one of their columns:

* the legacy Facebook Insights post export (the old Page Insights' "Export Data": ``Posted``,
  ``Lifetime Post …`` columns and, under the header, a row of metric descriptions);
* a Google Analytics 4 report without ``Sessions`` (the lead acquisition report counts users):
  a mapping sends any of its figures to a KPI.
"""

from __future__ import annotations

from strategy_bible.imports.presets import PRESETS, normal
from strategy_bible.imports.tables import Table

HEADER_SEARCH = 20
_GA4_GROUPS = {normal(name) for name in PRESETS["ga4-acquisition"].signature[0]} | {
    "first user default channel group",
    "first user primary channel group",
}
LEGACY_FACEBOOK_EXAMPLE = """platform: facebook
header_row: 1
day_first: false
posts:
  date: Posted
  url: Permalink
  post_id: Post ID
  title: Post Message
  reach_organic: Lifetime Post organic reach
  reach_paid: Lifetime Post Paid Reach
  clicks: Lifetime Post Consumptions"""


def what_it_is(tables: list[Table], shown: str) -> str | None:
    """One sentence naming the file and what to do, when it is one of the known unread kinds."""
    for table in tables:
        for row in table.rows[:HEADER_SEARCH]:
            headers = [cell.strip() for cell in row.cells if isinstance(cell, str) and cell.strip()]
            names = {normal(h) for h in headers}
            if "posted" in names and any(name.startswith("lifetime post") for name in names):
                return (
                    f"{shown}: this is a legacy Facebook Insights post export (the old Page Insights' "
                    "'Export Data': 'Lifetime Post …' columns, a row of metric descriptions under the header), "
                    "which no preset reads; export the posts from Meta Business Suite (Insights → Content → "
                    "Export data, read by the meta-facebook preset), or import this file with a mapping file "
                    f"(--map MAP.yml; the description row is skipped), for example:\n{LEGACY_FACEBOOK_EXAMPLE}"
                )
            group = next((h for h in headers if normal(h) in _GA4_GROUPS), None)
            if group is not None and "sessions" not in names:
                figures = [h for h in headers if h != group]
                value = figures[0] if figures else "COLUMN"
                return (
                    f"{shown}: this is a Google Analytics 4 report without a 'Sessions' column (such as the lead "
                    f"acquisition report; its columns: {', '.join(headers)}), which the ga4-acquisition preset "
                    "does not read; a mapping file (--map MAP.yml) sends any of its figures to a KPI, for example:\n"
                    f'measurements:\n  - kpi: KPI-ID\n    where: {{"{group}": Organic Social}}\n'
                    f"    value: {value}\n    date: end"
                )
    return None

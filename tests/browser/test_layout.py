"""Layout (issue 21): a wide table on a phone shows its rows as cards, each figure labelled with its
column; the KPI page leads with its summary. Every page's layout at 1280 px, 390 px and on A4:
tests/browser/test_every_page.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from page_checks import assert_no_serious_violation

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    """A phone: a small screen that is touched (Material lays some things out for touch)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_a_wide_table_on_a_phone_labels_every_figure_with_its_column(phone: Page, example_url):
    """A card says what each figure is: the label is the column's heading, shown before the value."""
    phone.goto(f"{example_url}clients/brasserie-du-canal/posts/")
    table = phone.locator("#_posts ~ .md-typeset__scrollwrap table").first
    headings = [th.text_content().strip() for th in table.locator("thead th").all()]
    cell = table.locator("tbody tr").first.locator("td").nth(4)
    assert cell.get_attribute("data-label") == headings[4] == "Taux de clic"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Taux de clic"'
    assert table.locator("thead").evaluate("head => head.getBoundingClientRect().width") <= 1
    assert_no_serious_violation(phone)  # the cards keep the page accessible


def test_the_kpi_page_leads_with_its_summary_and_folds_the_detail(page: Page, example_url):
    """The KPI page of 9 KPIs was 10,700 px tall: each KPI's measurements and decision history are
    one click further (closed <details>), and a click opens them."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{example_url}clients/brasserie-du-canal/kpis/")
    folds = page.locator("article details.sb-fold")
    assert folds.count() >= 9
    assert all(not fold.evaluate("d => d.open") for fold in folds.all())
    first = page.locator("article details.sb-measurements").first
    assert not first.locator("table").is_visible()
    first.locator("summary").click()
    assert first.locator("table").is_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8500, height

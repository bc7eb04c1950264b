"""``bible.json`` among each client's downloads, in real builds of the examples: it validates against
the committed JSON Schema, and it follows the build's audience (a client build's file holds no
internal id; an internal build's holds them where the contract puts them)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from internal_items import EXAMPLE_SECRETS
from support import REPO

BRASSERIE = "brasserie-du-canal"
V2_INTERNAL_IDS = [
    "coulisses-associes",
    "teaser-investisseurs",
    "etude-valorisation",
    "crise-rachat",
    "revue-associes-t3",
]
SCHEMA = json.loads((REPO / "schema" / "bible.schema.json").read_text(encoding="utf-8"))


def clients() -> list[str]:
    return sorted(path.stem for path in (REPO / "strategies").glob("*.yml"))


def bible_of(site: Path, slug: str) -> tuple[str, dict]:
    text = (site / "clients" / slug / "bible.json").read_text(encoding="utf-8")
    return text, json.loads(text)


@pytest.mark.parametrize("slug", clients())
def test_each_client_build_has_a_bible_json_that_the_published_schema_accepts(example_site, slug):
    text, bible = bible_of(example_site, slug)
    jsonschema.validate(bible, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert bible["client"]["slug"] == slug
    for secret in [*EXAMPLE_SECRETS, *V2_INTERNAL_IDS]:
        assert secret.lower() not in text.lower(), secret


def test_the_internal_bible_json_holds_the_internal_items_where_the_contract_puts_them(example_site, internal_site):
    _, internal = bible_of(internal_site, BRASSERIE)
    jsonschema.validate(internal, SCHEMA)
    assert "coulisses-associes" in [p["id"] for p in internal["pillars"]]
    assert "revue-associes-t3" in [r["id"] for r in internal["reviews"]]
    assert "rachat-local" in [o["id"] for o in internal["objectives"]]
    _, client = bible_of(example_site, BRASSERIE)
    assert {p["id"] for p in client["pillars"]} == {p["id"] for p in internal["pillars"]} - {"coulisses-associes"}


def test_the_pages_link_bible_json(example_site):
    for page in ("index.html", "kpis/index.html", "events/index.html"):
        html = (example_site / "clients" / BRASSERIE / page).read_text(encoding="utf-8")
        assert 'href="../bible.json"' in html or 'href="bible.json"' in html, page

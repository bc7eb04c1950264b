"""The search index after a `serve --dirty` rebuild: the pages built this time bring their new
entries, the others keep theirs, a page gone takes its entries with it."""

from __future__ import annotations

import json

from strategy_bible.plugin.page_search import SLOT
from strategy_bible.plugin.search_merge import fresh_entries, merged, page_of, rewrite


def entry(location: str, text: str = "") -> dict:
    return {"location": location, "title": location, "text": text}


PREVIOUS_ENTRIES = {
    "": [entry(""), entry("#due")],
    "clients/a/": [entry("clients/a/", "old a")],
    "clients/a/kpis/": [entry("clients/a/kpis/"), entry("clients/a/kpis/#reach", "old reach")],
    "clients/b/": [entry("clients/b/", "b overview")],
    "clients/b/kpis/": [entry("clients/b/kpis/#reach", "b reach")],
}


def as_text(entries: list[dict]) -> str:
    """A page's entries as the merge keeps them: JSON text, as Material writes the index."""
    return ",".join(json.dumps(e, separators=(",", ":")) for e in entries)


PREVIOUS = {url: as_text(entries) for url, entries in PREVIOUS_ENTRIES.items()}


def test_an_entry_belongs_to_the_page_before_its_anchor():
    assert page_of("clients/a/kpis/#reach") == "clients/a/kpis/"
    assert page_of("#due") == ""  # the home page
    assert page_of("methode/") == "methode/"


def test_the_fresh_entries_are_read_from_the_end_in_build_order():
    # What Material writes: what it kept of its own previous index (all but the entries under
    # the first page built: here a stale copy of a's overview stays), then the entries of the
    # pages built this time, in build order.
    written = [
        entry("clients/b/"),
        entry("clients/a/", "stale"),
        entry("clients/a/kpis/"),
        entry("clients/a/kpis/#reach", "new reach"),
        entry("clients/a/", "new a"),
        entry(""),
    ]
    fresh = fresh_entries(written, ["clients/a/kpis/", "clients/a/", ""])
    assert fresh == {
        "clients/a/": [entry("clients/a/", "new a")],
        "clients/a/kpis/": [entry("clients/a/kpis/"), entry("clients/a/kpis/#reach", "new reach")],
        "": [entry("")],
    }


def test_a_built_page_without_entries_gets_none():
    written = [entry("clients/a/", "stale"), entry("", "home")]
    assert fresh_entries(written, ["clients/a/", "clients/c/", ""]) == {
        "clients/a/": [entry("clients/a/", "stale")],
        "clients/c/": [],
        "": [entry("", "home")],
    }
    assert fresh_entries([], ["clients/a/"]) == {"clients/a/": []}


def test_pages_not_built_keep_their_entries_and_the_order_is_the_sites():
    written = {"config": {"lang": ["fr"]}, "docs": [entry("clients/a/", "new a"), entry("", "new home")]}
    pages = ["", "clients/a/", "clients/a/kpis/", "clients/b/", "clients/b/kpis/"]
    text, by_page = merged(PREVIOUS, written, ["clients/a/", ""], pages)
    index = json.loads(text)
    assert index["config"] == {"lang": ["fr"]}
    assert index["docs"] == [
        entry("", "new home"),
        entry("clients/a/", "new a"),
        *PREVIOUS_ENTRIES["clients/a/kpis/"],
        *PREVIOUS_ENTRIES["clients/b/"],
        *PREVIOUS_ENTRIES["clients/b/kpis/"],
    ]
    assert text == json.dumps(index, separators=(",", ":"))  # the bytes Material would write
    assert by_page["clients/a/"] == as_text([entry("clients/a/", "new a")])
    assert by_page["clients/b/kpis/"] == PREVIOUS["clients/b/kpis/"]


def test_a_page_without_entries_adds_no_stray_comma():
    written = {"config": {}, "docs": [entry("", "home")]}
    text, _ = merged(
        {"clients/a/": "", "clients/b/": PREVIOUS["clients/b/"]}, written, [""], ["", "clients/a/", "clients/b/"]
    )
    assert json.loads(text)["docs"] == [entry("", "home"), *PREVIOUS_ENTRIES["clients/b/"]]
    assert json.loads(merged({}, {"docs": []}, [], ["clients/a/"])[0]) == {"docs": []}


def test_a_page_gone_takes_its_entries_and_a_new_page_brings_its_own():
    written = {"config": {}, "docs": [entry("clients/c/", "c overview"), entry("")]}
    pages = ["", "clients/a/", "clients/a/kpis/", "clients/c/"]  # b renamed c
    text, by_page = merged(PREVIOUS, written, ["clients/c/", ""], pages)
    assert [e["location"] for e in json.loads(text)["docs"]] == [
        "",
        "clients/a/",
        "clients/a/kpis/",
        "clients/a/kpis/#reach",
        "clients/c/",
    ]
    assert "clients/b/" not in by_page and "clients/b/kpis/" not in by_page


def test_the_index_is_rewritten_in_place(tmp_path):
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["fr"]}, "docs": [entry("", "home")]}), encoding="utf-8")
    by_page = rewrite(str(tmp_path), PREVIOUS, [""], ["", "clients/b/"])
    assert json.loads(index.read_text(encoding="utf-8")) == {
        "config": {"lang": ["fr"]},
        "docs": [entry("", "home"), *PREVIOUS_ENTRIES["clients/b/"]],
    }
    assert by_page == {"": as_text([entry("", "home")]), "clients/b/": PREVIOUS["clients/b/"]}
    assert [p.name for p in (tmp_path / "search").iterdir()] == ["search_index.json"]  # no temporary left
    assert index.stat().st_mode & 0o644 == 0o644


def test_no_search_plugin_no_index(tmp_path):
    assert rewrite(str(tmp_path), PREVIOUS, [""], [""]) == {}
    assert not (tmp_path / "search").exists()


def test_a_page_made_as_html_gets_its_own_entries_in_place_of_its_stand_in():
    # Material indexed a one-heading stand-in of each page made as HTML (see page_search); its
    # entries were made with the page. The merge puts them in, in the same one reading and
    # writing of the index (no second pass over the site's largest file).
    stand_in = {"location": "clients/a/kpis/", "title": SLOT, "text": ""}
    made = {"clients/a/kpis/": [entry("clients/a/kpis/"), entry("clients/a/kpis/#reach", "made reach")]}
    written = {"config": {"lang": ["fr"]}, "docs": [entry("clients/b/"), stand_in, entry("", "home")]}
    index, by_page = merged(PREVIOUS, written, ["clients/a/kpis/", ""], list(PREVIOUS), made)
    docs = json.loads(index)["docs"]
    assert [d for d in docs if d["location"].startswith("clients/a/kpis/")] == made["clients/a/kpis/"]
    assert SLOT not in index
    assert by_page["clients/b/"] == PREVIOUS["clients/b/"]  # not built: kept as it was

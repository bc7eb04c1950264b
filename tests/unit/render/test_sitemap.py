"""The one helper that keeps a sitemap out of a built site (the plugin's builds and publish)."""

from __future__ import annotations

from strategy_bible.render.sitemap import remove_sitemap


def test_both_sitemap_files_go_and_nothing_else(tmp_path):
    for name in ("sitemap.xml", "sitemap.xml.gz", "index.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    remove_sitemap(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_a_site_without_sitemap_is_left_as_it_is(tmp_path):
    remove_sitemap(str(tmp_path))
    assert list(tmp_path.iterdir()) == []

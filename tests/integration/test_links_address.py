"""`strategy-bible links` without the site's address prints folders, and says so and how to fix it."""

from __future__ import annotations

from support import FIXTURES, make_project, strategy_bible

SECRET = {"STRATEGY_BIBLE_SECRET": "a-test-secret-that-is-long-enough-0123456789"}
CLIENTS = {"autre": FIXTURES / "valid" / "other-client.yml"}


def test_links_without_site_url_say_they_are_folders_and_how_to_fix_it(tmp_path):
    project = make_project(tmp_path / "bible", CLIENTS, pages=False)
    result = strategy_bible(project, "links", env=SECRET)
    assert result.returncode == 0, result.stderr
    assert "://" not in result.stdout
    assert "these are the clients' folders, not links" in result.stderr
    assert "set site_url in mkdocs.yml" in result.stderr and "--base-url" in result.stderr


def test_links_with_an_address_print_links_and_no_such_note(tmp_path):
    project = make_project(tmp_path / "bible", CLIENTS, pages=False)
    result = strategy_bible(project, "links", "--base-url", "https://agency.example.org/bible", env=SECRET)
    assert result.returncode == 0, result.stderr
    assert "https://agency.example.org/bible/" in result.stdout
    assert "not links" not in result.stderr

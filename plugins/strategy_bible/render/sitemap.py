"""No sitemap in a strategy bible: it would list every page to whoever finds it, and in a published
folder its secret address. The theme writes one at the end of every build; the plugin and
``publish`` remove it with this one helper."""

from __future__ import annotations

from pathlib import Path

SITEMAP_FILES = ("sitemap.xml", "sitemap.xml.gz")


def remove_sitemap(site_dir: str | Path) -> None:
    """Delete the sitemap files of a built site, if there are any."""
    for name in SITEMAP_FILES:
        Path(site_dir, name).unlink(missing_ok=True)

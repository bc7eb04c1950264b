"""The plugin's settings in ``mkdocs.yml`` (``plugins: - strategy-bible: …``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class StrategyBibleConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (for example in a docs-only build)."""

    strategies_dir = c.Type(str, default="strategies")
    """Folder of the strategy files (one ``<slug>.yml`` per client), relative to ``mkdocs.yml``."""

    templates_dir = c.Optional(c.Type(str))
    """Folder of templates overriding the shipped ones, file by file (``kpis.md.jinja``…),
    relative to ``mkdocs.yml``."""

    audience = c.Choice(("client", "internal"), default="client")
    """Who the build is for. ``client`` (the default) leaves out every internal item, the notes
    and the warnings; ``internal`` shows everything, under a banner. Overridden by the
    environment variable ``STRATEGY_BIBLE_AUDIENCE``."""

    clients = c.ListOfItems(c.Type(str), default=[])
    """Build only these clients (slugs). With exactly one, its overview is the site's home.
    Overridden by ``STRATEGY_BIBLE_CLIENTS`` (comma-separated)."""

    verdict_moderate_success = c.Type(float, default=0.75)
    """A KPI whose progress reaches this share of the expected pace is a moderate success (optimise)."""

    verdict_moderate_failure = c.Type(float, default=0.40)
    """A KPI whose progress reaches this share of the expected pace is a moderate failure (change);
    below it, a failure (stop or pivot)."""

    repository_link_for_clients = c.Type(bool, default=False)
    """Keep ``repo_url``'s link to the repository (and the edit buttons) in client builds. Off by
    default: the repository holds every strategy file, internal items included, so a client
    build carries no link to it. Internal builds always keep it, their edit buttons opening each
    client's strategy file."""

    noindex = c.Type(bool, default=True)
    """Ask search engines not to index any page (``<meta name="robots" content="noindex">``) and
    write no sitemap: a strategy bible is for its readers, not for the web at large."""

    timezone = c.Type(str, default="Europe/Paris")
    """Time zone of event times written in strategy files (an IANA name)."""

    workers = c.Optional(c.Type(int))
    """Processes that read and render the clients while MkDocs builds the pages. Left out: one
    per core when there are at least 8 clients to read or render, none otherwise (and none on a
    one-core machine). ``0``: everything in MkDocs' own process."""

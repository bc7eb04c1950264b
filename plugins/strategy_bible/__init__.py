"""Strategy Bible: social-media strategy files (YAML) in, a browsable strategy bible (MkDocs) out.

The package is laid out the way the data flows, each layer importing only the ones before it
(an import-linter contract in ``pyproject.toml`` keeps it so)::

    strategy/   read, model and check a strategy file; what an audience may see of it
    analysis/   verdicts, roll-ups, rates, review periods, the SMART check
    render/     the view of one client, page addresses, templates, charts, downloads
    plugin/     the MkDocs glue          commands/   the ``strategy-bible`` command line

Importing this package imports nothing of MkDocs.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("strategy-bible")
except PackageNotFoundError:  # a source tree on sys.path, not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]

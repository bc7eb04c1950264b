"""``strategy-bible publish``: one client-audience site per client, each under its share-link token.

The output (default ``site/``) is what GitHub Pages serves::

    site/index.html                 a neutral page that lists no client
    site/robots.txt                 asks crawlers to stay away
    site/assets/…                   the theme's files, once for every client (no client data)
    site/<token>/…                  one client's bible, for the client: its pages, downloads and
                                    its own search index

The clients are built in batches, one ``mkdocs build`` per batch and one batch per core at a
time, with the audience forced to ``client`` and each client at the root of its token's folder
(``published_folders``, read by the plugin). A client's pages carry its own navigation only, its
search looks in its own folder, its previous and next links stay in it: what a one-client build
guarantees (no internal item anywhere, no other client) holds folder by folder, and the theme's
2.5 MB of files are published once instead of once per client. See :mod:`published_sites`.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from strategy_bible.commands.environment import forced_environment
from strategy_bible.commands.neutral_page import neutral_page
from strategy_bible.commands.output_folder import empty_output_folder, input_folders
from strategy_bible.commands.progress import Report, silent
from strategy_bible.commands.publish_cache import CacheRefused, Checked, Reuse, check_place, opened, read_checked
from strategy_bible.commands.publish_check import CheckFailed, FileCheck, check_files
from strategy_bible.commands.publish_inputs import Fingerprints, client_fingerprint, fingerprints, site_fingerprint
from strategy_bible.commands.published_sites import SharedFileDiffers, assemble
from strategy_bible.commands.shards import Shard, inputs_digest, write_manifest
from strategy_bible.commands.share_links import ROTATIONS_FILE, read_rotations, token
from strategy_bible.commands.token_redaction import TokenRedactor, tokens_hidden
from strategy_bible.plugin.config import LOG_VARIABLE, PLUGIN_NAME
from strategy_bible.plugin.hooks import StrategyBiblePlugin
from strategy_bible.strategy.files import StrategyFile, files_by_client, shown_source, twins_entry
from strategy_bible.strategy.kept_readings import KeptReadings
from strategy_bible.strategy.problem_log import COUNTS, count_line


class PublishError(Exception):
    """Publishing cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class SharedClient:
    slug: str
    name: str
    token: str
    url: str
    strategy_file: Path = field(default=Path(), compare=False, repr=False)
    reused: bool = field(default=False, compare=False)
    """Copied from the publish cache, not built (see :mod:`publish_cache`)."""
    source: str = field(default="", compare=False, repr=False)
    """The strategy file as the user knows it (``strategies/acme.yml``)."""
    placeholders: int = field(default=0, compare=False, repr=False)
    """How many of the starter's placeholder texts its pages would show."""


def share_table(config_file: Path, secret: str, base_url: str | None = None) -> list[SharedClient]:
    """Every client of the project with its share link (nothing is built)."""
    return _share_table(config_file, _load_config(config_file), secret, base_url)


def _share_table(
    config_file: Path,
    config,
    secret: str,
    base_url: str | None,
    allow_placeholders: bool = True,
    checked: Callable[[str, str, Path], Checked | None] | None = None,
    processes: int | None = None,
    kept: KeptReadings | None = None,
) -> list[SharedClient]:
    """The share table, every strategy file checked (by ``processes`` processes, default one per
    core; each valid file's reading kept in ``kept`` if given). ``checked(slug, token, file)``: what
    an earlier publish found in a file nothing of has changed since (see :mod:`publish_cache`),
    which is then not read again."""
    project = config_file.resolve().parent
    strategies_dir = (project / config.plugins[PLUGIN_NAME].config.strategies_dir).resolve()
    every_file = files_by_client(strategies_dir)
    known: dict[str, tuple[Path, Checked]] = {}
    if checked is not None:
        rotations = read_rotations(project / ROTATIONS_FILE)
        for slug, (path, *others) in every_file.items():
            if not others and path.is_file() and not path.is_symlink():
                memo = checked(slug, token(secret, slug, rotations.get(slug, 0)), path)
                if memo is not None:
                    known[slug] = (path, memo)
    by_client = {slug: group for slug, group in every_file.items() if slug not in known}
    to_read = [(group[0], shown_source(group[0], project)) for group in by_client.values() if len(group) == 1]
    try:
        read = {check.path: check for check in check_files(to_read, processes or os.cpu_count() or 1, kept)}
    except CheckFailed as failed:
        raise PublishError(f"{failed}; nothing was published") from None
    found = [
        read[group[0]] if len(group) == 1 else _twins_check(twins_entry(slug, group, project))
        for slug, group in by_client.items()
    ]
    broken = [check for check in found if check.errors]
    if broken:
        # Counts only: the messages name internal ids and quote internal text, and CI logs are read by others.
        raise PublishError(
            "invalid strategy files, nothing published:\n"
            + "\n".join(count_line(check.source, check.errors, "error") for check in broken)
        )
    clients = [(check.slug, check.path, check.found) for check in found if check.found is not None]
    clients += [(slug, path, memo) for slug, (path, memo) in known.items()]
    if not allow_placeholders:
        _refuse_placeholders([(slug, memo.source, memo.placeholders) for slug, _, memo in clients])
    rotations = read_rotations(project / ROTATIONS_FILE)
    base = _base(config, base_url)
    shared = []
    for slug, path, memo in sorted(clients, key=lambda client: client[0]):
        folder = token(secret, slug, rotations.get(slug, 0))
        url = f"{base}/{folder}/" if base else f"{folder}/"
        shared.append(
            SharedClient(slug, memo.name, folder, url, path, source=memo.source, placeholders=memo.placeholders)
        )
    return shared


def _twins_check(entry: StrategyFile) -> FileCheck:
    return FileCheck(entry.slug, entry.path, entry.source, entry.errors, None)


def _refuse_placeholders(counts: list[tuple[str, str, int]]) -> None:
    """A client whose pages would show a starter's placeholder text ("Secteur d'activité du client")
    is not published: named by its slug and file only (never its link), with where to look.
    ``counts``: each client's slug, file and number of placeholder texts."""
    left = []
    for slug, source, count in sorted(counts):
        if count:
            left.append(
                f"{slug}: {count} placeholder text{'s' if count > 1 else ''} of the starter left "
                f"(`strategy-bible validate {source}` says where)"
            )
    if left:
        raise PublishError(
            "clients still holding the starter's placeholder texts, nothing published (write their own "
            "texts, or publish with --allow-placeholders):\n" + "\n".join(left)
        )


def _base(config, base_url: str | None) -> str:
    """The address the site is served from, without its final slash ("" when unknown)."""
    return (base_url or config.site_url or "").rstrip("/")


BATCH_LIMIT = 100
"""At most this many clients per build: a build's memory grows with its clients."""
PARTS = ".parts"


def publish(
    config_file: Path,
    out: Path,
    secret: str,
    base_url: str | None = None,
    processes: int | None = None,
    allow_placeholders: bool = False,
    progress: Report = silent,
    shard: Shard | None = None,
    cache: Path | None = None,
) -> list[SharedClient]:
    """Build every client into ``out/<token>/``, the theme's files once into ``out/``; returns
    the share table. ``processes``: builds at a time (default: one per core). A client still
    showing a starter's placeholder text is refused unless ``allow_placeholders``. ``progress``
    hears of each finished batch, by counts only. ``shard``: only its clients are built (every
    file is checked all the same) and the table holds only them; see :mod:`shards`. ``cache``: the
    folder of the publish cache, whose unchanged clients are copied instead of built (none: every
    client is built); see :mod:`publish_cache`."""
    config = _load_config(config_file)
    base = _base(config, base_url)
    site_url = base + "/" if base.startswith("http") else None
    # What every client's folder is made from: the cache's key and, with the strategy files, the shards'.
    fingerprinted = cache is not None or shard is not None
    site = (
        site_fingerprint(config_file, load_config(str(config_file), site_url=site_url), site_url)
        if fingerprinted
        else ""
    )
    earlier = read_checked(cache) if cache else {}

    def checked(slug: str, folder: str, path: Path) -> Checked | None:
        return earlier.get(client_fingerprint(site, slug, folder, path))

    processes = max(1, processes or os.cpu_count() or 1)
    # Every file is read once, to be checked, on every core; the batches take the readings from here.
    with TemporaryDirectory(prefix="strategy-bible-publish-") as readings:
        kept = KeptReadings(Path(readings))
        every_client = _share_table(
            config_file, config, secret, base_url, allow_placeholders, checked if earlier else None, processes, kept
        )
        shared = [client for client in every_client if shard is None or shard.holds(client.slug)]
        folders = input_folders(config_file, config)
        try:
            # An earlier publish is emptied, so a rotated link dies; any other folder is refused.
            empty_output_folder(out, "publish", PublishError, folders)
            if cache is not None:  # before the cache folder is made or written
                check_place(cache, {**folders, "the output folder": out})
            with opened(cache) if cache else nullcontext() as store:
                inputs = inputs_digest(site, config_file, config, secret, base) if shard is not None else ""
                prints = (
                    {c.slug: client_fingerprint(site, c.slug, c.token, c.strategy_file) for c in every_client}
                    if store
                    else {}
                )
                reuse = Reuse(store, Fingerprints(site, {c.slug: prints[c.slug] for c in shared}) if store else None)
                to_build = [client for client in shared if client.slug not in reuse.hits]
                batches = _batches([(client.slug, client.token) for client in to_build], processes)
                parts = [out / PARTS / str(number) for number in range(len(batches))]
                jobs = [
                    (config_file, part, dict(batch), site_url, kept) for part, batch in zip(parts, batches, strict=True)
                ]
                try:
                    _build_batches(jobs, processes, progress)
                    assemble(parts, out, {client.token for client in to_build})
                    if parts:
                        (out / PARTS).rmdir()
                    after = _fingerprints(config_file, site_url, to_build) if store and to_build else None
                    reuse.finish(out, {c.slug: c.token for c in shared}, {c.slug for c in to_build}, after)
                except SharedFileDiffers as differing:
                    raise PublishError(
                        f"a file outside the clients' folders differs from one build to the next ({differing}); "
                        "nothing client-specific may be shared, so nothing was published"
                    ) from None
                except Exception as error:
                    # One line, tokens replaced: its message may name a file in a client's folder, and a
                    # traceback would print it again; CI logs may be read by others.
                    said = str(error) if isinstance(error, MkDocsException) else f"{type(error).__name__}: {error}"
                    redact = TokenRedactor({client.token: client.slug for client in shared})
                    raise PublishError(
                        f"a client site could not be built ({redact(said)}); nothing was published"
                    ) from None
                root_page = neutral_page(config.theme.get("language") or config.theme.locale.language)
                (out / "index.html").write_text(root_page, encoding="utf-8")
                (out / "404.html").write_text(root_page, encoding="utf-8")
                (out / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
                (out / ".nojekyll").write_text("", encoding="utf-8")
                if shard is not None:
                    write_manifest(
                        out, shard, inputs, len(every_client), {client.slug: client.token for client in shared}
                    )
                if store is not None:
                    store.forget_unused()  # a removed client's pages, a rotated link's folder: gone
                    store.remember_checked(
                        {prints[c.slug]: Checked(c.name, c.source, c.placeholders) for c in every_client}
                    )
        except CacheRefused as refused:
            raise PublishError(str(refused)) from None
        return [replace(client, reused=client.slug in reuse.hits) for client in shared]


def _batches(clients: list[tuple[str, str]], processes: int) -> list[list[tuple[str, str]]]:
    """The clients cut into batches: at least one per process, at most BATCH_LIMIT clients each."""
    if not clients:
        return []  # nothing to build: a build of no folders would build every client
    count = max(min(processes, len(clients)), math.ceil(len(clients) / BATCH_LIMIT))
    size = math.ceil(len(clients) / count)
    return [clients[start : start + size] for start in range(0, len(clients), size)]


def _build_batches(jobs: list[tuple], processes: int, progress: Report = silent) -> None:
    """Every batch built, ``processes`` at a time; ``progress`` hears how many clients are built."""
    total = sum(len(job[2]) for job in jobs)
    done = 0

    def finished(job: tuple) -> None:
        nonlocal done
        done += len(job[2])
        progress(done, total, f"built {done} of {total} client sites")

    if processes == 1 or len(jobs) == 1:
        for job in jobs:
            _build_batch(*job)
            finished(job)
    else:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            running = {pool.submit(_build_batch, *job): job for job in jobs}
            for future in as_completed(running):
                future.result()
                finished(running[future])


def _build_batch(
    config_file: Path, site_dir: Path, folders: dict[str, str], site_url: str | None, kept: KeptReadings | None = None
) -> None:
    """One ``mkdocs build`` of ``folders``' clients, each at the root of its folder; ``kept``: the
    strategy files as the publish's check read them, not read again while unchanged."""
    # LOG_VARIABLE: the plugin counts warnings instead of printing them (they name internal items).
    # The log names each client's folder by its slug, never by its token (the link's secret).
    redact = TokenRedactor({folder: slug for slug, folder in folders.items()})
    with forced_environment({LOG_VARIABLE: COUNTS}), tokens_hidden(redact):
        config = load_config(str(config_file), site_dir=str(site_dir), site_url=site_url)
        plugin = config.plugins[PLUGIN_NAME]
        assert isinstance(plugin, StrategyBiblePlugin)
        # MkDocs keeps one instance of a plugin per process, whatever the config it loads: what a
        # publish sets on it must not outlive the publish (a later build would see only its clients).
        plugin.published_folders = folders
        plugin.read_ahead = kept
        plugin.config["workers"] = 0  # the batches are the parallel work: one process each
        # As `mkdocs build` runs it: a plugin's state from an earlier command of this process (a
        # serve's kept library, say) is not this build's.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
            plugin.published_folders = plugin.read_ahead = None


def _fingerprints(config_file: Path, site_url: str | None, clients: list[SharedClient]):
    """What each client's folder is made from (see :mod:`publish_inputs`), from the settings as a
    batch's build loads them: a build changes the settings it was given (the search plugin's)."""
    config = load_config(str(config_file), site_url=site_url)
    return fingerprints(config_file, config, site_url, [(c.slug, c.token, c.strategy_file) for c in clients])


def _load_config(config_file: Path):
    config = load_config(str(config_file))
    if config.plugins.get(PLUGIN_NAME) is None:
        raise PublishError(f"{config_file} does not use the {PLUGIN_NAME} plugin")
    return config

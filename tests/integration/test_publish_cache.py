"""`publish` with its cache (issue 25): an unchanged client's folder is copied from the cache, and
the result is, byte for byte, what a publish without cache makes; every input a folder is made from
invalidates it. Small projects, one process: each publish takes a second or two."""

from __future__ import annotations

import datetime as dt
import shutil
import types
from pathlib import Path

import pytest

from strategy_bible.analysis.clock import build_time
from strategy_bible.commands import publish_cache, publish_inputs
from strategy_bible.commands.publish import PublishError, publish
from strategy_bible.commands.share_links import rotate, token
from strategy_bible.commands.starter import starter_text
from strategy_bible.render.renderer import default_templates_dir

from support import FIXTURES, make_project

SECRET = "a-test-secret-that-is-long-enough-0123456789"
DAY = 1780000000
CLIENTS = {"confiance": FIXTURES / "valid" / "confidential.yml", "quokka": FIXTURES / "valid" / "other-client.yml"}
BOTH = frozenset(CLIENTS)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (and every folder, as an empty value)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else b"<folder>"
        for path in sorted(folder.rglob("*"))
    }


def published(project: Path, out: Path, cache: Path | None, secret: str = SECRET) -> dict[str, bool]:
    """Publish ``project`` into ``out``; whether each client was reused from the cache, by slug."""
    shared = publish(project / "mkdocs.yml", out, secret, "https://agency.github.io/bible", processes=1, cache=cache)
    return {client.slug: client.reused for client in shared}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A project published once without cache (the reference) and once into an empty cache."""
    root = tmp_path_factory.mktemp("warm")
    project = make_project(root / "project", CLIENTS, plugin_config="      templates_dir: tpl\n")
    (project / "tpl").mkdir()
    edit(project / "mkdocs.yml", "copyright: © Agence Lumière", 'copyright: !ENV [BIBLE_COPYRIGHT, "© Agence Lumière')
    edit(project / "mkdocs.yml", "pour nos clients\n", 'pour nos clients"]\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(DAY))
        assert published(project, root / "full", None) == {"confiance": False, "quokka": False}
        assert published(project, root / "cold", root / "cache") == {"confiance": False, "quokka": False}
    assert tree(root / "cold") == tree(root / "full")
    return root


@pytest.fixture
def copy(warm, tmp_path, monkeypatch):
    """The warm project and its cache, copied: a test may change them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY))
    shutil.copytree(warm / "project", tmp_path / "project")
    shutil.copytree(warm / "cache", tmp_path / "cache")
    return tmp_path


def test_nothing_changed_every_folder_is_reused_and_the_site_is_the_same_bytes(warm, copy):
    """The root's shared files come from the cache too: no build at all writes them."""
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True, "quokka": True}
    assert tree(copy / "out") == tree(warm / "full")


def test_one_client_changed_the_site_is_what_a_publish_without_cache_makes(copy):
    quokka = copy / "project/strategies/quokka.yml"
    quokka.write_text(quokka.read_text(encoding="utf-8").replace("Quokka", "Wombat"), encoding="utf-8")
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True, "quokka": False}
    published(copy / "project", copy / "full", None)
    assert tree(copy / "out") == tree(copy / "full")
    assert "Wombat" in (copy / "out" / token(SECRET, "quokka") / "index.html").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def a_strategy_file(root: Path, monkeypatch) -> frozenset[str]:
    edit(root / "project/strategies/quokka.yml", "Quokka", "Wombat")
    return frozenset({"quokka"})


def a_hand_written_page(root: Path, monkeypatch) -> frozenset[str]:
    page = root / "project/pages/methode.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    return BOTH


def an_image_of_the_docs_folder(root: Path, monkeypatch) -> frozenset[str]:
    (root / "project/pages/assets/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return BOTH


def a_template_of_the_project(root: Path, monkeypatch) -> frozenset[str]:
    """A shipped template copied into templates_dir with a Jinja comment added: what renders is the
    same, but nothing short of rendering it can know that."""
    shipped = next(path for path in sorted(default_templates_dir().glob("*.jinja")) if not path.name.startswith("_"))
    (root / "project/tpl" / shipped.name).write_text(shipped.read_text(encoding="utf-8") + "{# edited #}\n")
    return BOTH


def a_setting_of_mkdocs_yml(root: Path, monkeypatch) -> frozenset[str]:
    edit(root / "project/mkdocs.yml", "© Agence Lumière", "© Agence Pénombre")
    return BOTH


def a_setting_from_the_environment(root: Path, monkeypatch) -> frozenset[str]:
    """``!ENV`` in mkdocs.yml: the file's bytes stay the same, the loaded setting changes."""
    monkeypatch.setenv("BIBLE_COPYRIGHT", "© Agence Crépuscule")
    return BOTH


def the_plugin_version(root: Path, monkeypatch) -> frozenset[str]:
    real = publish_inputs.distributions
    fake = types.SimpleNamespace(metadata={"Name": "strategy-bible"}, version="99.0")
    monkeypatch.setattr(publish_inputs, "distributions", lambda: [*real(), fake])
    return BOTH


def the_plugin_source(root: Path, monkeypatch) -> frozenset[str]:
    """A developer's edit of the plugin's code, its version number the same."""
    package = Path(publish_inputs.strategy_bible.__file__).parent
    edited = root / "edited" / "strategy_bible"
    shutil.copytree(package, edited, ignore=shutil.ignore_patterns("__pycache__"))
    with (edited / "analysis" / "verdict.py").open("a", encoding="utf-8") as code:
        code.write("# an edit\n")
    monkeypatch.setattr(publish_inputs, "strategy_bible", types.SimpleNamespace(__file__=str(edited / "__init__.py")))
    return BOTH


def the_build_day(root: Path, monkeypatch) -> frozenset[str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY + 86_400))
    return BOTH


def the_secret(root: Path, monkeypatch) -> frozenset[str]:
    monkeypatch.setattr(f"{__name__}.SECRET", SECRET.replace("a-test", "b-test"))
    return BOTH


def a_rotated_link(root: Path, monkeypatch) -> frozenset[str]:
    rotate(root / "project/share-links.yml", "quokka")
    return frozenset({"quokka"})


@pytest.mark.parametrize(
    "change",
    [
        a_strategy_file,
        a_hand_written_page,
        an_image_of_the_docs_folder,
        a_template_of_the_project,
        a_setting_of_mkdocs_yml,
        a_setting_from_the_environment,
        the_plugin_version,
        the_plugin_source,
        the_build_day,
        the_secret,
        a_rotated_link,
    ],
)
def test_every_input_of_a_folder_invalidates_it(copy, monkeypatch, change):
    """A stale reuse is a leak or a wrong figure: each change rebuilds the clients it touches and
    only them; the cache then holds one entry per client, none of the old ones."""
    rebuilt = change(copy, monkeypatch)
    reused = published(copy / "project", copy / "out", copy / "cache", SECRET)
    assert {slug for slug, was_reused in reused.items() if not was_reused} == rebuilt
    assert len(list((copy / "cache/clients").iterdir())) == len(CLIENTS)
    assert len(list((copy / "cache/shared").iterdir())) == 1


def test_the_changes_reach_the_pages(copy, monkeypatch):
    """So that the cases above change what they claim: each change shows in the published pages."""
    a_hand_written_page(copy, monkeypatch)
    a_setting_of_mkdocs_yml(copy, monkeypatch)
    the_build_day(copy, monkeypatch)
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": False, "quokka": False}
    folder = copy / "out" / token(SECRET, "confiance")
    assert "Une ligne de plus." in (folder / "methode/index.html").read_text(encoding="utf-8")
    assert "Agence Pénombre" in (folder / "index.html").read_text(encoding="utf-8")
    assert "DTSTAMP:20260529T" in (folder / "events.ics").read_text(encoding="utf-8")  # DAY + 1 day


def test_a_removed_client_leaves_nothing_in_the_cache(copy):
    """Confidentiality: the pages of a client no longer published do not linger anywhere."""
    (copy / "project/strategies/quokka.yml").unlink()
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True}
    texts = [path.read_bytes() for path in (copy / "cache").rglob("*") if path.is_file()]
    assert texts and not [text for text in texts if b"Quokka" in text or token(SECRET, "quokka").encode() in text]


def test_the_day_without_source_date_epoch_is_the_utc_date(monkeypatch):
    """The real clock: two publishes of one day share their folders (the calendars keep the moment
    they were built), the next day's do not; SOURCE_DATE_EPOCH fixes the exact moment."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    moments = iter([dt.datetime(2026, 5, 28, 0, 0, 1, tzinfo=dt.UTC), dt.datetime(2026, 5, 28, 23, 59, tzinfo=dt.UTC)])
    monkeypatch.setattr(publish_inputs, "build_time", lambda: next(moments))
    assert publish_inputs._build_day() == publish_inputs._build_day() == "2026-05-28"
    monkeypatch.setattr(publish_inputs, "build_time", lambda: dt.datetime(2026, 5, 29, tzinfo=dt.UTC))
    assert publish_inputs._build_day() == "2026-05-29"
    monkeypatch.setattr(publish_inputs, "build_time", build_time)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY))
    fixed = publish_inputs._build_day()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DAY + 1))
    assert publish_inputs._build_day() != fixed


def test_an_entry_is_kept_whole_or_not_at_all(copy, monkeypatch):
    """A publish stopped while it copies a folder into the cache leaves no half entry; what a
    killed one left in ``incoming/`` is removed by the next publish, never reused."""
    edit(copy / "project/strategies/quokka.yml", "Quokka", "Wombat")

    def dies_half_way(source, target, *args, **options):
        shutil.copytree(source, target, *args, **options)
        (Path(target) / "index.html").unlink()  # half the files written, then the interruption
        raise KeyboardInterrupt

    monkeypatch.setattr(publish_cache, "shutil", types.SimpleNamespace(copytree=dies_half_way, rmtree=shutil.rmtree))
    with pytest.raises(KeyboardInterrupt):
        published(copy / "project", copy / "out", copy / "cache")
    monkeypatch.setattr(publish_cache, "shutil", shutil)
    assert not list((copy / "cache/incoming").iterdir())
    killed = copy / "cache/incoming/clients-0123"  # as a publish killed mid-copy (SIGKILL) leaves it
    killed.mkdir()
    (killed / "index.html").write_text("half", encoding="utf-8")
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True, "quokka": False}
    assert not killed.exists()
    published(copy / "project", copy / "full", None)
    assert tree(copy / "out") == tree(copy / "full")


def test_a_cache_folder_that_is_not_one_is_refused_with_nothing_written(copy):
    project = copy / "project"
    mine = copy / "mine"
    mine.mkdir()
    (mine / "clients").mkdir()
    (mine / "clients" / "thesis.txt").write_text("keep me", encoding="utf-8")
    cases = {
        mine: "is not empty and is not a publish cache",
        copy / "out" / "cache": "is inside the output folder",
        project / "pages" / "cache": "is inside the docs folder",
        project / "strategies" / "cache": "is inside the strategies folder",
        copy: "holds it",
    }
    for cache, said in cases.items():
        with pytest.raises(PublishError, match=said):
            published(project, copy / "out", cache)
    assert (mine / "clients" / "thesis.txt").read_text(encoding="utf-8") == "keep me"
    assert not (project / "pages" / "cache").exists() and not (project / "strategies" / "cache").exists()


def test_an_unchanged_file_is_not_read_again_a_changed_one_is(copy, strategy_reads):
    """Reading and validating a file costs a tenth of a second: a warm publish of a hundred
    clients would spend most of its time there. What the last publish found is kept by fingerprint.
    The check and the build both read in this process (processes=1), where the reads are counted."""

    def read() -> list[str]:
        return [path.stem for path in strategy_reads]

    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True, "quokka": True}
    assert read() == []
    edit(copy / "project/strategies/quokka.yml", "Quokka", "Wombat")
    assert published(copy / "project", copy / "out", copy / "cache") == {"confiance": True, "quokka": False}
    assert read() == ["quokka"]  # by the check; the build takes its reading (see test_publish_readings)
    strategy_reads.clear()
    assert published(copy / "project", copy / "no-cache", None) == {"confiance": False, "quokka": False}
    assert sorted(read()) == ["confiance", "quokka"]  # without a cache, every file is read


def test_a_file_kept_as_checked_is_still_refused_for_its_placeholders_and_errors(copy):
    """A client published with --allow-placeholders is refused by the next publish without it,
    although its file is not read again; a file that became invalid is read and refused."""
    project = copy / "project"
    (project / "strategies/nouveau.yml").write_text(starter_text("nouveau", today=dt.date(2026, 5, 1)))
    root = project / "mkdocs.yml"
    publish(root, copy / "out", SECRET, processes=1, cache=copy / "cache", allow_placeholders=True)
    with pytest.raises(PublishError, match="nouveau: 10 placeholder texts of the starter left"):
        publish(root, copy / "out", SECRET, processes=1, cache=copy / "cache")
    edit(project / "strategies/quokka.yml", "client:", "client:\n  unknown_key: 1")
    with pytest.raises(PublishError, match=r"strategies/quokka.yml: 1 error"):
        publish(root, copy / "out", SECRET, processes=1, cache=copy / "cache", allow_placeholders=True)

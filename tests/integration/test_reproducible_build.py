"""Two builds of the same files with SOURCE_DATE_EPOCH set are the same bytes, events.ics included."""

from pathlib import Path

from support import make_project, mkdocs


def build(project: Path, env: dict[str, str]) -> Path:
    """The real command, each build in its own process: another hash seed, another order of sets."""
    mkdocs(project, "build", "--strict", env=env)
    return project / "site"


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_two_builds_with_source_date_epoch_are_the_same_bytes(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1767225600", "STRATEGY_BIBLE_CLIENTS": "brasserie-du-canal"}
    first = files_of(build(make_project(tmp_path / "a"), env=env))
    second = files_of(build(make_project(tmp_path / "b"), env=env))
    assert "events.ics" in first
    assert b"DTSTAMP:20260101T000000Z" in first["events.ics"]
    assert first == second

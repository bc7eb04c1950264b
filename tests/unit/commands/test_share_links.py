"""share-links.yml: one `slug: number` line per client, read strictly, rotated under the file's lock."""

from __future__ import annotations

import fcntl
import os
import re

import pytest

from strategy_bible.commands import share_links
from strategy_bible.commands.file_lock import lock_path
from strategy_bible.commands.share_links import ShareLinkError, read_rotations, rotate, token

SECRET = "a-test-secret-that-is-long-enough-0123456789"


def test_a_slug_given_twice_is_an_error_placed_as_in_strategy_files(tmp_path):
    """Rotation once wrote to the first line while the second one won: a new link was printed, the
    token did not change, and the leaked link kept working."""
    path = tmp_path / "share-links.yml"
    text = "# rotations\nquokka: 0\nconfiance: 2\nquokka: 0\n"
    path.write_text(text, encoding="utf-8")
    expected = "share-links.yml:4:1: quokka: duplicate key 'quokka' (already given at line 2, column 1); keep one"
    with pytest.raises(ShareLinkError) as read:
        read_rotations(path)
    assert str(read.value) == expected
    with pytest.raises(ShareLinkError) as rotated:
        rotate(path, "quokka")
    assert str(rotated.value) == expected
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "line",
    ["quokka 1", "quokka: one", "  quokka: 1", "quokka: -1", "Quokka: 1", "quokka: 1 2", "{quokka: 1}", "quokka:1"],
)
def test_a_line_that_is_not_slug_colon_number_is_placed(tmp_path, line):
    path = tmp_path / "share-links.yml"
    path.write_text(f"confiance: 1\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ShareLinkError, match=r"^share-links\.yml:3:1: expected 'slug: number'"):
        read_rotations(path)


def test_text_that_is_not_utf8_is_placed(tmp_path):
    path = tmp_path / "share-links.yml"
    path.write_bytes(b"# caf\xe9\nquokka: 1\n")
    with pytest.raises(ShareLinkError, match=r"^share-links\.yml:1:6: the file is not UTF-8"):
        read_rotations(path)


def test_rotate_changes_the_number_and_keeps_every_other_byte(tmp_path):
    path = tmp_path / "share-links.yml"
    text = "\ufeff# Rotations\r\n\r\nquokka: 9   # leaked on 2026-03-02\r\n# confiance next\r\nconfiance: 0\r\n"
    path.write_bytes(text.encode("utf-8"))
    old = token(SECRET, "quokka", read_rotations(path)["quokka"])
    assert rotate(path, "quokka") == 10
    assert path.read_bytes() == text.replace("quokka: 9", "quokka: 10").encode("utf-8")
    assert token(SECRET, "quokka", read_rotations(path)["quokka"]) != old
    assert rotate(path, "lumiere") == 1  # a client not in the file yet gets a line at the end
    assert path.read_bytes().endswith(b"confiance: 0\r\nlumiere: 1\n")
    assert read_rotations(path) == {"quokka": 10, "confiance": 0, "lumiere": 1}


def test_rotate_makes_the_file_with_its_header(tmp_path):
    path = tmp_path / "share-links.yml"
    assert rotate(path, "quokka") == 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Share-link rotations") and text.endswith("\nquokka: 1\n")
    assert read_rotations(tmp_path / "nothing.yml") == {}


def test_rotate_reads_and_writes_under_the_files_lock(tmp_path, monkeypatch):
    """Another writer's change between our read and our write would be lost without the lock."""
    path = tmp_path / "share-links.yml"
    path.write_text("quokka: 1\n", encoding="utf-8")
    seen = []
    entries = share_links._entries

    def reading(raw, target, shown):
        descriptor = os.open(lock_path(target), os.O_RDWR)  # a second opening: a lock of its own
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(descriptor)
        seen.append(raw)
        return entries(raw, target, shown)

    monkeypatch.setattr(share_links, "_entries", reading)
    assert rotate(path, "quokka") == 2
    assert seen and seen[0] == b"quokka: 1\n"


def test_a_rotation_that_does_not_reach_the_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "share-links.yml"
    path.write_text("quokka: 1\n", encoding="utf-8")
    monkeypatch.setattr(share_links, "write_atomically", lambda target, data: None)
    with pytest.raises(ShareLinkError, match="did not reach the file; the link did not change"):
        rotate(path, "quokka")


# --- tokens and rotation (were in the integration tests; they build nothing) ---------------------


def test_tokens_are_long_stable_and_secret_dependent():
    first = token(SECRET, "confiance")
    assert first == token(SECRET, "confiance")
    assert len(first) == 26 and re.fullmatch(r"[a-z2-7]{26}", first)  # 130 bits
    assert first != token(SECRET, "quokka")
    assert first != token(SECRET + "x", "confiance")
    assert first != token(SECRET, "confiance", rotation=1)


def test_rotation_changes_one_line_and_keeps_the_rest(tmp_path):
    rotations = tmp_path / "share-links.yml"
    rotations.write_text("# our clients\nquokka: 3   # renewed in May\nconfiance: 0\n", encoding="utf-8")
    assert rotate(rotations, "confiance") == 1
    assert rotations.read_text() == "# our clients\nquokka: 3   # renewed in May\nconfiance: 1\n"
    assert rotate(rotations, "new-client") == 1
    assert read_rotations(rotations) == {"quokka": 3, "confiance": 1, "new-client": 1}

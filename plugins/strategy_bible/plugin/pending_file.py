"""A generated file whose content may still be in the making: what MkDocs gets in ``on_files``
for each client page and download (see pending_files, which sets them going and fills them)."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from strategy_bible.render.html_pages import PreparedPage


class PendingFile(File):
    """A generated file whose content may still be in the making (in a worker process): reading
    it, in any way, waits for it. MkDocs 1.6 reads a generated file's content through ``_content``
    alone (``content_string``, ``content_bytes``, ``copy_file``), so that is where it waits."""

    _PENDING = object()
    _fill: Callable[[], None]

    @classmethod
    def waiting(cls, config: MkDocsConfig, uri: str, fill: Callable[[], None]) -> PendingFile:
        file = cls.generated(config, uri, content=b"")
        assert isinstance(file, cls)
        file.__dict__["_held"], file._fill = cls._PENDING, fill
        return file

    prepared: PreparedPage | None = None
    """The page made as HTML, whose content (its Markdown) is then only its title (see render.html_pages)."""

    unchanged = False
    """``serve --dirty``: the same bytes as the last build wrote (see dirty_rebuild)."""

    def is_modified(self) -> bool:
        """Whether MkDocs must read and write it again (only a dirty build asks). Answered
        without the content, which would wait for it."""
        return not self.unchanged

    @property
    def _content(self) -> str | bytes | None:
        if self.__dict__["_held"] is self._PENDING:
            self._fill()
        return self.__dict__["_held"]

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.__dict__["_held"] = value

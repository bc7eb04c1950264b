"""Each table cell labelled with its column's heading (``data-label``), so that on a phone the
stylesheet can show a wide table's rows as cards ("Taux de clic : 1,8 %") instead of a table
scrolling sideways. Markdown tables cannot carry attributes per cell: this Markdown extension adds
them once the table is parsed, so the templates keep writing plain Markdown tables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX

LABEL = "data-label"
_PLACEHOLDER = re.compile(STX + r"wzxhzdk:(\d+)\x03")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


class TableLabels(Extension):
    """``markdown_extensions`` entry: every table of a page gets its cells labelled."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20) and the unescaping of backslash escapes (0): the headings'
        # text is final, but for raw HTML still in the stash.
        md.treeprocessors.register(_LabelCells(md), "strategy_bible_table_labels", -5)


class _LabelCells(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            headings = [self._text(th) for th in table.findall("./thead/tr/th")]
            for row in table.findall("./tbody/tr"):
                for heading, cell in zip(headings, row.findall("td"), strict=False):
                    if heading:
                        cell.set(LABEL, heading)

    def _text(self, heading: etree.Element) -> str:
        """The heading as read: raw HTML in it (kept aside by Markdown until the end) without tags."""
        text = _PLACEHOLDER.sub(self._raw_html, "".join(heading.itertext()))
        return _SPACES.sub(" ", text).strip()

    def _raw_html(self, match: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        return _TAG.sub("", str(blocks[index])) if index < len(blocks) else ""


def makeExtension(**settings: object) -> TableLabels:
    """Python-Markdown's entry point: ``markdown_extensions`` can name this module."""
    return TableLabels(**settings)

"""Interface labels in French (first: the method and its users are French) and English.

Templates call ``t("key")``; the language follows MkDocs' ``theme.language``. A language without
labels here falls back to English. One module per language (``fr.py``, ``en.py``), with the same
keys (a test checks).
"""

from __future__ import annotations

from strategy_bible.render.labels.en import EN
from strategy_bible.render.labels.fr import FR

__all__ = ["EN", "FR", "LABELS", "Labels"]

LABELS = {"fr": FR, "en": EN}


class Labels:
    """``labels("page.kpis")`` → the label in the site's language; ``{name}`` fields filled from kwargs."""

    def __init__(self, language: str):
        self.language = language if language in LABELS else "en"
        self._labels = LABELS[self.language]

    def __call__(self, key: str, **fields: object) -> str:
        text = self._labels.get(key) or EN.get(key) or key
        return text.format(**fields) if fields else text

"""The starter's placeholder texts: what ``strategy-bible new`` writes for the agency to replace.

They are valid text, so without this list a starter's "Secteur d'activité du client" passed
``validate --strict`` and was published to a client. Each one left in a file is a warning
(:mod:`strategy_bible.strategy.advice`), and ``publish`` refuses a client still holding one.
Keep the list in step with ``templates/starter.yml.jinja`` (a test checks that each is there).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "Secteur d'activité du client",
        "Qui est le client et ce qu'il attend des réseaux sociaux, en deux ou trois phrases (texte en *Markdown*).",
        "Ce qu'elle attend, où elle se trouve.",
        "L'attente du client derrière cet objectif (*pourquoi* il y tient).",
        "Comment l'action se déroule (texte en *Markdown*).",
        "Ville",
        "Le ton du client, les mots qu'on emploie et ceux qu'on évite (texte en *Markdown*).",
        "Les règles de la maison que l'on demande aux membres de respecter (texte en *Markdown*).",
        "Comment la reconnaître.",
        "Le message d'attente à publier (texte en *Markdown*).",
        "À compléter.",
    }
)

Path = tuple[str | int, ...]


def placeholders_left(model: BaseModel) -> Iterator[tuple[Path, str]]:
    """Each text of ``model`` (a strategy) that is still a starter's placeholder, with its path."""
    yield from ((path, text) for path, text in _texts(model, ()) if " ".join(text.split()) in PLACEHOLDERS)


def _texts(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in value.model_fields_set:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))

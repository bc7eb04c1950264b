"""What a client must never see: the internal texts and ids of the examples and of the
confidential fixture, the needles every confidentiality test looks for."""

from __future__ import annotations

from pathlib import Path

from strategy_bible.strategy.loader import load_yaml

from support import FIXTURES

CONFIDENTIAL = FIXTURES / "valid" / "confidential.yml"
DERIVED = FIXTURES / "valid" / "derived-internal.yml"
"""Items a client build hides by derivation, never marked internal themselves, one of each kind."""

# (the text replaced, its replacement): each puts one error inside an item that a client build hides
# although it is not marked internal, or inside one of those it is derived from
INSIDE_DERIVED = {
    "an action serving internal objectives only": (
        "title: Zanzibar dossier acheteur,",
        "title: Zanzibar dossier acheteur, status: Zanzibar busy,",
    ),
    "a KPI of an internal objective": (
        "name: Zanzibar acheteurs contactés,",
        "name: Zanzibar acheteurs contactés, unit: Zanzibar units,",
    ),
    "an event serving internal objectives only": (
        "title: Zanzibar dîner acheteur,",
        "title: Zanzibar dîner acheteur, capacity: Zanzibar many,",
    ),
    "a pillar whose every objective is internal": (
        "name: Zanzibar chiffres rassurants,",
        "name: Zanzibar chiffres rassurants, share: Zanzibar half,",
    ),
    "a means item funding only an action internal by derivation": (
        "label: Zanzibar impression du dossier, planned: 100,",
        "label: Zanzibar impression du dossier, planned: Zanzibar lots,",
    ),
    "a means item funding only internal actions": (
        "label: Zanzibar honoraires, planned: 100,",
        "label: Zanzibar honoraires, planned: Zanzibar lots,",
    ),
    "a means item funding only an internal event": (
        "label: Zanzibar vins du dîner, planned: 100,",
        "label: Zanzibar vins du dîner, planned: Zanzibar lots,",
    ),
    "a means item funding internal actions and events": (
        "label: Zanzibar frais divers, planned: 100,",
        "label: Zanzibar frais divers, planned: Zanzibar lots,",
    ),
    "a decision about a KPI internal by derivation, in a client review": (
        "decision: continue, reason: Zanzibar",
        "decision: Zanzibar go, reason: Zanzibar",
    ),
    "a decision about an internal KPI, in a client review": (
        "decision: stop, reason: Zanzibar",
        "decision: Zanzibar halt, reason: Zanzibar",
    ),
}

EXAMPLE_SECRETS = [
    # the hidden objective, its action, KPI, event and the notes of the agency-size example
    "rachat-local",
    "Préparer l'entrée d'un investisseur",
    "dossier-investisseur",
    "valorisation-communaute",
    "diner-associes",
    "Dîner de présentation aux investisseurs",
    "Budget publicitaire : 150 €",
    # the English example's internal objective, KPI and notes
    "staff-morale",
    "Show the mechanics their work is seen",
    "team-posts",
    "Sam leaves in March 2027",
    # the example's internal editorial pillar and calendar item (editorial page, calendar.ics)
    "coulisses-associes",
    "Les chiffres qui rassurent un investisseur",
    "teaser-investisseurs",
    "Deux ans de croissance en chiffres",
    # the example's internal crisis level (community page, bible.json)
    "crise-rachat",
    "Fuite sur l'entrée d'un investisseur",
    # the example's internal means item (means page, its totals, bible.json)
    "etude-valorisation",
    "Étude de valorisation de la communauté",
    # the example's internal review and its decision (review pages, KPI history, bible.json)
    "revue-associes-t3",
    "Point sur les chiffres à montrer à l'investisseur",
    "La communauté progresse comme prévu",
]


def internal_texts(path: Path) -> list[str]:
    """The texts and ids of the file's internal items (those holding the marker word)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and "zanzibar" in value.lower():
            found.append(value)

    walk(load_yaml(path).data)
    return found

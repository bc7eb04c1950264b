"""Every message a page can show besides the labels — the advice (warnings of an internal build),
the review warning, the masked errors of a client serve, an internal error — exists in French and
English: pages say it in their reader's language, the terminal keeps the English."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path
from typing import get_args

from strategy_bible.analysis.reviews import with_review_warnings
from strategy_bible.analysis.verdict import Decision, Verdict
from strategy_bible.render.labels import EN, FR
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import CLIENT_PAGES
from strategy_bible.strategy import files
from strategy_bible.strategy.dates import impossible_day
from strategy_bible.strategy.files import StrategyLibrary, read_strategy
from strategy_bible.strategy.model import CalendarStatus, PostFormat
from strategy_bible.strategy.numbers import too_many_digits
from strategy_bible.strategy.problem_visibility import problems_for_client
from strategy_bible.strategy.problems import Problem, Said, internal_error
from strategy_bible.strategy.rules import KIND

from support import FIXTURES, REPO

ADVICE = """client: {name: Advice Needed}
period: {start: 2026-01-01, end: 2026-12-31}
channels:
  - {id: linkedin, name: LinkedIn, axes: [notoriety]}
objectives:
  - {id: judged, title: Judged objective, axis: image}
  - {id: unjudged, title: Unjudged objective, axis: traffic}
actions:
  - {id: afterwork, title: Afterwork offer, objectives: [judged], channel: linkedin}
events:
  - {id: open-day, title: Open day, format: other, start: 2026-03-01T10:00}
kpis:
  - id: mentions
    name: Positive mentions
    objective: judged
    baseline: {value: 10, date: 2026-01-01}
    target: {value: 20, date: 2026-12-31}
community:
  moderation:
    - {id: complaint, case: A complaint, response: answer, within_hours: 4}
"""
WHOLE = FIXTURES / "valid" / "whole-bible.yml"
FRENCH, ENGLISH = Renderer("fr"), Renderer("en")


LABEL_KEY = re.compile(r"([a-z_]+)\.[a-z_]+")
FILE_NAME = re.compile(r".+\.(md|csv|ics|json|ya?ml|html|jinja|css|js|svg|png|pdf|txt)")


def label_keys_of_the_code() -> tuple[dict[str, str], dict[str, str]]:
    """Every text of the code written like a label key of a known kind (``"invalid.date"``, whether
    it is a ``Worded`` message's, a pydantic error's, a branch of a conditional or a template's
    ``labels("page.kpis")``), and every key built from a variable (``f"months.{name}"``, by the part
    before the variable): each with the place it is written."""
    prefixes = {key.split(".")[0] for key in EN}
    written: dict[str, str] = {}
    built: dict[str, str] = {}
    for path in sorted((REPO / "plugins").rglob("*.py")):
        if "labels" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts_of_built = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts_of_built.update(id(part) for part in node.values)
                first = node.values[0]
                prefix = first.value if isinstance(first, ast.Constant) else None
                if isinstance(prefix, str) and re.fullmatch(r"[a-z_]+\.", prefix) and prefix[:-1] in prefixes:
                    built.setdefault(prefix, f"{path.name}:{node.lineno}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts_of_built:
                key = LABEL_KEY.fullmatch(node.value)
                if key and key.group(1) in prefixes and not FILE_NAME.fullmatch(node.value):
                    written.setdefault(node.value, f"{path.name}:{node.lineno}")
    return written, built


def month_keys() -> set[str]:
    """The month names a date that does not exist says (``"February 2027 has 28 days"``)."""
    days = [impossible_day(f"2027-{month:02d}-32") for month in range(1, 13)]
    return set().union(*(said_keys(getattr(day, "said", None)) for day in days)) - {"invalid.month_days"}


BUILT_KEYS = {
    "months.": month_keys,
    "kinds.": lambda: {f"kinds.{section}" for section in KIND},
    "page.": lambda: {f"page.{kind}" for kind in CLIENT_PAGES},
    "verdict.": lambda: {f"verdict.{verdict.value}" for verdict in Verdict},
    "decision.": lambda: {f"decision.{decision.value}" for decision in Decision},
    "post_format.": lambda: {f"post_format.{value}" for value in get_args(PostFormat)},
    "calendar_status.": lambda: {f"calendar_status.{value}" for value in get_args(CalendarStatus)},
}
"""The keys the code builds from a variable, by their first part: every value the variable takes."""


def test_every_label_key_of_the_code_exists_in_both_languages():
    """Written out, in a conditional, passed by a name (``Worded(_TAB, "invalid.tab_indent")``) or in a
    pydantic error's context: a key missing in French or English fails here, before a page shows it
    as its bare key or in English."""
    written, built = label_keys_of_the_code()
    assert {"invalid.tab_indent", "invalid.indent_unknown_one", "invalid.date", "page.error"} <= set(written)
    assert {"months.", "kinds."} <= set(built), built  # the scan finds keys built from a variable
    unlisted = {prefix: place for prefix, place in built.items() if prefix not in BUILT_KEYS}
    assert not unlisted, f"list the values of these keys in BUILT_KEYS: {unlisted}"
    keys = set(written).union(*(BUILT_KEYS[prefix]() for prefix in built))
    assert len(month_keys()) == 12
    missing = {key: written.get(key, "built") for key in keys if key not in FR or key not in EN}
    assert not missing, missing


BROKEN = """client:
  name: [a, list]
  secteur: Shop
  website: ftp://x
period:
  start: 2026-01-01
  cadence: monthy
channels:
  - {id: Insta Gram, name: "", audiences: nope, axes: []}
objectives:
  - {id: grow, title: Grow, axis: visiblity, deadline: [2026]}
events:
  - {id: e, title: E, format: other, start: 2026-03-01, capacity: -3, objectives: [grow]}
kpis:
  - {id: k, name: K, objective: grow, baseline: {value: 1, date: 2026-01-01}, target: {value: 2, date: 2026-12-31},
     measurements: {a: 1}}
actions:
  - {id: a, title: A, objectives: [grow], checklist: [{task: T, done: maybe}]}
"""


def test_the_errors_of_a_broken_file_are_said_in_the_readers_language(tmp_path):
    """The error page of a French site was French around English messages."""
    path = tmp_path / "acme.yml"
    path.write_text(BROKEN, encoding="utf-8")
    errors = read_strategy(path, "strategies/acme.yml").errors
    said = [p for p in errors if p.said]
    assert {p.said.key for p in said if p.said} >= {
        "invalid.missing",
        "invalid.unknown_key",
        "invalid.not_allowed",
        "invalid.web_address",
        "invalid.id",
        "invalid.empty_text",
        "invalid.text",
        "invalid.list",
        "invalid.bool",
        "invalid.at_least",
    }, [str(p) for p in errors]
    for problem in said:
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        french = FRENCH.message(problem)
        assert not re.search(r"\b(is|not allowed|expected|got|did you mean|or|use|the)\b", french), french
    page = html.unescape(FRENCH.error_page("strategies/acme.yml", errors, None, internal=True))
    assert "clé inconnue « secteur » (vouliez-vous dire « sector » ?)" in page
    assert "'monthy' n'est pas permis ; utilisez monthly, quarterly, semester ou yearly" in page


def warnings_of(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    validated = read_strategy(path, "strategies/acme.yml").validated
    assert validated is not None
    return with_review_warnings(validated)


def test_the_advice_and_the_review_warning_are_said_in_the_readers_language(tmp_path):
    whole = WHOLE.read_text(encoding="utf-8").replace(
        "        decision: optimise\n        reason: Good sales, but the code is little known.\n",
        "        decision: stop\n",
        1,
    )
    warnings = warnings_of(tmp_path, ADVICE) + warnings_of(tmp_path, whole)
    assert sorted(w.said.key for w in warnings if w.said) == [
        "advice.action_off_channel",
        "advice.event_without_objective",
        "advice.objective_without_kpi",
        "advice.response_time_unmeasured",
        "advice.unexplained_override",
    ]
    for warning in warnings:
        english, french = ENGLISH.message(warning), FRENCH.message(warning)
        assert english == warning.message  # the page's English is the terminal's
        assert french != english and not re.search(r"\b(the|has|is|serves|differs|measures)\b", french), french
    assert "l'objectif « unjudged » n'a aucun KPI" in FRENCH.message(warnings[0])


def test_an_internal_page_shows_its_warnings_in_its_language(tmp_path):
    [warning, *_] = warnings_of(tmp_path, ADVICE)
    page = html.unescape(str(FRENCH.env.get_template("_macros.md.jinja").module.warnings([warning])))  # type: ignore[attr-defined]
    assert FR["warnings.title"] in page and "l'objectif « unjudged » n'a aucun KPI" in page
    assert "has no KPI" not in page


def test_a_client_serves_masked_errors_and_internal_errors_are_in_its_language(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(
        "client: {name: Acme}\nperiod: {start: 2026-01-01, end: 2026-12-31}\nobjectives:\n"
        "  - id: secret-plan\n    title: Secret plan\n    axis: imag\n    visibility: internal\n",
        encoding="utf-8",
    )
    problems = [
        *problems_for_client(path, "strategies/acme.yml"),
        Problem("strategies/acme.yml", 1, 1, "", internal_error(None)),
    ]
    page = html.unescape(FRENCH.error_page("strategies/acme.yml", problems, None, internal=False))
    assert "dans un élément interne : voir le terminal" in page and "erreur interne : voir le terminal" in page
    assert "see the terminal" not in page
    english = html.unescape(ENGLISH.error_page("strategies/acme.yml", problems, None, internal=False))
    assert "in an internal item: see the terminal" in english and "internal error: see the terminal" in english


REFERENCES = """client: {name: Acme}
period: {start: 2026-01-01, end: 2026-12-31}
objectives:
  - {id: grow, title: Grow, axis: image}
actions:
  - {id: post, title: Post, objectives: [grwo]}
  - {id: grow, title: Grow again, objectives: [post]}
"""


def test_reference_errors_name_the_items_the_readers_way(tmp_path):
    path = tmp_path / "acme.yml"
    path.write_text(REFERENCES, encoding="utf-8")
    errors = read_strategy(path, "strategies/acme.yml").errors
    assert {p.said.key for p in errors if p.said} == {"invalid.no_such_id", "invalid.wrong_kind", "invalid.id_twice"}
    for problem in errors:
        assert ENGLISH.message(problem) == problem.message
    french = [FRENCH.message(p) for p in errors]
    assert "l'id « grwo » ne figure pas parmi les objectifs (vouliez-vous dire « grow » ?)" in french
    assert "« post » est un id des actions, pas des objectifs" in french
    assert (
        "l'id « grow » est déjà pris parmi les objectifs (objectives) ; un id est unique dans tout le fichier" in french
    )


RULES_BROKEN = """client: {name: Acme}
period: {start: 2026-12-31, end: 2026-01-01}
channels:
  - {id: insta, name: Insta, axes: [image, image]}
objectives:
  - {id: a, title: A, axis: image, parent: b}
  - {id: b, title: B, axis: image, parent: a}
  - {id: c, title: C, axis: image, parent: c}
actions:
  - {id: act, title: Act, objectives: [a], start: 2026-05-01, end: 2026-04-01}
kpis:
  - id: k1
    name: K1
    objective: a
    unit: currency
    attributed: true
    baseline: {value: 1, date: 2026-01-01}
    target: {value: 1, date: 2026-01-01}
    measurements: [{date: 2026-02-01, value: 1}, {date: 2026-02-01, value: 2}]
  - id: k2
    name: K2
    objective: a
    currency: EUR
    attributed: true
    baseline: {value: 5, date: 2026-01-01}
    target: {value: 2, date: 2026-12-31}
  - id: k3
    name: K3
    objective: a
    direction: down
    baseline: {value: 5, date: 2026-01-01}
    target: {value: 9, date: 2026-12-31}
  - id: k4
    name: K4
    objective: a
    baseline: {value: 5, date: 2026-01-01}
    target: {value: 9, date: 2026-12-31}
    from_posts: {metric: engagement_rate, aggregate: sum}
    measurements: [{date: 2026-02-01, value: 1}]
  - id: k5
    name: K5
    objective: a
    unit: percent
    baseline: {value: 5, date: 2026-01-01}
    target: {value: 9, date: 2026-12-31}
    from_posts: {metric: posts, aggregate: mean}
posts:
  - {date: 2026-03-02, channel: insta}
editorial:
  pillars:
    - {id: p1, name: P1, share: 70}
    - {id: p2, name: P2, share: 50}
means:
  items:
    - {id: m, label: M, kind: ads}
community:
  crisis:
    - {id: c1, level: 1, name: N, decides: Léa, backup: lea}
    - {id: c2, level: 1, name: N2}
reviews:
  - {id: r1, date: 2026-04-05, decisions: [{kpi: k1, decision: continue}, {kpi: k1, decision: stop}]}
  - {id: r2, date: 2026-04-05}
"""
ATTRIBUTED_ELSEWHERE = """client: {name: Acme}
period: {start: 2026-01-01, end: 2026-12-31}
objectives:
  - {id: a, title: A, axis: image}
kpis:
  - id: k1
    name: K1
    objective: a
    unit: currency
    currency: USD
    attributed: true
    baseline: {value: 1, date: 2026-01-01}
    target: {value: 2, date: 2026-12-31}
means:
  currency: EUR
"""
RULE_KEYS = {
    "invalid.post_untitled",
    "invalid.period_order",
    "invalid.own_parent",
    "invalid.parent_loop",
    "invalid.end_before_start",
    "invalid.currency_needed",
    "invalid.currency_unit",
    "invalid.target_same",
    "invalid.target_below",
    "invalid.target_above",
    "invalid.target_date",
    "invalid.measurement_twice",
    "invalid.measurements_computed",
    "invalid.metric_rate_unit",
    "invalid.metric_count_unit",
    "invalid.sum_of_rates",
    "invalid.posts_aggregate",
    "invalid.listed_twice",
    "invalid.pillar_shares",
    "invalid.crisis_level_twice",
    "invalid.crisis_backup",
    "invalid.review_date_twice",
    "invalid.decision_twice",
    "invalid.means_currency",
    "invalid.attributed_unit",
    "invalid.attributed_means",
    "invalid.attributed_currency",
}
ENGLISH_WORDS = re.compile(
    r"\b(is|are|the|must|before|after|already|needs?|twice|required|only|allowed|cannot|loops|keep|each|once|"
    r"makes|sense|counted|remove|write|with|or|and|of|for)\b"
)


def errors_of(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "acme.yml"
    path.write_text(text, encoding="utf-8")
    return read_strategy(path, "strategies/acme.yml").errors


def test_the_rules_between_fields_and_items_are_said_in_the_readers_language(tmp_path):
    """The rules' messages (dates in order, KPI targets, shares, crisis plan, reviews, means) were
    English on a French page."""
    errors = errors_of(tmp_path, RULES_BROKEN) + errors_of(tmp_path, ATTRIBUTED_ELSEWHERE)
    assert {p.said.key for p in errors if p.said} >= RULE_KEYS, [str(p) for p in errors if not p.said]
    for problem in errors:
        assert problem.said is not None, str(problem)
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        french = FRENCH.message(problem)
        assert not ENGLISH_WORDS.search(french), french
    french = {FRENCH.message(p) for p in errors}
    assert "la période finit (2026-01-01) avant de commencer (2026-12-31)" in french
    assert "les parts visées des piliers totalisent 120 % ; ensemble, elles font au plus 100 %" in french


UNLOADABLE = {
    "invalid.empty_file": b"# nothing yet\n",
    "invalid.utf16": "client: {name: Acme}\n".encode("utf-16"),
    "invalid.not_utf8": "client: {name: Caf\xe9}\n".encode("latin-1"),
    "invalid.control_character": b"client: {name: a\x01b}\n",
    "invalid.not_a_mapping": b"- client\n- period\n",
    "invalid.tab_indent": b"client:\n\tname: Acme\n",
    "invalid.second_document": b"client: {name: Acme}\n---\nperiod: {}\n",
    "invalid.undefined_alias": b"client: {name: *star}\n",
    "invalid.quote_colon": b"client:\n  name: mars : le lancement\n",
    "invalid.quote_whole": b"client:\n  name: 'Acme' shop\n",
    "invalid.quote_start": b"client:\n  name: Acme\n  sector: @shop\n",
    "invalid.indent_deeper": b"client:\n  name: Acme\n     sector: Shop\n",
    "invalid.indent_unknown": b"client:\n    name: Acme\n  sector: Shop\n",
    "invalid.nested": b"client: " + b"[" * 40 + b"]" * 40 + b"\n",
    "invalid.indent_unknown_one": b"client:\n  name: Acme\n sector: Shop\n",
    "invalid.quote_generic": b"client:\n  name: Acme\n  sector\n",
    "value.single": b"just a sentence\n",
    "invalid.too_big": b"#" * (5 * 1024 * 1024 + 1),
}
UNREADABLE_VALUES = """client: {name: Acme, <<: {a: 1}, [a]: 2, name: Acme again}
period: {start: 2027-02-30, end: 2026-13-01, cadence: !!binary aGVsbG8=}
kpis:
  - id: k
    name: K
    objective: o
    baseline: {value: 1234567890123456789012345678901234567890, date: 2026-01-01}
    target: {value: 1, date: 2026-01-05 25:00:00}
"""


def said_keys(said: Said | None) -> set[str]:
    """A message's key and those of the messages inside it (a syntax error's hint)."""
    if said is None:
        return set()
    return {said.key}.union(*(said_keys(value) for _, value in said.fields if isinstance(value, Said)))


def test_the_loaders_messages_are_said_in_the_readers_language(tmp_path):
    """A file that cannot be read (encoding, YAML syntax, values YAML cannot read) showed English
    on a French page; ruamel's own phrase stays as it is, quoted."""
    errors = []
    for expected, raw in UNLOADABLE.items():
        path = tmp_path / "acme.yml"
        path.write_bytes(raw)
        found = read_strategy(path, "strategies/acme.yml").errors
        assert expected in set().union(*(said_keys(p.said) for p in found)), [str(p) for p in found]
        errors += found
    errors += errors_of(tmp_path, UNREADABLE_VALUES)
    assert {p.said.key for p in errors if p.said} >= {
        "invalid.merge_key",
        "invalid.key_not_word",
        "invalid.duplicate_key",
        "invalid.impossible_day",
        "invalid.tag",
        "invalid.too_many_digits",
        "invalid.unreadable_value",
    }
    for problem in errors:
        assert problem.said is not None, str(problem)
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        french = FRENCH.message(problem)
        assert not ENGLISH_WORDS.search(re.sub(r"«[^»]*»", "", french)), french
    french = {FRENCH.message(p) for p in errors}
    assert '"2027-02-30" n\'est pas une date : février 2027 compte 28 jours' in french
    assert "\"2026-13-01\" n'est pas une date : il n'y a pas de mois 13 ; les mois vont de 01 à 12" in french
    assert "nombre trop grand : il s'écrit avec 40 chiffres ; un nombre en compte au plus 30" in french
    assert (  # grouped the French way: "5,242,881" would read as a decimal
        "le fichier fait 5\u202f242\u202f881 octets ; un fichier de stratégie fait au plus 5\u202f242\u202f880 octets"
    ) in french
    assert any(
        "La ligne 3 est indentée de 1 espace, une profondeur qu'aucune ligne au-dessus n'a (0, 2) : indentez "
        "« sector » comme les clés dont elle fait partie" in message
        for message in french
    ), french
    assert any(
        message.endswith(
            "Un texte qui contient « : » ou « # », ou qui commence par un guillemet, [, {, &, *, !, "
            "|, >, %, @ ou `, se met entre guillemets"
        )
        for message in french
    ), french
    assert (
        "erreur de syntaxe YAML (le lecteur YAML dit : « mapping values are not allowed here »). Un texte qui "
        "contient « : » se met entre guillemets (la typographie française, comme « mars : le », trompe YAML) : "
        'name: "mars : le lancement"'
    ) in french


BRAND = """client:
  name: Acme
  brand: {logo: /etc/logo.gif, colour: blue}
period: {start: 2026-01-01, end: 2026-12-31}
objectives:
  - {id: grow, title: Grow, axis: image}
kpis:
  - id: sales
    name: Sales
    objective: grow
    unit: currency
    currency: EURO
    baseline: {value: 1, date: 2026-01-01}
    target: {value: 2, date: 2026-12-31}
"""


def test_the_brand_and_currency_errors_are_said_in_the_readers_language(tmp_path):
    errors = errors_of(tmp_path, BRAND) + errors_of(
        tmp_path, BRAND.replace("{logo: /etc/logo.gif, colour: blue}", "\n    colour: #1F6F8B")
    )
    assert {p.said.key for p in errors if p.said} == {
        "invalid.logo",
        "invalid.colour",
        "invalid.colour_missing",
        "invalid.currency",
    }, [str(p) for p in errors]
    for problem in errors:
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        french = FRENCH.message(problem)
        assert not ENGLISH_WORDS.search(french), french
    assert "un code de devise ISO 4217 est attendu, comme EUR, USD ou GBP, pas 'EURO'" in {
        FRENCH.message(p) for p in errors
    }


VALUES = (FIXTURES / "invalid" / "value-errors.yml").read_text(encoding="utf-8")
VALUE_ERRORS = {
    "invalid.date_time": (
        "objectives[timed].deadline: expected a date (YYYY-MM-DD) without a time, got 2026-03-31 10:00:00",
        "une date (AAAA-MM-JJ) sans heure est attendue, pas 2026-03-31 10:00:00",
    ),
    "invalid.date_bounds": (
        "objectives[early].deadline: expected a date from 1900-01-01 to 2200-12-31, got 1800-01-01",
        "une date du 1900-01-01 au 2200-12-31 est attendue, pas 1800-01-01",
    ),
    "invalid.date": (
        "objectives[french].deadline: expected a date as YYYY-MM-DD (for example 2026-03-31), got '31/03/2026'",
        "une date au format AAAA-MM-JJ (par exemple 2026-03-31) est attendue, pas '31/03/2026'",
    ),
    "invalid.number": (
        "kpis[k].measurements[#3].value: expected a number, got a mapping",
        "un nombre est attendu, pas un ensemble de clés",
    ),
    "invalid.number_bounds": (
        "kpis[k].measurements[#1].value: expected a number between -10^15 and 10^15 (a million billion), "
        "got a 22-digit number",
        "un nombre entre -10^15 et 10^15 (un million de milliards) est attendu, pas un nombre de 22 chiffres",
    ),
    "invalid.time_zone": (
        "events[e1].start: write the local time without a time zone (YYYY-MM-DDTHH:MM), got 2026-03-01 10:00:00+02:00",
        "écrivez l'heure locale sans fuseau horaire (AAAA-MM-JJTHH:MM), pas 2026-03-01 10:00:00+02:00",
    ),
    "invalid.at_most": (
        "events[e1].capacity: expected 10^15 (a million billion) or less, got 10000000000000000",
        "10^15 (un million de milliards) ou moins est attendu, pas 10000000000000000",
    ),
    "invalid.date_or_time": (
        "events[e2].start: expected a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM), got 'soon'",
        "une date (AAAA-MM-JJ) ou une date et une heure (AAAA-MM-JJTHH:MM) est attendue, pas 'soon'",
    ),
    "invalid.amount": (
        "means.items[m].planned: expected an amount of 0 or more, got -5",
        "un montant de 0 ou plus est attendu, pas -5",
    ),
    "invalid.hours": (
        "community.moderation[c].within_hours: expected a number of hours above 0, got 0",
        "un nombre d'heures supérieur à 0 est attendu, pas 0",
    ),
    "invalid.share": (
        "editorial.pillars[p1].share: expected a percentage from 0 to 100 (40 means 40 %), got 150",
        "un pourcentage de 0 à 100 (40 veut dire 40 %) est attendu, pas 150",
    ),
}
"""Each kind of value the model refuses: the terminal's line as it was before these messages had
labels (key and message), and what a French page says."""


def test_the_models_value_errors_are_said_in_the_readers_language(tmp_path):
    """A number, a date, a date-time, an amount, hours, a share or a limit the model refused was
    English on a French site's error page; the terminal says them as before."""
    errors = errors_of(tmp_path, VALUES)
    assert {p.said.key for p in errors if p.said} >= set(VALUE_ERRORS), [str(p) for p in errors]
    terminal = {f"{p.key}: {p.message}" for p in errors}
    french = {FRENCH.message(p) for p in errors}
    for key, (english, in_french) in VALUE_ERRORS.items():
        assert english in terminal, (key, sorted(terminal))
        assert in_french in french, (key, sorted(french))
    assert "un nombre est attendu, pas 'ten'" in french and "un nombre est attendu, pas rien" in french
    assert "un nombre est attendu, pas une liste" in french and "10 ou moins est attendu, pas 12" in french
    assert "un nombre entier est attendu, pas 2.5" in french and "la liste est vide : donnez au moins un id" in french
    assert "des clés sont attendues (clé: valeur), pas 5" in french
    for problem in errors:
        assert problem.said is not None, str(problem)
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        assert not ENGLISH_WORDS.search(FRENCH.message(problem)), FRENCH.message(problem)
        assert not re.search(r"\b(expected|got|nothing|mapping|digit|number|date as)\b", FRENCH.message(problem))


def test_the_files_refusals_are_said_in_the_readers_language(tmp_path, monkeypatch):
    """What is not a strategy file (a folder, a broken link, two files of one client, a file name
    that is no slug) and a bug met while reading one were English on a French page."""
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    (tmp_path / "loop.yml").symlink_to(tmp_path / "loop.yml")
    (tmp_path / "acme.yml").write_text("client: {name: A}\n", encoding="utf-8")
    (tmp_path / "acme.yaml").write_text("client: {name: A}\n", encoding="utf-8")
    (tmp_path / "Not_A_Slug.yml").write_text("client: {name: A}\n", encoding="utf-8")
    (tmp_path / "buggy.yml").write_text("client: {name: A}\n", encoding="utf-8")
    problems = [
        *read_strategy(tmp_path / "folder.yml", "strategies/folder.yml").errors,
        *read_strategy(tmp_path / "gone.yml", "strategies/gone.yml").errors,
        *read_strategy(tmp_path / "loop.yml", "strategies/loop.yml").errors,
        *StrategyLibrary().load(tmp_path / "acme.yml", "strategies/acme.yml").errors,
        *read_strategy(tmp_path / "Not_A_Slug.yml", "strategies/Not_A_Slug.yml").errors,
    ]
    monkeypatch.setattr(files, "validate", lambda loaded: 1 / 0)
    problems += read_strategy(tmp_path / "buggy.yml", "strategies/buggy.yml").errors
    assert [p.said.key if p.said else str(p) for p in problems] == [
        "invalid.not_regular_file",
        "invalid.cannot_read_file",
        "invalid.cannot_read_file",
        "invalid.same_client",
        "invalid.slug",
        "invalid.bug",
    ]
    for problem in problems:
        assert ENGLISH.message(problem) == problem.message  # the page's English is the terminal's
        assert not ENGLISH_WORDS.search(re.sub(r"\([^)]*Error[^)]*\)", "", FRENCH.message(problem)))
    assert [FRENCH.message(p) for p in problems] == [
        "ce n'est pas un fichier ordinaire mais un dossier ; un fichier de stratégie est un simple fichier texte",
        "impossible de lire le fichier : fichier introuvable",
        "impossible de lire le fichier : trop de liens symboliques en boucle",
        "'strategies/acme.yaml' et 'strategies/acme.yml' sont deux fichiers d'un même client, « acme » (un "
        "client est nommé par son nom de fichier, .yml ou .yaml) ; gardez-en un seul",
        "« Not_A_Slug » n'est pas permis comme slug (le nom du fichier) : des minuscules, des chiffres et des "
        "tirets, en commençant par une lettre ou un chiffre, par exemple boulangerie-martin",
        "erreur interne pendant la vérification du fichier (ZeroDivisionError: division by zero) ; c'est un "
        "défaut de strategy-bible, pas une erreur dans le fichier : signalez-le en joignant le fichier",
    ]


def test_a_count_of_digits_is_grouped_the_readers_way():
    """Past 999 digits the count has a thousands separator: a comma in French reads as a decimal."""
    problem = Problem("strategies/acme.yml", 4, 9, "kpis[0].target.value", too_many_digits("9" * 1500))
    assert (
        ENGLISH.message(problem)
        == problem.message
        == ("number too large: it is written with 1,500 digits; a number has at most 30")
    )
    assert (
        FRENCH.message(problem)
        == "nombre trop grand : il s'écrit avec 1\u202f500 chiffres ; un nombre en compte au plus 30"
    )

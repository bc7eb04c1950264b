"""Every message a page can show besides the labels — the advice (warnings of an internal build),
the review warning, the masked errors of a client serve, an internal error — exists in French and
English: pages say it in their reader's language, the terminal keeps the English."""

from __future__ import annotations

import html
import re
from pathlib import Path

from strategy_bible.analysis.reviews import with_review_warnings
from strategy_bible.render.labels import EN, FR
from strategy_bible.render.renderer import Renderer
from strategy_bible.strategy.files import read_strategy
from strategy_bible.strategy.problem_visibility import problems_for_client
from strategy_bible.strategy.problems import Problem, Said, internal_error

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


def test_every_worded_message_of_the_code_has_a_label_in_both_languages():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "plugins").rglob("*.py"))
    first = r'(?:(?:f?"(?:[^"\\]|\\.)*"\s*)+|[a-z_]+)'  # the English text: literals, or a name
    keys = set(re.findall(rf'\bWorded\(\s*{first}\s*,\s*"([a-z_]+\.[a-z_]+)"', source))
    assert len(keys) >= 25, keys  # the pattern finds them
    assert keys <= set(FR) and keys <= set(EN), keys - (set(FR) & set(EN))


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

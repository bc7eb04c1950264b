"""The plugin inside real `mkdocs build` runs: failures, warnings, options, page size."""

from __future__ import annotations

import re

import pytest

from internal_items import CONFIDENTIAL, internal_texts
from support import FIXTURES, REPO, build, json_ready, make_project, mkdocs, mkdocs_in_process

CONTRACT = FIXTURES / "valid" / "contract-example.yml"


def test_invalid_file_fails_the_build_with_placed_messages_and_no_traceback(tmp_path):
    project = make_project(tmp_path, {"ok": CONTRACT, "broken": FIXTURES / "invalid" / "broken-kpi.yml"})
    result = mkdocs(project, "build", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "1 strategy file is invalid:" in result.stderr
    assert (
        "strategies/broken.yml:9:11: objectives[grow].axis: 'visiblity' is not allowed; use visibility, traffic, "
        "image or notoriety (did you mean 'visibility'?)"
    ) in result.stderr
    assert (
        "strategies/broken.yml:13:16: kpis[fans].objective: no objective has the id 'grwo' (did you mean 'grow'?)"
    ) in result.stderr


def test_warnings_fail_strict_builds_only(tmp_path):
    project = make_project(tmp_path, {"advice": FIXTURES / "valid" / "with-warnings.yml"})
    strict = mkdocs_in_process(project, "build", "--strict", check=False)
    assert strict.returncode == 1
    assert (
        "strategies/advice.yml:10:9: warning: objectives[unjudged].id: the objective 'unjudged' has no KPI"
        in strict.stderr
    )
    assert mkdocs_in_process(project, "build", check=False).returncode == 0


def test_warnings_show_on_internal_pages_only(tmp_path):
    project = make_project(tmp_path, {"advice": FIXTURES / "valid" / "with-warnings.yml"})
    mkdocs_in_process(project, "build", env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    internal = (project / "site/clients/advice/objectives/index.html").read_text(encoding="utf-8")
    advice = "ne peut donc pas être jugé"  # "…has no KPI, so it cannot be judged", as a French site says it
    assert "Points à revoir" in internal and advice in internal
    mkdocs_in_process(project, "build")
    client = (project / "site/clients/advice/objectives/index.html").read_text(encoding="utf-8")
    assert "Points à revoir" not in client and advice not in client


def test_one_client_build_makes_its_overview_the_home(tmp_path):
    project = make_project(
        tmp_path, {"solo": CONTRACT, "other": CONTRACT.read_text().replace("Boulangerie Martin", "Other Client")}
    )
    site = build(project, env={"STRATEGY_BIBLE_CLIENTS": "solo"})
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Boulangerie Martin", home)
    assert (site / "kpis/index.html").is_file()
    assert not (site / "clients").exists()
    assert not any(
        "Other Client" in p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*") if p.is_file()
    )


def test_unknown_client_and_missing_folder_are_clear_errors(tmp_path):
    project = make_project(tmp_path / "a", {"solo": CONTRACT})
    result = mkdocs_in_process(project, "build", env={"STRATEGY_BIBLE_CLIENTS": "nobody"}, check=False)
    assert result.returncode == 1
    assert "strategy-bible: no strategy file for nobody in strategies/ (clients: solo)" in result.stderr
    project = make_project(tmp_path / "b", {"solo": CONTRACT}, plugin_config="")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("strategies_dir: strategies", "strategies_dir: nowhere")
    )
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1 and "the strategies folder 'nowhere' does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_page_size_does_not_grow_with_the_number_of_clients(tmp_path):
    """10 clients against 2: a menu entry or a link per client (over 25 bytes each) shows; 10 is
    enough clients for the workers too (40 cost the suite over 20 s)."""

    def client_page_size(count: int) -> int:
        strategies = {
            f"client-{n:03d}": CONTRACT.read_text().replace("Boulangerie Martin", f"Client {n:03d}")
            for n in range(count)
        }
        site = build(make_project(tmp_path / str(count), strategies))
        return len((site / "clients/client-000/kpis/index.html").read_bytes())

    few, many = client_page_size(2), client_page_size(10)
    assert abs(many - few) < 200, (few, many)


def test_english_labels_follow_the_theme_language(tmp_path):
    project = make_project(tmp_path, {"bakery": CONTRACT})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: fr", "language: en").replace("lang: fr", "lang: en"))
    page = (build(project) / "clients/bakery/kpis/index.html").read_text(encoding="utf-8")
    assert "Baseline" in page and "Point de départ" not in page
    assert "1,200" in page


def test_a_site_overrides_one_template(tmp_path):
    project = make_project(tmp_path, {"bakery": CONTRACT}, plugin_config="      templates_dir: my-templates\n")
    (project / "my-templates").mkdir()
    (project / "my-templates/events.md.jinja").write_text(
        "# Our events for {{ client.name }}\n\n{% for e in s.events %}- {{ e.title }}\n{% endfor %}\n"
    )
    site = build(project)
    events = (site / "clients/bakery/events/index.html").read_text(encoding="utf-8")
    assert "Our events for Boulangerie Martin" in events and "Neighbours&#39; breakfast" in events
    assert "Point de départ" in (site / "clients/bakery/kpis/index.html").read_text(encoding="utf-8")


def test_a_broken_template_override_is_a_clear_error(tmp_path):
    project = make_project(tmp_path, {"bakery": CONTRACT}, plugin_config="      templates_dir: my-templates\n")
    (project / "my-templates").mkdir()
    (project / "my-templates/events.md.jinja").write_text("# {{ client.nmae }}\n")
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"my-templates/events\.md\.jinja:1:1: template error: .*nmae", result.stderr), result.stderr


@pytest.mark.parametrize("template", ["overview.md.jinja", "home.md.jinja"])
def test_a_template_reaching_for_pythons_internals_stops_the_build_in_one_line(tmp_path, template):
    """The sandbox (see renderer): a template that reaches for the builtins to print the raw
    strategy file, internal items and all, stops the build at its file and line, and nothing of
    the file reaches the output or the site."""
    project = make_project(tmp_path, {"confiance": CONFIDENTIAL}, plugin_config="      templates_dir: my-templates\n")
    (project / "my-templates").mkdir()
    probe = "# Probe\n\n{{ cycler.__init__.__globals__.os.popen('cat strategies/confiance.yml').read() }}\n"
    (project / "my-templates" / template).write_text(probe, encoding="utf-8")
    result = mkdocs_in_process(project, "build", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    refused = f"my-templates/{template}:3:1: template error: access to attribute '__init__' of 'type' object is unsafe."
    assert refused in result.stderr, result.stderr
    written = [p.read_bytes().decode(errors="replace") for p in (project / "site").rglob("*") if p.is_file()]
    printed = "\n".join([result.stdout, result.stderr, *written]).lower()
    assert [s for s in [*internal_texts(CONFIDENTIAL), "zanzibar"] if s.lower() in printed] == []


def test_the_user_home_page_is_kept_and_clients_get_their_own_index(tmp_path):
    project = make_project(tmp_path, {"bakery": CONTRACT})
    (project / "pages/index.md").write_text("# Agence Lumière\n\nBienvenue.\n")
    site = build(project)
    assert "Bienvenue" in (site / "index.html").read_text(encoding="utf-8")
    clients = (site / "clients/index.html").read_text(encoding="utf-8")
    assert "Boulangerie Martin" in clients
    overview = (site / "clients/bakery/index.html").read_text(encoding="utf-8")
    assert 'href="../"' in overview  # "back to the clients" goes to clients/, not to the user's home


def test_every_contract_key_shows_and_escapes(tmp_path):
    site = build(make_project(tmp_path, {"bakery": CONTRACT}), env={"STRATEGY_BIBLE_AUDIENCE": "internal"})
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (site / "clients/bakery").rglob("index.html")}
    assert "Artisan bakery" in pages["bakery"] and "<em>Croix-Rousse</em>" in pages["bakery"]
    assert "The owner's son may take over in 2027." in pages["bakery"]
    assert 'id="local-notoriety"' in pages["objectives"] and 'id="brand-awareness"' in pages["objectives"]
    assert 'id="weekly-live"' in pages["actions"] and "Léa" in pages["actions"]
    assert 'id="ig-followers"' in pages["kpis"] and "Live shared by the town hall" in pages["kpis"]
    assert 'id="breakfast-march"' in pages["events"] and "Mme Rey" in pages["events"]
    assert 'id="locals"' in pages["bakery"] and 'id="instagram"' in pages["bakery"]


def test_committed_schema_is_current_and_accepts_the_examples():
    import json

    import jsonschema

    from strategy_bible.strategy.loader import load_yaml
    from strategy_bible.strategy.schema import strategy_schema_json

    committed = (REPO / "schema/strategy.schema.json").read_text(encoding="utf-8")
    assert committed == strategy_schema_json(), "run: strategy-bible schema > schema/strategy.schema.json"
    validator = jsonschema.Draft202012Validator(json.loads(committed))
    for path in [CONTRACT, *sorted((REPO / "strategies").glob("*.yml"))]:
        errors = list(validator.iter_errors(json_ready(load_yaml(path).data)))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_a_client_named_twice_is_one_client(tmp_path):
    project = make_project(
        tmp_path, {"solo": CONTRACT, "other": CONTRACT.read_text().replace("Boulangerie Martin", "Other Client")}
    )
    result = mkdocs_in_process(project, "build", "--strict", env={"STRATEGY_BIBLE_CLIENTS": "solo, solo,solo"})
    assert "WARNING" not in result.stderr, result.stderr
    assert re.search(r"<h1[^>]*>Boulangerie Martin", (project / "site/index.html").read_text(encoding="utf-8"))
    assert not (project / "site/clients").exists()  # still a one-client build
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml")
        .read_text()
        .replace(
            "      strategies_dir: strategies\n", "      strategies_dir: strategies\n      clients: [solo, solo]\n"
        )
    )
    result = mkdocs_in_process(project, "build", "--strict")
    assert "WARNING" not in result.stderr, result.stderr
    assert not (project / "site/clients").exists()

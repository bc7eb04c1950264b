"""A site's own template cannot step out of the data it is given: no Python builtins through
``__globals__`` and the like, no file read but a template. Each probe tries to print the raw
strategy file, internal items included; it either stops with a one-line template error that names
the template, or prints nothing of it."""

from __future__ import annotations

import shutil

import pytest
from jinja2.sandbox import SandboxedEnvironment

from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin.workers import MakeSettings
from strategy_bible.render.client_files import make_client_files
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.files import read_strategy
from strategy_bible.strategy.visibility import Readership

from internal_items import CONFIDENTIAL, internal_texts

RAW = "strategies/confiance.yml"
"""The strategy file, where the probes look for it: inside the templates folder (a project whose
``templates_dir`` is the project itself) and by its absolute path."""

OPEN = "['__builtins__']['open'](path).read()"
PROBES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('cat ' ~ path).read() }}",
    "lipsum-builtins": "{{ lipsum.__globals__" + OPEN + " }}",
    "labels-class": "{{ t.__class__.__init__.__globals__" + OPEN + " }}",
    "formatter-method": "{{ fmt.__init__.__globals__" + OPEN + " }}",
    "chart-function": "{{ kpi_chart.__globals__" + OPEN + " }}",
    "namespace-class": "{{ namespace.__init__.__globals__" + OPEN + " }}",
    "range-module": "{{ range.__self__.open(path).read() }}",
    "bound-method-self": "{% set r = smart_reason.__self__ %}{{ r.env.loader.get_source(r.env, '" + RAW + "')[0] }}",
    "include-raw-file": "{% include '" + RAW + "' %}",
    "import-raw-file": "{% import '" + RAW + "' as raw %}{{ raw }}",
}


@pytest.fixture(scope="module")
def confidential(tmp_path_factory):
    """The confidential fixture as a client build sees it, with its raw file inside the project."""
    project = tmp_path_factory.mktemp("project")
    raw = project / RAW
    raw.parent.mkdir()
    shutil.copy(CONFIDENTIAL, raw)
    strategy_file = read_strategy(raw, RAW)
    assert strategy_file.valid, strategy_file.errors
    settings = MakeSettings("fr", None, Readership.CLIENT, Thresholds(), "Europe/Paris", project)
    return project, settings.view(strategy_file)


@pytest.mark.parametrize("probe", PROBES.values(), ids=PROBES.keys())
def test_a_template_cannot_reach_the_raw_strategy_file(confidential, probe):
    project, view = confidential
    secrets = [*internal_texts(CONFIDENTIAL), "zanzibar"]
    probe_with_path = "{% set path = '" + str(project / RAW) + "' %}\n# {{ client.name }}\n\n" + probe + "\n"
    (project / "overview.md.jinja").write_text(probe_with_path, encoding="utf-8")
    # The project itself as the templates folder: the strategy file is inside it.
    made = make_client_files(Renderer("fr", project), view, SitePlan(False, "index.md"), "Europe/Paris", project)
    assert made.crash is None, made.crash
    printed = "\n".join([*made.pages.values(), str(made.problem)]).lower()
    assert [s for s in secrets if s.lower() in printed] == []
    if made.problem is not None:  # refused: one line, at the template
        assert str(made.problem).startswith("overview.md.jinja:4:1: template error: "), made.problem
        assert "\n" not in str(made.problem)


def test_the_default_templates_still_render_in_the_sandbox(confidential, tmp_path, monkeypatch):
    """The probes above may not fail for a sandbox that refuses everything: with a templates folder
    of its own (empty here), a site's every page is rendered in the sandbox, the package's too; and
    the same as without one, where only the package's templates render, outside the sandbox."""
    project, view = confidential
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the calendar's time stamp
    sandboxed, plain = Renderer("fr", tmp_path), Renderer("fr")
    assert isinstance(sandboxed.env, SandboxedEnvironment) and not isinstance(plain.env, SandboxedEnvironment)
    made = make_client_files(sandboxed, view, SitePlan(False, "index.md"), "Europe/Paris", project)
    assert made.problem is None and made.crash is None
    assert "Maison Confiance" in made.pages["clients/confiance/index.md"]
    assert made == make_client_files(plain, view, SitePlan(False, "index.md"), "Europe/Paris", project)


def test_a_template_error_is_said_in_the_readers_language(confidential, tmp_path):
    """Jinja's own words are quoted as they are; what frames them is the page's language."""
    _, view = confidential
    (tmp_path / "events.md.jinja").write_text("# {{ client.nmae.upper() }}\n", encoding="utf-8")
    made = make_client_files(Renderer("fr", tmp_path), view, SitePlan(False, "index.md"), "Europe/Paris", tmp_path)
    assert made.problem is not None
    english, french = Renderer("en").message(made.problem), Renderer("fr").message(made.problem)
    assert english == made.problem.message and english.startswith("template error: ")
    assert french.startswith("erreur de modèle : ") and "nmae" in french, french

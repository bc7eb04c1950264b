"""A client build's view holds only what the client may see: nothing a template could reach — an
attribute, a cached figure, a closure, the renderer's environment — leads to an internal item."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.plugin.workers import MakeSettings
from strategy_bible.render.client_view import ClientView
from strategy_bible.render.renderer import Renderer
from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.files import read_strategy
from strategy_bible.strategy.visibility import Readership, visible_to

from builders import kpi, objective, strategy
from internal_items import CONFIDENTIAL, EXAMPLE_SECRETS, internal_texts
from support import REPO

EXAMPLES = sorted((REPO / "strategies").glob("*.yml"))
HIDDEN_OBJECTIVE = "fusion-concurrent"
"""An internal objective without a KPI: the warning about it names it."""


def texts_reachable_from(*roots: object) -> Iterator[str]:
    """Every text reachable from ``roots`` through attributes (``__dict__``, slots, our own
    properties), pydantic models, dataclasses, mappings, sequences, bound methods, partials and
    closures. Modules and classes are where it stops: they hold code, not a client's data."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, str):
            yield value
        elif isinstance(value, bytes | bytearray):
            yield bytes(value).decode("utf-8", errors="replace")
        elif not isinstance(value, types.ModuleType | type | int | float | complex | bool | type(None)):
            stack.extend(_parts(value))


def _parts(value: object) -> list[object]:
    if isinstance(value, dict | types.MappingProxyType):
        return [*value.keys(), *value.values()]
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    if isinstance(value, types.FunctionType):
        cells = [cell.cell_contents for cell in value.__closure__ or () if _filled(cell)]
        return [*cells, value.__defaults__, value.__kwdefaults__]
    if isinstance(value, types.MethodType):
        return [value.__self__, value.__func__]
    if isinstance(value, functools.partial):
        return [value.func, value.args, value.keywords]
    parts: list[object] = []
    if hasattr(value, "__dict__"):
        parts.append(vars(value))
    for cls in type(value).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if name not in ("__dict__", "__weakref__"):
                parts.append(getattr(value, name, None))
    if dataclasses.is_dataclass(value):
        parts += [getattr(value, f.name, None) for f in dataclasses.fields(value)]
    if type(value).__module__.startswith("strategy_bible"):  # what our properties compute and return
        for name, attribute in vars(type(value)).items():
            if isinstance(attribute, property | functools.cached_property):
                with contextlib.suppress(Exception):  # a property that cannot be read holds nothing
                    parts.append(getattr(value, name))
    return parts


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


def found(needles: list[str], *roots: object) -> set[str]:
    texts = [text.lower() for text in texts_reachable_from(*roots)]
    return {needle for needle in needles if any(needle.lower() in text for text in texts)}


def views_as_the_plugin_makes_them(
    paths: list[Path], audience: Readership, tmp_path: Path, edit=None
) -> tuple[list[ClientView], Renderer]:
    """Each file's view, made as a build makes it, after its pages, downloads and the home were
    rendered (so every figure the view keeps is computed)."""
    settings = MakeSettings("fr", None, audience, Thresholds(), "Europe/Paris", tmp_path)
    renderer, plan = Renderer("fr"), SitePlan(False, "index.md")
    views = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        copy = tmp_path / path.name
        copy.write_text(edit(text) if edit else text, encoding="utf-8")
        strategy_file = read_strategy(copy, f"strategies/{path.name}")
        assert strategy_file.valid, strategy_file.errors
        view = settings.view(strategy_file)
        renderer.client_pages(view, plan)
        renderer.downloads(view, plan, "Europe/Paris")
        views.append(view)
    renderer.home(views, [], plan, audience is Readership.INTERNAL)
    return views, renderer


@pytest.mark.parametrize(
    "paths, needles",
    [
        (EXAMPLES, EXAMPLE_SECRETS),
        ([CONFIDENTIAL], [*internal_texts(CONFIDENTIAL), "zanzibar"]),
    ],
    ids=["examples", "confidential-fixture"],
)
def test_nothing_reachable_from_a_client_view_is_internal(paths, needles, tmp_path):
    views, renderer = views_as_the_plugin_makes_them(paths, Readership.CLIENT, tmp_path)
    assert views[0].strategy.objectives  # the walk does reach the strategy the client may see
    assert found(needles, views, renderer) == set()
    internal_views, _ = views_as_the_plugin_makes_them(paths, Readership.INTERNAL, tmp_path)
    assert found(needles, internal_views) == set(needles)  # so the walk above can fail


def hidden_objective_without_kpi(text: str) -> str:
    return text.replace(
        "\nactions:\n",
        f"\n  - id: {HIDDEN_OBJECTIVE}\n    title: Racheter la brasserie d'en face\n"
        "    axis: notoriety\n    visibility: internal\n\nactions:\n",
        1,
    )


def test_a_client_view_holds_no_warning_the_internal_one_shows_them(tmp_path):
    """Warnings name internal items: only the internal readership receives them."""
    brasserie = [REPO / "strategies/brasserie-du-canal.yml"]
    (client,), renderer = views_as_the_plugin_makes_them(
        brasserie, Readership.CLIENT, tmp_path, hidden_objective_without_kpi
    )
    assert not client.shown_warnings
    assert found([HIDDEN_OBJECTIVE, "has no KPI"], client, renderer) == set()
    (internal,), _ = views_as_the_plugin_makes_them(
        brasserie, Readership.INTERNAL, tmp_path, hidden_objective_without_kpi
    )
    assert [w.key for w in internal.shown_warnings] == [f"objectives[{HIDDEN_OBJECTIVE}].id"]
    assert found([HIDDEN_OBJECTIVE, "has no KPI"], internal) == {HIDDEN_OBJECTIVE, "has no KPI"}


def test_no_change_to_review_before_the_first_measurement():
    """The pages ask for a KPI's change only when there is a review period; a site's own template
    asking anyway gets nothing, not a crash."""
    view = ClientView(
        "acme", "strategies/acme.yml", visible_to(Readership.CLIENT, strategy(objectives=[objective()], kpis=[kpi()]))
    )
    (only,) = view.strategy.kpis
    assert view.review_period is None
    assert view.change(only) is None and view.year_over_year(only) is None

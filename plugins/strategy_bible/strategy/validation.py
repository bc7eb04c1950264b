"""Loaded YAML → a validated :class:`Strategy`, or every problem of the file at once.

Type errors come from pydantic and are rewritten into plain sentences (what is wrong, what is
allowed, "did you mean"); the contract's other rules come from :mod:`strategy_bible.strategy.rules`.
Each problem is placed at the line and column of the key or value it is about.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError, create_model
from pydantic_core import ErrorDetails

from strategy_bible.strategy import rules
from strategy_bible.strategy.advice import advise
from strategy_bible.strategy.loader import LoadedYaml, Positions, UnreadableValues, load_yaml
from strategy_bible.strategy.model import ID_PATTERN, LABEL, Means, Period, Strategy, described
from strategy_bible.strategy.numbers import MAX_MAGNITUDE
from strategy_bible.strategy.problems import InvalidStrategy, OneOf, Problem, Worded, did_you_mean, one_of
from strategy_bible.strategy.rules import RulePath

SLUG_PATTERN = re.compile(ID_PATTERN)

M = TypeVar("M", bound=BaseModel)


LOGO: RulePath = ("client", "brand", "logo")


@dataclass(frozen=True)
class Places:
    """Where the review decisions and the client's logo stand in the file, kept for the problems
    made after validation: "a decision that differs from the rule's" needs the build's verdict
    thresholds (see ``analysis.reviews.override_warnings``), "no such logo" the build's docs
    folder, which this layer does not know."""

    source: str = ""
    spots: dict[RulePath, tuple[int, int, str]] = field(default_factory=dict)

    def warning(self, path: RulePath, message: str) -> Problem:
        line, column, key = self.spots.get(path, (1, 1, ""))
        return Problem(self.source, line, column, key, message, "warning")

    def error(self, path: RulePath, message: str) -> Problem:
        line, column, key = self.spots.get(path, (1, 1, ""))
        return Problem(self.source, line, column, key, message)


@dataclass(frozen=True)
class Validated:
    strategy: Strategy
    warnings: list[Problem]
    """Advice (see :mod:`strategy_bible.strategy.advice`), placed in the file like errors are."""
    places: Places = field(default_factory=Places)


def load_strategy(path: Path, display_path: str | None = None) -> Strategy:
    """Read, validate and check one strategy file. Raises :class:`InvalidStrategy`."""
    return validate(load_yaml(path, display_path)).strategy


def validate(loaded: LoadedYaml) -> Validated:
    """A valid strategy with its warnings, or :class:`InvalidStrategy` with every problem."""
    strategy = parse(loaded)
    warnings = [_problem(loaded, path, message, False, "warning") for path, message in advise(strategy)]
    return Validated(strategy, sorted(warnings), _decision_places(loaded, strategy))


def _decision_places(loaded: LoadedYaml, strategy: Strategy) -> Places:
    spots = {}
    for r, review in enumerate(strategy.reviews):
        for d in range(len(review.decisions)):
            path = rules.at("reviews", r, "decisions", d, "decision")
            line, column = loaded.positions.of_value(path)
            spots[path] = (line, column, display_key(path, loaded.data))
    for k, kpi in enumerate(strategy.kpis):  # a measurement after the build's day is a warning of that layer
        for m in range(len(kpi.measurements)):
            path = rules.at("kpis", k, "measurements", m, "date")
            spots[path] = (*loaded.positions.of_value(path), display_key(path, loaded.data))
    if strategy.client.brand is not None and strategy.client.brand.logo is not None:
        spots[LOGO] = (*loaded.positions.of_value(LOGO), display_key(LOGO, loaded.data))
    return Places(loaded.display_path, spots)


def slug_refusal(slug: str) -> str | None:
    """Why ``slug`` cannot name a client (a strategy file's name, without its suffix), or None: the
    one message of the build, ``validate`` and ``new``."""
    if SLUG_PATTERN.fullmatch(slug):
        return None
    return Worded(
        f"'{slug}' is not allowed as a slug (the file name): use lower-case letters, digits and hyphens, "
        "starting with a letter or digit, for example boulangerie-martin",
        "invalid.slug",
        slug=slug,
    )


def check_slug(path: Path, display_path: str) -> None:
    refusal = slug_refusal(path.stem)
    if refusal is not None:
        raise InvalidStrategy([Problem(display_path, 1, 1, "", refusal)])


def parse(loaded: LoadedYaml) -> Strategy:
    data = loaded.data
    checked = rules.Checked(declared=rules.declared_ids(data))
    findings: list[tuple[RulePath, str, bool]] = []  # (path, message, points at the key?)
    strategy = None
    try:
        strategy = Strategy.model_validate(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            findings.append(_explain(detail, data))
            checked.failed.add(tuple(detail["loc"]))
    if strategy is not None:
        checked.period, checked.means = strategy.period, strategy.means
        for section in rules.LISTS:
            checked.items[section] = list(enumerate(rules.items_at(strategy, section) or ()))
    else:
        _keep_what_validates(data, checked)
    findings.extend((path, message, False) for path, message in rules.check(checked))
    findings = [f for f in findings if not _unreadable(f[0], loaded.unreadable)]  # the loader said why
    if findings or strategy is None:  # None with no finding left: only the values the loader refused
        raise InvalidStrategy(_problem(loaded, path, message, at_key) for path, message, at_key in findings)
    assert strategy is not None  # a file pydantic refused has findings
    return strategy


def _unreadable(path: RulePath, unreadable: frozenset[tuple[str | int, ...]]) -> bool:
    return any(path[: len(bad)] == bad for bad in unreadable)


def every_problem(unreadable: UnreadableValues) -> list[Problem]:
    """Every problem of a file with values the loader could not read: those, named by the items'
    ids, and every problem of the rest of the file (one bad date no longer hides the others)."""
    data = unreadable.partial.data
    said = [replace(problem, key=display_key(path, data)) for problem, path in unreadable.placed]
    try:
        validate(unreadable.partial)
    except InvalidStrategy as invalid:
        return sorted({*said, *invalid.problems})
    return sorted(said)


def _keep_what_validates(data: Any, checked: rules.Checked) -> None:
    """When the file has type errors, still run the rules on every field that is fine."""
    if not isinstance(data, dict):
        return
    checked.period = _salvage(Period, data.get("period"))
    checked.means = _salvage(Means, data.get("means"))
    for section in rules.LISTS:
        items = rules.items_at(data, section)
        model = _item_model(section)
        if isinstance(items, list) and model is not None:
            checked.items[section] = [(index, _salvage(model, item)) for index, item in enumerate(items)]


def _item_model(section: str) -> type[BaseModel] | None:
    """The model of one item of ``section`` (``pillars`` → :class:`Pillar`), found along its place."""
    model: type[BaseModel] | None = Strategy
    for key in rules.PLACES[section]:
        model = _model_in(model.model_fields[key].annotation) if model is not None else None
    return model


def _salvage(model: type[M], raw: Any) -> M | None:
    """The item with each field validated on its own; a field that fails is None.

    Rules then judge what can be judged: an action with a typo in its checklist still has its
    references checked."""
    if not isinstance(raw, dict):
        return None
    try:
        return model.model_validate(raw)
    except ValidationError:
        pass
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        values[name] = info.get_default(call_default_factory=True) if not info.is_required() else None
        if raw.get(name) is None:
            continue
        try:
            values[name] = getattr(_one_field_model(model, name).model_validate({name: raw[name]}), name)
        except ValidationError:
            inner = _model_in(info.annotation)
            is_list = typing.get_origin(info.annotation) is list
            values[name] = (
                [_salvage(inner, item) for item in raw[name]]
                if inner and is_list and isinstance(raw[name], list)
                else None
            )
    return model.model_construct(**values)


@functools.cache
def _one_field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """A model holding just ``model.name``, with the same type, constraints and strictness."""
    base = model.__base__
    assert base is not None and issubclass(base, BaseModel)  # the contract's models derive from ContractModel
    field: dict[str, Any] = {name: (model.model_fields[name].annotation, model.model_fields[name])}
    return create_model(f"{model.__name__}_{name}", __base__=base, **field)


def _problem(loaded: LoadedYaml, path: RulePath, message: str, at_key: bool, severity: str = "error") -> Problem:
    positions: Positions = loaded.positions
    line, column = positions.of_key(path) if at_key else positions.of_value(path)
    return Problem(loaded.display_path, line, column, display_key(path, loaded.data), message, severity)


def display_key(path: RulePath, data: Any) -> str:
    """``kpis[ig-followers].baseline.value``: list items are named by their id when they have one,
    else by their position counted from 1 (``kpis[#3]``)."""
    text, node = "", data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            name = item.get("id") if isinstance(item, dict) else None
            text += f"[{name}]" if isinstance(name, str) and SLUG_PATTERN.fullmatch(name) else f"[#{part + 1}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


# --- pydantic errors in plain words ---------------------------------------------------------------


def _explain(error: ErrorDetails, data: Any) -> tuple[RulePath, str, bool]:
    """One pydantic error → ``(path, message, points_at_key)``."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx = error.get("ctx") or {}
    got = _describe(value)
    # Each message is Worded: the error page says it in its reader's language (render.labels).
    if kind == "missing":
        return loc, Worded(f"the required key '{loc[-1]}' is missing", "invalid.missing", name=loc[-1]), False
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        shown = ", ".join(allowed)
        message = f"unknown key '{loc[-1]}'{hint}; allowed here: {shown}"
        return loc, Worded(message, "invalid.unknown_key", name=loc[-1], hint=hint, allowed=shown), True
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), choices)
        message = f"{got} is not allowed; use {one_of(choices)}{hint}"
        return loc, Worded(message, "invalid.not_allowed", got=got, choices=OneOf(tuple(choices)), hint=hint), False
    if kind == "string_pattern_mismatch":
        if loc[-1] in ("website", "url"):
            message = (
                f"{got} is not a web address; write it with http:// or https://, without spaces "
                "or invisible direction marks"
            )
            return loc, Worded(message, "invalid.web_address", got=got), False
        example = _suggest_id(value)
        message = (
            f"{got} is not a valid id: use lower-case letters, digits and hyphens, starting with a "
            f"letter or digit (for example '{example}')"
        )
        return loc, Worded(message, "invalid.id", got=got, example=example), False
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return loc, Worded("the text is empty; write something or remove the key", "invalid.empty_text"), False
    if kind == "too_short":
        return loc, Worded("the list is empty; give at least one id", "invalid.empty_list"), False
    if kind in ("string_type", "str_type"):
        return loc, Worded(f"expected text, got {got}", "invalid.text", got=got), False
    if kind in ("list_type", "tuple_type"):
        message = f"expected a list (one '- item' per line, or [a, b]), got {got}"
        return loc, Worded(message, "invalid.list", got=got), False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, Worded(f"expected a mapping of keys (key: value), got {got}", "invalid.mapping", got=got), False
    if kind == "bool_type":
        return loc, Worded(f"expected true or false, got {got}", "invalid.bool", got=got), False
    if kind in ("int_type", "int_from_float"):
        return loc, Worded(f"expected a whole number, got {got}", "invalid.whole_number", got=got), False
    if kind == "greater_than_equal":
        least = ctx.get("ge")
        return loc, Worded(f"expected {least} or more, got {got}", "invalid.at_least", least=least, got=got), False
    if kind == "less_than_equal":
        most = ctx.get("le")
        if most == MAX_MAGNITUDE:
            most = Worded("10^15 (a million billion)", "value.million_billion")
        return loc, Worded(f"expected {most} or less, got {got}", "invalid.at_most", most=most, got=got), False
    if kind.startswith("sb_"):  # the model's own checks: pydantic's message, as written in model.py, and its label
        fields = {name: said for name, said in ctx.items() if name != LABEL}
        return loc, Worded(error["msg"], ctx[LABEL], **fields), value is None  # nothing has no spot: its key's
    # A check of pydantic's that the contract does not use today: its words, quoted.
    return loc, Worded(error["msg"], "invalid.other", said=error["msg"]), False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes them
    return described(value)


def _suggest_id(value: Any) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "my-id"


def _allowed_keys(loc: RulePath) -> list[str]:
    model: Any = Strategy
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(model.model_fields[part].annotation) if part in model.model_fields else None
        if model is None:
            return []
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X | None``, ``list[X]`` or ``Annotated[X, ...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None

"""Property: a file that validates always builds.

Hypothesis draws whole strategy files (see :mod:`shapes`), writes them as YAML and keeps those
`validate` accepts; each is then made into every page and download, for the client or the
agency (drawn too: both for each file made this the suite's slowest test), in French or English,
by the very functions the plugin uses (:func:`make_client_files`, the home page), in this
process: a full `mkdocs build` per example would take hours. No bidirectional
control character may come out either. One real `mkdocs build`, on the file with the extreme but
valid values, is in tests/integration/test_extreme_values_build.py.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from strategy_bible.render.site_plan import SitePlan
from strategy_bible.strategy.loader import load_yaml_bytes
from strategy_bible.strategy.problems import InvalidStrategy
from strategy_bible.strategy.validation import Validated, validate
from strategy_bible.strategy.visibility import Readership

from in_process import made
from shapes import BIDI, strategy_data, to_yaml

PROPERTY = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def validated(text: str) -> Validated | None:
    try:
        return validate(load_yaml_bytes(text.encode("utf-8"), Path("acme.yml"), "strategies/acme.yml"))
    except InvalidStrategy:
        return None


@PROPERTY
@given(
    data=strategy_data(),
    language=st.sampled_from(["fr", "en"]),
    plan=st.sampled_from([SitePlan(single_client=True, home=None), SitePlan(single_client=False)]),
    audience=st.sampled_from(list(Readership)),
)
def test_every_valid_file_makes_every_page_and_download(data, language, plan, audience):
    result = validated(to_yaml(data))
    assume(result is not None)
    for content in made(result, language, plan, (audience,)):
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        assert not set(text) & set(BIDI), "a bidirectional control character reached a built file"

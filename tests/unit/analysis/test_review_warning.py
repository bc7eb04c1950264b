"""The review warning ("differs from the rule's decision without a reason") as validate and the
build show it: placed at the decision's line and column, judged with the build's thresholds."""

from pathlib import Path

from strategy_bible.analysis.reviews import override_warnings, with_review_warnings
from strategy_bible.analysis.verdict import Thresholds
from strategy_bible.strategy.loader import load_yaml
from strategy_bible.strategy.validation import validate

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "valid" / "whole-bible.yml"


def validated_with(tmp_path: Path, old: str, new: str):
    text = WHOLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "acme.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return validate(load_yaml(path, "strategies/acme.yml")), text.replace(old, new, 1).splitlines()


def test_the_warning_points_at_the_decision(tmp_path: Path) -> None:
    # promo-code-sales at 0.8 of its pace on 2026-07-05: the rule says optimise; 'stop' without a reason
    validated, lines = validated_with(
        tmp_path,
        "        decision: optimise\n        reason: Good sales, but the code is little known.\n",
        "        decision: stop\n",
    )
    [warning] = override_warnings(validated)
    assert (warning.file, warning.line, warning.column) == (
        "strategies/acme.yml",
        lines.index("        decision: stop") + 1,
        19,
    )
    assert warning.key == "reviews[review-2026-q2].decisions[#1].decision"
    assert warning.severity == "warning"
    assert warning.message == "'stop' differs from the rule's decision on 2026-07-05 (optimise): say why under reason:"
    assert warning in with_review_warnings(validated)


def test_the_build_s_thresholds_decide_whether_it_differs(tmp_path: Path) -> None:
    validated, _ = validated_with(tmp_path, "        reason: Good sales, but the code is little known.\n", "")
    assert override_warnings(validated) == []  # optimise is the rule's decision with the defaults
    [warning] = override_warnings(validated, Thresholds(moderate_success=0.85))
    assert "(change)" in warning.message


def test_a_reason_silences_it_and_the_advice_stays(tmp_path: Path) -> None:
    validated, _ = validated_with(tmp_path, "        decision: optimise\n", "        decision: stop\n")
    assert override_warnings(validated) == []
    assert with_review_warnings(validated) == sorted(validated.warnings)

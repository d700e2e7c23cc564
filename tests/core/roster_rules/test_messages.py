"""Every hard rule has its sentence, and the sentences are made from the record's figures."""

from __future__ import annotations

import datetime as dt

import pytest

from core.roster import texts as roster_texts
from core.roster.rules.base import Violation
from core.roster.rules.ids import RuleId

SOFT = {
    RuleId.unmet_demand,
    RuleId.over_staffing,
    RuleId.contract_hours,
    RuleId.preference,
    RuleId.activity_switch,
    RuleId.short_rest,
    RuleId.scattered_starts,
    RuleId.change,
}
AWAY_ONLY = {RuleId.leave, RuleId.absence}  # their violations always carry the code "away"
FIGURES = dict(
    roster_site="tamano",
    site="seto",
    why="leave",
    min=360,
    max=480,
    length=500,
    margin=60,
    work=540,
    needed=3,
    given=45,
    limit=480,
    days=6,
    off=1,
    before="2027-01-04",
    rest=600,
    equipment="PC",
    titles="責任者",
    fewest=2,
    floor=3,
    agents=2,
    rate=0.8123,
    target=0.9,
    people=2,
    window=[540, 1020],
)


@pytest.mark.parametrize("rule", [r for r in RuleId if r not in SOFT | AWAY_ONLY])
def test_every_hard_rule_has_a_sentence(rule: RuleId) -> None:
    v = Violation(rule, "x", dt.date(2027, 1, 5), 540, 600, ("set-1",), "window", FIGURES)
    text = roster_texts.violation_message(v, name=lambda s: "田中", activity_name=lambda a: "窓口")
    assert text and "{" not in text
    assert "田中" in text or "2027-01-05" in text


def test_away_is_said_the_same_for_every_rule_that_reports_it() -> None:
    for rule in (RuleId.leave, RuleId.absence, RuleId.availability):
        v = Violation(rule, "away", dt.date(2027, 1, 5), 540, 600, ("set-1",), None, {"why": "leave"})
        assert roster_texts.violation_message(v) == "set-1 は 2027-01-05 に休暇ですが勤務が入っています"


def test_a_rule_without_a_sentence_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no sentence"):
        roster_texts.violation_message(Violation(RuleId.change, "x"))


def test_figures_make_the_sentence() -> None:
    v = Violation(RuleId.service_level, "x", dt.date(2027, 1, 5), 540, 600, (), "phone", FIGURES)
    assert roster_texts.violation_message(v, activity_name=lambda a: "電話") == (
        "2027-01-05 09:00–10:00 の電話は2人で応答率 81.2%、目標 90% には3人が必要です"
    )

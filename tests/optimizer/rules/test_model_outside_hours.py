"""optimizer/rules/outside_hours.py: set-up before opening and close-down after closing, required
(hard, elastic) or priced (weights.outside_hours per missing person-slot)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, site_profile

T = parse_hhmm


def site(mode: str):
    data = site_profile().model_dump(mode="json")
    data["day_types"][0]["hours"] = {"work": ["08:15", "17:30"], "service": ["08:30", "17:15"]}
    data["staffing"]["outside_hours"] = {
        "before_opening_minutes": 15,
        "after_closing_minutes": 15,
        "people": 1,
        "mode": mode,
    }
    # a 15-minute grid, so starting at 08:30 (after set-up) is possible and only this rule can refuse it
    return site_profile(day_types=data["day_types"], staffing=data["staffing"], roster={"time_grid_minutes": 15})


def nobody_before_opening(strict: Strict) -> None:
    for (who, date), day in strict.site.days.items():
        if date == MONDAY and T("08:15") in day.on:
            strict.model.add(day.on[T("08:15")] == 0)


def test_someone_at_set_up_holds(build):
    strict = Strict(build(site=site("required")))
    strict.model.add(strict.day("a1", MONDAY).on[T("08:15")] == 1)
    assert strict.feasible()


def test_nobody_at_set_up_is_refused_when_required(build):
    strict = Strict(build(site=site("required")))
    nobody_before_opening(strict)
    assert not strict.feasible()


def test_nobody_at_set_up_costs_its_weight_when_priced(build):
    strict = Strict(build(site=site("priced")))
    nobody_before_opening(strict)
    assert strict.feasible()
    terms = [t for t in strict.site.terms if t.rule == "outside_hours"]
    assert terms and all(t.weight == 100 for t in terms)
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = 10
    solver.parameters.num_workers = 8
    solver.solve(strict.model)
    short = next(t.expr for t in terms if t.expr.name.endswith(f"{MONDAY:%m%d}_{T('08:15')}"))
    assert solver.value(short) == 1

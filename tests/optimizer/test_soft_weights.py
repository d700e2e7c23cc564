"""One test per soft penalty: raising its weight moves the model's objective by exactly what the
independent checker counts for it. The roster is fixed in the model (every person-day locked), so
the objective is the price of that roster; with one activity the assignment stage adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from ortools.sat.python import cp_model

from core.roster.check import score
from core.roster.model import ActivityBlock, Roster, RosterProblem, Shift, parse_hhmm
from optimizer.model import SiteModel
from tests.optimizer.conftest import MONDAY, person, site_profile
from tests.optimizer.rule_helpers import locked_solution, long_day_site

T = parse_hhmm
TUESDAY = MONDAY + dt.timedelta(days=1)
DELTA = 7


def shift(who, date, start, end, brk=None, activity="window"):
    breaks = ((T(brk[0]), T(brk[1])),) if brk else ()
    edges = [T(start)] + [t for pair in breaks for t in pair] + [T(end)]
    blocks = tuple(ActivityBlock(edges[i], edges[i + 1], activity) for i in range(0, len(edges), 2))
    return Shift(who, date, T(start), T(end), breaks, blocks)


def counter_site(weights: dict):
    """Monday and Tuesday, one window activity, 15 minutes after closing priced."""
    data = site_profile().model_dump(mode="json")
    data["staffing"]["outside_hours"] = {"after_closing_minutes": 15, "mode": "priced"}
    return site_profile(
        day_types=[
            {
                "id": "short",
                "label": "月火",
                "when": {"weekdays": ["mon", "tue"]},
                "activities": ["window"],
                "hours": {"work": ["08:30", "17:30"], "service": ["08:30", "17:15"]},
            }
        ],
        activities=[{"id": "window", "label": "窓口", "seats": 3, "min_staff": 1, "requires_qualification": True}],
        equipment=[],
        staffing=data["staffing"],
        roster={"weights": weights},
    )


def counter_week():
    staff = [
        person("boss", "manager"),
        person("dep", "deputy", preferences={"shift": "late"}),
        person("a1", preferences={"days_off": ["tue"]}),
        person("a2", contract_hours_per_week=20),
    ]
    shifts = []
    for day in (MONDAY, TUESDAY):
        shifts += [
            shift("boss", day, "08:30", "17:30", ("12:30", "13:30"), "management"),
            shift("dep", day, "08:30", "17:00", ("13:00", "13:45")),
        ]
    shifts += [
        shift("a1", MONDAY, "08:30", "17:00", ("12:00", "12:45")),
        shift("a1", TUESDAY, "09:00", "13:00"),
        shift("a2", MONDAY, "09:00", "17:00", ("12:00", "12:45")),
        shift("a2", TUESDAY, "13:00", "17:00"),
    ]
    return staff, shifts


def rest_site(weights: dict):
    return long_day_site(roster={"weights": weights})


def rest_week():
    return [person("a1")], [
        shift("a1", MONDAY, "15:30", "23:45", ("19:00", "19:45")),
        shift("a1", TUESDAY, "09:00", "13:00"),
    ]


def model_objective(problem: RosterProblem, roster: Roster) -> int:
    """The model's price of exactly this roster: every person-day locked to it."""
    solver, _ = locked_solution(problem, roster)
    return int(round(solver.objective_value))


CASES = [  # weight key, the site, the week
    ("unmet_demand", counter_site, counter_week),
    ("over_staffing", counter_site, counter_week),
    ("contract_hours", counter_site, counter_week),
    ("preference", counter_site, counter_week),
    ("scattered_starts", counter_site, counter_week),
    ("outside_hours", counter_site, counter_week),
    ("short_rest", rest_site, rest_week),
]


@pytest.mark.parametrize("key, site_of, week_of", CASES, ids=[c[0] for c in CASES])
def test_a_weight_moves_the_objective_by_what_the_checker_counts(fixtures, key, site_of, week_of):
    staff, shifts = week_of()
    base = site_of({})
    problem = RosterProblem.build(base, fixtures.catalogue, staff, MONDAY)
    roster = Roster(base.id, MONDAY, shifts)
    total, items = score(roster, problem)
    counted = sum(i["amount"] for i in items if i["kind"] == key)
    assert counted > 0, f"the test roster must miss {key} somewhere"
    assert model_objective(problem, roster) == total
    weight = getattr(base.roster.weights, key)
    heavier = site_of({key: weight + DELTA})
    problem2 = RosterProblem.build(heavier, fixtures.catalogue, staff, MONDAY)
    total2, _ = score(roster, problem2)
    assert total2 - total == DELTA * counted
    assert model_objective(problem2, roster) - total == DELTA * counted


def test_the_change_weight_moves_the_objective_by_the_slots_the_checker_counts(fixtures):
    """Re-rostering: the new roster is fixed shift by shift (not locked, so its changes are priced)."""
    from optimizer import locks

    staff, shifts = counter_week()
    moved = [s if s.staff_id != "a2" or s.date != TUESDAY else shift("a2", TUESDAY, "12:00", "16:00") for s in shifts]

    def objective(problem) -> int:
        model = cp_model.CpModel()
        part = SiteModel(model, problem, previous=Roster(problem.site.id, MONDAY, shifts))
        for member in problem.staff:
            for date in problem.dates:
                locks._lock(
                    part,
                    part.days.get((member.id, date)),
                    next((s for s in moved if s.staff_id == member.id and s.date == date), None),
                )
        model.minimize(part.objective())
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = 20
        solver.parameters.num_workers = 8
        assert solver.solve(model) == cp_model.OPTIMAL
        return int(round(solver.objective_value))

    base = RosterProblem.build(counter_site({}), fixtures.catalogue, staff, MONDAY)
    heavier = RosterProblem.build(counter_site({"change": 30 + DELTA}), fixtures.catalogue, staff, MONDAY)
    before = Roster(base.site.id, MONDAY, shifts)
    total, items = score(Roster(base.site.id, MONDAY, moved), base, before)
    counted = sum(i["amount"] for i in items if i["kind"] == "change")
    assert counted == 8  # four slots no longer worked, four new ones
    assert objective(base) == total
    assert objective(heavier) - total == DELTA * counted

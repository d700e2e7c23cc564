"""optimizer.hints: a roster's partial hint made whole. On a real date's model (the date re-solves,
optimizer.one_date) the completed hint covers every variable, keeps every value the roster hinted,
and is a solution: CP-SAT held to it finds the roster's own date at the objective the date's model
gives that date. A hint the model refuses is left as it was (reproducible mode, tests/conftest.py)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.hints import complete_hint
from optimizer.one_date import OneDate
from optimizer.repair import small_solver
from optimizer.solve import checked_roster
from tests.optimizer.conftest import benchmark_start, date_objective


def _hint(model: cp_model.CpModel) -> dict[int, int]:
    hint = model.proto.solution_hint
    return dict(zip(hint.vars, hint.values))


def _day(shifts, date):
    return sorted((s.staff_id, s.start, s.end, s.breaks, s.activities) for s in shifts if s.date == date)


def test_a_date_s_hint_completed_is_the_roster_itself(fixtures):
    problem, start = benchmark_start(fixtures, "tamano", "holiday")
    date = sorted(problem.days)[1]
    built = OneDate(problem, start, date)
    partial = _hint(built.model)
    variables = len(built.model.proto.variables)
    assert 0 < len(partial) < variables  # the switches, counts and penalty terms are not hinted

    assert complete_hint(built.model, seconds=30.0, deterministic=5.0)
    whole = _hint(built.model)
    assert sorted(whole) == list(range(variables))
    assert all(whole[index] == value for index, value in partial.items())

    # held to the hint, the solver finds exactly the roster's date, priced as the model prices it
    solver = small_solver(30.0, 5.0)
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.solve(built.model) == cp_model.OPTIMAL
    assert _day(built.shifts(solver, start), date) == _day(start.shifts, date)
    assert round(solver.objective_value) == date_objective(problem, start, date)


def test_a_hint_the_model_refuses_is_left_as_it_was():
    model = cp_model.CpModel()
    x, y = model.new_bool_var("x"), model.new_bool_var("y")
    model.add(x + y == 1)
    model.add_hint(x, 1)
    model.add_hint(y, 1)  # x and y cannot both be 1
    before = _hint(model)
    assert not complete_hint(model, seconds=5.0, deterministic=1.0)
    assert _hint(model) == before


def test_a_hint_is_completed_with_what_the_rest_of_the_model_says():
    model = cp_model.CpModel()
    x = model.new_bool_var("x")
    y = model.new_int_var(0, 10, "y")
    model.add(y == 3 + 4 * x)
    model.minimize(y)
    model.add_hint(x, 1)
    assert complete_hint(model, seconds=5.0, deterministic=None)
    assert _hint(model) == {x.index: 1, y.index: 7}  # not y's optimum alone (3): x stays as hinted


def test_a_model_with_no_hint_gets_none():
    model = cp_model.CpModel()
    model.new_bool_var("x")
    assert not complete_hint(model, seconds=5.0, deterministic=1.0)
    assert not model.proto.solution_hint.vars


def test_a_date_re_solve_starts_from_the_whole_roster(fixtures):
    """`FreeActivities.better` (the date re-solves, the groups of people's weeks, the switchers'
    dates) completes the roster's hint before it searches."""
    problem, start = benchmark_start(fixtures, "tamano", "holiday")
    built = OneDate(problem, start, sorted(problem.days)[1])
    assert len(built.model.proto.solution_hint.vars) < len(built.model.proto.variables)
    built.better(start, lambda shifts: checked_roster(problem, shifts), 1.0, 0.2, 1)
    assert len(built.model.proto.solution_hint.vars) == len(built.model.proto.variables)

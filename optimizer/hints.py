"""A partial hint made whole before a search starts from it.

The models that improve a finished roster (one date, and each date's activities with its shifts
kept: optimizer.one_date; a few people's weeks: optimizer.people_weeks; the switchers' dates:
optimizer.switchers) hint the roster's shifts and activities, but not what follows from them: the
switches, the counts, the starts and the penalty terms (on Tamano's holiday week one date's model
hinted 1 697 of its 2 533 variables). CP-SAT tries to complete such a hint within a few conflicts
and otherwise drops it: two of that week's dates had their first solutions at 3 385 and 4 460 from
other workers, and the roster's own dates (1 675 and 1 610) came back only at 0.45 to 0.50 s of the
date's share; a date given 0.5 s kept little of it.

Here one small solve with the hinted values fixed (`fix_variables_to_their_hinted_value`) fills in the rest
(0.01 s on two of that week's dates); the model then carries a complete hint, which CP-SAT takes as its
first solution as soon as presolve ends (0.11 s). Thirty-second session, the date re-solves of the
same 4 s rosters of Ageo's three weeks, Kawanishi's four and Seto's and Tamano's holiday weeks, two
workers, one pass (`/work/s32/odab.py`): 1 s a date, 46 050 with the partial hint and 45 435 with it
completed (Ageo's busy week 4 185 against 3 895 and 3 910); 0.5 s a date, 46 635 against 46 000.
These figures and the whole solves below fixed the hint in a copy of the model; CP-SAT's switch gives
the same hint (1 s a date, `/work/s32/odab2.py`: 45 495 against 46 135).
Whole solves (`/work/s32/ab.sh`, idle, alternating), where Ageo's and Kawanishi's weeks leave the date
re-solves little time: the 18 weeks at 10 s, four runs each, 107 175, 107 225, 107 300, 107 365 against
107 450, 107 490, 107 250, 107 275; the 20-site pool at 60 s, three runs each, 235 510, 235 700,
236 110 against 236 120, 236 495, 237 375."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.repair import COMPLETION_MIN_DET, small_solver

# of the search's own time, what the completion may take at most (it needs a few milliseconds)
COMPLETION_SHARE = 0.2


def complete_hint(model: cp_model.CpModel, seconds: float, deterministic: float | None) -> bool:
    """Replace the model's hint with a complete solution that keeps every hinted value, when one
    exists and is found within a share of `seconds` (or of `deterministic` units, at least the
    completion's fixed need); whether it was. A hint the model refuses stays as it was."""
    hint = model.proto.solution_hint
    if not hint.vars:
        return False
    units = None if deterministic is None else max(COMPLETION_MIN_DET, COMPLETION_SHARE * deterministic)
    solver = solve_hint(model, max(0.05, COMPLETION_SHARE * seconds), units)
    if solver is None:
        return False
    set_hint(model, list(solver.response_proto.solution))
    return True


def set_hint(model: cp_model.CpModel, values: list[int]) -> None:
    """Replace the model's hint with a complete one: `values[i]` for the variable of index i."""
    model.clear_hints()
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)


def solve_hint(model: cp_model.CpModel, seconds: float, deterministic: float | None) -> cp_model.CpSolver | None:
    """The model solved with every hinted variable fixed to its hinted value: the solver, whose
    values are then a solution of the model that keeps the hint, or None if the model refuses the
    hint or nothing was found within `seconds` (or `deterministic` units)."""
    solver = small_solver(seconds, deterministic)
    # CP-SAT's own switch: the hinted values are fixed in presolve and the search fills in the rest
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver

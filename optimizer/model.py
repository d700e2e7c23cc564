"""The CP-SAT model of a weekly roster: the variables (optimizer.variables) and the rules of the
catalogue (optimizer/rules/) the profile switches on. No rule lives here.

Every penalty term is the one core.roster_check.score() counts: tests compare the two totals."""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from core.roster.model import Roster, RosterProblem
from core.roster.rules.ids import RuleId
from optimizer import locks, symmetry
from optimizer.fixed_dates import FixedDates
from optimizer.rules import (
    activity_switch,
    cap,
    change,
    consecutive_days,
    contract_hours,
    days_off,
    demand_target,
    equipment,
    floor,
    headcount,
    outside_hours,
    preference,
    presence,
    qualification,
    rest,
    scattered_starts,
    service_level,
    short_rest,
    training,
    weekly_hours,
)
from optimizer.variables import LockError, Term, Variables  # noqa: F401 (LockError re-exported)

# The catalogue, hard rules first. The shift's shape, its legal break and the daily maximum are
# built into the variables (optimizer.variables); the activity switches are priced by optimizer.assign,
# and bounded from below here (optimizer/rules/activity_switch.py).
RULES = (
    qualification,
    training,
    weekly_hours,
    days_off,
    rest,
    consecutive_days,
    floor,
    cap,
    equipment,
    presence,
    headcount,
    service_level,
    outside_hours,
    demand_target,
    contract_hours,
    preference,
    short_rest,
    scattered_starts,
    activity_switch,
    change,
)


def active_rules(problem: RosterProblem) -> list:
    """The rules this profile switches on (a module without `applies` always holds)."""
    return [rule for rule in RULES if getattr(rule, "applies", lambda p: True)(problem)]


class SiteModel(Variables):
    """The variables and constraints of one RosterProblem inside a CpModel."""

    def __init__(
        self,
        model: cp_model.CpModel,
        problem: RosterProblem,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
        rules=None,
        later: bool = False,
        symmetry_order: bool = True,
        fixed: FixedDates | None = None,
    ):
        """`later`: each person-day's shape and options only (Variables, `later`); `build_rules`
        adds the variables and the rest. The constructive roster reads no more than the shapes, and
        is offered before the model is built (optimizer.solve). `symmetry_order`: False for a model
        of part of the week (optimizer.one_date), where people's weeks cannot be compared."""
        super().__init__(model, problem, previous, locked, later=later, fixed=fixed)
        locks.check(self)  # a lock the shapes cannot hold is refused at once, before any roster
        self.terms: list[Term] = []
        self.symmetric_pairs = 0
        self.built = False
        self.symmetry_order = symmetry_order
        if not later:
            self.build_rules(rules)

    def build_rules(self, rules=None) -> None:
        """The variables, the catalogue's rules (those the profile switches on, or `rules`), the
        locks and the order between interchangeable staff, once."""
        if self.built:
            return
        self.build_variables()
        for rule in rules if rules is not None else active_rules(self.problem):
            self.terms += rule.build(self)
        locks.apply(self)
        self.symmetric_pairs = symmetry.apply(self) if self.symmetry_order else 0
        self.built = True

    def _need_rules(self) -> None:
        # a model without its rules would accept any roster: never solved by mistake
        if not self.built:
            raise RuntimeError("the rules are not built yet (SiteModel.build_rules)")

    def objective(self, without: RuleId | None = None):
        """The penalty the checker counts (switches by their lower bound); `without` leaves out one
        rule's terms (the small completions and repairs, and optimizer.one_date, leave out the
        switch bound)."""
        self._need_rules()
        return sum(t.weight * t.expr for t in self.terms if t.weight and t.rule != without) + self.constant

    def strict(self, model: cp_model.CpModel) -> cp_model.CpModel:
        """A clone of `model` (this part's model, objective set) with every hard rule hard: only what
        nobody could cover may stay uncovered."""
        self._need_rules()
        strict = model.clone()
        for var, unavoidable in self.shortfall_vars:
            strict.add(var == unavoidable)
        return strict

    def tighten(self, solution: list[int], value) -> list[int]:
        """A solution (values by variable index, `value` its solver's value function) with the
        variables that only bound a term from below at their least (Variables.least). A completion
        leaves the switch bound out of its objective and so leaves its variables anywhere above
        their least: on Seto's busy week its roster scored 8 080 in the model (the switch bound 1 515)
        while the checker, switches counted, gave it 6 775, and the search began from that."""
        out = list(solution)
        for var, least in self.least:
            out[var.index] = least(value)
        return out

    def priced(self, value, rule: RuleId) -> int:
        """What one rule's terms cost in a solution (`value`: the solver's value function)."""
        return sum(t.weight * value(t.expr) for t in self.terms if t.rule == rule)

"""Switch-aware improvement of a finished roster, one date at a time.

Stage one chooses shifts and the people per activity without seeing the activity switches, which
stage two (optimizer.assign) then prices: on Seto's busy week the switches were about a tenth of
the penalty, and no bound of stage one can see them. Here a date's shifts and who does what are
solved together: the stage-one model with every other date kept as it is (shifts and people per
activity), plus a Boolean per person, working slot and activity on that date and a switch wherever
the activity changes between two working slots, all in one objective. A date's new roster is kept
only if the checker's penalty of the whole week is lower."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from core.roster.model import PSEUDO_ACTIVITIES, SLOT, Roster, Shift
from core.roster.rules.ids import RuleId
from optimizer.assign import with_blocks
from optimizer.model import SiteModel
from optimizer.repair import fix_shifts, small_solver
from optimizer.variables import PersonDay


def counts_of(part: SiteModel, roster: Roster) -> dict[tuple[dt.date, int], Counter]:
    """People per option in every slot of the model, read from a roster's activities."""
    out: dict[tuple[dt.date, int], Counter] = defaultdict(Counter)
    for shift in roster.shifts:
        day = part.days.get((shift.staff_id, shift.date))
        if day is None:
            continue
        for t in range(shift.start, shift.end, SLOT):
            if not shift.on_break(t) and day.counted(t):
                out[(shift.date, t)][shift.activity_at(t)] += 1
    return out


class FreeActivities:
    """What the date re-solves and the groups of people's weeks (optimizer.people_weeks) share: a
    Boolean per free person-day's working slot and activity, the switches between them counted
    as the checker counts them, hints from the roster, and the week's shifts read back."""

    part: SiteModel
    model: cp_model.CpModel
    x: dict[tuple[str, dt.date, int], dict[str, cp_model.IntVar]]

    def frees(self, shift: Shift) -> bool:
        """Whether this shift's person-day is free in the model."""
        raise NotImplementedError

    def _person(self, day: PersonDay) -> list:
        """The activity of each counted working slot, and the switches between them."""
        m, switches, previous = self.model, [], None
        tag = f"{day.member.id}_{day.date:%m%d}"
        for t in day.slots:
            if not day.counted(t):
                previous = None  # a slot with no activity of the site breaks the chain, as in stage two
                continue
            options = day.options[t]
            here = {o: m.new_bool_var(f"xj_{tag}_{t}_{o}") for o in options}
            m.add(sum(here.values()) == day.working(t))
            self.x[(day.member.id, day.date, t)] = here
            if previous is not None and (len(here) > 1 or set(here) != set(previous)):
                # as the checker counts: preparation and management end a work block, so neither a
                # move into them nor one out of them is a switch
                switch = m.new_bool_var(f"swj_{tag}_{t}")
                worked_before = sum(v for o, v in previous.items() if o not in PSEUDO_ACTIVITIES)
                for option, var in here.items():
                    if option not in PSEUDO_ACTIVITIES:
                        m.add(switch >= var + worked_before - previous.get(option, 0) - 1)
                switches.append(switch)
            previous = here
        return switches

    def _hint(self, roster: Roster) -> None:
        """The roster's shifts and activities as the hint."""
        self.part.hint_shifts(self.model, roster.shifts)
        for (who, date, t), here in self.x.items():
            shift = roster.shift(who, date)
            for option, var in here.items():
                self.model.add_hint(var, shift is not None and not shift.on_break(t) and shift.activity_at(t) == option)

    def better(
        self,
        roster: Roster,
        checked: Callable[[list[Shift]], Roster],
        seconds: float,
        deterministic: float | None,
        workers: int,
    ) -> Roster | None:
        """Solve this model; the week it gives, checked, when the checker scores it lower than
        `roster` and it keeps the hard rules, else None."""
        solver = small_solver(seconds, deterministic, workers)
        if solver.solve(self.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        candidate = checked(self.shifts(solver, roster))
        if candidate.violations or candidate.penalty_total >= roster.penalty_total:
            return None
        return candidate

    def shifts(self, solver: cp_model.CpSolver, roster: Roster) -> list[Shift]:
        """The week's shifts with the free person-days' solved shifts and activities put in."""
        bare, _ = self.part.extract(solver.value)
        chosen: dict[tuple[str, dt.date, int], str] = {}
        new = [s for s in bare if self.frees(s)]
        for shift in new:
            day = self.part.days[(shift.staff_id, shift.date)]
            for t in range(shift.start, shift.end, SLOT):
                if shift.on_break(t):
                    continue
                here = self.x.get((shift.staff_id, shift.date, t))
                chosen[(shift.staff_id, shift.date, t)] = (
                    day.options[t][0] if here is None else next(o for o, v in here.items() if solver.value(v))
                )
        kept = [s for s in roster.shifts if not self.frees(s)]
        return sorted(kept + [with_blocks(s, chosen) for s in new], key=lambda s: (s.date, s.staff_id))


class DateModel(FreeActivities):
    """The stage-one model with one date free and its activities and switches added."""

    def __init__(self, base: cp_model.CpModel, part: SiteModel, roster: Roster, date: dt.date):
        self.part, self.date = part, date
        self.model = model = base.clone()
        model.clear_hints()
        fix_shifts(model, part, roster.shifts, keep=lambda key: key[1] != date)
        counts = counts_of(part, roster)
        for (day, minute), options in part.counts.items():
            if day != date:
                for option, var in options.items():
                    model.add(var == counts[(day, minute)][option])
        self.x = {}
        switches = []
        for (_, day), person in sorted(part.days.items(), key=lambda kv: kv[0]):
            if day == date:
                switches += self._person(person)
        by_minute: dict[int, list[dict[str, cp_model.IntVar]]] = defaultdict(list)
        for (_, _, t), here in self.x.items():
            by_minute[t].append(here)
        for minute in sorted({m for (day, m) in part.counts if day == date}):
            for option, var in part.counts[(date, minute)].items():
                model.add(sum(here[option] for here in by_minute[minute] if option in here) == var)
        # the switches of this date counted exactly, in place of the model's lower bound of them
        # (optimizer/rules/activity_switch.py); the other dates' terms are fixed
        model.minimize(
            part.objective(without=RuleId.activity_switch) + part.problem.weights.activity_switch * sum(switches)
        )
        self._hint(roster)

    def frees(self, shift: Shift) -> bool:
        return shift.date == self.date


def improve(
    base: cp_model.CpModel,
    part: SiteModel,
    roster: Roster,
    checked: Callable[[list[Shift]], Roster],
    seconds_left: Callable[[], float],
    per_date: float,
    deterministic: float | None,
    rounds: int = 2,
    workers: int = 1,
) -> Roster:
    """Each date in turn (up to `rounds` passes, while time is left) solved again with its
    activities and switches; a new week kept when the checker's penalty is lower. `workers` on the
    wall clock only (reproducible solves keep one)."""
    dates = sorted({key[1] for key in part.days})
    for _ in range(rounds):
        better = False
        for date in dates:
            if seconds_left() < 0.2:
                return roster
            built = DateModel(base, part, roster, date)
            candidate = built.better(roster, checked, min(per_date, seconds_left()), deterministic, workers)
            if candidate is not None:
                roster, better = candidate, True
        if not better:
            break
    return roster

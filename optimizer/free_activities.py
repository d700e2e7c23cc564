"""Who does what, decided in the same model as the shifts, with the switches counted exactly.

Stage one chooses shifts and the people per activity without seeing the activity switches, which
stage two (optimizer.assign) then prices: on Seto's busy week the switches were about a tenth of
the penalty, and no bound of stage one can see them. The models that improve a finished roster (one
date: optimizer.one_date; a few people's weeks: optimizer.people_weeks) add a Boolean per free
person-day's working slot and activity and a switch wherever the activity changes between two
working slots, all in one objective, and keep a week only when the checker scores it lower."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from ortools.sat.python import cp_model

from core.roster.model import PSEUDO_ACTIVITIES, SLOT, Roster, Shift
from optimizer.assign import with_blocks
from optimizer.hints import complete_hint
from optimizer.model import SiteModel
from optimizer.repair import small_solver
from optimizer.variables import PersonDay


def counts_of(part: SiteModel, shifts: Iterable[Shift]) -> dict[tuple[dt.date, int], Counter]:
    """People per option in every counted slot of the model, read from the shifts' activities (the
    people outside a group's model count as these constants; the tests read an assignment with it)."""
    out: dict[tuple[dt.date, int], Counter] = defaultdict(Counter)
    for shift in shifts:
        day = part.days.get((shift.staff_id, shift.date))
        if day is None:
            continue
        for t in range(shift.start, shift.end, SLOT):
            if not shift.on_break(t) and day.counted(t):
                out[(shift.date, t)][shift.activity_at(t)] += 1
    return out


def activities(roster: Roster) -> Callable[[str, dt.date, int], str | None]:
    """What a person does at a minute in the roster (None: no shift, or on a break)."""
    shifts = {(s.staff_id, s.date): s for s in roster.shifts}

    def doing(who: str, date: dt.date, minute: int) -> str | None:
        shift = shifts.get((who, date))
        return None if shift is None or shift.on_break(minute) else shift.activity_at(minute)

    return doing


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
        doing = activities(roster)
        for (who, date, t), here in self.x.items():
            for option, var in here.items():
                self.model.add_hint(var, doing(who, date, t) == option)

    def pin(self, roster: Roster, keep: Callable[[str], bool] = lambda who: True) -> None:
        """The activity of every working slot of the people `keep` accepts fixed to the roster's (their
        shifts are fixed apart: optimizer.repair.fix_shifts)."""
        doing = activities(roster)
        for (who, date, t), here in self.x.items():
            if keep(who):
                for option, var in here.items():
                    self.model.add(var == int(doing(who, date, t) == option))

    def better(
        self,
        roster: Roster,
        checked: Callable[[list[Shift]], Roster],
        seconds: float,
        deterministic: float | None,
        workers: int,
    ) -> Roster | None:
        """Solve this model from the roster (its hint completed: optimizer.hints); the week it gives,
        checked, when the checker scores it lower than `roster` and it keeps the hard rules, else None."""
        complete_hint(self.model, seconds, deterministic)
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

"""The shifts a model does not decide, which the rules spanning the week read as constants.

A week's model decides every open date, and only the previous week's published shifts are fixed (rest
and days in a row run across the boundary). A model of one date (optimizer.one_date) decides that
date and keeps the others as the roster has them: weekly hours, days off, days in a row, rest
between days, contract hours and scattered starts then count those shifts as constants, so the
model's penalty differs from the checker's by a constant only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.roster.model import RosterProblem, Shift


@dataclass(frozen=True)
class FixedDates:
    """`week`: the whole week's problem (a person's contract hours are scaled by the days open to
    them in the week, not in the model); `shifts`: by person and date, the shifts on this week's
    dates outside the model."""

    week: RosterProblem
    shifts: dict[tuple[str, dt.date], Shift] = field(default_factory=dict)

    @classmethod
    def around(cls, week: RosterProblem, shifts: Iterable[Shift], decided: Iterable[dt.date]) -> FixedDates:
        """The shifts of every date but the `decided` ones."""
        open_dates = set(decided)
        return cls(week, {(s.staff_id, s.date): s for s in shifts if s.date not in open_dates})

    def shift(self, who: str, date: dt.date) -> Shift | None:
        """A fixed shift on a date: outside the model this week, or the previous week's published one."""
        if date < self.week.week_start:
            return next((s for s in self.week.previous_shifts(who) if s.date == date), None)
        return self.shifts.get((who, date))

    def of(self, who: str) -> list[Shift]:
        """This week's fixed shifts of a person."""
        return [s for (w, _), s in self.shifts.items() if w == who]

    def work_minutes(self, who: str) -> int:
        return sum(s.work_minutes for s in self.of(who))

"""At most labour.max_consecutive_work_days days in a row, the previous week's published days and
the shifts outside the model (optimizer.fixed_dates) counted as constants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.roster.rules.consecutive_days import applies  # noqa: F401 (the profile switch)


def windows(problem, staff_id: str, worked: Callable[[dt.date], object]) -> list[list]:
    """Every run of limit + 1 days that ends in this week, as the person's worked indicators
    (`worked(date)` for this week's dates, 0 or 1 for the previous week's published days)."""
    limit = problem.labour.max_consecutive_work_days
    before = {s.date for s in problem.previous_shifts(staff_id)}
    line = []
    for offset in range(-7, 7):
        date = problem.week_start + dt.timedelta(days=offset)
        line.append((offset, int(date in before) if offset < 0 else worked(date)))
    return [[x for _, x in line[i : i + limit + 1]] for i in range(len(line) - limit) if line[i + limit][0] >= 0]


def build(v) -> list:
    p = v.problem
    if p.labour.max_consecutive_work_days is None:
        return []
    for member in p.staff:

        def worked(date, who=member.id):
            day = v.days.get((who, date))
            if day is not None:
                return day.worked
            return int(v.fixed.shift(who, date) is not None)

        for window in windows(p, member.id, worked):
            if all(isinstance(x, int) for x in window):
                continue  # nothing the model decides
            v.model.add(sum(window) <= p.labour.max_consecutive_work_days)
    return []

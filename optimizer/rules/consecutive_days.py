"""At most labour.max_consecutive_work_days days in a row, the previous week's published days
counted as constants."""

from __future__ import annotations

import datetime as dt

from core.roster.rules.consecutive_days import applies  # noqa: F401 (the profile switch)


def build(v) -> list:
    p = v.problem
    limit = p.labour.max_consecutive_work_days
    if limit is None:
        return []
    for member in p.staff:
        before = {s.date for s in p.previous_shifts(member.id)}
        line = []
        for offset in range(-7, 7):
            date = p.week_start + dt.timedelta(days=offset)
            if offset < 0:
                line.append((offset, int(date in before)))
            else:
                day = v.days.get((member.id, date))
                line.append((offset, day.worked if day is not None else 0))
        for i in range(len(line) - limit):
            window = line[i : i + limit + 1]
            if window[-1][0] >= 0:
                v.model.add(sum(x for _, x in window) <= limit)
    return []

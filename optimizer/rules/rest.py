"""labour.min_rest_hours_between_shifts between consecutive days' shifts, the previous week's
published Sunday included (its end is a constant)."""

from __future__ import annotations

import datetime as dt

from core.roster.model import DAY_MINUTES


def build(v) -> list:
    p, m = v.problem, v.model
    min_rest = int(round(p.labour.min_rest_hours_between_shifts * 60))
    for (who, date), day in v.days.items():
        following = v.days.get((who, date + dt.timedelta(days=1)))
        if following is not None:
            for e, end_var in day.end.items():
                too_soon = [s for t, s in following.start.items() if t + DAY_MINUTES - e < min_rest]
                if too_soon:
                    m.add(end_var + sum(too_soon) <= 1)
    for who in {w for w, _ in v.days}:
        first = v.days.get((who, p.week_start))
        before = p.previous_shifts(who)[-1:]
        if first is None or not before or (p.week_start - before[0].date).days != 1:
            continue
        for t, start_var in first.start.items():
            if t + DAY_MINUTES - before[0].end < min_rest:
                m.add(start_var == 0)
    return []

"""labour.min_rest_hours_between_shifts between consecutive days' shifts; a neighbouring day's shift
the model does not decide (the previous week's published Sunday, or a date outside the model:
optimizer.fixed_dates) is a constant."""

from __future__ import annotations

import datetime as dt

from core.roster.model import DAY_MINUTES

ONE_DAY = dt.timedelta(days=1)


def build(v) -> list:
    p, m = v.problem, v.model
    min_rest = int(round(p.labour.min_rest_hours_between_shifts * 60))
    for (who, date), day in v.days.items():
        following = v.days.get((who, date + ONE_DAY))
        if following is not None:
            for e, end_var in day.end.items():
                too_soon = [s for t, s in following.start.items() if t + DAY_MINUTES - e < min_rest]
                if too_soon:
                    m.add(end_var + sum(too_soon) <= 1)
    for (who, date), day in v.days.items():
        before = v.fixed.shift(who, date - ONE_DAY)
        if before is not None:
            for t, start_var in day.start.items():
                if t + DAY_MINUTES - before.end < min_rest:
                    m.add(start_var == 0)
        after = v.fixed.shift(who, date + ONE_DAY)
        if after is not None:
            for e, end_var in day.end.items():
                if after.start + DAY_MINUTES - e < min_rest:
                    m.add(end_var == 0)
    return []

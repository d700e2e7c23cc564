"""Soft: a lower bound of the activity switches, so that stage one sees them (issue 15).

Who does what is decided in stage two (optimizer.assign), which prices the switches after the
people per activity are fixed; on Seto's and Tamano's busy weeks those switches were most of the gap
between the final penalty and stage one's bound. Between two adjacent public slots, everyone who
joins an activity either arrives (starts, comes back from a break, or comes from preparation or
management, which end a work block as the checker counts it) or switches from another activity.
So the switches are at least the rises of the activities' counts minus the arrivals: this term,
at weights.activity_switch, never exceeds the switches the checker counts, so the model stays a
relaxation and its bound still bounds the final penalty; stage two adds the rest.

The bound is weak: locked to the benchmark's 18 stored rosters it prices 75 of their 3 705 switch
cost. Tried in the tenth session and not kept: one bound per group of options on each side of the
boundary (arrivals only from people who may do one of the group's options; those who can only have
been on the group and left must be replaced), which priced 1 890 of the 3 705 (Ageo 300 of 390,
Seto 195 of 300, Tamano still 0). The 10 s solves of the 15 site weeks were no better (108 685 /
108 675 against 108 165 / 108 110: Seto −1.5 %, Ageo +3.1 %, Kawanishi and Tamano +0.7 %); why the
search did worse with it was not established.
(Their first version shared Python sums between two bounds and priced more than the checker counts,
555 of 390 on Ageo's busy week, one term counted twice; built each from its own list, they held.)"""

from __future__ import annotations

import datetime as dt

from core.roster.model import PSEUDO_ACTIVITIES, SLOT
from core.roster.rules.ids import RuleId
from optimizer.variables import Term


def applies(problem) -> bool:
    return problem.weights.activity_switch > 0


def build(v) -> list:
    p = v.problem
    terms = []
    for date, frame in p.days.items():
        minutes = sorted(frame.public_slots)
        for t, u in zip(minutes, minutes[1:]):
            if u == t + SLOT:
                term = _between(v, date, t, u)
                if term is not None:
                    terms.append(term)
    return terms


def _between(v, date: dt.date, t: int, u: int) -> Term | None:
    m, p = v.model, v.problem
    before, after = v.counts.get((date, t), {}), v.counts.get((date, u), {})
    real = [o for o in after if o not in PSEUDO_ACTIVITIES]
    if not before or not real:
        return None
    rises, steps = [], []
    for option in real:
        rise = m.new_int_var(0, len(p.staff), f"rise_{p.site.id}_{date:%m%d}_{u}_{option}")
        step = after[option] - before.get(option, 0)
        m.add(rise >= step)
        rises.append(rise)
        steps.append(step)
    # who may arrive at u: not working an activity at t, or on preparation or management at t
    arrivals = [n for o, n in before.items() if o in PSEUDO_ACTIVITIES]
    for member in p.staff:
        day = v.days.get((member.id, date))
        if day is None or u not in day.on or not day.counted(u):
            continue
        if t not in day.on or not day.counted(t):
            arrivals.append(day.working(u))
            continue
        arrivals.append(day.start.get(u, 0))
        arrivals += [var for size, starts in day.breaks.items() for b, var in starts.items() if b + size * SLOT == u]
    switches = m.new_int_var(0, len(p.staff), f"switches_{p.site.id}_{date:%m%d}_{u}")
    m.add(switches >= sum(rises) - sum(arrivals))
    # their least values given the rest (SiteModel.tighten): each rise at its step or 0, the switches
    # at the rises less the arrivals or 0
    for rise, step in zip(rises, steps):
        v.least.append((rise, lambda value, step=step: max(0, value(step))))
    v.least.append(
        (
            switches,
            lambda value, steps=steps, arrivals=arrivals: max(
                0, sum(max(0, value(s)) for s in steps) - sum(value(a) for a in arrivals)
            ),
        )
    )
    return Term(RuleId.activity_switch, p.weights.activity_switch, switches)

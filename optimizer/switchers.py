"""The people who change activity inside a work block, re-solved date by date with everyone else kept.

Where the activity switches are most of what a finished roster loses (Ageo: its 10 s rosters carry
210 to 300 points of switches against 15 to 45 in the best known, and next to nothing of contract
hours), neither of the steps that use the last seconds touches them: the groups of people's weeks
(optimizer.people_weeks) are anchored on contract hours, and `one_date.reassign` keeps every shift.
Here a date's model (optimizer.one_date.OneDate, the switches exact) frees only the people who switch
on that date, their shifts and their activities; everyone else's shifts and activities are pinned.
The model is a fraction of a date's, so a fraction of a second finds what the switchers' shifts can
still give: moved so that one colleague covers what two switched between, or cut where a switch
served only to fill a gap.

Twenty-ninth session, the 10 s rosters of Ageo's three weeks (3 535, 4 325, 3 270; `reassign` had
run on them), 1.5 s a week, four workers: 3 500, 4 245, 3 210, where freeing everyone's activities
beside the switchers' shifts (a larger model) found 3 535, 4 275, 3 210 in the same time; Kawanishi's
busy week (switches 360 of 5 225, contract hours 3 080) 5 225 → 5 210, where the groups gain 95:
`_Run.last_steps` puts this step first only where the switches cost more than the contract hours."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from core.roster.model import Roster, RosterProblem, Shift
from core.roster.rules.activity_switch import switches
from optimizer.one_date import OneDate
from optimizer.repair import fix_shifts

# a date's solve gets at least this long on the wall clock (the dates with the most switches first:
# with the time short the last ones are not reached)
MIN_SECONDS = 0.3


def switchers(roster: Roster) -> dict[dt.date, Counter]:
    """Per date, the people whose shift has an activity switch, and how many."""
    out: dict[dt.date, Counter] = {}
    for shift in roster.shifts:
        count = switches(shift)
        if count:
            out.setdefault(shift.date, Counter())[shift.staff_id] += count
    return out


class SwitchersOfDate(OneDate):
    """One date's model (`OneDate`) with only `people`'s shifts and activities free on it."""

    def __init__(self, problem: RosterProblem, roster: Roster, date: dt.date, people: frozenset[str]):
        super().__init__(problem, roster, date)
        self.people = people
        fix_shifts(self.model, self.part, roster.shifts, keep=lambda key: key[0] not in people)
        self.pin(roster, keep=lambda who: who not in people)

    def frees(self, shift: Shift) -> bool:
        return shift.date == self.date and shift.staff_id in self.people


def improve(
    problem: RosterProblem,
    roster: Roster,
    checked: Callable[[list[Shift]], Roster],
    seconds_left: Callable[[], float],
    deterministic: float | None = None,
    workers: int = 1,
) -> Roster:
    """The dates with switches, the most first, each solved once with its switchers free while time
    is left (each an equal share of what is left, at least MIN_SECONDS; `deterministic`: units per
    date in reproducible mode, one worker then); a week kept when the checker scores it lower. The
    switchers are read once, from `roster`: a date's solve changes no other date's shifts."""
    found = switchers(roster)
    dates = sorted(found, key=lambda d: (-sum(found[d].values()), d))
    for i, date in enumerate(dates):
        left = seconds_left()
        if left < 0.1:
            break
        built = SwitchersOfDate(problem, roster, date, frozenset(found[date]))
        seconds = min(left, max(MIN_SECONDS, left / (len(dates) - i)))
        roster = built.better(roster, checked, seconds, deterministic, workers) or roster
    return roster

"""A few people's whole weeks solved again, with who does what and the switches counted exactly.

The date re-solves (optimizer.one_date) free one date and keep everyone's other dates, so hours cannot
move between two people across dates: on Seto's leave week one person sat 150 minutes short of their
contract while two colleagues with the same skills were 30 and 15 minutes over, on other dates. Here a
small group's weeks are free (shifts, and the activity of every working slot), everyone else's shifts
and activities stay as they are, and one CP-SAT solve finds the group's best weeks against them (the
stage-one objective with the group's switches counted exactly; the others' switches do not change).

Pairs are chosen on the contract hours: each person a slot or more from theirs, the farthest first,
with a colleague who shares a skill: one on the other side of their own hours first (their hours can
move to the first), then one at them, then the farthest; round by round (every anchor's first
colleague, then every anchor's next), each pair once. A new week is kept only if the checker's
penalty of the whole week is lower.

It runs on the time the date re-solves leave (they end early on a week whose dates prove their
optimum in less than their share). Seventeenth session, Seto's leave week's 10 s roster (6 000, the
record 5 905): the group of the person 150 minutes short and the two over, one worker, 4 s to prove
its optimum: 5 930; two of them at a time, 5 965 in 1 to 1.7 s each."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from ortools.sat.python import cp_model

from core.roster.model import SLOT, Roster, Shift
from core.roster.rules.ids import RuleId
from optimizer.free_activities import FreeActivities, counts_of
from optimizer.model import SiteModel
from optimizer.repair import fix_shifts

GROUP_SIZE = 2
# a person this far from their contract hours (minutes) anchors a group: one slot
MIN_DEVIATION = SLOT


class PeopleModel(FreeActivities):
    """The stage-one model with a group's person-days free and their activities and switches added."""

    def __init__(self, base: cp_model.CpModel, part: SiteModel, roster: Roster, people: frozenset[str]):
        self.part, self.people = part, people
        self.model = model = base.clone()
        model.clear_hints()
        fix_shifts(model, part, roster.shifts, keep=lambda key: key[0] not in people)
        others = counts_of(part, (s for s in roster.shifts if s.staff_id not in people))
        self.x = {}
        switches = []
        for (who, _), day in sorted(part.days.items(), key=lambda kv: kv[0]):
            if who in people:
                switches += self._person(day)
        free: dict[tuple, list[dict[str, cp_model.IntVar]]] = defaultdict(list)
        for (_, date, t), here in self.x.items():
            free[(date, t)].append(here)
        for key, options in part.counts.items():
            for option, var in options.items():
                model.add(var == others[key][option] + sum(here[option] for here in free[key] if option in here))
        # the group's switches counted exactly; everyone else's do not change
        model.minimize(
            part.objective(without=RuleId.activity_switch) + part.problem.weights.activity_switch * sum(switches)
        )
        self._hint(roster)

    def frees(self, shift: Shift) -> bool:
        return shift.staff_id in self.people


def deviations(part: SiteModel, roster: Roster) -> dict[str, int]:
    """Each person's worked minutes less their contract minutes."""
    worked = Counter()
    for shift in roster.shifts:
        worked[shift.staff_id] += shift.work_minutes
    return {m.id: worked[m.id] - part.problem.target_minutes(m) for m in part.problem.staff}


def groups(part: SiteModel, roster: Roster) -> Iterator[frozenset[str]]:
    """The groups for a roster as it stands (`choose`)."""
    return choose(deviations(part, roster), {m.id: set(m.skills) for m in part.problem.staff})


def choose(away: dict[str, int], skills: dict[str, set]) -> Iterator[frozenset[str]]:
    """Groups of GROUP_SIZE people, anchored on each person at least MIN_DEVIATION from their
    contract hours (`away`, minutes over), the farthest first, with colleagues sharing a skill: those
    on the other side of their own hours first, then those at them, then the farthest from them.
    Round by round: every anchor's first colleagues, then every anchor's next ones (with the ties at
    their hours broken by name, anchor by anchor, the first round alone paired everyone at Tamano's
    holiday week with the same colleague)."""
    anchors = [who for who in sorted(away, key=lambda who: (-abs(away[who]), who)) if abs(away[who]) >= MIN_DEVIATION]
    partners = {}
    for anchor in anchors:
        sign = 1 if away[anchor] > 0 else -1
        partners[anchor] = sorted(
            (who for who in away if who != anchor and skills[who] & skills[anchor]),
            key=lambda who: (_side(away[who] * sign), -abs(away[who]), who),
        )
    size = GROUP_SIZE - 1
    seen: set[frozenset[str]] = set()
    for start in range(0, max((len(p) for p in partners.values()), default=0), size):
        for anchor in anchors:
            group = frozenset([anchor, *partners[anchor][start : start + size]])
            if len(group) > 1 and group not in seen:
                seen.add(group)
                yield group


def _side(product: int) -> int:
    """0 for a colleague on the other side of their hours (they can give or take), 1 at them, 2 on
    the anchor's side."""
    return 0 if product < 0 else 1 if product == 0 else 2


def improve(
    base: cp_model.CpModel,
    part: SiteModel,
    roster: Roster,
    checked: Callable[[list[Shift]], Roster],
    seconds_left: Callable[[], float],
    per_group: float,
    deterministic: float | None,
    most: int | None = None,
    workers: int = 1,
    candidates: Callable[[SiteModel, Roster], Iterable[frozenset[str]]] = groups,
) -> Roster:
    """Groups in turn while time is left (at most `most` solves), each kept when the checker's
    penalty of the week is lower; the groups are chosen again on the roster as it stands (`candidates`,
    `groups` unless given), each group tried once. `workers` on the wall clock only (reproducible solves
    keep one)."""
    tried: set[frozenset[str]] = set()
    solves = 0
    while most is None or solves < most:
        group = next((g for g in candidates(part, roster) if g not in tried), None)
        if group is None or seconds_left() < 0.3:
            return roster
        tried.add(group)
        built = PeopleModel(base, part, roster, group)
        solves += 1
        seconds = max(0.1, min(per_group, seconds_left()))
        roster = built.better(roster, checked, seconds, deterministic, workers) or roster
    return roster

"""What every checker rule shares: the violation and penalty records and the roster laid out per slot.

Records carry ids, dates, slots, people and figures only; the Japanese sentence is made from them
by core.roster.texts when a roster is written out or shown."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from core.profile.site_profile import ActivityId
from core.roster.model import PSEUDO_ACTIVITIES, SLOT, Roster, RosterProblem, Shift, hhmm
from core.roster.rules.ids import RuleId

# A hard rule that cannot be met costs this much per person-slot (or per slot without a manager)
# in the objective, so the solver breaks as little as possible when it must break something.
HARD_SHORTFALL_WEIGHT = 100_000


@dataclass(frozen=True)
class Violation:
    """A hard rule broken: `code` says how, `figures` hold the numbers the sentence needs, `cause`
    (with figures) says why it could not be met where the checker can tell."""

    rule: RuleId
    code: str
    date: dt.date | None = None
    start: int | None = None
    end: int | None = None
    people: tuple[str, ...] = ()
    activity: str | None = None
    figures: dict = field(default_factory=dict)
    cause: str = ""

    @property
    def staff_id(self) -> str | None:
        return self.people[0] if self.people else None

    def to_json(self) -> dict:
        from core.roster import texts as roster_texts

        data: dict = {
            "rule": self.rule.value,
            "code": self.code,
            "label": roster_texts.rule_label(self.rule),
            "message": roster_texts.violation_message(self),
        }
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.start is not None:
            data["start"] = hhmm(self.start)
            data["end"] = hhmm(self.end)
        if self.people:
            data["staff_id"] = self.people[0]
            data["staff_ids"] = list(self.people)
        if self.activity is not None:
            data["activity"] = self.activity
        if self.cause:
            data["cause"] = self.cause
            data["reason"] = roster_texts.cause_text(self)
        if self.figures:
            data["figures"] = {k: v for k, v in self.figures.items() if isinstance(v, (int, float, str, list))}
        return data


@dataclass(frozen=True)
class Penalty:
    """A soft goal missed (or a hard rule's shortfall, priced at HARD_SHORTFALL_WEIGHT)."""

    rule: RuleId
    weight: int
    amount: int
    date: dt.date | None = None
    start: int | None = None
    end: int | None = None
    staff_id: str | None = None
    activity: str | None = None
    figures: dict = field(default_factory=dict)
    shortfall: bool = False

    @property
    def cost(self) -> int:
        return self.weight * self.amount

    @property
    def kind(self) -> str:
        if not self.shortfall:
            return self.rule.value
        return {RuleId.floor: "floor_shortfall", RuleId.presence: "presence_missing"}.get(
            self.rule, f"{self.rule.value}_shortfall"
        )

    def to_json(self) -> dict:
        from core.roster import texts as roster_texts

        data: dict = {
            "kind": self.kind,
            "rule": self.rule.value,
            "label": roster_texts.penalty_label(self),
            "weight": self.weight,
            "amount": self.amount,
            "cost": self.cost,
            "detail": roster_texts.penalty_detail(self),
        }
        if self.staff_id is not None:
            data["staff_id"] = self.staff_id
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.start is not None:
            data["start"] = hhmm(self.start)
        if self.end is not None:
            data["end"] = hhmm(self.end)
        if self.activity is not None:
            data["activity"] = self.activity
        return data


def slots(start: int, end: int) -> range:
    return range(start, end, SLOT)


def ranges(minutes) -> list[tuple[int, int]]:
    """[510, 525, 540, 600] → [(510, 555), (600, 615)]."""
    out: list[tuple[int, int]] = []
    for minute in sorted(minutes):
        if out and out[-1][1] == minute:
            out[-1] = (out[-1][0], minute + SLOT)
        else:
            out.append((minute, minute + SLOT))
    return out


class Week:
    """The roster laid out per slot, built once and shared by the rules. `sound` are the shifts
    that pass the file checks (core.roster.rules.shift_form) and so can be judged by the rest."""

    def __init__(
        self,
        roster: Roster,
        problem: RosterProblem,
        previous: Roster | None = None,
        locked: frozenset[tuple[str, dt.date]] = frozenset(),
    ):
        from core.roster.rules.shift_form import gate

        self.roster = roster
        self.problem = problem
        self.previous = previous
        self.locked = locked
        self.shifts: list[Shift] = list(roster.shifts)
        self.known = {m.id: m for m in problem.staff}
        self.gates: list[tuple[Shift, Violation | None]] = []
        seen: set[tuple[str, dt.date]] = set()
        for shift in self.shifts:
            issue = gate(shift, problem, self.known, seen)
            self.gates.append((shift, issue))
        self.sound = [shift for shift, issue in self.gates if issue is None]
        # (date, minute) → list of (staff_id, activity) for working minutes
        self.working: dict[tuple[dt.date, int], list[tuple[str, str]]] = defaultdict(list)
        for shift in self.shifts:
            for minute in slots(shift.start, shift.end):
                if shift.on_break(minute):
                    continue
                activity = shift.activity_at(minute)
                if activity is not None:
                    self.working[(shift.date, minute)].append((shift.staff_id, activity))

    def coverage(self, date: dt.date, minute: int) -> dict[ActivityId, int]:
        counts: dict[ActivityId, int] = defaultdict(int)
        for _, activity in self.working.get((date, minute), []):
            if activity in PSEUDO_ACTIVITIES:
                continue
            for part in activity.split("+"):
                try:
                    counts[ActivityId(part)] += 1
                except ValueError:
                    pass  # an unknown activity is reported per shift
        return counts

    def present(self, date: dt.date, minute: int) -> set[str]:
        """People working (not on break) in a slot, whatever they do."""
        return {who for who, _ in self.working.get((date, minute), [])}

    def by_person(self) -> dict[str, list[Shift]]:
        """Each known person's shifts of the week, by date."""
        out: dict[str, list[Shift]] = defaultdict(list)
        for shift in self.shifts:
            if shift.staff_id in self.known:
                out[shift.staff_id].append(shift)
        for shifts in out.values():
            shifts.sort(key=lambda s: s.date)
        return out


def absent_people(problem: RosterProblem, people, date: dt.date, start: int, end: int) -> tuple[list, list[list[str]]]:
    """(who could work the whole range, [[id, why not], …] for the others)."""
    free, away = [], []
    for member in people:
        window = problem.shift_window(member, date)
        if window is not None and window[0] <= start and end <= window[1] and problem.trained(member, date):
            free.append(member)
        else:
            away.append(
                [
                    member.id,
                    problem.unavailable_code(member, date)
                    or ("untrained" if not problem.trained(member, date) else "outside_hours"),
                ]
            )
    return free, away

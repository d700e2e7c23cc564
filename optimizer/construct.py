"""A constructive first roster: standard shifts placed greedily on the day's requirement curve.

No search: person by person and day by day, the shift (start, length, break) that covers most of
what is still missing is placed, until no shift pays. What a shift is worth is the model's own
objective read per slot: a contract floor, the answer-rate floor, the manager's presence, the
headcount and required before/after-hours work at HARD_SHORTFALL_WEIGHT; the demand target at
weights.unmet_demand; people over the target at -weights.over_staffing; the person's contract hours
at ±weights.contract_hours; a missed wish (day off, early, late) at -weights.preference. A person is
counted on one option per slot, and a newcomer may take the place of someone already counted whose
move to another of their options adds more (one step of an augmenting path), so a specialist is
placed beside people who can do everything. Then hours are traded on each date: someone well short
of their contract hours takes their best shift with a colleague (who is not short; in a second
round, less short by two hours) taken out, and the colleague takes their best one after (`trades`).
Every shift is built from the model's own legal starts, ends and break positions
(optimizer.variables), and the person's labour rules (weekly hours, days off, days in a row, rest
between shifts, training) are kept as it goes. Who does what is left to the model: solve() fixes
these shifts in the strict model, which then only chooses the counts (milliseconds), and the result
is both a checked roster and a complete hint for the full search."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from core.profile.calendar import weekday_of
from core.roster.model import DAY_MINUTES, SLOT, Shift
from core.roster.rules.base import HARD_SHORTFALL_WEIGHT
from core.roster.rules.outside_hours import eligible, margin_slots
from optimizer.variables import PersonDay, Variables

HARD = HARD_SHORTFALL_WEIGHT
TRADE_SHORT_MINUTES = 60  # who is short enough of their contract hours to take hours from a colleague
# a second round of trades where the colleague is short too, but by at least this much less than the
# person who takes the hours (`trade`). Twentieth session: at Kawanishi every full-timer is 75 minutes
# short of 40 h (its day holds 7 h 45 min of work), so the first round traded nothing there, and the
# part-timers stayed where the greedy left them (kaw-08 4.5 h of 30). The constructive starts
# (`/work/s20/starts.py`) with the second round at 120 minutes: Kawanishi's busy week 7 395 → 6 270,
# weekend 7 415 → 6 090, holiday 8 030 → 6 930, leave 6 820 → 5 520; Seto's busy and weekend weeks
# 6 775 → 6 655, Fujieda's busy 2 660 → 2 620 and holiday 1 510 → 1 470; Ageo's and Tamano's the same.
# 10 s solves of Kawanishi's and Seto's eight weeks (`/work/s20/ten.py`, two runs each): 60 minutes
# 46 625 and 46 450, 120 46 575 and 46 295, 240 46 575 and 46 745.
TRADE_GAP_MINUTES = 120
# that second round again while its last pass changed a shift, at most this many passes in all
# (`trade_shorter`): where everyone is short, each pass frees hours the next can hand on. Twenty-eighth
# session, the starts (`/work/s28/starts_v.py`, up to four passes): Kawanishi's busy week 6 270 → 6 120,
# weekend 6 090 → 5 915, holiday 6 930 → 6 815, leave 5 520 → 5 455, for 1.1 to 2.3 s more; Ageo's,
# Seto's, Tamano's and Fujieda's starts the same (a pass there changes nothing, or nothing after the
# first). 10 s solves of Kawanishi's and Tamano's eight weeks (`/work/s28/ten_v.py`, idle machine, three
# runs each, alternating): 67 010, 66 950, 67 030 against 67 360, 67 515, 67 600 with one pass
# (Kawanishi's busy week 5 150 to 5 200 against 5 280 to 5 390, weekend 4 995 to 5 010 against 5 200 to
# 5 210, holiday 6 115 to 6 155 against 6 190 to 6 250; leave 4 630 to 4 690 against 4 600 to 4 675).
SHORTER_PASSES = 4
FORBIDDEN = -1e12  # a slot over a cap: no shape through it is ever worth placing


@dataclass
class _Slot:
    """What is still missing in one slot of one date."""

    # The counters are signed: every person counted in takes one off, whoever came first, so that
    # counting out in any order gives back what was there (a counter that stopped at zero drifted
    # after a displaced colleague was released: a floor then read short while it was met).
    floor: dict[str, int]  # activity → the hard floor (contract, answer rate) minus the people on it
    target: dict[str, int]  # activity → the demand target beyond the floor (fixed)
    room: dict[str, int]  # activity → people until the cap
    # "lead": managers or deputies missing; "heads": people missing for the headcount; "outside":
    # required before/after-hours people missing (below zero: more than needed)
    people: dict[str, int] = field(default_factory=lambda: {"lead": 0, "heads": 0, "outside": 0})
    kit: dict[str, int] = field(default_factory=dict)  # equipment → people it can still take
    on: dict[str, str | None] = field(default_factory=dict)  # person → the option they are counted on
    # option → (value, person, their other option): the best move of someone already on the option
    # to another one, so that a newcomer can take their place; None when the slot changed since
    escapes: dict[str, tuple[float, str, str]] | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # option → worth now (a cache)
    # kind of person (Constructor._kind) → what one working slot of theirs is worth now (slot_value,
    # a cache): a placed shift changes only its own slots, so the other slots of its date keep their
    # worth for everyone
    worth: dict[int, float] = field(default_factory=dict)


class Constructor:
    def __init__(self, v: Variables):
        self.v, self.p = v, v.problem
        p = self.p
        self.slots: dict[tuple[dt.date, int], _Slot] = {}
        for (date, minute, activity), need in p.requirements.items():
            if minute not in p.days[date].service.get(activity, ()):
                continue
            slot = self._slot(date, minute)
            floor = max(need.min, min(need.max, need.service.agents if need.service else 0))
            slot.floor[activity.value] = floor
            slot.target[activity.value] = max(0, need.target - floor)
            slot.room[activity.value] = need.max
        presence = p.site.staffing.presence != "none"
        for date, frame in p.days.items():
            for minute in frame.public_slots:
                slot = self._slot(date, minute)
                slot.people["lead"] = int(presence)
                slot.people["heads"] = p.site.staffing.min_on_site or 0
        for date, frame in p.days.items():
            for minute in frame.public_slots:
                slot = self._slot(date, minute)
                for kit in p.site.equipment:
                    slot.kit[kit.id] = kit.available
        self.kit_users = {
            a.value: [k.id for k in p.site.equipment if a in k.used_by] for k in p.site.equipment for a in k.used_by
        }
        spec = p.site.staffing.outside_hours
        # the person-days that count for the required before/after-hours people
        self.outside: set[tuple[str, dt.date]] = set()
        if spec is not None and spec.mode == "required":
            for date in p.days:
                for minute in margin_slots(p, date):
                    self._slot(date, minute).people["outside"] = spec.people
            self.outside = {(who, date) for who, date in v.days if eligible(p, p.member(who), date)}
        self.on_date: dict[dt.date, list[_Slot]] | None = None
        # (person, date, minute) → their options there with the activities split, and their kind: a
        # slot's worth depends on the person only through these, so people of one kind share it
        self.split: dict[tuple[str, dt.date, int], tuple[list[tuple[str, tuple[str, ...]]], int]] = {}
        self.kinds: dict[tuple, tuple[list[tuple[str, tuple[str, ...]]], int]] = {}
        # person-day → (slot, kind) of each of its slots in `day.slots` order (the slots never change)
        self.day_slots: dict[tuple[str, dt.date], list[tuple[_Slot | None, int]]] = {}
        self.break_starts: dict[tuple[str, dt.date], dict[int, list[int]]] = {}
        # person-day → its shapes with their break size, and each slot's position (they never change)
        self.day_cache: dict[tuple[str, dt.date], tuple[list[tuple[int, int, int, int]], dict[int, int]]] = {}
        self.unmet, self.over = p.weights.unmet_demand, p.weights.over_staffing
        self.max_weekly = p.max_weekly_minutes
        self.rest = int(round(p.labour.min_rest_hours_between_shifts * 60))
        self.shifts: dict[tuple[str, dt.date], Shift] = {}
        self.changed: dict[tuple[str, dt.date], list[tuple[dict, str]]] = {}
        # (person, date, minute) → the option counts their slot changed, as they stand now
        self.counted_on: dict[tuple[str, dt.date, int], list[tuple[dict, str]]] = {}
        self.minutes: dict[str, int] = {m.id: 0 for m in p.staff}
        self.target = {m.id: p.target_minutes(m) for m in p.staff}
        self.dates_of: dict[str, list[dt.date]] = {m.id: [] for m in p.staff}
        for who, date in v.days:
            self.dates_of[who].append(date)
        self.max_days = 7 - p.labour.min_days_off_per_week
        self.skills = {m.id: set(m.skills) for m in p.staff}  # who may trade hours with whom
        self.lead = {m.id: p.counts_for_presence(m) for m in p.staff}
        # scarcity: a date with fewer people who may lead (or work at all) is served first, so that
        # their weekly hours are not spent on dates others could cover
        self.scarce: dict[tuple[dt.date, str], float] = {}
        for date in p.days:
            here = [k[0] for k in v.days if k[1] == date and p.trained(p.member(k[0]), date)]
            leads = sum(1 for who in here if self.lead[who])
            self.scarce[(date, "lead")] = HARD * (1 + 1 / max(1, leads))
            self.scarce[(date, "heads")] = HARD * (1 + 1 / max(1, len(here)))

    def _slot(self, date: dt.date, minute: int) -> _Slot:
        if (date, minute) not in self.slots:
            self.slots[(date, minute)] = _Slot({}, {}, {})
        return self.slots[(date, minute)]

    # --- what one working slot of one person is worth ------------------------------------------

    def _option_value(self, slot: _Slot, parts: tuple[str, ...]) -> float | None:
        """What one more person on this option is worth as the slot stands; None for an option that
        is none of the slot's activities (preparation, management)."""
        room, floor, target, kit, users = slot.room, slot.floor, slot.target, slot.kit, self.kit_users
        if len(parts) == 1:  # the common case, without the generators below
            a = parts[0]
            left = room.get(a)
            if left is None:
                return None
            if left <= 0 or (a in users and any(kit[k] <= 0 for k in users[a])):
                return FORBIDDEN
            return HARD if floor[a] > 0 else (self.unmet if floor[a] + target[a] > 0 else -self.over)
        if not all(a in room for a in parts):
            return None
        if any(room[a] <= 0 for a in parts) or any(kit[k] <= 0 for a in parts for k in users.get(a, ())):
            return FORBIDDEN
        value = 0.0
        for a in parts:
            if floor[a] > 0:
                value += HARD
            elif floor[a] + target[a] > 0:
                value += self.unmet
            else:
                value -= self.over
        return value

    def _cached_value(self, slot: _Slot, option: str, parts: tuple[str, ...]) -> float | None:
        """_option_value, kept per slot until someone is counted in or out of it."""
        values = slot.values
        if option in values:
            return values[option]
        value = values[option] = self._option_value(slot, parts)
        return value

    def _escapes(self, slot: _Slot, date: dt.date, minute: int) -> dict[str, tuple[float, str, str]]:
        """Per option, the best move of someone on it to another of their options (what that move is
        worth): a newcomer who takes their place keeps the option's count, so the move is what the
        newcomer adds. Without it, a person who can only do what others already do (Ageo's
        support-desk agent, Kawanishi's window staff when the terminals are taken) is never placed,
        though the slot would gain if those others moved to what they alone can also do."""
        if slot.escapes is None:
            found: dict[str, tuple[float, str, str]] = {}
            for who, current in slot.on.items():
                if current is None:
                    continue
                for option, parts in self._parts(self.v.days[(who, date)], minute):
                    if option == current:
                        continue
                    value = self._cached_value(slot, option, parts)
                    if value is not None and (current not in found or value > found[current][0]):
                        found[current] = (value, who, option)
            slot.escapes = found
        return slot.escapes

    def _best_option(self, day: PersonDay, minute: int) -> tuple[float, str | None, tuple[str, str] | None]:
        """(value, option, move): the best option for this person in the slot, and the move
        (person, their new option) that makes room for them on it, if one is needed."""
        slot = self.slots.get((day.date, minute))
        if slot is None:
            return 0.0, None, None
        best, choice = None, None
        for option, parts in self._parts(day, minute):
            value = self._cached_value(slot, option, parts)
            if value is not None and (best is None or value > best):
                best, choice = value, option
        if best is None or best > 0:
            return (best or 0.0), choice, None
        escapes = self._escapes(slot, day.date, minute)
        move = None
        for option, _ in self._parts(day, minute):
            found = escapes.get(option)
            if found is not None and found[0] > best:
                best, choice, move = found[0], option, (found[1], found[2])
        return best, choice, move

    def _parts(self, day: PersonDay, minute: int) -> list[tuple[str, tuple[str, ...]]]:
        """The person's options in a slot with their activities split once (the hot loop)."""
        return self._kind(day, minute)[0]

    def _kind(self, day: PersonDay, minute: int) -> tuple[list[tuple[str, tuple[str, ...]]], int]:
        """The person's options in a slot (split) and their kind there: the options, whether they
        may lead, whether they count for the before/after-hours people. What slot_value says
        depends on nothing else of the person, so it is kept per kind: on Ageo's busy week the
        constructor then works out 37 000 values where it worked out 52 000 (cProfile)."""
        key = (day.member.id, day.date, minute)
        found = self.split.get(key)
        if found is None:
            options = day.options.get(minute, ())
            kind = (options, self.lead[day.member.id], (day.member.id, day.date) in self.outside)
            found = self.kinds.get(kind)
            if found is None:
                found = self.kinds[kind] = ([(o, tuple(o.split("+"))) for o in options], len(self.kinds))
            self.split[key] = found
        return found

    def _day_slots(self, day: PersonDay) -> list[tuple[_Slot | None, int]]:
        key = (day.member.id, day.date)
        found = self.day_slots.get(key)
        if found is None:
            found = self.day_slots[key] = [(self.slots.get((day.date, t)), self._kind(day, t)[1]) for t in day.slots]
        return found

    def slot_value(self, day: PersonDay, minute: int) -> float:
        slot = self.slots.get((day.date, minute))
        if slot is None:
            return 0.0
        who = day.member.id
        kind = self._kind(day, minute)[1]
        value = slot.worth.get(kind)
        if value is not None:
            return value
        value, _, _ = self._best_option(day, minute)
        people = slot.people
        if people["lead"] > 0 and self.lead[who]:
            value += self.scarce[(day.date, "lead")]
        if people["heads"] > 0:
            value += self.scarce[(day.date, "heads")]
        if people["outside"] > 0 and (who, day.date) in self.outside:
            value += HARD
        slot.worth[kind] = value
        return value

    def _count_on(self, slot: _Slot, who: str, date: dt.date, minute: int, option: str | None) -> None:
        """Count a person on an option of the slot (None: on none of its activities)."""
        changed: list[tuple[dict, str]] = []
        for a in option.split("+") if option is not None else ():
            changed.append((slot.floor, a))
            changed.append((slot.room, a))
            changed += [(slot.kit, k) for k in self.kit_users.get(a, ())]
        for where, key in changed:
            where[key] -= 1
        self.counted_on[(who, date, minute)] = changed
        slot.on[who] = option
        slot.escapes = None
        slot.values.clear()
        slot.worth.clear()

    def _uncount(self, slot: _Slot, who: str, date: dt.date, minute: int) -> None:
        for where, key in self.counted_on.pop((who, date, minute)):
            where[key] += 1
        del slot.on[who]
        slot.escapes = None
        slot.values.clear()
        slot.worth.clear()

    def take(self, day: PersonDay, minute: int) -> list[tuple[dict, str]]:
        """Count one working slot of this person against what is missing (moving someone to another
        of their options if that makes room); the person-level changes, so that `release` can undo
        them (the option counts are undone per slot, as they stand then)."""
        slot = self.slots.get((day.date, minute))
        if slot is None:
            return []
        who, date = day.member.id, day.date
        _, option, move = self._best_option(day, minute)
        if move is not None:
            other, to = move
            self._uncount(slot, other, date, minute)
            self._count_on(slot, who, date, minute, option)
            self._count_on(slot, other, date, minute, to)
        else:
            self._count_on(slot, who, date, minute, option)
        changed: list[tuple[dict, str]] = []
        people = slot.people
        if self.lead[who]:
            changed.append((people, "lead"))
        changed.append((people, "heads"))
        if (who, date) in self.outside:
            changed.append((people, "outside"))
        for where, key in changed:
            where[key] -= 1
        slot.worth.clear()
        return changed

    # --- the shapes a person-day may take -------------------------------------------------------

    def shapes(self, day: PersonDay) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
        """(start, end, breaks) on the model's grid: every legal start, a few standard lengths, the
        break where the model allows it (the best position is chosen when valued)."""
        plan, p = self.v.plan, self.p
        min_len = -(-p.min_shift_minutes // SLOT)
        # the person's whole window and an hour less: where the window is shorter than the longest
        # shift (Kawanishi's 8.5 h against 9 h), no length between 6 h and the longest fitted, so
        # nobody worked a day with a break and the afternoons went short
        span = min(plan.longest, (day.window[1] - day.window[0]) // SLOT)
        lengths = sorted(
            {
                plan.longest,
                min(plan.longest, plan.mid_max),
                min(plan.longest, plan.short_max),
                max(min_len, min(plan.longest, (plan.short_max + min_len) // 2)),
                min_len,
                max(min_len, span),
                max(min_len, span - 4),
            }
        )
        out = []
        for start in day.start:
            for length in lengths:
                end = start + length * SLOT
                if length < min_len or end not in day.end:
                    continue
                out.append((start, end, length))
        return out

    def _break_size(self, length: int) -> int:
        plan = self.v.plan
        if length <= plan.short_max:
            return 0
        return plan.b1 if length <= plan.mid_max else plan.b2

    def evaluate(self, day: PersonDay) -> tuple[float, Shift] | None:
        """The best shape for this person-day as things stand, and what it is worth."""
        ranked = self.ranked(day, 1)
        return ranked[0] if ranked else None

    def ranked(self, day: PersonDay, keep: int) -> list[tuple[float, Shift]]:
        """The `keep` best shapes (one break position each), best first. The hot loop of the
        greedy (about 1 500 calls on Ageo's week): the shapes are the person-day's own (kept), the
        hours term depends only on the work (five lengths), and a break position's cost only on the
        slot values, so each is worked out once per call."""
        shapes, _ = self._day(day)
        found: list[tuple[float, int, int, tuple[tuple[int, int], ...]]] = []
        who = day.member.id
        reach = self._reach_after(who, day.date)
        day_off = self._day_off_cost(day)
        room = self.max_weekly - self.minutes[who]
        hours: dict[int, float] = {}
        for gain, start, end, brk, work in self.covered(day, shapes):
            if work > room:
                continue
            value = hours.get(work)
            if value is None:
                value = hours[work] = self._hours_value(who, work, reach)
            gain += value
            gain -= day_off + self._wish_cost(day, start, end)
            found.append((gain, start, end, brk))
        found.sort(key=lambda item: -item[0])  # stable: the earliest shape first on a tie
        return [(gain, Shift(who, day.date, start, end, brk)) for gain, start, end, brk in found[:keep]]

    def covered(self, day: PersonDay, shapes: list[tuple[int, int, int, int]]):
        """(worth, start, end, breaks, minutes of work) of each shape (start, end, length in slots,
        break size) that keeps the rest with the person's shifts the day before and after: the slot
        values it covers less those its break gives up, the break where it gives up the least,
        nearest the middle on a tie (the first such position in the model's order). The contract
        hours and wishes are the caller's to add."""
        index = self._day(day)[1]
        prefix, total = [0.0], 0.0
        for t, (slot, kind) in zip(day.slots, self._day_slots(day)):
            # slot_value's cache read here: the hot loop of the greedy
            value = 0.0 if slot is None else slot.worth.get(kind)
            total += self.slot_value(day, t) if value is None else value
            prefix.append(total)
        earliest, latest = self.rest_window(day.member.id, day.date)
        margin = self.p.rules.min_work_around_break_minutes // SLOT * SLOT
        positions = self._break_starts(day)
        costs: dict[int, list[float]] = {}  # size → the slot values a break at each position gives up
        for start, end, length, size in shapes:
            if start < earliest or end > latest:
                continue  # too little rest after the day before's shift or before the next day's
            gain = prefix[index[end - SLOT] + 1] - prefix[index[start]]
            brk: tuple[tuple[int, int], ...] = ()
            if size:
                low, high, middle = start + margin, end - margin - (size - 1) * SLOT, (start + end) // 2
                row = positions.get(size, ())
                cost = costs.get(size)
                if cost is None:
                    cost = costs[size] = [prefix[index[b] + size] - prefix[index[b]] for b in row]
                least, nearest, place = None, 0, 0
                # the positions in the model's order (ascending), the first one kept on a tie
                for k in range(bisect_left(row, low), bisect_left(row, high)):
                    value, distance = cost[k], abs(row[k] - middle)
                    if least is None or value < least or (value == least and distance < nearest):
                        least, nearest, place = value, distance, row[k]
                if least is None:
                    continue
                gain -= least
                brk = ((place, place + size * SLOT),)
            yield gain, start, end, brk, (length - size) * SLOT

    def _break_starts(self, day: PersonDay) -> dict[int, list[int]]:
        """Break size → the model's break starts for this person-day, ascending (kept)."""
        key = (day.member.id, day.date)
        found = self.break_starts.get(key)
        if found is None:
            found = self.break_starts[key] = {size: sorted(starts) for size, starts in day.breaks.items()}
        return found

    def _day(self, day: PersonDay) -> tuple[list[tuple[int, int, int, int]], dict[int, int]]:
        """`shapes` with each one's break size, and each slot's position in `day.slots`, kept per
        person-day."""
        key = (day.member.id, day.date)
        found = self.day_cache.get(key)
        if found is None:
            shapes = [(s, e, n, self._break_size(n)) for s, e, n in self.shapes(day)]
            found = self.day_cache[key] = (shapes, {t: i for i, t in enumerate(day.slots)})
        return found

    def cost(self) -> float:
        """What the shifts placed cost as the constructor counts them, summed over the slots and the
        people: HARD per person-slot the hard rules miss, -FORBIDDEN per person counted past a cap
        or the equipment, the unmet demand and the over-staffing, the contract hours, the scattered
        starts and the wishes.
        A slot value is one person's margin at the moment it is read, and margins read at different
        moments do not add up to what the shifts cost (at Kawanishi, pairs of weeks whose margins
        read HARD-sized gains dropped 930 minutes of work with every floor kept, and scored 1 475
        worse); this reads the counts as they stand."""
        unmet, over = self.unmet, self.over
        total = 0.0
        for slot in self.slots.values():
            target = slot.target
            for activity, floor in slot.floor.items():
                reach = floor + target[activity]
                total += HARD * max(0, floor) + unmet * (max(0, reach) - max(0, floor)) + over * max(0, -reach)
            total += HARD * sum(n for n in slot.people.values() if n > 0)
            # someone counted past a cap (every option of theirs was full): no completion exists
            over_cap = sum(-n for n in slot.room.values() if n < 0) + sum(-n for n in slot.kit.values() if n < 0)
            total -= FORBIDDEN * over_cap
        total += sum(self.hours_cost(who, minutes) for who, minutes in self.minutes.items())
        starts: dict[str, set[int]] = {}
        for (who, _), shift in self.shifts.items():
            starts.setdefault(who, set()).add(shift.start)
        total += sum(self.starts_cost(len(found)) for found in starts.values())
        for key, shift in self.shifts.items():
            day = self.v.days[key]
            total += self._day_off_cost(day) + self._wish_cost(day, shift.start, shift.end)
        return total

    def hours_cost(self, who: str, minutes: int) -> float:
        """The contract-hours rule on a week of `minutes` of work: weights.contract_hours per 15
        minutes away from the person's target."""
        return self.p.weights.contract_hours * abs(minutes - self.target[who]) / SLOT

    def starts_cost(self, starts: int) -> float:
        """The scattered-starts rule on a week with `starts` distinct start times: weights.scattered_starts
        per start beyond the first."""
        return self.p.weights.scattered_starts * max(0, starts - 1)

    def snapshot(self) -> tuple:
        """The counts and shifts as they stand, for `restore`: placing shifts back after a release
        does not count them as they were (the counts depend on the order people were counted in; at
        Kawanishi a pair of weeks taken out and put back cost 1 575 more)."""
        slots = [
            (slot, dict(slot.floor), dict(slot.room), dict(slot.people), dict(slot.kit), dict(slot.on))
            for slot in self.slots.values()
        ]
        return slots, dict(self.shifts), dict(self.changed), dict(self.counted_on), dict(self.minutes)

    def restore(self, state: tuple) -> None:
        """Back to a `snapshot`, which is used up (its copies become the constructor's own): the
        counters are refilled into the same dicts, as the counted changes point into them."""
        slots, self.shifts, self.changed, self.counted_on, self.minutes = state
        for slot, floor, room, people, kit, on in slots:
            for mine, saved in ((slot.floor, floor), (slot.room, room), (slot.people, people), (slot.kit, kit)):
                mine.update(saved)
            slot.on = on
            slot.escapes = None
            slot.values.clear()
            slot.worth.clear()

    def _day_off_cost(self, day: PersonDay) -> int:
        """The preference rule's price of working a wished day off (the same on every shape)."""
        return self.p.weights.preference if weekday_of(day.date) in day.member.preferences.days_off else 0

    def _wish_cost(self, day: PersonDay, start: int, end: int) -> int:
        """The preference rule's price of an early or late wish this shape misses (the model's
        `optimizer/rules/preference.py`): the starts on Ageo's and Kawanishi's weeks paid 320 to 480
        for wishes that good rosters keep at no cost."""
        shift = day.member.preferences.shift
        if shift == "early" and start != day.window[0] or shift == "late" and end != day.window[1]:
            return self.p.weights.preference
        return 0

    def _hours_value(self, who: str, work: int, reach: int) -> float:
        """The contract-hours term: each 15 minutes towards the target earns, beyond it costs; and
        each 15 minutes the shift saves from being stranded (more than the person's other free days
        can still hold, `reach`) earns once more. Without that look ahead a person could take short
        shifts and run out of days: with it, the constructive roster of Ageo's leave week went from
        7 960 to 6 305 (its 10 s result, median of 3, from 5 745 to 5 280)."""
        w = self.p.weights.contract_hours
        need = self.target[who] - self.minutes[who]
        below = max(0, min(work, need))
        stranded = max(0, need - reach) - max(0, need - work - reach)
        return w * (below - (work - below) + stranded) / SLOT

    def _reach_after(self, who: str, date: dt.date) -> int:
        """The most work the person's other open dates can still take this week: one full day each
        on the free ones, as many as the days off leave."""
        worked = sum(1 for d in self.dates_of[who] if (who, d) in self.shifts and d != date)
        free = sum(1 for d in self.dates_of[who] if d != date and (who, d) not in self.shifts)
        return max(0, min(free, self.max_days - worked - 1)) * self.p.max_daily_minutes

    # --- the person's labour rules --------------------------------------------------------------

    def allowed(self, day: PersonDay) -> bool:
        p, who = self.p, day.member.id
        if not p.trained(day.member, day.date):
            return False
        worked = [d for (w, d) in self.shifts if w == who]
        if len(worked) + 1 > 7 - p.labour.min_days_off_per_week:
            return False
        limit = p.labour.max_consecutive_work_days
        if limit is not None:
            days = {d for d in worked} | {s.date for s in p.previous_shifts(who)} | {day.date}
            run = 1
            for step in (-1, 1):
                d = day.date + dt.timedelta(days=step)
                while d in days:
                    run += 1
                    d += dt.timedelta(days=step)
            if run > limit:
                return False
        return True

    def rest_window(self, who: str, date: dt.date) -> tuple[int, int]:
        """The earliest start and the latest end of a shift on `date` that keep the rest between
        shifts with the day before (this week's or the previous week's roster) and the day after."""
        before = self.shifts.get((who, date - dt.timedelta(days=1)))
        if before is None and date == self.p.week_start:
            previous = self.p.previous_shifts(who)[-1:]
            before = previous[0] if previous and (date - previous[0].date).days == 1 else None
        after = self.shifts.get((who, date + dt.timedelta(days=1)))
        earliest = -DAY_MINUTES if before is None else before.end + self.rest - DAY_MINUTES
        latest = 2 * DAY_MINUTES if after is None else after.start + DAY_MINUTES - self.rest
        return earliest, latest

    # --- the greedy -----------------------------------------------------------------------------

    def place(self, shift: Shift) -> None:
        day = self.v.days[(shift.staff_id, shift.date)]
        changed = []
        for t in range(shift.start, shift.end, SLOT):
            if not shift.on_break(t):
                changed += self.take(day, t)
        self.shifts[(shift.staff_id, shift.date)] = shift
        self.changed[(shift.staff_id, shift.date)] = changed
        self.minutes[shift.staff_id] += shift.work_minutes

    def release(self, key: tuple[str, dt.date]) -> None:
        shift = self.shifts.pop(key)
        for where, name in self.changed.pop(key):
            where[name] += 1
        for t in range(shift.start, shift.end, SLOT):
            slot = self.slots.get((shift.date, t))
            if slot is not None and not shift.on_break(t):
                self._uncount(slot, shift.staff_id, shift.date, t)
        self.minutes[shift.staff_id] -= shift.work_minutes

    def run(self, passes: int = 4, trade: bool = True) -> list[Shift]:
        for key, shift in self.v.locked_shifts.items():
            if key in self.v.days:
                self.place(Shift(shift.staff_id, shift.date, shift.start, shift.end, shift.breaks))
        self.greedy()
        # then each person-day again, the others kept: its shift taken out and the best one (or
        # none) put back, until a pass changes nothing
        free = self.free()
        for _ in range(passes):
            moved = False
            for key in free:
                old = self.shifts.get(key)
                if old is not None:
                    self.release(key)
                day = self.v.days[key]
                found = self.evaluate(day) if self.allowed(day) else None
                if found is not None and found[0] > 0:
                    self.place(found[1])
                moved |= self.shifts.get(key) != old
            if not moved:
                break
        for date in sorted(self.p.days):
            self.pairs(date, set(free))
        if not trade:
            return self.roster()
        self.trade()
        return self.trade_shorter()

    def free(self) -> list[tuple[str, dt.date]]:
        """The person-days the constructor may change (not locked), date by date."""
        return [key for key in sorted(self.v.days, key=lambda k: (k[1], k[0])) if key not in self.v.locked]

    def roster(self) -> list[Shift]:
        return sorted(self.shifts.values(), key=lambda s: (s.date, s.staff_id))

    def seed(self, shifts: list[Shift]) -> Constructor:
        """Start from these shifts (a checked roster's; their activities are left to the model)."""
        for shift in shifts:
            if (shift.staff_id, shift.date) in self.v.days:
                self.place(Shift(shift.staff_id, shift.date, shift.start, shift.end, shift.breaks))
        self._count_as_assigned(shifts)
        return self

    def _count_as_assigned(self, shifts: list[Shift]) -> None:
        """Where counting the seeded shifts one by one reads a cap broken or a floor missed, everyone
        in the slot counted on the activity the roster gives them instead. Counting in turn moves at
        most one person aside to make room, and a roster's assignment can need more: on an Ageo copy
        of the 20-site pool (24 people, two of them support-desk only) an acceptable roster read a
        third person at the support desk for ten slots, each priced as a broken cap (-FORBIDDEN), so
        the week moves valued those slots as closed and kept any move that "mended" them: one left 17
        person-slots of hard floors unmet (cost 11 950 → 1 713 515 beside the caps), and only the moves
        after it happened to mend them. Thirty-fourth session: no slot of the 18 benchmark weeks' 10 s
        solves was counted again. The pool pays for it: on its commonest Ageo start the misread path
        happened to lead lower, and seven alternating 60 s pool pairs gave 233 440 to 234 585 misread
        against 234 250 to 235 435 counted right (lower misread in six). Kept: a count that prices an
        acceptable roster as breaking a cap is a defect, and moves cut by the clock halfway through
        such a repair leave nothing (`week_moves.kick` now moves whole groups on purpose)."""
        assigned = {(s.staff_id, s.date): s for s in shifts if s.activities}
        if not assigned:
            return
        for (date, minute), slot in self.slots.items():
            wrong = any(n < 0 for n in slot.room.values()) or any(n < 0 for n in slot.kit.values())
            if not wrong and not any(n > 0 for n in slot.floor.values()):
                continue
            wanted = {}
            for who, current in slot.on.items():
                shift = assigned.get((who, date))
                if shift is None:
                    wanted[who] = current
                    continue
                option = shift.activity_at(minute)  # on none of the slot's activities (management): None
                known = option in self.v.days[(who, date)].options.get(minute, ())
                wanted[who] = option if known and all(a in slot.room for a in option.split("+")) else None
            for who in list(slot.on):
                self._uncount(slot, who, date, minute)
            for who, option in wanted.items():
                self._count_on(slot, who, date, minute, option)

    def trade(self, out_of_time: Callable[[], bool] = lambda: False, shorter: bool = False) -> list[Shift]:
        """One round of hours traded between colleagues (`trades`), date by date, and the shifts
        after it: with colleagues who are not short, or (`shorter`, the second round) with colleagues
        short by at least TRADE_GAP_MINUTES less than the one who takes the hours. The dates not
        reached when `out_of_time` says so keep their shifts as they are."""
        free = set(self.free())
        for date in sorted(self.p.days):
            if out_of_time():
                break
            self.trades(date, free, shorter)
        return self.roster()

    def trade_shorter(self, out_of_time: Callable[[], bool] = lambda: False) -> list[Shift]:
        """`trade(shorter=True)` again while its last pass changed a shift (at most SHORTER_PASSES
        passes, none begun once `out_of_time` says so), and the shifts after it."""
        shifts = self.roster()
        for done in range(SHORTER_PASSES):
            if done and out_of_time():
                break
            before = shifts
            shifts = self.trade(out_of_time, shorter=True)
            if shifts == before:
                break
        return shifts

    def counts(self) -> dict[tuple[dt.date, int], dict[str, int]]:
        """People per option in every slot as the constructor counted them: what the model's counts
        (Variables.counts) would hold for these shifts, without asking the model. The greedy
        matching (optimizer.assign) turns them into a checkable roster within milliseconds."""
        out: dict[tuple[dt.date, int], dict[str, int]] = {}
        for key, slot in self.slots.items():
            for option in slot.on.values():
                if option is not None:
                    here = out.setdefault(key, {})
                    here[option] = here.get(option, 0) + 1
        return out

    def missing(self, date: dt.date) -> int:
        """Person-slots the hard rules still miss on a date."""
        if self.on_date is None:  # every slot exists once the constructor is built
            self.on_date = {}
            for (day, _), slot in self.slots.items():
                self.on_date.setdefault(day, []).append(slot)
        return sum(
            sum(n for n in slot.floor.values() if n > 0) + sum(n for n in slot.people.values() if n > 0)
            for slot in self.on_date.get(date, ())
        )

    def can_help(self, day: PersonDay) -> bool:
        """Whether this person could work a slot of the date the hard rules still miss."""
        who = day.member.id
        for minute in day.slots:
            slot = self.slots.get((day.date, minute))
            if slot is None:
                continue
            people = slot.people
            if people["heads"] > 0 or (people["lead"] > 0 and self.lead[who]):
                return True
            if people["outside"] > 0 and (who, day.date) in self.outside:
                return True
            short = {a for a, n in slot.floor.items() if n > 0}
            if short and any(short & set(option.split("+")) for option in day.options.get(minute, ())):
                return True
        return False

    def _replace(self, keys: tuple, shifts: dict) -> None:
        for key in keys:
            if key in self.shifts:
                self.release(key)
        for key in keys:
            if shifts.get(key) is not None:
                self.place(shifts[key])

    def pairs(self, date: dt.date, free: set, rounds: int = 3) -> None:
        """Two person-days of a date at once, where one at a time is stuck: both taken out and
        put back one after the other (either order), kept if the hard rules miss less."""
        keys = [k for k in sorted(self.v.days) if k[1] == date and k in free]
        failed: set[tuple] = set()  # pairs tried in vain since the roster last changed
        for _ in range(rounds):
            missing = self.missing(date)
            if missing == 0:
                return
            improved = False
            helpers = {key for key in keys if self.can_help(self.v.days[key])}
            for i, first in enumerate(keys):
                for second in keys[i + 1 :]:
                    if first not in helpers and second not in helpers:
                        continue  # neither could cover what is missing: the pair cannot help
                    if (first, second) in failed:
                        # its shifts are back as they were and nothing was kept since: a second round
                        # need not try it again (the same shifts on all 18 benchmark weeks)
                        continue
                    if self._try_pair(date, (first, second), missing):
                        improved, missing = True, self.missing(date)
                        failed.clear()
                        if missing == 0:
                            return
                    else:
                        failed.add((first, second))
            if not improved:
                return

    def _try_pair(self, date: dt.date, pair: tuple, missing: int, keep: int = 8) -> bool:
        """One of the pair takes one of its `keep` best shapes (or none), the other its best."""
        old = {key: self.shifts.get(key) for key in pair}
        for first, second in (pair, pair[::-1]):
            self._replace(pair, {})
            day = self.v.days[first]
            options = [shift for gain, shift in self.ranked(day, keep) if gain > 0] if self.allowed(day) else []
            for shift in [*options, None]:
                self._replace(pair, {first: shift})
                other = self.v.days[second]
                found = self.evaluate(other) if self.allowed(other) else None
                if found is not None and found[0] > 0:
                    self.place(found[1])
                if self.missing(date) < missing:
                    return True
        self._replace(pair, old)
        return False

    def gain_of(self, shift: Shift) -> float:
        """What placing this shift adds as things stand, valued as ranked() values its shapes."""
        day = self.v.days[(shift.staff_id, shift.date)]
        who = shift.staff_id
        gain = sum(self.slot_value(day, t) for t in range(shift.start, shift.end, SLOT) if not shift.on_break(t))
        gain += self._hours_value(who, shift.work_minutes, self._reach_after(who, shift.date))
        return gain - self._day_off_cost(day) - self._wish_cost(day, shift.start, shift.end)

    def trades(self, date: dt.date, free: set, shorter: bool = False) -> None:
        """Hours from one person to another on a date: someone well short of their contract hours
        takes their best shift with a colleague who shares a skill (and is not short: what one gains
        the other would lose) taken out, the colleague then takes their best one (or none); kept if
        the two together are worth more and the hard rules miss no more. One person-day at
        a time cannot do this where the seats are full: Ageo's call-centre agents stayed 11 to 15
        hours short while colleagues who can also do the booth sat in their seats.
        With `shorter`, the colleague is short too, by at least TRADE_GAP_MINUTES less: where
        everyone is short (Kawanishi), a long shift with a break traded for a short one without and
        a part-timer's shift beside it fills the seats the breaks leave."""
        keys = [k for k in sorted(self.v.days) if k[1] == date and k in free]
        for short in keys:
            who = short[0]
            need = self.target[who] - self.minutes[who]
            if need < TRADE_SHORT_MINUTES:
                continue
            skills = self.skills[who]
            for other in keys:
                if other == short or other not in self.shifts or not skills & self.skills[other[0]]:
                    continue
                theirs = self.target[other[0]] - self.minutes[other[0]]
                if (theirs < TRADE_SHORT_MINUTES) == shorter or (shorter and theirs > need - TRADE_GAP_MINUTES):
                    continue
                self._try_trade(short, other)
                need = self.target[who] - self.minutes[who]
                if need < TRADE_SHORT_MINUTES:
                    break

    def _try_trade(self, short: tuple, other: tuple, keep: int = 8) -> bool:
        old = {key: self.shifts.get(key) for key in (short, other)}
        missing = self.missing(short[1])
        # what the two shifts are worth now: the colleague's first, then the short person's. The
        # candidates are valued the other way round (the values depend on the order of placement);
        # valuing both in one order gave worse 10 s results on Ageo (leave week median 3 910 → 4 260)
        self._replace((short, other), {})
        worth = self.gain_of(old[other])
        self.place(old[other])
        if old[short] is not None:
            worth += self.gain_of(old[short])
        self._replace((short, other), {})
        best: tuple[float, Shift, Shift | None] | None = None
        day = self.v.days[short]
        for gain, shift in self.ranked(day, keep) if self.allowed(day) else []:
            if gain <= 0:
                break
            self.place(shift)
            colleague = self.v.days[other]
            found = self.evaluate(colleague) if self.allowed(colleague) else None
            then = found if found is not None and found[0] > 0 else None
            total = gain + (then[0] if then else 0.0)
            if total > worth + 1e-6 and (best is None or total > best[0]) and self._keeps_hard(other, then, missing):
                best = (total, shift, then[1] if then else None)
            self.release(short)
        self._replace((short, other), old if best is None else {short: best[1], other: best[2]})
        return best is not None

    def _keeps_hard(self, key: tuple, then: tuple[float, Shift] | None, missing: int) -> bool:
        """Whether the hard rules miss no more on the date with the colleague's shift placed: the
        values are read slot by slot and are not exact, and a trade on Ageo's busy week otherwise
        left an evening without its manager."""
        if then is None:
            return self.missing(key[1]) <= missing
        self.place(then[1])
        kept = self.missing(key[1]) <= missing
        self.release(key)
        return kept

    def greedy(self) -> None:
        closed = set(self.v.locked) | set(self.shifts)
        cache: dict[tuple[str, dt.date], tuple[float, Shift] | None] = {}
        while True:
            best = None
            for key, day in self.v.days.items():
                if key in closed:
                    continue
                if key not in cache:
                    cache[key] = self.evaluate(day) if self.allowed(day) else None
                found = cache[key]
                if found is None or found[0] <= 0:
                    continue
                if best is None or found[0] > best[0]:
                    best = found
            if best is None:
                break
            shift = best[1]
            self.place(shift)
            closed.add((shift.staff_id, shift.date))
            # the same date's values changed for everyone; the person's hours and days for all dates
            for other in list(cache):
                if other[1] == shift.date or other[0] == shift.staff_id:
                    del cache[other]


def construct(v: Variables, trade: bool = True) -> list[Shift]:
    """Shifts without activities: the constructive first roster of these variables' problem."""
    return Constructor(v).run(trade=trade)

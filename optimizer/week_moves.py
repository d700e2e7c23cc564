"""Whole weeks at a time: one person's (or two people's) shifts taken out, the best weeks put back.

Stage one, the date re-solves and the constructor change one person-day (or one date) at a time. A
person whose hours sit on the wrong days (short of contract on a full day, over on an empty one)
needs several of their days moved at once: their whole week is taken out, and the week worth most
against what the others cover is put back. Each date's shapes are valued by the constructor's own
reading of the model's objective (optimizer.construct: a working slot's worth as the others stand,
someone already counted moved to another of their options where that makes room), every length on
the model's grid; the contract-hours term depends only on the week's total, so a dynamic programme
over the dates, the days worked and the minutes finds the best week within the weekly hours and the
days off. The scattered starts (a price per start time beyond a person's first) are not additive:
the programme runs again around an anchor start, and every week found is valued exactly. Rest
between days and days in a row are checked on the week found (the best few weeks are tried in turn).
The move is kept when it is worth more than the person's week as it was.

Where one person holds seats another alone could fill (Kawanishi's five generalists on full days
beside specialists short of their hours), no single week moves: two weeks are taken out together and
put back one after the other, in either order (`move_pair`).

Candidates are chosen on those margins, but a margin is read as things stand at one moment and margins
read at different moments do not add up to what the shifts cost: a move is kept only where the counts
as they then stand cost less (`Constructor.cost`), and a refused move gives the counts back exactly
as they were (`Constructor.snapshot` / `restore`; placing the old shifts again counts them anew).

The constructor's values do not see the activity switches, so the caller completes the new shifts in
the strict model with the switches priced, assigns the activities and keeps the week only if the
checker scores it lower (optimizer.solve `_Run.reshape`). Thirteenth session, the 10 s rosters of the
15 site weeks Fujieda aside, each before and after (`/work/s13/post.py`, `post2.py`, the better of the
two kept): twelfth-session rosters 108 665 → 107 000 (Seto's busy week 6 560 → 6 150, its weekend week
6 575 → 6 160); rosters that had had one round already 107 260 → 106 985 with one person at a time,
→ 105 845 with the pairs as `move_pairs` chooses them (2.7 s on Kawanishi's weeks, unbounded)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.roster.model import DAY_MINUTES, SLOT, Shift
from optimizer.construct import TRADE_SHORT_MINUTES, Constructor
from optimizer.variables import PersonDay

# the weeks the dynamic programme found, best first, tried in turn against rest and days in a row
TRIED_WEEKS = 20
# what two weeks moved together must gain, in points (the weights are multiples of 5): a smaller gain
# is an artefact of the order in which the others' options were counted
PAIR_MIN_GAIN = 1.0


def day_choices(c: Constructor, day: PersonDay) -> dict[tuple[int, int], tuple[float, Shift]]:
    """Per minutes of work and start, the best shape of this person-day as the others stand (wishes
    and a wished day off priced, the contract hours and the scattered starts not: the week's total
    and its starts price them), every length on the model's grid."""
    plan, p = c.v.plan, c.p
    min_len = -(-p.min_shift_minutes // SLOT)
    inside = set(day.slots)
    shapes = [
        (start, end, (end - start) // SLOT, c._break_size((end - start) // SLOT))
        for start in day.start
        for end in day.end
        if min_len <= (end - start) // SLOT <= plan.longest and start in inside and end - SLOT in inside
    ]
    day_off = c._day_off_cost(day)
    best: dict[tuple[int, int], tuple[float, Shift]] = {}
    for gain, start, end, brk, work in c.covered(day, shapes):
        gain -= day_off + c._wish_cost(day, start, end)
        if (work, start) not in best or gain > best[(work, start)][0]:
            best[(work, start)] = (gain, Shift(day.member.id, day.date, start, end, brk))
    return best


def _shift_gain(c: Constructor, day: PersonDay, shift: Shift) -> float:
    worth = sum(c.slot_value(day, t) for t in range(shift.start, shift.end, SLOT) if not shift.on_break(t))
    return worth - c._day_off_cost(day) - c._wish_cost(day, shift.start, shift.end)


def keeps_labour_rules(c: Constructor, who: str, shifts: list[Shift]) -> bool:
    """Rest between days (the previous week's last shift included) and days in a row."""
    p = c.p
    previous = p.previous_shifts(who)
    ordered = previous[-1:] + sorted(shifts, key=lambda s: s.date)
    for before, after in zip(ordered, ordered[1:]):
        if (after.date - before.date).days == 1 and after.start + DAY_MINUTES - before.end < c.rest:
            return False
    limit = p.labour.max_consecutive_work_days
    if limit is not None:
        days = sorted({s.date for s in shifts} | {s.date for s in previous})
        run = 1
        for before, after in zip(days, days[1:]):
            run = run + 1 if (after - before).days == 1 else 1
            if run > limit:
                return False
    return True


def best_weeks(
    c: Constructor, who: str, keys: list[tuple[str, dt.date]], kept: list[Shift], hints: tuple[int, ...] = ()
) -> list[tuple[float, tuple[Shift, ...]]]:
    """Weeks the person's free person-days `keys` can make within the days off and the weekly hours
    (next to the `kept` shifts), best first, each worth its dates' shapes net of the contract-hours
    and the scattered-starts terms (both depend on the whole week): for each number of days worked
    and minutes, the best one by a dynamic programme over the dates. The starts are not additive, so
    the programme runs once without them and once per anchor start (a shape starting elsewhere
    priced as a start of its own, which is never less than the rule's price); every week found is
    then valued exactly. Anchors: the kept shifts' starts and the commonest start of the best week
    found without them (at Ageo the moved weeks paid 120 in scattered starts, the record 20)."""
    tables = date_tables(c, keys)
    # each date's best shape per minutes of work, whatever its start
    plain = [_best_per_length(table) for table in tables]
    found: dict[tuple[int, ...], tuple[float, tuple[Shift, ...]]] = {}
    kept_starts = {s.start for s in kept}
    kept_minutes = sum(s.work_minutes for s in kept)

    def add(choices: list[dict]) -> None:
        for picked, worth, minutes in _programme(c, choices, kept):
            starts = kept_starts | {s.start for s in picked}
            value = worth - c.hours_cost(who, kept_minutes + minutes) - c.starts_cost(len(starts))
            found[tuple(map(id, picked))] = (value, picked)

    add(plain)
    anchors = kept_starts | set(hints)
    top = max(found.values(), key=lambda item: item[0])[1]
    if top:
        anchors.add(commonest_start(top))
    price = c.starts_cost(2)
    for anchor in sorted(anchors):
        add([_anchored(table, best, anchor, price) for table, best in zip(tables, plain)])
    return sorted(found.values(), key=lambda item: -item[0])


def date_tables(c: Constructor, keys: list[tuple[str, dt.date]]) -> list[dict]:
    """`day_choices` of each of these person-days the person may work (trained by then)."""
    days = [c.v.days[key] for key in keys]
    return [day_choices(c, day) for day in days if c.p.trained(day.member, day.date)]


def commonest_start(shifts) -> int:
    """The start most of these shifts share (the earliest on a tie)."""
    starts = [s.start for s in shifts]
    return max(starts, key=lambda start: (starts.count(start), -start))


def _best_per_length(table: dict) -> dict:
    """minutes of work → (worth as chosen, real worth, shift): a date's best shape per length, whatever
    its start (`table`: `day_choices`)."""
    choices = {}
    for (work, _), (gain, shift) in table.items():
        if work not in choices or gain > choices[work][0]:
            choices[work] = (gain, gain, shift)
    return choices


def _anchored(table: dict, plain: dict, anchor: int, price: float) -> dict:
    """`_best_per_length` with a shape starting elsewhere than `anchor` chosen as if it cost `price`
    (`plain`: the date's `_best_per_length`)."""
    choices = {work: (chosen - price, real, shift) for work, (chosen, real, shift) in plain.items()}
    for work in plain:
        found = table.get((work, anchor))
        if found is not None and found[0] > choices[work][0]:
            choices[work] = (found[0], found[0], found[1])
    return choices


def _programme(c: Constructor, dates: list[dict], kept: list[Shift]) -> list[tuple[tuple[Shift, ...], float, int]]:
    """(shifts, their real worth, minutes) of the week worth most as chosen, for each number of days
    worked and minutes of work (`dates`: each date's choices per length, `_best_per_length`)."""
    max_days = c.max_days - len(kept)
    room = c.max_weekly - sum(s.work_minutes for s in kept)
    # (days worked, minutes) → (worth as chosen, real worth, the shifts as a chain (shift, earlier))
    states: dict[tuple[int, int], tuple[float, float, tuple | None]] = {(0, 0): (0.0, 0.0, None)}
    for choices in dates:
        options = list(choices.items())
        following = dict(states)
        for (days, minutes), (value, real, chain) in states.items():
            if days >= max_days:
                continue
            for work, (chosen, gain, shift) in options:
                if minutes + work > room:
                    continue
                state = (days + 1, minutes + work)
                then = following.get(state)
                if then is None or value + chosen > then[0]:
                    following[state] = (value + chosen, real + gain, (shift, chain))
        states = following
    out = []
    for (_, minutes), (_, real, chain) in states.items():
        picked = []
        while chain is not None:
            picked.append(chain[0])
            chain = chain[1]
        out.append((tuple(reversed(picked)), real, minutes))
    return out


def _placed_if_cheaper(c: Constructor, shifts, below: float) -> bool:
    """Place the shifts and keep them if the counts then cost less than `below`; else take them out."""
    for shift in shifts:
        c.place(shift)
    if c.cost() < below:
        return True
    for shift in shifts:  # the margins promised more than the counts give
        c.release((shift.staff_id, shift.date))
    return False


def move_week(c: Constructor, who: str, free: list[tuple[str, dt.date]]) -> bool:
    """Take out this person's free person-days and put back the best week; whether it changed."""
    keys = sorted((k for k in free if k[0] == who), key=lambda k: k[1])
    if not keys:
        return False
    old = {k: c.shifts.get(k) for k in keys}
    kept = [s for k, s in c.shifts.items() if k[0] == who and k not in old]  # locked ones
    cost, state = c.cost(), c.snapshot()
    kept_minutes = sum(s.work_minutes for s in kept)
    for k in keys:
        if old[k] is not None:
            c.release(k)
    was = [s for s in old.values() if s is not None]
    worth = sum(_shift_gain(c, c.v.days[(s.staff_id, s.date)], s) for s in was)
    worth -= c.hours_cost(who, kept_minutes + sum(s.work_minutes for s in was))
    worth -= c.starts_cost(len({s.start for s in (*was, *kept)}))
    hints = (commonest_start(was),) if was else ()
    ranked = best_weeks(c, who, keys, kept, hints)
    for value, picked in ranked[:TRIED_WEEKS]:
        if value <= worth + 1e-6:
            break
        # the same week back is no move (its worth can read higher only because the others'
        # options were counted in another order)
        if set(picked) == {s for s in old.values() if s is not None}:
            break
        if keeps_labour_rules(c, who, [*picked, *kept]) and _placed_if_cheaper(c, picked, cost - 1e-6):
            return True
    c.restore(state)  # the old shifts as they were counted (placing them again counts them anew)
    return False


def move_weeks(c: Constructor, passes: int = 4, out_of_time: Callable[[], bool] = lambda: False) -> int:
    """Everyone's week in turn (`move_week`) until a pass changes nothing; how many moves were kept."""
    free = c.free()
    people = sorted({k[0] for k in free})
    moved = 0
    for _ in range(passes):
        before = moved
        for who in people:
            if out_of_time():
                return moved
            moved += move_week(c, who, free)
        if moved == before:
            break
    return moved


def skill_groups(c: Constructor) -> list[list[str]]:
    """The people with free days whose skills lie within one of the staff's sets of skills, one group a
    set, the smallest sets first, each of two people to half of them (a bigger group is most of the
    roster taken out at once)."""
    people = sorted({k[0] for k in c.free()})
    sets = sorted({frozenset(c.skills[who]) for who in people}, key=lambda s: (len(s), sorted(s)))
    found: list[list[str]] = []
    for skills in sets:
        group = [who for who in people if c.skills[who] and c.skills[who] <= skills]
        if 2 <= len(group) <= len(people) // 2 and group not in found:
            found.append(group)
    return found


def kick(c: Constructor, group: list[str], out_of_time: Callable[[], bool] = lambda: False) -> bool:
    """A group's weeks all taken out, each one's best legal week put back in turn, then everyone's
    week moved again (`move_weeks`, two passes); kept when the counts then cost less than before,
    else everything back as it was. One week at a time stops where every single move costs more; a
    whole group moved together gets past that, as a misread count once did by accident: an Ageo copy
    of the 20-site pool whose seeded counts read a cap broken (`Constructor._count_as_assigned`)
    moved its support-desk agents' weeks to "mend" it, broke hard floors, mended them with the next
    moves, and ended lower than the same roster counted right. Thirty-fourth session, 10 s solves
    (`/work/s34/ab.sh`, idle, alternating, `kick_groups` between the single weeks and the pairs):
    Ageo's three weeks 10 910 to 11 060 over five runs against 11 125 to 11 165 without (every run
    lower), Kawanishi's four 21 005 to 21 320 against 21 090 to 21 325; the 18 weeks 107 925 and
    107 420 against 107 825 and 107 955; the 20-site pool at 60 s 235 065, 234 750, 235 345 against
    235 035, 235 575, 235 120 (within its spread)."""
    keys = _whole_weeks(c, group, c.free())
    if keys is None:
        return False
    cost, state = c.cost(), c.snapshot()
    for who in group:
        for key in keys[who]:
            if key in c.shifts:
                c.release(key)
    for who in group:
        found = _best_legal_week(c, who, keys[who])
        for shift in found[1] if found is not None else ():
            c.place(shift)
    move_weeks(c, passes=2, out_of_time=out_of_time)
    if c.cost() < cost - 1e-6:
        return True
    c.restore(state)
    return False


def kick_groups(c: Constructor, out_of_time: Callable[[], bool] = lambda: False) -> int:
    """`kick` each of the `skill_groups` in turn, the smallest first, until one finds nothing; how many
    were kept."""
    kept = 0
    for group in skill_groups(c):
        if out_of_time() or not kick(c, group, out_of_time):
            break
        kept += 1
    return kept


def _whole_weeks(c: Constructor, people, free: list[tuple[str, dt.date]]) -> dict[str, list] | None:
    """Each person's free person-days in date order; None where one of them holds a locked shift (their
    week is not theirs to move whole)."""
    keys = {who: sorted((k for k in free if k[0] == who), key=lambda k: k[1]) for who in people}
    if any(k[0] in keys and k not in keys[k[0]] for k in c.shifts):
        return None
    return keys


def _week_worth(c: Constructor, who: str, shifts: list[Shift]) -> float:
    worth = sum(_shift_gain(c, c.v.days[(s.staff_id, s.date)], s) for s in shifts)
    worth -= c.starts_cost(len({s.start for s in shifts}))
    return worth - c.hours_cost(who, sum(s.work_minutes for s in shifts))


def _best_legal_week(c: Constructor, who: str, keys: list) -> tuple[float, tuple[Shift, ...]] | None:
    for value, picked in best_weeks(c, who, keys, [])[:TRIED_WEEKS]:
        if keeps_labour_rules(c, who, list(picked)):
            return value, picked
    return None


def move_pair(c: Constructor, a: str, b: str, free: list[tuple[str, dt.date]]) -> bool:
    """Two people's weeks out at once, each one's best week put back in either order (the first
    takes the seats it is best at, the second what is left); kept when the two are worth
    PAIR_MIN_GAIN more than before. One person at a time cannot do this where one holds seats the
    other alone could fill (Kawanishi's generalists on full days beside short specialists)."""
    keys = _whole_weeks(c, (a, b), free)
    if keys is None:
        return False
    cost, state = c.cost(), c.snapshot()
    old = {who: [c.shifts[k] for k in keys[who] if k in c.shifts] for who in (a, b)}
    for who in (a, b):
        for shift in old[who]:
            c.release((who, shift.date))
    # what the two weeks are worth now, valued in the same order as the candidates (a, then b)
    worth = _week_worth(c, a, old[a])
    for shift in old[a]:
        c.place(shift)
    worth += _week_worth(c, b, old[b])
    for shift in old[a]:
        c.release((a, shift.date))
    found = []
    for first, second in ((a, b), (b, a)):
        lead = _best_legal_week(c, first, keys[first])
        if lead is None:
            continue
        for shift in lead[1]:
            c.place(shift)
        then = _best_legal_week(c, second, keys[second])
        for shift in lead[1]:
            c.release((first, shift.date))
        if then is not None and lead[0] + then[0] > worth + PAIR_MIN_GAIN:
            found.append((lead[0] + then[0], (*lead[1], *then[1])))
    for _, placed in sorted(found, key=lambda item: -item[0]):
        if set(placed) != {*old[a], *old[b]} and _placed_if_cheaper(c, placed, cost - PAIR_MIN_GAIN):
            return True
    c.restore(state)
    return False


def move_pairs(c: Constructor, out_of_time: Callable[[], bool] = lambda: False) -> int:
    """`move_pair` over the pairs who share a skill and of whom one is at least TRADE_SHORT_MINUTES
    short of, or over, their contract hours, the farthest first (what is tried before the time runs
    out matters most); one pass; how many moves were kept."""
    free = c.free()
    people = sorted({k[0] for k in free})
    away = {who: abs(c.target[who] - c.minutes[who]) for who in people}
    pairs = sorted(
        (
            (a, b)
            for i, a in enumerate(people)
            for b in people[i + 1 :]
            if c.skills[a] & c.skills[b] and max(away[a], away[b]) >= TRADE_SHORT_MINUTES
        ),
        key=lambda pair: (-max(away[pair[0]], away[pair[1]]), pair),
    )
    moved = 0
    for a, b in pairs:
        if out_of_time():
            break
        moved += move_pair(c, a, b, free)
    return moved

"""optimizer/construct.py: what the constructor says is still missing is what its shifts leave missing,
however often shifts were placed and taken out. Trades and pair moves judge a change by `missing()`; a
counter that stopped at zero read a floor or the manager's presence as short after the first person
counted on it left, though a colleague was still there (issue 15, sixth session)."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from bench.roster import busy_week
from core.roster.model import problem_for
from core.roster.rules.outside_hours import eligible
from optimizer.construct import SHORTER_PASSES, TRADE_GAP_MINUTES, TRADE_SHORT_MINUTES, Constructor
from optimizer.model import SiteModel

SITES = ["ageo", "fujieda", "kawanishi", "seto", "tamano"]


def constructor(fixtures, site_id: str) -> Constructor:
    site = fixtures.site(site_id)
    problem = problem_for(fixtures, site, busy_week(site, fixtures))
    return Constructor(SiteModel(cp_model.CpModel(), problem))


def expected(fresh: Constructor, b: Constructor, key) -> tuple[dict, dict]:
    """The slot's shortfalls counted from scratch: the needs of a constructor with no shift, less
    the people the slot has now (on an option, for the floors; at work, for the people)."""
    need, slot = fresh.slots[key], b.slots[key]
    date = key[0]
    floors = {}
    for activity, floor in need.floor.items():
        on = sum(1 for option in slot.on.values() if option is not None and activity in option.split("+"))
        floors[activity] = max(0, floor - on)
    working = list(slot.on)
    people = {
        "lead": max(0, need.people["lead"] - sum(1 for who in working if b.lead[who])),
        "heads": max(0, need.people["heads"] - len(working)),
        "outside": max(0, need.people["outside"] - sum(1 for who in working if eligible(b.p, b.p.member(who), date))),
    }
    return floors, people


@pytest.mark.parametrize("site_id", SITES)
def test_what_is_missing_is_what_the_shifts_leave_missing(fixtures, site_id):
    fresh, b = constructor(fixtures, site_id), constructor(fixtures, site_id)
    b.run(trade=True)
    placed = sorted(b.shifts)
    assert placed
    # take out every third shift in the order they were placed, so that people counted on a floor
    # first leave while others counted after them stay
    for key in placed[::3]:
        b.release(key)
    short: dict = {}  # date → person-slots missing, counted from scratch
    for key, slot in b.slots.items():
        floors, people = expected(fresh, b, key)
        assert {a: max(0, n) for a, n in slot.floor.items()} == floors, key
        assert {k: max(0, n) for k, n in slot.people.items()} == people, key
        short[key[0]] = short.get(key[0], 0) + sum(floors.values()) + sum(people.values())
    for date in b.p.days:
        assert b.missing(date) == short.get(date, 0), date
    # and with every shift out, the counters are the empty week's again
    for key in sorted(b.shifts):
        b.release(key)
    for key, slot in b.slots.items():
        need = fresh.slots[key]
        assert (slot.floor, slot.room, slot.kit, slot.people) == (need.floor, need.room, need.kit, need.people), key


@pytest.fixture(scope="module")
def ageo_traded(fixtures):
    """Ageo's busy week before and after hours are traded (its call-centre agents trade hours)."""
    b = constructor(fixtures, "ageo")
    before = b.run(trade=False)
    after = b.trade()
    return b, before, after


def test_trading_keeps_the_labour_rules(ageo_traded):
    """Both rosters, before and after hours are traded, are rosters the checker could accept shift
    by shift: each person within the weekly and daily hours and the days off. On Ageo's busy week,
    where hours are traded (a two-person test week traded none, so it could not test this)."""
    b, before, after = ageo_traded
    problem = b.p
    assert after != before  # something was traded
    for shifts in (before, after):
        for member in problem.staff:
            own = [s for s in shifts if s.staff_id == member.id]
            assert len(own) <= 7 - problem.labour.min_days_off_per_week, member.id
            assert sum(s.work_minutes for s in own) <= problem.max_weekly_minutes, member.id
            assert all(s.work_minutes <= problem.max_daily_minutes for s in own), member.id
    for member in problem.staff:
        assert b.minutes[member.id] == sum(s.work_minutes for s in after if s.staff_id == member.id)


def test_trading_out_of_time_keeps_the_dates_it_did_not_reach(fixtures, ageo_traded):
    """On the wall clock a solve stops trading once its share of the limit is spent (optimizer.solve
    TRADE_SHARE): the dates not reached keep their shifts, the ones traded keep their trades."""
    _, before, traded = ageo_traded
    asked: list[int] = []

    def out_of_time() -> bool:  # spent after the first date
        asked.append(1)
        return len(asked) > 1

    cut = constructor(fixtures, "ageo")
    assert cut.run(trade=False) == before  # the constructor is deterministic
    partly = cut.trade(out_of_time)
    first = min(cut.p.days)
    # trades on a later date, which the cut trade must not make
    assert [s for s in traded if s.date != first] != [s for s in before if s.date != first]
    assert [s for s in partly if s.date != first] == [s for s in before if s.date != first]
    assert [s for s in partly if s.date == first] == [s for s in traded if s.date == first]


def test_where_everyone_is_short_hours_go_to_the_shortest(fixtures):
    """Kawanishi's busy week: after the greedy everyone who works is short of their hours (a full day
    holds 7 h 45 min of work, 75 minutes short of 40 h in a week), so no colleague is "not short" and
    the first round of trades has no one to trade with. The second round trades with colleagues short
    by TRADE_GAP_MINUTES less: hours go to the people shortest of theirs, and the constructor's own
    cost of the week goes down."""
    b = constructor(fixtures, "kawanishi")
    before = b.run(trade=False)
    working = {s.staff_id for s in before}
    short = {who: b.target[who] - b.minutes[who] for who in working}
    assert min(short.values()) >= TRADE_SHORT_MINUTES  # the premise: everyone is short
    assert max(short.values()) - min(short.values()) >= TRADE_GAP_MINUTES
    assert b.trade() == before  # the first round: no colleague who is not short
    cost = b.cost()
    after = b.trade(shorter=True)
    assert after != before
    assert b.cost() < cost
    shortest = max(short, key=short.get)
    assert b.target[shortest] - b.minutes[shortest] < short[shortest]


def _shorter_passes(fixtures, site_id: str):
    """A constructor after its first round of trades, `trade_shorter` run on it counting its passes:
    (constructor, shifts before, shifts after, passes, one pass more as a function)."""
    b = constructor(fixtures, site_id)
    b.run(trade=False)
    before = b.trade()
    passes = []
    single = b.trade
    b.trade = lambda *args, **kwargs: passes.append(1) or single(*args, **kwargs)
    after = b.trade_shorter()
    return b, before, after, len(passes), lambda: single(shorter=True)


def test_the_shorter_trades_go_on_while_a_pass_changes_a_shift(fixtures, monkeypatch):
    """Kawanishi's busy week: a pass of trades between short colleagues frees hours that the next pass
    hands on, so `trade_shorter` runs more than one. On Seto's busy week the second pass changes
    nothing and it stops there. No pass begins once out of time. The traded start solve() builds from
    it scores lower with the checker than after a single pass (6 120 against 6 270 on the wall clock).
    The constructor's own cost is no judge here: a trade is kept on the two people's slot values,
    which that cost does not sum the same way."""
    from optimizer import construct
    from optimizer.solve import starts

    kawanishi, before, after, passes, _ = _shorter_passes(fixtures, "kawanishi")
    assert after != before and 2 <= passes <= SHORTER_PASSES
    _, before, after, passes, one_more = _shorter_passes(fixtures, "seto")
    assert after != before and passes < SHORTER_PASSES
    assert one_more() == after  # the last pass found nothing more to trade, and neither does another
    timed_out = constructor(fixtures, "kawanishi")
    untraded = timed_out.run(trade=False)
    assert timed_out.trade_shorter(lambda: True) == untraded

    problem = kawanishi.p
    passed, _ = starts(problem)
    monkeypatch.setattr(construct, "SHORTER_PASSES", 1)
    one, _ = starts(problem)
    assert not passed["traded"].violations and not one["traded"].violations
    assert passed["traded"].penalty_total < one["traded"].penalty_total

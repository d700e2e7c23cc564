"""Model rule test: the legal break, built into the variables. A case that holds and one the strict model must refuse."""

from __future__ import annotations

from core.roster.model import parse_hhmm
from tests.optimizer.conftest import MONDAY, Strict, person
from tests.optimizer.rule_helpers import fix_shift, long_day_site

T = parse_hhmm


def test_more_than_six_hours_needs_45_minutes_of_break(build):
    strict = Strict(build())
    fix_shift(strict, "a1", MONDAY, "08:30", "17:15", break_start="12:00")
    assert strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(sum(v for s in day.breaks.values() for v in s.values()) == 0)
    assert not strict.feasible()
    strict = Strict(build())  # six hours exactly: no break needed
    day = fix_shift(strict, "a1", MONDAY, "09:00", "15:00")
    strict.model.add(sum(v for s in day.breaks.values() for v in s.values()) == 0)
    assert strict.feasible()


def test_more_than_eight_hours_needs_60_minutes(build):
    site = long_day_site()
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = fix_shift(strict, "a1", MONDAY, "08:00", "17:00")  # 9 h with a 60-minute break = 8 h of work
    assert strict.feasible()
    assert 4 in day.breaks  # the 60-minute family
    strict = Strict(build(site=site, staff=[person("a1")]))
    day = fix_shift(strict, "a1", MONDAY, "08:00", "17:00")
    strict.model.add(sum(day.breaks[3].values()) == 1)  # only 45 minutes
    assert not strict.feasible()


def test_breaks_sit_inside_the_shift_not_at_its_edges(build):
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("08:30")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("16:45")] == 1)
    assert not strict.feasible()
    strict = Strict(build())
    day = fix_shift(strict, "a1", MONDAY, "08:30", "17:15")
    strict.model.add(day.brk[T("09:30")] == 1)
    assert strict.feasible()


def test_breaks_are_staggered_so_the_window_never_closes(build):
    strict = Strict(build())
    for who in ("dep", "a1", "a2", "a3"):
        fix_shift(strict, who, MONDAY, "08:30", "17:15")
        strict.model.add(strict.day(who, MONDAY).brk[T("12:00")] == 1)
    assert not strict.feasible()

"""Attendance (出勤記録), pure rules: a person's stamps of one day → their working day, and that day
compared with the published roster (late, absent, left early, unplanned).

Kawanishi §8(2)キ: the contractor hands the city the attendance records (出勤記録等) on request.
Stamps are clock-in, break start, break end and clock-out; a day is valid when they alternate
in that order (any number of breaks, at most one clock-in and one clock-out)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from core.live import TOKYO


class StampKind(StrEnum):
    CLOCK_IN = "clock_in"
    BREAK_START = "break_start"
    BREAK_END = "break_end"
    CLOCK_OUT = "clock_out"


class DayState(StrEnum):
    NOT_STARTED = "not_started"
    WORKING = "working"
    ON_BREAK = "on_break"
    FINISHED = "finished"


# Which stamp each state allows, and where it leads.
TRANSITIONS: dict[DayState, dict[StampKind, DayState]] = {
    DayState.NOT_STARTED: {StampKind.CLOCK_IN: DayState.WORKING},
    DayState.WORKING: {StampKind.BREAK_START: DayState.ON_BREAK, StampKind.CLOCK_OUT: DayState.FINISHED},
    DayState.ON_BREAK: {StampKind.BREAK_END: DayState.WORKING},
    DayState.FINISHED: {},
}


class DeviationKind(StrEnum):
    LATE = "late"  # clocked in after the planned start + grace
    NOT_ARRIVED = "not_arrived"  # planned, past start + grace, no clock-in yet (the day runs on)
    ABSENT = "absent"  # planned, no clock-in and the planned end has passed
    LEFT_EARLY = "left_early"  # clocked out before the planned end − grace
    UNPLANNED = "unplanned"  # clocked in without a shift in the published roster


@dataclass(frozen=True)
class Stamp:
    staff_id: str
    date: dt.date
    kind: StampKind
    at: dt.datetime  # aware
    id: int | None = None


@dataclass(frozen=True)
class AttendanceDay:
    """What one person actually worked on one day."""

    staff_id: str
    date: dt.date
    clock_in: dt.datetime | None = None
    clock_out: dt.datetime | None = None
    breaks: tuple[tuple[dt.datetime, dt.datetime | None], ...] = ()
    state: DayState = DayState.NOT_STARTED

    @property
    def worked_minutes(self) -> int | None:
        """Minutes between clock-in and clock-out less breaks; None until the day is closed."""
        if self.clock_in is None or self.clock_out is None:
            return None
        total = (self.clock_out - self.clock_in).total_seconds() / 60
        for start, end in self.breaks:
            total -= ((end or self.clock_out) - start).total_seconds() / 60
        return round(total)

    @property
    def break_minutes(self) -> int:
        end_of_day = self.clock_out
        minutes = 0.0
        for start, end in self.breaks:
            stop = end or end_of_day
            if stop is not None:
                minutes += (stop - start).total_seconds() / 60
        return round(minutes)


@dataclass(frozen=True)
class PlannedShift:
    """A shift of the published roster: Tokyo wall-clock start and end."""

    staff_id: str
    date: dt.date
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Deviation:
    staff_id: str
    date: dt.date
    kind: DeviationKind
    minutes: int = 0
    planned: PlannedShift | None = None
    actual: AttendanceDay | None = field(default=None, compare=False)


class SequenceError(ValueError):
    """Stamps out of order; `index` is the offending stamp's position in time order."""

    def __init__(self, staff_id: str, date: dt.date, kind: StampKind, state: DayState, index: int):
        super().__init__(f"{staff_id} {date}: {kind.value} is not allowed when {state.value}")
        self.staff_id, self.date, self.kind, self.state, self.index = staff_id, date, kind, state, index


def next_state(state: DayState, kind: StampKind) -> DayState | None:
    """The state after `kind`, or None when the stamp is not allowed now."""
    return TRANSITIONS[state].get(kind)


def allowed(state: DayState) -> tuple[StampKind, ...]:
    return tuple(TRANSITIONS[state])


def build_day(staff_id: str, date: dt.date, stamps: list[Stamp]) -> AttendanceDay:
    """One person's day from their stamps (any order: sorted by time). SequenceError when the
    stamps do not alternate clock-in → (break start → break end)* → clock-out."""
    state = DayState.NOT_STARTED
    clock_in = clock_out = None
    breaks: list[list[dt.datetime | None]] = []
    for index, stamp in enumerate(sorted(stamps, key=lambda s: s.at)):
        after = next_state(state, stamp.kind)
        if after is None:
            raise SequenceError(staff_id, date, stamp.kind, state, index)
        if stamp.kind is StampKind.CLOCK_IN:
            clock_in = stamp.at
        elif stamp.kind is StampKind.BREAK_START:
            breaks.append([stamp.at, None])
        elif stamp.kind is StampKind.BREAK_END:
            breaks[-1][1] = stamp.at
        else:
            clock_out = stamp.at
        state = after
    return AttendanceDay(staff_id, date, clock_in, clock_out, tuple((s, e) for s, e in breaks), state)


def build_days(stamps: list[Stamp]) -> dict[tuple[str, dt.date], AttendanceDay]:
    grouped: dict[tuple[str, dt.date], list[Stamp]] = defaultdict(list)
    for stamp in stamps:
        grouped[(stamp.staff_id, stamp.date)].append(stamp)
    return {key: build_day(key[0], key[1], items) for key, items in grouped.items()}


def _at(date: dt.date, clock: dt.time) -> dt.datetime:
    return dt.datetime.combine(date, clock, tzinfo=TOKYO)


def compare(
    planned: list[PlannedShift], actual: list[AttendanceDay], *, grace_minutes: int, now: dt.datetime | None = None
) -> list[Deviation]:
    """Attendance against the published roster. `now` None: the days are over (every planned
    shift without a clock-in is an absence); otherwise a shift not yet started is no deviation."""
    grace = dt.timedelta(minutes=grace_minutes)
    by_person = {(a.staff_id, a.date): a for a in actual if a.clock_in is not None}
    deviations: list[Deviation] = []
    planned_keys = set()
    for shift in sorted(planned, key=lambda s: (s.date, s.start, s.staff_id)):
        key = (shift.staff_id, shift.date)
        planned_keys.add(key)
        start, end = _at(shift.date, shift.start), _at(shift.date, shift.end)
        day = by_person.get(key)
        if day is None:
            if now is None or now >= end:
                deviations.append(Deviation(shift.staff_id, shift.date, DeviationKind.ABSENT, planned=shift))
            elif now > start + grace:
                late = int((now - start).total_seconds() // 60)
                deviations.append(Deviation(shift.staff_id, shift.date, DeviationKind.NOT_ARRIVED, late, shift))
            continue
        if day.clock_in > start + grace:
            late = int((day.clock_in - start).total_seconds() // 60)
            deviations.append(Deviation(shift.staff_id, shift.date, DeviationKind.LATE, late, shift, day))
        if day.clock_out is not None and day.clock_out < end - grace:
            early = int((end - day.clock_out).total_seconds() // 60)
            deviations.append(Deviation(shift.staff_id, shift.date, DeviationKind.LEFT_EARLY, early, shift, day))
    for key, day in sorted(by_person.items(), key=lambda item: (item[0][1], item[0][0])):
        if key not in planned_keys:
            deviations.append(Deviation(day.staff_id, day.date, DeviationKind.UNPLANNED, actual=day))
    return deviations

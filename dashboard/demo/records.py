"""The demo's contract records (issue 17): attendance with a few late arrivals, outgoing calls,
a training history, pledges, some uncollected cards — so every new page shows something real
from the first start. History is written in bulk; today's attendance goes through the use case.

Demo-only assumptions (they only shape fake data): for the full weeks before this one within the
attendance window the demo publishes a plan (managers and deputies plus agents in turn, enough for
the contract floors, the day's hours up to 8 h of work, one activity each, the floors first) and
stamps it: one person in twelve clocks in 10–25 minutes late; Tamano makes 0–4 outgoing calls a
day; half of the registered cards are collected."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import Engine, delete, insert, select

from core.live import LiveError
from core.profile.calendar import SiteCalendar
from core.profile.fixtures import Fixtures
from core.records.attendance import DayState, StampKind, build_day
from core.roster.model import Roster, minute_of, monday_of
from core.vocabulary import TOKYO, StaffRole, local
from dashboard.cli import texts as CT
from dashboard.use_cases import attendance_services, call_services
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db import attendance_store, roster_store
from db.engine import write_session
from db.models import (
    AttendanceEvent,
    Call,
    CardReminder,
    CityBooking,
    DesignatedDay,
    Staff,
    StaffListChange,
    StaffPledge,
    StaffSkill,
    StaffTraining,
    UncollectedCard,
)

LATE_SHARE = 1 / 12


def clear(engine: Engine) -> None:
    with write_session(engine) as session:
        for model in (
            AttendanceEvent,
            StaffTraining,
            StaffPledge,
            StaffListChange,
            CardReminder,
            UncollectedCard,
            CityBooking,
            DesignatedDay,
        ):
            session.execute(delete(model))
        session.commit()


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=TOKYO)


def _planned_people(staff: list[Staff], headcount: int, day_index: int) -> list[Staff]:
    leaders = [s for s in staff if s.role in (StaffRole.MANAGER, StaffRole.DEPUTY)]
    agents = [s for s in staff if s.role == StaffRole.AGENT]
    wanted = max(headcount - len(leaders), 0)
    if not agents:
        return leaders
    start = day_index % len(agents)
    turn = (agents[start:] + agents[:start])[:wanted]
    return leaders + turn


def _activities(people: list[Staff], skills_of: dict[str, list[str]], floors: dict[str, int]) -> dict[str, str | None]:
    """One activity per person: the contract floors first, then each person's first skill."""
    need = dict(floors)
    chosen: dict[str, str | None] = {}
    for person in sorted(people, key=lambda p: p.role != StaffRole.AGENT):  # agents cover the floors first
        skills = skills_of.get(person.id, [])
        pick = next((a for a in skills if need.get(a, 0) > 0), None) or next(iter(skills), None)
        if pick in need:
            need[pick] -= 1
        chosen[person.id] = pick
    return chosen


def _skills_of(session, staff: list[Staff]) -> dict[str, list[str]]:
    skills_of: dict[str, list[str]] = {}
    for row in session.exec(select(StaffSkill).where(StaffSkill.staff_id.in_([p.id for p in staff]))).scalars():
        skills_of.setdefault(row.staff_id, []).append(row.activity)
    return skills_of


def _person_day(
    rng: random.Random, site_id: str, day, person: Staff, activity: str | None, index: int, start: int, end: int
) -> tuple[dict, list[dict]]:
    """One person's planned shift for a past day and the stamps they made (late now and then)."""
    plan_end = min(end, start + 9 * 60)  # at most 8 h of work and the hour's break
    lunch = 11 * 60 + 30 + 30 * (index % 4)  # staggered, so someone stays on duty
    long_day = plan_end - start > 6 * 60
    shift = {
        "staff_id": person.id,
        "date": day.date.isoformat(),
        "start": _hhmm(start),
        "end": _hhmm(plan_end),
        "breaks": [[_hhmm(lunch), _hhmm(lunch + 60)]] if long_day else [],
        "activities": [{"start": _hhmm(start), "end": _hhmm(plan_end), "activity": activity}] if activity else [],
    }
    late = rng.random() < LATE_SHARE
    clock_in = start + (rng.randint(10, 25) if late else -rng.randint(0, 8))
    clock_out = plan_end + rng.randint(0, 10)
    events = [(StampKind.CLOCK_IN, clock_in), (StampKind.CLOCK_OUT, clock_out)]
    if long_day:
        taken = lunch + rng.choice((0, 0, 5, 10))
        events[1:1] = [(StampKind.BREAK_START, taken), (StampKind.BREAK_END, taken + 60)]
    stamps = [
        {
            "site_id": site_id,
            "staff_id": person.id,
            "date": day.date,
            "kind": kind.value,
            "at": _at(day.date, minute),
            "recorded_at": _at(day.date, minute),
            "recorded_by": "demo",
        }
        for kind, minute in events
    ]
    return shift, stamps


def _attendance_day(
    rng: random.Random,
    site,
    day,
    staff: list[Staff],
    skills_of: dict[str, list[str]],
    offset: int,
    start: int,
    end: int,
    plans: dict,
    stamps: list[dict],
) -> None:
    """The plan of one past day (leaders and agents in turn, the floors first) and its stamps."""
    floors = {a.id.value: a.min_staff for a in site.activities if day.is_open(a.id) and a.min_staff}
    people = _planned_people(staff, max(site.staffing.min_headcount, 2 + sum(floors.values())), offset)
    open_skills = {p.id: [k for k in skills_of.get(p.id, []) if day.is_open(k)] for p in people}
    doing = _activities(people, open_skills, floors)
    for index, person in enumerate(people):
        shift, made = _person_day(rng, site.id, day, person, doing[person.id], index, start, end)
        plans.setdefault(monday_of(day.date), []).append(shift)
        stamps += made


def _outgoing_calls(
    rng: random.Random, site_id: str, day, purposes: list, line: str, start: int, end: int
) -> list[dict]:
    calls = []
    for _ in range(rng.randint(0, 4)):
        outcome = rng.choice(("reached", "reached", "no_answer", "message"))
        calls.append(
            {
                "site_id": site_id,
                "activity": line,
                "topic": rng.choice(purposes),
                "direction": "out",
                "offered_at": _at(day.date, rng.randint(start + 60, end - 60)),
                "answered": outcome == "reached",
                "abandoned": False,
                "outcome": outcome,
                "duration_seconds": rng.uniform(60, 240) if outcome == "reached" else None,
            }
        )
    return calls


def _publish_plans(session, site_id: str, plans: dict[dt.date, list[dict]]) -> None:
    """The plan the attendance is compared with, for every week that has none published."""
    for week, shifts in sorted(plans.items()):
        if roster_store.published_roster(session, site_id, week) is None:
            roster = Roster.from_json({"site": site_id, "week_start": week.isoformat(), "shifts": shifts})
            roster_store.publish(
                session, site_id, week, roster_store.save_roster(session, roster, note=CT.DEMO_PAST_PLAN_NOTE)
            )


def _training_and_pledges(session, site, staff: list[Staff]) -> int:
    """Initial and privacy training and the pledge for everyone without a training record yet."""
    trainings, pledges = [], []
    for person in staff:
        first = person.training_completed or site.contract.start - dt.timedelta(days=14)
        recorded = {"recorded_at": _at(first, 17 * 60), "recorded_by": "demo"}
        trainings += [
            {"staff_id": person.id, "course": "initial", "title": None, "completed_on": first, **recorded},
            {
                "staff_id": person.id,
                "course": "privacy",
                "title": CT.DEMO_PRIVACY_TRAINING,
                "completed_on": first,
                **recorded,
            },
        ]
        pledges.append({"staff_id": person.id, "signed_on": first, **recorded})
    existing = set(session.exec(select(StaffTraining.staff_id)).scalars())
    trainings = [t for t in trainings if t["staff_id"] not in existing]
    pledges = [p for p in pledges if p["staff_id"] not in existing]
    if trainings:
        session.execute(insert(StaffTraining), trainings)
        session.execute(insert(StaffPledge), pledges)
    return len(trainings)


def _uncollected_cards(session, rng: random.Random, site, today: dt.date) -> int:
    """Two dozen cards whose notice went out in the last months; every other one collected since."""
    if not site.card_collection.reminder_after_days:
        return 0
    cards = []
    for i in range(24):
        mailed = today - dt.timedelta(days=10 + 3 * i)
        if mailed < site.contract.start:
            continue
        collected = mailed + dt.timedelta(days=rng.randint(3, 20)) if i % 2 else None
        cards.append(
            {
                "site_id": site.id,
                "reference": f"D{mailed:%y%m%d}-{i:02d}",
                "notice_mailed_on": mailed,
                "collected_on": collected if collected and collected < today else None,
                "recorded_at": _at(mailed, 17 * 60),
            }
        )
    if cards:
        session.execute(insert(UncollectedCard), cards)
    return len(cards)


def _site_days(
    session, rng: random.Random, fixtures: Fixtures, site, today: dt.date, days: int, attendance_days: int
) -> tuple[list[dict], list[dict]]:
    """The attendance stamps (with their published plans) and outgoing calls of the site's past days."""
    calendar = SiteCalendar(site, fixtures.catalogue)
    staff = list(session.exec(select(Staff).where(Staff.site_id == site.id, Staff.active).order_by(Staff.id)).scalars())
    stamps, calls = [], []
    plans: dict[dt.date, list[dict]] = {}
    skills_of = _skills_of(session, staff)
    purposes = list(call_services.purposes(fixtures, site.id)) if site.outgoing_calls.purposes else []
    line = next((a.id.value for a in site.activities if a.id.value in ("phone", "call_centre")), None)
    planned_weeks = (monday_of(today - dt.timedelta(days=attendance_days)), monday_of(today))
    for offset in range(days, 0, -1):
        day = calendar.day(today - dt.timedelta(days=offset))
        if not day.open:
            continue
        work = [a.work for a in day.activities.values()]
        start, end = min(minute_of(w.start) for w in work), max(minute_of(w.end) for w in work)
        if planned_weeks[0] <= day.date < planned_weeks[1]:
            _attendance_day(rng, site, day, staff, skills_of, offset, start, end, plans, stamps)
        if purposes and line and day.is_open(line):
            calls += _outgoing_calls(rng, site.id, day, purposes, line, start, end)
    _publish_plans(session, site.id, plans)
    if stamps:
        session.execute(insert(AttendanceEvent), stamps)
    if calls:
        session.execute(insert(Call), calls)
    return stamps, calls


def fill_contract_records(
    engine: Engine,
    fixtures: Fixtures,
    today: dt.date,
    days: int = 90,
    attendance_days: int = 14,
    seed: int = 17,
    progress: Callable[[str], None] = lambda _line: None,
) -> dict[str, int]:
    rng = random.Random(seed)
    totals = {"attendance": 0, "outgoing": 0, "training": 0, "cards": 0}
    with write_session(engine) as session:
        for site_id in sorted(fixtures.sites):
            site = fixtures.sites[site_id]
            stamps, calls = _site_days(session, rng, fixtures, site, today, days, attendance_days)
            staff = list(
                session.exec(select(Staff).where(Staff.site_id == site_id, Staff.active).order_by(Staff.id)).scalars()
            )
            trainings = _training_and_pledges(session, site, staff)
            cards = _uncollected_cards(session, rng, site, today)
            totals["attendance"] += len(stamps)
            totals["outgoing"] += len(calls)
            totals["training"] += trainings
            totals["cards"] += cards
            progress(
                CT.DEMO_SITE_RECORDS.format(
                    site=site.name, attendance=len(stamps), outgoing=len(calls), training=trainings
                )
            )
        session.commit()
    return totals


def _late(site_id: str, staff_id: str, date: dt.date) -> int:
    """Minutes this person is late today (a few people, the same all day)."""
    rng = random.Random(f"{site_id}:{staff_id}:{date.isoformat()}")
    return rng.randint(10, 25) if rng.random() < LATE_SHARE else 0


def live_attendance(engine: Engine, fixtures: Fixtures, now: dt.datetime) -> int:
    """Stamp today's published roster as its times pass (some people late), through the use case."""
    today = local(now).date()
    minute = minute_of(local(now).time())
    stamped = 0
    for site_id in sorted(fixtures.sites):
        with write_session(engine) as session:
            shifts = live.published_shifts(session, site_id, today, actor=SYSTEM)
            if not shifts:
                continue
            stamps = attendance_store.stamps(session, site_id=site_id, start=today, end=today)
            for shift in shifts:
                mine = [s for s in stamps if s.staff_id == shift.staff_id]
                try:
                    state = build_day(shift.staff_id, today, mine).state
                except ValueError:
                    continue
                due: StampKind | None = None
                late = _late(site_id, shift.staff_id, today)
                if state is DayState.NOT_STARTED and shift.start + late <= minute < shift.end:
                    due = StampKind.CLOCK_IN
                elif state is DayState.WORKING and any(s <= minute < e for s, e in shift.breaks):
                    due = StampKind.BREAK_START
                elif state is DayState.ON_BREAK and not any(s <= minute < e for s, e in shift.breaks):
                    due = StampKind.BREAK_END
                elif state is DayState.WORKING and minute >= shift.end:
                    due = StampKind.CLOCK_OUT
                if due is None:
                    continue
                try:
                    attendance_services.stamp(
                        fixtures, site_id, shift.staff_id, due.value, session=session, now=now, actor=SYSTEM
                    )
                    stamped += 1
                except LiveError:
                    session.rollback()
    return stamped


def history_summary(totals: dict[str, int]) -> str:
    return CT.DEMO_RECORDS_SUMMARY.format(**totals)

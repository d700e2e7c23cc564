"""The demo's contract records (issue 17): attendance with a few late arrivals, outgoing calls,
a training history, pledges, some uncollected cards — so every new page shows something real
from the first start. History is written in bulk; today's attendance goes through the use case.

Demo-only assumptions (they only shape fake data): for the full weeks before this one within the attendance window
the demo publishes a plan (managers and deputies plus agents in turn, enough for the contract
floors, the day's hours up to 8 h of work, one activity each, the floors first) and stamps it: one person in twelve clocks
in 10–25 minutes late; Tamano makes 0–4
outgoing calls a day; half of the registered cards are collected."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import Engine, delete, insert, select

from core.attendance import DayState, StampKind, build_day
from core.calendar import SiteCalendar
from core.fixtures import Fixtures
from core.live import TOKYO, LiveError, local
from core.roster import Roster, minute_of, monday_of
from dashboard import attendance_services, call_services
from dashboard import live_services as live
from dashboard.access import SYSTEM
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
        for model in (AttendanceEvent, StaffTraining, StaffPledge, StaffListChange, CardReminder, UncollectedCard,
                      CityBooking, DesignatedDay):
            session.execute(delete(model))
        session.commit()


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=TOKYO)


def _planned_people(staff: list[Staff], headcount: int, day_index: int) -> list[Staff]:
    leaders = [s for s in staff if s.role in ("manager", "deputy")]
    agents = [s for s in staff if s.role == "agent"]
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
    for person in sorted(people, key=lambda p: p.role != "agent"):  # agents cover the floors first
        skills = skills_of.get(person.id, [])
        pick = next((a for a in skills if need.get(a, 0) > 0), None) or next(iter(skills), None)
        if pick in need:
            need[pick] -= 1
        chosen[person.id] = pick
    return chosen


def fill_contract_records(engine: Engine, fixtures: Fixtures, today: dt.date, days: int = 90, attendance_days: int = 14,
                          seed: int = 17, progress: Callable[[str], None] = lambda _line: None) -> dict[str, int]:
    rng = random.Random(seed)
    totals = {"attendance": 0, "outgoing": 0, "training": 0, "cards": 0}
    with write_session(engine) as session:
        for site_id in sorted(fixtures.sites):
            site = fixtures.sites[site_id]
            calendar = SiteCalendar(site, fixtures.catalogue)
            staff = list(session.exec(select(Staff).where(Staff.site_id == site_id, Staff.active)
                                      .order_by(Staff.id)).scalars())
            stamps, calls = [], []
            plans: dict[dt.date, list[dict]] = {}
            skills_of: dict[str, list[str]] = {}
            for row in session.exec(select(StaffSkill).where(StaffSkill.staff_id.in_([p.id for p in staff]))).scalars():
                skills_of.setdefault(row.staff_id, []).append(row.activity)
            purposes = list(call_services.purposes(fixtures, site_id)) if site.outgoing_calls.purposes else []
            line = next((a.id.value for a in site.activities if a.id.value in ("phone", "call_centre")), None)
            for offset in range(days, 0, -1):
                day = calendar.day(today - dt.timedelta(days=offset))
                if not day.open:
                    continue
                work = [a.work for a in day.activities.values()]
                start, end = min(minute_of(w.start) for w in work), max(minute_of(w.end) for w in work)
                if monday_of(today - dt.timedelta(days=attendance_days)) <= day.date < monday_of(today):
                    floors = {a.id.value: a.min_staff for a in site.activities if day.is_open(a.id) and a.min_staff}
                    people = _planned_people(staff, max(site.staffing.min_headcount, 2 + sum(floors.values())), offset)
                    open_skills = {p.id: [k for k in skills_of.get(p.id, []) if day.is_open(k)] for p in people}
                    doing = _activities(people, open_skills, floors)
                    for index, person in enumerate(people):
                        plan_end = min(end, start + 9 * 60)  # at most 8 h of work and the hour's break
                        lunch = 11 * 60 + 30 + 30 * (index % 4)  # staggered, so someone stays on duty
                        skills = [doing[person.id]]
                        plans.setdefault(monday_of(day.date), []).append({
                            "staff_id": person.id, "date": day.date.isoformat(), "start": _hhmm(start),
                            "end": _hhmm(plan_end), "breaks": [[_hhmm(lunch), _hhmm(lunch + 60)]] if plan_end - start > 6 * 60 else [],
                            "activities": [{"start": _hhmm(start), "end": _hhmm(plan_end), "activity": skills[0]}]
                            if skills[0] else []})
                        late = rng.random() < LATE_SHARE
                        clock_in = start + (rng.randint(10, 25) if late else -rng.randint(0, 8))
                        clock_out = plan_end + rng.randint(0, 10)
                        events = [(StampKind.CLOCK_IN, clock_in), (StampKind.CLOCK_OUT, clock_out)]
                        if plan_end - start > 6 * 60:
                            taken = lunch + rng.choice((0, 0, 5, 10))
                            events[1:1] = [(StampKind.BREAK_START, taken), (StampKind.BREAK_END, taken + 60)]
                        for kind, minute in events:
                            stamps.append({"site_id": site_id, "staff_id": person.id, "date": day.date,
                                           "kind": kind.value, "at": _at(day.date, minute),
                                           "recorded_at": _at(day.date, minute), "recorded_by": "demo"})
                if purposes and line and day.is_open(line):
                    for _ in range(rng.randint(0, 4)):
                        outcome = rng.choice(("reached", "reached", "no_answer", "message"))
                        calls.append({"site_id": site_id, "activity": line, "topic": rng.choice(purposes),
                                      "direction": "out", "offered_at": _at(day.date, rng.randint(start + 60, end - 60)),
                                      "answered": outcome == "reached", "abandoned": False, "outcome": outcome,
                                      "duration_seconds": rng.uniform(60, 240) if outcome == "reached" else None})
            for week, shifts in sorted(plans.items()):  # the plan the attendance is compared with
                if roster_store.published_roster(session, site_id, week) is None:
                    roster = Roster.from_json({"site": site_id, "week_start": week.isoformat(), "shifts": shifts})
                    roster_store.publish(session, site_id, week,
                                         roster_store.save_roster(session, roster, note="デモの計画（過去の週）"))
            if stamps:
                session.execute(insert(AttendanceEvent), stamps)
            if calls:
                session.execute(insert(Call), calls)
            trainings, pledges = [], []
            for person in staff:
                first = person.training_completed or site.contract.start - dt.timedelta(days=14)
                trainings += [
                    {"staff_id": person.id, "course": "initial", "title": None, "completed_on": first,
                     "recorded_at": _at(first, 17 * 60), "recorded_by": "demo"},
                    {"staff_id": person.id, "course": "privacy", "title": "個人情報保護研修", "completed_on": first,
                     "recorded_at": _at(first, 17 * 60), "recorded_by": "demo"},
                ]
                pledges.append({"staff_id": person.id, "signed_on": first, "recorded_at": _at(first, 17 * 60),
                                "recorded_by": "demo"})
            existing = set(session.exec(select(StaffTraining.staff_id)).scalars())
            trainings = [t for t in trainings if t["staff_id"] not in existing]
            pledges = [p for p in pledges if p["staff_id"] not in existing]
            if trainings:
                session.execute(insert(StaffTraining), trainings)
                session.execute(insert(StaffPledge), pledges)
            cards = []
            if site.card_collection.reminder_after_days:
                for i in range(24):
                    mailed = today - dt.timedelta(days=10 + 3 * i)
                    if mailed < site.contract.start:
                        continue
                    collected = mailed + dt.timedelta(days=rng.randint(3, 20)) if i % 2 else None
                    cards.append({"site_id": site_id, "reference": f"D{mailed:%y%m%d}-{i:02d}",
                                  "notice_mailed_on": mailed,
                                  "collected_on": collected if collected and collected < today else None,
                                  "recorded_at": _at(mailed, 17 * 60)})
                if cards:
                    session.execute(insert(UncollectedCard), cards)
            totals["attendance"] += len(stamps)
            totals["outgoing"] += len(calls)
            totals["training"] += len(trainings)
            totals["cards"] += len(cards)
            progress(f"{site.name}: 出勤記録 {len(stamps)} 件、架電 {len(calls)} 件、研修 {len(trainings)} 件")
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
                if state is DayState.NOT_STARTED and shift.start + _late(site_id, shift.staff_id, today) <= minute < shift.end:
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
                    attendance_services.stamp(fixtures, site_id, shift.staff_id, due.value, session=session, now=now,
                                              actor=SYSTEM)
                    stamped += 1
                except LiveError:
                    session.rollback()
    return stamped


def history_summary(totals: dict[str, int]) -> str:
    return (f"出勤記録 {totals['attendance']} 件、架電 {totals['outgoing']} 件、研修 {totals['training']} 件、"
            f"未受取カード {totals['cards']} 件")


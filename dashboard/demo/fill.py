"""`madoguchi demo`: 90 days of history drawn from the demand model, then a live feed of today.

History is written in bulk (a few seconds for five sites); today's activity goes through the
same use cases the clerks use, so the feed also exercises the real code paths.

Demo-only assumptions (not contract figures, kept here because they only shape fake data):
sites whose contracts give no demand figures (Seto, Fujieda) get walk-ins at 60 % of the capacity
of the windows their contract floor staffs, and calls at 3 an hour per phone line; 3 % of called
visitors do not come; cases of a procedure that has hand-off reasons go to city staff 5 % of the
time. Calls abandon as the demo's own staffing and
queue make them (issue 16): Erlang A per slot with the agents the published roster puts on the line
(or, on days without one, the staffing requirement the rosters are solved to), so a site's answer
rate, and the verdict on it, follow from staffing rather than from a fixed share. Calls and booth
sessions are recorded under the site's own topics and booth kinds (profile [catalogue]).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlmodel import Session

from core.demand.erlang import erlang_a
from core.demand.forecast import SLOT_MINUTES, DemandModel, slot_starts
from core.demand.requirements import StaffingModel
from core.live import LiveError
from core.profile.calendar import SiteCalendar, SiteDay
from core.profile.catalogue import booth_kinds_for, topics_under
from core.profile.fixtures import Fixtures
from core.profile.site_profile import ActivityId, SiteProfile
from core.roster.model import minute_of, monday_of
from core.vocabulary import TOKYO, ReservationStatus, Role, TicketStatus, local
from dashboard.cli import texts as CT
from dashboard.use_cases import clock
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import SYSTEM
from db.engine import is_sqlite, write_session
from db.models import (
    BoothSession,
    Call,
    Handoff,
    Incident,
    ReportSubmission,
    Reservation,
    ReservationSlot,
    Roster,
    Ticket,
    TicketEvent,
    TicketSequence,
)

NO_SHOW = 0.03
HAND_OFF = 0.05
FALLBACK_UTILISATION = 0.6
FALLBACK_CALLS_PER_LINE_HOUR = 3.0
BOOKED_AHEAD_DAYS = (1, 14)  # a booking is made this many days before the visit
DEMO_OPENING = dt.time(10, 0)


@dataclass(frozen=True)
class Stream:
    channel: str
    name: str
    activity: ActivityId
    reserved: bool


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:  # normal approximation: fast and close enough for demo counts
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def expected_arrivals(fixtures: Fixtures, site: SiteProfile, day: SiteDay) -> dict[tuple[dt.time, Stream], float]:
    """Expected arrivals per 15-minute slot and stream: the demand model, or the demo fallback."""
    model = DemandModel(site, fixtures.catalogue)
    found: dict[tuple[dt.time, Stream], float] = {}
    for a in model.day(day.date, day).arrivals:
        key = (a.slot, Stream(a.stream.channel, a.stream.name, a.stream.activity, a.reserved))
        found[key] = found.get(key, 0.0) + a.arrivals
    _fallback_calls(fixtures, site, day, found)
    if any(s.channel == "counter" for _t, s in found) or ActivityId.window not in day.activities:
        return found
    offered = [
        p
        for p in site.procedures
        if p.activity == ActivityId.window and p.id in day.procedures and fixtures.catalogue.procedure(p.id).reservable
    ]
    if not offered:
        return found
    # The counters the contract's floor staffs (what a roster for floor-only requirements gives),
    # kept busy FALLBACK_UTILISATION of the time: a queue that stays finite.
    counters = max(1, site.activity(ActivityId.window).min_staff)
    minutes = sum(live.procedure_of(fixtures, site, p.id)[1] for p in offered) / len(offered)
    per_slot = counters * SLOT_MINUTES / minutes * FALLBACK_UTILISATION / len(offered)
    for slot in slot_starts(day.activities[ActivityId.window].service):
        for p in offered:
            found[(slot, Stream("counter", p.id, ActivityId.window, False))] = per_slot
    return found


def _fallback_calls(
    fixtures: Fixtures, site: SiteProfile, day: SiteDay, found: dict[tuple[dt.time, Stream], float]
) -> None:
    """Phones at a site whose contract gives no call figures (Kawanishi, Seto, Fujieda) still ring:
    FALLBACK_CALLS_PER_LINE_HOUR per line, spread evenly over the national call topics."""
    if ActivityId.phone not in day.activities or any(s.channel == "call" for _t, s in found):
        return
    lines = site.activity(ActivityId.phone).seats
    topics = [t.id for t in fixtures.catalogue.call_topics]
    per_slot = lines * FALLBACK_CALLS_PER_LINE_HOUR * SLOT_MINUTES / 60 / len(topics)
    for slot in slot_starts(day.activities[ActivityId.phone].service):
        for topic in topics:
            found[(slot, Stream("call", topic, ActivityId.phone, False))] = per_slot


PHONE_LINES = (ActivityId.phone, ActivityId.call_centre)


def call_abandonment(
    fixtures: Fixtures,
    site: SiteProfile,
    day: SiteDay,
    expected: dict[tuple[dt.time, Stream], float],
    agents_on: Callable[[dt.time, ActivityId], int | None] = lambda _s, _a: None,
) -> dict[tuple[dt.time, ActivityId], float]:
    """P(a call hangs up) per slot and phone line: Erlang A (core.demand.erlang) with the slot's expected
    calls, their handling time (the catalogue's topics), the callers' patience (national targets)
    and the agents on the line. `agents_on(slot, line)` gives the published roster's people; where
    it gives None (no roster that day) the staffing requirement stands in: the number the demo's
    rosters are solved to (core.demand.requirements, sized to the answer-rate target and capped by seats)."""
    from core.demand.requirements import StaffingModel

    catalogue = fixtures.catalogue_for(site.id)
    calls: dict[tuple[dt.time, ActivityId], list[tuple[float, float]]] = {}
    for (slot, stream), mean in expected.items():
        if stream.channel == "call" and mean > 0:
            try:
                seconds = catalogue.call_topic(stream.name).handling_seconds
            except KeyError:
                seconds = catalogue.call_topic("inquiry").handling_seconds
            calls.setdefault((slot, stream.activity), []).append((mean, seconds))
    if not calls:
        return {}
    required = {(r.slot, r.activity): r.required for r in StaffingModel(site, catalogue).day(day.date).requirements}
    patience = catalogue.targets.phone_patience_seconds
    target = catalogue.targets.phone_target_seconds
    shares = {}
    for (slot, line), parts in calls.items():
        per_slot = sum(m for m, _ in parts)
        aht = sum(m * s for m, s in parts) / per_slot
        agents = agents_on(slot, line)
        if agents is None:
            agents = required.get((slot, line), 0)
        if agents <= 0:
            shares[(slot, line)] = 1.0
            continue
        figures = erlang_a(per_slot * 60 / SLOT_MINUTES, aht, agents, target, patience)
        shares[(slot, line)] = figures.p_abandon
    return shares


def _moment(day: dt.date, slot: dt.time, rng: random.Random) -> dt.datetime:
    start = dt.datetime.combine(day, slot, tzinfo=TOKYO)
    return start + dt.timedelta(seconds=rng.uniform(0, SLOT_MINUTES * 60))


class _Ids:
    """Explicit primary keys for bulk inserts, so hand-offs can point at their tickets."""

    def __init__(self, session: Session, model) -> None:
        self.next = (session.scalar(select(func.max(model.id))) or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


class _Bookings:
    """The day's booked visits as reservation slots and reservations, so the reports' bookings,
    the reservation-only days and the tickets' reservation links agree."""

    def __init__(self, site: SiteProfile, day: SiteDay, rng: random.Random, ids: dict, rows: dict[str, list]) -> None:
        self.site, self.day, self.rng, self.ids, self.rows = site, day, rng, ids, rows
        self.slots: dict[tuple[dt.time, str], dict] = {}

    def book(self, moment: dt.datetime, procedure_id: str, came: bool) -> int:
        length = self.site.reservations.slot_minutes
        minute = minute_of(local(moment).time()) // length * length
        start = dt.time(minute // 60, minute % 60)
        slot = self.slots.get((start, procedure_id))
        if slot is None:
            end = minute + length
            slot = {
                "id": self.ids["reservation_slot"].take(),
                "site_id": self.site.id,
                "date": self.day.date,
                "procedure_id": procedure_id,
                "start": start,
                "end": dt.time(min(end, 1439) // 60, min(end, 1439) % 60),
                "capacity": 0,
                "booked": 0,
            }
            self.slots[(start, procedure_id)] = slot
            self.rows["reservation_slot"].append(slot)
        slot["booked"] += 1
        slot["capacity"] = slot["booked"] + (0 if self.day_is_reservation_only() else 1)
        made = moment - dt.timedelta(days=self.rng.randint(*BOOKED_AHEAD_DAYS), hours=self.rng.uniform(0, 8))
        reservation_id = self.ids["reservation"].take()
        self.rows["reservation"].append(
            {
                "id": reservation_id,
                "site_id": self.site.id,
                "slot_id": slot["id"],
                "procedure_id": procedure_id,
                "reference": self.ids["reference"](self.rng),
                "status": ReservationStatus.CHECKED_IN if came else ReservationStatus.NO_SHOW,
                "proxy": False,
                "created_at": made,
                "updated_at": moment,
                "changed_at": None,
                "cancelled_at": None,
                "checked_in_at": moment if came else None,
                "no_show_at": moment + dt.timedelta(minutes=self.site.reservations.no_show_after_minutes)
                if not came
                else None,
            }
        )
        return reservation_id

    def day_is_reservation_only(self) -> bool:
        return any(a.reservation_only for a in self.day.activities.values())


def _counters_at(staffed: dict[dt.time, int], moment: dt.datetime, seats: int) -> int:
    minute = minute_of(local(moment).time()) // SLOT_MINUTES * SLOT_MINUTES
    return min(seats, max(1, staffed.get(dt.time(minute // 60, minute % 60), 1)))


def _history_day(
    fixtures: Fixtures,
    site: SiteProfile,
    day: SiteDay,
    rng: random.Random,
    ids: dict,
    rows: dict[str, list],
    staffed: dict[dt.time, int],
) -> None:
    """One open day. Counters open per slot as the staffing requirement asks (what a roster staffs),
    so history's waits are those the live day shows for the same demand."""
    seats = max(1, site.activity(ActivityId.window).seats) if ActivityId.window in day.activities else 1
    opening = dt.datetime.combine(day.date, dt.time(0), tzinfo=TOKYO)
    free_at = [opening] * seats  # when each counter is next free
    bookings = _Bookings(site, day, rng, ids, rows)
    seqs: dict[str, int] = {}
    arrivals = []
    expected = expected_arrivals(fixtures, site, day)
    abandon = call_abandonment(fixtures, site, day, expected)
    catalogue = fixtures.catalogue_for(site.id)
    for (slot, stream), mean in expected.items():
        for _ in range(_poisson(rng, mean)):
            arrivals.append((_moment(day.date, slot, rng), slot, stream))
    arrivals.sort(key=lambda item: item[0])
    for moment, slot, stream in arrivals:
        if stream.channel == "call":
            answered = rng.random() >= abandon.get((slot, stream.activity), 0.0)
            topic = stream.name if stream.name in {t.id for t in catalogue.call_topics} else "inquiry"
            rows["call"].append(
                {
                    "site_id": site.id,
                    "activity": stream.activity.value,
                    "topic": rng.choice(topics_under(catalogue, topic)),
                    "direction": "in",
                    "offered_at": moment,
                    "answered": answered,
                    "abandoned": not answered,
                    "wait_seconds": rng.expovariate(1 / 25),
                    "duration_seconds": rng.gauss(180, 40) if answered else None,
                }
            )
        elif stream.channel == "booth":
            start = moment + dt.timedelta(minutes=rng.expovariate(1 / 6))
            rows["booth_session"].append(
                {
                    "site_id": site.id,
                    "booth_no": rng.randint(1, site.activity(ActivityId.booth).seats),
                    "kind": rng.choice(booth_kinds_for(catalogue, stream.name)),
                    "joined_at": moment,
                    "started_at": start,
                    "ended_at": start + dt.timedelta(minutes=rng.gauss(20, 5)),
                }
            )
        elif stream.channel == "counter":
            procedure, minutes, _r, _a = live.procedure_of(fixtures, site, stream.name)
            if stream.reserved and rng.random() < NO_SHOW:  # booked and never came: no ticket
                bookings.book(moment, procedure.id, came=False)
                continue
            reservation_id = bookings.book(moment, procedure.id, came=True) if stream.reserved else None
            seqs[procedure.group] = seq = seqs.get(procedure.group, 0) + 1
            open_now = _counters_at(staffed, moment, seats)
            counter = min(range(open_now), key=lambda i: free_at[i])
            called = max(moment, free_at[counter])
            if stream.reserved:  # booked visits are called soon after they arrive
                called = min(called, moment + dt.timedelta(minutes=rng.uniform(0, 5)))
            handling = dt.timedelta(minutes=max(3.0, rng.gauss(minutes, minutes / 4)))
            free_at[counter] = max(free_at[counter], called) + handling
            ticket_id = ids["ticket"].take()
            fate = rng.random()
            status = (
                TicketStatus.NO_SHOW
                if fate < NO_SHOW
                else (
                    TicketStatus.HANDED_OFF if procedure.handoffs and fate < NO_SHOW + HAND_OFF else TicketStatus.DONE
                )
            )
            rows["ticket"].append(
                {
                    "id": ticket_id,
                    "site_id": site.id,
                    "service_date": day.date,
                    "procedure_id": procedure.id,
                    "group": procedure.group,
                    "seq": seq,
                    "number": f"{procedure.group}-{seq:03d}",
                    "status": status,
                    "priority": 1 if stream.reserved else 0,
                    "reservation_id": reservation_id,
                    "counter": CT.DEMO_COUNTER.format(n=counter + 1),
                    "issued_at": moment,
                    "called_at": called,
                    "started_at": called + dt.timedelta(minutes=1) if status != TicketStatus.NO_SHOW else None,
                    "finished_at": called + handling if status == TicketStatus.DONE else None,
                    "no_show_at": called + dt.timedelta(minutes=3) if status == TicketStatus.NO_SHOW else None,
                    "handed_off_at": called + handling if status == TicketStatus.HANDED_OFF else None,
                    "recalls": 0,
                }
            )
            if status == TicketStatus.HANDED_OFF:
                rows["handoff"].append(
                    {"ticket_id": ticket_id, "reason": rng.choice(procedure.handoffs), "at": called + handling}
                )
    if rng.random() < 0.06:
        category = rng.choice(list(fixtures.catalogue.incident_categories))
        occurred = _moment(day.date, dt.time(11, 0), rng)
        rows["incident"].append(
            {
                "site_id": site.id,
                "kind": rng.choice(["incident", "complaint"]),
                "category": category,
                "occurred_at": occurred,
                "description": CT.DEMO_INCIDENT.format(category=fixtures.catalogue.incident_categories[category]),
                "action_taken": CT.DEMO_INCIDENT_ACTION,
                "cause": None,
                "fix": None,
                "reported_to_city_at": occurred + dt.timedelta(hours=1),
            }
        )


def _references():
    """Booking references drawn from the demo's generator, never twice."""
    used: set[str] = set()

    def draw(rng: random.Random) -> str:
        while True:
            reference = "".join(rng.choice(live.REFERENCE_ALPHABET) for _ in range(8))
            if reference not in used:
                used.add(reference)
                return reference

    return draw


def _sequences(tickets: list[dict]) -> list[dict]:
    last: dict[tuple, int] = {}
    for row in tickets:
        key = (row["site_id"], row["service_date"], row["group"])
        last[key] = max(last.get(key, 0), row["seq"])
    return [
        {"site_id": site_id, "service_date": date, "group": group, "last_seq": seq}
        for (site_id, date, group), seq in last.items()
    ]


def has_history(engine: Engine) -> bool:
    with Session(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(Ticket)))


# The demo writes fake history: it only ever does so in a database it created itself (issue 14).
# `madoguchi demo` marks a database it finds empty; --reset and the history fill refuse any other.
DEMO_MARKER = "demo_database"
PAUSE_HOOK = "MADOGUCHI_DEMO_PAUSE_FILE"  # tests: pause mid-reset, inside the transaction


def is_empty_database(engine: Engine) -> bool:
    """No schema yet, or a schema without a single site: nothing anybody could lose."""
    from sqlalchemy import inspect

    if "site" not in inspect(engine).get_table_names():
        return True
    with Session(engine) as session:
        return not session.scalar(select(func.count()).select_from(text("site")))


def mark_demo_database(session: Session) -> None:
    from db.models import AppSetting

    session.merge(
        AppSetting(key=DEMO_MARKER, value={"created_by": "madoguchi demo", "at": dt.datetime.now(dt.UTC).isoformat()})
    )
    session.commit()


def is_demo_database(session: Session) -> bool:
    """Marked by the demo; or (databases from before the marker) carrying the demo clock, which
    nothing but the demo ever sets."""
    from db.models import AppSetting

    return session.get(AppSetting, DEMO_MARKER) is not None or session.get(AppSetting, clock.KEY) is not None


def _clear(session: Session) -> None:
    for model in (
        TicketEvent,
        Handoff,
        Ticket,
        TicketSequence,
        Reservation,
        ReservationSlot,
        Call,
        BoothSession,
        Incident,
        Roster,
        ReportSubmission,
    ):
        session.execute(delete(model))


def _pause_for_tests(path: str | None) -> None:
    """When PAUSE_HOOK names a file: write it and wait (a test kills the process meanwhile)."""
    import os
    import time
    from pathlib import Path

    if not path:
        return
    Path(path).write_text(str(os.getpid()))
    time.sleep(120)


def reset(
    engine: Engine,
    fixtures: Fixtures,
    start: dt.datetime,
    speed: float,
    days: int,
    progress: Callable[[str], None] = lambda _line: None,
) -> dict[str, int]:
    """Delete the demo history and fill it again, with the demo clock, in ONE transaction: a crash
    or a kill -9 anywhere in between leaves the old history exactly as it was."""
    import os

    with write_session(engine) as session:
        _clear(session)
        session.flush()
        _pause_for_tests(os.environ.get(PAUSE_HOOK))
        clock.put_demo_clock(session, start, speed)
        totals = _fill(session, fixtures, local(start).date(), days, 7, progress)
        session.commit()
    return totals


def fill_history(
    engine: Engine,
    fixtures: Fixtures,
    today: dt.date,
    days: int = 90,
    seed: int = 7,
    progress: Callable[[str], None] = lambda _line: None,
) -> dict[str, int]:
    """Records for the `days` days before `today` at every site, drawn from the demand model."""
    with write_session(engine) as session:
        totals = _fill(session, fixtures, today, days, seed, progress)
        session.commit()
    return totals


def _fill(
    session: Session, fixtures: Fixtures, today: dt.date, days: int, seed: int, progress: Callable[[str], None]
) -> dict[str, int]:
    rng = random.Random(seed)
    # In the order foreign keys need: slots, then bookings, then the tickets that point at them.
    tables = {
        "reservation_slot": ReservationSlot,
        "reservation": Reservation,
        "ticket": Ticket,
        "handoff": Handoff,
        "call": Call,
        "booth_session": BoothSession,
        "incident": Incident,
    }
    totals = dict.fromkeys(tables, 0)
    ids = {
        "ticket": _Ids(session, Ticket),
        "reservation": _Ids(session, Reservation),
        "reservation_slot": _Ids(session, ReservationSlot),
        "reference": _references(),
    }
    for site_id in sorted(fixtures.sites):
        site = fixtures.sites[site_id]
        calendar = SiteCalendar(site, fixtures.catalogue)
        staffing = StaffingModel(site, fixtures.catalogue)
        rows: dict[str, list] = {name: [] for name in tables}
        for offset in range(days, 0, -1):
            day = calendar.day(today - dt.timedelta(days=offset))
            if day.open:
                staffed = {
                    r.slot: r.required for r in staffing.day(day.date).requirements if r.activity == ActivityId.window
                }
                _history_day(fixtures, site, day, rng, ids, rows, staffed)
        for name, model in tables.items():
            if rows[name]:
                session.execute(insert(model), rows[name])
            totals[name] += len(rows[name])
        if rows["ticket"]:  # numbers issued later on a day with history go on from the last one
            session.execute(insert(TicketSequence), _sequences(rows["ticket"]))
        progress(
            CT.DEMO_SITE_HISTORY.format(
                site=site.name,
                tickets=len(rows["ticket"]),
                reservations=len(rows["reservation"]),
                calls=len(rows["call"]),
                booths=len(rows["booth_session"]),
            )
        )
    if not is_sqlite(session.get_bind()):  # explicit ids: move PostgreSQL's sequences past them
        for table in ("ticket", "reservation", "reservation_slot"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
            )
    return totals


def demo_start(fixtures: Fixtures, real: dt.datetime) -> dt.datetime:
    """When the demo's day starts: now if most sites serve now, else the next weekday most sites
    open, at 10:00, so a new user always sees a working morning."""

    def serving(moment: dt.datetime) -> int:
        count = 0
        for site in fixtures.sites.values():
            day = SiteCalendar(site, fixtures.catalogue).day(moment.date())
            minute = minute_of(moment.time())
            count += any(
                minute_of(s.start) <= minute < minute_of(s.end) - 60 for a in day.activities.values() for s in a.service
            )
        return count

    moment = local(real)
    if serving(moment) >= 3:
        return real
    day = moment.date() if moment.time() < DEMO_OPENING else moment.date() + dt.timedelta(days=1)
    for _ in range(30):
        start = dt.datetime.combine(day, DEMO_OPENING, tzinfo=TOKYO)
        if serving(start) >= 3:
            return start.astimezone(dt.UTC)
        day += dt.timedelta(days=1)
    return real


# --- demo accounts (issue 14) ----------------------------------------------------------------------

# One account per role, scoped as a real contractor would: the city viewer sees Tamano only, so
# the demo shows that Seto is invisible to them. Passwords are random and shown once.
DEMO_USERS = (
    ("demo-admin", CT.DEMO_USER_NAMES[Role.ADMIN], Role.ADMIN, None),
    ("demo-supervisor", CT.DEMO_USER_NAMES[Role.SUPERVISOR], Role.SUPERVISOR, ("seto", "tamano")),
    ("demo-clerk", CT.DEMO_USER_NAMES[Role.CLERK], Role.CLERK, ("seto",)),
    (
        "demo-scheduler",
        CT.DEMO_USER_NAMES[Role.SCHEDULER],
        Role.SCHEDULER,
        ("seto", "tamano", "ageo", "fujieda", "kawanishi"),
    ),
    ("demo-city-tamano", CT.DEMO_USER_NAMES[Role.CITY_VIEWER], Role.CITY_VIEWER, ("tamano",)),
)
DEMO_USERS_FILE = "demo-users.txt"


def ensure_demo_users(engine: Engine, fixtures: Fixtures, data_dir: Path) -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet, with random passwords; write every new
    (login, role, password) to data_dir/demo-users.txt (mode 0600) and return them. Existing
    accounts keep their passwords (`madoguchi users passwd` sets a new one)."""
    from dashboard.use_cases.user_services import add_user, new_password
    from db import user_store

    created = []
    with write_session(engine) as session:
        for login, name, role, sites in DEMO_USERS:
            if user_store.get_user(session=session, login=login) is not None:
                continue
            scoped = None if sites is None else [s for s in sites if s in fixtures.sites]
            password = new_password()
            add_user(login, name, role, password, scoped, session=session, actor=SYSTEM)
            created.append((login, role, password))
    if created:
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / DEMO_USERS_FILE
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(path, 0o600)  # an older file keeps its mode through O_CREAT
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write("# madoguchi demo accounts: login role password (created by `madoguchi demo`)\n")
            for login, role, password in created:
                out.write(f"{login} {role} {password}\n")
    return created


# --- the live feed -------------------------------------------------------------------------------


def publish_quick_rosters(
    engine: Engine, fixtures: Fixtures, today: dt.date, time_limit: float, progress: Callable[[str], None]
) -> None:
    """A published roster for this week at every open site that has none (short solves)."""
    from dashboard.use_cases.roster_services import build_problem
    from db import roster_store
    from optimizer.solve import solve

    week = monday_of(today)
    for site_id in sorted(fixtures.sites):
        site = fixtures.sites[site_id]
        if not SiteCalendar(site, fixtures.catalogue).day(today).open:
            continue
        with Session(engine) as session:
            if live.published_shifts(session, site_id, today, actor=SYSTEM) is not None:
                continue
        with Session(engine) as session:
            problem = build_problem(fixtures, site_id, week, session=session, actor=SYSTEM)  # the staff as stored
        roster = solve(problem, time_limit=time_limit)
        if not roster.acceptable:  # never publish a roster that breaks a hard rule
            progress(CT.DEMO_ROSTER_FAILED.format(site=site.name, seconds=time_limit))
            continue
        with write_session(engine) as session:
            version = roster_store.save_roster(session, roster, problem, note=CT.DEMO_ROSTER_NOTE)
            roster_store.publish(session, site_id, week, version)
            session.commit()
        progress(CT.DEMO_ROSTER_PUBLISHED.format(site=site.name, status=roster.status, seconds=roster.seconds))


# The feed never works this counter: it is left for the person trying the demo on 受付.
PERSON_COUNTER = CT.DEMO_COUNTER.format(n=1)


class LiveFeed:
    """Today's visitors, calls and clerks, advanced tick by tick through the real use cases.

    Stateless between ticks: what clerks are doing is read back from the database, so the feed
    can stop and start again at any time."""

    def __init__(self, engine: Engine, fixtures: Fixtures, seed: int = 11) -> None:
        self.engine, self.fixtures, self.rng = engine, fixtures, random.Random(seed)
        self.last: dt.datetime | None = None

    def tick(self, now: dt.datetime) -> dict[str, int]:
        done = {"issued": 0, "called": 0, "finished": 0, "calls": 0, "booths": 0}
        since = self.last or now - dt.timedelta(minutes=1)
        self.last = now
        step = (now - since).total_seconds() / 60
        if step <= 0:
            return done
        for site_id in sorted(self.fixtures.sites):
            self._site(site_id, now, step, done)
        from dashboard.demo.records import live_attendance  # issue 17: today's 出勤・休憩・退勤

        done["attendance"] = live_attendance(self.engine, self.fixtures, now)
        return done

    def _site(self, site_id: str, now: dt.datetime, step: float, done: dict[str, int]) -> None:
        fixtures, rng = self.fixtures, self.rng
        site = fixtures.sites[site_id]
        when = local(now)
        day = SiteCalendar(site, fixtures.catalogue).day(when.date())
        if not day.open:
            return
        slot_minute = minute_of(when.time()) // SLOT_MINUTES * SLOT_MINUTES
        slot = dt.time(slot_minute // 60, slot_minute % 60)
        catalogue = fixtures.catalogue_for(site_id)
        with write_session(self.engine) as session:
            expected = expected_arrivals(fixtures, site, day)
            abandon = self._abandonment(site, day, expected, session, slot)
            for (start, stream), mean in expected.items():
                if start != slot:
                    continue
                for _ in range(_poisson(rng, mean * step / SLOT_MINUTES)):
                    try:
                        if stream.channel == "counter":
                            live.issue_ticket(fixtures, site_id, stream.name, session=session, now=now, actor=SYSTEM)
                            done["issued"] += 1
                        elif stream.channel == "call":
                            answered = rng.random() >= abandon.get((slot, stream.activity), 0.0)
                            topic = stream.name if stream.name in {t.id for t in catalogue.call_topics} else "inquiry"
                            topic = rng.choice(topics_under(catalogue, topic))
                            live.log_call(
                                fixtures,
                                site_id,
                                session=session,
                                activity=stream.activity.value,
                                topic=topic,
                                offered_at=now,
                                answered=answered,
                                wait_seconds=rng.expovariate(1 / 25),
                                duration_seconds=rng.gauss(180, 40) if answered else None,
                                actor=SYSTEM,
                            )
                            done["calls"] += 1
                        elif stream.channel == "booth":
                            kind = rng.choice(booth_kinds_for(catalogue, stream.name))
                            live.booth_join(fixtures, site_id, kind, session=session, now=now, actor=SYSTEM)
                            done["booths"] += 1
                    except LiveError:
                        session.rollback()  # e.g. a reservation-only day: no walk-ins
            self._clerks(site, day, now, session, done)
            self._booths(site, now, session)

    def _abandonment(
        self, site: SiteProfile, day: SiteDay, expected: dict, session: Session, slot: dt.time
    ) -> dict[tuple[dt.time, ActivityId], float]:
        """This slot's hang-up shares, with today's published roster on the lines when there is one."""
        shifts = live.published_shifts(session, site.id, day.date, actor=SYSTEM)
        minute = minute_of(slot)

        def agents_on(at: dt.time, line: ActivityId) -> int | None:
            if not shifts or at != slot:
                return None
            # A shared block ("booth+call_centre", cover_both) counts on each of its lines.
            return sum(
                1 for s in shifts if not s.on_break(minute) and line.value in (s.activity_at(minute) or "").split("+")
            )

        return call_abandonment(
            self.fixtures, site, day, {k: v for k, v in expected.items() if k[0] == slot}, agents_on
        )

    def _clerks(
        self, site: SiteProfile, day: SiteDay, now: dt.datetime, session: Session, done: dict[str, int]
    ) -> None:
        fixtures, rng = self.fixtures, self.rng
        busy = [
            t
            for t in session.exec(
                select(Ticket).where(
                    Ticket.site_id == site.id,
                    Ticket.service_date == local(now).date(),
                    Ticket.status.in_((TicketStatus.CALLED, TicketStatus.SERVING)),
                )
            )
            .scalars()
            .all()
            if t.counter != PERSON_COUNTER
        ]
        for ticket in busy:
            minutes = live.procedure_of(fixtures, site, ticket.procedure_id)[1]
            if ticket.status == TicketStatus.CALLED and now - ticket.called_at > dt.timedelta(minutes=1):
                if rng.random() < NO_SHOW:
                    live.ticket_action(fixtures, ticket.id, "no_show", session=session, now=now, actor=SYSTEM)
                    continue
                live.ticket_action(fixtures, ticket.id, "start", session=session, now=now, actor=SYSTEM)
            elif ticket.status == TicketStatus.SERVING and now - ticket.called_at > dt.timedelta(minutes=minutes):
                reasons = fixtures.catalogue_for(site.id).procedure(ticket.procedure_id).handoffs
                if reasons and rng.random() < HAND_OFF:
                    live.ticket_action(
                        fixtures,
                        ticket.id,
                        "hand_off",
                        session=session,
                        now=now,
                        reason=rng.choice(reasons),
                        actor=SYSTEM,
                    )
                else:
                    live.ticket_action(fixtures, ticket.id, "finish", session=session, now=now, actor=SYSTEM)
                done["finished"] += 1
        activities = {p.activity for p in site.procedures if p.activity in day.activities}
        for activity in activities:
            if activity not in (ActivityId.window,):
                continue
            planned = self._planned(site, activity, session, now)
            working = {t.counter for t in busy}
            for name in [c for c in live.counter_names(fixtures, site.id) if c != PERSON_COUNTER][:planned]:
                if name in working:
                    continue
                if live.call_next(fixtures, site.id, name, session=session, now=now, actor=SYSTEM) is None:
                    break
                done["called"] += 1

    def _planned(self, site: SiteProfile, activity: ActivityId, session: Session, now: dt.datetime) -> int:
        shifts = live.published_shifts(session, site.id, local(now).date(), actor=SYSTEM)
        minute = minute_of(local(now).time())
        if shifts:
            planned = sum(1 for s in shifts if live.working_on(s, minute, activity))
            if planned:
                return planned
        return max(1, site.activity(activity).min_staff)

    def _booths(self, site: SiteProfile, now: dt.datetime, session: Session) -> None:
        if ActivityId.booth not in {a.id for a in site.activities}:
            return
        date = local(now).date()
        visits = (
            session.exec(
                select(BoothSession).where(
                    BoothSession.site_id == site.id,
                    BoothSession.ended_at.is_(None),
                    BoothSession.joined_at >= dt.datetime.combine(date, dt.time(0), tzinfo=TOKYO),
                )
            )
            .scalars()
            .all()
        )
        for visit in visits:
            if visit.started_at is not None and now - visit.started_at > dt.timedelta(minutes=20):
                live.booth_end(visit.id, session=session, now=now, actor=SYSTEM)
        # Booths open: the roster's operators now, at least 1; all of them when more than 4 wait.
        seats = site.activity(ActivityId.booth).seats
        waiting = [v for v in visits if v.started_at is None]
        staffed = max(1, self._planned(site, ActivityId.booth, session, now))
        if len(waiting) > 4:
            staffed = seats
        busy = live.booths_busy(session, site.id, date, actor=SYSTEM)
        for visit in waiting:
            free = [b for b in range(1, min(seats, staffed) + 1) if b not in busy]
            if not free:
                break
            live.booth_start(self.fixtures, visit.id, free[0], session=session, now=now, actor=SYSTEM)
            busy.add(free[0])


def catch_up(feed: LiveFeed, start: dt.datetime, now: dt.datetime, step_minutes: float = 2.0) -> None:
    """Play the morning from the first opening to `now` quickly, so the demo starts mid-day."""
    opening = dt.datetime.combine(local(now).date(), dt.time(8, 30), tzinfo=TOKYO)
    moment = max(opening, start)
    feed.last = moment
    while moment < now:
        moment = min(now, moment + dt.timedelta(minutes=step_minutes))
        feed.tick(moment)


DEMO_CONTRACTOR = {**CT.DEMO_CONTRACTOR, "office_phone": ""}


def ensure_contractor(engine: Engine) -> None:
    """The demo's contractor on every report, unless the admin already entered the real one."""
    from core.records.contractor import ContractorDetails
    from db import settings_store

    with write_session(engine) as session:
        if settings_store.contractor(session=session) is None:
            settings_store.save_contractor(session=session, details=ContractorDetails(**DEMO_CONTRACTOR))
            session.commit()


def record_past_submissions(engine: Engine, fixtures: Fixtures, today: dt.date) -> int:
    """In the demo's past every report reached the city on its due day; what falls due from today
    on is still to do, so the reports page opens on the few reports actually waiting."""
    from dashboard.use_cases import report_services

    count = 0
    with write_session(engine) as session:
        for site_id in sorted(fixtures.sites):
            for item in report_services.due_list(
                site_id, session=session, fixtures=fixtures, today=today, actor=SYSTEM
            ):
                if item.status == "overdue" and item.due < today:
                    report_services.mark_submitted(
                        site_id,
                        item.report_id,
                        item.period_start,
                        item.due,
                        session=session,
                        fixtures=fixtures,
                        today=today,
                        actor=SYSTEM,
                    )
                    count += 1
    return count

"""A deterministic month of operations for one site, written to the database: tickets (with
hand-offs and bookings), calls, booth sessions, incidents, form counts, card batches and a simple
published roster. Used by `madoguchi bench reports` when the database holds no activity, and by
the report tests. Volumes follow the site's demand forecast (DemandModel), times a seeded RNG.

Not the demo history of live operations (`madoguchi demo`): only what the reports read."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from sqlmodel import Session, select

from core.demand.forecast import DemandModel
from core.profile.calendar import SiteCalendar, SiteDay
from core.profile.catalogue import booth_kinds_for, site_topics, topics_under
from core.profile.fixtures import Fixtures
from core.reports.deadlines import month_end
from core.vocabulary import TOKYO, ReservationStatus, RosterStatus, StaffRole, TicketStatus
from db.models import (
    BoothSession,
    Call,
    CardBatch,
    FormCount,
    Handoff,
    Incident,
    Reservation,
    ReservationSlot,
    Roster,
    Staff,
    Ticket,
)

CALL_LINES = ("phone", "call_centre")


def _at(day: dt.date, minute: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=TOKYO) + dt.timedelta(minutes=minute)


def _count(rng: random.Random, expected: float) -> int:
    whole = int(expected)
    return whole + (rng.random() < expected - whole)


def peak_month(fixtures: Fixtures, site_id: str) -> tuple[int, int]:
    """The contract month with the most forecast cases."""
    site = fixtures.site(site_id)
    model = DemandModel(site, fixtures.catalogue)
    best, best_total = None, -1.0
    year, month = site.contract.start.year, site.contract.start.month
    while dt.date(year, month, 1) <= site.contract.end:
        total = sum(model.month_totals(year, month).values())
        if total > best_total:
            best, best_total = (year, month), total
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return best


def _roster(session: Session, fixtures: Fixtures, site_id: str, days: list, rng: random.Random) -> int:
    """One published roster per week: every active person works the open days but one a week,
    a full work day with a staggered hour's break, on their first skill the day serves."""
    site = fixtures.site(site_id)
    staff = session.exec(select(Staff).where(Staff.site_id == site_id, Staff.active).order_by(Staff.id)).all()
    staff_file = fixtures.staff.get(site_id)
    skills = {m.id: [a.value for a in m.skills] for m in (staff_file.staff if staff_file else [])}
    weeks: dict[dt.date, list[dict]] = defaultdict(list)
    for day in days:
        work = min((a.work for a in day.activities.values()), key=lambda r: r.start)
        start = work.start.hour * 60 + work.start.minute
        end = max(a.work.end.hour * 60 + a.work.end.minute for a in day.activities.values())
        end = min(end, start + 9 * 60)
        open_acts = [a.value for a in day.activities]
        for i, person in enumerate(staff):
            if person.role == StaffRole.AGENT and (i + day.date.isocalendar().week) % 6 == day.date.weekday() % 6:
                continue  # a day off
            lunch = 11 * 60 + 30 + 60 * (i % 3)
            lunch = max(start + 120, min(lunch, end - 120))
            own = [a for a in skills.get(person.id, open_acts) if a in open_acts] or open_acts
            activity = (
                "management"
                if person.role == StaffRole.MANAGER and not site.staffing.manager_works_counter
                else own[i % len(own)]
            )
            blocks = [
                {
                    "start": f"{start // 60:02d}:{start % 60:02d}",
                    "end": f"{lunch // 60:02d}:{lunch % 60:02d}",
                    "activity": activity,
                },
                {
                    "start": f"{(lunch + 60) // 60:02d}:{(lunch + 60) % 60:02d}",
                    "end": f"{end // 60:02d}:{end % 60:02d}",
                    "activity": activity,
                },
            ]
            weeks[day.date - dt.timedelta(days=day.date.weekday())].append(
                {
                    "staff_id": person.id,
                    "date": day.date.isoformat(),
                    "start": f"{start // 60:02d}:{start % 60:02d}",
                    "end": f"{end // 60:02d}:{end % 60:02d}",
                    "breaks": [
                        [f"{lunch // 60:02d}:{lunch % 60:02d}", f"{(lunch + 60) // 60:02d}:{(lunch + 60) % 60:02d}"]
                    ],
                    "activities": blocks,
                }
            )
    for week_start, shifts in weeks.items():
        session.add(
            Roster(
                site_id=site_id,
                week_start=week_start,
                version=1,
                status=RosterStatus.PUBLISHED.value,
                data={"site": site_id, "week_start": week_start.isoformat(), "shifts": shifts},
            )
        )
    return sum(len(s) for s in weeks.values())


class _Month:
    """The writer of one site's month: the session, the seeded RNG and what was written so far.
    Every draw from the RNG happens in the same order as before the split (the figures of the
    reports made from this month are compared byte for byte)."""

    def __init__(
        self, session: Session, fixtures: Fixtures, site_id: str, year: int, month: int, seed: int, scale: float
    ):
        self.session, self.site_id, self.scale = session, site_id, scale
        self.site = fixtures.site(site_id)
        self.catalogue = fixtures.catalogue_for(site_id)  # the site's topics and booth kinds (issue 16)
        self.rng = random.Random(f"{site_id}-{year}-{month}-{seed}")
        first, last = dt.date(year, month, 1), month_end(year, month)
        self.first, self.last = max(first, self.site.contract.start), min(last, self.site.contract.end)
        self.days = [d for d in SiteCalendar(self.site, self.catalogue).days(self.first, self.last) if d.open]
        self.written: Counter = Counter()
        self.windows = max(1, next((a.seats for a in self.site.activities if a.id.value == "window"), 1))
        self.slots: dict[tuple, ReservationSlot] = {}
        self.seqs: Counter = Counter()

    def slot_for(self, day: dt.date, minute: int, procedure_id: str) -> ReservationSlot:
        start = minute - minute % 30
        key = (day, start, procedure_id)
        if key not in self.slots:
            slot = ReservationSlot(
                site_id=self.site_id,
                date=day,
                start=dt.time(start // 60, start % 60),
                end=dt.time((start + 30) // 60, (start + 30) % 60),
                procedure_id=procedure_id,
                capacity=1000,
                booked=0,
            )
            self.session.add(slot)
            self.session.flush()
            self.slots[key] = slot
            self.written["reservation_slot"] += 1
        return self.slots[key]

    def _call(self, day: dt.date, minute: float, stream) -> None:
        rng = self.rng
        answered = rng.random() < 0.93
        self.session.add(
            Call(
                site_id=self.site_id,
                activity=stream.activity.value,
                topic=rng.choice(topics_under(self.catalogue, stream.name)),
                offered_at=_at(day, minute),
                answered=answered,
                abandoned=not answered,
                wait_seconds=round(rng.expovariate(1 / 25), 1),
                duration_seconds=round(rng.uniform(120, 420), 1) if answered else None,
            )
        )
        self.written["call"] += 1

    def _booth(self, day: dt.date, minute: float, stream) -> None:
        rng = self.rng
        wait = rng.expovariate(1 / 6)
        self.session.add(
            BoothSession(
                site_id=self.site_id,
                booth_no=rng.randint(1, 4),
                kind=rng.choice(booth_kinds_for(self.catalogue, stream.name)),
                joined_at=_at(day, minute),
                started_at=_at(day, minute + wait),
                ended_at=_at(day, minute + wait + rng.uniform(12, 28)),
            )
        )
        self.written["booth_session"] += 1

    def arrivals(self, day: dt.date, forecast) -> None:
        """The forecast's arrivals of the day: calls, booth sessions and counter tickets."""
        for arrival in forecast.arrivals:
            n = _count(self.rng, arrival.arrivals * self.scale)
            base = arrival.slot.hour * 60 + arrival.slot.minute
            stream = arrival.stream
            for _ in range(n):
                minute = base + self.rng.uniform(0, 15)
                if stream.channel == "call":
                    self._call(day, minute, stream)
                elif stream.channel == "booth":
                    self._booth(day, minute, stream)
                elif stream.channel == "counter":
                    self.written.update(
                        _ticket(
                            self.session,
                            self.rng,
                            self.catalogue,
                            self.site_id,
                            day,
                            minute,
                            stream.name,
                            arrival.reserved,
                            self.windows,
                            self.seqs,
                            self.slot_for,
                        )
                    )

    def fallback_calls(self, day: SiteDay, forecast) -> None:
        """No call figures in the contract: a modest stream of bookings and questions."""
        lines = [a for a in day.activities if a.value in CALL_LINES]
        if not lines or any(a.stream.channel == "call" for a in forecast.arrivals):
            return
        rng = self.rng
        service = day.activities[lines[0]].service_span
        low, high = service.start.hour * 60 + service.start.minute, service.end.hour * 60 + service.end.minute
        for _ in range(_count(rng, 40 * self.scale)):
            answered = rng.random() < 0.9
            self.session.add(
                Call(
                    site_id=self.site_id,
                    activity=lines[0].value,
                    offered_at=_at(day.date, rng.uniform(low, high)),
                    topic=rng.choice(site_topics(self.catalogue)).id,
                    answered=answered,
                    abandoned=not answered,
                    wait_seconds=round(rng.expovariate(1 / 30), 1),
                    duration_seconds=round(rng.uniform(120, 360), 1) if answered else None,
                )
            )
            self.written["call"] += 1

    def reminders(self, day: SiteDay) -> None:
        """Calls to people who have not collected their card (架電)."""
        line = next((a.value for a in day.activities if a.value in CALL_LINES), None)
        if line is None:
            return
        for _ in range(_count(self.rng, 3 * self.scale) + 1):
            self.session.add(
                Call(
                    site_id=self.site_id,
                    activity=line,
                    topic="inquiry",
                    direction="out",
                    offered_at=_at(day.date, self.rng.uniform(600, 960)),
                    answered=True,
                    duration_seconds=90.0,
                )
            )
            self.written["call"] += 1

    def form_count(self, day: SiteDay) -> None:
        if day.date.weekday() < 5:
            count = max(0, round(self.rng.gauss(40, 10) * max(self.scale, 0.05)))
            self.session.add(FormCount(site_id=self.site_id, date=day.date, count=count))
            self.written["form_count"] += 1

    def lost_bookings(self) -> None:
        """Cancelled bookings (no ticket) and no-shows, on top of the kept ones."""
        rng = self.rng
        for key, slot in list(self.slots.items()):
            for status in (ReservationStatus.CANCELLED, ReservationStatus.NO_SHOW):
                if rng.random() >= 0.15:
                    continue
                created = _at(key[0], 600) - dt.timedelta(days=rng.randint(2, 20))
                r = Reservation(
                    site_id=self.site_id,
                    slot_id=slot.id,
                    procedure_id=key[2],
                    reference=f"R{rng.randrange(16**8):08X}",
                    status=status.value,
                    created_at=created,
                    updated_at=created,
                )
                if status == ReservationStatus.CANCELLED:
                    r.cancelled_at = created + dt.timedelta(days=1)
                else:
                    r.no_show_at = _at(key[0], key[1] + 30)
                    slot.booked += 1
                self.session.add(r)
                self.written["reservation"] += 1
        for slot in self.slots.values():
            slot.capacity = slot.booked + 2

    def card_batches(self) -> None:
        """Pre-issuance batches: cards arrive twice a week; notices go out 2–9 days later."""
        if not any(p.id == "pre_issuance_setup" for p in self.site.procedures):
            return
        for day in self.days:
            if day.date.weekday() in (0, 3):
                arrived = day.date
                lead = self.rng.choice([2, 3, 4, 5, 6, 6, 7, 9])
                mailed = arrived + dt.timedelta(days=lead)
                self.session.add(
                    CardBatch(
                        site_id=self.site_id,
                        arrived_on=arrived,
                        cards=self.rng.randint(40, 90),
                        notices_mailed_on=mailed if mailed <= self.last else None,
                    )
                )
                self.written["card_batch"] += 1

    def incidents(self) -> None:
        """A complaint and an incident, with cause and fix, in the middle of the month."""
        if not self.days:
            return
        days, site_id = self.days, self.site_id
        mid = days[len(days) // 2].date
        self.session.add(
            Incident(
                site_id=site_id,
                kind="complaint",
                category="waiting",
                occurred_at=_at(mid, 10 * 60 + 40),
                description="待ち時間が長いとの苦情（窓口混雑時）",
                action_taken="謝罪し、予約制の案内を行った",
                cause="午前中の来庁集中",
                fix="午前の窓口配置を1名増やし、予約枠を拡大",
                reported_to_city_at=_at(mid, 16 * 60),
            )
        )
        self.session.add(
            Incident(
                site_id=site_id,
                kind="incident",
                category="system",
                occurred_at=_at(days[-1].date, 9 * 60 + 20),
                description="統合端末1台が起動しない",
                action_taken="予備端末に切替、市へ連絡",
                cause="端末の更新プログラム適用失敗",
                fix="更新は閉庁後に実施する手順に変更",
                reported_to_city_at=_at(days[-1].date, 9 * 60 + 45),
            )
        )
        self.written["incident"] += 2


def generate_month(
    session: Session,
    fixtures: Fixtures,
    site_id: str,
    year: int,
    month: int,
    *,
    seed: int = 7,
    scale: float = 1.0,
    roster: bool = True,
) -> Counter:
    """Write one month of records for a site; returns what was written, per table. Does not commit."""
    writer = _Month(session, fixtures, site_id, year, month, seed, scale)
    model = DemandModel(writer.site, writer.catalogue)
    session.flush()
    for day in writer.days:
        forecast = model.day(day.date, day)
        writer.arrivals(day.date, forecast)
        writer.fallback_calls(day, forecast)
        writer.reminders(day)
        writer.form_count(day)
    writer.lost_bookings()
    writer.card_batches()
    writer.incidents()
    if roster:
        writer.written["roster_shift"] += _roster(session, fixtures, site_id, writer.days, writer.rng)
    session.flush()
    return writer.written


def _ticket(session, rng, catalogue, site_id, day, minute, procedure_id, reserved, windows, seqs, slot_for) -> Counter:
    written: Counter = Counter()
    procedure = catalogue.procedure(procedure_id)
    seqs[(day, procedure.group)] += 1
    seq = seqs[(day, procedure.group)]
    reservation_id = None
    if reserved:
        slot = slot_for(day, int(minute), procedure_id)
        created = _at(day, 600) - dt.timedelta(days=rng.randint(1, 25))
        changed = created + dt.timedelta(days=1) if rng.random() < 0.08 else None
        r = Reservation(
            site_id=site_id,
            slot_id=slot.id,
            procedure_id=procedure_id,
            reference=f"R{rng.randrange(16**8):08X}",
            status=ReservationStatus.CHECKED_IN.value,
            created_at=created,
            updated_at=created,
            changed_at=changed,
            checked_in_at=_at(day, minute),
        )
        slot.booked += 1
        session.add(r)
        session.flush()
        reservation_id = r.id
        written["reservation"] += 1
    issued = _at(day, minute)
    wait = rng.expovariate(1 / (3 if reserved else 11))
    called = issued + dt.timedelta(minutes=wait)
    ticket = Ticket(
        site_id=site_id,
        service_date=day,
        procedure_id=procedure_id,
        group=procedure.group,
        seq=seq,
        number=f"{procedure.group}-{seq:03d}",
        reservation_id=reservation_id,
        issued_at=issued,
        counter=f"窓口{rng.randint(1, windows)}",
    )
    roll = rng.random()
    if roll < 0.03:
        ticket.status, ticket.called_at, ticket.no_show_at = (
            TicketStatus.NO_SHOW.value,
            called,
            called + dt.timedelta(minutes=5),
        )
    else:
        ticket.called_at = called
        ticket.started_at = called + dt.timedelta(minutes=1)
        if procedure.handoffs and roll < 0.09:
            ticket.status, ticket.handed_off_at = (
                TicketStatus.HANDED_OFF.value,
                ticket.started_at + dt.timedelta(minutes=4),
            )
        else:
            ticket.status = TicketStatus.DONE.value
            ticket.finished_at = ticket.started_at + dt.timedelta(
                minutes=procedure.service_minutes * rng.uniform(0.6, 1.4)
            )
    session.add(ticket)
    written["ticket"] += 1
    if ticket.status == TicketStatus.HANDED_OFF:
        session.flush()
        session.add(Handoff(ticket_id=ticket.id, reason=rng.choice(procedure.handoffs), at=ticket.handed_off_at))
        written["handoff"] += 1
    return written

"""Live-operation use cases: tickets, reservations, calls, online booths and incidents.

Each function is one transaction: it takes the session keyword-only, checks everything first,
writes, and commits. A refusal raises core.live.LiveError (Japanese message) before anything is
written, so stored data stays as it was. Numbers and capacity are safe with many writers:
- ticket numbers come from one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING on
  ticket_sequence (a row lock on PostgreSQL, the write lock on SQLite);
- a booking is one conditional UPDATE (booked = booked + 1 WHERE booked < capacity), and a CHECK
  constraint refuses an overbooked slot even if a bug tried.
Open the session with db.engine.write_session(engine) so SQLite takes the write lock at BEGIN.

Access (issue 14): every use case is decorated with @needs; callers pass `actor=`. Use cases
that take a row id (ticket, slot, booth session) check the row's site with `require`.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from core.calendar import SiteCalendar, SiteDay
from core.catalogue import Procedure
from core.fixtures import Fixtures
from core.forecast import DemandModel
from core.live import (
    ACTIVE_RESERVATION,
    RESERVATION_STATUS_LABELS,
    LiveError,
    estimate_wait_minutes,
    local,
    next_status,
    service_check,
    slot_capacity,
    ticket_number,
)
from core.personal_data import PersonalDataFound, refuse_personal_data
from core.roster import Shift, minute_of, monday_of
from core.text_input import NAME_MAX, TextRefused, check_text
from core.text_input import is_row_id as _row_id
from core.site_profile import ActivityId, SiteProfile
from dashboard.access import Actor, Permission, needs, require
from db import live_store, roster_store
from db.models import (
    BoothSession,
    Call,
    Handoff,
    Reservation,
    ReservationSlot,
    Ticket,
    TicketEvent,
    TicketSequence,
)

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)


# --- shared look-ups -----------------------------------------------------------------------------


def site_profile(fixtures: Fixtures, site_id: str) -> SiteProfile:
    site = fixtures.sites.get(site_id)
    if site is None:
        raise LiveError(f"拠点 {site_id!r} はありません（{', '.join(sorted(fixtures.sites))}）。")
    return site


def site_day(fixtures: Fixtures, site_id: str, date: dt.date) -> SiteDay:
    return SiteCalendar(site_profile(fixtures, site_id), fixtures.catalogue).day(date)


def procedure_of(fixtures: Fixtures, site: SiteProfile, procedure_id: str) -> tuple[Procedure, float, bool, ActivityId]:
    """The catalogue entry, and the site's service minutes, reservability and activity."""
    offer = next((p for p in site.procedures if p.id == procedure_id), None)
    if offer is None:
        raise LiveError(f"{site.name}では手続き {procedure_id!r} を扱っていません。")
    procedure = fixtures.catalogue_for(site.id).procedure(procedure_id)  # with the site's hand-off reasons
    minutes = offer.service_minutes or procedure.service_minutes
    reservable = procedure.reservable if offer.reservable is None else offer.reservable
    return procedure, minutes, reservable, offer.activity


@needs(Permission.VIEW_LIVE)
def published_shifts(session: Session, site_id: str, date: dt.date) -> list[Shift] | None:
    """The day's shifts from the live (highest published) roster of its week; None if none is published."""
    roster = roster_store.published_roster(session, site_id, monday_of(date))
    return None if roster is None else [s for s in roster.shifts if s.date == date]


def _event(session: Session, ticket: Ticket, action: str, at: dt.datetime) -> None:
    session.add(TicketEvent(ticket_id=ticket.id, action=action, at=at, counter=ticket.counter))


# --- tickets (受付番号) -----------------------------------------------------------------------------


def _next_seq(session: Session, site_id: str, date: dt.date, group: str) -> int:
    table = TicketSequence.__table__
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(table)
        .values(site_id=site_id, service_date=date, group=group, last_seq=1)
        .on_conflict_do_update(
            index_elements=["site_id", "service_date", "group"], set_={"last_seq": table.c.last_seq + 1}
        )
        .returning(table.c.last_seq)
    )
    return session.execute(statement).scalar_one()


def _issue(session: Session, site: SiteProfile, procedure: Procedure, date: dt.date, now: dt.datetime,
           *, priority: int = 0, reservation_id: int | None = None) -> Ticket:
    seq = _next_seq(session, site.id, date, procedure.group)
    ticket = Ticket(
        site_id=site.id, service_date=date, procedure_id=procedure.id, group=procedure.group, seq=seq,
        number=ticket_number(procedure.group, seq), status="waiting", priority=priority,
        reservation_id=reservation_id, issued_at=now,
    )
    session.add(ticket)
    session.flush()
    _event(session, ticket, "issue", now)
    return ticket


@needs(Permission.OPERATE_COUNTER)
def issue_ticket(fixtures: Fixtures, site_id: str, procedure_id: str, *, session: Session,
                 now: dt.datetime) -> Ticket:
    """A walk-in ticket. Refused outside service hours, for a procedure not offered that day, and
    on reservation-only days."""
    site = site_profile(fixtures, site_id)
    procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, procedure_id)
    date = local(now).date()
    day = site_day(fixtures, site_id, date)
    service_check(day, activity, now, procedure_id)
    if day.activities[activity].reservation_only:
        raise LiveError(f"{date} は完全予約制の日です。予約のない方の受付はできません。")
    ticket = _issue(session, site, procedure, date, now)
    session.commit()
    return ticket


@needs(Permission.VIEW_LIVE)
def wait_estimate(fixtures: Fixtures, ticket: Ticket, *, session: Session, now: dt.datetime, actor: Actor) -> int:
    """Minutes the ticket should wait: the queue ahead of it for the same activity, shared by the
    counters open now (those working a ticket, else the roster's staff, else the floor)."""
    require(actor, Permission.VIEW_LIVE, ticket.site_id)
    site = site_profile(fixtures, ticket.site_id)
    _procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, ticket.procedure_id)
    same_activity = [p.id for p in site.procedures if p.activity == activity]
    ahead = session.exec(
        select(Ticket.procedure_id).where(
            Ticket.site_id == ticket.site_id, Ticket.service_date == ticket.service_date,
            Ticket.status == "waiting", Ticket.procedure_id.in_(same_activity), Ticket.id != ticket.id,
            (Ticket.priority > ticket.priority)
            | ((Ticket.priority == ticket.priority) & (Ticket.issued_at <= ticket.issued_at)),
        )
    ).all()
    minutes = [procedure_of(fixtures, site, p)[1] for p in ahead]
    return estimate_wait_minutes(minutes, counters_open(fixtures, ticket.site_id, activity, session=session, now=now,
                                                        actor=actor))


@needs(Permission.VIEW_LIVE)
def counters_open(fixtures: Fixtures, site_id: str, activity: ActivityId, *, session: Session,
                  now: dt.datetime, actor: Actor) -> int:
    date = local(now).date()
    site = site_profile(fixtures, site_id)
    busy = session.exec(
        select(func.count(func.distinct(Ticket.counter))).where(
            Ticket.site_id == site_id, Ticket.service_date == date,
            Ticket.status.in_(("called", "serving")), Ticket.counter.is_not(None),
        )
    ).one()
    if busy:
        return busy
    shifts = published_shifts(session, site_id, date, actor=actor)
    minute = minute_of(local(now).time())
    if shifts:
        planned = sum(1 for s in shifts if working_on(s, minute, activity))
        if planned:
            return planned
    return max(1, site.activity(activity).min_staff)


def _ticket(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id) if _row_id(ticket_id) else None
    if ticket is None:
        raise LiveError(f"受付番号（ID {ticket_id}）が見つかりません。")
    return ticket


@needs(Permission.OPERATE_COUNTER)
def call_next(fixtures: Fixtures, site_id: str, counter: str, *, session: Session, now: dt.datetime,
              procedures: list[str] | None = None) -> Ticket | None:
    """Call the next waiting ticket (reservations first, then by issue time) to `counter`.
    None when nobody waits. Two clerks calling at once never get the same ticket."""
    site = site_profile(fixtures, site_id)
    counter = counter_name(counter)
    if not counter:
        raise LiveError("窓口名を入れてください。")
    date = local(now).date()
    query = select(Ticket.id).where(
        Ticket.site_id == site.id, Ticket.service_date == date, Ticket.status == "waiting"
    )
    if procedures:
        query = query.where(Ticket.procedure_id.in_(procedures))
    for ticket_id in session.exec(query.order_by(Ticket.priority.desc(), Ticket.issued_at, Ticket.id).limit(20)):
        claimed = session.execute(
            update(Ticket).where(Ticket.id == ticket_id, Ticket.status == "waiting")
            .values(status="called", counter=counter, called_at=now)
        ).rowcount
        if claimed:
            ticket = session.get(Ticket, ticket_id)
            session.refresh(ticket)
            _event(session, ticket, "call", now)
            session.commit()
            return ticket
    session.rollback()
    return None


def counter_names(fixtures: Fixtures, site_id: str) -> list[str]:
    """The site's window counters by name (窓口1 … 窓口N, N = the contract's window seats)."""
    site = site_profile(fixtures, site_id)
    seats = max((a.seats for a in site.activities if a.id == ActivityId.window), default=0)
    return [f"窓口{n}" for n in range(1, max(1, seats) + 1)]


@needs(Permission.VIEW_LIVE)
def day_tickets(site_id: str, date: dt.date, *, session: Session) -> list[Ticket]:
    return list(session.exec(select(Ticket).where(Ticket.site_id == site_id, Ticket.service_date == date)
                             .order_by(Ticket.id)).all())


def ticket_at_counter(tickets: list[Ticket], counter: str) -> Ticket | None:
    """The ticket a counter is working now: the latest called or being served there."""
    here = [t for t in tickets if t.counter == counter and t.status in ("called", "serving")]
    return max(here, key=lambda t: (t.called_at, t.id)) if here else None


def counter_name(text: str | None) -> str:
    """A counter's name as typed (窓口1): checked like every free text (issue 14): short, no
    control or bidi characters, nothing personal. LiveError otherwise."""
    try:
        name = check_text(text, "窓口名", max_length=NAME_MAX)
        refuse_personal_data(name, "窓口名")
    except (TextRefused, PersonalDataFound) as exc:
        raise LiveError(str(exc)) from None
    return name


@needs(Permission.OPERATE_COUNTER)
def ticket_action(fixtures: Fixtures, ticket_id: int, action: str, *, session: Session, now: dt.datetime,
                  actor: Actor, counter: str | None = None, reason: str | None = None,
                  site_id: str | None = None) -> Ticket:
    """call / recall / start / finish / no_show / hand_off (with a reason from the catalogue).
    `site_id`: the site the clerk works at; a ticket of another site is refused as unknown."""
    ticket = _ticket(session, ticket_id)
    if site_id is not None and ticket.site_id != site_id:
        session.rollback()
        raise LiveError(f"受付番号（ID {ticket_id}）は拠点 {site_id} にありません。")
    require(actor, Permission.OPERATE_COUNTER, ticket.site_id)
    after = next_status(action, ticket.status, ticket.number)
    if action == "hand_off":
        reasons = fixtures.catalogue_for(ticket.site_id).handoff_reasons  # the site's own too (issue 16)
        if reason not in reasons:
            raise LiveError(f"引継ぎ理由を選んでください（{'、'.join(reasons.values())}）。")
    if action in ("call", "recall") and counter:
        ticket.counter = counter_name(counter)
    if action in ("call", "recall") and not ticket.counter:
        raise LiveError(f"{ticket.number} を呼び出す窓口名を入れてください。")
    ticket.status = after
    if action == "call":
        ticket.called_at = now
    elif action == "recall":
        ticket.recalls += 1
        ticket.no_show_at = None
    elif action == "start":
        ticket.started_at = now
    elif action == "finish":
        ticket.started_at = ticket.started_at or now
        ticket.finished_at = now
    elif action == "no_show":
        ticket.no_show_at = now
    elif action == "hand_off":
        ticket.handed_off_at = now
        session.add(Handoff(ticket_id=ticket.id, reason=reason, at=now))
    session.add(ticket)
    _event(session, ticket, action, now)
    session.commit()
    return ticket


# --- reservations (予約) -----------------------------------------------------------------------------


def _slot_starts(day: SiteDay, activity: ActivityId, slot_minutes: int) -> list[tuple[int, int]]:
    spans = []
    for service in day.activities[activity].service:
        start, end = minute_of(service.start), minute_of(service.end)
        while start + slot_minutes <= end:
            spans.append((start, start + slot_minutes))
            start += slot_minutes
    return spans


def _staff_minutes(shifts: list[Shift] | None, site: SiteProfile, activity: ActivityId,
                   start: int, end: int) -> float:
    if shifts is None:  # no published roster yet: as if every seat were staffed
        return site.activity(activity).seats * (end - start)
    return sum(15 for s in shifts for m in range(start, end, 15) if working_on(s, m, activity))


def working_on(shift: Shift, minute: int, activity: ActivityId) -> bool:
    """On the activity at that minute, and not on a break (a hand-edited block may span one)."""
    return not shift.on_break(minute) and shift.activity_at(minute) == activity.value


def _reservable_mix(fixtures: Fixtures, site: SiteProfile, day: SiteDay, activity: ActivityId) -> dict[str, float]:
    """How the day's window capacity is shared between reservable procedures: by the forecast's
    arrivals of each, equally when the forecast has none (sites without demand figures)."""
    ids = [
        p.id for p in site.procedures
        if p.activity == activity and p.id in day.procedures and procedure_of(fixtures, site, p.id)[2]
    ]
    if not ids:
        return {}
    expected: dict[str, float] = defaultdict(float)
    for arrival in DemandModel(site, fixtures.catalogue).day(day.date, day).arrivals:
        if arrival.stream.name in ids:
            expected[arrival.stream.name] += arrival.arrivals
    total = sum(expected.values())
    return {p: (expected[p] / total if total else 1 / len(ids)) for p in ids}


def _split(total: int, mix: dict[str, float]) -> dict[str, int]:
    """`total` places shared by the mix, largest remainders first (the parts add up to total)."""
    exact = {p: total * share for p, share in mix.items()}
    parts = {p: int(value) for p, value in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - parts[p], reverse=True)[: total - sum(parts.values())]:
        parts[p] += 1
    return parts


@needs(Permission.VIEW_LIVE)
def planned_slots(fixtures: Fixtures, site_id: str, date: dt.date, *, session: Session, actor: Actor) -> list[dict]:
    """The day's booking slots with their capacity (before anything is stored).

    Per slot: the minutes the published roster puts on the activity (every seat when no roster is
    published), less the profile's walk-in reserve (none on reservation-only days), divided by the
    mean handling time of the day's mix, then shared between the procedures by that mix."""
    site = site_profile(fixtures, site_id)
    day = site_day(fixtures, site_id, date)
    shifts = published_shifts(session, site_id, date, actor=actor)
    rules = site.reservations
    rows = []
    for activity in day.activities:
        mix = _reservable_mix(fixtures, site, day, activity)
        if not mix:
            continue
        reserve = 0.0 if day.activities[activity].reservation_only else rules.walk_in_reserve
        mean_minutes = sum(share * procedure_of(fixtures, site, p)[1] for p, share in mix.items())
        for start, end in _slot_starts(day, activity, rules.slot_minutes):
            total = slot_capacity(_staff_minutes(shifts, site, activity, start, end), mean_minutes, reserve)
            for procedure_id, capacity in _split(total, mix).items():
                rows.append({
                    "procedure_id": procedure_id, "start": dt.time(start // 60, start % 60),
                    "end": dt.time(end // 60, end % 60), "capacity": capacity,
                })
    return rows


@needs(Permission.OPERATE_COUNTER)
def ensure_slots(fixtures: Fixtures, site_id: str, date: dt.date, *, session: Session,
                 actor: Actor) -> list[ReservationSlot]:
    """Create the day's slots, or bring their capacity up to date with the published roster;
    capacity never drops below what is already booked."""
    existing = {
        (s.start, s.procedure_id): s
        for s in session.exec(select(ReservationSlot).where(
            ReservationSlot.site_id == site_id, ReservationSlot.date == date))
    }
    for row in planned_slots(fixtures, site_id, date, session=session, actor=actor):
        slot = existing.get((row["start"], row["procedure_id"]))
        if slot is None:
            slot = ReservationSlot(site_id=site_id, date=date, **row)
            existing[(row["start"], row["procedure_id"])] = slot
        else:
            slot.capacity = max(row["capacity"], slot.booked)
        session.add(slot)
    session.commit()
    return sorted(existing.values(), key=lambda s: (s.start, s.procedure_id))


def _slot(session: Session, slot_id: int) -> ReservationSlot:
    slot = session.get(ReservationSlot, slot_id) if _row_id(slot_id) else None
    if slot is None:
        raise LiveError(f"予約枠（ID {slot_id}）が見つかりません。")
    return slot


def _bookable(fixtures: Fixtures, slot: ReservationSlot, now: dt.datetime) -> None:
    site = site_profile(fixtures, slot.site_id)
    starts = dt.datetime.combine(slot.date, slot.start, tzinfo=local(now).tzinfo)
    label = f"{slot.date} {slot.start:%H:%M}"
    if starts <= local(now):
        raise LiveError(f"{label} の枠は開始時刻を過ぎているため予約できません。")
    if (slot.date - local(now).date()).days > site.reservations.bookable_days_ahead:
        raise LiveError(f"{label} は予約できる期間（{site.reservations.bookable_days_ahead}日先まで）の外です。")
    opens = site.reservations.opens_on  # Tamano §4(1): bookings only from 2026-10 (issue 17)
    if opens is not None and local(now).date() < opens:
        from dashboard.texts import BOOK_ERR_NOT_OPEN

        raise LiveError(BOOK_ERR_NOT_OPEN.format(date=opens))
    if slot.procedure_id not in site_day(fixtures, slot.site_id, slot.date).procedures:
        raise LiveError(f"{label} はこの手続きを受け付けていません。")


def _take_place(session: Session, slot: ReservationSlot) -> None:
    taken = session.execute(
        update(ReservationSlot).where(ReservationSlot.id == slot.id, ReservationSlot.booked < ReservationSlot.capacity)
        .values(booked=ReservationSlot.booked + 1)
    ).rowcount
    if not taken:
        session.rollback()
        raise LiveError(f"{slot.date} {slot.start:%H:%M} の枠は満席です。別の枠を選んでください。")


def _free_place(session: Session, slot_id: int) -> None:
    session.execute(
        update(ReservationSlot).where(ReservationSlot.id == slot_id, ReservationSlot.booked > 0)
        .values(booked=ReservationSlot.booked - 1)
    )


def _new_reference(session: Session, site_id: str) -> str:
    for _ in range(20):
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if session.exec(select(Reservation.id).where(
                Reservation.site_id == site_id, Reservation.reference == reference)).first() is None:
            return reference
    raise RuntimeError("could not draw a free reservation reference")


@needs(Permission.OPERATE_COUNTER)
def book(fixtures: Fixtures, slot_id: int, *, session: Session, now: dt.datetime, actor: Actor,
         proxy: bool = False) -> Reservation:
    """Book one place in a slot. A proxy booking (代理人) is flagged for hand-off to city staff."""
    slot = _slot(session, slot_id)
    require(actor, Permission.OPERATE_COUNTER, slot.site_id)
    _bookable(fixtures, slot, now)
    _take_place(session, slot)
    reservation = Reservation(
        site_id=slot.site_id, slot_id=slot.id, procedure_id=slot.procedure_id,
        reference=_new_reference(session, slot.site_id), proxy=proxy, created_at=now, updated_at=now,
    )
    session.add(reservation)
    session.commit()
    return reservation


@needs(Permission.OPERATE_COUNTER)
def find_reservation(session: Session, site_id: str, reference: str) -> Reservation:
    return _find_reservation(session, site_id, reference)


def _find_reservation(session: Session, site_id: str, reference: str) -> Reservation:
    try:  # typed by a clerk: short, no control characters (PostgreSQL refuses NUL in a query)
        reference = check_text(reference, "予約番号", max_length=NAME_MAX).upper()
    except TextRefused as exc:
        raise LiveError(str(exc)) from None
    reservation = session.exec(select(Reservation).where(
        Reservation.site_id == site_id, Reservation.reference == reference)).first()
    if reservation is None:
        raise LiveError(f"予約番号 {reference or '（空欄）'} は見つかりません。")
    return reservation


def _must_be_active(reservation: Reservation, verb: str) -> None:
    if reservation.status not in ACTIVE_RESERVATION:
        state = RESERVATION_STATUS_LABELS.get(reservation.status, reservation.status)
        raise LiveError(f"予約 {reservation.reference} は「{state}」のため{verb}できません。")


@needs(Permission.OPERATE_COUNTER)
def change(fixtures: Fixtures, site_id: str, reference: str, new_slot_id: int, *, session: Session,
           now: dt.datetime) -> Reservation:
    reservation = _find_reservation(session, site_id, reference)
    _must_be_active(reservation, "変更")
    slot = _slot(session, new_slot_id)
    if slot.site_id != site_id:
        raise LiveError("別の拠点の枠には変更できません。")
    if slot.id == reservation.slot_id:
        raise LiveError("同じ枠への変更です。別の枠を選んでください。")
    _bookable(fixtures, slot, now)
    _take_place(session, slot)
    _free_place(session, reservation.slot_id)
    reservation.slot_id, reservation.procedure_id = slot.id, slot.procedure_id
    reservation.status, reservation.changed_at, reservation.updated_at = "changed", now, now
    session.add(reservation)
    session.commit()
    return reservation


@needs(Permission.OPERATE_COUNTER)
def cancel(site_id: str, reference: str, *, session: Session, now: dt.datetime) -> Reservation:
    reservation = _find_reservation(session, site_id, reference)
    _must_be_active(reservation, "取り消し")
    _free_place(session, reservation.slot_id)
    reservation.status, reservation.cancelled_at, reservation.updated_at = "cancelled", now, now
    session.add(reservation)
    session.commit()
    return reservation


@needs(Permission.OPERATE_COUNTER)
def check_in(fixtures: Fixtures, site_id: str, reference: str, *, session: Session,
             now: dt.datetime) -> Ticket:
    """The visitor arrives: a ticket with priority. Too early (another day) or later than the
    profile's grace is refused; the visitor can then take a walk-in ticket."""
    reservation = _find_reservation(session, site_id, reference)
    _must_be_active(reservation, "受付")
    slot = _slot(session, reservation.slot_id)
    site = site_profile(fixtures, site_id)
    when = local(now)
    if when.date() != slot.date:
        raise LiveError(f"予約 {reservation.reference} は {slot.date} の予約です（本日は {when.date()}）。")
    starts = dt.datetime.combine(slot.date, slot.start, tzinfo=when.tzinfo)
    grace = site.reservations.late_grace_minutes
    if when > starts + dt.timedelta(minutes=grace):
        raise LiveError(
            f"予約 {reservation.reference}（{slot.start:%H:%M}）は{grace}分を超える遅刻のため予約として受け付けられません。"
            "一般の受付番号を発行してください。"
        )
    procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, reservation.procedure_id)
    service_check(site_day(fixtures, site_id, slot.date), activity, now, procedure.id)
    ticket = _issue(session, site, procedure, slot.date, now, priority=1, reservation_id=reservation.id)
    reservation.status, reservation.checked_in_at, reservation.updated_at = "checked_in", now, now
    session.add(reservation)
    session.commit()
    return ticket


@needs(Permission.OPERATE_COUNTER)
def mark_no_shows(fixtures: Fixtures, site_id: str, *, session: Session, now: dt.datetime) -> int:
    """Bookings not checked in by slot start + the profile's no-show minutes become no-shows."""
    site = site_profile(fixtures, site_id)
    late = dt.timedelta(minutes=site.reservations.no_show_after_minutes)
    when = local(now)
    rows = session.exec(
        select(Reservation, ReservationSlot).join(ReservationSlot, Reservation.slot_id == ReservationSlot.id)
        .where(Reservation.site_id == site_id, Reservation.status.in_(ACTIVE_RESERVATION),
               ReservationSlot.date <= when.date())
    ).all()
    count = 0
    for reservation, slot in rows:
        if dt.datetime.combine(slot.date, slot.start, tzinfo=when.tzinfo) + late < when:
            reservation.status, reservation.no_show_at, reservation.updated_at = "no_show", now, now
            session.add(reservation)
            count += 1
    session.commit()
    return count


@needs(Permission.OPERATE_COUNTER)
def mark_no_show(fixtures: Fixtures, site_id: str, reference: str, *, session: Session,
                 now: dt.datetime) -> Reservation:
    """A clerk marks one booking as a no-show from the day's list; only once its slot has begun."""
    reservation = _find_reservation(session, site_id, reference)
    _must_be_active(reservation, "無断キャンセルに")
    slot = _slot(session, reservation.slot_id)
    starts = dt.datetime.combine(slot.date, slot.start, tzinfo=local(now).tzinfo)
    if local(now) < starts:
        raise LiveError(f"予約 {reservation.reference}（{slot.date} {slot.start:%H:%M}）はまだ始まっていません。")
    reservation.status, reservation.no_show_at, reservation.updated_at = "no_show", now, now
    session.add(reservation)
    session.commit()
    return reservation


def next_service_day(fixtures: Fixtures, site_id: str, now: dt.datetime, *, horizon_days: int = 60) -> dt.date | None:
    """The first day, from today, with a booking slot that has not begun: where the 予約 page opens."""
    site = site_profile(fixtures, site_id)
    when = local(now)
    for offset in range(horizon_days + 1):
        date = when.date() + dt.timedelta(days=offset)
        day = site_day(fixtures, site_id, date)
        if not day.open:
            continue
        for activity in day.activities:
            if not _reservable_mix(fixtures, site, day, activity):
                continue
            starts = _slot_starts(day, activity, site.reservations.slot_minutes)
            if offset or any(start > minute_of(when.time()) for start, _end in starts):
                return date
    return None


@needs(Permission.VIEW_LIVE)
def day_bookings(site_id: str, date: dt.date, *, session: Session) -> list[live_store.BookingRow]:
    return live_store.day_bookings(session=session, site_id=site_id, date=date)


def bookable_now(slots: list[ReservationSlot], now: dt.datetime) -> list[ReservationSlot]:
    """Slots with a free place that have not begun: the only ones a booking or change may take."""
    when = local(now)
    return [s for s in slots if s.capacity > s.booked
            and dt.datetime.combine(s.date, s.start, tzinfo=when.tzinfo) > when]


def documents_for(fixtures: Fixtures, procedure_id: str) -> list[str]:
    return list(fixtures.catalogue.procedure(procedure_id).documents)


# --- calls (電話) ------------------------------------------------------------------------------------


@needs(Permission.OPERATE_COUNTER)
def log_call(fixtures: Fixtures, site_id: str, *, session: Session, activity: str, topic: str,
             offered_at: dt.datetime, answered: bool, wait_seconds: float | None = None,
             duration_seconds: float | None = None, now: dt.datetime | None = None) -> Call:
    site = site_profile(fixtures, site_id)
    if activity not in ("phone", "call_centre") or ActivityId(activity) not in {a.id for a in site.activities}:
        raise LiveError(f"{site.name}に電話業務 {activity!r} はありません。")
    topics = {t.id for t in fixtures.catalogue_for(site_id).call_topics}  # the site's list (issue 16)
    if topic not in topics:
        raise LiveError(f"問合せ区分 {topic!r} は登録されていません（{', '.join(sorted(topics))}）。")
    if now is not None and offered_at > now:
        raise LiveError("未来の時刻の着信は記録できません。")
    service_check(site_day(fixtures, site_id, local(offered_at).date()), activity, offered_at)
    for value, label in ((wait_seconds, "待ち秒数"), (duration_seconds, "通話秒数")):
        if value is not None and value < 0:
            raise LiveError(f"{label}が負の値です（{value}）。")
    if not answered and duration_seconds:
        raise LiveError("放棄呼に通話時間は記録できません。")
    call = Call(site_id=site_id, activity=activity, topic=topic, offered_at=offered_at, answered=answered,
                abandoned=not answered, wait_seconds=wait_seconds, duration_seconds=duration_seconds)
    session.add(call)
    session.commit()
    return call


# --- online booths (オンライン窓口) -----------------------------------------------------------------


def _booth_seats(site: SiteProfile) -> int:
    try:
        return site.activity(ActivityId.booth).seats
    except KeyError:
        raise LiveError(f"{site.name}にはオンライン窓口がありません。") from None


@needs(Permission.OPERATE_COUNTER)
def booth_join(fixtures: Fixtures, site_id: str, kind: str, *, session: Session, now: dt.datetime) -> BoothSession:
    site = site_profile(fixtures, site_id)
    _booth_seats(site)
    # The site's booth kinds (Ageo §5(1)③ ア–エ; by default one per booth procedure, issue 16).
    entries = {k.id: k for k in fixtures.catalogue_for(site_id).booth_kinds}
    if kind not in entries:
        raise LiveError(f"オンライン窓口の手続き {kind!r} はありません（{', '.join(entries)}）。")
    service_check(site_day(fixtures, site_id, local(now).date()), ActivityId.booth, now, entries[kind].procedure)
    visit = BoothSession(site_id=site_id, kind=kind, joined_at=now)
    session.add(visit)
    session.commit()
    return visit


def _booth_session(session: Session, session_id: int) -> BoothSession:
    visit = session.get(BoothSession, session_id) if _row_id(session_id) else None
    if visit is None:
        raise LiveError(f"オンライン窓口の受付（ID {session_id}）が見つかりません。")
    return visit


@needs(Permission.VIEW_LIVE)
def booths_busy(session: Session, site_id: str, date: dt.date) -> set[int]:
    rows = session.exec(select(BoothSession.booth_no, BoothSession.joined_at).where(
        BoothSession.site_id == site_id, BoothSession.started_at.is_not(None), BoothSession.ended_at.is_(None)))
    return {booth for booth, joined in rows if local(joined).date() == date}


@needs(Permission.OPERATE_COUNTER)
def booth_start(fixtures: Fixtures, session_id: int, booth_no: int, *, session: Session,
                now: dt.datetime, actor: Actor) -> BoothSession:
    visit = _booth_session(session, session_id)
    require(actor, Permission.OPERATE_COUNTER, visit.site_id)
    seats = _booth_seats(site_profile(fixtures, visit.site_id))
    if visit.started_at is not None or visit.ended_at is not None:
        raise LiveError("この受付はすでに開始または終了しています。")
    if not 1 <= booth_no <= seats:
        raise LiveError(f"ブース番号は 1〜{seats} です（{booth_no}）。")
    if booth_no in booths_busy(session, visit.site_id, local(now).date(), actor=actor):
        raise LiveError(f"ブース{booth_no}は使用中です。")
    visit.booth_no, visit.started_at = booth_no, now
    session.add(visit)
    session.commit()
    return visit


@needs(Permission.OPERATE_COUNTER)
def booth_end(session_id: int, *, session: Session, now: dt.datetime, actor: Actor) -> BoothSession:
    """End a session; a visitor who leaves before a booth frees up ends without a start."""
    visit = _booth_session(session, session_id)
    require(actor, Permission.OPERATE_COUNTER, visit.site_id)
    if visit.ended_at is not None:
        raise LiveError("この受付はすでに終了しています。")
    visit.ended_at = now
    session.add(visit)
    session.commit()
    return visit

"""Live-operation use cases: tickets, reservations, calls and online booths.

Each function is one transaction, shaped like cosmicpython's services.py: validate the input, call
the pure rules in core.live, store through db.live_store (plain records in and out), commit. A
refusal raises a core.live exception named after the domain (all LiveError, Japanese message)
before anything is written. No SQL here and no database dialect: the store decides how.

Round trips on PostgreSQL (tests/live/test_round_trips.py counts them): issuing a ticket and
calling the next one are one statement each; a booking and a check-in read one row, then write
with one statement. Numbers and capacity stay safe with many writers: the store's statements are
atomic (a row lock on PostgreSQL, the write lock on SQLite: open the session with
db.engine.write_session(engine)), and a CHECK constraint refuses an overbooked slot.

Access (issue 14): every use case is decorated with @needs; callers pass `actor=`. Use cases
that take a row id (ticket, slot, booth session) check the row's site with `require`.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict

from sqlmodel import Session

from core.demand.forecast import DemandModel
from core.live import (
    BoothError,
    CallRefused,
    CounterRequired,
    ReservationNotFound,
    ReservationOnlyDay,
    ReservationRecord,
    ReservationStateError,
    SlotFull,
    SlotNotFound,
    SlotRecord,
    TicketNotFound,
    TicketRecord,
    TicketStateError,
    UnknownProcedure,
    UnknownSite,
    estimate_wait_minutes,
    local,
    service_check,
    slot_capacity,
)
from core.live import bookings as booking_rules
from core.live import texts as T
from core.live.bookings import REFERENCE_ALPHABET, new_reference  # noqa: F401  (the demo draws from it)
from core.live.capacity import slot_spans, staff_minutes, working_on
from core.live.tickets import action_changes
from core.privacy.personal_data import PersonalDataFound, refuse_personal_data
from core.privacy.text_input import NAME_MAX, TextRefused, check_text
from core.privacy.text_input import is_row_id as _row_id
from core.profile.calendar import SiteCalendar, SiteDay
from core.profile.catalogue import Procedure
from core.profile.fixtures import Fixtures
from core.profile.site_profile import ActivityId, SiteProfile
from core.roster.model import Shift, minute_of, monday_of
from core.vocabulary import TOKYO, ReservationStatus
from dashboard.use_cases.access import Actor, Permission, needs, require
from db import live_store, roster_store

# --- shared look-ups -----------------------------------------------------------------------------


def site_profile(fixtures: Fixtures, site_id: str) -> SiteProfile:
    site = fixtures.sites.get(site_id)
    if site is None:
        raise UnknownSite(T.UNKNOWN_SITE.format(site_id=site_id, known=", ".join(sorted(fixtures.sites))))
    return site


_DAYS: OrderedDict = OrderedDict()  # (id(fixtures), site, date) → (fixtures, SiteDay), most recent last
_DAYS_LOCK = threading.Lock()
DAYS_KEPT = 512


def site_day(fixtures: Fixtures, site_id: str, date: dt.date) -> SiteDay:
    """The site's calendar day. Kept per fixtures object (a changed designated day gives a new
    one): every ticket and every 現況 refresh asks for it, and computing it costs more than a
    round trip."""
    key = (id(fixtures), site_id, date)
    with _DAYS_LOCK:
        hit = _DAYS.get(key)
        if hit is not None and hit[0] is fixtures:
            _DAYS.move_to_end(key)
            return hit[1]
    day = SiteCalendar(site_profile(fixtures, site_id), fixtures.catalogue).day(date)
    with _DAYS_LOCK:
        _DAYS[key] = (fixtures, day)  # holding `fixtures` keeps its id from being reused meanwhile
        while len(_DAYS) > DAYS_KEPT:
            _DAYS.popitem(last=False)
    return day


def procedure_of(fixtures: Fixtures, site: SiteProfile, procedure_id: str) -> tuple[Procedure, float, bool, ActivityId]:
    """The catalogue entry, and the site's service minutes, reservability and activity."""
    offer = next((p for p in site.procedures if p.id == procedure_id), None)
    if offer is None:
        raise UnknownProcedure(T.UNKNOWN_PROCEDURE.format(site=site.name, procedure_id=procedure_id))
    procedure = fixtures.catalogue_for(site.id).procedure(procedure_id)  # with the site's hand-off reasons
    minutes = offer.service_minutes or procedure.service_minutes
    reservable = procedure.reservable if offer.reservable is None else offer.reservable
    return procedure, minutes, reservable, offer.activity


@needs(Permission.VIEW_LIVE)
def published_shifts(session: Session, site_id: str, date: dt.date) -> list[Shift] | None:
    """The day's shifts from the live (highest published) roster of its week; None if none is published."""
    roster = roster_store.published_roster(session, site_id, monday_of(date))
    return None if roster is None else [s for s in roster.shifts if s.date == date]


# --- tickets (受付番号) -----------------------------------------------------------------------------


@needs(Permission.OPERATE_COUNTER)
def issue_ticket(
    fixtures: Fixtures, site_id: str, procedure_id: str, *, session: Session, now: dt.datetime
) -> TicketRecord:
    """A walk-in ticket. Refused outside service hours, for a procedure not offered that day, and
    on reservation-only days. One statement on PostgreSQL."""
    site = site_profile(fixtures, site_id)
    procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, procedure_id)
    date = local(now).date()
    day = site_day(fixtures, site_id, date)
    service_check(day, activity, now, procedure_id)
    if day.activities[activity].reservation_only:
        raise ReservationOnlyDay(T.RESERVATION_ONLY_DAY.format(date=date))
    ticket = live_store.issue_ticket(
        session=session, site_id=site.id, date=date, procedure_id=procedure.id, group=procedure.group, now=now
    )
    session.commit()
    return ticket


@needs(Permission.VIEW_LIVE)
def wait_estimate(fixtures: Fixtures, ticket: TicketRecord, *, session: Session, now: dt.datetime, actor: Actor) -> int:
    """Minutes the ticket should wait: the queue ahead of it for the same activity, shared by the
    counters open now (those working a ticket, else the roster's staff, else the floor)."""
    require(actor, Permission.VIEW_LIVE, ticket.site_id)
    site = site_profile(fixtures, ticket.site_id)
    _procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, ticket.procedure_id)
    same_activity = [p.id for p in site.procedures if p.activity == activity]
    ahead = live_store.waiting_ahead(session=session, ticket=ticket, procedures=same_activity)
    minutes = [procedure_of(fixtures, site, p)[1] for p in ahead]
    return estimate_wait_minutes(
        minutes, counters_open(fixtures, ticket.site_id, activity, session=session, now=now, actor=actor)
    )


@needs(Permission.VIEW_LIVE)
def counters_open(
    fixtures: Fixtures, site_id: str, activity: ActivityId, *, session: Session, now: dt.datetime, actor: Actor
) -> int:
    date = local(now).date()
    site = site_profile(fixtures, site_id)
    busy = live_store.busy_counters(session=session, site_id=site_id, date=date)
    if busy:
        return busy
    shifts = published_shifts(session, site_id, date, actor=actor)
    minute = minute_of(local(now).time())
    if shifts:
        planned = sum(1 for s in shifts if working_on(s, minute, activity))
        if planned:
            return planned
    return max(1, site.activity(activity).min_staff)


def _ticket(session: Session, ticket_id: int) -> TicketRecord:
    ticket = live_store.ticket(session=session, ticket_id=ticket_id) if _row_id(ticket_id) else None
    if ticket is None:
        raise TicketNotFound(T.TICKET_NOT_FOUND.format(ticket_id=ticket_id))
    return ticket


@needs(Permission.OPERATE_COUNTER)
def call_next(
    fixtures: Fixtures,
    site_id: str,
    counter: str,
    *,
    session: Session,
    now: dt.datetime,
    procedures: list[str] | None = None,
) -> TicketRecord | None:
    """Call the next waiting ticket (reservations first, then by issue time) to `counter`.
    None when nobody waits. Two clerks calling at once never get the same ticket. One statement
    on PostgreSQL."""
    site = site_profile(fixtures, site_id)
    counter = counter_name(counter)
    if not counter:
        raise CounterRequired(T.COUNTER_MISSING)
    ticket = live_store.call_next(
        session=session, site_id=site.id, date=local(now).date(), counter=counter, now=now, procedures=procedures
    )
    session.commit()
    return ticket


def counter_names(fixtures: Fixtures, site_id: str) -> list[str]:
    """The site's window counters by name (窓口1 … 窓口N, N = the contract's window seats)."""
    site = site_profile(fixtures, site_id)
    seats = max((a.seats for a in site.activities if a.id == ActivityId.window), default=0)
    return [T.COUNTER_NAME.format(n=n) for n in range(1, max(1, seats) + 1)]


@needs(Permission.VIEW_LIVE)
def day_tickets(site_id: str, date: dt.date, *, session: Session) -> list[TicketRecord]:
    return live_store.day_tickets(session=session, site_id=site_id, date=date)


def counter_name(text: str | None) -> str:
    """A counter's name as typed (窓口1): checked like every free text (issue 14): short, no
    control or bidi characters, nothing personal. CounterRequired otherwise."""
    try:
        name = check_text(text, T.COUNTER_LABEL, max_length=NAME_MAX)
        refuse_personal_data(name, T.COUNTER_LABEL)
    except (TextRefused, PersonalDataFound) as exc:
        raise CounterRequired(str(exc)) from None
    return name


@needs(Permission.OPERATE_COUNTER)
def ticket_action(
    fixtures: Fixtures,
    ticket_id: int,
    action: str,
    *,
    session: Session,
    now: dt.datetime,
    actor: Actor,
    counter: str | None = None,
    reason: str | None = None,
    site_id: str | None = None,
) -> TicketRecord:
    """call / recall / start / finish / no_show / hand_off (with a reason from the catalogue).
    `site_id`: the site the clerk works at; a ticket of another site is refused as unknown."""
    ticket = _ticket(session, ticket_id)
    if site_id is not None and ticket.site_id != site_id:
        session.rollback()
        raise TicketNotFound(T.TICKET_OTHER_SITE.format(ticket_id=ticket_id, site_id=site_id))
    require(actor, Permission.OPERATE_COUNTER, ticket.site_id)
    reasons = fixtures.catalogue_for(ticket.site_id).handoff_reasons  # the site's own too (issue 16)
    typed = counter_name(counter) if action in ("call", "recall") and counter else None
    changes = action_changes(ticket, action, now, counter=typed, reason=reason, reasons=reasons)
    changed = live_store.change_ticket(
        session=session,
        ticket_id=ticket.id,
        expected_status=ticket.status,
        changes=changes,
        action=action,
        now=now,
        handoff_reason=reason if action == "hand_off" else None,
    )
    if changed is None:  # another counter acted on it between the read and the write
        session.rollback()
        raise TicketStateError(T.TICKET_TAKEN.format(number=ticket.number))
    session.commit()
    return changed


# --- reservations (予約) -----------------------------------------------------------------------------


def _reservable_mix(fixtures: Fixtures, site: SiteProfile, day: SiteDay, activity: ActivityId) -> dict[str, float]:
    """How the day's window capacity is shared between reservable procedures: by the forecast's
    arrivals of each, equally when the forecast has none (sites without demand figures)."""
    ids = [
        p.id
        for p in site.procedures
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
        for start, end in slot_spans(day, activity, rules.slot_minutes):
            total = slot_capacity(staff_minutes(shifts, site, activity, start, end), mean_minutes, reserve)
            for procedure_id, capacity in booking_rules.split(total, mix).items():
                rows.append(
                    {
                        "procedure_id": procedure_id,
                        "start": dt.time(start // 60, start % 60),
                        "end": dt.time(end // 60, end % 60),
                        "capacity": capacity,
                    }
                )
    return rows


@needs(Permission.OPERATE_COUNTER)
def ensure_slots(
    fixtures: Fixtures, site_id: str, date: dt.date, *, session: Session, actor: Actor
) -> list[SlotRecord]:
    """Create the day's slots, or bring their capacity up to date with the published roster;
    capacity never drops below what is already booked."""
    planned = planned_slots(fixtures, site_id, date, session=session, actor=actor)
    slots = live_store.save_slots(session=session, site_id=site_id, date=date, planned=planned)
    session.commit()
    return slots


@needs(Permission.VIEW_LIVE)
def day_slots(site_id: str, date: dt.date, *, session: Session) -> list[SlotRecord]:
    return live_store.day_slots(session=session, site_id=site_id, date=date)


def _slot(session: Session, slot_id: int) -> SlotRecord:
    slot = live_store.slot(session=session, slot_id=slot_id) if _row_id(slot_id) else None
    if slot is None:
        raise SlotNotFound(T.SLOT_NOT_FOUND.format(slot_id=slot_id))
    return slot


def _bookable(fixtures: Fixtures, slot: SlotRecord, now: dt.datetime) -> None:
    site = site_profile(fixtures, slot.site_id)
    booking_rules.check_bookable(
        slot,
        now,
        days_ahead=site.reservations.bookable_days_ahead,
        opens_on=site.reservations.opens_on,  # Tamano §4(1): bookings only from 2026-10
        procedures_that_day=site_day(fixtures, slot.site_id, slot.date).procedures,
    )


def _full(slot: SlotRecord) -> SlotFull:
    return SlotFull(T.SLOT_FULL.format(date=slot.date, start=slot.start))


def _new_reference(session: Session, site_id: str) -> str:
    """A reference not yet used at the site (for imports that insert bookings themselves)."""
    for _ in range(20):
        reference = new_reference()
        if live_store.reservation_with_slot(session=session, site_id=site_id, reference=reference) is None:
            return reference
    raise RuntimeError("could not draw a free reservation reference")


@needs(Permission.OPERATE_COUNTER)
def book(
    fixtures: Fixtures, slot_id: int, *, session: Session, now: dt.datetime, actor: Actor, proxy: bool = False
) -> ReservationRecord:
    """Book one place in a slot. A proxy booking (代理人) is flagged for hand-off to city staff.
    Reads the slot, then one statement on PostgreSQL takes the place and stores the booking."""
    for _attempt in range(5):
        slot = _slot(session, slot_id)
        require(actor, Permission.OPERATE_COUNTER, slot.site_id)
        _bookable(fixtures, slot, now)
        try:
            reservation = live_store.book(session=session, slot=slot, reference=new_reference(), proxy=proxy, now=now)
        except live_store.ReferenceTaken:
            continue  # one chance in 10^11: draw again
        if reservation is None:
            session.rollback()
            raise _full(slot)
        session.commit()
        return reservation
    raise RuntimeError("could not draw a free reservation reference")


def _find(session: Session, site_id: str, reference: str) -> tuple[ReservationRecord, SlotRecord]:
    try:  # typed by a clerk: short, no control characters (PostgreSQL refuses NUL in a query)
        reference = check_text(reference, T.RESERVATION_LABEL, max_length=NAME_MAX).upper()
    except TextRefused as exc:
        raise ReservationNotFound(str(exc)) from None
    found = live_store.reservation_with_slot(session=session, site_id=site_id, reference=reference)
    if found is None:
        raise ReservationNotFound(T.RESERVATION_NOT_FOUND.format(reference=reference or T.EMPTY))
    return found


@needs(Permission.OPERATE_COUNTER)
def find_reservation(session: Session, site_id: str, reference: str) -> ReservationRecord:
    return _find(session, site_id, reference)[0]


def _update(session: Session, reservation: ReservationRecord, verb: str, changes: dict) -> ReservationRecord:
    """Store a change of an active booking; refused if it stopped being active meanwhile."""
    updated = live_store.update_reservation(session=session, reservation_id=reservation.id, changes=changes)
    if updated is None:
        session.rollback()
        raise ReservationStateError(T.RESERVATION_STATE.format(reference=reservation.reference, state="—", verb=verb))
    return updated


@needs(Permission.OPERATE_COUNTER)
def change(
    fixtures: Fixtures, site_id: str, reference: str, new_slot_id: int, *, session: Session, now: dt.datetime
) -> ReservationRecord:
    reservation, _old = _find(session, site_id, reference)
    booking_rules.must_be_active(reservation, T.VERB_CHANGE)
    slot = _slot(session, new_slot_id)
    if slot.site_id != site_id:
        raise SlotNotFound(T.CHANGE_OTHER_SITE)
    if slot.id == reservation.slot_id:
        raise booking_rules.SlotNotBookable(T.CHANGE_SAME_SLOT)
    _bookable(fixtures, slot, now)
    if not live_store.take_place(session=session, slot_id=slot.id):
        session.rollback()
        raise _full(slot)
    live_store.free_place(session=session, slot_id=reservation.slot_id)
    changed = _update(
        session,
        reservation,
        T.VERB_CHANGE,
        {
            "slot_id": slot.id,
            "procedure_id": slot.procedure_id,
            "status": ReservationStatus.CHANGED.value,
            "changed_at": now,
            "updated_at": now,
        },
    )
    session.commit()
    return changed


@needs(Permission.OPERATE_COUNTER)
def cancel(site_id: str, reference: str, *, session: Session, now: dt.datetime) -> ReservationRecord:
    reservation, _slot_record = _find(session, site_id, reference)
    booking_rules.must_be_active(reservation, T.VERB_CANCEL)
    cancelled = _update(
        session,
        reservation,
        T.VERB_CANCEL,
        {"status": ReservationStatus.CANCELLED.value, "cancelled_at": now, "updated_at": now},
    )
    live_store.free_place(session=session, slot_id=reservation.slot_id)
    session.commit()
    return cancelled


@needs(Permission.OPERATE_COUNTER)
def check_in(fixtures: Fixtures, site_id: str, reference: str, *, session: Session, now: dt.datetime) -> TicketRecord:
    """The visitor arrives: a ticket with priority. Too early (another day) or later than the
    profile's grace is refused; the visitor can then take a walk-in ticket. Reads the booking
    with its slot, then one statement on PostgreSQL marks it and issues the ticket."""
    reservation, slot = _find(session, site_id, reference)
    site = site_profile(fixtures, site_id)
    booking_rules.check_in_allowed(reservation, slot, now, grace_minutes=site.reservations.late_grace_minutes)
    procedure, _minutes, _reservable, activity = procedure_of(fixtures, site, reservation.procedure_id)
    service_check(site_day(fixtures, site_id, slot.date), activity, now, procedure.id)
    ticket = live_store.check_in(
        session=session,
        reservation_id=reservation.id,
        site_id=site.id,
        date=slot.date,
        procedure_id=procedure.id,
        group=procedure.group,
        now=now,
    )
    if ticket is None:  # checked in or cancelled by another clerk since the read
        session.rollback()
        raise ReservationStateError(
            T.RESERVATION_STATE.format(reference=reservation.reference, state="—", verb=T.VERB_CHECK_IN)
        )
    session.commit()
    return ticket


@needs(Permission.OPERATE_COUNTER)
def mark_no_shows(fixtures: Fixtures, site_id: str, *, session: Session, now: dt.datetime) -> int:
    """Bookings not checked in by slot start + the profile's no-show minutes become no-shows."""
    site = site_profile(fixtures, site_id)
    after = site.reservations.no_show_after_minutes
    due = [
        rid
        for rid, date, start in live_store.active_bookings_until(
            session=session, site_id=site_id, date=local(now).date()
        )
        if booking_rules.no_show_due(date, start, now, after)
    ]
    count = live_store.mark_no_shows(session=session, reservation_ids=due, now=now)
    session.commit()
    return count


@needs(Permission.OPERATE_COUNTER)
def mark_no_show(
    fixtures: Fixtures, site_id: str, reference: str, *, session: Session, now: dt.datetime
) -> ReservationRecord:
    """A clerk marks one booking as a no-show from the day's list; only once its slot has begun."""
    reservation, slot = _find(session, site_id, reference)
    booking_rules.must_be_active(reservation, T.VERB_NO_SHOW)
    if local(now) < booking_rules.slot_starts_at(slot, now):
        raise ReservationStateError(
            T.NO_SHOW_TOO_EARLY.format(reference=reservation.reference, date=slot.date, start=slot.start)
        )
    marked = _update(
        session,
        reservation,
        T.VERB_NO_SHOW,
        {"status": ReservationStatus.NO_SHOW.value, "no_show_at": now, "updated_at": now},
    )
    session.commit()
    return marked


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
            starts = slot_spans(day, activity, site.reservations.slot_minutes)
            if offset or any(start > minute_of(when.time()) for start, _end in starts):
                return date
    return None


@needs(Permission.VIEW_LIVE)
def day_bookings(site_id: str, date: dt.date, *, session: Session) -> list[live_store.BookingRow]:
    return live_store.day_bookings(session=session, site_id=site_id, date=date)


def documents_for(fixtures: Fixtures, procedure_id: str) -> list[str]:
    return list(fixtures.catalogue.procedure(procedure_id).documents)


# --- calls (電話) ------------------------------------------------------------------------------------


def _call_checks(
    fixtures: Fixtures, site: SiteProfile, activity: str, topic: str, offered_at: dt.datetime, now: dt.datetime | None
) -> None:
    if activity not in ("phone", "call_centre") or ActivityId(activity) not in {a.id for a in site.activities}:
        raise CallRefused(T.NO_PHONE_ACTIVITY.format(site=site.name, activity=activity))
    topics = {t.id for t in fixtures.catalogue_for(site.id).call_topics}  # the site's list (issue 16)
    if topic not in topics:
        raise CallRefused(T.UNKNOWN_TOPIC.format(topic=topic, known=", ".join(sorted(topics))))
    if now is not None and offered_at > now:
        raise CallRefused(T.FUTURE_CALL)
    service_check(site_day(fixtures, site.id, local(offered_at).date()), activity, offered_at)


@needs(Permission.OPERATE_COUNTER)
def log_call(
    fixtures: Fixtures,
    site_id: str,
    *,
    session: Session,
    activity: str,
    topic: str,
    offered_at: dt.datetime,
    answered: bool,
    wait_seconds: float | None = None,
    duration_seconds: float | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Store one incoming call; its id."""
    site = site_profile(fixtures, site_id)
    _call_checks(fixtures, site, activity, topic, offered_at, now)
    for value, label in ((wait_seconds, T.WAIT_SECONDS), (duration_seconds, T.TALK_SECONDS)):
        if value is not None and value < 0:
            raise CallRefused(T.NEGATIVE_SECONDS.format(label=label, value=value))
    if not answered and duration_seconds:
        raise CallRefused(T.ABANDONED_WITH_TALK)
    call_id = live_store.add_call(
        session=session,
        site_id=site_id,
        activity=activity,
        topic=topic,
        offered_at=offered_at,
        answered=answered,
        abandoned=not answered,
        wait_seconds=wait_seconds,
        duration_seconds=duration_seconds,
    )
    session.commit()
    return call_id


# --- online booths (オンライン窓口) -----------------------------------------------------------------


def _booth_seats(site: SiteProfile) -> int:
    try:
        return site.activity(ActivityId.booth).seats
    except KeyError:
        raise BoothError(T.NO_BOOTHS.format(site=site.name)) from None


@needs(Permission.OPERATE_COUNTER)
def booth_join(
    fixtures: Fixtures, site_id: str, kind: str, *, session: Session, now: dt.datetime
) -> live_store.BoothVisit:
    site = site_profile(fixtures, site_id)
    _booth_seats(site)
    # The site's booth kinds (Ageo §5(1)③ ア–エ; by default one per booth procedure, issue 16).
    entries = {k.id: k for k in fixtures.catalogue_for(site_id).booth_kinds}
    if kind not in entries:
        raise BoothError(T.UNKNOWN_BOOTH_KIND.format(kind=kind, known=", ".join(entries)))
    service_check(site_day(fixtures, site_id, local(now).date()), ActivityId.booth, now, entries[kind].procedure)
    visit = live_store.add_booth_visit(session=session, site_id=site_id, kind=kind, now=now)
    session.commit()
    return visit


def _booth_visit(session: Session, visit_id: int) -> live_store.BoothVisit:
    visit = live_store.booth_visit(session=session, visit_id=visit_id) if _row_id(visit_id) else None
    if visit is None:
        raise BoothError(T.BOOTH_VISIT_NOT_FOUND.format(visit_id=visit_id))
    return visit


@needs(Permission.VIEW_LIVE)
def booths_busy(session: Session, site_id: str, date: dt.date) -> set[int]:
    return {
        booth
        for booth, joined in live_store.booths_in_use(session=session, site_id=site_id)
        if local(joined).date() == date
    }


@needs(Permission.VIEW_LIVE)
def open_booth_visits(site_id: str, date: dt.date, *, session: Session) -> list[live_store.BoothVisit]:
    """The day's visits not yet ended (waiting or in a booth), by joining time."""
    start = dt.datetime.combine(date, dt.time(0), tzinfo=TOKYO)
    return live_store.open_booth_visits(session=session, site_id=site_id, since=start)


@needs(Permission.OPERATE_COUNTER)
def booth_start(
    fixtures: Fixtures, session_id: int, booth_no: int, *, session: Session, now: dt.datetime, actor: Actor
) -> live_store.BoothVisit:
    visit = _booth_visit(session, session_id)
    require(actor, Permission.OPERATE_COUNTER, visit.site_id)
    seats = _booth_seats(site_profile(fixtures, visit.site_id))
    if visit.started_at is not None or visit.ended_at is not None:
        raise BoothError(T.BOOTH_ALREADY_STARTED)
    if not 1 <= booth_no <= seats:
        raise BoothError(T.BOOTH_NUMBER_RANGE.format(seats=seats, booth=booth_no))
    if booth_no in booths_busy(session, visit.site_id, local(now).date(), actor=actor):
        raise BoothError(T.BOOTH_BUSY.format(booth=booth_no))
    started = live_store.update_booth_visit(
        session=session, visit_id=visit.id, changes={"booth_no": booth_no, "started_at": now}
    )
    session.commit()
    return started


@needs(Permission.OPERATE_COUNTER)
def booth_end(session_id: int, *, session: Session, now: dt.datetime, actor: Actor) -> live_store.BoothVisit:
    """End a session; a visitor who leaves before a booth frees up ends without a start."""
    visit = _booth_visit(session, session_id)
    require(actor, Permission.OPERATE_COUNTER, visit.site_id)
    if visit.ended_at is not None:
        raise BoothError(T.BOOTH_ALREADY_ENDED)
    ended = live_store.update_booth_visit(session=session, visit_id=visit.id, changes={"ended_at": now})
    session.commit()
    return ended

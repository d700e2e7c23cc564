"""Read one site's records for a period into core.reports.records types (no aggregation here).

A record belongs to the site day (Asia/Tokyo) of its time: tickets by service date, calls by the
time offered, booth sessions by the time joined, incidents by the time they occurred. Bookings
count when made, changed or cancelled in the period, or when their slot is in it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from core.reports.records import (
    BoothRecord,
    CallRecord,
    CardBatchRecord,
    HandoffRecord,
    IncidentRecord,
    NoticeRecord,
    ReportData,
    ReservationRecord,
    ShiftRecord,
    TicketRecord,
)
from core.vocabulary import TOKYO, RosterStatus, StaffRole
from db import attendance_store
from db.models import (
    BoothSession,
    Call,
    CardBatch,
    FormCount,
    Handoff,
    ImprovementNotice,
    Incident,
    Reservation,
    ReservationSlot,
    Roster,
    Staff,
    Ticket,
)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in Tokyo, as aware times."""
    low = dt.datetime.combine(start, dt.time(0), tzinfo=TOKYO)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=TOKYO)
    return low, high


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def published_shifts(
    session: Session, site_id: str, start: dt.date, end: dt.date
) -> tuple[list[ShiftRecord], set[dt.date]]:
    """Shifts of the live published roster of each week touching [start, end] (the highest
    published version per week), by role; and the dates those rosters cover."""
    first_week = start - dt.timedelta(days=start.weekday())
    rows = session.exec(
        select(Roster).where(
            Roster.site_id == site_id,
            Roster.status == RosterStatus.PUBLISHED,
            Roster.week_start >= first_week,
            Roster.week_start <= end,
        )
    ).all()
    live: dict[dt.date, Roster] = {}
    for roster in rows:
        if roster.week_start not in live or roster.version > live[roster.week_start].version:
            live[roster.week_start] = roster
    staff = {s.id: s for s in session.exec(select(Staff).where(Staff.site_id == site_id)).all()}
    shifts: list[ShiftRecord] = []
    covered: set[dt.date] = set()
    for week_start, roster in live.items():
        for offset in range(7):
            day = week_start + dt.timedelta(days=offset)
            if start <= day <= end:
                covered.add(day)
        for shift in roster.data.get("shifts", []):
            day = dt.date.fromisoformat(shift["date"])
            if not start <= day <= end:
                continue
            person = staff.get(shift["staff_id"])
            role = person.role if person is not None else StaffRole.AGENT.value
            trained = bool(person and person.training_completed and person.training_completed <= day)
            shifts.append(
                ShiftRecord(
                    staff_id=shift["staff_id"],
                    date=day,
                    role=role,
                    trained=trained,
                    start=_minutes(shift["start"]),
                    end=_minutes(shift["end"]),
                    breaks=tuple((_minutes(s), _minutes(e)) for s, e in shift.get("breaks", [])),
                    activities=tuple(
                        (_minutes(b["start"]), _minutes(b["end"]), b["activity"]) for b in shift.get("activities", [])
                    ),
                )
            )
    return shifts, covered


def load_report_data(*, session: Session, site_id: str, start: dt.date, end: dt.date) -> ReportData:
    low, high = _bounds(start, end)
    data = ReportData(site_id=site_id, start=start, end=end)

    for t in session.exec(
        select(Ticket).where(Ticket.site_id == site_id, Ticket.service_date >= start, Ticket.service_date <= end)
    ).all():
        data.tickets.append(
            TicketRecord(
                service_date=t.service_date,
                procedure_id=t.procedure_id,
                status=t.status,
                issued_at=t.issued_at,
                called_at=t.called_at,
                started_at=t.started_at,
                finished_at=t.finished_at,
                counter=t.counter,
                reserved=t.reservation_id is not None,
            )
        )

    for handoff, procedure_id in session.exec(
        select(Handoff, Ticket.procedure_id)
        .join(Ticket, Ticket.id == Handoff.ticket_id)
        .where(Ticket.site_id == site_id, Handoff.at >= low, Handoff.at < high)
    ).all():
        data.handoffs.append(HandoffRecord(at=handoff.at, reason=handoff.reason, procedure_id=procedure_id))

    def in_period(column):
        return and_(column.is_not(None), column >= low, column < high)

    for r, slot_date in session.exec(
        select(Reservation, ReservationSlot.date)
        .join(ReservationSlot, ReservationSlot.id == Reservation.slot_id)
        .where(
            Reservation.site_id == site_id,
            or_(
                and_(ReservationSlot.date >= start, ReservationSlot.date <= end),
                in_period(Reservation.created_at),
                in_period(Reservation.changed_at),
                in_period(Reservation.cancelled_at),
                in_period(Reservation.no_show_at),
            ),
        )
    ).all():
        data.reservations.append(
            ReservationRecord(
                procedure_id=r.procedure_id,
                status=r.status,
                slot_date=slot_date,
                created_at=r.created_at,
                changed_at=r.changed_at,
                cancelled_at=r.cancelled_at,
                checked_in_at=r.checked_in_at,
                no_show_at=r.no_show_at,
            )
        )

    for c in session.exec(
        select(Call).where(Call.site_id == site_id, Call.offered_at >= low, Call.offered_at < high)
    ).all():
        data.calls.append(
            CallRecord(
                activity=c.activity,
                offered_at=c.offered_at,
                topic=c.topic,
                direction=c.direction,
                answered=c.answered,
                abandoned=c.abandoned,
                wait_seconds=c.wait_seconds,
            )
        )

    for b in session.exec(
        select(BoothSession).where(
            BoothSession.site_id == site_id, BoothSession.joined_at >= low, BoothSession.joined_at < high
        )
    ).all():
        data.booths.append(
            BoothRecord(kind=b.kind, joined_at=b.joined_at, started_at=b.started_at, ended_at=b.ended_at)
        )

    for i in session.exec(
        select(Incident)
        .where(Incident.site_id == site_id, Incident.occurred_at >= low, Incident.occurred_at < high)
        .order_by(Incident.occurred_at, Incident.id)
    ).all():
        data.incidents.append(
            IncidentRecord(
                id=i.id,
                kind=i.kind,
                category=i.category,
                occurred_at=i.occurred_at,
                description=i.description,
                action_taken=i.action_taken,
                cause=i.cause,
                fix=i.fix,
                reported_to_city_at=i.reported_to_city_at,
                progress=i.progress,
                damage=i.damage,
                oral_reported_at=i.oral_reported_at,
                written_reported_at=i.written_reported_at,
            )
        )

    # Notices still open during the period, or received in it.
    for n in session.exec(
        select(ImprovementNotice)
        .where(
            ImprovementNotice.site_id == site_id,
            ImprovementNotice.received_on <= end,
            or_(ImprovementNotice.completed_on.is_(None), ImprovementNotice.completed_on >= start),
        )
        .order_by(ImprovementNotice.received_on, ImprovementNotice.id)
    ).all():
        data.notices.append(
            NoticeRecord(
                id=n.id,
                received_on=n.received_on,
                subject=n.subject,
                plan_submitted_on=n.plan_submitted_on,
                report_submitted_on=n.report_submitted_on,
                completed_on=n.completed_on,
                plan_approved_on=n.plan_approved_on,
            )
        )

    data.shifts, data.rostered_dates = published_shifts(session, site_id, start, end)
    data.attendance = attendance_store.report_records(session, site_id=site_id, start=start, end=end)
    for role in session.exec(select(Staff.role).where(Staff.site_id == site_id, Staff.active)).all():
        data.staff_by_role[role] = data.staff_by_role.get(role, 0) + 1

    for f in session.exec(
        select(FormCount).where(FormCount.site_id == site_id, FormCount.date >= start, FormCount.date <= end)
    ).all():
        data.form_counts[f.date] = f.count

    # Batches that arrived in the period, were mailed in it, or were still waiting during it.
    for b in session.exec(
        select(CardBatch)
        .where(
            CardBatch.site_id == site_id,
            CardBatch.arrived_on <= end,
            or_(CardBatch.notices_mailed_on.is_(None), CardBatch.notices_mailed_on >= start),
        )
        .order_by(CardBatch.arrived_on, CardBatch.id)
    ).all():
        data.card_batches.append(
            CardBatchRecord(id=b.id, arrived_on=b.arrived_on, cards=b.cards, notices_mailed_on=b.notices_mailed_on)
        )
    return data


def submissions(*, session: Session, site_id: str) -> dict[tuple[str, dt.date], dt.date]:
    """(report id, period start) → the day it was handed to the city."""
    from db.models import ReportSubmission

    rows = session.exec(select(ReportSubmission).where(ReportSubmission.site_id == site_id)).all()
    result: dict[tuple[str, dt.date], dt.date] = defaultdict()
    for row in rows:
        result[(row.report_id, row.period_start)] = row.submitted_on
    return dict(result)

"""The demo fills the contract records: attendance with late arrivals against a plan, outgoing
calls, a training history, uncollected cards; the live feed stamps today's roster."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from core.records.attendance import DeviationKind
from dashboard.demo import records as demo_records
from dashboard.use_cases import attendance_services as att
from dashboard.use_cases.access import SYSTEM
from db.models import AttendanceEvent, Call, StaffPledge, StaffTraining, UncollectedCard
from tests.live.conftest import at, publish


def test_history_has_attendance_with_late_arrivals_calls_and_training(initialised, fixtures):
    totals = demo_records.fill_contract_records(initialised, fixtures, dt.date(2026, 12, 16), days=30)
    assert totals["attendance"] > 100 and totals["outgoing"] > 0 and totals["training"] > 0 and totals["cards"] > 0
    with Session(initialised) as session:
        found = att.deviations(
            fixtures,
            "kawanishi",
            dt.date(2026, 12, 1),
            dt.date(2026, 12, 13),
            session=session,
            now=at("2026-12-16", "10:00"),
            actor=SYSTEM,
        )
        kinds = {d.kind for d in found}
        assert DeviationKind.LATE in kinds and DeviationKind.UNPLANNED not in kinds
        assert (
            session.scalar(
                select(func.count()).select_from(Call).where(Call.direction == "out", Call.site_id == "tamano")
            )
            > 0
        )
        assert session.scalar(select(func.count()).select_from(StaffTraining)) > 0
        assert session.scalar(select(func.count()).select_from(StaffPledge)) > 0
        assert session.scalar(select(func.count()).select_from(UncollectedCard)) > 0
    demo_records.clear(initialised)
    with Session(initialised) as session:
        assert session.scalar(select(func.count()).select_from(AttendanceEvent)) == 0


def test_the_live_feed_stamps_todays_roster(initialised, fixtures):
    with Session(initialised) as session:
        publish(
            session,
            "kawanishi",
            dt.date(2026, 11, 30),
            [
                {
                    "staff_id": "kaw-01",
                    "date": "2026-12-01",
                    "start": "08:45",
                    "end": "17:15",
                    "breaks": [["12:00", "13:00"]],
                    "activities": [{"start": "08:45", "end": "17:15", "activity": "back_office"}],
                }
            ],
        )
    for clock in ("08:30", "09:30", "12:10", "13:10", "17:20"):
        demo_records.live_attendance(initialised, fixtures, at("2026-12-01", clock))
    with Session(initialised) as session:
        kinds = [e.kind for e in session.exec(select(AttendanceEvent).order_by(AttendanceEvent.at)).all()]
    assert kinds == ["clock_in", "break_start", "break_end", "clock_out"]

"""Staff rows ↔ core StaffMember, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from core.staff.members import StaffMember
from db import staff_store


def _same(member: StaffMember) -> dict:
    """A person's figures; the order of skills carries no meaning (the table has none)."""
    data = member.model_dump(mode="json")
    data["skills"] = sorted(data["skills"])
    return data


def test_the_demo_staff_come_back_as_they_were_loaded(initialised, fixtures):
    with Session(initialised) as session:
        for site_id, staff_file in fixtures.staff.items():
            loaded = staff_store.load_staff(session, site_id)
            assert [_same(m) for m in loaded] == [_same(m) for m in sorted(staff_file.staff, key=lambda m: m.id)]


def test_an_update_replaces_every_figure_and_inactive_people_drop_out(initialised, fixtures):
    original = fixtures.staff["seto"].staff[3]
    changed = StaffMember.model_validate(
        {
            **original.model_dump(mode="json"),
            "name": "吉田 香織（改）",
            "skills": ["phone"],
            "contract_hours_per_week": 20,
            "availability": {"wed": "off", "thu": ["10:00", "15:00"]},
            "leave": [{"start": "2027-01-05", "end": "2027-01-06", "reason": "年次有給休暇"}],
            "preferences": {"days_off": ["fri"], "shift": "late"},
        }
    )
    with Session(initialised) as session:
        assert staff_store.upsert_member(session, "seto", changed) == "updated"
        session.commit()
    with Session(initialised) as session:
        loaded = {m.id: m for m in staff_store.load_staff(session, "seto")}
        assert _same(loaded[original.id]) == _same(changed)
        assert loaded[original.id].on_leave(dt.date(2027, 1, 6))
        staff_store.set_active(session, original.id, False)
        session.commit()
    with Session(initialised) as session:
        assert original.id not in {m.id for m in staff_store.load_staff(session, "seto")}
        assert original.id in {m.id for m in staff_store.load_staff(session, "seto", include_inactive=True)}
        assert staff_store.site_of(session, original.id) == "seto"
        assert staff_store.site_of(session, "nobody") is None


def test_an_id_of_another_site_is_refused(initialised, fixtures):
    member = fixtures.staff["ageo"].staff[0]
    with Session(initialised) as session:
        try:
            staff_store.upsert_member(session, "seto", member)
        except ValueError as exc:
            assert "belongs to site 'ageo'" in str(exc)
        else:
            raise AssertionError("an Ageo id was written to Seto")

"""`madoguchi bookings import` and `madoguchi attendance export` on a real SQLite file."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from core.live import TOKYO
from dashboard.cli.main import main
from dashboard.use_cases import clock
from db.engine import make_engine
from db.models import CityBooking

CSV = "予約番号,予約日,時刻,手続き\r\nK-1,2026-12-01,09:00,card_issuance\r\n"


def _engine_at(database):
    engine = make_engine(database)
    with Session(engine) as session:
        clock.set_demo_clock(session, dt.datetime(2026, 11, 20, 10, 0, tzinfo=TOKYO), speed=1)
    return engine


def test_bookings_import_twice_and_a_bad_file_exits_2(database, tmp_path, capsys):
    engine = _engine_at(database)
    good = tmp_path / "city.csv"
    good.write_bytes(CSV.encode("cp932"))
    assert main(["bookings", "import", "kawanishi", str(good), "--json"]) == 0
    assert '"added": 1' in capsys.readouterr().out
    assert main(["bookings", "import", "kawanishi", str(good), "--json"]) == 0
    assert '"unchanged": 1' in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes((CSV + "K-2,2026-12-01,25:00,card_issuance\r\n").encode("utf-8-sig"))
    assert main(["bookings", "import", "kawanishi", str(bad)]) == 2
    assert "3行目「時刻」" in capsys.readouterr().err
    with Session(engine) as session:
        assert [c.city_booking_id for c in session.exec(select(CityBooking)).all()] == ["K-1"]
    engine.dispose()


def test_attendance_export_writes_the_month_and_refuses_a_bad_month(database, tmp_path, capsys):
    engine = _engine_at(database)
    out = tmp_path / "att.csv"
    assert main(["attendance", "export", "kawanishi", "--month", "2026-11", "--out", str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").startswith("日付,ID,氏名")
    assert main(["attendance", "export", "kawanishi", "--month", "2026/11"]) == 2
    assert main(["attendance", "export", "kawanishi", "--month", "2025-01"]) == 2
    engine.dispose()

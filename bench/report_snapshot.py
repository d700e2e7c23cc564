"""Every report and document of every site as JSON, from a deterministic month: the proof that a
rearrangement of the report code changed no figure (run it before and after, then `diff -r`).

    python -m bench.report_snapshot OUT_DIR [POSTGRES_SERVER_URL]

For each site: a fresh database (a SQLite file, or a new database on the PostgreSQL server, dropped
afterwards), its peak month written by bench.report_data.generate_month, two improvement notices
where the contract has the clause; then the monthly report (closed and running), four daily reports,
every document the profile asks for (or the refusal), the schedule, and the monthly PDF's text and
chart-image hashes. One file per site, keys sorted."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
import tempfile
import uuid
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from bench.report_data import generate_month, peak_month
from core.profile.fixtures import load_fixtures
from core.reports.deadlines import month_end
from dashboard.use_cases import report_services as rs
from dashboard.use_cases.access import SYSTEM
from db.engine import make_engine
from db.settings import PROJECT_ROOT
from db.setup import init_database


def _notices(session: Session, fixtures, site_id: str, year: int, month: int, today: dt.date) -> None:
    kw = dict(session=session, fixtures=fixtures, today=today, actor=SYSTEM)
    rs.record_notice(site_id, rs.NoticeInput(received_on=dt.date(year, month, 3), subject="改善通知A"), **kw)
    rs.record_notice(
        site_id,
        rs.NoticeInput(
            received_on=dt.date(year, month, 5),
            subject="改善通知B",
            plan_submitted_on=dt.date(year, month, 8),
            report_submitted_on=dt.date(year, month, 20),
        ),
        **kw,
    )


def _pdf(report) -> dict:
    reader = PdfReader(io.BytesIO(rs.report_pdf(report)))
    return {
        "text": [page.extract_text() for page in reader.pages],
        "images": [hashlib.sha256(image.data).hexdigest() for page in reader.pages for image in page.images],
    }


def site_snapshot(url: str, fixtures, site_id: str) -> dict:
    init_database(url)
    engine = make_engine(url)
    year, month = peak_month(fixtures, site_id)
    today = month_end(year, month) + dt.timedelta(days=12)
    profile = fixtures.site(site_id)
    try:
        with Session(engine) as session:
            written = generate_month(session, fixtures, site_id, year, month)
            session.commit()
            if profile.improvement_notice is not None:
                _notices(session, fixtures, site_id, year, month, today)
            kw = dict(session=session, fixtures=fixtures, today=today, contractor="受託者", actor=SYSTEM)
            monthly = rs.build_report("monthly", site_id, month=(year, month), **kw)
            out = {"written": dict(written), "monthly": monthly.to_json(), "monthly_pdf": _pdf(monthly)}
            out["monthly_running"] = rs.build_report(
                "monthly", site_id, month=(year, month), **{**kw, "today": dt.date(year, month, 17)}
            ).to_json()
            for d in (1, 2, 10, 15):
                out[f"daily_{d}"] = rs.build_report("daily", site_id, day=dt.date(year, month, d), **kw).to_json()
            for duty in profile.reports:
                try:
                    out[f"doc_{duty.id}"] = rs.build_document(
                        site_id,
                        duty.id,
                        day=dt.date(year, month, 10),
                        month=(year, month),
                        year=profile.contract.start.year,
                        **kw,
                    ).to_json()
                except rs.ReportUnavailable as exc:
                    out[f"doc_{duty.id}"] = f"ReportUnavailable: {exc}"
            out["schedule"] = [
                r.to_json()
                for r in rs.document_schedule(site_id, session=session, fixtures=fixtures, today=today, actor=SYSTEM)
            ]
    finally:
        engine.dispose()
    return out


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0])
    server = argv[1] if len(argv) > 1 else None
    out_dir.mkdir(parents=True, exist_ok=True)
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    tmp = Path(tempfile.mkdtemp())
    for site_id in sorted(fixtures.sites):
        if server is None:
            snapshot = site_snapshot(f"sqlite:///{tmp}/{site_id}.db", fixtures, site_id)
        else:
            admin = make_engine(server, isolation_level="AUTOCOMMIT")
            name = f"snapshot_{site_id}_{uuid.uuid4().hex[:8]}"
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(server).set(database=name).render_as_string(hide_password=False)
                snapshot = site_snapshot(url, fixtures, site_id)
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
        (out_dir / f"{site_id}.json").write_text(json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True))
        print(site_id, snapshot["monthly"]["period"]["label"], snapshot["written"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

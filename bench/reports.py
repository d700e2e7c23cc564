"""`madoguchi bench reports`: how long Kawanishi's monthly PDF takes at its peak month of data.

Uses the database it is given (default: the app's). If that holds no Kawanishi tickets or calls,
it first writes a deterministic peak month (bench/report_data.py) and says so ("data": "generated").
Timed steps: reading the records, aggregating, rendering the charts to PNG, writing the PDF.
The first run includes vl-convert's start-up; the next runs show the steady state."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

from sqlalchemy import func
from sqlmodel import Session, select

from core.profile.fixtures import Fixtures
from core.reports import monthly_period, monthly_report
from core.reports.deadlines import month_end
from core.reports.pdf import render_pdf
from db.engine import make_engine
from db.models import Call, Ticket
from db.report_queries import load_report_data
from db.setup import init_database

SITE = "kawanishi"
GOAL_SECONDS = 2.0
RUNS = 4


def _busiest_month(session: Session) -> tuple[int, int] | None:
    rows = session.exec(
        select(Ticket.service_date, func.count()).where(Ticket.site_id == SITE).group_by(Ticket.service_date)
    ).all()
    per_month: dict[tuple[int, int], int] = {}
    for day, count in rows:
        per_month[(day.year, day.month)] = per_month.get((day.year, day.month), 0) + count
    calls = session.exec(select(func.count()).select_from(Call).where(Call.site_id == SITE)).one()
    if not per_month and not calls:
        return None
    if not per_month:
        first = session.exec(select(func.min(Call.offered_at)).where(Call.site_id == SITE)).one()
        return first.year, first.month
    return max(per_month, key=lambda m: (per_month[m], m))


def run(fixtures: Fixtures, database_url: str, progress: Callable[[str], None] = lambda _: None) -> dict:
    from bench.report_data import generate_month, peak_month
    from dashboard.charts.reports import png_charts

    init_database(database_url)
    engine = make_engine(database_url)
    site = fixtures.site(SITE)
    try:
        with Session(engine) as session:
            month = _busiest_month(session)
            source = "database"
            if month is None:
                month = peak_month(fixtures, SITE)
                progress(f"{SITE}: 記録がないため {month[0]}-{month[1]:02d} の1か月分を生成します")
                started = time.perf_counter()
                written = generate_month(session, fixtures, SITE, *month)
                session.commit()
                source = "generated"
                progress(f"生成 {dict(written)} ({time.perf_counter() - started:.1f} s)")
        year, number = month
        today = max(dt.date.today(), month_end(year, number) + dt.timedelta(days=1))
        runs = []
        for index in range(RUNS):
            timings = {"charts_s": 0.0}
            charts: list = []

            def timed_charts(table, timings=timings, charts=charts):  # the renderer asks; the time is noted
                mark = time.perf_counter()
                images = png_charts(table)
                timings["charts_s"] += time.perf_counter() - mark
                charts.extend(images)
                return images

            started = time.perf_counter()
            period = monthly_period(site, year, number, today)
            with Session(engine) as session:
                data = load_report_data(session=session, site_id=SITE, start=period.start, end=period.end)
            timings["read_s"] = time.perf_counter() - started
            mark = time.perf_counter()
            report = monthly_report(site, fixtures.catalogue, data, period, contractor="bench")
            timings["aggregate_s"] = time.perf_counter() - mark
            mark = time.perf_counter()
            pdf = render_pdf(report, timed_charts)
            timings["pdf_s"] = time.perf_counter() - mark - timings["charts_s"]
            timings["total_s"] = time.perf_counter() - started
            runs.append({key: timings[key] for key in ("read_s", "aggregate_s", "charts_s", "pdf_s", "total_s")})
            progress(f"run {index + 1}: {timings['total_s']:.2f} s")
        summary = report.table("summary")
        import io

        from pypdf import PdfReader  # noqa: PLC0415 — only to count pages

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        first, rest = runs[0], runs[1:]
        steady = {key: round(statistics.median(r[key] for r in rest), 3) for key in first}
        return {
            "benchmark": "reports",
            "site": SITE,
            "month": f"{year}-{number:02d}",
            "data": source,
            "records": {
                "tickets": len(data.tickets),
                "calls": len(data.calls),
                "reservations": len(data.reservations),
                "handoffs": len(data.handoffs),
                "roster_shifts": len(data.shifts),
            },
            "received": summary.value("窓口受付件数"),
            "pdf_bytes": len(pdf),
            "pdf_pages": pages,
            "charts": len(charts),
            "first_run": {key: round(value, 3) for key, value in first.items()},
            "steady_median": steady,
            "goal_seconds": GOAL_SECONDS,
            "goal_met": first["total_s"] < GOAL_SECONDS,
        }
    finally:
        engine.dispose()

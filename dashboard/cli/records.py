"""Command line for the issue-17 records: the city's bookings file and the month's attendance.

madoguchi bookings import kawanishi city.csv [--json]    # exit 2 with every error by row and column
madoguchi attendance export kawanishi --month 2026-11 [--out F.csv]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def cmd_bookings_import(args: argparse.Namespace) -> int:
    from core.live import LiveError
    from core.staff.importer import ImportRefused
    from dashboard.cli.main import UsageError, _fixtures
    from dashboard.use_cases import clock
    from dashboard.use_cases.access import SYSTEM
    from dashboard.use_cases.city_booking_services import import_city_bookings
    from db.engine import make_engine, write_session

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    fixtures = _fixtures()
    if args.site not in fixtures.sites:
        raise UsageError(f"unknown site {args.site!r}; known sites: {', '.join(sorted(fixtures.sites))}")
    engine = make_engine(args.database_url)
    try:
        with write_session(engine) as session:
            now = clock.now(session)
            outcome = import_city_bookings(fixtures, args.site, data, path.name, session=session, now=now, actor=SYSTEM)
    except ImportRefused as refused:
        raise UsageError(f"{path}: nothing imported\n" + "\n".join(e.text() for e in refused.errors)) from None
    except LiveError as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    result = {
        "added": outcome.added,
        "changed": outcome.changed,
        "cancelled": outcome.cancelled,
        "unchanged": outcome.unchanged,
        "skipped": outcome.skipped,
        "ignored_columns": outcome.ignored_columns,
        "conflicts": [
            {
                "date": c.date.isoformat(),
                "start": c.start.strftime("%H:%M"),
                "procedure": c.procedure_id,
                "planned_capacity": c.planned_capacity,
                "booked": c.booked,
            }
            for c in outcome.conflicts
        ],
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def cmd_attendance_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from core.live import LiveError
    from dashboard.cli.main import UsageError, _fixtures
    from dashboard.use_cases import clock
    from dashboard.use_cases.access import SYSTEM
    from dashboard.use_cases.attendance_services import month_csv, month_rows
    from db.engine import make_engine

    try:
        month = dt.datetime.strptime(args.month, "%Y-%m").date()
    except ValueError:
        raise UsageError(f"--month {args.month!r}: write YYYY-MM, e.g. 2026-11") from None
    fixtures = _fixtures()
    if args.site not in fixtures.sites:
        raise UsageError(f"unknown site {args.site!r}; known sites: {', '.join(sorted(fixtures.sites))}")
    engine = make_engine(args.database_url)
    try:
        with Session(engine) as session:
            rows = month_rows(
                fixtures, args.site, month.year, month.month, session=session, now=clock.now(session), actor=SYSTEM
            )
    except LiveError as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    data = month_csv(rows)
    if args.out:
        try:
            Path(args.out).write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
    return 0


def add_record_commands(sub) -> None:
    bookings = sub.add_parser("bookings", help="bookings from the city's reservation system")
    verbs = bookings.add_subparsers(dest="bookings_command", required=True)
    imports = verbs.add_parser("import", help="import the city's booking CSV (UTF-8 or Shift_JIS); all or nothing")
    imports.add_argument("site")
    imports.add_argument("file")
    imports.add_argument("--json", action="store_true", help="one line of JSON")
    imports.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    imports.set_defaults(func=cmd_bookings_import)
    attendance = sub.add_parser("attendance", help="attendance records (出勤記録)")
    verbs = attendance.add_subparsers(dest="attendance_command", required=True)
    export = verbs.add_parser("export", help="a month's attendance record as CSV (UTF-8 with BOM)")
    export.add_argument("site")
    export.add_argument("--month", required=True, help="YYYY-MM")
    export.add_argument("--out", default=None, help="file to write (default: standard output)")
    export.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    export.set_defaults(func=cmd_attendance_export)

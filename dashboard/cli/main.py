"""`madoguchi` command line. Subcommands print JSON with --json, plain text otherwise.

Errors go to stderr with a message that names what was wrong; the exit code is 2 for bad input
and 1 for a failed check."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from core.profile.calendar import SiteCalendar
from core.profile.fixtures import (
    FixtureError,
    FixtureUnreadable,
    check_site_against_catalogue,
    load_catalogue,
    load_fixtures,
    load_site_profile,
)
from dashboard.use_cases.access import SYSTEM
from db.settings import get_settings


class UsageError(Exception):
    """Bad input from the command line; the message is shown as is."""


MAX_ROSTER_BYTES = 20_000_000  # a week's roster is tens of kB


def _existing_database(url: str | None) -> str:
    """The URL to open for reading: a SQLite file that does not exist is refused, not created."""
    from db.engine import is_sqlite, normalise_url

    url = url or get_settings().database_url
    try:
        parsed = normalise_url(url)
    except Exception as exc:  # sqlalchemy's ArgumentError for a malformed URL
        raise UsageError(f"not a database URL: {url!r} ({exc})") from None
    if (
        is_sqlite(parsed)
        and parsed.database not in (None, "", ":memory:")
        and not str(parsed.database).startswith("file:")
        and not Path(parsed.database).is_file()
    ):
        raise UsageError(f"{parsed.database}: no such database file (run `madoguchi init` first)")
    return url


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _fixtures():
    """The fixtures, with the designated days stored in the database (when there is one) laid over."""
    from dashboard.use_cases.designation_services import missing_sqlite_file, with_stored_designations
    from db.engine import make_engine

    base = load_fixtures(get_settings().fixtures_dir)
    if missing_sqlite_file(get_settings().database_url):
        return base
    engine = make_engine()
    try:
        return with_stored_designations(base, engine)
    finally:
        engine.dispose()


def cmd_sites_check(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(get_settings().fixtures_dir / "national.toml")
    for path in args.files:
        try:
            profile = load_site_profile(Path(path))
            check_site_against_catalogue(profile, catalogue, Path(path))
        except FixtureError as exc:
            print(f"NG {exc}", file=sys.stderr)
            return 2 if isinstance(exc, FixtureUnreadable) else 1  # unreadable input vs. a failed check
        print(f"OK {path}: {profile.id} {profile.name} ({profile.contract.start} – {profile.contract.end})")
    return 0


def cmd_sites_list(args: argparse.Namespace) -> int:
    fixtures = _fixtures()
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "contract_start": s.contract.start.isoformat(),
            "contract_end": s.contract.end.isoformat(),
            "activities": {a.id.value: a.seats for a in s.activities},
        }
        for s in fixtures.sites.values()
    ]
    if args.json:
        print(json.dumps({"sites": rows}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<10} {row['name']:<6} {row['contract_start']} – {row['contract_end']}")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    start, end = args.date_from, args.date_to or args.date_from
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    if (end - start).days > 3660:
        raise UsageError("the range is longer than ten years; ask for less")
    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    days = SiteCalendar(site, fixtures.catalogue).days(start, end)
    if args.json:
        print(json.dumps({"site": site.id, "days": [d.to_json() for d in days]}, ensure_ascii=False, indent=2))
        return 0
    for day in days:
        label = day.date.strftime("%Y-%m-%d %a")
        if not day.open:
            print(f"{label}  休 {day.reason}")
            continue
        hours = "  ".join(f"{a}={s}–{e}" for a, (s, e) in day.service_hours().items())
        closed = f"  停止: {', '.join(day.closed_procedures)}" if day.closed_procedures else ""
        print(f"{label}  開 {hours}{closed}")
    return 0


def cmd_erlang(args: argparse.Namespace) -> int:
    from core.demand import erlang

    if args.target_answer_rate is not None and args.patience_seconds is None:
        raise UsageError("--target-answer-rate needs --patience-seconds (answer rate is an Erlang A figure)")
    try:
        if args.agents is not None:
            agents = args.agents
        elif args.target_service_level is not None:
            agents = erlang.agents_for_service_level(
                args.calls_per_hour,
                args.aht_seconds,
                args.target_seconds,
                args.target_service_level,
                args.patience_seconds,
            )
        else:
            agents = erlang.agents_for_answer_rate(
                args.calls_per_hour,
                args.aht_seconds,
                args.target_answer_rate,
                args.patience_seconds,
                args.target_seconds,
            )
        if args.patience_seconds is None:
            figures = erlang.erlang_c(args.calls_per_hour, args.aht_seconds, agents, args.target_seconds)
        else:
            figures = erlang.erlang_a(
                args.calls_per_hour, args.aht_seconds, agents, args.target_seconds, args.patience_seconds
            )
    except (ValueError, erlang.TargetUnreachable) as exc:
        raise UsageError(str(exc)) from None
    data = figures.to_json()
    if args.json:
        print(json.dumps(data))
    else:
        for key, value in data.items():
            print(f"{key:<14} {value}")
    return 0


def cmd_staffing(args: argparse.Namespace) -> int:
    from core.demand.requirements import StaffingModel

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    if not site.contract.start <= args.date <= site.contract.end:
        raise UsageError(f"{args.date} is outside {site.id}'s contract ({site.contract.start} – {site.contract.end})")
    day = StaffingModel(site, fixtures.catalogue).day(args.date)
    if args.json:
        print(json.dumps(day.to_json(), ensure_ascii=False, indent=2))
        return 0
    if not day.requirements:
        print(f"{site.name} {args.date}: 閉庁（{'・'.join(day.notes)}）")
        return 0
    for note in day.notes:
        print(f"注: {note}")
    for r in day.requirements:
        flag = f"  上限により{r.unmet}名不足" if r.unmet else ""
        print(
            f"{r.slot:%H:%M} {r.activity.value:<13} 到着{r.arrivals:6.2f}  必要{r.need:>2} "
            f"最少{r.floor} 上限{r.cap} → {r.required}（{r.reason}）{flag}"
        )
    return 0


def cmd_bench_staffing(args: argparse.Namespace) -> int:
    from bench.staffing import run

    result = run(_fixtures(), compare=not args.no_compare)
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def _site_or_usage(fixtures, site_id: str):
    try:
        return fixtures.site(site_id)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None


def _staff_day(text: str, option: str) -> tuple[str, dt.date]:
    staff_id, sep, day = text.partition(":")
    if not sep or not staff_id:
        raise UsageError(f"{option} {text!r}: write STAFF_ID:YYYY-MM-DD, e.g. seto-04:2026-12-08")
    try:
        return staff_id, dt.date.fromisoformat(day)
    except ValueError:
        raise UsageError(f"{option} {text!r}: {day!r} is not a date in YYYY-MM-DD form") from None


def _read_roster(path: str):
    from core.roster.model import Roster, RosterFormatError

    try:
        if Path(path).is_file() and Path(path).stat().st_size > MAX_ROSTER_BYTES:
            raise UsageError(f"{path}: file too large (at most {MAX_ROSTER_BYTES:,} bytes)")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except RecursionError:
        raise UsageError(f"{path}: not a roster: JSON nested too deeply") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a readable JSON file ({exc})") from None
    try:
        return Roster.from_json(data)
    except RosterFormatError as exc:
        raise UsageError(f"{path}: {exc}") from None
    except (RecursionError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise UsageError(f"{path}: not a roster ({type(exc).__name__}: {exc})") from None


def _roster_problem(args: argparse.Namespace, fixtures, site, week, absences, week_before, where: str = ""):
    """The week's problem built as the 勤務表 page builds it: from the staff in the database
    (roster_services.build_problem). A database without the schema or without the site is set up
    from the fixtures first (migrations, sites, demo staff; staff already stored are kept)."""
    from sqlmodel import Session

    from dashboard.use_cases import roster_services as rs
    from db.engine import make_engine

    engine = make_engine(args.database_url or get_settings().database_url)
    try:
        _set_up_if_needed(engine, site.id)
        with Session(engine) as session:
            problem = rs.build_problem(
                fixtures, site.id, week, absences, session=session, previous_week=week_before, actor=SYSTEM
            )
    except (ValueError, rs.NoStaff) as exc:
        raise UsageError(f"{where}{exc}") from None
    finally:
        engine.dispose()
    unknown = rs.unknown_absentees(problem, absences)
    if unknown:
        raise UsageError(f"{where}absent: {', '.join(unknown)} is not active staff of {site.id} in the database")
    return problem


def _set_up_if_needed(engine, site_id: str) -> None:
    from sqlalchemy import inspect

    from db.migrate import current_revision, head_revision
    from db.models import Site
    from db.setup import init_database

    if current_revision(engine) == head_revision() and "site" in inspect(engine).get_table_names():
        from sqlmodel import Session

        with Session(engine) as session:
            if session.get(Site, site_id) is not None:
                return
    init_database(engine)


def cmd_roster_solve(args: argparse.Namespace) -> int:
    from core.roster.model import monday_of
    from optimizer.model import LockError
    from optimizer.solve import solve

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    week = monday_of(args.week)
    if week != args.week:
        print(f"注: 週は月曜始まりです。{args.week} を含む週 {week} から作成します", file=sys.stderr)
    if not 0 < args.time_limit <= 86_400:
        raise UsageError(f"--time-limit must be positive and at most 86400 seconds, got {args.time_limit}")
    previous = _read_roster(args.previous) if args.previous else None
    if previous is not None and (previous.site_id != site.id or previous.week_start != week):
        raise UsageError(
            f"--previous {args.previous} is the roster of {previous.site_id} for the week of "
            f"{previous.week_start}, not {site.id} {week}"
        )
    absences = {_staff_day(text, "--absent") for text in args.absent}
    locked = {_staff_day(text, "--lock") for text in args.lock}
    if args.lock_until:
        if previous is None:
            raise UsageError("--lock-until needs --previous: it locks that roster's shifts")
        locked |= {(s.staff_id, s.date) for s in previous.shifts if s.date <= args.lock_until}
    if locked and previous is None:
        raise UsageError("--lock needs --previous: a lock keeps a shift of that roster")
    week_before = _week_before(args.previous_week, site.id, week)
    problem = _roster_problem(args, fixtures, site, week, absences, week_before)
    print(
        f"{site.name} {week} の週: 従事者{len(problem.staff)}人、開庁{len(problem.days)}日、"
        f"制限時間 {args.time_limit:g} 秒",
        file=sys.stderr,
    )
    try:
        roster = solve(
            problem,
            time_limit=args.time_limit,
            previous=previous,
            locked=frozenset(locked),
            on_progress=lambda p: print(p.line(), file=sys.stderr, flush=True),
        )
    except LockError as exc:
        raise UsageError(str(exc)) from None
    document = roster.to_json(problem)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if args.out:
        _write_atomically(Path(args.out), text + "\n")
        print(f"{args.out} に書き出しました", file=sys.stderr)
    else:
        print(text)
    _summarise(roster, sys.stderr)
    return 0 if roster.acceptable else 1


def _week_before(path: str | None, site_id: str, week):
    """The previous week's published roster (rest and days in a row run across the boundary)."""
    import datetime as dt

    if not path:
        return None
    before = _read_roster(path)
    if before.site_id != site_id or before.week_start != week - dt.timedelta(days=7):
        raise UsageError(
            f"--previous-week {path} is the roster of {before.site_id} for the week of "
            f"{before.week_start}, not {site_id} {week - dt.timedelta(days=7)}"
        )
    return before


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename: an interrupted run never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc}") from None


def _summarise(roster, stream) -> None:
    status = {
        "optimal": "最適解",
        "feasible": "実行可能解（時間切れ）",
        "not_acceptable": "受け入れ不可（必須ルール違反あり）",
        "no_solution": "解なし",
    }.get(roster.status, roster.status)
    gap = roster.relative_gap
    print(
        f"結果: {status}  目的関数 {roster.objective}  下界 {roster.best_bound}"
        + (f"  差 {gap * 100:.2f}%" if gap is not None else ""),
        file=stream,
    )
    for violation in roster.violations:
        reason = f" — {violation['reason']}" if violation.get("reason") else ""
        print(f"違反 [{violation['label']}] {violation['message']}{reason}", file=stream)
    for change in roster.changes:
        print(f"変更 {change['staff_id']} {change['date']}: {change['before']} → {change['after']}", file=stream)


def cmd_roster_check(args: argparse.Namespace) -> int:
    from core.roster.check import check, score

    roster = _read_roster(args.file)
    fixtures = _fixtures()
    site = _site_or_usage(fixtures, roster.site_id)
    week_before = _week_before(args.previous_week, site.id, roster.week_start)
    problem = _roster_problem(
        args, fixtures, site, roster.week_start, set(roster.absences), week_before, where=f"{args.file}: "
    )
    violations = [v.to_json() for v in check(roster, problem)]
    total, penalties = score(roster, problem)
    if args.json:
        print(
            json.dumps(
                {
                    "site": site.id,
                    "week_start": roster.week_start.isoformat(),
                    "acceptable": not violations,
                    "violations": violations,
                    "penalty_total": total,
                    "penalties": penalties,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for violation in violations:
            reason = f" — {violation['reason']}" if violation.get("reason") else ""
            print(f"違反 [{violation['label']}] {violation['message']}{reason}")
        print(f"{site.name} {roster.week_start} の週: 違反 {len(violations)} 件、ペナルティ合計 {total}")
    return 1 if violations else 0


def cmd_bench_roster(args: argparse.Namespace) -> int:
    import os

    from bench import roster as bench_roster
    from bench.roster_table import render
    from bench.roster_weeks import KINDS

    if args.markdown:  # render a stored run, solve nothing
        try:
            document = json.loads(Path(args.markdown).read_text(encoding="utf-8"))
            print(render(document), end="")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"--markdown {args.markdown}: {exc}") from None
        return 0
    if not 0 < args.time_limit <= 3600 or not 0 < args.scale_time_limit <= 3600:
        raise UsageError("--time-limit and --scale-time-limit must be above 0 and at most 3600 seconds")
    if args.bound_seconds is not None and not 0 <= args.bound_seconds <= 3600:
        raise UsageError("--bound-seconds must be at least 0 and at most 3600 seconds")
    if args.from_record and not args.record_best:
        raise UsageError("--from-record improves the recorded rosters: it goes with --record-best")
    if args.from_record and args.reproducible:
        raise UsageError("--from-record runs on the wall clock: it does not go with --reproducible")
    if not 1 <= args.repeat <= 20:
        raise UsageError(f"--repeat must be a whole number from 1 to 20, not {args.repeat}")
    if args.repeat > 1 and args.record_best:
        raise UsageError("--repeat goes with a benchmark run: --record-best keeps the best roster of each run anyway")
    fixtures = load_fixtures(get_settings().fixtures_dir)  # the fixture files only: no stored designations
    sites = _bench_sites(args.sites, fixtures)
    weeks = _bench_weeks(args.weeks, (*KINDS, "scale"))  # "scale": no site week, the scale scenario only
    if args.reproducible:  # deterministic time, fixed seed and workers: the same verdict under load
        os.environ["MADOGUCHI_REPRODUCIBLE"] = "1"
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    if args.record_best:
        command = (
            f"madoguchi bench roster --record-best --time-limit {args.time_limit:g}"
            + (" --reproducible" if args.reproducible else "")
            + (" --no-scale" if args.no_scale else "")
            + (f" --sites {args.sites}" if args.sites else "")
            + (f" --weeks {args.weeks}" if args.weeks else "")
            + (" --from-record" if args.from_record else "")
        )
        result = bench_roster.record_best(
            fixtures, args.time_limit, command, say, sites, weeks, scale=not args.no_scale, from_record=args.from_record
        )
    else:
        try:
            result = bench_roster.run(
                fixtures,
                time_limit=args.time_limit,
                scale_time_limit=args.scale_time_limit,
                scale=not args.no_scale,
                progress=say,
                sites=sites,
                weeks=weeks,
                bound_seconds=args.bound_seconds,
                repeat=args.repeat,
            )
        except bench_roster.UnknownWeek as exc:
            raise UsageError(str(exc)) from None
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def cmd_bench_first_roster(args: argparse.Namespace) -> int:
    import os

    from bench import first_roster
    from bench.roster_weeks import KINDS

    if not 0 < args.time_limit <= 3600:
        raise UsageError("--time-limit must be above 0 and at most 3600 seconds")
    busy = (os.cpu_count() or 1) if args.busy is None else args.busy
    if not 0 <= busy <= first_roster.MAX_BUSY:
        raise UsageError(f"--busy {busy}: the busy processes must be 0 to {first_roster.MAX_BUSY}")
    if not 1 <= args.runs <= first_roster.MAX_RUNS:
        raise UsageError(f"--runs {args.runs}: the runs must be 1 to {first_roster.MAX_RUNS}")
    fixtures = load_fixtures(get_settings().fixtures_dir)
    sites = _bench_sites(args.sites, fixtures)
    kinds = _bench_weeks(args.weeks, KINDS)
    if kinds is not None and any(k not in KINDS for k in kinds):
        raise UsageError(f"--weeks {args.weeks}: first-roster takes kinds only ({', '.join(KINDS)})")
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    result = first_roster.run(fixtures, busy, args.runs, args.time_limit, sites, kinds, say)
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def _bench_sites(text: str | None, fixtures) -> list[str] | None:
    if not text:
        return None
    sites = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in sites if s not in fixtures.sites]
    if unknown or not sites:
        raise UsageError(
            f"--sites {text}: unknown site {', '.join(unknown) or '(none given)'}; known: {', '.join(fixtures.sites)}"
        )
    return sites


def _bench_weeks(text: str | None, kinds: tuple[str, ...]) -> list[str] | None:
    if not text:
        return None
    weeks = [w.strip() for w in text.split(",") if w.strip()]
    for item in weeks:
        if item in kinds:
            continue
        try:
            monday = dt.date.fromisoformat(item)
        except ValueError:
            raise UsageError(
                f"--weeks {text}: {item!r} is neither a kind ({', '.join(kinds)}) nor a date YYYY-MM-DD"
            ) from None
        if monday.weekday() != 0:
            raise UsageError(f"--weeks {text}: {item} is not a Monday (a benchmark week starts on a Monday)")
    if not weeks:
        raise UsageError(f"--weeks {text}: no kind or date given")
    return weeks


def cmd_bench_live(args: argparse.Namespace) -> int:
    from bench.live import run

    if args.workers < 1 or args.ops < args.workers:
        raise UsageError("--workers must be at least 1 and --ops at least --workers")
    if args.workers > 256 or args.ops > 10_000_000:
        raise UsageError("--workers at most 256 and --ops at most 10000000")
    result = run(
        get_settings().fixtures_dir, args.workers, args.ops, get_settings().database_url, status=not args.writes_only
    )
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from db.setup import init_database

    report = init_database(args.database_url)
    print(report.describe())
    return 0


def _demo_say(line: str) -> None:
    print(f"demo: {line}", file=sys.stderr, flush=True)


def _demo_check_args(args: argparse.Namespace) -> None:
    if args.days < 1 or args.speed <= 0 or args.roster_seconds <= 0:
        raise UsageError("--days, --speed and --roster-seconds must be positive")
    if args.days > 3660 or args.speed > 10_000 or args.roster_seconds > 3600:
        raise UsageError("--days at most 3660, --speed at most 10000, --roster-seconds at most 3600")


def _demo_database(args: argparse.Namespace):
    """The demo's engine. Fake history goes only into a database the demo created (issue 14): an
    empty one is marked as the demo's; any other is refused, whatever DATABASE_URL names."""
    from sqlmodel import Session

    from dashboard.demo import fill as demo
    from db.engine import make_engine
    from db.setup import init_database

    engine = make_engine(args.database_url)
    was_empty = demo.is_empty_database(engine)
    if not args.live_only:
        init_database(engine)
    with Session(engine) as session:
        if was_empty and not args.live_only:
            demo.mark_demo_database(session)
        elif not demo.is_demo_database(session):
            engine.dispose()
            raise UsageError(
                f"{engine.url.render_as_string(hide_password=True)} was not created by "
                "`madoguchi demo`: refusing to write demo records into it (use an empty "
                "database, e.g. DATABASE_URL=sqlite:///data/demo.sqlite3)"
            )
    return engine


def _demo_accounts(engine, fixtures) -> None:
    from dashboard.cli import texts as CT
    from dashboard.demo import fill as demo

    created = demo.ensure_demo_users(engine, fixtures, get_settings().data_dir)
    users_file = get_settings().data_dir / demo.DEMO_USERS_FILE
    if not created:
        _demo_say(CT.DEMO_USERS_EXIST.format(path=users_file))
        return
    _demo_say(CT.DEMO_USERS_CREATED.format(path=users_file))
    for login, role, password in created:
        _demo_say(CT.DEMO_USER_LINE.format(login=login, role=role, password=password))


def _demo_history(engine, fixtures, args: argparse.Namespace) -> None:
    import time

    from core.vocabulary import local
    from dashboard.cli import texts as CT
    from dashboard.demo import fill as demo
    from dashboard.demo import records as demo_records
    from dashboard.use_cases import clock

    started = time.perf_counter()
    start = demo.demo_start(fixtures, clock.real_now())
    real = abs((start - clock.real_now()).total_seconds()) < 5
    _demo_say(
        CT.DEMO_CLOCK.format(
            start=local(start), speed=args.speed, real=CT.DEMO_CLOCK_REAL if real else CT.DEMO_CLOCK_NOT_REAL
        )
    )
    _demo_say(CT.DEMO_MAKING_HISTORY.format(days=args.days))
    totals = demo.reset(engine, fixtures, start, args.speed, args.days, progress=_demo_say)
    _demo_say(CT.DEMO_SUBMITTED.format(count=demo.record_past_submissions(engine, fixtures, local(start).date())))
    demo_records.clear(engine)  # issue 17: contract records, refilled after the history
    _demo_say(
        demo_records.history_summary(
            demo_records.fill_contract_records(engine, fixtures, local(start).date(), args.days, progress=_demo_say)
        )
    )
    _demo_say(
        CT.DEMO_HISTORY_DONE.format(
            ticket=totals["ticket"],
            call=totals["call"],
            booth_session=totals["booth_session"],
            seconds=time.perf_counter() - started,
        )
    )


def _demo_feed(engine, fixtures, args: argparse.Namespace) -> int:
    """Today's visitors, calls and booths, fed until Ctrl+C; a line of counts every 30 seconds."""
    import threading
    import time

    from sqlmodel import Session

    from core.vocabulary import local
    from dashboard.cli import texts as CT
    from dashboard.demo import fill as demo
    from dashboard.use_cases import clock

    with Session(engine) as session:
        if clock.demo_clock(session) is None:
            clock.set_demo_clock(session, demo.demo_start(fixtures, clock.real_now()), args.speed)
        now = clock.now(session)
    # Rosters solve in the background: the feed starts at once, counters follow the floor until then.
    threading.Thread(
        target=demo.publish_quick_rosters,
        daemon=True,
        args=(engine, fixtures, local(now).date(), args.roster_seconds, _demo_say),
    ).start()
    feed = demo.LiveFeed(engine, fixtures)
    with Session(engine) as session:
        now = clock.now(session)
    demo.catch_up(feed, now - dt.timedelta(hours=12), now)
    _demo_say(CT.DEMO_FEEDING)
    last_report = time.monotonic()
    counts: dict[str, int] = {}
    try:
        while True:
            time.sleep(args.interval)
            with Session(engine) as session:
                now = clock.now(session)
            for key, value in feed.tick(now).items():
                counts[key] = counts.get(key, 0) + value
            if time.monotonic() - last_report > 30:
                _demo_say(
                    CT.DEMO_FEED_COUNTS.format(
                        now=local(now),
                        **{key: counts.get(key, 0) for key in ("issued", "called", "finished", "calls", "booths")},
                    )
                )
                counts, last_report = {}, time.monotonic()
    except KeyboardInterrupt:
        _demo_say(CT.DEMO_STOPPED)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from dashboard.cli import texts as CT
    from dashboard.demo import fill as demo

    _demo_check_args(args)
    fixtures = _fixtures()
    engine = _demo_database(args)
    try:
        if not args.live_only:
            demo.ensure_contractor(engine)
            _demo_accounts(engine, fixtures)
            if args.reset or not demo.has_history(engine):
                _demo_history(engine, fixtures, args)
            else:
                _demo_say(CT.DEMO_HISTORY_EXISTS)
        if args.no_live:
            return 0
        return _demo_feed(engine, fixtures, args)
    finally:
        engine.dispose()


# -- city reports (日報・月報) and their benchmark --------------------------------------------------


def _month(text: str) -> tuple[int, int]:
    try:
        value = dt.date.fromisoformat(text + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month in YYYY-MM form: {text!r}") from None
    return value.year, value.month


def cmd_report(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from core.reports import ReportUnavailable
    from dashboard.use_cases import contractor_services
    from dashboard.use_cases import report_services as rs
    from db.engine import make_engine

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    today = args.today or rs.tokyo_today()
    engine = make_engine(_existing_database(args.database_url))
    outputs = [(args.pdf, "pdf"), (args.csv, "csv"), (args.xlsx, "xlsx")]
    try:
        with Session(engine) as session:
            report = rs.build_report(
                args.report_kind,
                site.id,
                session=session,
                fixtures=fixtures,
                today=today,
                contractor=contractor_services.contractor(session=session).name,
                day=getattr(args, "date", None),
                month=getattr(args, "month", None),
                actor=SYSTEM,
            )
            for path, fmt in outputs:  # each file written is an audited export
                if path:
                    _write_bytes_atomically(Path(path), rs.export_report(report, fmt, session=session, actor=SYSTEM))
                    print(f"{path} に書き出しました", file=sys.stderr)
    except ReportUnavailable as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    if args.json:
        print(rs.report_json(report))
    elif not any(path for path, _ in outputs):
        print(f"{report.title}  {report.period_label}")
        for note in report.notes:
            print(f"※ {note}")
        for label, value in report.table("summary").rows:
            print(f"{label}: {'—' if value is None else value}")
    return 0


def _add_output_options(parser: argparse.ArgumentParser, what: str) -> None:
    """The files a report or document can be written to, and the database it is read from."""
    parser.add_argument("--pdf", metavar="FILE", help="write the PDF here")
    parser.add_argument("--csv", metavar="FILE", help="write the CSV (UTF-8 with BOM) here")
    parser.add_argument("--xlsx", metavar="FILE", help="write the Excel workbook here")
    parser.add_argument("--json", action="store_true", help=f"print the {what} as JSON")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")


def _contractor_name(session) -> str:
    """The contractor as the admin entered it on 受託者情報 (else the MADOGUCHI_CONTRACTOR setting)."""
    from dashboard.use_cases import contractor_services

    return contractor_services.contractor(session=session).name


def _contractor_name_of(engine) -> str:
    from sqlmodel import Session

    with Session(engine) as session:
        return _contractor_name(session)


def _write_bytes_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc}") from None


def cmd_bench_reports(args: argparse.Namespace) -> int:
    from bench.reports import run

    result = run(
        _fixtures(),
        args.database_url or get_settings().database_url,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def _documents_epilog() -> str:
    """Every document each site's contract asks for, as `report doc` takes them (issue 16)."""
    from core.documents import document_of, period_kind

    try:
        fixtures = _fixtures()
    except (FixtureError, OSError) as exc:  # help must not fail on a broken fixture
        return f"(site documents unavailable: {exc})"
    option = {
        "day": "--date YYYY-MM-DD",
        "month": "--month YYYY-MM",
        "year": "--year YYYY",
        "as_of": "[--date YYYY-MM-DD]",
    }
    lines = ["documents per site (madoguchi report doc SITE DOCUMENT ...):"]
    for site_id in sorted(fixtures.sites):
        site = fixtures.sites[site_id]
        lines.append(f"  {site_id} ({site.name})")
        for duty in site.reports:
            kind = period_kind(duty)
            made = option.get(kind, "") if document_of(duty) else "not produced here (submission recorded only)"
            lines.append(f"    {duty.id:<24} {duty.label}  {duty.clause}  {made}".rstrip())
    return "\n".join(lines)


class _ReportParser(argparse.ArgumentParser):
    """`report --help` ends with every document of every site, read from the profiles when asked."""

    def format_help(self) -> str:
        return super().format_help() + "\n" + _documents_epilog() + "\n"


def cmd_document(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from core.reports import ReportUnavailable
    from dashboard.use_cases import report_services as rs
    from dashboard.use_cases.access import SYSTEM
    from db.engine import make_engine

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    today = args.today or rs.tokyo_today()
    engine = make_engine(_existing_database(args.database_url))
    try:
        with Session(engine) as session:
            report = rs.build_document(
                site.id,
                args.document,
                session=session,
                fixtures=fixtures,
                today=today,
                contractor=_contractor_name(session),
                day=args.date,
                month=args.month,
                year=args.year,
                actor=SYSTEM,
            )
    except (ReportUnavailable, rs.InputError) as exc:
        raise UsageError(str(exc)) from None
    finally:
        engine.dispose()
    outputs = [(args.pdf, rs.report_pdf), (args.csv, rs.report_csv), (args.xlsx, rs.report_xlsx)]
    for path, render in outputs:
        if path:
            _write_bytes_atomically(Path(path), render(report))
            print(f"{path} に書き出しました", file=sys.stderr)
    if args.json:
        print(rs.report_json(report))
    elif not any(path for path, _ in outputs):
        print(f"{report.title}  {report.period_label}")
        for note in report.notes:
            print(f"※ {note}")
        for table in report.tables:
            print(f"■ {table.title}: {len(table.rows)} 行")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from dashboard.use_cases import report_services as rs
    from dashboard.use_cases.access import SYSTEM
    from db.engine import make_engine

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    today = args.today or rs.tokyo_today()
    engine = make_engine(args.database_url or get_settings().database_url)
    try:
        with Session(engine) as session:
            rows = rs.document_schedule(site.id, session=session, fixtures=fixtures, today=today, actor=SYSTEM)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rs.schedule_rows(rows):
        print("  ".join(str(v) for v in row.values()))
    return 0


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"not a year in YYYY form: {text!r}")
    return int(text)


def _add_report_commands(sub, bench) -> None:
    report = sub.add_parser(
        "report",
        help="daily and monthly reports and every document each city asks for (PDF, CSV, Excel, JSON)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.__class__ = _ReportParser  # the subparsers action makes plain parsers: this one lists the documents
    kinds = report.add_subparsers(dest="report_kind", required=True)
    daily = kinds.add_parser("daily", help="a site's daily report (日報) of one day")
    daily.add_argument("site")
    daily.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    monthly = kinds.add_parser("monthly", help="a site's monthly report (月報) of one month")
    monthly.add_argument("site")
    monthly.add_argument("--month", type=_month, required=True, metavar="YYYY-MM")
    for parser in (daily, monthly):
        _add_output_options(parser, "report")
        parser.set_defaults(func=cmd_report)
    document = kinds.add_parser("doc", help="any document a site's contract asks for (see the list below)")
    document.add_argument("site")
    document.add_argument("document", help="the duty id from the list in `madoguchi report --help`")
    document.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the day (daily) or the as-of date (lists)")
    document.add_argument("--month", type=_month, metavar="YYYY-MM", help="the month (monthly documents)")
    document.add_argument("--year", type=_year, metavar="YYYY", help="the contract year starting in YYYY (self-audit)")
    _add_output_options(document, "document")
    document.set_defaults(func=cmd_document)
    plan = kinds.add_parser("schedule", help="every document a site must hand in: period, deadline, status")
    plan.add_argument("site")
    plan.add_argument("--json", action="store_true", help="print as JSON")
    plan.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    plan.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    plan.set_defaults(func=cmd_schedule)
    bench_reports = bench.add_parser("reports", help="Kawanishi's monthly PDF at its peak month of data")
    bench_reports.add_argument("--json", action="store_true", help="one line of JSON (default: indented)")
    bench_reports.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    bench_reports.set_defaults(func=cmd_bench_reports)


# -- personal data, backup and restore (issue 14) ------------------------------------------------


def _confirm(args, question: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"{question} — refusing without confirmation: add --yes")
    answer = input(f"{question} [yes/no] ").strip().lower()
    if answer not in ("y", "yes", "はい"):
        raise UsageError("cancelled; nothing was changed")


def _certificate_path(args, site_id: str, person: str | None = None) -> Path:
    if args.certificate:
        return Path(args.certificate)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(f"erasure-certificate-{site_id}{'-' + person if person else ''}-{stamp}.pdf")


def _erasure_done(args, outcome, path: Path) -> int:
    _write_bytes_atomically(path, outcome.certificate())
    for key, count in outcome.record.counts.items():
        print(f"{key}: {count}")
    print(f"certificate: {path}")
    print("note: backups taken before this erasure still hold the data: delete them as well", file=sys.stderr)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from dashboard.use_cases import privacy_services as ps
    from dashboard.use_cases.access import SYSTEM
    from db.engine import make_engine
    from db.privacy_store import CompactionIncomplete

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    today = args.today or dt.date.today()
    if today <= site.contract.end and not args.before_contract_end:
        raise UsageError(
            f"{site.id}'s contract runs until {site.contract.end}; purging before its end needs --before-contract-end"
        )
    _confirm(args, f"erase every personal field of {site.id} ({site.name}) in {_existing_database(args.database_url)}?")
    engine = make_engine(_existing_database(args.database_url))
    try:
        outcome = ps.purge_site(
            site.id,
            engine=engine,
            fixtures=fixtures,
            today=today,
            contractor=_contractor_name_of(engine),
            before_contract_end=args.before_contract_end,
            actor=SYSTEM,
        )
    except ps.PurgeRefused as exc:
        raise UsageError(str(exc)) from None
    except CompactionIncomplete as exc:
        raise UsageError(f"erased, but {exc} (the old text may remain in the WAL until then)") from None
    finally:
        engine.dispose()
    return _erasure_done(args, outcome, _certificate_path(args, site.id))


def cmd_erase_person(args: argparse.Namespace) -> int:
    from dashboard.use_cases import privacy_services as ps
    from dashboard.use_cases.access import SYSTEM
    from db.engine import make_engine
    from db.privacy_store import CompactionIncomplete

    fixtures = _fixtures()
    site = _site_or_usage(fixtures, args.site)
    _confirm(args, f"erase the personal data of {args.staff_id} at {site.id}?")
    engine = make_engine(_existing_database(args.database_url))
    try:
        outcome = ps.erase_person(
            site.id,
            args.staff_id,
            engine=engine,
            fixtures=fixtures,
            contractor=_contractor_name_of(engine),
            actor=SYSTEM,
        )
    except ps.PurgeRefused as exc:
        raise UsageError(str(exc)) from None
    except CompactionIncomplete as exc:
        raise UsageError(f"erased, but {exc} (the old text may remain in the WAL until then)") from None
    finally:
        engine.dispose()
    return _erasure_done(args, outcome, _certificate_path(args, site.id, args.staff_id))


def cmd_purge_status(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from dashboard.use_cases import privacy_services as ps
    from db.engine import make_engine

    engine = make_engine(_existing_database(args.database_url))
    try:
        with Session(engine) as session:
            rows = ps.purge_status(_fixtures(), session=session, today=args.today or dt.date.today(), actor=SYSTEM)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"sites": rows}, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            state = f"purged {r['purged_at']}" if r["purged_at"] else ("OVERDUE" if r["overdue"] else "not purged")
            print(
                f"{r['site']:<10} end {r['contract_end']}  due {r['purge_due']}  "
                f"{'required' if r['purge_required'] else 'not required'}  {state}"
            )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from dashboard.use_cases.access import SYSTEM
    from db import backup

    try:
        info = backup.backup(_existing_database(args.database_url), Path(args.file), actor=SYSTEM.username)
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"backup written: {args.file} ({info})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from dashboard.use_cases.access import SYSTEM
    from db import backup

    url = args.database_url or get_settings().database_url
    if args.force:
        _confirm(args, f"overwrite {url} with {args.file}?")
    try:
        info = backup.restore(Path(args.file), url, force=args.force, actor=SYSTEM.username)
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"restored {args.file} into {url} ({info})")
    return 0


def _add_privacy_commands(sub) -> None:
    purge = sub.add_parser("purge", help="erase every personal field of a site at contract end; certificate PDF")
    purge.add_argument("site")
    purge.add_argument(
        "--before-contract-end",
        action="store_true",
        help="allow the purge while the contract still runs (explicit choice)",
    )
    erase = sub.add_parser("erase-person", help="erase one staff member's personal data on request; certificate PDF")
    erase.add_argument("site")
    erase.add_argument("staff_id")
    for parser in (purge, erase):
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--certificate", metavar="FILE", help="where to write the certificate PDF")
        parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    purge.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    purge.set_defaults(func=cmd_purge)
    erase.set_defaults(func=cmd_erase_person)
    status = sub.add_parser("purge-status", help="per site: contract end, purge due date, purged or not")
    status.add_argument("--json", action="store_true")
    status.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    status.add_argument("--database-url", default=None)
    status.set_defaults(func=cmd_purge_status)
    backup = sub.add_parser(
        "backup", help="a consistent copy of the database while it runs (SQLite online backup, pg_dump)"
    )
    backup.add_argument("file", metavar="FILE")
    backup.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="restore a backup; refuses a database holding data without --force")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--force", action="store_true", help="overwrite a database that holds data")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation with --force")
    restore.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    restore.set_defaults(func=cmd_restore)


# -- console users (issue 14) -----------------------------------------------------------------------


def _read_password(args: argparse.Namespace) -> str:
    """From one line of stdin (--password-stdin) or typed twice at a prompt; never echoed."""
    import getpass

    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("--password-stdin: nothing on standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for the password: pipe it in with --password-stdin")
    first = getpass.getpass("パスワード: ")
    if getpass.getpass("もう一度: ") != first:
        raise UsageError("the two passwords differ; nothing was changed")
    return first


def _users_session(args: argparse.Namespace):
    from contextlib import contextmanager

    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session

    from db.engine import make_engine

    @contextmanager
    def opened():
        engine = make_engine(args.database_url or get_settings().database_url)
        try:
            with Session(engine) as session:
                yield session
        except (OperationalError, ProgrammingError) as exc:
            raise UsageError(f"the database is not ready (run `madoguchi init` first): {exc.orig}") from None
        finally:
            engine.dispose()

    return opened()


def _user_call(action):
    from dashboard.use_cases.user_services import UserInputError

    try:
        return action()
    except UserInputError as exc:
        raise UsageError(str(exc)) from None


def cmd_users_add(args: argparse.Namespace) -> int:
    from dashboard.use_cases import user_services as us

    if args.all_sites and args.site:
        raise UsageError("give --site or --all-sites, not both")
    sites = None if args.all_sites or (args.role == "admin" and not args.site) else list(args.site)
    password = _read_password(args)
    with _users_session(args) as session:
        record = _user_call(
            lambda: us.add_user(args.login, args.name, args.role, password, sites, session=session, actor=SYSTEM)
        )
    print(
        f"added {record.login} ({record.role}; sites: "
        f"{'all' if record.sites is None else ', '.join(sorted(record.sites))})"
    )
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    from dashboard.use_cases import clock
    from dashboard.use_cases import user_services as us

    password = _read_password(args)
    with _users_session(args) as session:
        _user_call(
            lambda: us.change_password(args.login, password, session=session, actor=SYSTEM, now=clock.real_now())
        )
    print(f"password of {args.login} changed (a lock-out, if any, is lifted)")
    return 0


def cmd_users_disable(args: argparse.Namespace) -> int:
    from dashboard.use_cases import user_services as us

    with _users_session(args) as session:
        _user_call(lambda: us.set_disabled(args.login, not args.enable, session=session, actor=SYSTEM))
    print(f"{args.login} {'enabled' if args.enable else 'disabled'}")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from dashboard.use_cases import user_services as us

    with _users_session(args) as session:
        users = us.list_users(session=session, actor=SYSTEM)
    rows = [
        {
            "login": u.login,
            "name": u.display_name,
            "role": u.role,
            "sites": None if u.sites is None else sorted(u.sites),
            "disabled": u.disabled,
            "locked_until": u.locked_until.isoformat() if u.locked_until else None,
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
        }
        for u in users
    ]
    if args.json:
        print(json.dumps({"users": rows}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            state = "disabled" if row["disabled"] else ("locked" if row["locked_until"] else "active")
            sites = "all" if row["sites"] is None else ",".join(row["sites"])
            print(f"{row['login']:<24} {row['role']:<12} {state:<8} {sites:<30} {row['name']}")
    return 0


def _add_user_commands(sub) -> None:
    from dashboard.use_cases.access import Role

    users = sub.add_parser("users", help="console users: add, passwd, disable, list").add_subparsers(
        dest="users_command", required=True
    )
    add = users.add_parser("add", help="add a user (password typed twice, or one line on stdin)")
    add.add_argument("login", help="3–64 of a-z 0-9 . _ @ - (an e-mail for OIDC sign-in)")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument(
        "--site", action="append", default=[], metavar="SITE_ID", help="a site the user works for (repeatable)"
    )
    add.add_argument("--all-sites", action="store_true", help="every site (default for admin without --site)")
    add.set_defaults(func=cmd_users_add)
    passwd = users.add_parser("passwd", help="set a user's password (lifts a lock-out)")
    passwd.add_argument("login")
    passwd.set_defaults(func=cmd_users_passwd)
    disable = users.add_parser("disable", help="disable a user (sign-in refused); --enable undoes it")
    disable.add_argument("login")
    disable.add_argument("--enable", action="store_true", help="enable the user again")
    disable.set_defaults(func=cmd_users_disable)
    listing = users.add_parser("list", help="every user, role, sites and state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_users_list)
    for parser in (add, passwd):
        parser.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    for parser in (add, passwd, disable, listing):
        parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi", description="マイナンバーカード窓口 運営コンソール")
    sub = parser.add_subparsers(dest="command", required=True)

    sites = sub.add_parser("sites", help="site profiles").add_subparsers(dest="sites_command", required=True)
    check = sites.add_parser("check", help="validate site profile files; non-zero exit on the first bad one")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=cmd_sites_check)
    listing = sites.add_parser("list", help="list the site profiles in fixtures/")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_sites_list)

    calendar = sub.add_parser("calendar", help="a site's operating calendar")
    calendar.add_argument("site")
    calendar.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    calendar.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    calendar.add_argument("--json", action="store_true")
    calendar.set_defaults(func=cmd_calendar)

    erlang = sub.add_parser("erlang", help="Erlang C (or Erlang A with --patience-seconds) for one load")
    erlang.add_argument("--calls-per-hour", type=float, required=True)
    erlang.add_argument("--aht-seconds", type=float, required=True)
    erlang.add_argument("--target-seconds", type=float, required=True)
    erlang.add_argument("--patience-seconds", type=float, default=None, help="mean patience: Erlang A")
    goal = erlang.add_mutually_exclusive_group(required=True)
    goal.add_argument("--agents", type=int)
    goal.add_argument("--target-service-level", type=float, metavar="P")
    goal.add_argument("--target-answer-rate", type=float, metavar="P")
    erlang.add_argument("--json", action="store_true")
    erlang.set_defaults(func=cmd_erlang)

    staffing = sub.add_parser("staffing", help="a day's arrivals and requirement per slot and activity")
    staffing.add_argument("site")
    staffing.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    staffing.add_argument("--json", action="store_true")
    staffing.set_defaults(func=cmd_staffing)

    bench = sub.add_parser("bench", help="benchmarks that print JSON").add_subparsers(dest="bench", required=True)
    bench_staffing = bench.add_parser("staffing", help="requirements for a contract year; Erlang speed")
    bench_staffing.add_argument("--json", action="store_true", help="one line of JSON (default: indented)")
    bench_staffing.add_argument("--no-compare", action="store_true", help="skip the pyworkforce comparison")
    bench_staffing.set_defaults(func=cmd_bench_staffing)

    roster = sub.add_parser("roster", help="weekly rosters (CP-SAT)").add_subparsers(dest="roster", required=True)
    solve = roster.add_parser("solve", help="solve a site's week; the roster as JSON, progress on stderr")
    solve.add_argument("site")
    solve.add_argument(
        "--week",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="any date of the week; the week starts on its Monday",
    )
    solve.add_argument("--time-limit", type=float, default=10.0, metavar="S", help="seconds (default 10)")
    solve.add_argument("--out", metavar="FILE", help="write the roster here instead of stdout")
    solve.add_argument("--previous", metavar="FILE", help="re-roster: change this roster as little as possible")
    solve.add_argument(
        "--absent",
        action="append",
        default=[],
        metavar="STAFF_ID:YYYY-MM-DD",
        help="mark someone absent on a date (repeatable)",
    )
    solve.add_argument(
        "--lock",
        action="append",
        default=[],
        metavar="STAFF_ID:YYYY-MM-DD",
        help="keep this shift of --previous exactly (repeatable)",
    )
    solve.add_argument(
        "--lock-until",
        type=_date,
        metavar="YYYY-MM-DD",
        help="keep every shift of --previous up to and including this date",
    )
    solve.add_argument(
        "--previous-week",
        metavar="FILE",
        help="the published roster of the week before: rest and days in a row across the boundary",
    )
    solve.add_argument(
        "--database-url",
        default=None,
        help="staff and the week before come from here (default: DATABASE_URL or the SQLite file in "
        "data/; set up from the fixtures when empty)",
    )
    solve.set_defaults(func=cmd_roster_solve)
    check_roster = roster.add_parser("check", help="run the independent rule checker; non-zero exit on a violation")
    check_roster.add_argument("file", metavar="FILE")
    check_roster.add_argument("--json", action="store_true")
    check_roster.add_argument(
        "--previous-week", metavar="FILE", help="the published roster of the week before (rest, days in a row)"
    )
    check_roster.add_argument(
        "--database-url", default=None, help="staff and the week before come from here (default: DATABASE_URL or data/)"
    )
    check_roster.set_defaults(func=cmd_roster_check)

    bench_roster = bench.add_parser(
        "roster", help="four weeks per site against the best rosters on record, and a 20-site scale scenario"
    )
    bench_roster.add_argument("--json", action="store_true", help="one line of JSON (default: indented)")
    bench_roster.add_argument("--time-limit", type=float, default=10.0, help="seconds per site week (default 10)")
    bench_roster.add_argument("--scale-time-limit", type=float, default=60.0, help="seconds (default 60)")
    bench_roster.add_argument("--no-scale", action="store_true", help="skip the 20-site scenario")
    bench_roster.add_argument(
        "--bound-seconds",
        type=float,
        default=None,
        help="cap in seconds on each site week's integer template bound, beside the solve "
        "(default: bench.template_bound.INTEGER_SECONDS, 30; 0: the LP only)",
    )
    bench_roster.add_argument(
        "--reproducible",
        action="store_true",
        help="stop on CP-SAT deterministic time (0.1 per worker per second asked), fixed seed",
    )
    bench_roster.add_argument("--sites", metavar="A,B", help="only these sites (default: every site)")
    bench_roster.add_argument(
        "--weeks",
        metavar="KIND,DATE",
        help="only these weeks: kinds busy, weekend, holiday, leave, or Monday dates; scale: the scale scenario only",
    )
    bench_roster.add_argument(
        "--record-best",
        action="store_true",
        help="solve each week (and each scale copy) for --time-limit with no gap limit and "
        "lower the figures on record in bench/ where the checker accepts a better roster",
    )
    bench_roster.add_argument(
        "--from-record",
        action="store_true",
        help="with --record-best: start from each week's recorded roster and spend --time-limit on re-solving "
        "its dates and pairs of its people (optimizer.from_roster) instead of a new solve",
    )
    bench_roster.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="solve each week and the pool N times (1 to 20, default 1); each row is then the median run, "
        "and the goals count the medians (bench/roster_goals.py)",
    )
    bench_roster.add_argument(
        "--markdown", metavar="FILE.json", help="print the README table of a stored --json run (solves nothing)"
    )
    bench_roster.set_defaults(func=cmd_bench_roster)
    bench_first = bench.add_parser(
        "first-roster",
        help="seconds to the first roster with 0 hard violations on every benchmark week, with the cores kept busy",
    )
    bench_first.add_argument("--json", action="store_true", help="one line of JSON (default: indented)")
    bench_first.add_argument(
        "--busy", type=int, default=None, help="processes spinning beside it (default: one per CPU; 0: none)"
    )
    bench_first.add_argument("--runs", type=int, default=3, help="passes over the weeks (default 3)")
    bench_first.add_argument(
        "--time-limit", type=float, default=10.0, help="the solve's time limit, which sets its shares (default 10)"
    )
    bench_first.add_argument("--sites", metavar="A,B", help="only these sites (default: every site)")
    bench_first.add_argument("--weeks", metavar="KIND", help="only these kinds: busy, weekend, holiday, leave")
    bench_first.set_defaults(func=cmd_bench_first_roster)

    demo = sub.add_parser("demo", help="90 days of demo history, then today's activity arriving live")
    demo.add_argument("--days", type=int, default=90, help="days of history (default 90)")
    demo.add_argument("--reset", action="store_true", help="delete operational records and fill again")
    demo.add_argument("--no-live", action="store_true", help="fill the history and stop (no live feed)")
    demo.add_argument("--live-only", action="store_true", help="run the live feed on existing history")
    demo.add_argument("--speed", type=float, default=4.0, help="demo clock speed (default 4× real time)")
    demo.add_argument("--interval", type=float, default=2.0, help="seconds between live ticks")
    demo.add_argument(
        "--roster-seconds",
        type=float,
        default=10.0,
        help="solver time per site for this week's roster (solved in the background)",
    )
    demo.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    demo.set_defaults(func=cmd_demo)
    bench_live = bench.add_parser(
        "live", help="concurrent clerks (SQLite, and PostgreSQL via DATABASE_URL); 現況 speed"
    )
    bench_live.add_argument("--workers", type=int, default=8)
    bench_live.add_argument("--ops", type=int, default=10000)
    bench_live.add_argument("--json", action="store_true")
    bench_live.add_argument(
        "--writes-only",
        action="store_true",
        help="only the concurrent writers and the raw insert rate (skip the 現況 year of history)",
    )
    bench_live.set_defaults(func=cmd_bench_live)

    _add_report_commands(sub, bench)
    _add_privacy_commands(sub)
    _add_user_commands(sub)
    from dashboard.cli.records import add_record_commands  # issue 17: city bookings, attendance

    add_record_commands(sub)

    init = sub.add_parser("init", help="create or upgrade the database and load the fixtures")
    init.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    init.set_defaults(func=cmd_init)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from core.privacy.personal_data import PersonalDataFound
    from core.privacy.text_input import TextRefused
    from dashboard.use_cases.access import AccessDenied
    from db.engine import DatabaseBusy

    try:
        return args.func(args)
    except (UsageError, FixtureError, TextRefused, PersonalDataFound, AccessDenied) as exc:
        print(f"madoguchi: {exc}", file=sys.stderr)
        return 2
    except DatabaseBusy as exc:
        print(
            f"madoguchi: the database stayed locked by other writers ({exc}); nothing was written, try again",
            file=sys.stderr,
        )
        return 2
    except (DBAPIError, ArgumentError) as exc:  # unreachable server, wrong password, bad URL, no schema
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"madoguchi: database error: {reason}", file=sys.stderr)
        return 2
    except RecursionError:
        print("madoguchi: input nested too deeply", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""`madoguchi` command line. Subcommands print JSON with --json, plain text otherwise.

Errors go to stderr with a message that names what was wrong; the exit code is 2 for bad input
and 1 for a failed check."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from core.calendar import SiteCalendar
from core.fixtures import (
    FixtureError,
    check_site_against_catalogue,
    load_catalogue,
    load_fixtures,
    load_site_profile,
)
from db.settings import get_settings


class UsageError(Exception):
    """Bad input from the command line; the message is shown as is."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _fixtures():
    return load_fixtures(get_settings().fixtures_dir)


def cmd_sites_check(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(get_settings().fixtures_dir / "national.toml")
    for path in args.files:
        try:
            profile = load_site_profile(Path(path))
            check_site_against_catalogue(profile, catalogue, Path(path))
        except FixtureError as exc:
            print(f"NG {exc}", file=sys.stderr)
            return 1
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
    try:
        site = fixtures.site(args.site)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
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
    from core import erlang

    if args.target_answer_rate is not None and args.patience_seconds is None:
        raise UsageError("--target-answer-rate needs --patience-seconds (answer rate is an Erlang A figure)")
    try:
        if args.agents is not None:
            agents = args.agents
        elif args.target_service_level is not None:
            agents = erlang.agents_for_service_level(
                args.calls_per_hour, args.aht_seconds, args.target_seconds,
                args.target_service_level, args.patience_seconds,
            )
        else:
            agents = erlang.agents_for_answer_rate(
                args.calls_per_hour, args.aht_seconds, args.target_answer_rate,
                args.patience_seconds, args.target_seconds,
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
    from core.requirements import StaffingModel

    fixtures = _fixtures()
    try:
        site = fixtures.site(args.site)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    if not site.contract.start <= args.date <= site.contract.end:
        raise UsageError(
            f"{args.date} is outside {site.id}'s contract ({site.contract.start} – {site.contract.end})"
        )
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
        print(f"{r.slot:%H:%M} {r.activity.value:<13} 到着{r.arrivals:6.2f}  必要{r.need:>2} "
              f"最少{r.floor} 上限{r.cap} → {r.required}（{r.reason}）{flag}")
    return 0


def cmd_bench_staffing(args: argparse.Namespace) -> int:
    from bench.staffing import run

    result = run(_fixtures(), compare=not args.no_compare)
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from db.setup import init_database

    report = init_database(args.database_url)
    print(report.describe())
    return 0


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

    init = sub.add_parser("init", help="create or upgrade the database and load the fixtures")
    init.add_argument("--database-url", default=None, help="default: DATABASE_URL or the SQLite file in data/")
    init.set_defaults(func=cmd_init)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, FixtureError) as exc:
        print(f"madoguchi: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())

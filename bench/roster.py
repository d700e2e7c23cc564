"""`madoguchi bench roster`: four weeks per site (busy, weekend session, national holiday, leave;
bench/roster_weeks.py says how each is chosen) with the site's demo staff, and a scale scenario of
20 sites (four copies of each profile on its busy week, about 300 staff) solved as a pool.

Per site week: the checker's penalty (`penalty`, core.roster_check.score, switches included),
the best proven bound (`best_bound`: the better of CP-SAT's bound in the solve, `solver_bound`, and
the shift-template model's bound computed beside it, `template_bound`, bench/template_bound.py: the
better of its LP, `template_lp`, and its integer root node, `template_integer_bound`),
the proven gap (penalty − bound) / penalty (`proven_gap_solver` on CP-SAT's bound alone), the best known penalty of
the week (bench/best_known.json, from a long run) and the gap to it (penalty − best known) / penalty,
the seconds, the seconds to the first roster with 0 hard violations when the solver reports it
(`first_acceptable_seconds`), and the hard violations the checker finds (must be 0). Where the
gap to the best known lies: the checker's penalty per rule of the row's roster (`penalty_by_rule`) and
of the recorded best-known roster (`best_known_by_rule`, checked again; absent with no figure). Where
its time went: the median run's `steps` (optimizer.solve `_Run.step`: each step's name, from and to in
seconds, the best acceptable penalty before and after it; stage one also its objective and bound).

`--record-best` solves every selected week (and each scale copy problem) for the time limit with no
gap limit (in reproducible mode: as the benchmark does, so it records what a reproducible run finds),
and lowers bench/best_known.json where the checker accepts a better roster. With `--from-record` it
solves nothing from scratch: each week's recorded roster is the start, and the date and pair re-solves
(optimizer.from_roster) spend the time limit on it.

`repeat` (`--repeat N`) solves each week, and the pool, N times: one run is luck (single runs of the
same code spread by several per cent on Ageo's and Kawanishi's weeks), so a row is then the median
run (its own figures, so that penalty, bound and gaps stay one roster's), and `runs` lists every
run's penalty, violations and seconds. The goals' verdicts (bench/roster_goals.py) count the medians
and every run's hard violations and first acceptable roster."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench import best_known
from bench.roster_goals import goals
from bench.roster_weeks import KINDS, SiteWeek, build, fingerprint, plan, problem_of, unmatched_dates
from bench.template_bound import INTEGER_SECONDS, TemplateBound, template_bound
from core.profile.fixtures import Fixtures
from core.profile.site_profile import SiteProfile
from core.roster.model import Roster, RosterProblem
from core.staff.members import StaffMember
from core.vocabulary import StaffRole
from optimizer import from_roster
from optimizer.solve import reproducible, solve, solve_many

SCALE_COPIES = 4
SCALE_EXTRA_SHARE = 0.35  # extra agents per copy, so the 20 sites have about 300 staff
RECORD_GAP = 0.0  # a record run on wall time never stops early on the gap
# A reproducible record run solves exactly as the benchmark does (the solver's default gap limit, which
# also steers CP-SAT's search), so it records the very roster a reproducible benchmark run found.
BENCH_GAP = 0.005


class UnknownWeek(ValueError):
    """A --weeks date that is no benchmark week of the selected sites."""


def busy_week(site: SiteProfile, fixtures: Fixtures) -> dt.date:
    """The contract week with the most required person-slots (first one on a tie)."""
    return plan(fixtures, sites=[site.id], kinds=["busy"]).weeks[0].week_start


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


# a site with no proven bound (a pool's lanes do not search, and Ageo's template LP does not end in its
# time) counts 0 in the pool's: every weight is at least 0 (core.profile RosterWeights), so is a penalty
NO_BOUND = 0.0


def pool_bound(per_site: list[float | None]) -> float:
    """A pool's proven bound: its sites' summed, `NO_BOUND` where a site has none."""
    return sum(NO_BOUND if bound is None else bound for bound in per_site)


def best_bound(solver_bound: float | None, template: TemplateBound | None) -> float | None:
    """The better of the two proven bounds: CP-SAT's in the solve, the template LP's beside it."""
    found = [b for b in (solver_bound, template.value if template else None) if b is not None]
    return max(found) if found else None


def median(runs: list, rank: Callable) -> int:
    """The index of the median run by `rank` (with an even count, the worse of the two middle runs,
    so that a verdict never rests on the luckier half); the first such run on a tie."""
    order = sorted(range(len(runs)), key=lambda i: (rank(runs[i]), i))
    return order[len(runs) // 2]


def _roster_rank(run: tuple) -> tuple[bool, int]:
    roster = run[0]
    return bool(roster.violations) or roster.objective is None, roster.penalty_total


def run_summary(roster, seconds: float, known: float | None) -> dict:
    """One run of a repeated week: what its verdicts need."""
    solved = roster.objective is not None
    return {
        "penalty": roster.penalty_total,
        "gap_to_best_known": best_known.gap(roster.penalty_total, known) if solved else None,
        "hard_violations": len(roster.violations),
        "seconds": round(seconds, 2),
        "first_acceptable_seconds": _rounded(getattr(roster, "first_acceptable_seconds", None), 2),
    }


def week_row(
    week: SiteWeek,
    problem: RosterProblem,
    runs: list[tuple],
    store: dict,
    template: TemplateBound | None = None,
    store_path: Path = best_known.DEFAULT_PATH,
) -> dict:
    """The week's row: the median run's figures (`runs`: (roster, seconds) per solve), and every run's;
    `store` was read from `store_path` (the best-known rosters lie beside it)."""
    index = median(runs, _roster_rank)
    roster = runs[index][0]
    penalty = roster.penalty_total
    known, stale = best_known.figure(store, week.key, fingerprint(problem))
    summaries = [run_summary(r, s, known) for r, s in runs]
    run = summaries[index]
    # the template LP speaks for rosters that keep the hard rules: only quoted for such a roster
    bound = best_bound(roster.best_bound, template if not roster.violations else None)
    row = {
        "site": week.site,
        "week_start": week.week_start.isoformat(),
        "kind": week.kind,
        "absences": [[who, day.isoformat()] for who, day in week.absences],
        "staff": len(problem.staff),
        "open_days": len(problem.days),
        "status": roster.status,
        "penalty": penalty,
        "best_bound": _rounded(bound),
        "proven_gap": best_known.gap(penalty, bound) if roster.objective is not None else None,
        "solver_bound": _rounded(roster.best_bound),
        "proven_gap_solver": best_known.gap(penalty, roster.best_bound) if roster.objective is not None else None,
        "template_bound": template.value if template else None,
        "template_lp": template.lp if template else None,
        "template_bound_seconds": template.seconds if template else None,
        "template_integer_bound": template.integer if template else None,
        "template_integer_seconds": template.integer_seconds if template else None,
        "best_known": known,
        "gap_to_best_known": run["gap_to_best_known"],
        "seconds": run["seconds"],
        "first_acceptable_seconds": run["first_acceptable_seconds"],
        "hard_violations": run["hard_violations"],
        "violated_rules": sorted({v["rule"] for v in roster.violations}),
        "solver_objective": roster.solver_objective,
        "shifts": len(roster.shifts),
        "penalty_by_rule": best_known.costs_by_rule(roster.penalties or []),
        "steps": roster.steps,
        "runs": summaries,
    }
    if known is not None:
        row["best_known_by_rule"] = best_known.recorded_by_rule(store_path, store["weeks"][week.key], problem)
    if stale:
        row["best_known_stale"] = True
    return row


def _clone_staff(member: StaffMember, suffix: str) -> StaffMember:
    return member.model_copy(update={"id": f"{member.id}-{suffix}", "name": f"{member.name}{suffix}"})


def scale_problem(fixtures: Fixtures, site_id: str, week: dt.date, copy: int) -> RosterProblem:
    """Copy `copy` of a site on a week: its staff renamed, and 35% more agents (clones of its
    agents in turn). The copies of one site differ only by names (their fingerprints are equal)."""
    site = fixtures.sites[site_id]
    clone = site.model_copy(update={"id": f"{site.id}_{copy}"})
    members = fixtures.staff[site.id].staff
    staff = [_clone_staff(m, f"c{copy}") for m in members]
    agents = [m for m in members if m.role == StaffRole.AGENT]
    extra = round(len(members) * SCALE_EXTRA_SHARE)
    staff += [_clone_staff(agents[i % len(agents)], f"c{copy}x{i}") for i in range(extra)]
    return build(fixtures, site.id, week, (), staff=staff, site=clone)


def recorded_problem(fixtures: Fixtures, weeks: dict, key: str, entry: dict) -> RosterProblem | None:
    """The problem a best-known entry was recorded on (`record_best`): a scale copy's, or the benchmark
    week's (`weeks`: roster_weeks.plan's weeks by key); None where the key is no benchmark week now."""
    if entry["kind"] == "scale_copy":
        return scale_problem(fixtures, entry["site"], dt.date.fromisoformat(entry["week_start"]), entry["copy"])
    return problem_of(fixtures, weeks[key]) if key in weeks else None


def scale_key(site_id: str, week: dt.date) -> str:
    return f"scale/{site_id}/{week.isoformat()}"


def scale_problems(fixtures: Fixtures, weeks: dict[str, dt.date]) -> list[RosterProblem]:
    return [
        scale_problem(fixtures, site.id, weeks[site.id], copy)
        for copy in range(1, SCALE_COPIES + 1)
        for site in fixtures.sites.values()
    ]


def _copy_figure(store: dict, problem: RosterProblem) -> tuple[str, int | None]:
    """A scale copy's site and its best known (None when not recorded or stale): every copy of a site
    is the same problem up to names (checked by fingerprint), so one recorded roster per site serves
    its four copies."""
    base = problem.site.id.rsplit("_", 1)[0]
    known, _ = best_known.figure(store, scale_key(base, problem.week_start), fingerprint(problem))
    return base, known


def scale_best_known(store: dict, problems: list[RosterProblem]) -> tuple[int | None, list[str]]:
    """The scale scenario's best known: the sum over its 20 sites of the best known of each copy's
    problem (`_copy_figure`). None, with the sites missing, when any is not recorded or stale."""
    total, missing = 0, []
    for problem in problems:
        _, known = _copy_figure(store, problem)
        if known is None:
            missing.append(problem.site.id)
        else:
            total += known
    return (None if missing else total), missing


def pool_by_site(problems: list[RosterProblem], rosters: list[Roster], store: dict) -> list[dict]:
    """One pool run per site, its copies summed: the penalty, the best known (None when a copy has no
    current figure), the gap (None unless every copy was solved), the hard violations, the seconds a
    copy took, and the seconds a copy spent in each step of the solve (`Roster.steps`, averaged over
    the copies; a step that ran twice counts both times), in the order the steps first ran. In the
    pool a copy has 2 to 10 s on one core, and the steps that take a fixed amount of work (the
    constructor's trades, the week moves) weigh more there than in a 10 s week on two (thirty-first
    session: the trades ran to 45 % of Ageo's copies' time)."""
    copies: dict[str, list[tuple[RosterProblem, Roster, int | None]]] = {}
    for problem, roster in zip(problems, rosters, strict=True):
        base, known = _copy_figure(store, problem)
        copies.setdefault(base, []).append((problem, roster, known))
    out = []
    for base, found in copies.items():
        site_rosters = [roster for _, roster, _ in found]
        knowns = [known for _, _, known in found]
        penalty = sum(roster.penalty_total for roster in site_rosters)
        known = None if None in knowns else sum(knowns)
        spent: dict[str, float] = {}
        for roster in site_rosters:
            for step in roster.steps:
                spent[step["step"]] = spent.get(step["step"], 0.0) + step["to"] - step["from"]
        out.append(
            {
                "site": base,
                "copies": len(found),
                "staff": len(found[0][0].staff),
                "penalty": penalty,
                "best_known": known,
                "gap_to_best_known": best_known.gap(penalty, known)
                if all(roster.objective is not None for roster in site_rosters)
                else None,
                "hard_violations": sum(len(roster.violations) for roster in site_rosters),
                # every solve() ends in _Run.finish, which sets the seconds
                "seconds": round(sum(roster.seconds for roster in site_rosters) / len(found), 2),
                "step_seconds": {name: round(total / len(found), 2) for name, total in spent.items()},
            }
        )
    return out


def _pool_summary(item: tuple, known: int | None) -> dict:
    pool, seconds = item
    solved = all(r.objective is not None for r in pool.rosters)
    penalty = sum(r.penalty_total for r in pool.rosters)
    firsts = [getattr(r, "first_acceptable_seconds", None) for r in pool.rosters]
    return {
        "penalty": penalty,
        "gap_to_best_known": best_known.gap(penalty, known) if solved else None,
        "hard_violations": sum(len(r.violations) for r in pool.rosters),
        "seconds": round(seconds, 2),
        "first_acceptable_seconds": None if None in firsts else round(max(firsts), 2),
    }


def _scale(
    fixtures: Fixtures,
    weeks: dict[str, dt.date],
    time_limit: float,
    store: dict,
    progress: Callable[[str], None],
    repeat: int = 1,
) -> dict:
    problems = scale_problems(fixtures, weeks)
    known, missing = scale_best_known(store, problems)
    pools = []
    for attempt in range(repeat):
        started = time.perf_counter()
        pool = solve_many(problems, time_limit=time_limit, relative_gap=0.02)
        pools.append((pool, time.perf_counter() - started))
        if repeat > 1:
            progress(f"scale: run {attempt + 1} of {repeat}: penalty {sum(r.penalty_total for r in pool.rosters)}")

    def rank(item: tuple) -> tuple[bool, int]:
        rosters = item[0].rosters
        unsolved = any(r.violations or r.objective is None for r in rosters)
        return unsolved, sum(r.penalty_total for r in rosters)

    index = median(pools, rank)
    pool, seconds = pools[index]
    runs = [_pool_summary(item, known) for item in pools]
    run = runs[index]
    solved = all(r.objective is not None for r in pool.rosters)
    penalty = run["penalty"]
    # the copies of one site are the same problem up to renaming: one LP each
    templates: dict[str, TemplateBound] = {}
    for problem in problems:
        key = fingerprint(problem)
        if key not in templates:
            templates[key] = template_bound(problem)
            found = templates[key]
            progress(f"scale: template LP bound of {problem.site.id}: {found.value} in {found.seconds} s")
    # the pool's penalty is the sum of its sites': per site the better bound, summed
    per_site = [
        best_bound(r.best_bound, None if r.violations else templates[fingerprint(p)])
        for p, r in zip(problems, pool.rosters)
    ]
    bound = pool_bound(per_site)
    values = [templates[fingerprint(problem)].value for problem in problems]
    template = None if None in values else sum(values)
    result = {
        "sites": len(problems),
        "staff": sum(len(p.staff) for p in problems),
        "weeks": {site: week.isoformat() for site, week in weeks.items()},
        "status": pool.status,
        "penalty": penalty,
        "best_bound": _rounded(bound),
        "proven_gap": best_known.gap(penalty, bound) if solved else None,
        "solver_bound": _rounded(pool.best_bound),
        "proven_gap_solver": best_known.gap(penalty, pool.best_bound) if solved else None,
        "template_bound": template,
        "template_bound_seconds": round(sum(t.seconds for t in templates.values()), 2),
        "best_known": known,
        "gap_to_best_known": run["gap_to_best_known"],
        "seconds": run["seconds"],
        "first_acceptable_seconds": run["first_acceptable_seconds"],
        "hard_violations": run["hard_violations"],
        "sites_not_acceptable": sum(1 for r in pool.rosters if r.violations or r.objective is None),
        "goal": "within 2% of the best known in 60 s",
        "time_limit": time_limit,
        "runs": runs,
        "by_site": pool_by_site(problems, pool.rosters, store),
    }
    if missing:
        result["best_known_missing"] = missing
    progress(f"scale: {pool.status} penalty {penalty} bound {result['best_bound']} in {seconds:.1f} s")
    return result


def run(
    fixtures: Fixtures,
    time_limit: float = 10.0,
    scale_time_limit: float = 60.0,
    scale: bool = True,
    progress: Callable[[str], None] = lambda line: None,
    sites: list[str] | None = None,
    weeks: list[str] | None = None,
    store_path: Path = best_known.DEFAULT_PATH,
    bound_seconds: float | None = None,
    repeat: int = 1,
) -> dict:
    """The benchmark. `sites`: site ids to run (default all); `weeks`: kinds (busy, weekend,
    holiday, leave) or Monday dates to run (default all). The scale scenario always uses every
    site's busy week. `bound_seconds`: the cap on each site week's integer template root
    (bench/template_bound.py; None: INTEGER_SECONDS; 0 leaves it out); the scale scenario quotes the
    LP only. `repeat`: solves per week and of the pool; each row is the median run (module docstring)."""
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, not {repeat}")
    if bound_seconds is None:
        bound_seconds = INTEGER_SECONDS
    store = best_known.load(store_path)
    chosen = plan(fixtures, sites, weeks)
    if unmatched_dates(chosen, weeks):
        raise UnknownWeek(
            f"--weeks: {', '.join(unmatched_dates(chosen, weeks))} is no benchmark week of the sites "
            f"selected; their weeks: {', '.join(sorted({w.key for w in plan(fixtures, sites).weeks}))}"
        )
    rows = []
    for week in chosen.weeks:
        problem = problem_of(fixtures, week)
        runs = []
        for attempt in range(repeat):
            started = time.perf_counter()
            roster = solve(problem, time_limit=time_limit, relative_gap=BENCH_GAP)
            runs.append((roster, time.perf_counter() - started))
            if repeat > 1:
                progress(f"{week.key}: run {attempt + 1} of {repeat}: penalty {roster.penalty_total}")
        # beside the solves, outside their time limit
        template = template_bound(problem, integer_seconds=bound_seconds)
        row = week_row(week, problem, runs, store, template, store_path)
        progress(
            f"{week.key}: {row['status']} penalty {row['penalty']} bound {row['best_bound']}"
            f" best known {row['best_known']} in {row['seconds']} s (template LP {template.lp} in"
            f" {template.seconds} s, integer root {template.integer} in {template.integer_seconds} s)"
        )
        rows.append(row)
    result = {
        "benchmark": "roster",
        "reproducible": reproducible(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "time_limit_per_site": time_limit,
        "repeat": repeat,
        "kinds": list(KINDS),
        "weeks": rows,
        "weeks_not_applicable": chosen.not_applicable,
        "goal_weeks": "0 hard violations; within 1% of the best known and proven gap <= 2% in 10 s;"
        " first acceptable roster <= 2 s",
    }
    if scale:
        busy = {w.site: w.week_start for w in plan(fixtures, kinds=["busy"]).weeks}
        result["scale"] = _scale(fixtures, busy, scale_time_limit, store, progress, repeat)
    result["goals"] = goals(result)
    return result


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(best_known.BENCH_DIR), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def record_best(
    fixtures: Fixtures,
    time_limit: float,
    command: str,
    progress: Callable[[str], None] = lambda s: None,
    sites: list[str] | None = None,
    weeks: list[str] | None = None,
    scale: bool = True,
    store_path: Path = best_known.DEFAULT_PATH,
    from_record: bool = False,
) -> dict:
    """Solve each selected week (and, with `scale`, each site's scale copy problem) for
    `time_limit` seconds with no gap limit; lower the recorded figures where the checker accepts
    a better roster. The store is saved after every week (a long run stopped half way keeps what it found).
    `from_record`: start from the week's recorded roster and improve it (optimizer.from_roster) instead;
    a week with no current record is skipped."""
    store = best_known.load(store_path)
    commit = _commit()
    jobs: list[tuple[str, RosterProblem, dict]] = []
    for week in plan(fixtures, sites, weeks).weeks:
        about = {
            "site": week.site,
            "week_start": week.week_start.isoformat(),
            "kind": week.kind,
            "absences": [[who, day.isoformat()] for who, day in week.absences],
        }
        jobs.append((week.key, problem_of(fixtures, week), about))
    if scale:
        for week in plan(fixtures, sites, ["busy"]).weeks:
            about = {
                "site": week.site,
                "week_start": week.week_start.isoformat(),
                "kind": "scale_copy",
                "absences": [],
                "copy": 1,
            }
            jobs.append(
                (scale_key(week.site, week.week_start), scale_problem(fixtures, week.site, week.week_start, 1), about)
            )
    outcomes = []
    gap = BENCH_GAP if reproducible() else RECORD_GAP
    for key, problem, about in jobs:
        started = time.perf_counter()
        method = None
        if from_record:
            penalty, stale = best_known.figure(store, key, fingerprint(problem))
            start, why = None, "its figure is stale" if stale else "nothing is recorded"
            if penalty is not None:
                try:
                    start = best_known.read_roster(store_path, store["weeks"][key])
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    why = f"its roster file cannot be read ({exc})"
            if start is None:
                progress(f"{key}: skipped ({why}: no roster to start from)")
                outcomes.append(best_known.Outcome(key, False, None, penalty, f"skipped: {why}").to_json())
                continue
            descent = from_roster.improve(
                problem, start.shifts, time_limit=time_limit, progress=lambda line, key=key: progress(f"{key}: {line}")
            )
            roster = descent.roster
            method = {
                "start": "the recorded roster",
                "per_date_seconds": from_roster.PER_DATE_SECONDS,
                "per_pair_seconds": from_roster.PER_PAIR_SECONDS,
                "workers": from_roster.WORKERS,
                "settled": descent.settled,
            }
        else:
            roster = solve(problem, time_limit=time_limit, relative_gap=gap)
        seconds = time.perf_counter() - started
        found = best_known.found_by(
            command, time_limit, gap, reproducible(), seconds, roster.best_bound, commit, method=method
        )
        outcome = best_known.record(store, store_path, key, problem, fingerprint(problem), roster, found, about)
        best_known.save(store, store_path)
        progress(f"{key}: penalty {outcome.penalty} ({outcome.reason}; before {outcome.previous}) in {seconds:.1f} s")
        outcomes.append(outcome.to_json())
    return {"benchmark": "roster", "record_best": True, "time_limit": time_limit, "outcomes": outcomes}

"""Solve roster problems with CP-SAT and hand back checked Rosters.

The answer is never a bare "infeasible": floors and presence are elastic in the model, so the solver
always returns the roster that breaks them least, and the independent checker names each broken rule
with its slots and reason. Such a roster is marked not acceptable."""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from ortools.sat.python import cp_model

from core.roster.check import check, score
from core.roster.diff import changes
from core.roster.model import Roster, RosterProblem, Shift
from core.roster.rules.ids import RuleId
from optimizer import gc_pause, one_date, people_weeks, switchers, symmetry
from optimizer.assign import assign, assign_greedy
from optimizer.construct import Constructor
from optimizer.hints import set_hint, solve_hint
from optimizer.model import SiteModel
from optimizer.rematch import rematch
from optimizer.repair import complete, repair_date, repair_date_and_people
from optimizer.week_moves import kick_groups, move_pairs, move_weeks


@dataclass(frozen=True)
class Progress:
    seconds: float
    objective: float
    best_bound: float

    @property
    def gap(self) -> float:
        return abs(self.objective - self.best_bound) / max(1.0, abs(self.objective))

    def line(self) -> str:
        return (
            f"{self.seconds:7.2f} s  目的関数 {self.objective:,.0f}  下界 {self.best_bound:,.0f}"
            f"  差 {self.gap * 100:.2f}%"
        )


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        on_progress: Callable[[Progress], None] | None,
        should_stop: Callable[[], bool] | None,
        run: _Run | None = None,
    ):
        super().__init__()
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.started = time.perf_counter()
        self.stopped = False
        self.run = run
        self.quick_done = run is None
        self.switch_stopped = False  # stage one handed over to the switch-exact re-solves (polish)
        self.stalled = False  # stage one handed over because it found nothing better for a while
        self.improved: float | None = None  # when the search last found a better solution

    def on_solution_callback(self) -> None:
        self.improved = time.perf_counter()
        if not self.quick_done and self.run.first_acceptable is None:
            # the first solution of the search, when the constructive roster was not acceptable:
            # a checked roster exists from this moment (the greedy matching takes milliseconds)
            self.quick_done = True
            self.run.quick(self.value)
        if self.run is not None and self.run.switches_weigh_more(
            self.objective_value, self.best_objective_bound, self.value
        ):
            self.switch_stopped = True
            self.stop_search()
        if self.on_progress is not None:
            # seconds since the solve began, not since this search began
            since = self.run.elapsed() if self.run is not None else time.perf_counter() - self.started
            self.on_progress(Progress(since, self.objective_value, self.best_objective_bound))
        if self.should_stop is not None and self.should_stop():
            self.stopped = True
            self.stop_search()


class _StopWatch:
    """Polls `should_stop` while CP-SAT searches and stops the search when it says so: a stop
    request takes effect within a fraction of a second, not only at the next improving roster.
    With `stall` (seconds), it also stops a search that found nothing better for that long."""

    def __init__(
        self,
        solver: cp_model.CpSolver,
        should_stop: Callable[[], bool] | None,
        reporter: _Reporter,
        stall: float | None = None,
    ):
        self.solver, self.should_stop, self.reporter, self.stall = solver, should_stop, reporter, stall
        self.done = threading.Event()
        watch = should_stop is not None or stall is not None
        self.thread = threading.Thread(target=self._run, daemon=True) if watch else None

    def _run(self) -> None:
        while not self.done.wait(0.2):
            if self.should_stop is not None and self.should_stop():
                self.reporter.stopped = True
                self.solver.stop_search()
                return
            improved = self.reporter.improved
            if self.stall is not None and improved is not None and time.perf_counter() - improved > self.stall:
                self.reporter.stalled = True
                self.solver.stop_search()
                return

    def __enter__(self) -> _StopWatch:
        if self.thread is not None:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


# Reproducible mode (tests, benchmarks): the search stops on CP-SAT's deterministic time, a
# count of work done that does not depend on how busy the machine is, with a fixed seed and a fixed
# number of workers; wall time is only a safety cap. Each requested second becomes this much
# deterministic time per worker, so that a reproducible solve takes about the seconds asked on an
# idle 2-core machine with 8 workers time-sliced. Measured (eighth session, /work/s8/rate.py): at 0.3
# a 5 s solve of Seto's busy week took 15.4 s (its main search 11.8 s for 1.1 units); at 0.1 the five
# busy weeks' 10 s solves took 6.8 to 13.3 s (the units per second differ by site: 0.1 on Seto's
# week, 0.3 on Ageo's). Presolve counts: on Ageo's busy week it alone costs 0.56 units, so a search
# given less (a 5 s solve) returns nothing, not even its complete hint, and no bound; the answer is
# then the constructive roster. The safety cap is wide: at a load average of 25 on 2 cores a 10 s
# solve took 140 s of wall time, and a cap reached would make the answer depend on the load again.
# Whatever happens, the answer is never worse than the constructive roster when that keeps the hard
# rules.
DETERMINISTIC_PER_SECOND = 0.1
# on the wall clock, trading hours in the constructor stops once this share of the limit is spent
# (with an 8-worker solve beside it, Ageo's trades took 7 s of a 10 s solve; on an idle machine they
# end at 2.8 s of 10)
TRADE_SHARE = 0.45
# ... and the second round (between colleagues who are both short) at this share where the first
# round traded nothing. Where everyone is short (Kawanishi) the first round has nobody to trade with
# and the second's passes take a fixed amount of work: in the 20-site pool, where a copy has 2 to
# 10 s on one core, Kawanishi's copies spent 45 % of it there and the week moves after stage one were
# starved; where the first round trades (Ageo, Tamano, a little at Seto) the passes pay and keep
# TRADE_SHARE (all trades at 0.25: Ageo's copies 12.8 to 13.0 % above their record against 10.3 to
# 11.0 %). Thirty-first session, 60 s pool runs (`/work/s31/poolab.sh`, idle, alternating, three runs
# each): 236 375, 236 825, 235 855 against 236 945, 237 405, 236 870 (Kawanishi's copies 7.5 to 8.2 %
# against 8.2 to 8.6 %); Kawanishi's and Seto's eight 10 s weeks 45 555 and 45 795 against 45 585 and
# 45 755 (there the passes take 1.3 to 2.6 s of the 10 and mostly end before the quarter).
SHORTER_ALONE_SHARE = 0.25
SAFETY_FACTOR = 60
# the activity assignment's share of the limit (optimizer.assign, date by date since the ninth
# session: the five busy weeks' dates reach their optima in 0.3 to 0.8 s, where the whole week in
# 1.5 s did not); it was 15 % (at least 1 s) while the week was one model
ASSIGN_SHARE = 0.08
ASSIGN_MIN_SECONDS = 0.5
# the time set aside for the last step (optimizer.rematch, the week's shifts handed to people
# again), which also gets whatever the assignment left: with two workers it proves its optimum in
# 0.01 to 0.21 s on the constructive rosters of Ageo's busy, Kawanishi's weekend, Seto's busy,
# Tamano's leave and Fujieda's busy weeks, and a search cut short keeps the best matching it found.
# Ageo's 10 s solves end at 10.1 to 10.15 s with it (its assignment takes its whole share; 10.13 to
# 10.20 s with no time set aside, 9.88 to 10.0 s with 0.3 s)
REMATCH_SHARE = 0.02
REMATCH_MIN_SECONDS = 0.2
# ... and in reproducible mode at least this many units (Seto's busy week used 0.19 on its first
# roster; after the week moves a 3 s solve's roster once needed more than 0.5 to find what 2 found)
REMATCH_MIN_DET = 2.0
# the time set aside for whole weeks moved person by person and in pairs (optimizer.week_moves, then
# the shifts completed with the switches priced and their activities assigned; `_Run.reshape`), and
# the moves' share of it. One person at a time took 0.06 to 0.35 s on the 15 site weeks Fujieda
# aside; the pairs, unbounded, 0.1 s (Tamano) to 2.7 s (Kawanishi, where everyone is short), so they
# stop where the share ends, the farthest from their hours first. 10 s solves of those weeks
# (`/work/s9/ten.py`, thirteenth session): one person at a time, 12 % and 0.4 of it: 106 925,
# 107 740, 107 190, 107 260; with the pairs, 12 % and 0.6: 106 935, 106 460; 20 % and 0.6: 106 345,
# 107 105, 106 450 (the same, for more of the search's time)
RESHAPE_SHARE = 0.12
RESHAPE_MIN_SECONDS = 0.6
RESHAPE_MOVES_SHARE = 0.6
# CP-SAT's presolve probing costs 0.7 of the 1.5 s Ageo's busy week spends in presolve before its
# search starts; in a short solve that time is better spent searching. Ninth session, 10 s solves
# of the 15 site weeks Fujieda aside (/work/s9/ten.py), two runs each: with it 110 150 and 109 520,
# without it 108 515 and 108 000 (Kawanishi 23 775 / 23 435 → 22 860 / 22 060). Its bound barely
# moved at 10 s (Ageo's busy week 2 960 and 2 970 with it, 2 895 in one run without; the benchmark's
# 2 960 → 2 955). Solves of a minute or more keep it: there its cost is small and what it does for a
# long search was not measured.
PROBING_FROM_SECONDS = 60.0
# a date solved again (optimizer.repair) needs a fixed amount of work whatever the limit, like a
# completion (repair.COMPLETION_MIN_DET): in reproducible mode at least this many units
MEND_MIN_DET = 0.5
# stage one hands over to the switch-exact re-solves only with at least this share of the limit left
# (`_Run.switches_weigh_more`): less would not pay for a pass over the dates
SWITCH_STOP_MIN_LEFT = 0.25
# the assignment that prices the switches (up to a second) runs at most once per this share of the limit
SWITCH_CHECK_EVERY = 0.05
# ... and only once stage one is this close to its own bound: far from it the search still gains
# more than the date re-solves win back on switches the counts force (Kawanishi's busy week, 60 s,
# handed over at 28 s with stage one 14 % from its bound: 4 920 → 5 435)
SWITCH_STOP_GAP = 0.02
# ... and only in solves of a minute or more, where it was measured: in a 10 s solve of Fujieda's busy
# week it handed over at 4.4 s (2 325 against the bound 2 295), where the search alone proves 2 300
SWITCH_STOP_FROM_SECONDS = 60.0
# stage one hands the rest of its time to the whole-week moves (`_Run.reshape`) and the date re-solves
# once it has found no better roster for this share of the limit (wall-clock mode only; reproducible
# stages end on work done). Fifteenth session: in 10 s solves Ageo's busy week improved last at 3.8 s
# and its holiday week at 4.3 s, then searched until 8.5 s for nothing, while the week moves, given
# the time, took the busy week from 3 930 to 3 605. 10 s solves of the 15 site weeks Fujieda aside
# (`/work/s15/tent.py`, idle machine; the week moves pricing the scattered starts in all of them):
# without the hand-over 106 580; 0.25 of the limit 106 160, 105 555, 105 975; 0.15 105 530,
# 105 360; 0.1 104 930, 105 025; 0.05 105 115, 104 945 (Kawanishi's search cut too soon).
STALL_SHARE = 0.1
# a group of people's weeks solved again (`_Run.regroup`) gets at most this share of the limit; in
# reproducible mode a fixed number of groups, each this share of the deterministic budget. Seventeenth
# session, Seto's four weeks (whose dates prove their optima early: its solves ended at 6.7 to 8.6 s)
# in 10 s solves (`/work/s17/ten.py`, idle machine): without the groups 25 080 and 25 025; with
# groups of two 25 050, 25 020, 24 865 (its leave week 6 000 twice → 5 975, 5 970, 5 965); groups of
# three at 0.2 of the limit each, 25 015. Elsewhere the date re-solves leave next to no time.
GROUP_SECONDS_SHARE = 0.1
REPRODUCIBLE_GROUPS = 2
GROUP_DET_SHARE = 0.2
# CP-SAT workers for the date re-solves and the groups on the wall clock (one in reproducible mode):
# stage one is over by then and the two cores are free. Two workers run one full search and take the
# neighbourhood searches in turn on the other; four run more strategies at once (time-sliced on two
# cores), and the dates reach their optima sooner: on Tamano's busy week's 10 s roster, its first four
# dates at 3 s each (`/work/s19/dsweep.py`), the best was found at 0.6 to 2.4 s with two workers (one
# date not within the 3 s), at 0.35 to 0.6 s with four except its second date (1.2 and 2.9 s in two
# runs of three).
# Nineteenth session, one pass of the date re-solves at 0.8 s a date over fifteen 10 s rosters
# (Fujieda aside, `/work/s18/pass_all.py`): 104 855 → 104 590 with two workers, 103 490 with three,
# 103 605 with four, 103 945 with six, 104 015 with eight. 10 s solves of the 18 weeks
# (`/work/s19/ten.py`, idle machine, two runs each): two 109 125 and 109 440, three 108 840 and
# 108 790, four 108 725 and 108 290 (Tamano's four weeks 46 375 and 46 465 → 45 845 and 45 895).
# Seventeenth session, one worker against two: Seto's holiday week's 10 s roster (6 830), each date
# solved to its optimum (`/work/s17/sweep.py`): the four weekdays reached their best in 6.9 s with
# one worker, 4.8 s with two; 10 s solves of Seto's, Tamano's and Kawanishi's weeks
# (`/work/s17/ten.py`, twice each): Seto 25 040, 24 945 → 24 750, 24 770, the 12 weeks 93 715,
# 93 400 → 93 095, 93 475.
AFTER_WORKERS = 4
# the date re-solves (`_Run.polish`) run only where each date gets at least this long on the wall
# clock; with less, their time goes to the pairs of people's weeks (`_Run.regroup`). Eighteenth
# session: a date's model takes 0.17 to 0.24 s to presolve on Kawanishi's busy week, and in the nine
# 10 s solves of Kawanishi's weeks traced (`/work/s18/timeline.py`) its re-solves got 0.25 to 0.54 s a
# date and found nothing; one pass at 0.5 s a date on 15 weeks' 10 s rosters (`/work/s18/pass_all.py`)
# gained 80 of 105 070 in all (Kawanishi, Tamano and Ageo 0). 10 s solves (`/work/s18/ab2.sh`, idle
# machine), the re-solves skipped below 1 s a date, three runs a week: Kawanishi's four weeks 22 346 on
# average with them, 21 857 without (every week lower: busy 5 535 → 5 375, weekend 5 478 → 5 357,
# holiday 6 418 → 6 328, leave 4 915 → 4 797); Tamano's, whose re-solves got 0.8 to 1.2 s a date and
# gained 5 to 45, 46 370 with them, 46 478 without, hence 0.6 s; Seto's and Ageo's the same within
# their spread. With 0.6 s, two more runs of Kawanishi's weeks: 20 887 on average over the five runs
# without them, 21 246 over all this session's runs with them. Nineteenth session, with four workers
# (AFTER_WORKERS), Ageo's, Kawanishi's and Tamano's eleven weeks, two runs each: 0.6 79 500 and
# 79 350, 0.4 79 640 and 79 475, 0.25 79 505 and 79 535.
MIN_DATE_SECONDS = 0.6
# each date's activities with the shifts kept (optimizer.one_date.reassign): solve() runs it on the
# wall clock only, where the date re-solves get too little time; a call in reproducible mode gets
# this share of the deterministic time
REASSIGN_SHARE = 0.1
REASSIGN_MIN_DET = 0.5


def reproducible() -> bool:
    """MADOGUCHI_REPRODUCIBLE=1 (set by the test suite) solves on deterministic time."""
    return os.environ.get("MADOGUCHI_REPRODUCIBLE") == "1"


def _solver(
    seconds: float,
    relative_gap: float,
    workers: int | None,
    deterministic: float | None = None,
    probing: bool = True,
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.relative_gap_limit = relative_gap
    solver.parameters.num_workers = workers or default_workers()
    if not probing:
        solver.parameters.cp_model_probing_level = 0
    if deterministic is not None:
        solver.parameters.max_deterministic_time = deterministic
        solver.parameters.max_time_in_seconds = max(300.0, SAFETY_FACTOR * seconds)
        solver.parameters.random_seed = 0
    # for experiments: MADOGUCHI_CPSAT_PARAMS="linearization_level=2,cp_model_presolve=false"
    apply_parameters(solver.parameters, os.environ.get("MADOGUCHI_CPSAT_PARAMS", ""))
    return solver


def apply_parameters(parameters, text: str) -> None:
    """CP-SAT parameters from "key=value,key=value" (MADOGUCHI_CPSAT_PARAMS). A switch takes true or
    false (bool("false") is True, so `type(current)(value)` would have turned every switch on); an
    unknown key or a value of the wrong kind is refused with its name."""
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not hasattr(parameters, key):
            raise ValueError(f"MADOGUCHI_CPSAT_PARAMS: unknown CP-SAT parameter or no value in {item!r}")
        kind = type(getattr(parameters, key))
        if kind is bool:
            if value.lower() not in ("true", "false", "1", "0"):
                raise ValueError(f"MADOGUCHI_CPSAT_PARAMS: {key} takes true or false, not {value!r}")
            setattr(parameters, key, value.lower() in ("true", "1"))
            continue
        try:
            setattr(parameters, key, kind(value))
        except (TypeError, ValueError) as error:
            raise ValueError(f"MADOGUCHI_CPSAT_PARAMS: {key} cannot be {value!r} ({error})") from error


def default_workers() -> int:
    """CP-SAT's portfolio of 8 search strategies found better rosters sooner than 2 or 4 workers on
    the 2-core benchmark machine (they time-slice)."""
    return 8


def solve(
    problem: RosterProblem,
    *,
    time_limit: float = 10.0,
    relative_gap: float = 0.005,
    workers: int | None = None,
    previous: Roster | None = None,
    locked: frozenset[tuple[str, dt.date]] | set = frozenset(),
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    deterministic_time: float | None = None,
    stage_one_search: bool = True,
) -> Roster:
    """The best roster found within the time limit (or once within `relative_gap` of the bound).
    `deterministic_time` (CP-SAT's work units per worker) replaces the wall-time limit so the
    answer does not depend on the machine's load; MADOGUCHI_REPRODUCIBLE=1 derives it from
    `time_limit` for every solve. `stage_one_search=False`: with a start the strict model accepts,
    the assignment starts from it and stage one does not search (a pool's lanes, `_lane_options`).

    In order: a constructive roster (optimizer.construct), its own counts matched and checked before
    the model's rules are built (`_Run.constructed`: the first acceptable roster); the same shifts
    completed by the strict model with its shifts fixed, checked, and given to the search as a
    complete hint; the strict search (its first
    solution is turned into a checked roster at once); the elastic one if the strict model is
    impossible; the assignment of activities. The answer is the best checked roster of all of them."""
    with gc_pause.paused():  # the first acceptable roster's path (optimizer.gc_pause)
        run = _Run(
            problem,
            time_limit,
            relative_gap,
            workers,
            previous,
            frozenset(locked),
            deterministic_time,
            build=False,
            stage_one_search=stage_one_search,
        )
        start = run.constructed()
    return run.solve(on_progress, should_stop, start)


def first_roster(problem: RosterProblem, *, time_limit: float = 10.0) -> Roster | None:
    """The checked roster solve() has before its search starts: the best of the constructor's own
    roster (`_Run.constructed`), and the constructive roster and its traded version completed and
    repaired (None if there is none). Its time budget is solve()'s share for the same `time_limit`."""
    run = _Run(problem, time_limit, 0.005, None, None, frozenset(), None)
    run.construct(run.part.strict(run.model))
    return run.best


def starts(problem: RosterProblem, *, time_limit: float = 10.0) -> tuple[dict[str, Roster | None], str | None]:
    """The two checked starts solve() builds before its search ("usual" and "traded", None
    where the strict model refused one), and which of them it gives the search as its hint."""
    run = _Run(problem, time_limit, 0.005, None, None, frozenset(), None)
    hint = run.construct(run.part.strict(run.model))
    if hint is None:
        return run.starts, None
    # read the shifts back from the hint itself, so that the name says what the search is given
    hinted, _ = run.part.extract(lambda var: hint[var.index])
    chosen = next(
        (key for key, roster in run.starts.items() if roster is not None and _shapes(roster.shifts) == _shapes(hinted)),
        None,
    )
    return run.starts, chosen


def checked_roster(
    problem: RosterProblem,
    shifts: list[Shift],
    previous: Roster | None = None,
    locked: frozenset[tuple[str, dt.date]] = frozenset(),
) -> Roster:
    """A roster of these shifts with the checker's violations and penalty on it."""
    roster = Roster(problem.site.id, problem.week_start, shifts, absences=sorted(problem.absences))
    roster.violations = [v.to_json() for v in check(roster, problem)]
    roster.penalty_total, roster.penalties = score(roster, problem, previous, locked)
    return roster


def _recorded(name: str):
    """A `_Run` method run as one step on the record (`_Run.step`)."""

    def wrap(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            with self.step(name):
                return method(self, *args, **kwargs)

        return run

    return wrap


class _Run:
    """One solve(): the model, the clock, and the best checked roster so far."""

    def __init__(
        self,
        problem: RosterProblem,
        time_limit: float,
        relative_gap: float,
        workers: int | None,
        previous: Roster | None,
        locked: frozenset,
        deterministic_time: float | None,
        build: bool = True,
        stage_one_search: bool = True,
    ):
        """`build=False`: the variables only, until `build` (solve() offers the constructive roster
        first, see `constructed`)."""
        self.started = time.perf_counter()
        self.problem, self.time_limit, self.relative_gap, self.workers = problem, time_limit, relative_gap, workers
        self.previous = previous
        if deterministic_time is None and reproducible():
            deterministic_time = DETERMINISTIC_PER_SECOND * time_limit
        self.deterministic_time = deterministic_time
        self.stage_one_search = stage_one_search
        self.model = cp_model.CpModel()
        self.part = SiteModel(self.model, problem, previous, locked, later=True)
        self.best: Roster | None = None
        self.first_acceptable: float | None = None
        self.switch_checked: float | None = None  # when switches_weigh_more last ran the assignment
        self.hint_roster: Roster | None = None  # the checked roster of the last accepted start
        self.starts: dict[str, Roster | None] = {}
        self.steps: list[dict] = []  # what each step of the solve took and gave (`step`)
        # the constructor of the usual start, kept while the strict model accepted its shifts unmended
        self.builder: Constructor | None = None
        if build:
            self.build()

    def build(self) -> None:
        """The rules, the objective and the previous roster's hint on the variables (once)."""
        if self.part.built:
            return
        self.part.build_rules()
        self.model.minimize(self.part.objective())
        if self.previous is not None:
            self.part.hint_from(self.previous)

    def completion_seconds(self) -> float:
        """The wall-time cap of one completion or mend of the constructive roster. Twenty-second
        session: idle, the 18 benchmark weeks' completions all proved their optimum within 0.16 s;
        with two processes spinning beside it Ageo's took up to 0.29 s, and one ran out at 0.3 s
        (the traded start was lost: only the first completion is tried again)."""
        return max(0.6, 0.03 * self.time_limit)

    def probing(self) -> bool:
        """Whether the search's presolve probes (PROBING_FROM_SECONDS)."""
        return self.time_limit >= PROBING_FROM_SECONDS

    def patience(self) -> float:
        """How long the completion of the first roster may be tried again when it ran out of time:
        the first acceptable roster is due within 2 s, even with the machine busy."""
        return max(2.0, 0.1 * self.time_limit)

    def spent(self, share: float) -> bool:
        """On the wall clock, whether this share of the time limit is spent (never in reproducible
        mode, where work done, not seconds, ends each stage)."""
        return self.deterministic_time is None and self.elapsed() > share * self.time_limit

    def det(self, share: float) -> float | None:
        return None if self.deterministic_time is None else self.deterministic_time * share

    def det_at_least(self, share: float, floor: float) -> float | None:
        """A share of the deterministic budget, never below `floor` (a repair that needs a fixed
        amount of work whatever the time limit)."""
        return None if self.deterministic_time is None else max(floor, self.deterministic_time * share)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def acceptable_penalty(self) -> int | None:
        return None if self.best is None or self.best.violations else self.best.penalty_total

    @contextmanager
    def step(self, name: str):
        """One step of the solve on the record (`Roster.steps`): when it ran and the best acceptable
        roster's penalty before and after it. The benchmark puts the median run's steps in its JSON,
        so where a solve's time went, and what each step gained, is read there."""
        entry = {"step": name, "from": round(self.elapsed(), 3), "before": self.acceptable_penalty()}
        try:
            yield entry
        finally:
            entry.update(to=round(self.elapsed(), 3), after=self.acceptable_penalty())
            # a step that returned at once (nothing to do: re-rostering, reproducible mode) is no step
            if entry["to"] > entry["from"] or entry["after"] != entry["before"]:
                self.steps.append(entry)

    # --- checked rosters -------------------------------------------------------------------------

    def checked(self, shifts: list[Shift]) -> Roster:
        # in the model's order between interchangeable staff (the same roster to the checker): the
        # matching (optimizer.rematch) hands shifts to people outside the model, and the re-solves
        # after it fix everyone else's weeks as the best roster has them
        return checked_roster(self.problem, symmetry.order(self.part, shifts), self.previous, self.part.locked)

    def offer(self, roster: Roster) -> None:
        """Keep the better roster: acceptable first, then the lower checked penalty."""
        if not roster.violations and self.first_acceptable is None:
            self.first_acceptable = round(self.elapsed(), 3)
        if self.best is None or (len(roster.violations) > 0, roster.penalty_total) < (
            len(self.best.violations) > 0,
            self.best.penalty_total,
        ):
            self.best = roster

    def switches_weigh_more(self, objective: float, bound: float, value) -> bool:
        """Whether stage one has less left to gain than the switches of its roster cost: its gap to
        its own bound is the most it can still gain, while the activity switches, which it prices
        only by a lower bound, are what optimizer.one_date re-solves exactly (`polish`). The switches
        are those the assignment (optimizer.assign) leaves, and that roster is offered; it runs (a
        second at most) only where the greedy matching's switches, milliseconds away and up to three
        times more (Ageo's busy week: 960 against 315), already weigh more than the gap, and at most
        once per SWITCH_CHECK_EVERY of the limit. Only with SWITCH_STOP_MIN_LEFT of the limit left,
        and never in reproducible mode, whose stages end on work done. Seto's busy week, 60 s: stage
        one ends near 6 000 (its bound 5 960) and the assignment adds 240 to 300. Stage one must also
        be within SWITCH_STOP_GAP of its bound, in a solve of SWITCH_STOP_FROM_SECONDS or more."""
        if self.time_limit < SWITCH_STOP_FROM_SECONDS or self.deterministic_time is not None:
            return False
        if self.best is None or self.best.violations:
            return False
        now = self.elapsed()
        if self.time_limit - now < SWITCH_STOP_MIN_LEFT * self.time_limit:
            return False
        if self.switch_checked is not None and now - self.switch_checked < SWITCH_CHECK_EVERY * self.time_limit:
            return False
        gap = objective - bound
        if gap > SWITCH_STOP_GAP * objective or gap >= _switch_cost(self.best):
            return False
        bare, counts = self.part.extract(value)
        rough = self.quick(value, (bare, counts))
        if rough is None or rough.violations or gap >= _switch_cost(rough):
            return False
        self.switch_checked = now
        assigned = assign(self.problem, bare, counts, min(1.0, 0.02 * self.time_limit), self.part.locked_shifts, 1)
        if assigned is None:
            return False
        roster = self.checked(assigned[0])
        self.offer(roster)
        return not roster.violations and gap < assigned[1]

    def quick(self, value, parts: tuple | None = None) -> Roster | None:
        """A stage-one solution as a checked roster at once: the greedy matching, no search.
        `parts`: its shifts and counts when the caller has already read them (`part.extract`), or
        has them from elsewhere (`constructed`: the constructor's own counts, `value` None)."""
        bare, counts = parts if parts is not None else self.part.extract(value)
        shifts = assign_greedy(self.problem, bare, counts, self.part.locked_shifts)
        if shifts is None:
            return None
        roster = self.checked(shifts)
        self.offer(roster)
        return roster

    # --- the constructive roster -----------------------------------------------------------------

    @_recorded("first roster")
    def constructed(self) -> tuple[Constructor, list[Shift]]:
        """The constructor's shifts (no trades yet), and their roster offered at once: activities
        matched to the constructor's own counts (`Constructor.counts`, optimizer.assign's greedy
        matching), checked. It needs the person-days' shapes only (`SiteModel(later=True)`), not the
        CP-SAT variables, the rules or a completion, so the first acceptable roster comes that much
        sooner: on Ageo's busy week the variables took 0.33 s, the rules 0.2 s and the completion
        0.23 s. On all 18 benchmark weeks the constructor's counts were acceptable as they stood.
        Where they cannot be matched (nobody counted on an option someone must take) nothing is
        offered here: the completion follows. Twenty-third session, with the constructor's caches
        and optimizer.gc_pause, `madoguchi bench first-roster --sites ageo`, two processes spinning,
        10 passes: median 1.72 → 0.64 s, the slowest 2.56 → 0.99 s (idle, 15 solves: median 1.02 →
        0.52 s)."""
        builder = Constructor(self.part)
        # trading waits until the first roster is offered; the mends after it free one date and keep
        # the rest of the week, which must already keep the model's order between interchangeable staff
        shifts = symmetry.order(self.part, builder.run(trade=False))
        self.quick(None, (shifts, builder.counts()))
        return builder, shifts

    def construct(
        self, strict: cp_model.CpModel, start: tuple[Constructor, list[Shift]] | None = None
    ) -> list[int] | None:
        """The constructive roster completed (`_construct`, offered at once), and then the same
        shifts with hours traded between colleagues (optimizer.construct `Constructor.trade`) where
        the strict model accepts them as they stand. The hint is the better of the two as the
        checker scores them (acceptable first). Trading runs after the first roster is offered: it
        costs up to a second on Ageo's and Seto's weeks. Ageo's busy week: start 8 350 → 5 195, its
        10 s median of 3 5 145 → 4 440 (holiday 5 965 → 5 215, leave 5 205 → 3 910). It replaced
        the demand-first start of issue 15's fourth session: with trades in the constructor that
        start was nowhere 10 % lower, the margin it needed to be the hint.
        `start`: what `constructed` returned, if it ran already."""
        hint = self._construct(strict, start)
        first = self.hint_roster if hint is not None else None
        traded, other = None, None
        if first is not None:
            # the constructor goes on where it stopped if its shifts were accepted as they were
            # (its counts then say the same as the roster); mended shifts are seeded afresh
            builder = self.builder or Constructor(self.part).seed(first.shifts)
            untraded = builder.roster()
            once = builder.trade(lambda: self.spent(TRADE_SHARE))
            share = TRADE_SHARE if once != untraded else SHORTER_ALONE_SHARE
            shifts = symmetry.order(self.part, builder.trade_shorter(lambda: self.spent(share)))
            self.builder = None
            if _shapes(shifts) == _shapes(first.shifts):
                traded = first  # nothing traded: no second completion
            else:
                other = self._accepted(strict, shifts, self.completion_seconds())
                traded = self.hint_roster if other is not None else None
        # both starts' checked rosters, for the record (tests read them)
        self.starts = {"usual": first, "traded": traded}
        if other is not None and _rank(traded) < _rank(first):
            return other
        self.hint_roster = first
        return hint

    def _construct(
        self, strict: cp_model.CpModel, start: tuple[Constructor, list[Shift]] | None = None
    ) -> list[int] | None:
        """The constructive roster (optimizer.construct), completed by the strict model with its
        shifts fixed. Dates the constructor left short are solved again with the week of those off
        that day (optimizer.repair), first for any solution (the first acceptable roster, at once),
        then for a cheap one (the hint); where the strict model still refuses, the elastic model with
        the shifts fixed says which dates break a hard rule, and each of them is mended again, while
        that breaks fewer rules, three rounds at most. Returns a complete hint if the strict model
        accepted the shifts, else None."""
        builder, shifts = start or self.constructed()
        seconds = self.completion_seconds()
        # the constructor names its short dates itself: the elastic completion that would name them
        # costs a quarter of a second on Tamano's week
        short = [date for date in sorted(self.problem.days) if builder.missing(date)]
        hint = self._accepted(strict, shifts, seconds, self.patience())
        self.builder = builder if hint is not None else None
        if hint is None and short:
            # any mend first, for a first acceptable roster at once; then the priced one, the
            # better hint (Tamano's weekend week: 14 210 against 14 390 after 10 s, two runs each)
            fast = self._accepted(
                strict,
                self._mend(strict, shifts, short, seconds, wide_only=True, priced=False),
                seconds,
                self.patience(),
            )
            shifts = self._mend(strict, shifts, short, seconds, wide_only=True)
            hint = self._accepted(strict, shifts, seconds) or fast
        broken = None
        for _ in range(3):
            if hint is not None:
                return hint
            elastic = complete(self.model, self.part, shifts, seconds, self.det(0.01))
            roster = None if elastic is None else self.quick(elastic.value)
            if roster is None or (broken is not None and len(roster.violations) >= broken):
                break
            broken = len(roster.violations)
            dates = sorted({dt.date.fromisoformat(v["date"]) for v in roster.violations if v.get("date")})
            shifts = self._mend(strict, shifts, dates, seconds)
            hint = self._accepted(strict, shifts, seconds)
        return hint

    def _accepted(
        self, strict: cp_model.CpModel, shifts: list[Shift], seconds: float, patience: float = 0.0
    ) -> list[int] | None:
        """The strict model with these shifts fixed: its solution as a checked roster and a complete
        hint, or None if it refuses them (or found nothing within `patience`, see repair.complete)."""
        solver = complete(strict, self.part, shifts, seconds, self.det(0.01), patience)
        if solver is None:
            return None
        self.hint_roster = self.quick(solver.value)
        return self.part.tighten(list(solver.response_proto.solution), solver.value)

    def _mend(
        self,
        strict: cp_model.CpModel,
        shifts: list[Shift],
        dates: list[dt.date],
        seconds: float,
        wide_only=False,
        priced=True,
    ) -> list[Shift]:
        for date in dates:
            # a week of several people per date needs seconds, but on the wall clock never more than
            # the time left (under load a 10 s solve overran to 15 s on these mends); reproducible
            # mode stops them on deterministic time, its wall cap is a safety net only
            wide = max(2.0, 0.15 * self.time_limit)
            if self.deterministic_time is None:
                wide = min(wide, max(seconds, self.time_limit - self.elapsed()))
            deterministic = self.det_at_least(0.1, MEND_MIN_DET)
            mended = repair_date_and_people(strict, self.part, shifts, date, wide, deterministic, priced)
            if mended is None and not wide_only:
                mended = repair_date(
                    self.model, self.part, shifts, date, seconds, self.det_at_least(0.02, MEND_MIN_DET)
                )
            shifts = mended or shifts
        return shifts

    # --- the search ------------------------------------------------------------------------------

    def solve(self, on_progress, should_stop, start: tuple[Constructor, list[Shift]] | None = None) -> Roster:
        """`start`: what `constructed` returned, if it ran already (solve() runs it first)."""
        part, model, problem = self.part, self.model, self.problem
        assign_limit = max(ASSIGN_MIN_SECONDS, ASSIGN_SHARE * self.time_limit)
        # First the hard rules as hard (only what nobody could cover may stay uncovered): CP-SAT finds
        # good rosters far sooner than with elastic floors. Only if that proves impossible, or finds
        # nothing, the elastic model looks for the roster that breaks the rules least.
        start = start or self.constructed()
        with self.step("starts"):  # the model, the constructive roster completed, the traded start
            self.build()
            strict = part.strict(model)
            hint = self.construct(strict, start)
        if hint is not None and self.previous is None:
            # complete and feasible: CP-SAT starts from it. (The constructive shifts alone, when the
            # strict model refuses them, made the search worse on Kawanishi's busy week: no hint then.)
            for target in (strict, model):
                set_hint(target, hint)
        reporter = _Reporter(on_progress, should_stop, self)
        after = self.rematch_limit() + self.reshape_limit()
        budget = max(0.1, self.time_limit - assign_limit - after - self.elapsed())
        if self.deterministic_time is not None:
            # the build time must not eat a reproducible budget
            budget = self.time_limit - assign_limit - after
        solver = _solver(budget, self.relative_gap, self.workers, self.det(0.85), self.probing())
        if hint is not None and self.previous is None and not self.stage_one_search:
            status = cp_model.UNKNOWN  # no search: the assignment starts from the hint (`from_hint`)
        else:
            with self.step("stage one") as entry, _StopWatch(solver, should_stop, reporter, self.stall()):
                status = solver.solve(strict, reporter)
                if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    entry.update(objective=round(solver.objective_value), bound=round(solver.best_objective_bound))
        within_gap = status == cp_model.OPTIMAL and not reporter.stopped
        # the elastic model is for rules nobody can keep: after a search that ran out of time with
        # an acceptable constructive roster in hand it could only overrun the limit (under load it
        # added 5 s to a 10 s solve). A re-roster keeps it: the constructive roster ignores the
        # previous one, the elastic search starts from it and changes little.
        in_hand = self.best is not None and not self.best.violations and self.previous is None
        if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID, cp_model.UNKNOWN) and not (
            reporter.stopped or (status == cp_model.UNKNOWN and in_hand)
        ):
            budget = max(0.5 * self.time_limit, self.time_limit - assign_limit - self.elapsed())
            solver = _solver(budget, self.relative_gap, self.workers, self.det(0.5), self.probing())
            reporter.quick_done = True
            with self.step("elastic stage one"), _StopWatch(solver, should_stop, reporter):
                status = solver.solve(model, reporter)
        # the solution the assignment starts from: stage one's, or its hint's where the search
        # returned nothing (`from_hint`)
        found = solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else self.from_hint(strict, hint, reporter)
        solver_objective = None
        if found is not None:
            bare, counts = part.extract(found.value)
            # after a stop request the person waiting gets the roster within a second, not after
            # the assignment's full share (90 s of a 600 s solve)
            hurry = reporter.stopped
            with self.step("assignment"):
                assigned = assign(
                    problem,
                    bare,
                    counts,
                    min(assign_limit, 1.0) if hurry else assign_limit,
                    part.locked_shifts,
                    solver.parameters.num_workers,
                    deterministic_time=None if hurry else self.det(ASSIGN_SHARE),
                )
                if assigned is not None:
                    self.offer(self.checked(assigned[0]))
            if assigned is None:  # nothing matched the counts in time: the best checked roster stands
                if self.best is None:
                    raise RuntimeError("no activity assignment matched the stage-one counts in time")
                return self.finish(solver, status, None)
            switch_cost = assigned[1]
            if not reporter.stopped:
                # once: three rounds while each found a better week gave 107 190 on the 15 site weeks
                # (one round 106 925 and 107 740, thirteenth session, before the pairs were added)
                self.reshape(strict, solver.parameters.num_workers, should_stop)
            # stage one already holds a lower bound of the switches; stage two counts them all
            bounded = part.priced(found.value, RuleId.activity_switch)
            solver_objective = int(round(found.objective_value - bounded + switch_cost))
            handed_over = reporter.switch_stopped or reporter.stalled
            if (within_gap or handed_over) and self.best is not None and not self.best.violations:
                # the matching first, with the time set aside for it (the date re-solves take all the
                # time left), and once more after them. Tried: matching and re-solves in turn while
                # either finds a better week, after a hand-over (Seto's 60 s solves, which ended at
                # 29 to 40 s, then ran to 60 s): Seto's busy week 6 015 and 6 010, Tamano's 14 400,
                # within the spread of one pass (6 015 to 6 045, 14 370 to 14 390)
                self.rematch(should_stop)
                self.polish(should_stop, rounds=3 if reporter.switch_stopped else 1)
                self.last_steps(strict, should_stop)
        if not reporter.stopped:
            self.rematch(should_stop)
        return self.finish(solver, status, solver_objective)

    def from_hint(self, strict: cp_model.CpModel, hint: list[int] | None, reporter: _Reporter):
        """When stage one returned no solution, not even its hint (a short share: in a pool lane a
        Fujieda copy's search had 0.1 s), or did not search (a pool's lanes, `stage_one_search`): the
        strict model with its hint fixed, whose solution the assignment and the week moves then start
        from, as from stage one's; None where there is no hint or a stop was asked. Its objective is
        no bound (`finish` takes stage one's). Thirty-third session, the 20-site pool at 60 s
        (`/work/s33/poolab.sh`), lanes that still searched: Fujieda's four copies 20 507 on average
        without it (three runs), 20 167 with it (twenty-four runs; their record 19 660)."""
        if hint is None or self.previous is not None or reporter.stopped:
            return None
        return solve_hint(strict, self.completion_seconds(), self.det_at_least(0.01, MEND_MIN_DET))

    def stall(self) -> float | None:
        """Seconds without a better solution after which stage one hands over (`STALL_SHARE`); None
        where it never does: in reproducible mode, and when re-rostering (no week moves then)."""
        if self.deterministic_time is not None or self.previous is not None:
            return None
        return STALL_SHARE * self.time_limit

    def reshape_limit(self) -> float:
        return 0.0 if self.previous is not None else max(RESHAPE_MIN_SECONDS, RESHAPE_SHARE * self.time_limit)

    @_recorded("week moves")
    def reshape(self, strict: cp_model.CpModel, workers: int, should_stop) -> bool:
        """Whole weeks of the best acceptable roster moved, one person's or two people's at a time
        (optimizer.week_moves),
        the shifts completed in the strict model with the switches priced and their activities
        assigned (optimizer.assign); kept when the checker scores the week lower. Whether it was.
        Not when re-rostering: the moves do not price changes against the previous roster."""
        best = self.best
        if self.previous is not None or best is None or best.violations or not best.shifts:
            return False
        # the time up to the matching's share at the end (in reproducible mode, work done ends each
        # step: the moves are plain code, the two solves get fixed units)
        until = self.time_limit - self.rematch_limit()
        # a share of what is left: a stage one that stalled leaves more than the time set aside
        moves_until = self.elapsed() + RESHAPE_MOVES_SHARE * max(self.reshape_limit(), until - self.elapsed())

        def out_of_time() -> bool:
            if should_stop is not None and should_stop():
                return True
            return self.deterministic_time is None and self.elapsed() > moves_until

        builder = Constructor(self.part).seed(list(best.shifts))
        moves = move_weeks(builder, out_of_time=out_of_time)
        moves += kick_groups(builder, out_of_time=out_of_time)
        if move_pairs(builder, out_of_time=out_of_time):
            moves += 1 + move_weeks(builder, out_of_time=out_of_time)
        shifts = builder.roster()
        if not moves or _shapes(shifts) == _shapes(best.shifts):
            return False
        left = max(0.1, until - self.elapsed())
        deterministic = self.det_at_least(0.02, MEND_MIN_DET)
        solver = complete(strict, self.part, shifts, max(0.1, 0.4 * left), deterministic, switches=True)
        if solver is None:
            return False
        bare, counts = self.part.extract(solver.value)
        assigned = assign(
            self.problem,
            bare,
            counts,
            max(0.1, until - self.elapsed()),
            self.part.locked_shifts,
            workers,
            deterministic_time=self.det(ASSIGN_SHARE),
        )
        if assigned is None:
            return False
        self.offer(self.checked(assigned[0]))
        return self.best is not best

    @_recorded("dates' activities")
    def reassign(self, should_stop) -> bool:
        """Each date's activities of the best acceptable roster solved again with the people per
        activity free and the switches exact, its shifts kept (optimizer.one_date.reassign); kept when
        the checker scores the week lower; whether it was. Not when re-rostering (a change of activity
        is priced there)."""
        best = self.best
        if self.previous is not None or best is None or best.violations or not best.shifts:
            return False

        def left() -> float:
            # up to the matching's share at the end; a date not reached keeps its activities
            return self.seconds_left(should_stop, self.time_limit - self.rematch_limit())

        found = one_date.reassign(
            self.problem,
            best,
            self.checked,
            left,
            self.det_at_least(REASSIGN_SHARE, REASSIGN_MIN_DET),
            self.after_workers(),
        )
        if found is not None:
            self.offer(found)
        return self.best is not best

    def rematch_limit(self) -> float:
        return 0.0 if self.previous is not None else max(REMATCH_MIN_SECONDS, REMATCH_SHARE * self.time_limit)

    @_recorded("matching")
    def rematch(self, should_stop) -> bool:
        """The best acceptable roster's shifts handed to people again (optimizer.rematch), kept when
        the checker scores the week lower; whether it did. Not when re-rostering: there a change is
        priced per person and locked shifts keep their holder."""
        best = self.best
        if self.previous is not None or best is None or best.violations or not best.shifts:
            return False
        if should_stop is not None and should_stop():
            return False
        # never past the limit by more than a moment: with the time set aside spent, what it finds
        # at once is still kept
        seconds = max(0.05, self.time_limit - self.elapsed())
        deterministic = self.det_at_least(REMATCH_SHARE, REMATCH_MIN_DET)
        shifts = rematch(self.problem, self.part, list(best.shifts), seconds, deterministic)
        if shifts is not None:
            self.offer(self.checked(shifts))
        return self.best is not best

    def polish(self, should_stop, rounds: int = 1) -> None:
        """Stage one ended within its gap before the time limit, or handed over to the switches
        (`switches_weigh_more`, then up to three passes): the time left goes to re-solving
        each date with its activity switches counted exactly (optimizer.one_date), which only keeps a
        week the checker scores lower. On Seto's busy week stage one is within 2 % of its bound and
        the switches are what is left. Reproducible mode gives it a fixed share of deterministic
        time instead of the seconds left; on the wall clock, a date's share below MIN_DATE_SECONDS
        leaves the time to the pairs."""
        dates = max(1, len({key[1] for key in self.part.days}))

        def left() -> float:
            return self.seconds_left(should_stop, self.time_limit)

        if left() < 0.5:
            return
        per_date = max(0.2, min(left(), self.time_limit) / dates)
        if self.deterministic_time is None and per_date < MIN_DATE_SECONDS:
            # too short for a date's shifts: each date's activities with its shifts kept take a
            # fraction of a second, and the pairs (`regroup`) get the rest
            self.reassign(should_stop)
            return
        deterministic = None if self.deterministic_time is None else self.det(0.15) / dates
        with self.step("date re-solves"):
            self.offer(
                one_date.improve(
                    self.problem,
                    self.best,
                    self.checked,
                    left,
                    per_date,
                    deterministic,
                    rounds=rounds,
                    workers=self.after_workers(),
                    previous=self.previous,
                    locked=self.part.locked,
                )
            )

    def seconds_left(self, should_stop, until: float) -> float:
        """Seconds until `until` on the wall clock (0 once a stop is asked); unbounded in reproducible
        mode, where work done ends each step."""
        if should_stop is not None and should_stop():
            return 0.0
        return 1e9 if self.deterministic_time is not None else until - self.elapsed()

    def after_workers(self) -> int:
        """CP-SAT's workers for the date re-solves and the groups (AFTER_WORKERS, never more than the
        run's own: a lane of the pool has its share)."""
        return min(AFTER_WORKERS, self.workers or default_workers())

    def last_steps(self, strict: cp_model.CpModel, should_stop) -> None:
        """The time the date re-solves left: to the groups of people's weeks (`regroup`), which move
        contract hours, and to the switchers' dates (`unswitch`), which remove activity switches; the
        one aimed at what costs the roster more goes first and the other gets what it leaves (each
        takes all the time it is given on a roster with enough to try). Twenty-ninth session, 10 s
        solves (`/work/s29/ab.sh`, idle, alternating): Ageo's three weeks, where switches cost 210 to
        300 and contract hours 0 to 90 and the groups had found nothing, 10 915, 10 950, 10 975, 11 050,
        10 905 against 11 070, 11 025, 11 090, 11 110, 11 110 with the groups alone; the 18 weeks
        107 375, 107 420 against 107 680, 107 495 (the other sites within their spread)."""
        best = self.best
        if best is not None and _switch_cost(best) > _cost_of(best, RuleId.contract_hours):
            self.unswitch(should_stop)
            self.regroup(strict, should_stop)
        else:
            self.regroup(strict, should_stop)
            self.unswitch(should_stop)

    @_recorded("switchers")
    def unswitch(self, should_stop) -> None:
        """The best acceptable roster's dates solved again with only the people who switch activity on
        them free (optimizer.switchers), up to the matching's share at the end; on the wall clock only
        (reproducible mode keeps its fixed steps). Not when re-rostering (a change is priced there)."""
        if self.previous is not None or self.deterministic_time is not None:
            return
        if self.best is None or self.best.violations:
            return
        until = self.time_limit - self.rematch_limit()
        self.offer(
            switchers.improve(
                self.problem,
                self.best,
                self.checked,
                lambda: self.seconds_left(should_stop, until),
                workers=self.after_workers(),
            )
        )

    @_recorded("pairs")
    def regroup(self, strict: cp_model.CpModel, should_stop) -> None:
        """The time the date re-solves left, up to the matching's share at the end: a few people's
        whole weeks solved again (optimizer.people_weeks). Reproducible mode gives it a fixed number
        of groups, each a fixed share of deterministic time. Not when re-rostering, as with the week
        moves (`reshape`)."""
        if self.previous is not None or self.best is None or self.best.violations:
            return
        until = self.time_limit - self.rematch_limit()

        def left() -> float:
            return self.seconds_left(should_stop, until)

        reproducible = self.deterministic_time is not None
        self.offer(
            people_weeks.improve(
                strict,
                self.part,
                self.best,
                self.checked,
                left,
                GROUP_SECONDS_SHARE * self.time_limit,
                self.det(GROUP_DET_SHARE) if reproducible else None,
                most=REPRODUCIBLE_GROUPS if reproducible else None,
                workers=self.after_workers(),
            )
        )

    def finish(self, solver: cp_model.CpSolver, status: int, solver_objective: int | None) -> Roster:
        roster = self.best or self.checked([])
        if self.previous is not None:
            roster.changes = changes(self.previous, roster)
        roster.seconds = round(self.elapsed(), 3)
        roster.first_acceptable_seconds = self.first_acceptable
        roster.steps = self.steps
        if self.best is not None:
            # The roster's objective is its true penalty as the checker counts it.
            roster.objective = roster.penalty_total
            roster.solver_objective = solver_objective if solver_objective is not None else roster.penalty_total
            roster.solver_objective = max(roster.solver_objective, roster.penalty_total)
            # A bound on the checker's penalty, switches included: stage one is a relaxation of the
            # whole problem (its objective is the checker's penalty without the activity switches,
            # which cost 0 or more, over every roster of the model's shape), so its bound holds for
            # the final roster too. After the strict model, it bounds the rosters that keep the
            # hard rules (the others carry HARD_SHORTFALL_WEIGHT per missing person-slot).
            bound = solver.best_objective_bound if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
            roster.best_bound = None if bound is None else min(bound, roster.penalty_total)
        solved = self.best is not None
        roster.status = _status(cp_model.FEASIBLE if solved else status, roster, self.relative_gap)
        return roster


def _switch_cost(roster: Roster) -> int:
    return _cost_of(roster, RuleId.activity_switch)


def _cost_of(roster: Roster, rule: RuleId) -> int:
    return sum(item["cost"] for item in roster.penalties if item["rule"] == rule.value)


def _shapes(shifts: list[Shift]) -> set[tuple]:
    return {(s.staff_id, s.date, s.start, s.end, s.breaks) for s in shifts}


def _rank(roster: Roster) -> tuple[bool, int]:
    """Acceptable first, then the checker's penalty."""
    return bool(roster.violations), roster.penalty_total


@dataclass
class PoolResult:
    """Several sites solved together: summed objective and bound, one gap."""

    rosters: list[Roster]
    status: str
    objective: float | None
    best_bound: float | None
    seconds: float

    @property
    def relative_gap(self) -> float | None:
        if self.objective is None or self.best_bound is None:
            return None
        return abs(self.objective - self.best_bound) / max(1.0, abs(self.objective))


def solve_many(
    problems: list[RosterProblem], *, time_limit: float = 10.0, processes: int | None = None, **options
) -> PoolResult:
    """A pool of sites. Each site has its own staff, so the pool decomposes exactly: every site is
    solved on its own. The sites are dealt to `processes` lanes (default: one per core, at most one
    per site), biggest first to the lane with the least work (people × open days); each lane is a
    process that solves its sites one after the other, each with a share of the whole time limit in
    proportion to its size within the lane. CP-SAT's workers are shared out between the lanes. A
    progress callback or a stop request keeps everything in this process, one site after the other.
    The pool's objective and bound are the sums. (One big CP-SAT model of 20 sites found nothing
    within the hard rules in 60 s; the sites one by one all do.) `options` go to solve()."""
    started = time.perf_counter()
    lanes = processes if processes is not None else min(len(problems), os.cpu_count() or 1)
    if lanes <= 1 or options.get("on_progress") or options.get("should_stop"):
        rosters = _lane(problems, time_limit, options)
    else:
        groups = _deal([_size(p) for p in problems], lanes)
        options = _lane_options(options, lanes)
        with ProcessPoolExecutor(lanes, mp_context=multiprocessing.get_context("spawn")) as pool:
            with _plain_main():  # the workers start during these submits
                futures = [pool.submit(_lane, [problems[i] for i in group], time_limit, options) for group in groups]
            found = {i: roster for group, future in zip(groups, futures) for i, roster in zip(group, future.result())}
        rosters = [found[i] for i in range(len(problems))]
    solved = all(r.objective is not None for r in rosters)
    status = "optimal" if all(r.status == "optimal" for r in rosters) else ("feasible" if solved else "unknown")
    return PoolResult(
        rosters=rosters,
        status=status,
        objective=sum(r.objective for r in rosters) if solved else None,
        best_bound=sum(r.best_bound for r in rosters)
        if solved and all(r.best_bound is not None for r in rosters)
        else None,
        seconds=round(time.perf_counter() - started, 3),
    )


def _lane_options(options: dict, lanes: int) -> dict:
    """solve()'s options in each of `lanes` parallel lanes, unless the caller set them: CP-SAT's
    workers shared out, and no stage-one search where the start is acceptable (`stage_one_search`).
    In a lane the search has half the machine and seldom beats the start it is given: an Ageo copy's
    search (10.4 s in all) had the start back as its first solution only 0.9 s after it began, found
    12 095 against the start's 12 135 at 7.1 s and nothing more before it handed over at 7.2 s, while
    the assignment and the week moves gain hundreds in that time. Thirty-third session, the 20-site
    pool at 60 s (`/work/s33/poolab.sh`, idle, alternating, with `_Run.from_hint`): no search 234 145,
    233 975, 234 110 (Tamano's copies 3.2 to 3.3 % above their record against 4.2 to 4.5 %, Ageo's
    10.6 to 10.8 % against 11.1 to 12.3 %) against 235 510, 235 860, 235 345 for a search that hands
    over after 3 % of the limit without a better solution (itself 236 470 on average over nine runs,
    against 237 220 over seven at the 10 % of a week's solve). The copies then have no CP-SAT bound
    (the benchmark's pool bound takes the template LP's, 0 where a site has none)."""
    return {"workers": max(2, default_workers() // lanes), "stage_one_search": False, **options}


@contextmanager
def _plain_main():
    """A spawned worker re-runs the parent's `__main__` file. Under Streamlit (and its AppTest) that
    is a page script, which must not run again in a solver process: while the workers start, the
    parent's `__main__` is a bare module with no file."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _size(problem: RosterProblem) -> int:
    return max(1, len(problem.staff) * max(1, len(problem.days)))


def _deal(sizes: list[int], lanes: int) -> list[list[int]]:
    """Indices dealt to lanes, biggest first to the lightest lane; each lane in the pool's order."""
    load = [0] * lanes
    groups: list[list[int]] = [[] for _ in range(lanes)]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lane = load.index(min(load))
        groups[lane].append(i)
        load[lane] += sizes[i]
    return [sorted(group) for group in groups if group]


def _lane(problems: list[RosterProblem], time_limit: float, options: dict) -> list[Roster]:
    """Sites one after the other, each with a share of what is left in proportion to its size."""
    started = time.perf_counter()
    sizes = [_size(p) for p in problems]
    rosters: list[Roster] = []
    for index, problem in enumerate(problems):
        left = time_limit - (time.perf_counter() - started)
        if reproducible() or options.get("deterministic_time") is not None:
            left = time_limit * sum(sizes[index:]) / sum(sizes)  # the shares must not depend on the load
        share = max(1.0, left * sizes[index] / sum(sizes[index:]))
        rosters.append(solve(problem, time_limit=share, **options))
    return rosters


def _status(solver_status: int, roster: Roster, relative_gap: float) -> str:
    """CP-SAT says OPTIMAL once within its gap limit, before the assignment stage adds its switches:
    "optimal" here means the final roster is within `relative_gap` of the proven bound."""
    if solver_status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "no_solution"
    if roster.violations:
        return "not_acceptable"
    gap = roster.relative_gap
    return "optimal" if gap is not None and gap <= relative_gap + 1e-9 else "feasible"

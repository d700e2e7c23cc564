"""Best-known rosters of the benchmark's site weeks: `bench/best_known.json` and, beside each figure,
the roster itself (`bench/best_known/*.json.gz`) so the figure can be re-checked.

A figure is the checker's penalty (core.roster_check.score) of a roster the checker accepts (no hard
violation), found by a long run of `madoguchi bench roster --record-best`; the entry says which
command, date, solver settings and seconds produced it. Recording only ever lowers a figure, and
only from a roster the checker accepts. Each entry carries the fingerprint of its problem
(bench.roster_weeks.fingerprint): a figure whose problem changed (fixtures edited) is reported as
stale, never compared.

Only the benchmark reads this file. Nothing in the solver (optimizer/, core/, db/, dashboard/) reads
it or imports `bench`: tests/bench/test_best_known_isolation.py says so."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from core.roster.check import check, score
from core.roster.model import Roster, RosterProblem

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_PATH = BENCH_DIR / "best_known.json"
ABOUT = (
    "Best known penalty per benchmark site week: the checker's penalty of a roster with 0 hard violations, "
    "found by `madoguchi bench roster --record-best`. Only the benchmark reads this file."
)


@dataclass(frozen=True)
class Outcome:
    key: str
    recorded: bool
    penalty: int | None
    previous: int | None
    reason: str

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "recorded": self.recorded,
            "penalty": self.penalty,
            "previous": self.previous,
            "reason": self.reason,
        }


def load(path: Path = DEFAULT_PATH) -> dict:
    if not path.exists():
        return {"about": ABOUT, "weeks": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("weeks", {})
    return data


def save(store: dict, path: Path = DEFAULT_PATH) -> None:
    store["about"] = ABOUT
    store["weeks"] = dict(sorted(store["weeks"].items()))
    path.write_text(json.dumps(store, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def figure(store: dict, key: str, fingerprint: str) -> tuple[int | None, bool]:
    """(best-known penalty, stale): None when nothing is recorded; stale when the recorded
    figure was for another problem (the week's fixtures changed since)."""
    entry = store["weeks"].get(key)
    if entry is None:
        return None, False
    if entry["fingerprint"] != fingerprint:
        return None, True
    return entry["penalty"], False


def roster_path(store_path: Path, entry: dict) -> Path:
    return store_path.parent / entry["roster"]


def read_roster(store_path: Path, entry: dict) -> Roster:
    return Roster.from_json(json.loads(gzip.decompress(roster_path(store_path, entry).read_bytes())))


def costs_by_rule(items: list[dict]) -> dict[str, int]:
    """The checker's penalty items (core.roster.check.score) summed per rule, the costliest first
    (rules that cost nothing are left out)."""
    costs: dict[str, int] = {}
    for item in items:
        costs[item["rule"]] = costs.get(item["rule"], 0) + item["cost"]
    return {rule: cost for rule, cost in sorted(costs.items(), key=lambda kv: (-kv[1], kv[0])) if cost}


def recorded_by_rule(store_path: Path, entry: dict, problem: RosterProblem) -> dict[str, int]:
    """The recorded roster's penalty per rule, as the checker counts it today (`costs_by_rule`); for
    an entry whose figure is current (`figure`)."""
    return costs_by_rule(score(_bare(read_roster(store_path, entry), problem), problem)[1])


def judge(roster: Roster, problem: RosterProblem) -> tuple[int, int]:
    """(penalty, hard violations) as the checker counts them, whatever the roster says of itself."""
    bare = _bare(roster, problem)
    return score(bare, problem)[0], len(check(bare, problem))


def _bare(roster: Roster, problem: RosterProblem) -> Roster:
    """The roster's shifts and the problem's absences, nothing the roster says of itself."""
    return Roster(roster.site_id, roster.week_start, list(roster.shifts), sorted(problem.absences))


def record(
    store: dict,
    store_path: Path,
    key: str,
    problem: RosterProblem,
    fingerprint: str,
    roster: Roster,
    found: dict,
    about: dict,
) -> Outcome:
    """Store the roster as the week's best known if the checker accepts it and it is lower than
    the recorded figure (for the same problem). `found`: command, date, settings, seconds;
    `about`: site, week_start, kind, absences. The caller saves the store."""
    penalty, violations = judge(roster, problem)
    entry = store["weeks"].get(key)
    previous = entry["penalty"] if entry is not None and entry["fingerprint"] == fingerprint else None
    if violations:
        if entry is not None and previous is None:  # a figure for a problem that no longer exists goes
            roster_path(store_path, entry).unlink(missing_ok=True)
            del store["weeks"][key]
            return Outcome(key, False, penalty, None, f"refused: {violations} hard violations; stale figure removed")
        return Outcome(key, False, penalty, previous, f"refused: {violations} hard violations")
    if previous is not None and previous <= penalty:
        return Outcome(key, False, penalty, previous, "kept: the recorded roster is as good or better")
    name = "best_known/" + key.replace("/", "_") + ".json.gz"
    target = store_path.parent / name
    target.parent.mkdir(parents=True, exist_ok=True)
    document = _bare(roster, problem).to_json()
    document["penalty_total"] = penalty
    target.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False, sort_keys=True).encode(), mtime=0))
    store["weeks"][key] = {**about, "fingerprint": fingerprint, "penalty": penalty, "roster": name, "found": found}
    return Outcome(key, True, penalty, previous, "recorded" if previous is None else "lowered")


def found_by(
    command: str,
    time_limit: float,
    relative_gap: float,
    reproducible: bool,
    seconds: float,
    best_bound: float | None,
    commit: str | None,
    method: dict | None = None,
) -> dict:
    """How a figure was found; `method` says how a run from the recorded roster went
    (bench.roster.record_best, `from_record`): no gap limit then, and its own workers."""
    from optimizer.solve import default_workers

    return {
        **({"from_record": method} if method else {}),
        "command": command,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "time_limit": time_limit,
        "relative_gap": None if method else relative_gap,
        "workers": method["workers"] if method else default_workers(),
        "reproducible": reproducible,
        "seconds": round(seconds, 1),
        "best_bound": None if best_bound is None else round(best_bound, 1),
        "solver_commit": commit,
    }


def gap(penalty: float | None, reference: float | None) -> float | None:
    """(penalty − reference) / penalty, the share of the penalty above the reference (0 when the
    penalty is 0)."""
    if penalty is None or reference is None:
        return None
    if penalty <= 0:
        return 0.0
    return round((penalty - reference) / penalty, 5)

"""Issue 15's goals judged on a `madoguchi bench roster` run, each verdict with the figures it stands on.

The goals (2 cores): on every seed site week 0 hard violations, a roster within 1 % of the best known
and a proven gap of at most 2 % in 10 s, and a first roster with 0 hard violations within 2 s; the
20-site pool within 2 % of the best known in 60 s. A run at another time limit gets the figures but no
verdict (`met` None), since the goals name their seconds; 0 hard violations is judged at any limit.

With repeated runs (`--repeat`) each week's gaps are its median run's (bench/roster.py), `by_run` counts
the same goal on the k-th run of every week (how much one run's luck moves the count), and hard
violations and the first acceptable roster are judged on every run. A stored run without `runs` (before
`--repeat` existed) counts each row as its only run, so old results can still be rendered.

`cannot_pass` names the weeks whose best known roster is itself more than 2 % above the best bound:
there no roster can show a proven gap of 2 % until a stronger bound is proven."""

from __future__ import annotations

from bench import best_known

WEEK_SECONDS = 10.0
POOL_SECONDS = 60.0
WITHIN_BEST_KNOWN = 0.01
PROVEN_GAP = 0.02
POOL_WITHIN_BEST_KNOWN = 0.02
FIRST_ACCEPTABLE_SECONDS = 2.0


def key(row: dict) -> str:
    return f"{row['site']}/{row['week_start']}/{row['kind']}"


def runs(row: dict) -> list[dict]:
    """Every run of a week (or of the pool): the row itself when it has no `runs`."""
    return row.get("runs") or [row]


def _within(gap: float | None, limit: float) -> bool:
    return gap is not None and gap <= limit + 1e-9


def _verdict(timed: bool, met: bool) -> bool | None:
    return met if timed else None


def goals(result: dict) -> dict:
    rows = result["weeks"]
    timed = result.get("time_limit_per_site") == WEEK_SECONDS
    every = [run for row in rows for run in runs(row)]
    depth = max((len(runs(row)) for row in rows), default=0)

    def by_run(field: str, limit: float) -> list[int]:
        # the k-th run of every week that has one
        return [
            sum(1 for row in rows if k < len(runs(row)) and _within(runs(row)[k].get(field), limit))
            for k in range(depth)
        ]

    within = [key(row) for row in rows if _within(row.get("gap_to_best_known"), WITHIN_BEST_KNOWN)]
    proven = [key(row) for row in rows if _within(row.get("proven_gap"), PROVEN_GAP)]
    cannot = [
        key(row)
        for row in rows
        if row.get("best_known") is not None
        and row.get("best_bound") is not None
        and not _within(best_known.gap(row["best_known"], row["best_bound"]), PROVEN_GAP)
    ]
    firsts = [run.get("first_acceptable_seconds") for run in every]
    slowest = max((s for s in firsts if s is not None), default=None)
    missing = sum(1 for s in firsts if s is None)
    broken = sum(1 for run in every if run.get("hard_violations"))
    out = {
        "time_limit_per_site": result.get("time_limit_per_site"),
        "runs_per_week": depth,
        "hard_violations": {
            "goal": "0 hard violations on every run of every week",
            "runs": len(every),
            "runs_with_hard_violations": broken,
            "met": bool(rows) and broken == 0,
        },
        "first_acceptable": {
            "goal": f"a roster with 0 hard violations within {FIRST_ACCEPTABLE_SECONDS:g} s on every run",
            "slowest_seconds": slowest,
            "runs_without_one": missing,
            "met": _verdict(timed, bool(rows) and missing == 0 and slowest <= FIRST_ACCEPTABLE_SECONDS),
        },
        "within_1_percent_of_best_known": {
            "goal": f"within 1 % of the best known in {WEEK_SECONDS:g} s on every week",
            "weeks": len(rows),
            "weeks_met": len(within),
            "by_run": by_run("gap_to_best_known", WITHIN_BEST_KNOWN),
            "weeks_not_met": [key(row) for row in rows if key(row) not in within],
            "met": _verdict(timed, bool(rows) and len(within) == len(rows)),
        },
        "proven_gap_2_percent": {
            "goal": f"proven gap at most 2 % in {WEEK_SECONDS:g} s on every week",
            "weeks": len(rows),
            "weeks_met": len(proven),
            # runs carry no bound of their own: the week's bound is the median run's and the template's
            "weeks_not_met": [key(row) for row in rows if key(row) not in proven],
            "cannot_pass": cannot,
            "met": _verdict(timed, bool(rows) and len(proven) == len(rows)),
        },
    }
    scale = result.get("scale")
    if scale:
        # runs stored before the pool's time limit was written were all at 60 s
        pool_timed = scale.get("time_limit", POOL_SECONDS) == POOL_SECONDS
        out["scale_within_2_percent_of_best_known"] = {
            "goal": f"the {scale['sites']}-site pool within 2 % of the best known in {POOL_SECONDS:g} s",
            "gap_to_best_known": scale.get("gap_to_best_known"),
            "by_run": [run.get("gap_to_best_known") for run in runs(scale)],
            "met": _verdict(pool_timed, _within(scale.get("gap_to_best_known"), POOL_WITHIN_BEST_KNOWN)),
        }
    return out


def lines(result: dict) -> list[str]:
    """The verdicts as the README prints them under the table (English, like the rest of the README)."""
    found = result.get("goals") or goals(result)
    runs_each = found["runs_per_week"]
    median = f", the median of {runs_each} runs a week" if runs_each > 1 else ""

    def word(
        met: bool | None, seconds: float | None = found["time_limit_per_site"], stated: float = WEEK_SECONDS
    ) -> str:
        if met is None:
            return f"no verdict at {seconds:g} s (the goal is stated for {stated:g} s)"
        return "met" if met else "not met"

    hard = found["hard_violations"]
    first = found["first_acceptable"]
    within = found["within_1_percent_of_best_known"]
    proven = found["proven_gap_2_percent"]
    slowest = "–" if first["slowest_seconds"] is None else f"{first['slowest_seconds']:.2f} s"
    out = [
        f"- 0 hard violations: {word(hard['met'])} — {hard['runs_with_hard_violations']} of {hard['runs']} runs"
        " with any",
        f"- first acceptable roster ≤ 2 s: {word(first['met'])} — slowest {slowest}"
        + (f"; {first['runs_without_one']} runs without one" if first["runs_without_one"] else ""),
        f"- within 1 % of the best known: {word(within['met'])} — {within['weeks_met']} of {within['weeks']} weeks"
        + median
        + (f"; run by run {', '.join(map(str, within['by_run']))}" if runs_each > 1 else ""),
        f"- proven gap ≤ 2 %: {word(proven['met'])} — {proven['weeks_met']} of {proven['weeks']} weeks{median}"
        + (
            f"; {len(proven['cannot_pass'])} cannot pass until their bound rises: {', '.join(proven['cannot_pass'])}"
            if proven["cannot_pass"]
            else ""
        ),
    ]
    pool = found.get("scale_within_2_percent_of_best_known")
    if pool:
        gap = "–" if pool["gap_to_best_known"] is None else f"{pool['gap_to_best_known'] * 100:.1f} %"
        pooled = f", the median of {len(pool['by_run'])} runs" if len(pool["by_run"]) > 1 else ""
        verdict = word(pool["met"], result["scale"].get("time_limit", POOL_SECONDS), POOL_SECONDS)
        out.append(f"- {pool['goal'].replace('the ', '', 1)}: {verdict} — {gap}{pooled}")
    return out

"""bench/best_known.json: every stored figure is re-checked from its stored roster by the
independent checker; recording only ever lowers a figure and only from an accepted roster."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil

import pytest

from bench import best_known
from bench.roster import (
    SCALE_COPIES,
    record_best,
    recorded_problem,
    scale_best_known,
    scale_key,
    scale_problem,
    scale_problems,
)
from bench.roster_weeks import fingerprint, plan, problem_of
from core.roster.check import check, score
from core.roster.model import Roster
from optimizer.solve import default_workers, solve

STORE = best_known.load(best_known.DEFAULT_PATH)
ENTRIES = sorted(STORE["weeks"].items())


@pytest.fixture(scope="module")
def weeks(fixtures):
    return {w.key: w for w in plan(fixtures).weeks}


def _problem(fixtures, weeks, key, entry):
    problem = recorded_problem(fixtures, weeks, key, entry)
    assert problem is not None, (
        f"{key} is no longer a benchmark week: re-record with `madoguchi bench roster --record-best`"
    )
    return problem


def test_every_benchmark_week_and_scale_site_has_a_figure(fixtures, weeks):
    missing = sorted(set(weeks) - set(STORE["weeks"]))
    assert not missing, f"no best known for {missing}"
    for week in (w for w in weeks.values() if w.kind == "busy"):
        assert scale_key(week.site, week.week_start) in STORE["weeks"]


@pytest.mark.parametrize("key,entry", ENTRIES, ids=[k for k, _ in ENTRIES])
def test_the_stored_roster_has_the_stored_penalty_and_no_hard_violation(fixtures, weeks, key, entry):
    problem = _problem(fixtures, weeks, key, entry)
    assert entry["fingerprint"] == fingerprint(problem), f"{key}: the problem changed since it was recorded"
    document = json.loads(gzip.decompress((best_known.DEFAULT_PATH.parent / entry["roster"]).read_bytes()))
    roster = Roster.from_json(document)
    assert (roster.site_id, roster.week_start.isoformat()) == (problem.site.id, entry["week_start"])
    assert sorted(roster.absences) == sorted(problem.absences)
    assert check(roster, problem) == []
    assert score(roster, problem)[0] == entry["penalty"]
    found = entry["found"]
    assert found["command"].startswith("madoguchi bench roster --record-best")
    assert {"date", "time_limit", "relative_gap", "workers", "reproducible", "seconds"} <= set(found)


@pytest.mark.parametrize(
    "key,entry",
    [(k, e) for k, e in ENTRIES if e["kind"] == "scale_copy"],
    ids=[k for k, e in ENTRIES if e["kind"] == "scale_copy"],
)
def test_a_scale_roster_renamed_to_another_copy_scores_the_same(fixtures, key, entry):
    """One figure per site serves its four copies: the renamed roster is just as good on each."""
    week = dt.date.fromisoformat(entry["week_start"])
    text = gzip.decompress((best_known.DEFAULT_PATH.parent / entry["roster"]).read_bytes()).decode()
    for copy in range(2, SCALE_COPIES + 1):
        problem = scale_problem(fixtures, entry["site"], week, copy)
        renamed = json.loads(
            text.replace("-c1", f"-c{copy}").replace(f'"{entry["site"]}_1"', f'"{entry["site"]}_{copy}"')
        )
        roster = Roster.from_json(renamed)
        assert roster.site_id == problem.site.id
        assert check(roster, problem) == []
        assert score(roster, problem)[0] == entry["penalty"]


def test_the_scale_best_known_is_the_sum_over_the_twenty_sites(fixtures, weeks):
    busy = {w.site: w.week_start for w in weeks.values() if w.kind == "busy"}
    problems = scale_problems(fixtures, busy)
    total, missing = scale_best_known(STORE, problems)
    assert missing == []
    assert total == SCALE_COPIES * sum(STORE["weeks"][scale_key(s, d)]["penalty"] for s, d in busy.items())


# --- recording ------------------------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "best_known.json"


@pytest.fixture(scope="module")
def holiday(fixtures):
    week = plan(fixtures, ["fujieda"], ["holiday"]).weeks[0]
    return week, problem_of(fixtures, week)


def _about(week):
    return {"site": week.site, "week_start": week.week_start.isoformat(), "kind": week.kind, "absences": []}


def test_record_refuses_a_roster_with_hard_violations(holiday, store_path):
    week, problem = holiday
    store = best_known.load(store_path)
    empty = Roster(problem.site.id, problem.week_start, [])
    outcome = best_known.record(store, store_path, week.key, problem, fingerprint(problem), empty, {}, _about(week))
    assert not outcome.recorded and outcome.reason.startswith("refused")
    assert store["weeks"] == {} and not (store_path.parent / "best_known").exists()


def test_record_keeps_the_lower_figure_whatever_the_order(holiday, store_path):
    week, problem = holiday
    quick = solve(problem, time_limit=3)  # either better or worse than the record: both orders are checked
    assert quick.violations == []
    stored = STORE["weeks"][week.key]
    good = best_known.read_roster(best_known.DEFAULT_PATH, stored)
    low = min(quick.penalty_total, stored["penalty"])
    for order in ((quick, good), (good, quick)):
        path = store_path.parent / f"order{id(order)}" / "best_known.json"
        path.parent.mkdir()
        store = best_known.load(path)
        first = best_known.record(
            store, path, week.key, problem, fingerprint(problem), order[0], {"n": 1}, _about(week)
        )
        second = best_known.record(
            store, path, week.key, problem, fingerprint(problem), order[1], {"n": 2}, _about(week)
        )
        assert first.recorded and first.reason == "recorded"
        assert store["weeks"][week.key]["penalty"] == low
        assert second.recorded == (second.penalty < first.penalty)
        again = best_known.read_roster(path, store["weeks"][week.key])
        assert best_known.judge(again, problem) == (low, 0)


def test_a_figure_for_another_problem_is_stale_and_replaced(holiday, store_path):
    week, problem = holiday
    store = {"weeks": {week.key: {**STORE["weeks"][week.key], "fingerprint": "another", "penalty": 1}}}
    assert best_known.figure(store, week.key, fingerprint(problem)) == (None, True)
    good = best_known.read_roster(best_known.DEFAULT_PATH, STORE["weeks"][week.key])
    outcome = best_known.record(store, store_path, week.key, problem, fingerprint(problem), good, {}, _about(week))
    assert outcome.recorded and outcome.previous is None
    assert best_known.figure(store, week.key, fingerprint(problem)) == (STORE["weeks"][week.key]["penalty"], False)


def test_a_stale_figure_goes_even_when_the_new_roster_is_refused(holiday, tmp_path):
    week, problem = holiday
    path = tmp_path / "best_known.json"
    store = best_known.load(path)
    good = best_known.read_roster(best_known.DEFAULT_PATH, STORE["weeks"][week.key])
    best_known.record(store, path, week.key, problem, "another", good, {}, _about(week))
    assert (tmp_path / store["weeks"][week.key]["roster"]).exists()
    empty = Roster(problem.site.id, problem.week_start, [])
    outcome = best_known.record(store, path, week.key, problem, fingerprint(problem), empty, {}, _about(week))
    assert not outcome.recorded and "stale figure removed" in outcome.reason
    assert week.key not in store["weeks"] and not list((tmp_path / "best_known").iterdir())


def test_record_best_writes_the_store_with_the_command_and_settings(fixtures, tmp_path):
    path = tmp_path / "best_known.json"
    shutil.copy(best_known.DEFAULT_PATH, path)
    shutil.copytree(best_known.DEFAULT_PATH.parent / "best_known", tmp_path / "best_known")
    before = json.loads(path.read_text())
    result = record_best(
        fixtures,
        3,
        "madoguchi bench roster --record-best --time-limit 3",
        sites=["fujieda"],
        weeks=["holiday"],
        scale=False,
        store_path=path,
    )
    after = json.loads(path.read_text())
    (outcome,) = result["outcomes"]
    key = outcome["key"]
    assert after["weeks"][key]["penalty"] == min(before["weeks"][key]["penalty"], outcome["penalty"])
    assert after["weeks"][key]["penalty"] <= before["weeks"][key]["penalty"]
    if outcome["recorded"]:
        assert after["weeks"][key]["found"]["time_limit"] == 3
    else:
        assert after["weeks"][key] == before["weeks"][key]
    assert {k: v for k, v in after["weeks"].items() if k != key} == {
        k: v for k, v in before["weeks"].items() if k != key
    }


def test_record_best_from_the_record_starts_from_the_stored_roster(fixtures, tmp_path):
    """Fujieda's holiday and busy weeks: the holiday week's recorded roster is the start and what
    comes back is never above it; the busy week's figure made stale and the leave week's taken away
    are skipped, nothing solved and nothing written for them; so is a week whose roster file is
    unreadable (Tamano's weekend week, in a second run)."""
    path = tmp_path / "best_known.json"
    shutil.copy(best_known.DEFAULT_PATH, path)
    shutil.copytree(best_known.DEFAULT_PATH.parent / "best_known", tmp_path / "best_known")
    store = json.loads(path.read_text())
    keys = {w.kind: w.key for w in plan(fixtures, ["fujieda"], ["holiday", "busy", "leave"]).weeks}
    store["weeks"][keys["busy"]]["fingerprint"] = "another"
    del store["weeks"][keys["leave"]]
    path.write_text(json.dumps(store))
    lines: list[str] = []
    result = record_best(
        fixtures,
        3,
        "madoguchi bench roster --record-best --time-limit 3 --from-record",
        progress=lines.append,
        sites=["fujieda"],
        weeks=["holiday", "busy", "leave"],
        scale=False,
        store_path=path,
        from_record=True,
    )
    after = json.loads(path.read_text())
    outcomes = {o["key"]: o for o in result["outcomes"]}
    holiday = outcomes[keys["holiday"]]
    assert holiday["penalty"] <= store["weeks"][keys["holiday"]]["penalty"]
    assert holiday["reason"] in ("kept: the recorded roster is as good or better", "lowered")
    assert any(line.startswith(f"{keys['holiday']}: start: penalty {holiday['previous']}") for line in lines)
    if holiday["recorded"]:
        assert after["weeks"][keys["holiday"]]["found"]["from_record"]["start"] == "the recorded roster"
    assert outcomes[keys["busy"]]["reason"] == "skipped: its figure is stale"
    assert outcomes[keys["leave"]]["reason"] == "skipped: nothing is recorded"
    assert after["weeks"][keys["busy"]] == store["weeks"][keys["busy"]] and keys["leave"] not in after["weeks"]
    weekend = plan(fixtures, ["tamano"], ["weekend"]).weeks[0].key
    (tmp_path / after["weeks"][weekend]["roster"]).write_bytes(b"not gzip")
    result = record_best(
        fixtures, 3, "…", sites=["tamano"], weeks=["weekend"], scale=False, store_path=path, from_record=True
    )
    (outcome,) = result["outcomes"]
    assert outcome["reason"].startswith("skipped: its roster file cannot be read") and not outcome["recorded"]
    assert json.loads(path.read_text())["weeks"][weekend] == after["weeks"][weekend]


def test_a_run_from_the_record_is_recorded_with_its_own_workers_and_no_gap_limit():
    method = {"start": "the recorded roster", "workers": 4, "settled": True}
    found = best_known.found_by(
        "madoguchi bench roster --record-best --from-record", 120, 0.0, False, 44.5, None, "abc"
    )
    assert found["workers"] == default_workers() and found["relative_gap"] == 0.0 and "from_record" not in found
    found = best_known.found_by(
        "madoguchi bench roster --record-best --from-record", 120, 0.0, False, 44.5, None, "abc", method=method
    )
    assert (found["workers"], found["relative_gap"], found["from_record"]) == (4, None, method)
    for entry in (e for _, e in ENTRIES if "from_record" in e["found"]):
        assert entry["found"]["workers"] == entry["found"]["from_record"]["workers"]
        assert entry["found"]["relative_gap"] is None and "--from-record" in entry["found"]["command"]

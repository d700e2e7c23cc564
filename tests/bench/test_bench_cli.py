"""`madoguchi bench roster` from the command line: the per-week JSON, the filters, the README table
made from the JSON, and bad input refused with exit code 2."""

from __future__ import annotations

import json

import pytest

from bench import best_known
from bench.roster_table import COLUMNS, pool_lines, render, rule_lines
from dashboard.cli.main import main

WEEK_FIELDS = {
    "site",
    "week_start",
    "kind",
    "penalty",
    "best_bound",
    "proven_gap",
    "solver_bound",
    "proven_gap_solver",
    "template_bound",
    "best_known",
    "gap_to_best_known",
    "seconds",
    "first_acceptable_seconds",
    "hard_violations",
    "status",
    "staff",
    "absences",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory, bench_cli):
    """One real run: Fujieda's holiday and leave weeks, reproducible, 2 s each."""
    code, out = bench_cli(
        [
            "roster",
            "--sites",
            "fujieda",
            "--weeks",
            "holiday,leave",
            "--no-scale",
            "--reproducible",
            "--time-limit",
            "2",
            "--bound-seconds",
            "3",
            "--json",
        ]
    )
    assert code == 0
    path = tmp_path_factory.mktemp("bench") / "run.json"
    path.write_text(out, encoding="utf-8")
    return json.loads(out), path


def test_one_row_per_selected_week_with_the_measures(run):
    result, _ = run
    assert [(r["site"], r["kind"]) for r in result["weeks"]] == [("fujieda", "holiday"), ("fujieda", "leave")]
    store = best_known.load()
    for row in result["weeks"]:
        assert set(row) >= WEEK_FIELDS
        assert row["hard_violations"] == 0
        assert row["best_bound"] <= row["penalty"]
        assert row["proven_gap"] == round((row["penalty"] - row["best_bound"]) / row["penalty"], 5)
        key = f"{row['site']}/{row['week_start']}/{row['kind']}"
        assert row["best_known"] == store["weeks"][key]["penalty"]
        assert row["gap_to_best_known"] == round((row["penalty"] - row["best_known"]) / row["penalty"], 5)
        assert row["best_bound"] <= row["best_known"] + 1e-6, "a checked roster below the proven bound"
        # the quoted bound is the better of CP-SAT's and the template model's (its LP, or its integer
        # root where that is higher: how far SCIP got in 3 s depends on the machine, so only that)
        assert row["best_bound"] == max(b for b in (row["solver_bound"], row["template_bound"]) if b is not None)
        assert row["template_bound"] >= row["template_lp"] - 0.01 - 1e-5 * row["template_lp"]
        assert row["template_integer_seconds"] is not None
        if row["template_integer_bound"] is not None:
            assert row["template_integer_bound"] <= row["best_known"]
    leave = result["weeks"][1]
    assert len(leave["absences"]) == 4
    assert result["weeks_not_applicable"] == []  # Fujieda's missing weekend week was not asked for
    assert result["reproducible"] is True and "scale" not in result


def test_each_week_says_where_its_time_went_and_what_it_and_the_best_known_pay_per_rule(run):
    """The median run's steps end on its penalty. The penalty per rule adds up to the penalty, both for
    the median run's roster and for the best-known roster checked again (so the table of where the gap
    lies is one roster's each)."""
    result, _ = run
    for row in result["weeks"]:
        assert row["steps"][0]["step"] == "first roster" and row["steps"][-1]["after"] == row["penalty"]
        assert row["penalty_by_rule"] and sum(row["penalty_by_rule"].values()) == row["penalty"]
        assert sum(row["best_known_by_rule"].values()) == row["best_known"]
        for costs in (row["penalty_by_rule"], row["best_known_by_rule"]):
            assert all(cost > 0 for cost in costs.values())
            assert list(costs.values()) == sorted(costs.values(), reverse=True)


def test_the_markdown_table_is_made_from_the_json(run, capsys):
    result, path = run
    assert main(["bench", "roster", "--markdown", str(path)]) == 0
    table = capsys.readouterr().out
    lines = [line for line in table.strip().splitlines() if line.startswith("|")]
    assert lines[0] == "| " + " | ".join(COLUMNS) + " |"
    # the weeks' table, then the table of where the gap lies (a header, a rule, a line per week)
    assert len(lines) == 2 * (2 + len(result["weeks"]))
    # under the tables, the goals' verdicts with their figures (no verdict at 2 s: the goals name 10 s)
    assert "Goals:" in table and "- within 1 % of the best known: no verdict at 2 s" in table
    assert table == render(result)
    for row, line in zip(result["weeks"], lines[2 : 2 + len(result["weeks"])], strict=True):
        assert line.startswith(f"| fujieda | {row['week_start']} | {row['kind']}")
        assert f" {row['penalty']:,} ".replace(",", " ") in line
    assert "Where the gap to the best known lies" in table


def test_the_rule_table_puts_the_rules_that_lose_most_first():
    row = {
        "site": "kawanishi",
        "week_start": "2027-05-17",
        "kind": "busy",
        "penalty": 5225,
        "best_known": 4755,
        "penalty_by_rule": {"contract_hours": 3080, "over_staffing": 1695, "activity_switch": 360, "preference": 40},
        "best_known_by_rule": {"contract_hours": 2740, "over_staffing": 1850, "activity_switch": 135, "holes": 30},
    }
    lines = rule_lines([row, {**row, "week_start": "2027-01-04", "best_known_by_rule": None}])
    assert (
        lines[3]
        == "| site | week | kind | contract_hours | activity_switch | preference | holes | over_staffing | total |"
    )
    assert (
        lines[5]
        == "| kawanishi | 2027-05-17 | busy | 3 080 / 2 740 | 360 / 135 | 40 / 0 | 0 / 30 | 1 695 / 1 850 | 5 225 / 4 755 |"
    )
    assert len(lines) == 6  # the week without the best known's rules has no row
    assert rule_lines([{**row, "penalty_by_rule": None}]) == []  # a JSON from before: no table


def test_the_pool_per_site_sums_its_copies_and_says_where_a_copys_time_went(fixtures):
    """A small pool (two copies of Fujieda's scale site, one of Tamano's), solved for real in this
    process: per site the copies' penalties and best-known figures summed, the gap from those sums,
    the seconds a copy took, and the seconds a copy spent per step (the first roster first, never
    more in all than the copy took)."""
    from bench.roster import pool_by_site, scale_key, scale_problem
    from bench.roster_weeks import fingerprint, plan
    from optimizer.solve import solve_many

    weeks = {w.site: w.week_start for w in plan(fixtures, ["fujieda", "tamano"], ["busy"]).weeks}
    problems = [
        scale_problem(fixtures, "fujieda", weeks["fujieda"], 1),
        scale_problem(fixtures, "fujieda", weeks["fujieda"], 2),
        scale_problem(fixtures, "tamano", weeks["tamano"], 1),
    ]
    pool = solve_many(problems, time_limit=4, processes=1)
    store = best_known.load(best_known.DEFAULT_PATH)
    rows = pool_by_site(problems, pool.rosters, store)
    assert [(r["site"], r["copies"]) for r in rows] == [("fujieda", 2), ("tamano", 1)]
    fujieda, tamano = rows
    assert fujieda["penalty"] == pool.rosters[0].penalty_total + pool.rosters[1].penalty_total
    known, _ = best_known.figure(store, scale_key("fujieda", weeks["fujieda"]), fingerprint(problems[0]))
    assert known is not None and fujieda["best_known"] == 2 * known
    assert fujieda["gap_to_best_known"] == best_known.gap(fujieda["penalty"], 2 * known)
    assert fujieda["staff"] == len(problems[0].staff)
    assert tamano["penalty"] == pool.rosters[2].penalty_total and tamano["seconds"] == round(pool.rosters[2].seconds, 2)
    for row in rows:
        assert list(row["step_seconds"])[0] == "first roster"
        # the steps never overlap; each figure is rounded to 0.01 s
        assert 0 < sum(row["step_seconds"].values()) <= row["seconds"] + 0.005 * len(row["step_seconds"]) + 0.01
        assert row["hard_violations"] == 0
    # a site with a copy that has no figure has none in all, and no gap
    rows = pool_by_site(problems, pool.rosters, {"weeks": {}})
    assert all(r["best_known"] is None and r["gap_to_best_known"] is None for r in rows)


def test_the_pool_table_has_a_column_per_step_in_the_order_they_ran():
    """`pool_lines`: a row per site, a column per step in the order the steps first ran (– where a
    site's copies did not run it); none for a JSON from before the thirty-first session; render()
    prints it after the weeks' tables, before the goals."""
    by_site = [
        {
            "site": "ageo",
            "copies": 4,
            "staff": 24,
            "penalty": 47490,
            "best_known": 42280,
            "gap_to_best_known": 0.10972,
            "seconds": 10.5,
            "step_seconds": {"first roster": 0.3, "starts": 4.5, "stage one": 2.1, "week moves": 2.3},
        },
        {
            "site": "fujieda",
            "copies": 4,
            "staff": 8,
            "penalty": 20160,
            "best_known": 19660,
            "gap_to_best_known": 0.0248,
            "seconds": 1.9,
            "step_seconds": {"first roster": 0.1, "starts": 0.6, "stage one": 0.4, "dates' activities": 0.3},
        },
    ]
    lines = pool_lines({"by_site": by_site})
    assert lines[3] == (
        "| site | copies | staff a copy | penalty | best known | gap to best known | s | first roster | starts"
        " | stage one | week moves | dates' activities |"
    )
    assert lines[5] == "| ageo | 4 | 24 | 47 490 | 42 280 | 11.0 % | 10.5 | 0.3 | 4.5 | 2.1 | 2.3 | – |"
    assert lines[6] == "| fujieda | 4 | 8 | 20 160 | 19 660 | 2.5 % | 1.9 | 0.1 | 0.6 | 0.4 | – | 0.3 |"
    assert len(lines) == 7
    assert pool_lines({"sites": 20}) == [] and pool_lines(None) == []  # a JSON from before, or no pool
    scale = {
        "sites": 20,
        "staff": 308,
        "status": "feasible",
        "penalty": 67650,
        "best_bound": None,
        "proven_gap": None,
        "best_known": 61940,
        "gap_to_best_known": 0.0844,
        "seconds": 61.0,
        "first_acceptable_seconds": 0.4,
        "hard_violations": 0,
    }
    assert "\n".join(lines[1:]) in render({"weeks": [], "scale": {**scale, "by_site": by_site}})
    assert "The 20-site pool per site" not in render({"weeks": [], "scale": scale})


def test_a_repeated_week_is_its_median_run_with_every_run_listed(bench_cli, tmp_path, capsys):
    """Three real solves of Fujieda's holiday week (reproducible, 1 s each): the row is the median run
    and the goals count every run; the table shows the spread and the verdicts."""
    code, out = bench_cli(
        [
            "roster",
            "--sites",
            "fujieda",
            "--weeks",
            "holiday",
            "--no-scale",
            "--reproducible",
            "--time-limit",
            "1",
            "--bound-seconds",
            "0",
            "--repeat",
            "3",
            "--json",
        ]
    )
    assert code == 0
    result = json.loads(out)
    assert result["repeat"] == 3
    (row,) = result["weeks"]
    runs = row["runs"]
    assert len(runs) == 3
    assert row["penalty"] == sorted(run["penalty"] for run in runs)[1]
    for run in runs:
        assert set(run) == {"penalty", "gap_to_best_known", "hard_violations", "seconds", "first_acceptable_seconds"}
        assert run["gap_to_best_known"] == round((run["penalty"] - row["best_known"]) / run["penalty"], 5)
    found = result["goals"]
    assert found["runs_per_week"] == 3
    assert found["hard_violations"]["runs"] == 3
    assert found["hard_violations"]["runs_with_hard_violations"] == sum(1 for run in runs if run["hard_violations"])
    assert len(found["within_1_percent_of_best_known"]["by_run"]) == 3
    assert found["within_1_percent_of_best_known"]["met"] is None  # 1 s, not the goals' 10 s
    path = tmp_path / "run.json"
    path.write_text(out, encoding="utf-8")
    capsys.readouterr()
    assert main(["bench", "roster", "--markdown", str(path)]) == 0
    table = capsys.readouterr().out
    assert table == render(result)
    low, high = min(r["penalty"] for r in runs), max(r["penalty"] for r in runs)
    assert f" {low:,}–{high:,} ".replace(",", " ") in table
    assert "the median of 3 runs a week" in table


def test_a_week_not_applicable_gets_a_note():
    result = {"weeks": [], "weeks_not_applicable": [{"site": "ageo", "kind": "weekend", "why": "no such day"}]}
    assert "ageo: no weekend week (no such day)." in render(result)


@pytest.mark.parametrize(
    "argv,words",
    [
        (["--sites", "osaka"], "unknown site osaka"),
        (["--sites", ","], "(none given)"),
        (["--weeks", "summer"], "'summer' is neither a kind"),
        (["--weeks", "2027-02-02"], "2027-02-02 is not a Monday"),
        (["--time-limit", "0"], "--time-limit"),
        (["--scale-time-limit", "-1"], "--scale-time-limit"),
        (["--bound-seconds", "-1"], "--bound-seconds"),
        (["--sites", "fujieda", "--weeks", "2025-06-02"], "2025-06-02 is no benchmark week"),
        (["--from-record"], "it goes with --record-best"),
        (["--record-best", "--from-record", "--reproducible"], "does not go with --reproducible"),
        (["--repeat", "0"], "--repeat must be a whole number from 1 to 20, not 0"),
        (["--repeat", "21"], "--repeat must be a whole number from 1 to 20, not 21"),
        (["--repeat", "3", "--record-best"], "--repeat goes with a benchmark run"),
    ],
)
def test_bad_options_are_refused_with_exit_code_2(argv, words, capsys):
    assert main(["bench", "roster", "--no-scale", *argv]) == 2
    assert words in capsys.readouterr().err


def test_markdown_of_a_file_that_is_not_a_run_is_refused(tmp_path, capsys):
    missing = tmp_path / "missing.json"
    assert main(["bench", "roster", "--markdown", str(missing)]) == 2
    assert "missing.json" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text('{"sites": []}', encoding="utf-8")
    assert main(["bench", "roster", "--markdown", str(other)]) == 2
    assert 'no list under "weeks"' in capsys.readouterr().err

"""`madoguchi bench roster` from the command line: the per-week JSON, the filters, the README table
made from the JSON, and bad input refused with exit code 2."""

from __future__ import annotations

import json

import pytest

from bench import best_known
from bench.roster_table import COLUMNS, render, rule_lines
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

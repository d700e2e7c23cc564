"""`madoguchi bench first-roster`: the seconds to the first acceptable roster with the cores kept
busy. A real run (the real solver, real busy processes) whose JSON is checked for what any run must
hold; the verdict's rule on rows made by hand; the busy processes gone after the run, also after an
error; bad options refused with exit code 2. No assertion depends on the machine's load."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench import first_roster
from bench.first_roster import GOAL_SECONDS, Busy, verdict
from dashboard.cli.main import main


@pytest.fixture(scope="module")
def result(bench_cli):
    """One real run: Fujieda's holiday week, twice, one process spinning beside it."""
    code, out = bench_cli(
        ["first-roster", "--sites", "fujieda", "--weeks", "holiday", "--busy", "1", "--runs", "2", "--json"]
    )
    assert code == 0
    return json.loads(out)


def test_each_run_of_each_week_has_its_seconds_and_the_verdict_stands_on_the_slowest(result):
    assert result["benchmark"] == "first-roster"
    assert result["busy_processes"] == 1 and result["busy_processes_running"] == 1
    assert result["runs"] == 2 and result["goal_seconds"] == GOAL_SECONDS
    [week] = result["weeks"]
    assert week["key"] == "fujieda/2025-05-05/holiday"
    assert len(week["seconds"]) == 2 and all(s is not None and s > 0 for s in week["seconds"])
    assert week["slowest"] == max(week["seconds"])
    assert result["slowest"] == {"key": week["key"], "seconds": week["slowest"]}
    # whatever the load: the verdict follows from the figure it quotes
    assert result["met"] == (week["slowest"] <= GOAL_SECONDS)
    assert result["verdict"].startswith("met: " if result["met"] else "not met: ")
    assert f"slowest {week['slowest']} s ({week['key']})" in result["verdict"]
    assert "1 busy process(es)" in result["verdict"]


def _spinning_children() -> list[int]:
    """This process's children running the busy loop, read from /proc (Linux, as CI)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"while True: pass" in command:
            found.append(int(entry.name))
    return found


def test_no_busy_process_is_left_after_the_run(result):
    assert result["busy_processes_running"] == 1  # they ran
    assert _spinning_children() == []  # and none outlived the run


def _row(key: str, seconds: list[float | None]) -> dict:
    return {"key": key, "seconds": seconds, "slowest": None if None in seconds else max(seconds)}


def test_the_verdict_is_not_met_past_the_goal_or_without_an_acceptable_roster():
    fast, slow = _row("a/1/busy", [0.4, 1.9]), _row("b/1/busy", [1.2, GOAL_SECONDS + 0.01])
    met, worst, text = verdict([fast], 2, 2, 1.0, 3.0)
    assert met and worst is fast and text.startswith("met: slowest 1.9 s (a/1/busy)")
    met, worst, text = verdict([fast, slow], 2, 2, 1.0, 3.0)
    assert not met and worst is slow and text.startswith(f"not met: slowest {GOAL_SECONDS + 0.01} s (b/1/busy)")
    assert "load average 1.0 before and 3.0 at the end" in text
    met, worst, text = verdict([fast, _row("c/1/leave", [0.5, None])], 2, 2, None, None)
    assert not met and worst is None and "c/1/leave" in text
    assert verdict([], 1, 0, None, None)[0] is False


def test_the_busy_processes_stop_when_the_measurement_fails():
    with pytest.raises(RuntimeError), Busy(2) as spinning:
        assert spinning.alive() == 2 and len(_spinning_children()) == 2
        raise RuntimeError("a solve failed")
    assert spinning.alive() == 0
    assert _spinning_children() == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--runs", "0"], "--runs 0"),
        (["--runs", f"{first_roster.MAX_RUNS + 1}"], "--runs"),
        (["--busy", "-1"], "--busy -1"),
        (["--time-limit", "0"], "--time-limit"),
        (["--weeks", "2027-02-01"], "kinds only"),
        (["--weeks", "someday"], "someday"),
        (["--sites", "nowhere"], "nowhere"),
    ],
)
def test_bad_options_are_refused_with_exit_code_2(argv, words, capsys):
    assert main(["bench", "first-roster", *argv]) == 2
    assert words in capsys.readouterr().err

"""`madoguchi roster solve / check` and `madoguchi bench roster` from the command line."""

from __future__ import annotations

import json

import pytest

from dashboard.cli.main import main

REQUIRED = {
    "site",
    "week_start",
    "status",
    "objective",
    "best_bound",
    "staff",
    "shifts",
    "requirements",
    "violations",
    "penalties",
}


@pytest.fixture(scope="module", autouse=True)
def database(tmp_path_factory):
    """The roster commands build the week from the staff in the database (set up from the fixtures
    on first use), as the 勤務表 page does: a database of this module's own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'roster.sqlite3'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield url


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("roster") / "fujieda.json"
    code = main(["roster", "solve", "fujieda", "--week", "2025-05-14", "--time-limit", "5", "--out", str(path)])
    assert code == 0
    return path


def test_solve_writes_the_roster_file_and_reports_progress(roster_file, capsys):
    data = json.loads(roster_file.read_text(encoding="utf-8"))
    assert set(data) >= REQUIRED
    assert data["site"] == "fujieda" and data["week_start"] == "2025-05-12"  # snapped to Monday
    assert data["violations"] == [] and data["status"] in ("optimal", "feasible")
    shift = data["shifts"][0]
    assert {"staff_id", "date", "start", "end", "breaks", "activities"} <= set(shift)
    assert {"date", "slot", "activity", "min", "target", "max"} == set(data["requirements"][0])
    assert {s["id"] for s in data["staff"]} >= {s["staff_id"] for s in data["shifts"]}


def test_check_passes_the_solved_file(roster_file, capsys):
    assert main(["roster", "check", str(roster_file)]) == 0
    assert "違反 0 件" in capsys.readouterr().out


def test_check_fails_on_a_removed_break_and_names_the_rule(roster_file, tmp_path, capsys):
    data = json.loads(roster_file.read_text(encoding="utf-8"))
    victim = next(s for s in data["shifts"] if s["breaks"])
    start, end = victim["breaks"][0]
    victim["breaks"] = []
    victim["activities"].append({"start": start, "end": end, "activity": "window"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["roster", "check", str(bad), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["acceptable"] is False
    assert any(v["rule"] == "break_length" and v["staff_id"] == victim["staff_id"] for v in report["violations"])


def test_re_roster_from_the_command_line_reports_what_changed(roster_file, tmp_path, capsys):
    data = json.loads(roster_file.read_text(encoding="utf-8"))
    tuesday = next(s for s in data["shifts"] if s["date"] == "2025-05-13")
    out = tmp_path / "again.json"
    code = main(
        [
            "roster",
            "solve",
            "fujieda",
            "--week",
            "2025-05-12",
            "--time-limit",
            "5",
            "--previous",
            str(roster_file),
            "--absent",
            f"{tuesday['staff_id']}:2025-05-13",
            "--lock-until",
            "2025-05-12",
            "--out",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again["absences"] == [{"staff_id": tuesday["staff_id"], "date": "2025-05-13"}]
    assert any(c["staff_id"] == tuesday["staff_id"] and c["kind"] == "removed" for c in again["changes"])
    assert "変更" in err
    assert code == (0 if again["acceptable"] else 1)  # 1 only if the absence breaks a hard rule


@pytest.mark.parametrize(
    "argv, message",
    [
        (["roster", "solve", "nowhere", "--week", "2026-12-07"], "nowhere"),
        (["roster", "solve", "seto", "--week", "2026-12-07", "--absent", "seto-01"], "STAFF_ID:YYYY-MM-DD"),
        (["roster", "solve", "seto", "--week", "2026-12-07", "--absent", "nobody:2026-12-08"], "nobody"),
        (["roster", "solve", "seto", "--week", "2026-12-07", "--absent", "set-01:2027-01-08"], "outside the week"),
        (["roster", "solve", "seto", "--week", "2026-12-07", "--lock", "set-01:2026-12-08"], "--previous"),
        (["roster", "solve", "seto", "--week", "2026-12-07", "--time-limit", "0"], "positive"),
        (["roster", "check", "/nonexistent/roster.json"], "no such file"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_check_refuses_a_malformed_file(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"site": "seto", "week_start": "2026-12-07", "shifts": [{"staff_id": "set-01"}]}))
    assert main(["roster", "check", str(path)]) == 2
    assert "roster.shifts[0]" in capsys.readouterr().err


def test_a_locked_shift_the_solver_cannot_keep_is_refused_with_exit_code_2(roster_file, tmp_path, capsys):
    """A shift moved off the site's 30-minute grid in the previous roster cannot be kept as it is: the
    lock is refused with the person, the date and the reason, and no roster file is written."""
    data = json.loads(roster_file.read_text(encoding="utf-8"))
    monday = next(s for s in data["shifts"] if s["date"] == "2025-05-12")
    hour, minute = map(int, monday["start"].split(":"))
    monday["start"] = f"{hour:02d}:{minute + 15:02d}" if minute < 45 else f"{hour + 1:02d}:{minute - 45:02d}"
    monday["activities"][0]["start"] = monday["start"]
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "never.json"
    lock = f"{monday['staff_id']}:2025-05-12"
    argv = ["roster", "solve", "fujieda", "--week", "2025-05-12", "--time-limit", "5", "--previous", str(moved)]
    assert main([*argv, "--lock", lock, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert monday["staff_id"] in err and "2025-05-12" in err and "分単位でない" in err
    assert not out.exists()

"""The `madoguchi` command line, called in-process and as the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TAMANO = ROOT / "fixtures" / "sites" / "tamano.toml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calendar_json_shape(capsys):
    code, out, _ = run(capsys, "calendar", "tamano", "--from", "2026-11-23", "--to", "2026-11-29", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["site"] == "tamano"
    days = {d["date"]: d for d in data["days"]}
    assert list(days) == [f"2026-11-{n}" for n in range(23, 30)]
    assert days["2026-11-23"]["open"] is False  # 勤労感謝の日
    assert days["2026-11-23"]["service_hours"] == {}
    assert days["2026-11-25"]["service_hours"]["window"] == ["08:30", "19:00"]
    assert set(days["2026-11-24"]["service_hours"]) == {"window", "phone", "back_office"}
    for day in data["days"]:
        assert set(day) >= {"date", "open", "service_hours"}
        assert day["open"] == bool(day["service_hours"])


def test_calendar_rejects_unknown_site_and_reversed_range(capsys):
    code, _, err = run(capsys, "calendar", "nowhere", "--from", "2026-11-23")
    assert code == 2 and "unknown site 'nowhere'" in err and "tamano" in err
    code, _, err = run(capsys, "calendar", "tamano", "--from", "2026-11-23", "--to", "2026-11-01")
    assert code == 2 and "before" in err


def test_sites_check_passes_good_files_and_stops_at_the_first_bad(capsys, tmp_path):
    bad = tmp_path / "tamano.toml"
    bad.write_text(TAMANO.read_text(encoding="utf-8").replace("seats = 3\n", "seats = -3\n", 1), encoding="utf-8")
    code, out, _ = run(capsys, "sites", "check", str(TAMANO))
    assert code == 0 and "OK" in out and "tamano" in out
    code, out, err = run(capsys, "sites", "check", str(TAMANO), str(bad), str(TAMANO))
    assert code == 1
    assert out.count("OK") == 1  # stopped at the bad file
    assert str(bad) in err and "activities[0].seats" in err and "-3" in err


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "madoguchi"
    result = subprocess.run(
        [script, "calendar", "ageo", "--from", "2026-11-23", "--json"], capture_output=True, text=True, check=True
    )
    day = json.loads(result.stdout)["days"][0]
    assert day["service_hours"] == {"call_centre": ["08:30", "20:00"]}


def test_erlang_worked_example(capsys):
    # Call Centre Helper's Erlang C worked example: 100 calls / 30 min, 180 s, 14 agents, 20 s.
    code, out, _ = run(
        capsys,
        "erlang",
        "--calls-per-hour",
        "200",
        "--aht-seconds",
        "180",
        "--target-seconds",
        "20",
        "--agents",
        "14",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and set(data) == {"agents", "p_wait", "service_level", "asa_seconds", "occupancy"}
    assert (round(data["p_wait"], 3), round(data["service_level"], 3)) == (0.174, 0.888)
    assert (round(data["asa_seconds"], 1), round(data["occupancy"], 3)) == (7.8, 0.714)


def test_erlang_a_adds_abandonment_and_finds_agents_for_an_answer_rate(capsys):
    code, out, _ = run(
        capsys,
        "erlang",
        "--calls-per-hour",
        "200",
        "--aht-seconds",
        "180",
        "--target-seconds",
        "20",
        "--target-answer-rate",
        "0.95",
        "--patience-seconds",
        "300",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["answer_rate"] >= 0.95
    assert data["answer_rate"] == pytest.approx(1 - data["p_abandon"])


def test_erlang_refuses_bad_input(capsys):
    code, _, err = run(
        capsys,
        "erlang",
        "--calls-per-hour",
        "200",
        "--aht-seconds",
        "180",
        "--target-seconds",
        "20",
        "--target-answer-rate",
        "0.9",
    )
    assert code == 2 and "--patience-seconds" in err
    code, _, err = run(
        capsys, "erlang", "--calls-per-hour", "-1", "--aht-seconds", "180", "--target-seconds", "20", "--agents", "3"
    )
    assert code == 2 and "calls_per_hour" in err and "-1" in err


def test_staffing_json_lists_every_open_slot_with_its_reason(capsys):
    code, out, _ = run(capsys, "staffing", "kawanishi", "--date", "2027-01-18", "--json")
    data = json.loads(out)
    assert code == 0 and data["site"] == "kawanishi" and data["open"]
    windows = [s for s in data["slots"] if s["activity"] == "window"]
    assert len(windows) == 32  # 09:00–17:00
    assert {s["reason"] for s in data["slots"]} <= {"demand", "floor", "cap"}
    assert data["capped_slots"] == sum(1 for s in data["slots"] if s["unmet"] > 0) > 0


def test_staffing_outside_the_contract_is_a_clear_error(capsys):
    code, _, err = run(capsys, "staffing", "fujieda", "--date", "2026-01-05")
    assert code == 2 and "outside fujieda's contract" in err


def test_bench_staffing_prints_json_for_every_site(capsys):
    code, out, _ = run(capsys, "bench", "staffing", "--no-compare", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data["requirements"]["sites"]) == {"tamano", "kawanishi", "seto", "ageo", "fujieda"}
    assert data["erlang_per_second"]["erlang_c"] > 0

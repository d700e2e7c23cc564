"""For every seed site, a hand-edited roster that breaks one of the contract rules is refused by
`madoguchi roster check`, which names the rule. The rosters are small JSON files written here; they
break other rules too (a near-empty week misses its floors), so each test asserts the rule it is
about is named, with its date and slot."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dashboard.cli.main import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """The roster commands build the week from the staff in the database, set up from the fixtures
    on first use (as the 勤務表 page does): a fresh database per test, so a test's edited fixtures
    (`untrained`) are what gets stored."""
    url = f"sqlite:///{tmp_path / 'roster.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def shift(who, date, start, end, activity, breaks=()):
    return {
        "staff_id": who,
        "date": date,
        "start": start,
        "end": end,
        "breaks": [list(b) for b in breaks],
        "activities": [{"start": start, "end": end, "activity": activity}],
    }


def check(tmp_path, capsys, site, week, shifts, previous_week=None) -> list[dict]:
    path = tmp_path / f"{site}.json"
    path.write_text(json.dumps({"site": site, "week_start": week, "shifts": shifts}), encoding="utf-8")
    args = ["roster", "check", str(path), "--json"]
    if previous_week is not None:
        before = tmp_path / f"{site}-before.json"
        before.write_text(json.dumps(previous_week), encoding="utf-8")
        args += ["--previous-week", str(before)]
    capsys.readouterr()
    code = main(args)
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["acceptable"] is False
    return report["violations"]


def named(violations, rule) -> list[dict]:
    found = [v for v in violations if v["rule"] == rule]
    assert found, f"{rule} not named; got {sorted({v['rule'] for v in violations})}"
    assert all(v["label"] and v["message"] for v in found)
    return found


@pytest.fixture
def untrained(tmp_path, monkeypatch):
    """A copy of the fixtures where one person's training is completed only after the week."""

    def _edit(site: str, who: str, completed: str):
        root = tmp_path / "fixtures"
        if not root.exists():
            shutil.copytree(FIXTURES, root)
        path = root / "staff" / f"{site}.toml"
        text = path.read_text(encoding="utf-8")
        block = re.search(rf'id = "{who}".*?(?=\[\[staff\]\]|\Z)', text, re.S)
        edited = re.sub(r"training_completed = \S+", f"training_completed = {completed}", block.group(0), count=1)
        path.write_text(text.replace(block.group(0), edited), encoding="utf-8")
        monkeypatch.setenv("MADOGUCHI_FIXTURES", str(root))

    return _edit


def test_tamano_agent_without_experience_or_training_on_the_phone_is_refused(tmp_path, capsys):
    # §5(4): tam-07 has neither a year's experience nor the training; phones require it too
    found = named(
        check(tmp_path, capsys, "tamano", "2027-02-01", [shift("tam-07", "2027-02-02", "09:15", "13:15", "phone")]),
        "qualification",
    )
    assert found[0]["staff_id"] == "tam-07" and found[0]["start"] == "09:15"


def test_tamano_fewer_than_four_people_at_work_is_refused(tmp_path, capsys):
    # §5(1): 4 people or more; two agents alone on Monday morning
    shifts = [
        shift("tam-04", "2027-02-01", "08:15", "12:15", "window"),
        shift("tam-05", "2027-02-01", "08:15", "12:15", "phone"),
    ]
    found = named(check(tmp_path, capsys, "tamano", "2027-02-01", shifts), "headcount")
    assert any(v["date"] == "2027-02-01" and v["start"] == "08:30" for v in found)


@pytest.mark.parametrize(
    "site, week, who, day, start, end, activity",
    [
        ("tamano", "2027-02-01", "tam-04", "2027-02-01", "08:30", "12:30", "window"),  # §3(3)
        ("kawanishi", "2027-05-17", "kaw-04", "2027-05-17", "09:00", "13:00", "window"),  # §6(1)※
        ("seto", "2027-01-04", "set-04", "2027-01-05", "09:00", "13:00", "window"),  # §5(3)イ
    ],
)
def test_nobody_for_set_up_before_opening_is_refused(tmp_path, capsys, site, week, who, day, start, end, activity):
    found = named(check(tmp_path, capsys, site, week, [shift(who, day, start, end, activity)]), "outside_hours")
    assert any(v["date"] == day for v in found)


@pytest.mark.parametrize(
    "site, week, who, day, activity",
    [
        ("kawanishi", "2027-05-17", "kaw-04", "2027-05-18", "window"),  # §8(3)ア
        ("seto", "2027-01-04", "set-05", "2027-01-05", "window"),  # §7(2)イ
        ("ageo", "2027-02-01", "age-08", "2027-02-02", "support_desk"),  # §5(5)④
        ("fujieda", "2025-05-12", "fuj-04", "2025-05-13", "window"),  # §8(2)①
    ],
)
def test_working_before_the_training_is_refused(tmp_path, capsys, untrained, site, week, who, day, activity):
    untrained(site, who, "2099-01-01")
    found = named(check(tmp_path, capsys, site, week, [shift(who, day, "09:00", "13:00", activity)]), "training")
    assert found[0]["staff_id"] == who and found[0]["date"] == day


def test_ageo_call_centre_under_the_answer_rate_floor_is_refused_with_the_rate_it_gives(tmp_path, capsys):
    # §5(3)⑤: 90 % answered, sized on the maximum month; one agent at Monday's peak answers far less
    shifts = [shift("age-11", "2027-02-01", "09:00", "13:00", "call_centre")]
    found = named(check(tmp_path, capsys, "ageo", "2027-02-01", shifts), "service_level")
    nine = next(v for v in found if v["date"] == "2027-02-01" and v["start"] == "09:00")
    assert nine["figures"]["agents"] == 1 and nine["figures"]["rate"] < 0.9 <= nine["figures"]["target"]
    assert "応答率" in nine["message"] and "%" in nine["message"]


def test_rest_and_days_in_a_row_run_across_the_week_boundary(tmp_path, capsys):
    # the previous week's published roster: age-11 on the call centre Tuesday to Sunday, the
    # Sunday shift (hand-edited) ending at 23:45
    before = {
        "site": "ageo",
        "week_start": "2027-01-25",
        "shifts": [shift("age-11", f"2027-01-{d}", "12:00", "16:00", "call_centre") for d in range(26, 31)]
        + [shift("age-11", "2027-01-31", "19:45", "23:45", "call_centre")],
    }
    monday = [shift("age-11", "2027-02-01", "08:30", "12:30", "call_centre")]
    violations = check(tmp_path, capsys, "ageo", "2027-02-01", monday, previous_week=before)
    assert named(violations, "rest")[0]["staff_id"] == "age-11"
    assert named(violations, "consecutive_days")[0]["date"] == "2027-02-01"


def test_fujieda_and_ageo_price_the_time_after_closing(tmp_path, capsys):
    # §6 (Fujieda), §5(1)④※ (Ageo): finishing after closing is priced, not a violation
    path = tmp_path / "f.json"
    path.write_text(
        json.dumps(
            {
                "site": "fujieda",
                "week_start": "2025-05-12",
                "shifts": [shift("fuj-04", "2025-05-12", "13:00", "17:00", "window")],
            }
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    main(["roster", "check", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert "outside_hours" not in {v["rule"] for v in report["violations"]}
    assert any(p["kind"] == "outside_hours" and p["weight"] == 100 for p in report["penalties"])

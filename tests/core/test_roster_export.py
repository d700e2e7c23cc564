"""The roster as shared: the PDF read back with pypdf, the workbook with openpyxl, the iCalendar
file with icalendar. One real solve of Seto's week (a few seconds) feeds every test."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from core.roster.check import check
from core.roster.export import Sheet, person_ics, roster_pdf, roster_xlsx
from core.roster.model import problem_for
from optimizer.solve import solve

WEEK = dt.date(2026, 11, 23)  # Monday is 勤労感謝の日; Saturday and Sunday closed


@pytest.fixture(scope="module")
def solved(fixtures):
    problem = problem_for(fixtures, fixtures.site("seto"), WEEK)
    roster = solve(problem, time_limit=4)
    assert roster.shifts and not check(roster, problem)
    return roster, problem, Sheet("瀬戸市", {m.id: m.name for m in problem.staff}, "版2（公開中）")


def test_the_pdf_is_one_a4_landscape_page_with_one_line_per_person(solved):
    roster, problem, sheet = solved
    reader = PdfReader(io.BytesIO(roster_pdf(roster, problem, sheet)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape in points
    text = reader.pages[0].extract_text()
    assert "瀬戸市 勤務表 2026年11月23日〜11月29日 版2（公開中）" in text
    for member in problem.staff:
        assert member.name in text
    # a shift as printed: its hours and its break
    shift = roster.shifts[0]
    start = f"{shift.start // 60:02d}:{shift.start % 60:02d}"
    assert start in text
    assert "11/24（火）" in text and text.count("閉庁") == 3  # the holiday, Saturday and Sunday
    assert "開庁 4日" in text
    assert "必須ルール違反なし" in text


def test_the_pdf_names_leave_and_absence(fixtures, solved):
    roster, problem, sheet = solved
    day = dt.date(2026, 11, 24)
    absent = problem_for(fixtures, fixtures.site("seto"), WEEK, {("set-04", day)})
    edited = type(roster)(
        roster.site_id,
        roster.week_start,
        [s for s in roster.shifts if (s.staff_id, s.date) != ("set-04", day)],
        absences=[("set-04", day)],
    )
    text = PdfReader(io.BytesIO(roster_pdf(edited, absent, sheet))).pages[0].extract_text()
    assert "欠勤" in text


def test_the_workbook_has_the_grid_and_every_activity_block(solved):
    roster, problem, sheet = solved
    book = load_workbook(io.BytesIO(roster_xlsx(roster, problem, sheet)))
    grid, detail = book["勤務表"], book["明細"]
    assert grid["A1"].value.startswith("瀬戸市 勤務表")
    names = [row[0] for row in grid.iter_rows(min_row=3, values_only=True)]
    assert sorted(names) == sorted(m.name for m in problem.staff)
    blocks = sum(len(s.activities) for s in roster.shifts)
    assert detail.max_row - 1 == blocks


def test_each_person_gets_one_event_per_shift_in_tokyo_time(solved):
    roster, problem, sheet = solved
    person = next(s.staff_id for s in roster.shifts)
    calendar = Calendar.from_ical(person_ics(roster, problem, person, sheet))
    events = list(calendar.walk("VEVENT"))
    own = sorted((s for s in roster.shifts if s.staff_id == person), key=lambda s: s.date)
    assert len(events) == len(own)
    for event, shift in zip(sorted(events, key=lambda e: e.decoded("dtstart")), own):
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Asia/Tokyo"
        assert (start.date(), start.hour * 60 + start.minute) == (shift.date, shift.start)
        end = event.decoded("dtend")
        assert end.hour * 60 + end.minute == shift.end
        description = str(event["description"])
        assert ("休憩 " in description) if shift.breaks else ("休憩なし" in description)
        assert str(event["uid"]) == f"seto-{person}-{shift.date.isoformat()}@madoguchi"
    assert calendar.walk("VTIMEZONE")

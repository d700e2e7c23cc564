"""A week's roster for sharing: PDF (A4 landscape, one line per person), Excel, and each person's
own week as an iCalendar file. Pure: roster, problem and display names in, bytes out."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass

from core.privacy.safe_cells import safe_row
from core.reports.pdf_base import FONT_FAMILY, JapanesePDF
from core.roster.model import PSEUDO_ACTIVITIES, Roster, RosterProblem, Shift, hhmm
from core.vocabulary import TOKYO, WEEKDAY_LABELS

WEEKDAYS = WEEKDAY_LABELS
ROLE = {"manager": "責任者", "deputy": "副責任者", "agent": "従事者"}
PSEUDO_LABELS = {"management": "管理業務", "preparation": "準備・片付け"}


@dataclass(frozen=True)
class Sheet:
    """What every export shows: title lines and names; `names` maps staff id → display name."""

    site_name: str
    names: dict[str, str]
    version_label: str = ""  # e.g. "版3（公開）"
    contractor: str = ""


SHORT = {
    "window": "窓口",
    "phone": "電話",
    "back_office": "後方",
    "booth": "オンライン窓口",
    "support_desk": "支援窓口",
    "call_centre": "コールセンター",
    "reception": "案内",
}


def activity_label(problem: RosterProblem, activity: str, short: bool = False) -> str:
    """The contract's name for an activity (short: the generic word, for tight table cells)."""
    if activity in PSEUDO_LABELS:
        return PSEUDO_LABELS[activity]
    parts = []
    for part in activity.split("+"):
        if short:
            parts.append(SHORT.get(part, part))
            continue
        try:
            parts.append(problem.site.activity(part).label)
        except (KeyError, ValueError):
            parts.append(part)
    return "＋".join(parts)


def _activity_minutes(shift: Shift) -> Counter:
    counts: Counter = Counter()
    for block in shift.activities:
        overlap = sum(1 for t in range(block.start, block.end, 15) if not shift.on_break(t))
        counts[block.activity] += overlap * 15
    return counts


def shift_summary(problem: RosterProblem, shift: Shift) -> tuple[str, str]:
    """('09:00–16:00', '休 12:00–12:45 窓口・電話'): the hours, then the break and the activities,
    most time first."""
    hours = f"{hhmm(shift.start)}–{hhmm(shift.end)}"
    breaks = " ".join(f"休{hhmm(s)}–{hhmm(e)}" for s, e in shift.breaks)
    activities = [a for a, _ in _activity_minutes(shift).most_common() if a not in PSEUDO_ACTIVITIES] or [
        a for a, _ in _activity_minutes(shift).most_common()
    ]
    detail = "・".join(activity_label(problem, a, short=True) for a in activities)
    return hours, " ".join(x for x in (breaks, detail) if x)


def _title(sheet: Sheet, roster: Roster) -> str:
    end = roster.week_start + dt.timedelta(days=6)
    return f"{sheet.site_name} 勤務表 {roster.week_start:%Y年%m月%d日}〜{end:%m月%d日}" + (
        f" {sheet.version_label}" if sheet.version_label else ""
    )


def _people(roster: Roster, problem: RosterProblem) -> list:
    order = {"manager": 0, "deputy": 1, "agent": 2}
    return sorted(problem.staff, key=lambda m: (order.get(m.role, 3), m.id))


def _day_heading(problem: RosterProblem, date: dt.date) -> str:
    if date not in problem.days:
        return f"{date.month}/{date.day}\n{WEEKDAYS[date.weekday()]}・閉庁"
    return f"{date.month}/{date.day}（{WEEKDAYS[date.weekday()]}）"


def _cell(roster: Roster, problem: RosterProblem, member, date: dt.date) -> str:
    shift = roster.shift(member.id, date)
    if shift is not None:
        hours, detail = shift_summary(problem, shift)
        return f"{hours}\n{detail}"
    reason = problem.unavailable_reason(member, date) if date in problem.days else None
    if (member.id, date) in roster.absences:
        reason = "欠勤"
    return reason or ("休" if date in problem.days else "")


def _week_hours(roster: Roster, member) -> str:
    minutes = sum(s.work_minutes for s in roster.shifts if s.staff_id == member.id)
    return f"{minutes / 60:g}時間"


def roster_pdf(roster: Roster, problem: RosterProblem, sheet: Sheet) -> bytes:
    """A4 landscape: one line per person, one column per day (hours, break, activities), week total."""
    title = _title(sheet, roster)
    pdf = JapanesePDF(
        orientation="L", title=title, header_left=problem.site.contract.title, header_right=sheet.contractor or "勤務表"
    )
    pdf.set_margins(10, 10, 10)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=14)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=8)
    pdf.set_text_color(80)
    status = "必須ルール違反なし" if roster.acceptable else f"必須ルール違反 {len(roster.violations)} 件"
    pdf.cell(
        0,
        5,
        f"従事者 {len(problem.staff)}名　開庁 {len(problem.days)}日　{status}"
        + (f"　ペナルティ {roster.objective:,}" if roster.objective is not None else ""),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0)
    pdf.ln(1)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    name_w, role_w, total_w = 30, 15, 16
    closed_w = 14
    closed = sum(1 for d in problem.dates if d not in problem.days)
    day_w = (width - name_w - role_w - total_w - closed * closed_w) / max(1, 7 - closed)
    widths = (name_w, role_w, *(day_w if d in problem.days else closed_w for d in problem.dates), total_w)
    pdf.set_font(FONT_FAMILY, size=7.5)
    headings = ["氏名", "役割", *(_day_heading(problem, d) for d in problem.dates), "週計"]
    with pdf.table(
        col_widths=widths,
        text_align="CENTER",
        line_height=3.8,
        first_row_as_headings=True,
        headings_style=_heading_style(),
        padding=0.8,
    ) as table:
        row = table.row()
        for text in headings:
            row.cell(text)
        for member in _people(roster, problem):
            row = table.row()
            row.cell(sheet.names.get(member.id, member.name), align="LEFT")
            row.cell(ROLE.get(member.role, member.role))
            for date in problem.dates:
                row.cell(_cell(roster, problem, member, date))
            row.cell(_week_hours(roster, member))
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, size=7)
    pdf.set_text_color(80)
    pdf.multi_cell(
        0,
        3.5,
        "各欄: 勤務時間／休憩（休）と担当業務（時間の長い順）。休 = 勤務なし、休暇・欠勤・勤務不可の曜日は理由を表示。"
        f"作成 {dt.datetime.now(TOKYO):%Y-%m-%d %H:%M}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT_FAMILY, emphasis="BOLD", fill_color=(225, 232, 240))


def roster_xlsx(roster: Roster, problem: RosterProblem, sheet: Sheet) -> bytes:
    """Two sheets: the week grid (勤務表) and one row per shift and activity block (明細)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    grid = book.active
    grid.title = "勤務表"
    grid.append(safe_row([_title(sheet, roster)]))  # every row through core.privacy.safe_cells: no formulas
    grid["A1"].font = Font(bold=True, size=14)
    grid.append(["氏名", "役割", *(_day_heading(problem, d) for d in problem.dates), "週計"])
    for cell in grid[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E1E8F0")
    for member in _people(roster, problem):
        grid.append(
            safe_row(
                [
                    sheet.names.get(member.id, member.name),
                    ROLE.get(member.role, member.role),
                    *(_cell(roster, problem, member, d) for d in problem.dates),
                    _week_hours(roster, member),
                ]
            )
        )
    for row in grid.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    grid.column_dimensions["A"].width = 16
    grid.column_dimensions["B"].width = 9
    for letter in "CDEFGHI":
        grid.column_dimensions[letter].width = 24
    grid.column_dimensions["J"].width = 9
    detail = book.create_sheet("明細")
    detail.append(["日付", "曜日", "ID", "氏名", "始業", "終業", "休憩", "業務開始", "業務終了", "業務"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for shift in sorted(roster.shifts, key=lambda s: (s.date, s.start, s.staff_id)):
        breaks = " ".join(f"{hhmm(s)}–{hhmm(e)}" for s, e in shift.breaks)
        name = sheet.names.get(shift.staff_id, shift.staff_id)
        for block in shift.activities:
            detail.append(
                safe_row(
                    [
                        shift.date.isoformat(),
                        WEEKDAYS[shift.date.weekday()],
                        shift.staff_id,
                        name,
                        hhmm(shift.start),
                        hhmm(shift.end),
                        breaks,
                        hhmm(block.start),
                        hhmm(block.end),
                        activity_label(problem, block.activity),
                    ]
                )
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _at(date: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0), tzinfo=TOKYO) + dt.timedelta(minutes=minute)


def person_ics(roster: Roster, problem: RosterProblem, staff_id: str, sheet: Sheet) -> bytes:
    """One person's week as iCalendar: one event per shift (Asia/Tokyo), the break and the
    activities in the description. UIDs are stable per site, person and date, so importing a
    newer version updates the events instead of doubling them."""
    from icalendar import Calendar, Event

    member = problem.member(staff_id)
    name = sheet.names.get(staff_id, member.name)
    calendar = Calendar()
    calendar.add("prodid", "-//madoguchi//roster//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{sheet.site_name} 勤務 {name}")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = dt.datetime.now(dt.UTC)
    for shift in sorted((s for s in roster.shifts if s.staff_id == staff_id), key=lambda s: s.date):
        hours, detail = shift_summary(problem, shift)
        lines = [f"勤務 {hours}"]
        lines += [f"休憩 {hhmm(s)}–{hhmm(e)}" for s, e in shift.breaks] or ["休憩なし"]
        lines += [f"{hhmm(b.start)}–{hhmm(b.end)} {activity_label(problem, b.activity)}" for b in shift.activities]
        if sheet.version_label:
            lines.append(f"勤務表 {sheet.version_label}")
        event = Event()
        event.add("uid", f"{roster.site_id}-{staff_id}-{shift.date.isoformat()}@madoguchi")
        event.add("dtstamp", stamp)
        event.add("dtstart", _at(shift.date, shift.start))
        event.add("dtend", _at(shift.date, shift.end))
        event.add("summary", f"{sheet.site_name} 勤務（{detail.split(' ')[-1] if detail else ''}）".replace("（）", ""))
        event.add("location", problem.site.contract.place)
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

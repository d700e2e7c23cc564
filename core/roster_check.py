"""The independent rule checker and scorer: roster + problem → violations and penalties.

Written from the rules, not from the solver's model, so that it can judge the solver, a file and a
manual edit alike. Violations are hard rules broken (the roster is not acceptable); penalties are
soft goals missed, each with its weight from the profile. `score()` adds them up exactly as the
solver's objective does, which lets tests compare the two figures."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from core.calendar import weekday_of
from core.roster import (
    DAY_MINUTES,
    PSEUDO_ACTIVITIES,
    SLOT,
    Roster,
    RosterProblem,
    Shift,
    hhmm,
)
from core.site_profile import ActivityId

# A hard rule that cannot be met costs this much per person-slot (or per slot without a manager)
# in the objective, so the solver breaks as little as possible when it must break something.
HARD_SHORTFALL_WEIGHT = 100_000

RULE_LABELS = {
    "unknown_staff": "登録のない従事者",
    "outside_week": "対象週の外",
    "grid": "15分単位でない時刻",
    "one_shift_per_day": "1日1勤務",
    "closed_day": "閉庁日の勤務",
    "leave": "休暇中の勤務",
    "absence": "欠勤者の勤務",
    "availability": "勤務可能時間外",
    "shift_length": "勤務時間の長さ",
    "break_length": "休憩時間（労働基準法第34条）",
    "break_position": "休憩の位置",
    "daily_hours": "1日の労働時間",
    "weekly_hours": "週の労働時間",
    "days_off": "週休日",
    "rest": "勤務間の休息",
    "activity_coverage": "配置の抜け・重なり",
    "skill": "担当できない業務",
    "qualification": "資格要件",
    "activity_not_allowed": "その時間にできない業務",
    "floor": "最低配置人数",
    "cap": "上限人数（席・回線）",
    "equipment": "共用機器の台数",
    "presence": "責任者の在席",
}

PENALTY_LABELS = {
    "unmet_demand": "需要に対する人員不足",
    "over_staffing": "過剰配置",
    "contract_hours": "契約時間との差",
    "preference": "希望に反する勤務",
    "activity_switch": "業務の切替",
    "short_rest": "勤務間の休息が短い",
    "scattered_starts": "出勤時刻のばらつき",
    "change": "再作成による変更",
    "floor_shortfall": "最低配置人数の不足（必須）",
    "presence_missing": "責任者不在（必須）",
}


@dataclass
class Violation:
    rule: str
    message: str
    date: dt.date | None = None
    start: int | None = None
    end: int | None = None
    staff_id: str | None = None
    activity: str | None = None
    reason: str = ""

    def to_json(self) -> dict:
        data: dict = {"rule": self.rule, "label": RULE_LABELS[self.rule], "message": self.message}
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.start is not None:
            data["start"] = hhmm(self.start)
            data["end"] = hhmm(self.end)
        if self.staff_id is not None:
            data["staff_id"] = self.staff_id
        if self.activity is not None:
            data["activity"] = self.activity
        if self.reason:
            data["reason"] = self.reason
        return data


def _slots(start: int, end: int) -> range:
    return range(start, end, SLOT)


def _ranges(minutes: list[int]) -> list[tuple[int, int]]:
    """[510, 525, 540, 600] → [(510, 555), (600, 615)]."""
    out: list[tuple[int, int]] = []
    for minute in sorted(minutes):
        if out and out[-1][1] == minute:
            out[-1] = (out[-1][0], minute + SLOT)
        else:
            out.append((minute, minute + SLOT))
    return out


class _Week:
    """The roster laid out per slot, built once and shared by the rules."""

    def __init__(self, roster: Roster, problem: RosterProblem):
        self.problem = problem
        self.shifts: list[Shift] = []
        self.known = {m.id: m for m in problem.staff}
        # (date, minute) → list of (staff_id, activity) for working minutes
        self.working: dict[tuple[dt.date, int], list[tuple[str, str]]] = defaultdict(list)
        for shift in roster.shifts:
            self.shifts.append(shift)
            for minute in _slots(shift.start, shift.end):
                if shift.on_break(minute):
                    continue
                activity = shift.activity_at(minute)
                if activity is not None:
                    self.working[(shift.date, minute)].append((shift.staff_id, activity))

    def coverage(self, date: dt.date, minute: int) -> dict[ActivityId, int]:
        counts: dict[ActivityId, int] = defaultdict(int)
        for _, activity in self.working.get((date, minute), []):
            if activity in PSEUDO_ACTIVITIES:
                continue
            for part in activity.split("+"):
                try:
                    counts[ActivityId(part)] += 1
                except ValueError:
                    pass  # an unknown activity is reported per shift
        return counts


def check(roster: Roster, problem: RosterProblem) -> list[Violation]:
    """Every hard rule the roster breaks, grouped into time ranges."""
    if roster.site_id != problem.site.id:
        return [Violation("unknown_staff", f"名簿の拠点 {roster.site_id} は {problem.site.id} ではありません")]
    week = _Week(roster, problem)
    out: list[Violation] = []
    out += _shift_rules(week)
    out += _weekly_rules(week)
    out += _coverage_rules(week)
    return out


def _shift_rules(week: _Week) -> list[Violation]:
    problem = week.problem
    out: list[Violation] = []
    seen: set[tuple[str, dt.date]] = set()
    for shift in week.shifts:
        who, day = shift.staff_id, shift.date
        member = week.known.get(who)
        if member is None:
            out.append(Violation("unknown_staff", f"{who} はこの拠点の従事者ではありません", day, staff_id=who))
            continue
        if not problem.week_start <= day < problem.week_start + dt.timedelta(days=7):
            out.append(Violation("outside_week", f"{who} の {day} の勤務は対象週の外です", day, staff_id=who))
            continue
        if (who, day) in seen:
            out.append(Violation("one_shift_per_day", f"{who} は {day} に2つ以上の勤務があります", day, staff_id=who))
            continue
        seen.add((who, day))
        times = [shift.start, shift.end, *(t for pair in shift.breaks for t in pair),
                 *(t for b in shift.activities for t in (b.start, b.end))]
        if any(t % SLOT for t in times):
            out.append(Violation("grid", f"{who} の {day} の勤務に15分単位でない時刻があります", day, staff_id=who))
            continue
        if shift.end <= shift.start:
            out.append(Violation("shift_length", f"{who} の {day} の勤務は終了が開始より前です", day,
                                 shift.start, shift.end, who))
            continue
        if day not in problem.days:
            out.append(Violation("closed_day", f"{day} は閉庁日ですが {who} の勤務があります", day, staff_id=who))
            continue
        unavailable = problem.unavailable_reason(member, day)
        if unavailable:
            rule = {"欠勤": "absence", "休暇": "leave"}.get(unavailable, "availability")
            out.append(Violation(rule, f"{who} は {day} に{unavailable}ですが勤務が入っています", day,
                                 shift.start, shift.end, who))
            continue
        window = problem.shift_window(member, day)
        if window is None or shift.start < window[0] or shift.end > window[1]:
            allowed = f"{hhmm(window[0])}–{hhmm(window[1])}" if window else "なし"
            out.append(Violation("availability", f"{who} の勤務 {hhmm(shift.start)}–{hhmm(shift.end)} が"
                                 f"勤務可能時間（{allowed}）を外れています", day, shift.start, shift.end, who))
        length = shift.end - shift.start
        if not problem.min_shift_minutes <= length <= problem.max_shift_minutes:
            out.append(Violation("shift_length", f"{who} の勤務は {length // 60}時間{length % 60:02d}分で、"
                                 f"{problem.min_shift_minutes / 60:g}〜{problem.max_shift_minutes / 60:g}時間の範囲外です",
                                 day, shift.start, shift.end, who))
        out += _break_rules(problem, shift)
        if shift.work_minutes > problem.max_daily_minutes:
            out.append(Violation("daily_hours", f"{who} の {day} の労働時間 {shift.work_minutes / 60:g}時間が"
                                 f"上限 {problem.max_daily_minutes / 60:g}時間を超えています", day,
                                 shift.start, shift.end, who))
        out += _activity_rules(problem, member, shift)
    return out


def _break_rules(problem: RosterProblem, shift: Shift) -> list[Violation]:
    out = []
    who, day = shift.staff_id, shift.date
    margin = problem.rules.min_work_around_break_minutes
    previous_end = shift.start
    for start, end in shift.breaks:
        if end <= start or start < previous_end:
            out.append(Violation("break_position", f"{who} の休憩 {hhmm(start)}–{hhmm(end)} が重なるか逆順です",
                                 day, start, max(start, end), who))
        elif start - shift.start < margin or shift.end - end < margin:
            out.append(Violation("break_position", f"{who} の休憩 {hhmm(start)}–{hhmm(end)} が勤務の端にあります"
                                 f"（前後に{margin}分以上の勤務が必要）", day, start, end, who))
        previous_end = max(previous_end, end)
    needed = problem.required_break(shift.work_minutes)
    if shift.break_minutes < needed:
        out.append(Violation("break_length", f"{who} は {shift.work_minutes / 60:g}時間働くので休憩{needed}分以上が"
                             f"必要ですが {shift.break_minutes}分です", day, shift.start, shift.end, who))
    return out


def _activity_rules(problem: RosterProblem, member, shift: Shift) -> list[Violation]:
    out = []
    who, day = shift.staff_id, shift.date
    uncovered, doubled = [], []
    wrong: dict[tuple[str, str], list[int]] = defaultdict(list)
    for minute in _slots(shift.start, shift.end):
        hits = [b for b in shift.activities if b.start <= minute < b.end]
        if shift.on_break(minute):
            if hits:
                doubled.append(minute)
            continue
        if not hits:
            uncovered.append(minute)
            continue
        if len(hits) > 1:
            doubled.append(minute)
        activity = hits[0].activity
        allowed = problem.activities_at(member, day, minute) if day in problem.days else []
        if activity not in allowed:
            wrong[(activity, _why_not(problem, member, day, minute, activity))].append(minute)
    for minute in {b.start for b in shift.activities} | {b.end for b in shift.activities}:
        if not shift.start <= minute <= shift.end:
            doubled.append(minute)
    for start, end in _ranges(uncovered):
        out.append(Violation("activity_coverage", f"{who} の {hhmm(start)}–{hhmm(end)} に業務の割当がありません",
                             day, start, end, who))
    for start, end in _ranges(sorted(set(doubled))):
        out.append(Violation("activity_coverage", f"{who} の {hhmm(start)}–{hhmm(end)} の業務が休憩・他の業務・"
                             "勤務時間外と重なっています", day, start, end, who))
    for (activity, rule), minutes in wrong.items():
        for start, end in _ranges(minutes):
            out.append(Violation(rule, f"{who} は {hhmm(start)}–{hhmm(end)} に「{activity}」を担当できません"
                                 f"（{RULE_LABELS[rule]}）", day, start, end, who, activity))
    return out


def _why_not(problem: RosterProblem, member, day: dt.date, minute: int, activity: str) -> str:
    parts = activity.split("+")
    try:
        ids = [ActivityId(p) for p in parts]
    except ValueError:
        return "activity_not_allowed"
    if problem.does_management_only(member) or any(a not in member.skills for a in ids):
        return "skill"
    if any(not problem.qualified(member, a, day) for a in ids):
        return "qualification"
    return "activity_not_allowed"


def _weekly_rules(week: _Week) -> list[Violation]:
    problem = week.problem
    out = []
    by_person: dict[str, list[Shift]] = defaultdict(list)
    for shift in week.shifts:
        if shift.staff_id in week.known:
            by_person[shift.staff_id].append(shift)
    for who, shifts in by_person.items():
        shifts.sort(key=lambda s: s.date)
        worked = sum(s.work_minutes for s in shifts)
        if worked > problem.max_weekly_minutes:
            out.append(Violation("weekly_hours", f"{who} の週の労働時間 {worked / 60:g}時間が上限 "
                                 f"{problem.max_weekly_minutes / 60:g}時間を超えています", staff_id=who))
        days = len({s.date for s in shifts})
        allowed = 7 - problem.labour.min_days_off_per_week
        if days > allowed:
            out.append(Violation("days_off", f"{who} は週{days}日勤務で、週{problem.labour.min_days_off_per_week}日の"
                                 "休日がありません", staff_id=who))
        min_rest = int(round(problem.labour.min_rest_hours_between_shifts * 60))
        for before, after in zip(shifts, shifts[1:]):
            if (after.date - before.date).days != 1:
                continue
            rest = after.start + DAY_MINUTES - before.end
            if rest < min_rest:
                out.append(Violation("rest", f"{who} の {before.date} 終業から翌日の始業まで {rest / 60:g}時間で、"
                                     f"{min_rest / 60:g}時間に足りません", after.date, staff_id=who))
    return out


def _coverage_rules(week: _Week) -> list[Violation]:
    problem = week.problem
    floor_short: dict[tuple[dt.date, ActivityId], list[int]] = defaultdict(list)
    over_cap: dict[tuple[dt.date, ActivityId], list[int]] = defaultdict(list)
    over_equipment: dict[tuple[dt.date, str], list[int]] = defaultdict(list)
    no_presence: dict[dt.date, list[int]] = defaultdict(list)
    presence_people = {m.id for m in problem.staff if problem.counts_for_presence(m)}
    for date, frame in problem.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for activity, slots in frame.service.items():
                if minute not in slots:
                    continue
                need = problem.requirements.get((date, minute, activity))
                if need is None:
                    continue
                if cov[activity] < need.min:
                    floor_short[(date, activity)].append(minute)
                if cov[activity] > need.max:
                    over_cap[(date, activity)].append(minute)
            for equipment in problem.site.equipment:
                if sum(cov[a] for a in equipment.used_by) > equipment.available:
                    over_equipment[(date, equipment.id)].append(minute)
            if problem.site.staffing.presence != "none":
                here = {who for who, _ in week.working.get((date, minute), [])}
                if not here & presence_people:
                    no_presence[date].append(minute)
    out = []
    for (date, activity), minutes in floor_short.items():
        for start, end in _ranges(minutes):
            label = problem.site.activity(activity).label
            out.append(Violation("floor", f"{date} {hhmm(start)}–{hhmm(end)} の{label}が契約の最低人数に届きません",
                                 date, start, end, activity=activity.value,
                                 reason=diagnose_floor(problem, date, start, end, activity)))
    for (date, activity), minutes in over_cap.items():
        for start, end in _ranges(minutes):
            label = problem.site.activity(activity).label
            out.append(Violation("cap", f"{date} {hhmm(start)}–{hhmm(end)} の{label}が席・回線の上限を超えています",
                                 date, start, end, activity=activity.value))
    for (date, equipment_id), minutes in over_equipment.items():
        for start, end in _ranges(minutes):
            out.append(Violation("equipment", f"{date} {hhmm(start)}–{hhmm(end)} に {equipment_id} の使える台数を"
                                 "超える人が配置されています", date, start, end))
    titles = problem.site.staffing.manager_title + (
        f"・{problem.site.staffing.deputy_title}" if problem.site.staffing.presence == "manager_or_deputy"
        and problem.site.staffing.deputy_title else "")
    for date, minutes in no_presence.items():
        for start, end in _ranges(minutes):
            out.append(Violation("presence", f"{date} {hhmm(start)}–{hhmm(end)} に{titles}が在席していません"
                                 "（休憩中を含む）", date, start, end,
                                 reason=diagnose_presence(problem, date, start, end)))
    return out


def _absent_reasons(problem: RosterProblem, people, date: dt.date, start: int, end: int) -> tuple[list, list[str]]:
    free, away = [], []
    for member in people:
        window = problem.shift_window(member, date)
        if window is not None and window[0] <= start and end <= window[1]:
            free.append(member)
        else:
            away.append(f"{member.id}: {problem.unavailable_reason(member, date) or '勤務可能時間外'}")
    return free, away


def diagnose_floor(problem: RosterProblem, date: dt.date, start: int, end: int, activity: ActivityId) -> str:
    """Why a floor could not be met: nobody entitled is free, or the labour rules run out."""
    entitled = [m for m in problem.staff if problem.qualified(m, activity, date)]
    if not entitled:
        return "この業務の技能と資格を持つ従事者がいません"
    free, away = _absent_reasons(problem, entitled, date, start, end)
    if not free:
        return "資格のある従事者が全員勤務できません（" + "、".join(away) + "）"
    return (f"勤務可能な有資格者は{len(free)}人いますが、週の労働時間・休日・休憩・他の最低人数を守ると足りません"
            + ("（勤務できない人: " + "、".join(away) + "）" if away else ""))


def diagnose_presence(problem: RosterProblem, date: dt.date, start: int, end: int) -> str:
    leaders = [m for m in problem.staff if problem.counts_for_presence(m)]
    if not leaders:
        return "責任者・副責任者が登録されていません"
    free, away = _absent_reasons(problem, leaders, date, start, end)
    if not free:
        return "責任者・副責任者が全員勤務できません（" + "、".join(away) + "）"
    return f"勤務可能な責任者・副責任者は{len(free)}人いますが、労働時間・休憩の規則の範囲で全時間を覆えません"


# --- penalties ----------------------------------------------------------------------------------


def score(roster: Roster, problem: RosterProblem, previous: Roster | None = None,
          locked: frozenset[tuple[str, dt.date]] = frozenset()) -> tuple[int, list[dict]]:
    """(total, items): every soft penalty, and the hard shortfalls at HARD_SHORTFALL_WEIGHT, as the
    solver's objective counts them."""
    week = _Week(roster, problem)
    weights = problem.weights
    items: list[dict] = []

    def add(kind: str, weight: int, amount: int, detail: str, **where) -> None:
        if amount and weight:
            items.append({"kind": kind, "label": PENALTY_LABELS[kind], "weight": weight, "amount": amount,
                          "cost": weight * amount, "detail": detail, **where})

    _coverage_penalties(week, add)
    shifts_of: dict[str, list[Shift]] = defaultdict(list)
    for shift in roster.shifts:
        if shift.staff_id in week.known:
            shifts_of[shift.staff_id].append(shift)
    for member in problem.staff:
        shifts = sorted(shifts_of.get(member.id, []), key=lambda s: s.date)
        worked = sum(s.work_minutes for s in shifts)
        target = problem.target_minutes(member)
        add("contract_hours", weights.contract_hours, abs(worked - target) // SLOT,
            f"{member.id}: 週{worked / 60:g}時間（目安 {target / 60:g}時間）", staff_id=member.id)
        for shift in shifts:
            _shift_penalties(problem, member, shift, add)
        for before, after in zip(shifts, shifts[1:]):
            rest = after.start + DAY_MINUTES - before.end
            if (after.date - before.date).days == 1 and rest < problem.rules.rest_goal_hours * 60:
                add("short_rest", weights.short_rest, 1, f"{member.id}: {after.date} の前の休息 {rest / 60:g}時間",
                    staff_id=member.id, date=after.date.isoformat())
        starts = {s.start for s in shifts}
        add("scattered_starts", weights.scattered_starts, max(0, len(starts) - 1),
            f"{member.id}: 出勤時刻 {'・'.join(hhmm(s) for s in sorted(starts))}", staff_id=member.id)
    if previous is not None:
        _change_penalties(roster, previous, problem, locked, add)
    return sum(item["cost"] for item in items), items


def _coverage_penalties(week: _Week, add) -> None:
    problem = week.problem
    weights = problem.weights
    unmet: dict[tuple[dt.date, ActivityId], list[tuple[int, int]]] = defaultdict(list)
    over: dict[tuple[dt.date, ActivityId], list[tuple[int, int]]] = defaultdict(list)
    short: dict[tuple[dt.date, ActivityId], list[tuple[int, int]]] = defaultdict(list)
    presence_people = {m.id for m in problem.staff if problem.counts_for_presence(m)}
    for date, frame in problem.days.items():
        for minute in sorted(frame.public_slots):
            cov = week.coverage(date, minute)
            for activity in frame.service:
                need = problem.requirements.get((date, minute, activity))
                if need is None:
                    continue
                have = cov[activity]
                if have < need.target:
                    unmet[(date, activity)].append((minute, need.target - have))
                if have > need.target:
                    over[(date, activity)].append((minute, have - need.target))
                if have < need.min:
                    short[(date, activity)].append((minute, need.min - have))
            if problem.site.staffing.presence != "none":
                here = {who for who, _ in week.working.get((date, minute), [])}
                if not here & presence_people:
                    add("presence_missing", HARD_SHORTFALL_WEIGHT, 1, f"{date} {hhmm(minute)} 責任者不在",
                        date=date.isoformat(), start=hhmm(minute))
    for kind, table, weight in (("unmet_demand", unmet, weights.unmet_demand),
                                ("over_staffing", over, weights.over_staffing),
                                ("floor_shortfall", short, HARD_SHORTFALL_WEIGHT)):
        for (date, activity), rows in table.items():
            for start, end in _ranges([m for m, _ in rows]):
                amount = sum(n for m, n in rows if start <= m < end)
                add(kind, weight, amount, f"{date} {hhmm(start)}–{hhmm(end)} {activity.value}: 延べ{amount}人×15分",
                    date=date.isoformat(), start=hhmm(start), end=hhmm(end), activity=activity.value)


def _shift_penalties(problem: RosterProblem, member, shift: Shift, add) -> None:
    weights = problem.weights
    if weekday_of(shift.date) in member.preferences.days_off:
        add("preference", weights.preference, 1, f"{member.id}: {shift.date} は休み希望の曜日",
            staff_id=member.id, date=shift.date.isoformat())
    window = problem.shift_window(member, shift.date)
    if window is not None:
        if member.preferences.shift == "early" and shift.start != window[0]:
            add("preference", weights.preference, 1, f"{member.id}: {shift.date} 早番希望だが {hhmm(shift.start)} 始業",
                staff_id=member.id, date=shift.date.isoformat())
        if member.preferences.shift == "late" and shift.end != window[1]:
            add("preference", weights.preference, 1, f"{member.id}: {shift.date} 遅番希望だが {hhmm(shift.end)} 終業",
                staff_id=member.id, date=shift.date.isoformat())
    switches = 0
    previous: str | None = None
    for minute in _slots(shift.start, shift.end):
        activity = None if shift.on_break(minute) else shift.activity_at(minute)
        if activity in PSEUDO_ACTIVITIES:
            activity = None
        if activity is not None and previous is not None and activity != previous:
            switches += 1
        previous = activity
    add("activity_switch", weights.activity_switch, switches, f"{member.id}: {shift.date} 業務の切替{switches}回",
        staff_id=member.id, date=shift.date.isoformat())


def on_minutes(shift: Shift | None) -> set[int]:
    return set(_slots(shift.start, shift.end)) if shift else set()


def break_minutes(shift: Shift | None) -> set[int]:
    return {t for t in _slots(shift.start, shift.end) if shift.on_break(t)} if shift else set()


def _change_penalties(roster: Roster, previous: Roster, problem: RosterProblem,
                      locked: frozenset[tuple[str, dt.date]], add) -> None:
    for member in problem.staff:
        for date in problem.dates:
            if (member.id, date) in locked or problem.unavailable_reason(member, date):
                continue
            old, new = previous.shift(member.id, date), roster.shift(member.id, date)
            moved = len(on_minutes(old) ^ on_minutes(new)) + len(break_minutes(old) ^ break_minutes(new))
            add("change", problem.weights.change, moved // SLOT, f"{member.id}: {date} の勤務が変わりました",
                staff_id=member.id, date=date.isoformat())

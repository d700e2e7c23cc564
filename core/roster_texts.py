"""Every Japanese word of the roster checker, in one place: rule labels, violation sentences and
penalty details are made here from the records' ids and figures (never parsed back)."""
from __future__ import annotations

from core.roster import UNAVAILABLE_WORDS, hhmm
from core.roster_rules.ids import RuleId

RULE_LABELS = {
    RuleId.unknown_staff: "登録のない従事者",
    RuleId.outside_week: "対象週の外",
    RuleId.grid: "15分単位でない時刻",
    RuleId.one_shift_per_day: "1日1勤務",
    RuleId.closed_day: "閉庁日の勤務",
    RuleId.leave: "休暇中の勤務",
    RuleId.absence: "欠勤者の勤務",
    RuleId.availability: "勤務可能時間外",
    RuleId.shift_length: "勤務時間の長さ",
    RuleId.break_length: "休憩時間（労働基準法第34条）",
    RuleId.break_position: "休憩の位置",
    RuleId.daily_hours: "1日の労働時間",
    RuleId.weekly_hours: "週の労働時間",
    RuleId.days_off: "週休日",
    RuleId.rest: "勤務間の休息",
    RuleId.consecutive_days: "連続勤務日数",
    RuleId.activity_coverage: "配置の抜け・重なり",
    RuleId.skill: "担当できない業務",
    RuleId.qualification: "資格要件",
    RuleId.training: "研修未修了",
    RuleId.activity_not_allowed: "その時間にできない業務",
    RuleId.floor: "最低配置人数",
    RuleId.cap: "上限人数（席・回線）",
    RuleId.equipment: "共用機器の台数",
    RuleId.presence: "責任者の在席",
    RuleId.headcount: "配置人数の下限（業務を問わず）",
    RuleId.service_level: "応答率",
    RuleId.outside_hours: "開始前・終了後の業務",
    RuleId.unmet_demand: "需要に対する人員不足",
    RuleId.over_staffing: "過剰配置",
    RuleId.contract_hours: "契約時間との差",
    RuleId.preference: "希望に反する勤務",
    RuleId.activity_switch: "業務の切替",
    RuleId.short_rest: "勤務間の休息が短い",
    RuleId.scattered_starts: "出勤時刻のばらつき",
    RuleId.change: "再作成による変更",
}

_SHORTFALL_LABELS = {
    RuleId.floor: "最低配置人数の不足（必須）",
    RuleId.presence: "責任者不在（必須）",
    RuleId.headcount: "配置人数の下限の不足（必須）",
    RuleId.service_level: "応答率に必要な人数の不足（必須）",
    RuleId.outside_hours: "開始前・終了後の業務の不足（必須）",
}

_AWAY = {**UNAVAILABLE_WORDS, "untrained": "研修未修了", "outside_hours": "勤務可能時間外"}


def rule_label(rule: RuleId) -> str:
    return RULE_LABELS[rule]


def penalty_label(penalty) -> str:
    return _SHORTFALL_LABELS[penalty.rule] if penalty.shortfall else RULE_LABELS[penalty.rule]


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}時間"


def _span(v) -> str:
    return f"{hhmm(v.start)}–{hhmm(v.end)}" if v.start is not None else ""


def violation_message(v, name=lambda staff_id: staff_id, activity_name=lambda a: a) -> str:
    """The sentence for one violation. `name` and `activity_name` let a front end show display
    names instead of ids."""
    f = v.figures
    who = name(v.staff_id) if v.staff_id else ""
    day, span = v.date, _span(v)
    activity = f.get("label") or (activity_name(v.activity) if v.activity else "")
    r, c = v.rule, v.code
    if r == RuleId.unknown_staff:
        if c == "other_site":
            return f"名簿の拠点 {f['roster_site']} は {f['site']} ではありません"
        return f"{who} はこの拠点の従事者ではありません"
    if r == RuleId.outside_week:
        return f"{who} の {day} の勤務は対象週の外です"
    if r == RuleId.one_shift_per_day:
        return f"{who} は {day} に2つ以上の勤務があります"
    if r == RuleId.grid:
        return f"{who} の {day} の勤務に15分単位でない時刻があります"
    if r == RuleId.closed_day:
        return f"{day} は閉庁日ですが {who} の勤務があります"
    if c == "away":
        return f"{who} は {day} に{_AWAY[f['why']]}ですが勤務が入っています"
    if r == RuleId.availability:
        window = f.get("window") or []
        allowed = f"{hhmm(window[0])}–{hhmm(window[1])}" if window else "なし"
        return f"{who} の勤務 {span} が勤務可能時間（{allowed}）を外れています"
    if r == RuleId.shift_length:
        if c == "reversed":
            return f"{who} の {day} の勤務は終了が開始より前です"
        length = f["length"]
        return (f"{who} の勤務は {length // 60}時間{length % 60:02d}分で、"
                f"{f['min'] / 60:g}〜{f['max'] / 60:g}時間の範囲外です")
    if r == RuleId.break_position:
        if c == "overlap":
            return f"{who} の休憩 {span} が重なるか逆順です"
        return f"{who} の休憩 {span} が勤務の端にあります（前後に{f['margin']}分以上の勤務が必要）"
    if r == RuleId.break_length:
        return f"{who} は {_hours(f['work'])}働くので休憩{f['needed']}分以上が必要ですが {f['given']}分です"
    if r == RuleId.daily_hours:
        return f"{who} の {day} の労働時間 {_hours(f['work'])}が上限 {_hours(f['limit'])}を超えています"
    if r == RuleId.weekly_hours:
        return f"{who} の週の労働時間 {_hours(f['work'])}が上限 {_hours(f['limit'])}を超えています"
    if r == RuleId.days_off:
        return f"{who} は週{f['days']}日勤務で、週{f['off']}日の休日がありません"
    if r == RuleId.rest:
        return f"{who} の {f['before']} 終業から翌日の始業まで {_hours(f['rest'])}で、{_hours(f['min'])}に足りません"
    if r == RuleId.consecutive_days:
        return f"{who} は {day} で{f['limit'] + 1}日連続の勤務になります（前週の勤務表を含め上限{f['limit']}日）"
    if r == RuleId.activity_coverage:
        if c == "uncovered":
            return f"{who} の {span} に業務の割当がありません"
        return f"{who} の {span} の業務が休憩・他の業務・勤務時間外と重なっています"
    if r in (RuleId.skill, RuleId.qualification, RuleId.activity_not_allowed):
        return f"{who} は {span} に「{activity_name(v.activity)}」を担当できません（{RULE_LABELS[r]}）"
    if r == RuleId.training:
        done = f"（研修修了日 {f['completed']}）" if f.get("completed") else "（研修修了の記録なし）"
        return f"{who} は {day} に研修を修了していないため勤務できません{done}"
    if r == RuleId.floor:
        return f"{day} {span} の{activity}が契約の最低人数に届きません"
    if r == RuleId.cap:
        return f"{day} {span} の{activity}が席・回線の上限を超えています"
    if r == RuleId.equipment:
        return f"{day} {span} に {f['equipment']} の使える台数を超える人が配置されています"
    if r == RuleId.presence:
        return f"{day} {span} に{f['titles']}が在席していません（休憩中を含む）"
    if r == RuleId.headcount:
        return f"{day} {span} の配置が{f['fewest']}人で、業務を問わず{f['floor']}人以上の契約に届きません"
    if r == RuleId.service_level:
        return (f"{day} {span} の{activity}は{f['agents']}人で応答率 {f['rate'] * 100:.1f}%、"
                f"目標 {f['target'] * 100:g}% には{f['needed']}人が必要です")
    if r == RuleId.outside_hours:
        return f"{day} {span}（開始前・終了後の業務）に{f['people']}人以上の従事者がいません"
    raise KeyError(f"no sentence for rule {r} code {c}")  # a new rule needs its sentence here


def cause_text(v) -> str:
    f = v.figures
    away = "、".join(f"{who}: {_AWAY.get(why, why)}" for who, why in f.get("away", []))
    people = "責任者・副責任者" if v.rule == RuleId.presence else "資格のある従事者"
    if v.cause == "nobody_entitled":
        return "責任者・副責任者が登録されていません" if v.rule == RuleId.presence else "この業務の技能と資格を持つ従事者がいません"
    if v.cause == "all_away":
        return f"{people}が全員勤務できません（{away}）"
    if v.cause == "labour_rules":
        if v.rule == RuleId.presence:
            return f"勤務可能な責任者・副責任者は{f['free']}人いますが、労働時間・休憩の規則の範囲で全時間を覆えません"
        return (f"勤務可能な有資格者は{f['free']}人いますが、週の労働時間・休日・休憩・他の最低人数を守ると足りません"
                + (f"（勤務できない人: {away}）" if away else ""))
    return ""


def penalty_detail(p) -> str:
    f = p.figures
    who = p.staff_id or ""
    span = f"{hhmm(p.start)}–{hhmm(p.end)}" if p.start is not None and p.end is not None else ""
    r = p.rule
    if p.shortfall and r == RuleId.presence:
        return f"{p.date} {hhmm(p.start)} 責任者不在"
    if r in (RuleId.unmet_demand, RuleId.over_staffing, RuleId.floor, RuleId.headcount, RuleId.service_level,
             RuleId.outside_hours):
        where = f" {p.activity}" if p.activity else ""
        return f"{p.date} {span}{where}: 延べ{p.amount}人×15分"
    if r == RuleId.contract_hours:
        return f"{who}: 週{_hours(f['worked'])}（目安 {_hours(f['target'])}）"
    if r == RuleId.preference:
        if f["wish"] == "day_off":
            return f"{who}: {p.date} は休み希望の曜日"
        if f["wish"] == "early":
            return f"{who}: {p.date} 早番希望だが {hhmm(p.start)} 始業"
        return f"{who}: {p.date} 遅番希望だが {hhmm(p.end)} 終業"
    if r == RuleId.activity_switch:
        return f"{who}: {p.date} 業務の切替{p.amount}回"
    if r == RuleId.short_rest:
        return f"{who}: {p.date} の前の休息 {_hours(f['rest'])}"
    if r == RuleId.scattered_starts:
        return f"{who}: 出勤時刻 {'・'.join(hhmm(s) for s in f['starts'])}"
    if r == RuleId.change:
        return f"{who}: {p.date} の勤務が変わりました"
    raise KeyError(f"no detail for penalty {r}")

"""Every Japanese word of the roster checker, in one place: rule labels, violation sentences and
penalty details are made here from the records' ids and figures (never parsed back)."""

from __future__ import annotations

from dataclasses import dataclass

from core.roster.model import UNAVAILABLE_WORDS, hhmm
from core.roster.rules.ids import RuleId

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


@dataclass(frozen=True)
class _Said:
    """What a violation's sentence is made of: the record, its figures and its words for a reader."""

    v: object
    f: dict
    who: str
    day: object
    span: str
    activity: str
    activity_name: object


def _unknown_staff(s: _Said) -> str:
    if s.v.code == "other_site":
        return f"名簿の拠点 {s.f['roster_site']} は {s.f['site']} ではありません"
    return f"{s.who} はこの拠点の従事者ではありません"


def _availability(s: _Said) -> str:
    window = s.f.get("window") or []
    allowed = f"{hhmm(window[0])}–{hhmm(window[1])}" if window else "なし"
    return f"{s.who} の勤務 {s.span} が勤務可能時間（{allowed}）を外れています"


def _shift_length(s: _Said) -> str:
    if s.v.code == "reversed":
        return f"{s.who} の {s.day} の勤務は終了が開始より前です"
    length = s.f["length"]
    return (
        f"{s.who} の勤務は {length // 60}時間{length % 60:02d}分で、"
        f"{s.f['min'] / 60:g}〜{s.f['max'] / 60:g}時間の範囲外です"
    )


def _break_position(s: _Said) -> str:
    if s.v.code == "overlap":
        return f"{s.who} の休憩 {s.span} が重なるか逆順です"
    return f"{s.who} の休憩 {s.span} が勤務の端にあります（前後に{s.f['margin']}分以上の勤務が必要）"


def _activity_coverage(s: _Said) -> str:
    if s.v.code == "uncovered":
        return f"{s.who} の {s.span} に業務の割当がありません"
    return f"{s.who} の {s.span} の業務が休憩・他の業務・勤務時間外と重なっています"


def _not_entitled(s: _Said) -> str:
    return f"{s.who} は {s.span} に「{s.activity_name(s.v.activity)}」を担当できません（{RULE_LABELS[s.v.rule]}）"


def _training(s: _Said) -> str:
    done = f"（研修修了日 {s.f['completed']}）" if s.f.get("completed") else "（研修修了の記録なし）"
    return f"{s.who} は {s.day} に研修を修了していないため勤務できません{done}"


def _service_level(s: _Said) -> str:
    f = s.f
    return (
        f"{s.day} {s.span} の{s.activity}は{f['agents']}人で応答率 {f['rate'] * 100:.1f}%、"
        f"目標 {f['target'] * 100:g}% には{f['needed']}人が必要です"
    )


# Rules whose sentence does not depend on the code "away" (checked before it, as they always were).
_BEFORE_AWAY = {
    RuleId.unknown_staff: _unknown_staff,
    RuleId.outside_week: lambda s: f"{s.who} の {s.day} の勤務は対象週の外です",
    RuleId.one_shift_per_day: lambda s: f"{s.who} は {s.day} に2つ以上の勤務があります",
    RuleId.grid: lambda s: f"{s.who} の {s.day} の勤務に15分単位でない時刻があります",
    RuleId.closed_day: lambda s: f"{s.day} は閉庁日ですが {s.who} の勤務があります",
}

_SENTENCES = {
    RuleId.availability: _availability,
    RuleId.shift_length: _shift_length,
    RuleId.break_position: _break_position,
    RuleId.break_length: lambda s: (
        f"{s.who} は {_hours(s.f['work'])}働くので休憩{s.f['needed']}分以上が必要ですが {s.f['given']}分です"
    ),
    RuleId.daily_hours: lambda s: (
        f"{s.who} の {s.day} の労働時間 {_hours(s.f['work'])}が上限 {_hours(s.f['limit'])}を超えています"
    ),
    RuleId.weekly_hours: lambda s: (
        f"{s.who} の週の労働時間 {_hours(s.f['work'])}が上限 {_hours(s.f['limit'])}を超えています"
    ),
    RuleId.days_off: lambda s: f"{s.who} は週{s.f['days']}日勤務で、週{s.f['off']}日の休日がありません",
    RuleId.rest: lambda s: (
        f"{s.who} の {s.f['before']} 終業から翌日の始業まで {_hours(s.f['rest'])}で、{_hours(s.f['min'])}に足りません"
    ),
    RuleId.consecutive_days: lambda s: (
        f"{s.who} は {s.day} で{s.f['limit'] + 1}日連続の勤務になります（前週の勤務表を含め上限{s.f['limit']}日）"
    ),
    RuleId.activity_coverage: _activity_coverage,
    RuleId.skill: _not_entitled,
    RuleId.qualification: _not_entitled,
    RuleId.activity_not_allowed: _not_entitled,
    RuleId.training: _training,
    RuleId.floor: lambda s: f"{s.day} {s.span} の{s.activity}が契約の最低人数に届きません",
    RuleId.cap: lambda s: f"{s.day} {s.span} の{s.activity}が席・回線の上限を超えています",
    RuleId.equipment: lambda s: f"{s.day} {s.span} に {s.f['equipment']} の使える台数を超える人が配置されています",
    RuleId.presence: lambda s: f"{s.day} {s.span} に{s.f['titles']}が在席していません（休憩中を含む）",
    RuleId.headcount: lambda s: (
        f"{s.day} {s.span} の配置が{s.f['fewest']}人で、業務を問わず{s.f['floor']}人以上の契約に届きません"
    ),
    RuleId.service_level: _service_level,
    RuleId.outside_hours: lambda s: (
        f"{s.day} {s.span}（開始前・終了後の業務）に{s.f['people']}人以上の従事者がいません"
    ),
}


def violation_message(v, name=lambda staff_id: staff_id, activity_name=lambda a: a) -> str:
    """The sentence for one violation. `name` and `activity_name` let a front end show display
    names instead of ids."""
    f = v.figures
    said = _Said(
        v,
        f,
        name(v.staff_id) if v.staff_id else "",
        v.date,
        _span(v),
        f.get("label") or (activity_name(v.activity) if v.activity else ""),
        activity_name,
    )
    if v.rule in _BEFORE_AWAY:
        return _BEFORE_AWAY[v.rule](said)
    if v.code == "away":
        return f"{said.who} は {said.day} に{_AWAY[f['why']]}ですが勤務が入っています"
    if v.rule in _SENTENCES:
        return _SENTENCES[v.rule](said)
    raise KeyError(f"no sentence for rule {v.rule} code {v.code}")  # a new rule needs its sentence here


def cause_text(v) -> str:
    f = v.figures
    away = "、".join(f"{who}: {_AWAY.get(why, why)}" for who, why in f.get("away", []))
    people = "責任者・副責任者" if v.rule == RuleId.presence else "資格のある従事者"
    if v.cause == "nobody_entitled":
        if v.rule == RuleId.presence:
            return "責任者・副責任者が登録されていません"
        return "この業務の技能と資格を持つ従事者がいません"
    if v.cause == "all_away":
        return f"{people}が全員勤務できません（{away}）"
    if v.cause == "labour_rules":
        if v.rule == RuleId.presence:
            return f"勤務可能な責任者・副責任者は{f['free']}人いますが、労働時間・休憩の規則の範囲で全時間を覆えません"
        return (
            f"勤務可能な有資格者は{f['free']}人いますが、週の労働時間・休日・休憩・他の最低人数を守ると足りません"
            + (f"（勤務できない人: {away}）" if away else "")
        )
    return ""


def penalty_detail(p) -> str:
    f = p.figures
    who = p.staff_id or ""
    span = f"{hhmm(p.start)}–{hhmm(p.end)}" if p.start is not None and p.end is not None else ""
    r = p.rule
    if p.shortfall and r == RuleId.presence:
        return f"{p.date} {hhmm(p.start)} 責任者不在"
    if r in (
        RuleId.unmet_demand,
        RuleId.over_staffing,
        RuleId.floor,
        RuleId.headcount,
        RuleId.service_level,
        RuleId.outside_hours,
    ):
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


# ---- the roster workbook read back (core/roster/excel_import.py) -------------------------------------------
# The sheet and its columns as core/roster/export.py writes them (the export must keep these words).
IMPORT_SHEET = "明細"
IMPORT_COLUMNS = ("日付", "ID", "始業", "終業", "休憩", "業務開始", "業務終了", "業務")
IMPORT_COLUMN_NUMBER = "{n}列目"
LIST_SEP = "、"
# The refusals, shown by the page as they are (core cannot import dashboard.texts).
IMPORT_TOO_BIG = "ファイルが大きすぎます（{size:,} バイト。{limit:,} バイトまで）"
IMPORT_NOT_XLSX = "Excel ファイル（.xlsx）として読めません"
IMPORT_NO_SHEET = "シート「明細」がありません（勤務表のExcel出力の「明細」シートを編集して取り込んでください）"
IMPORT_NO_COLUMN = "列「{column}」がありません（1行目が見出しです）"
IMPORT_TOO_MANY_ROWS = "行が多すぎます（見出しを除いて {limit:,} 行まで）"
IMPORT_EMPTY = "勤務の行がありません"
IMPORT_FORMULA = "数式は取り込めません（値を入力してください）"
IMPORT_DATE = "日付は YYYY-MM-DD で入力してください（{value}）"
IMPORT_OUTSIDE = "{date} は対象の週（{start}〜{end}）の外です"
IMPORT_STAFF = "ID「{value}」はこの拠点の従事者にありません"
IMPORT_EMPTY_CELL = "空欄です"
IMPORT_TIME = "時刻は HH:MM で入力してください（{value}）"
IMPORT_GRID = "時刻は15分単位で入力してください（{value}）"
IMPORT_REVERSED = "終わりが始まりより前です（{start}–{end}）"
IMPORT_BREAK = "休憩は「12:00–12:45」の形で、複数ある場合は空白で区切って入力してください（{value}）"
IMPORT_ACTIVITY = "業務「{value}」はこの拠点の業務にありません（使える業務: {known}）"
IMPORT_DIFFERS = "同じ人・同じ日の行で値が違います（{first}行目は「{expected}」）"
IMPORT_MORE = "誤りが多いため、最初の {n} 件だけを示しています"

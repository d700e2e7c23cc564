"""Every Japanese sentence live operations refuse or label with, in one place for review.

Templates use str.format fields; the exceptions in core.live.errors fill them in."""

from __future__ import annotations

from core.vocabulary import ReservationStatus, TicketStatus

TICKET_STATUS_LABELS = {
    TicketStatus.WAITING: "待ち",
    TicketStatus.CALLED: "呼出中",
    TicketStatus.SERVING: "対応中",
    TicketStatus.DONE: "完了",
    TicketStatus.NO_SHOW: "不在",
    TicketStatus.HANDED_OFF: "職員へ引継ぎ",
}
RESERVATION_STATUS_LABELS = {
    ReservationStatus.BOOKED: "予約済",
    ReservationStatus.CHANGED: "変更済",
    ReservationStatus.CANCELLED: "取消",
    ReservationStatus.CHECKED_IN: "受付済",
    ReservationStatus.NO_SHOW: "無断キャンセル",
}
ACTION_VERBS = {
    "call": "呼出",
    "recall": "再呼出",
    "start": "対応開始",
    "finish": "完了",
    "no_show": "不在",
    "hand_off": "職員へ引継ぎ",
}

LIST_SEP = "・"
LIST_COMMA = "、"
SPAN = "{start:%H:%M}〜{end:%H:%M}"
COUNTER_NAME = "窓口{n}"

# --- tickets ---------------------------------------------------------------------------------------
UNKNOWN_ACTION = "不明な操作です: {action}"
TICKET_STATE = "{number} は「{now}」のため{verb}できません（{need}の受付番号だけが対象です）。"
TICKET_NOT_FOUND = "受付番号（ID {ticket_id}）が見つかりません。"
TICKET_OTHER_SITE = "受付番号（ID {ticket_id}）は拠点 {site_id} にありません。"
TICKET_TAKEN = "{number} はほかの窓口が先に操作しました。画面を更新してください。"
COUNTER_MISSING = "窓口名を入れてください。"
COUNTER_MISSING_FOR = "{number} を呼び出す窓口名を入れてください。"
COUNTER_LABEL = "窓口名"
HANDOFF_REASON = "引継ぎ理由を選んでください（{reasons}）。"
RESERVATION_ONLY_DAY = "{date} は完全予約制の日です。予約のない方の受付はできません。"

# --- service hours and the site ----------------------------------------------------------------------
NAIVE_TIME = "時刻にタイムゾーンがありません（内部エラー）。"
WRONG_DAY = "{when:%Y-%m-%d %H:%M} は {date} の受付ではありません。"
CLOSED_DAY = "{date} は開庁していません（{reason}）。"
NO_SUCH_ACTIVITY_DAY = "{date} はこの業務を行っていません。"
OUTSIDE_HOURS = "{when:%H:%M} は受付時間外です（受付時間 {hours}）。"
PROCEDURE_CLOSED = "この手続きは {date} に受け付けていません{reason}"
PROCEDURE_CLOSED_REASON = "（{reason}）。"
PROCEDURE_CLOSED_NO_REASON = "。"
UNKNOWN_SITE = "拠点 {site_id!r} はありません（{known}）。"
UNKNOWN_PROCEDURE = "{site}では手続き {procedure_id!r} を扱っていません。"

# --- reservations ------------------------------------------------------------------------------------
SLOT_NOT_FOUND = "予約枠（ID {slot_id}）が見つかりません。"
SLOT_FULL = "{date} {start:%H:%M} の枠は満席です。別の枠を選んでください。"
SLOT_STARTED = "{label} の枠は開始時刻を過ぎているため予約できません。"
SLOT_TOO_FAR = "{label} は予約できる期間（{days}日先まで）の外です。"
BOOKINGS_NOT_OPEN = "予約の受付は {date} からです（仕様書の定め）。"
SLOT_PROCEDURE_CLOSED = "{label} はこの手続きを受け付けていません。"
RESERVATION_LABEL = "予約番号"
RESERVATION_NOT_FOUND = "予約番号 {reference} は見つかりません。"
EMPTY = "（空欄）"
RESERVATION_STATE = "予約 {reference} は「{state}」のため{verb}できません。"
VERB_CHANGE = "変更"
VERB_CANCEL = "取り消し"
VERB_CHECK_IN = "受付"
VERB_NO_SHOW = "無断キャンセルに"
CHANGE_OTHER_SITE = "別の拠点の枠には変更できません。"
CHANGE_SAME_SLOT = "同じ枠への変更です。別の枠を選んでください。"
CHECK_IN_OTHER_DAY = "予約 {reference} は {date} の予約です（本日は {today}）。"
CHECK_IN_TOO_LATE = (
    "予約 {reference}（{start:%H:%M}）は{grace}分を超える遅刻のため予約として受け付けられません。"
    "一般の受付番号を発行してください。"
)
NO_SHOW_TOO_EARLY = "予約 {reference}（{date} {start:%H:%M}）はまだ始まっていません。"

# --- calls -------------------------------------------------------------------------------------------
NO_PHONE_ACTIVITY = "{site}に電話業務 {activity!r} はありません。"
UNKNOWN_TOPIC = "問合せ区分 {topic!r} は登録されていません（{known}）。"
FUTURE_CALL = "未来の時刻の着信は記録できません。"
NEGATIVE_SECONDS = "{label}が負の値です（{value}）。"
WAIT_SECONDS = "待ち秒数"
TALK_SECONDS = "通話秒数"
ABANDONED_WITH_TALK = "放棄呼に通話時間は記録できません。"

# --- online booths -----------------------------------------------------------------------------------
NO_BOOTHS = "{site}にはオンライン窓口がありません。"
UNKNOWN_BOOTH_KIND = "オンライン窓口の手続き {kind!r} はありません（{known}）。"
BOOTH_VISIT_NOT_FOUND = "オンライン窓口の受付（ID {visit_id}）が見つかりません。"
BOOTH_ALREADY_STARTED = "この受付はすでに開始または終了しています。"
BOOTH_ALREADY_ENDED = "この受付はすでに終了しています。"
BOOTH_NUMBER_RANGE = "ブース番号は 1〜{seats} です（{booth}）。"
BOOTH_BUSY = "ブース{booth}は使用中です。"

# --- the 現況 page's alerts ----------------------------------------------------------------------------
OUTSIDE_HOURS_REASON = "受付時間外"
ALERT_NO_ROSTER = "本日の勤務表が公開されていません。{titles}の在席と窓口の配置を確認できません。"
ALERT_NO_LEADER = "{titles}が現在だれも在席していません（勤務表）。"
ALERT_ALL_BOOTHS = "{label}：待ち{waiting}人、稼働{busy}ブース。"
ALERT_BOOTH_WAIT = (
    "オンライン窓口で{minutes}分待っている方がいます（目安{limit}分、待ち{waiting}人、空きブース{free}）。"
)
ALERT_LONG_WAIT = "待ち時間が{limit}分を超えています（最長{longest}分）。"
ALERT_ANSWER_RATE = "応答率 {rate:.1%} が目標 {target:.0%} を下回っています（{offered}件中{answered}件応答）。"
ALERT_FEW_COUNTERS = "開いている窓口 {open} が勤務表の配置 {planned} より少なく、待ちがあります。"

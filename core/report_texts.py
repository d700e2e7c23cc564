"""Every Japanese label of the city reports (日報・月報) in one place, for the PDF, CSV, Excel and
JSON alike, so the wording can be reviewed together. The dashboard's own strings are in
dashboard/texts.py."""

DAILY = "日報"
MONTHLY = "月報"
DOCUMENT_TITLE = "{city} マイナンバーカード窓口 {report}"
META_CONTRACT = "委託業務"
META_CITY = "発注者"
META_CONTRACTOR = "受託者"
META_PLACE = "業務場所"
META_PERIOD = "対象期間"
META_PREPARED = "作成日"
META_DUE = "提出期限"
NO_DUE = "定めなし"
PERIOD_DAY = "{d.year}年{d.month}月{d.day}日（{weekday}）"
PERIOD_MONTH = "{year}年{month}月（{start:%m/%d}〜{end:%m/%d}）"
WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]
PRIVACY_NOTE = "本報告書は件数等の集計のみを記載し、来庁者・従事者の個人情報を含みません。"
NONE_MARK = "—"

# Answers when there is no report to give.
OUTSIDE_CONTRACT = "{site}の契約期間（{start} 〜 {end}）外です: {period}"
FUTURE = "{period}はまだ終わっていません（本日 {today}）。終わった期間を指定してください。"
TODAY_PRELIMINARY = "本日分のため途中集計です（{today} 時点）。"
MONTH_PRELIMINARY = "月の途中のため {today} までの途中集計です。"
CLIPPED = "契約期間の {start} 〜 {end} を集計しています。"
NO_ACTIVITY = "この期間の記録（受付・予約・電話・オンライン窓口・事故等）はありません。各件数は 0 です。"
CLOSED_DAY = "この日は閉庁日です（{reason}）。"

# Tables.
T_SUMMARY = "概要"
T_BY_DAY = "日別の件数"
T_HOURLY = "時間帯別の件数"
T_BY_PLACE = "受付場所別の件数"
T_CALLS = "電話応対"
T_TOPICS = "問い合わせ内容別の件数"
T_RESERVATIONS = "予約"
T_PROCEDURES = "手続き別の受付・処理件数"
T_BOOTHS = "オンライン窓口 内容別の申請数"
T_HANDOFFS = "市職員への引継ぎ（理由別）"
T_WAITS = "待ち時間（手続き別）"
T_ANSWER = "応答率と目標"
T_STAFFING = "人員配置（勤務表と実績）"
T_PRE_ISSUANCE = "交付前設定（カード到着から交付通知書発送まで）"
T_INCIDENTS = "苦情・事故（原因と改善策）"
T_NOTICES = "業務改善事項通知書"
T_CHECKLIST = "履行水準チェック項目"

C_ITEM = "項目"
C_VALUE = "値"
C_DATE = "日付"
C_WEEKDAY = "曜日"
C_HOUR = "時間帯"
C_PLACE = "受付場所"
C_COUNT = "件数"
C_PROCEDURE = "手続き"
C_TOPIC = "内容"
C_KIND = "内容"
C_REASON = "理由"
C_ACTIVITY = "配置"
C_RECEIVED = "受付"
C_DONE = "処理完了"
C_HANDED_OFF = "職員引継ぎ"
C_NO_SHOW = "呼出不在"
C_OPEN = "未完了"
C_BOOTH = "オンライン窓口"
C_CALLS_IN = "受電"
C_ANSWERED = "応答"
C_ABANDONED = "放棄"
C_ANSWER_RATE = "応答率(%)"
C_TARGET = "目標(%)"
C_TARGET_SOURCE = "目標の根拠"
C_VERDICT = "判定"
C_CALLS_OUT = "架電"
C_NEW = "新規予約"
C_CHANGED = "変更"
C_CANCELLED = "取消"
C_NO_SHOW_BOOKING = "無断キャンセル"
C_BOOKED_FOR_DAY = "当日分の予約"
C_CHECKED_IN = "来庁"
C_FORMS = "申請書"
C_WAIT_N = "件数"
C_WAIT_MEAN = "平均(分)"
C_WAIT_P90 = "90%値(分)"
C_WAIT_MAX = "最長(分)"
C_ARRIVED = "到着日"
C_CARDS = "枚数"
C_MAILED = "発送日"
C_LEAD_DAYS = "所要日数"
C_INCIDENT_KIND = "区分"
C_CATEGORY = "分類"
C_OCCURRED = "発生日時"
C_DESCRIPTION = "内容"
C_ACTION = "対応"
C_CAUSE = "原因"
C_FIX = "改善策"
C_REPORTED = "市への報告"
C_NOTICE_RECEIVED = "受領日"
C_SUBJECT = "件名"
C_PLAN_DUE = "計画書期限"
C_PLAN = "計画書提出"
C_REPORT = "報告書提出"
C_COMPLETED = "改善完了"
C_STATUS = "状況"
C_PAYMENT = "支払"
C_CHECK_ITEM = "チェック項目"
C_MEASURED = "測定値"

INCIDENT_KIND = {"incident": "事故", "complaint": "苦情"}
UNCLASSIFIED = "未分類"
NOT_ENTERED = "未入力"
ACTIVITY = {
    "window": "窓口", "phone": "電話", "back_office": "後方", "booth": "オンライン窓口",
    "support_desk": "支援窓口", "call_centre": "コールセンター", "reception": "案内",
}
ROLE = {"manager": "責任者", "deputy": "副責任者", "agent": "従事者"}

# Summary rows.
S_OPEN_DAYS = "開庁日数"
S_TICKETS = "窓口受付件数"
S_RESERVED_TICKETS = "うち予約来庁"
S_DONE = "処理完了件数"
S_HANDOFFS = "市職員への引継ぎ件数"
S_NO_SHOW = "呼出不在件数"
S_BOOTHS = "オンライン窓口受付件数"
S_BOOTHS_DONE = "オンライン窓口完了件数"
S_CALLS_IN = "受電件数"
S_ANSWERED = "応答件数"
S_ABANDONED = "放棄件数"
S_ANSWER_RATE = "応答率(%)"
S_CALLS_OUT = "架電件数"
S_NEW = "新規予約件数"
S_CHANGED = "予約変更件数"
S_CANCELLED = "予約取消件数"
S_NO_SHOW_BOOKING = "無断キャンセル件数"
S_FORMS = "申請書受付枚数"
S_WAIT_MEAN = "窓口の平均待ち時間(分)"
S_WAIT_P90 = "窓口の待ち時間 90%値(分)"
S_WAIT_MAX = "窓口の最長待ち時間(分)"
S_COMPLAINTS = "苦情件数"
S_INCIDENTS = "事故件数"

# Target sources.
TARGET_CONTRACT = "契約"
TARGET_PLANNING = "計画上の目安（契約に定めなし）"
MET = "達成"
NOT_MET = "未達"
CHECK = "要確認"
NO_DATA = "データなし"

# Staffing rows.
ST_OPEN_DAYS = "開庁日数"
ST_ROSTERED_DAYS = "公開済み勤務表のある開庁日数"
ST_HOURS = "勤務表の延べ勤務時間（{role}）"
ST_PRESENCE = "サービス時間中に{who}が在席した割合(%)"
ST_FLOOR = "{activity}の最少人数（{n}名）を満たした時間の割合(%)"
ST_WINDOW_PLANNED = "勤務表の窓口配置（人時）"
ST_WINDOW_USED = "窓口の稼働（窓口×時間、受付記録から）"
ST_WINDOW_SHARE = "勤務表の窓口配置に対する稼働の割合(%)"
ST_NOTE = "実績の出勤記録は本システムで管理していないため、配置は公開済み勤務表（最新版）に基づきます。窓口の稼働は呼出・対応の記録がある窓口と時間帯の数です。"
PRESENCE_WHO = {"manager_or_deputy": "{manager}または{deputy}", "manager": "{manager}", "none": "責任者または副責任者"}

# Pre-issuance.
PI_BATCHES = "到着したカード（件・枚）"
PI_TARGET = "目標: カード到着から交付通知書発送まで {days} 日以内"
PI_WITHIN = "目標内に発送"
PI_LATE = "超過（{days}日）"
PI_PENDING = "未発送（{days}日経過）"
PI_PENDING_LATE = "未発送・超過（{days}日経過）"
PI_MEAN = "平均所要日数"
PI_MAX = "最長所要日数"
PI_BREACHES = "目標超過"
PI_ARRIVED_TODAY = "本日到着したカード（枚）"
PI_MAILED_TODAY = "本日交付通知書を発送したカード（枚）"

# Notices.
N_STATUS_DONE = "改善完了"
N_STATUS_REPORTED = "報告書提出済（市の確認待ち）"
N_STATUS_IMPROVING = "計画書提出済・改善実施中"
N_STATUS_GRACE = "改善準備期間中（計画書未提出、期限 {due}）"
N_STATUS_LATE = "計画書未提出（期限 {due} 超過）"
N_PAY_OK = "停止なし"
N_PAY_STOPPED = "停止中（{since}から、{days}日）"
N_PAY_STOPPED_PAST = "停止（{since}〜{until}、{days}日）"
N_TERMINATION = "支払停止が{days}日以上: 契約解除の対象となり得ます"

# Checklist measures.
M_ROSTER_DAYS = "公開済み勤務表のある開庁日 {n}/{m}日"
M_FLOOR = "最少人数を満たした時間 {pct}%"
M_PRESENCE = "{who}の在席 {pct}%"
M_TRAINED = "研修修了者による勤務 {pct}%（延べ{n}勤務）"
M_INCIDENTS = "事故 {n}件（市へ報告済 {r}件）"
M_PRIVACY = "個人情報に関する事故 {n}件"
M_WAITS = "窓口の待ち時間 平均{mean}分・90%値{p90}分・最長{max}分（{n}件）"
M_WRONG = "誤交付・誤処理 {n}件"
M_COMPLAINTS = "苦情 {n}件"
M_HANDOFFS = "市職員への引継ぎ {n}件"
M_NONE = "記録による測定値なし（責任者の確認による）"

# --- issue 14: 個人情報消去証明書 (core/erasure_certificate.py) -----------------------------------
CERT_TITLE = "個人情報消去証明書"
CERT_TITLE_PERSON = "個人情報消去証明書（個別消去）"
CERT_TO = "{city}長　様"
CERT_FROM = "受託者　{contractor}"
CERT_BODY_SITE = ("下記の業務委託契約の終了に伴い、受託者の管理する業務システム（madoguchi）のデータベースから、"
                  "本業務に係る個人情報を下記のとおり消去したことを証明します。")
CERT_BODY_PERSON = ("本人からの求めに応じ、受託者の管理する業務システム（madoguchi）のデータベースから、"
                    "下記の従事者に係る個人情報を下記のとおり消去したことを証明します。")
CERT_NOTE = "記"
CERT_CONTRACT = "契約件名"
CERT_SITE = "拠点"
CERT_PERIOD = "契約期間"
CERT_PERSON = "対象者（従事者ID）"
CERT_CLAUSE = "根拠"
CERT_WHEN = "消去日時"
CERT_WHO = "実施者"
CERT_DATABASE = "対象データベース"
CERT_METHOD = "消去方法"
CERT_TABLE = "消去した個人情報"
CERT_COL_CATEGORY = "区分"
CERT_COL_WHAT = "内容"
CERT_COL_COUNT = "件数"
CERT_KEPT = "保持した情報（個人を識別できない件数・時刻・役割のみ。報告書の作成に使用）"
CERT_CHECK = "確認"
CERT_SIGN = "確認者（署名）"
CERT_METHOD_SQLITE = ("該当項目を置換・削除（secure_delete により削除領域を上書き）した後、"
                      "WAL のチェックポイント、VACUUM によるデータベースファイルの再構築、WAL の切り詰めを実施")
CERT_METHOD_PG = "該当項目を置換・削除した後、VACUUM FULL により対象テーブルを再構築"
CERT_CATEGORIES = {
    "staff_name": ("従事者", "氏名（仮名に置換）"),
    "staff_conditions": ("従事者", "勤務可能時間・休暇（理由を含む）・勤務希望（削除）"),
    "staff_id": ("従事者", "従事者ID（無意味な値に置換。勤務表・操作記録の参照も置換）"),
    "reservation_reference": ("来庁者", "予約番号（無意味な値に置換）"),
    "incident_text": ("記録", "事故・苦情の記述・対応・原因・再発防止策（置換）"),
    "notice_subject": ("記録", "業務改善事項通知書の件名（置換）"),
    "site_note": ("記録", "拠点の備考（削除）"),
    "user_name": ("利用者", "システム利用者の氏名・ログイン名（置換）"),
    "audit_detail": ("記録", "操作記録のうち対象者を含む詳細（置換）"),
}
CERT_KEPT_ITEMS_PERSON = "従事者ID・役割・担当業務・研修修了日、勤務表（従事者IDと時間）。氏名・勤務条件・希望は残していません"
CERT_KEPT_ITEMS = ("受付・予約・電話・オンライン窓口の件数と時刻、従事者の役割・担当業務・研修修了日、"
                   "勤務表（仮の従事者IDと時間）、事故・苦情の区分と日時、改善通知の日付")
# Staffing from attendance (issue 17).
ST_ATTENDANCE_DAYS = "出勤記録のある開庁日数"
ST_HOURS_ACTUAL = "延べ勤務時間（{role}、出勤記録のある日は実績）"
ST_NOTE_ATTENDANCE = (
    "出典: 出勤記録のある {n} 日は出勤記録（出勤・休憩・退勤の実績）、その他の公開済み勤務表のある日（{m} 日）は"
    "勤務表（計画）に基づきます。延べ勤務時間・責任者の在席割合・最少人数の充足・窓口配置がこの出典に従います"
    "（予定外の出勤者は在席に数え、業務の配置には数えません）。窓口の稼働は呼出・対応の記録がある窓口と時間帯の数です。"
)
ST_NOTE_ATTENDANCE_ONLY = (
    "出典: 勤務表のある {n} 日はすべて出勤記録（出勤・休憩・退勤の実績）に基づきます（勤務表（計画）は用いていません）。"
    "延べ勤務時間・責任者の在席割合・最少人数の充足・窓口配置がこの出典に従います"
    "（予定外の出勤者は在席に数え、業務の配置には数えません）。窓口の稼働は呼出・対応の記録がある窓口と時間帯の数です。"
)
ST_NOTE_OPEN_STAMPS = "退勤が記録されていない {n} 件は集計に含めていません。"

# City booking import (issue 17): messages by row and column.
CB_COLUMNS = {
    "booking_id": ("予約番号", "予約ID", "booking_id"),
    "date": ("予約日", "日付", "date"),
    "time": ("時刻", "予約時刻", "開始時刻", "time"),
    "procedure": ("手続き", "手続", "procedure"),
    "status": ("状態", "status"),
    "proxy": ("代理", "代理人", "proxy"),
}
CB_STATUS_BOOKED = ("予約", "予約済", "booked", "")
CB_STATUS_CANCELLED = ("取消", "取消し", "キャンセル", "cancelled")
CB_YES = ("はい", "有", "あり", "1", "true", "yes", "○")
CB_NO = ("いいえ", "無", "なし", "0", "false", "no", "")
CB_ERR_EMPTY_FILE = "予約のデータがありません（1行目は見出し、2行目から予約）。"
CB_ERR_MISSING_COLUMN = "必須の列「{column}」がありません。"
CB_ERR_DUPLICATE_COLUMN = "列「{column}」が2回あります。"
CB_ERR_REQUIRED = "値がありません。"
CB_ERR_ID = "予約番号は英数字・ハイフン・アンダースコアの1〜40文字です（値: {value}）。"
CB_ERR_ID_TWICE = "予約番号 {value} が {first} 行目にもあります。"
CB_ERR_DATE = "日付は YYYY-MM-DD または YYYY/MM/DD で入力してください（値: {value}）。"
CB_ERR_TIME = "時刻は HH:MM で入力してください（値: {value}）。"
CB_ERR_PROCEDURE = "手続き {value} はこの拠点で扱っていません（{known}）。"
CB_ERR_STATUS = "状態は「予約」か「取消」です（値: {value}）。"
CB_ERR_PROXY = "代理は「はい」か「いいえ」です（値: {value}）。"
CB_ERR_CLOSED = "{date} は開庁日ではありません（{reason}）。"
CB_ERR_NOT_OFFERED = "{date} はこの手続きを受け付けていません。"
CB_ERR_NO_SLOT = "{date} {time} に始まる予約枠がありません（枠は {slots}）。"
CB_ERR_PAST = "{date} {time} は過ぎています。過去の予約は新たに取り込めません。"
CB_ERR_CONTRACT = "{date} は契約期間（{start} 〜 {end}）の外です。"
CB_ERR_CHANGE_STATE = "予約番号 {value} は「{state}」のため変更できません。"
CB_ERR_UNKNOWN_CANCEL = "取り込まれていない予約番号 {value} の取消です。"
INCIDENT_KIND.update({"issue": "課題", "proposal": "改善案", "vacancy": "欠員"})  # issue 17
T_INCIDENT_DETAILS = "事故等の経過・被害と市への報告"
C_INCIDENT_NO = "番号"
C_PROGRESS = "経過"
C_DAMAGE = "被害"
C_ORAL = "口頭報告"
C_WRITTEN = "書面報告"

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
C_COMPLETED = "改善完了の確認"
C_STATUS = "状況"
C_PAYMENT = "支払"
C_CHECK_ITEM = "チェック項目"
C_MEASURED = "測定値"
C_BASIS = "判定の根拠"
C_RECORDS = "根拠とした記録"
BASIS_ANSWER = "応答{answered:,}件 ÷ 受電{offered:,}件 = {rate}%（目標{target}%に対し {op}）"
BASIS_NO_CALLS = "受電の記録なし"

INCIDENT_KIND = {"incident": "事故", "complaint": "苦情"}
UNCLASSIFIED = "未分類"
NOT_ENTERED = "未入力"
ACTIVITY = {
    "window": "窓口",
    "phone": "電話",
    "back_office": "後方",
    "booth": "オンライン窓口",
    "support_desk": "支援窓口",
    "call_centre": "コールセンター",
    "reception": "案内",
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
ST_WINDOW_PLANNED = "勤務表の窓口配置（人時、勤務表のある日）"
ST_WINDOW_USED = "うち受付・対応に使われた時間（人時、受付記録から）"
ST_WINDOW_SHARE = "勤務表の窓口配置に対する稼働の割合(%)"
ST_NOTE = (
    "配置は公開済み勤務表（最新版）に基づきます。窓口の稼働は、勤務表のある日だけを15分ごとに数え、"
    "呼出から対応終了までの窓口の数を、その時間に勤務表が窓口に配置した人数を上限として数えます"
    "（配置と稼働を同じ日・同じ時間で比べるため、割合は100%を超えません）。"
)
ST_NOTE_NO_ATTENDANCE = "この期間の出勤記録はないため、人員配置は勤務表（計画）の値です。"
ST_PARTIAL = "勤務表または出勤記録のある開庁日は {n}/{m} 日です。人員配置の値はその {n} 日分だけの値です。"
ST_SHARE_UNAVAILABLE = "勤務表のある日がないため、窓口配置に対する稼働の割合は算出できません。"
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
N_STATUS_DONE = "改善完了（市が確認）"
N_STATUS_REPORTED = "報告書提出済（市の確認待ち）"
N_STATUS_IMPROVING = "計画書提出済・改善実施中"
N_STATUS_AWAITING_APPROVAL = "計画書提出済（市の了承待ち）"
N_STATUS_APPROVED = "計画書了承済・改善実施中"
N_STATUS_NO_PLAN = "計画書未提出"
N_NO_PAYMENT_CLAUSE = "この契約には支払停止の定めがないため、支払の判定は行いません"
C_PLAN_APPROVED = "計画書了承"
N_STATUS_GRACE = "改善準備期間中（計画書未提出、期限 {due}）"
N_STATUS_LATE = "計画書未提出（期限 {due} 超過）"
N_PAY_OK = "停止なし"
N_PAY_STOPPED = "停止中（{since}から、{days}日）"
N_PAY_STOPPED_PAST = "停止（{since}〜{until}、{days}日）"
N_TERMINATION = "支払停止が{days}日以上: 契約解除の対象となり得ます"

# Checklist measures.
M_ROSTER_DAYS = "公開済み勤務表のある開庁日 {n}/{m}日（配置の値はこの日の分）"
M_FLOOR = "最少人数を満たした時間 {pct}%（勤務表のある{n}日）"
M_PRESENCE = "{who}の在席 {pct}%（勤務表のある{n}日）"
M_HEADCOUNT = "在籍する従事者 {n}名（{roles}）、契約の最少人数 {need}名"
M_HEADCOUNT_NONE = "従事者の記録なし"
CITY_JUDGEMENT = "市の判断"
CHECKLIST_NOTE = (
    "判定は「根拠とした記録」の値だけから機械的に求めた目安です。記録で測れない項目は「市の判断」とし、"
    "判定しません。出勤の実績は勤務表ではなく出勤記録によるべきもので、出勤記録が入力されるまでは勤務表の値です。"
)
MEASURE_RECORDS = {
    "roster_days": "公開済み勤務表",
    "floor_met": "公開済み勤務表（配置）",
    "presence": "公開済み勤務表（役割・休憩）",
    "trained": "公開済み勤務表・従事者の研修修了日",
    "incidents": "事故の記録（市への報告日時）",
    "privacy_incidents": "事故の記録（分類）",
    "waits": "受付記録（発券・呼出時刻）",
    "wrong_issue": "事故・苦情の記録（分類）",
    "complaints": "苦情の記録",
    "handoffs": "市職員への引継ぎの記録",
    "headcount": "従事者の記録（在籍・役割）",
}
M_TRAINED = "研修修了者による勤務 {pct}%（延べ{n}勤務）"
M_INCIDENTS = "事故 {n}件（市へ報告済 {r}件）"
M_PRIVACY = "個人情報に関する事故 {n}件"
M_WAITS = "窓口の待ち時間 平均{mean}分・90%値{p90}分・最長{max}分（{n}件）"
M_WRONG = "誤交付・誤処理 {n}件"
M_COMPLAINTS = "苦情 {n}件"
M_HANDOFFS = "市職員への引継ぎ {n}件"
M_NONE = "記録による測定値なし（責任者の確認による）"

# --- issue 14: 個人情報消去証明書 (core/privacy/erasure_certificate.py) -----------------------------------
CERT_TITLE = "個人情報消去証明書"
CERT_TITLE_PERSON = "個人情報消去証明書（個別消去）"
CERT_TO = "{city}長　様"
CERT_FROM = "受託者　{contractor}"
CERT_BODY_SITE = (
    "下記の業務委託契約の終了に伴い、受託者の管理する業務システム（madoguchi）のデータベースから、"
    "本業務に係る個人情報を下記のとおり消去したことを証明します。"
)
CERT_BODY_PERSON = (
    "本人からの求めに応じ、受託者の管理する業務システム（madoguchi）のデータベースから、"
    "下記の従事者に係る個人情報を下記のとおり消去したことを証明します。"
)
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
CERT_METHOD_SQLITE = (
    "該当項目を置換・削除（secure_delete により削除領域を上書き）した後、"
    "WAL のチェックポイント、VACUUM によるデータベースファイルの再構築、WAL の切り詰めを実施"
)
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
CERT_KEPT_ITEMS_PERSON = (
    "従事者ID・役割・担当業務・研修修了日、勤務表（従事者IDと時間）。氏名・勤務条件・希望は残していません"
)
CERT_KEPT_ITEMS = (
    "受付・予約・電話・オンライン窓口の件数と時刻、従事者の役割・担当業務・研修修了日、"
    "勤務表（仮の従事者IDと時間）、事故・苦情の区分と日時、改善通知の日付"
)
# Staffing from attendance (issue 17).
ST_ATTENDANCE_DAYS = "出勤記録のある開庁日数"
ST_HOURS_ACTUAL = "延べ勤務時間（{role}、出勤記録のある日は実績）"
ST_NOTE_ATTENDANCE = (
    "出典: 出勤記録のある {n} 日は出勤記録（出勤・休憩・退勤の実績）、その他の公開済み勤務表のある日（{m} 日）は"
    "勤務表（計画）に基づきます。延べ勤務時間・責任者の在席割合・最少人数の充足・窓口配置がこの出典に従います"
    "（予定外の出勤者は在席に数え、業務の配置には数えません）。窓口の稼働は呼出・対応の記録がある窓口と時間帯の数です。"
)
ST_NOTE_ATTENDANCE_ONLY = (
    "出典: 勤務表のある {n} 日はすべて出勤記録（出勤・休憩・退勤の実績）"
    "に基づきます（勤務表（計画）は用いていません）。"
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
M_NONE = "本システムの記録では測れません（市の判断による）"

# -- documents of issue 16 (core/documents/) ------------------------------------------------------
DOC_PERIOD_YEAR = "{start:%Y年%m月%d日}〜{end:%Y年%m月%d日}（年度）"
DOC_PERIOD_AS_OF = "{day:%Y年%m月%d日} 現在"
YEAR_PRELIMINARY = "年度の途中のため {today} までの途中集計です。"
DOC_CLAUSE = "根拠条項"
DOC_STAFF_NOTE = "本書は業務に必要な従事者の氏名・役割・研修の記録のみを記載し、住所・個人の電話番号等は含みません。"
DOC_STAFF_PHONE_NOT_HELD = (
    "従事者個人の電話番号は本システムに記録していません（契約で求められていないため記載しません）。"
)
DOC_NOT_PRODUCED = "この書類は本システムでは作成しません（提出の記録のみ）。"
DOC_UNKNOWN = "{site}の書類に {doc!r} はありません。使える書類: {known}"
DOC_NEEDS_MONTH = "{label}は月ごとの書類です。--month YYYY-MM を指定してください。"
DOC_NEEDS_DAY = "{label}は日ごとの書類です。--date YYYY-MM-DD を指定してください。"
DOC_NEEDS_YEAR = "{label}は年度ごとの書類です。--year YYYY（年度の始まる年）を指定してください。"
NOT_RECORDED = "未記録"
ROLE_TITLE_AGENT = "従事者"

# Completion notice (Ageo §7).
T_COMPLETION = "業務の実施状況"
T_COMPLETION_CONFIRM = "発注者による業務履行の確認"
CN_STATEMENT = "{period}の業務を下記のとおり完了しましたので、仕様書{clause}により通知します。"
CN_DAYS = "{activity}の実施日数"
CN_BOOTHS = "オンライン窓口 受付件数"
CN_BOOTHS_DONE = "オンライン窓口 完了件数"
CN_DESK = "支援窓口 受付件数"
CN_CALLS = "コールセンター 受電件数"
CN_ANSWERED = "コールセンター 応答件数"
CN_RATE = "コールセンター 応答率(%)"
CN_OUT = "架電件数"
CN_INCIDENTS = "過誤・事故件数"
CN_COMPLAINTS = "苦情件数"
CN_CHECKS = "ブース・機器の点検（実施日数・不良件数）"
CN_CHECKS_VALUE = "{days}日・不良{ng}件"
CN_CONFIRM_DATE = "業務履行の確認日"
CN_CONFIRM_BY = "確認者"
CN_CONFIRM_NOTE = "確認欄は発注者が記入します（仕様書§7、§8(2)）。"

# Equipment checks (Ageo §5(1)②(ウ)).
T_EQUIPMENT_SUMMARY = "点検項目ごとの状況"
T_EQUIPMENT_LOG = "点検記録"
C_EQUIPMENT = "点検項目"
C_CHECKS = "点検回数"
C_LAST_CHECK = "最終点検日"
C_NG = "不良"
C_RESULT = "結果"
C_NOTE = "備考・対応"
EQ_OK = "良"
EQ_NG = "不良"
EQ_NEVER = "この月の点検記録なし"
EQ_NOTE = "点検は受託者が記録した結果です。不良のものは代替機の設置等の対応を備考に記載します。"

# Meeting material (Tamano §8(2), Seto §9(3)イ①, Kawanishi §10(3)).
T_MEETING_FIGURES = "契約の数値に対する進捗"
T_MEETING_DEADLINES = "納期（報告書等の提出）の達成状況"
T_MEETING_OPEN = "業務遂行上の課題（未解決）"
T_MEETING_DONE = "改善策と実施状況（当月）"
C_FIGURE = "実績"
C_CONTRACT = "契約・運用の定め"
C_RAISED = "提起日"
C_TITLE = "課題"
C_DETAIL = "内容"
C_IMPROVEMENT = "改善策"
C_CLOSED = "解決日"
C_SOURCE = "出所"
MT_SOURCE_ISSUE = "課題"
MT_SOURCE_INCIDENT = "苦情・事故"
MT_SOURCE_NOTICE = "業務改善事項通知書"
MT_NO_TARGET = "定めなし（参考値）"
MT_PLANNING = "定めなし（計画上の目安 {target}%）"
MT_ANSWER = "{activity}の応答率(%)"
MT_PRE_ISSUANCE = "交付前設定の目標超過（件）"
MT_PRE_ISSUANCE_TARGET = "到着から交付通知書発送まで{days}日以内"
MT_FLOOR = "{activity}の最少人数を満たした時間(%)"
MT_FLOOR_TARGET = "常時{n}名以上"
MT_PRESENCE = "{who}の在席(%)"
MT_PRESENCE_TARGET = "常駐"
MT_WAIT = "窓口の待ち時間 90%値(分)"
MT_INCIDENTS = "事故件数"
MT_COMPLAINTS = "苦情件数"
MT_DEADLINE_NOTE = "提出の記録は「報告書」画面の提出記録によります。"

# Self-audit (Seto §9(3)ア).
T_AUDIT = "自主監査チェックリスト"
T_AUDIT_SUMMARY = "監査結果の集計"
C_NO = "No."
C_ISO = "ISO 9001 要求事項"
C_AUDIT_ITEM = "チェック項目"
C_EVIDENCE = "記録による根拠"
C_AUDIT_VERDICT = "監査人の判定"
C_AUDIT_NOTE = "所見"
AUDIT_VERDICTS = {
    "conforming": "適合",
    "observation": "観察事項",
    "minor": "軽微な不適合",
    "major": "重大な不適合",
    "not_applicable": "該当なし",
}
AUDIT_PENDING = "未判定"
AUDIT_NOTE = (
    "判定と所見は監査人が記入したものです。根拠欄は本システムの記録から自動で集計した値で、"
    "判定の材料であり判定そのものではありません。"
)
EV_INCIDENTS = "事故 {n}件（市へ報告済 {r}件）"
EV_COMPLAINTS = "苦情 {n}件（原因・改善策の記入 {k}件）"
EV_TRAINING = "研修修了日の記録がある従事者 {n}/{m}名（研修の実施記録: 未記録）"
EV_ATTENDANCE = "出勤記録: 未記録（代わりに公開済み勤務表のある開庁日 {n}/{m}日）"
EV_IMPROVEMENTS = "改善策を記入した苦情・事故 {n}件、解決した課題 {k}件"
EV_NOTICES = "業務改善事項通知書 {n}件"
EV_ROSTERS = "公開済み勤務表のある開庁日 {n}/{m}日、{who}の在席 {pct}%"
EV_MEETING = "定例会議の課題 {n}件（解決 {k}件、未解決 {j}件）"
EV_SUBMITTED = "報告書等の提出記録 {n}件（期限内 {k}件、期限後 {j}件）"
EV_STAFF = "在籍する従事者 {n}名（{roles}）"
EV_CHECKS = "機器点検の記録 {n}件（不良 {k}件）"

# Staff documents (Seto §9(2)イ, Kawanishi §10(1)ア・§8(2)カ, Tamano §7, Fujieda §9(1)②).
T_EDUCATION = "セキュリティ教育の実施状況"
T_EDUCATION_SUMMARY = "実施状況の集計"
T_ORGANISATION = "業務の実施体制"
T_CONTACTS = "緊急連絡先"
T_STAFF_LIST = "本業務従事者名簿"
T_PLEDGES = "秘密保持に関する誓約書の提出状況"
C_NAME = "氏名"
C_ROLE = "役割"
C_TRAINED_ON = "研修修了日"
C_EDUCATION = "受講状況"
C_QUALIFICATIONS = "資格・経験"
C_SKILLS = "担当業務"
C_WHOM = "連絡先"
C_HOW = "連絡方法"
C_PLEDGE = "誓約書"
ED_DONE = "修了"
ED_NONE = "記録なし"
ED_RESPONSIBLE = "情報の保護及び管理を行う責任者"
ED_CONTENT = "教育の内容（仕様書の定め）"
ED_CONTENT_VALUE = "情報の管理及び情報漏洩について（§9(2)イ）、個人情報保護・守秘義務（§7(2)イ）"
ED_COUNT = "受講を記録した従事者"
ED_COUNT_VALUE = "{n}/{m}名"
ED_NOTE = (
    "受講は従事者ごとの研修修了日の記録によります。研修の回ごとの内容・時間の記録はまだ入力されていないため、"
    "記載していません。"
)
ORG_NO_CONTACTS = "緊急連絡先がサイト設定に登録されていません。"
PLEDGE_NOTE = "誓約書の受領記録はまだ本システムに入力されていないため、各欄は「未記録」です。"
QUALIFICATION = {"experience_1y": "1年以上の経験", "training": "研修修了", "similar_experience": "類似業務の経験"}

# Incidents (ad hoc reports).
T_INCIDENT_SUMMARY = "件数"
INC_RECORDED_CONTENTS = {"発生原因", "原因", "現状分析", "解決策", "改善策", "対応"}
INC_NOT_RECORDED = "契約が求める「{items}」は、事故の記録にまだ項目がないため記載していません。"

# The schedule of documents (report page, CLI).
T_SCHEDULE = "提出書類の一覧"
C_DOCUMENT = "書類"
C_PERIOD = "対象期間"
C_DEADLINE = "提出期限"
C_SUBMITTED = "提出日"
C_DOC_STATUS = "状況"
SCHEDULE_BEFORE_START = "業務開始前（{day}まで）"
SCHEDULE_NO_DEADLINE = "定めなし"
SCHEDULE_AD_HOC = "随時（事案の都度）"
SCHEDULE_STATUS = {
    "submitted": "提出済",
    "late": "期限後に提出",
    "overdue": "期限超過・未提出",
    "due": "期限前・未提出",
    "open": "未提出（期限の定めなし）",
    "ad_hoc": "事案の都度",
    "not_produced": "本システムでは作成しない",
}

# -- pieces that were written inside the report modules (issue 13) -------------------------------
YES = "はい"
NO = "いいえ"
NO_ROWS = "該当なし"
SECTION = "■ {title}"
NOTE_LINE = "注: {note}"
NOTE_MARK = "注"
NOTICE_MARK = "※"
NOTICE_LINE = "※ {note}"
COVER_SHEET = "表紙"
LIST_SEP = "、"  # between records, people, skills
JOIN_SEP = "・"  # between roles, items of one figure
ALT_SEP = "／"  # between figures of one row
MONTH_LABEL = "{year}年{month}月"
HOUR_LABEL = "{hour:02d}時台"
ROLE_COUNT = "{role}{n}"
NOTE_BY_DAY = "開庁日と記録のある日。申請書の空欄は未入力。"
NOTE_BY_PLACE = "窓口等は受付件数、オンライン窓口は受付件数、電話・コールセンターは受電件数。"
NOTE_WAITS = "待ち時間は発券から呼出まで。90%値は最近順位法。"
OP_AT_LEAST = "≧"
OP_BELOW = "＜"
PI_BATCHES_VALUE = "{n}件・{cards}枚"
T_PRE_ISSUANCE_DETAIL = T_PRE_ISSUANCE + "：明細"
N_CLAUSE = "（{clause}）"
N_AS_OF = "{as_of} 時点"
N_AS_OF_NO_PAYMENT = "{as_of} 時点。" + N_NO_PAYMENT_CLAUSE
MT_AT_LEAST = "{target}%以上"
SCHEDULE_MONTH = "{d:%Y年%m月}"
AUDIT_STANDARD_NOTE = "{standard}。" + AUDIT_NOTE
CERT_DATE = "{d:%Y年%m月%d日}"
CERT_SITE_VALUE = "{name}（{id}）"
CERT_PERIOD_VALUE = "{start:%Y年%m月%d日} 〜 {end:%Y年%m月%d日}"
CERT_WHEN_VALUE = "{d:%Y年%m月%d日 %H:%M}（日本時間）"
FONT_FILE_MISSING = "{env}={path}: そのフォントファイルがありません。"
FONT_MISSING = (
    "日本語フォント（IPAexゴシック）が見つかりません。"
    "`./dev up` で依存パッケージ（matplotlib-fontja）を入れ直すか、"
    "{env} に TrueType フォントのパスを指定してください。"
)
CHART_SERIES = "区分"
CHART_MEASURE = "指標"
CHART_MINUTES = "分"

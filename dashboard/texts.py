"""Every Japanese string the dashboard shows, in one place so the wording can be reviewed.

Arranged by page, in the order of the menu (dashboard/ui/navigation.py): one section per page with
the words of its use cases, then the words several pages share (activities, weekdays, roles),
then sign-in and the error messages. Names are kept stable: modules import `texts.NAME`.
A block added by another branch goes at the very end, headed `# ---- added by <worktree>`."""

from core.vocabulary import WEEKDAY_LABELS, StaffRole

# ==== アプリとメニュー (app.py, navigation.py, page_common.py): title, menu entries in menu order, page frame ====
APP_TITLE = "マイナンバーカード窓口 運営コンソール"
APP_ICON = ":material/badge:"
# menu entries, in the order of the menu
PAGE_STATUS = "現況"
PAGE_RECEPTION = "受付"
PAGE_LOBBY = "呼出表示"
PAGE_KIOSK = "発券"
PAGE_RESERVATIONS = "予約"
PAGE_PHONES = "電話"
PAGE_BOOTHS = "オンライン窓口"
PAGE_SITES = "拠点"
PAGE_FORECAST = "需要予測"
PAGE_STAFF = "従事者"
PAGE_ROSTER = "勤務表"
PAGE_ROSTER_MONTH = "勤務表（月）"
PAGE_REPORTS = "日報・月報"
PAGE_INCIDENTS = "事故・苦情・改善通知"
PAGE_CONTRACTOR = "受託者情報"
PAGE_ATTENDANCE = "出勤記録"
PAGE_DESIGNATED = "指定日"
PAGE_CITY_BOOKINGS = "市の予約取込"
PAGE_CARDS = "未受取カード"
PAGE_AUDIT = "監査ログ"
# the frame every page shows
DEMO_CLOCK = "デモの時計で動いています：{now:%Y-%m-%d %H:%M}（{speed:g} 倍速。実際の時刻とは異なります）"
NOW_LINE = "現在 {now:%Y-%m-%d %H:%M}"

# ==== 現況 (app_pages/status.py, status_services.py) ====
STATUS_HEADER = "現況（全拠点）"
STATUS_CAPTION = "待ち人数・待ち時間・窓口・休憩・責任者の在席・応答率・ブースを数秒ごとに更新します。"
ALERTS_NONE = "いま契約上の問題はありません。"
COL_WAITING = "待ち人数"
COL_LONGEST = "最長待ち（いま）"
COL_LONGEST_TODAY = "最長待ち（本日）"
COL_AVERAGE = "平均待ち"
COL_SERVED = "本日の完了"
COL_COUNTERS_OPEN = "窓口（開/計画）"
COL_BOOTHS = "ブース（待ち/使用中/席）"
OPEN_NOW = "受付中"
YES_NO = {True: "在席", False: "不在", None: "勤務表なし"}
NO_ROSTER = "勤務表なし"
STATUS_LINE_WAITING = "待ちの内訳：{by}"
STATUS_LINE_BREAK = "休憩中：{names}"
STATUS_LINE_LEADER = "責任者：{state}"
COL_BOOTH_WAIT = "ブース待ち最長（分）"

# ==== 受付 (app_pages/reception.py) ====
COUNTER_NAME = "窓口名"
ISSUE_BUTTON = "受付番号を発行"
ISSUED = "受付番号 {number} を発行しました。待ち時間の目安：約{minutes}分。"
CALL_NEXT_BUTTON = "次の方を呼出"
CALLED = "{number} を {counter} に呼び出しました。"
NOBODY_WAITING = "お待ちの方はいません。"
PICK_TICKET = "対応中・呼出中の受付番号"
ACTION_BUTTONS = {
    "start": "対応開始",
    "finish": "完了",
    "no_show": "不在",
    "recall": "再呼出",
    "hand_off": "職員へ引継ぎ",
}
HANDOFF_REASON = "引継ぎ理由"
ACTION_DONE = "{number}：{action}。"
ACTION_DONE_TEXT = {
    "start": "対応を開始しました",
    "finish": "完了しました",
    "no_show": "不在にしました",
    "recall": "再呼出しました",
    "hand_off": "職員へ引き継ぎました",
}
QUEUE_TABLE = "本日の受付番号"
COL_NUMBER = "受付番号"
COL_PROCEDURE = "手続き"
COL_STATUS = "状態"
COL_COUNTER = "窓口"
COL_ISSUED = "発券"
COL_CALLED = "呼出"
MY_COUNTER = "担当する窓口"
ISSUE_HEADER = "発券"
MY_TICKET = "{counter} の対応"
MY_TICKET_NONE = "この窓口で対応中の方はいません。"
MY_TICKET_LINE = "### {number}\n{procedure}（{status}）"
ABSENT_HEADER = "不在の受付番号（{count}件）"
RECALL_TO_MINE = "{counter} に再呼出"
QUEUE_EMPTY = "本日の受付番号はまだありません。"

# ==== 呼出表示 (app_pages/lobby.py) ====
LOBBY_CAPTION = "待合の大型画面に映す画面です。呼び出した番号と窓口を大きく表示し、数秒ごとに更新します。"
LOBBY_SPEAK = "音声で呼び出す（ブラウザの読み上げ）"
LOBBY_FULL = "全画面表示（サイドバーを隠す）"
LOBBY_CALLING = "お呼び出し中"
LOBBY_RECENT = "これまでの呼出"
LOBBY_NONE = "ただいまお呼び出し中の番号はありません。"
LOBBY_WAITING = "お待ちの方：{groups}"
LOBBY_WAITING_NONE = "お待ちの方はいません。"
LOBBY_GROUP = "{group} {count}人"
LOBBY_TO_COUNTER = "{counter}へ"

# ==== 発券 (app_pages/kiosk.py) ====
KIOSK_CAPTION = "来庁者が手続きを選ぶと受付番号を発行します。発行した券は印刷できます。"
KIOSK_CHOOSE = "ご用件を選んでください"
KIOSK_TICKET_TITLE = "受付番号"
KIOSK_TICKET_PROCEDURE = "手続き：{procedure}"
KIOSK_TICKET_WAIT = "待ち時間の目安：約{minutes}分（前に {ahead} 人）"
KIOSK_TICKET_ISSUED = "発券 {time}"
KIOSK_TICKET_NOTE = "番号が呼ばれましたら、表示の窓口へお越しください。"
KIOSK_PRINT = "印刷する"
KIOSK_CLOSED = "本日はこの手続きの受付時間外です。"

# ==== 予約 (app_pages/reservations.py) ====
RESERVATION_HEADER = "予約枠"
RESERVATION_DATE = "日付"
SLOTS_NONE = "この日は予約枠がありません（閉庁日、または予約できる手続きがありません）。"
SLOTS_FROM_ROSTER = "枠数は公開済み勤務表の窓口人数から、当日受付分（{reserve:.0%}）を除いて計算しています。"
SLOTS_FROM_SEATS = "公開済み勤務表がないため、全席に人がいるものとして計算しています。"
COL_LEFT = "残り"
BOOK_HEADER = "予約する"
PICK_SLOT = "枠"
PROXY = "代理人による手続き（職員へ引継ぎ）"
BOOK_BUTTON = "予約"
BOOKED = "予約しました。予約番号 {reference}（{date} {start}、{procedure}）。"
PROXY_FLAG = "代理人の予約です。来庁時は市職員へ引継ぎます。"
REFERENCE = "予約番号"
MANAGE_HEADER = "変更・取消・受付"
CHANGE_BUTTON = "この枠に変更"
CANCEL_BUTTON = "取消"
CHECK_IN_BUTTON = "来庁受付"
CHANGED = "予約 {reference} を {date} {start} に変更しました。"
CANCELLED = "予約 {reference} を取り消しました。"
CHECKED_IN = "予約 {reference} を受け付けました。受付番号 {number}（優先）。"
DAY_BOOKINGS = "{date} の予約一覧"
DAY_BOOKINGS_NONE = "この日の予約はまだありません。"
DAY_BOOKING_LINE = "{start}　{reference}　{procedure}　{status}{proxy}"
DAY_BOOKING_PROXY = "　代理人"
NO_SHOW_BUTTON = "無断キャンセル"
MARKED_NO_SHOW = "予約 {reference} を無断キャンセルにしました。"

# ==== 電話 (app_pages/phones.py, outgoing_calls_ui.py, call_services.py) ====
PHONE_HEADER = "電話"
PICK_LINE = "回線"
PICK_TOPIC = "区分"
ANSWERED = "応答した"
WAIT_SECONDS = "待ち（秒）"
DURATION_SECONDS = "通話（秒）"
LOG_CALL_BUTTON = "記録"
CALL_LOGGED = "着信を記録しました（{topic}、{answered}）。"
ANSWERED_LABEL = {True: "応答", False: "放棄"}
CALLS_TODAY = "本日の着信 {offered} 件、応答 {answered} 件、応答率 {rate}（目標 {target}）"
CALL_OUTCOMES = {"reached": "通話", "no_answer": "不在", "message": "留守番電話に伝言", "wrong_number": "番号誤り"}
OUT_HEADER = "架電（発信）の記録"
OUT_PURPOSE = "目的"
OUT_OUTCOME = "結果"
OUT_DURATION = "通話秒数"
OUT_BUTTON = "架電を記録"
OUT_LOGGED = "架電を記録しました（{purpose}、{outcome}）。"
OUT_TODAY = "本日の架電 {n} 件（うち通話 {reached} 件）"
OUT_ERR_LINE = "{site}に電話業務 {value!r} はありません。"
OUT_ERR_PURPOSE = "目的 {value!r} はこの拠点の架電目的にありません（{known}）。"
OUT_ERR_OUTCOME = "結果 {value!r} はありません（通話・不在・留守番電話に伝言・番号誤り）。"
OUT_ERR_FUTURE = "架電の時刻 {value} は未来です。"
OUT_ERR_CLOSED = "{date} は{line}の業務日ではありません。"
OUT_ERR_DURATION = "通話秒数は0以上で入力してください（{value}）。"
OUT_ERR_DURATION_NOT_REACHED = "結果が「{outcome}」の架電に通話秒数は記録できません。"

# ==== オンライン窓口 (app_pages/booths.py) ====
BOOTH_HEADER = "オンライン窓口"
NO_BOOTHS = "この拠点にはオンライン窓口がありません。"
BOOTH_JOIN = "来訪者を待ちに追加"
BOOTH_JOINED = "待ちに追加しました（{kind}）。"
BOOTH_WAITING = "待っている方"
BOOTH_START = "ブースで開始"
BOOTH_STARTED = "ブース{booth}で開始しました。"
BOOTH_END = "終了"
BOOTH_ENDED = "終了しました。"
BOOTH_FIGURES = "待ち {waiting} 人、使用中 {busy} / {seats} ブース"
BOOTH_IN_SESSION = "使用中のブース"
BOOTH_FREE = "空いているブース"
BOOTH_LABEL = "ブース{}"
BOOTH_NONE_FREE = "いま空いているブースはありません。終了したブースから案内してください。"
BOOTH_RUNNING_LABEL = "ブース{booth} {kind}（{since}〜）"
BOOTH_WAIT_FIGURES = "ブース待ち: いま最長 {current} 分、本日最長 {longest} 分、開始までの平均 {average} 分"
BOOTH_WAITED = "{minutes}分待ち"

# ==== 拠点 (app_pages/sites.py, services.py, the month calendar in charts.py) ====
SITES_HEADER = "拠点と契約"
SITES_CAPTION = "各市の仕様書から読み込んだ契約期間・窓口数・開庁日です。"
COL_SITE = "拠点"
COL_PERIOD = "契約期間"
COL_COUNTERS = "配置と席数"
COL_STAFF = "従事者数"
COL_DAYS_OPEN = "今月の開庁日数"
CALENDAR_HEADER = "{site}　{year}年{month}月の開庁日と時間"
DAY_TABLE_DATE = "日付"
DAY_TABLE_WEEKDAY = "曜日"
NOTE_RESERVATION_ONLY = "完全予約制"
NOTE_PROCEDURES_STOPPED = "停止: {names}"
STAFFING_HEADER = "配置基準"
PRESENCE = {
    "manager_or_deputy": "{manager}または{deputy}が常時在席",
    "manager": "{manager}が常駐",
    "none": "在席要件なし",
}
MIN_HEADCOUNT = "配置人数 {n}名以上"
FLOOR = "{activity}: 席数 {seats}・最少 {min} 名・上限 {cap} 名"
CALENDAR_OPEN = "開庁"
CALENDAR_CLOSED = "閉庁"
CALENDAR_PARTIAL = "一部のみ"
DAY_TABLE_STATE = "状態"
DAY_TABLE_HOURS = "受付時間"
DAY_TABLE_NOTE = "備考"

# ==== 需要予測 (app_pages/forecast.py, charts.py, services.py) ====
FORECAST_HEADER = "需要予測と必要人数"
FORECAST_CAPTION = (
    "契約の件数（月間件数・有効期限切れ件数・休日交付実績）から、月の件数を開庁日と15分枠に配分した予測と、"
    "その需要に対する配置ごとの必要人数（契約の最少人数・上限つき）です。"
)
PICK_DATE = "表示する日"
FORECAST_MONTH_HEADER = "{site}　{year}年{month}月の予測件数"
FORECAST_DAY_HEADER = "{site}　{date}（{weekday}）の時間帯別予測"
FORECAST_MONTH_TOTAL = "月間予測件数"
FORECAST_OPEN_DAYS = "開庁日数"
FORECAST_DAYS = "{n}日"
FORECAST_DAILY_MEAN = "開庁日1日あたり"
FORECAST_NO_MONTH_DEMAND = "この月は予測件数がありません。配置は契約上の最少人数に基づきます。"
FORECAST_DAILY_CHART = "日別の予測件数"
FORECAST_ARRIVALS_CHART = "15分枠ごとの予測到着数"
FORECAST_REQUIREMENTS_CHART = "配置ごとの必要人数"
FORECAST_REQUIREMENT_TABLE = "枠ごとの必要人数（表）"
FORECAST_NO_ARRIVALS = "この日は予測件数がありません。必要人数は契約上の最少人数です。"
FORECAST_CLOSED = "{date}（{weekday}）は閉庁日です（{reason}）。"
FORECAST_CAPPED = (
    "契約リスク: 上限（席数・回線数・端末数）のため需要を満たせない時間帯が {count} 枠あります。"
    "市への報告・協議が必要です。"
)
FORECAST_CAPPED_LINE = "{activity} {slots} 必要{need}名／上限{cap}名（{unmet}名不足）"
FORECAST_NOT_CAPPED = "上限を超える需要はありません。すべての枠で必要人数を配置できます。"
UNIT_CASES = "{n:,}件"
ARRIVAL_KIND = {True: "予約", False: "当日（予約なし）"}
REASON = {"demand": "需要", "floor": "最少人数", "cap": "上限"}
COL_ITEM = "手続き・問合せ"
COL_CASES = "予測件数"
COL_ARRIVALS = "予測到着数"
COL_KIND = "予約"
COL_RESERVED = "うち予約"
COL_NEED = "需要からの必要数"
COL_REQUIRED = "必要人数"
COL_REASON = "決め手"
COL_UNMET = "不足"
COL_MEASURE = "指標"

# ==== 従事者 (app_pages/staff.py, staff_records_ui.py, staff_record_services.py, roster_services.py) ====
STAFF_HEADER = "従事者の登録と名簿"
STAFF_CAPTION = (
    "勤務表の作成に使う従事者の情報です（役割・担当業務・資格・契約時間・曜日ごとの勤務可能時間・休暇・希望）。"
    "ここでの変更は次に作成する勤務表から反映されます。連絡先などの個人情報は登録しません。"
)
STAFF_COUNT = "{site}: 在籍 {active}名・休止 {inactive}名"
STAFF_NONE = "{site}には従事者が登録されていません。下の「追加」か「取込」で登録してください。"
STAFF_TAB_EDIT = "追加・編集"
STAFF_TAB_IMPORT = "CSV・Excel 取込"
STAFF_TAB_EXPORT = "名簿の出力"
STAFF_PICK_PERSON = "編集する人"
STAFF_NEW_PERSON = "（新しく追加する）"
STAFF_FIELD_ID = "ID（半角小文字・数字・-）"
STAFF_FIELD_NAME = "氏名"
STAFF_FIELD_ROLE = "役割"
STAFF_FIELD_SKILLS = "担当業務"
STAFF_FIELD_QUALIFICATIONS = "資格"
STAFF_FIELD_TRAINING = "研修修了日（YYYY-MM-DD、なければ空欄）"
STAFF_FIELD_HOURS = "契約時間（週、時間）"
STAFF_FIELD_DAY = "{day}曜日"
STAFF_FIELD_DAYS_HELP = "曜日ごとの勤務可能時間（例 09:00-16:00、休 = 勤務不可、空欄 = 終日可）"
STAFF_FIELD_LEAVE = "休暇（例 2027-01-14~2027-01-15; 2027-02-01）"
STAFF_FIELD_DAYS_OFF = "休み希望の曜日"
STAFF_FIELD_SHIFT = "勤務帯の希望"
STAFF_FIELD_ACTIVE = "在籍（外すと勤務表に入りません）"
STAFF_SAVE = "保存する"
STAFF_REFUSED = "保存しませんでした。次の項目を直してください:"
STAFF_IMPORT_HELP = (
    "1行目に列名、2行目から1人1行。列: ID・氏名・役割・担当業務・資格・研修修了日・契約時間・"
    "月〜日・休暇・休み希望・勤務帯希望"
    "（必須は ID・氏名・役割・担当業務・契約時間）。既存の ID は上書き、新しい ID は追加します。"
    "1行でも誤りがあれば何も書き込みません。下の「取込用ひな形」に今の登録内容が入っています。"
)
STAFF_IMPORT_FILE = "CSV（UTF-8 / Shift_JIS）または Excel（.xlsx）"
STAFF_IMPORT_BUTTON = "取り込む"
STAFF_IMPORT_REFUSED = "取り込みませんでした（{count}件の誤り。登録内容は変わっていません）:"
STAFF_EXPORT_CITY = "従事者名簿（市提出用）"
STAFF_EXPORT_CITY_HELP = "在籍者の氏名・役割・担当業務・資格・研修修了日のみ。勤務条件や希望は含みません。"
STAFF_EXPORT_TEMPLATE = "取込用ひな形（全項目）"
DOWNLOAD_CSV = "CSV"
DOWNLOAD_XLSX = "Excel"
TRAINING_COURSES = {
    "initial": "初任研修",
    "privacy": "個人情報保護研修",
    "security": "情報セキュリティ研修",
    "other": "その他の研修",
}
TR_HEADER = "研修・誓約書の記録"
TR_CAPTION = (
    "研修の受講日と守秘義務の誓約書の提出日を記録します。初任研修の最初の受講日が勤務表の「研修修了日」になります。"
)
TR_PERSON = "従事者"
TR_COURSE = "研修"
TR_TITLE = "研修名（任意）"
TR_DATE = "受講日"
TR_SAVE = "研修を記録"
TR_SAVED = "研修を記録しました。"
TR_PLEDGE_DATE = "誓約書の提出日"
TR_PLEDGE_SAVE = "誓約書を記録"
TR_PLEDGE_SAVED = "誓約書を記録しました。"
TR_COL_ID = "ID"
TR_COL_NAME = "氏名"
TR_COL_PLEDGE = "誓約書"
TR_NONE = "未"
TR_HISTORY = "名簿の変更履歴（変更の都度）"
TR_HISTORY_EXPORT = "変更履歴をCSVで保存"
TR_HISTORY_COLUMNS = ("変更日時", "ID", "変更", "変更前", "変更後", "変更者")
TR_CHANGE = {"added": "追加", "removed": "削除（在籍解除）", "updated": "変更"}
TR_ERR_STAFF = "拠点 {site} の従事者に ID {staff!r} はいません。"
TR_ERR_COURSE = "研修 {value!r} はありません（初任研修・個人情報保護研修・情報セキュリティ研修・その他の研修）。"
TR_ERR_DATE_FUTURE = "{field} {value} は未来の日付です。"
TR_ERR_TWICE = "{name} の {course}（{date}）はすでに記録されています。"
TR_ERR_PLEDGE_TWICE = "{name} の誓約書（{date}）はすでに記録されています。"
TR_ERR_TITLE = "研修名は100字以内で入力してください（{n}字）。"
TR_ENTRY = "氏名 {name}／役割 {role}／業務 {activities}／資格 {qualifications}／研修修了日 {training}"
STAFF_COL_ID = "ID"
STAFF_COL_NAME = "氏名"
STAFF_COL_ROLE = "役割"
STAFF_COL_SKILLS = "担当業務"
STAFF_COL_QUALIFICATIONS = "資格"
STAFF_COL_TRAINING = "研修修了日"
STAFF_COL_HOURS = "契約時間（週）"
STAFF_COL_AVAILABILITY = "勤務可能時間"
STAFF_COL_LEAVE = "休暇"
STAFF_COL_WISHES = "希望"
STAFF_COL_ACTIVE = "状態"
STAFF_ACTIVE = {True: "在籍", False: "休止"}
STAFF_ADDED = "{name}（{id}）を追加しました。次に作成する勤務表から入ります。"
STAFF_UPDATED = "{name}（{id}）を更新しました。次に作成する勤務表から反映されます。"
STAFF_DEACTIVATED = "{id} を休止にしました。"
STAFF_REACTIVATED = "{id} を在籍に戻しました。"
STAFF_ID_EXISTS = "ID {id} はすでに登録されています（編集するには上で選んでください）"
STAFF_ID_FIXED = "ID は変更できません（{id}）"
STAFF_ID_TAKEN = "ID {id} は他の拠点（{site}）の従事者です"
STAFF_IMPORTED = "取り込みました: 追加 {inserted}名・更新 {updated}名。"

# ==== 勤務表 (app_pages/roster.py, roster_services.py, roster_charts.py) ====
ROSTER_HEADER = "勤務表の作成・調整・公開"
ROSTER_CAPTION = (
    "拠点と週を選び「勤務表を作成」を押すと、必要人数と従事者の条件から勤務表を作ります。"
    "結果は版として保存され、確認・手直し・公開・PDF等での共有ができます。"
)
PICK_WEEK = "週（月曜始まり）"
ROSTER_WEEK_LABEL = "{start} 〜 {end}"
ROSTER_NO_STAFF = "{site}に在籍中の従事者がいません。従事者ページで登録してください。"
ROSTER_REQUIREMENTS = "この週の受付時間と必要人数（最少・目標・上限）"
ROSTER_CLOSED_DAYS = "閉庁日: {days}"
ROSTER_COL_OPEN = "受付時間"
ROSTER_COL_TARGET = "目標"
ROSTER_COL_WEEK_HOURS = "週計（時間）"
ROSTER_SOLVE_HEADER = "勤務表を作る"
ROSTER_TIME_LIMIT = "計算時間の上限（秒）"
ROSTER_SOLVE = "勤務表を作成"
ROSTER_SOLVE_HELP = "計算は裏で続きます。他のページに移っても止まらず、終わると新しい版として保存されます。"
ROSTER_STARTED = "{label}を開始しました（上限 {limit} 秒）。"
ROSTER_ALREADY_RUNNING = "この週の計算はすでに実行中です。"
ROSTER_RUNNING = "{label}: 計算中 {elapsed:.0f} / {limit:.0f} 秒"
ROSTER_PROGRESS = (
    "見つかった勤務表 {solutions} 件　最良のペナルティ {objective}　下界 {bound}　差 {gap}"
    "（勤務時間と人数の段階の値。担当業務の割当て後の値は保存時に示します）"
)
ROSTER_PROGRESS_NONE = "まだ勤務表は見つかっていません（必須ルールを満たす組み合わせを探しています）。"
ROSTER_STOP = "計算を止める（ここまでの最良を使う）"
ROSTER_STOPPING = "停止を依頼しました。まもなく止まります。"
ROSTER_DONE = (
    "{label}が終わりました（{elapsed:.1f} 秒）。版{version}として保存しました: {status}、ペナルティ {objective}。"
)
ROSTER_DONE_NOTHING = (
    "{label}が終わりましたが、勤務表は見つかりませんでした（{elapsed:.1f} 秒）。計算時間を延ばしてください。"
)
ROSTER_FAILED = "{label}でエラーが起きました: {error}"
ROSTER_STATUS = {
    "optimal": "最適解",
    "feasible": "必須ルールをすべて満たす勤務表（時間内の最良）",
    "not_acceptable": "必須ルール違反あり（理由は下の一覧）",
    "no_solution": "解なし",
    "manual": "手動編集",
}
ROSTER_LABEL_SOLVE = "勤務表の作成"
ROSTER_LABEL_REROSTER = "欠勤による再作成"
ROSTER_LABEL_RESOLVE = "固定つき再作成"
NOTE_SOLVED = "自動作成"
NOTE_REROSTER = "再作成（{who} {date} 欠勤）"
NOTE_RESOLVED = "再作成（{n}件固定）"
NOTE_EDITED = "手動編集"
ROSTER_NO_VERSION = "この週の勤務表はまだありません。「勤務表を作成」を押してください。"
ROSTER_PICK_VERSION = "表示する版"
VERSION_LABEL = "版{version}（{state}）{note}　{when}　ペナルティ {objective}　{ok}"
VERSION_LIVE = "公開中"
VERSION_PUBLISHED = "旧公開"
VERSION_DRAFT = "下書き"
VERSION_OK = "違反なし"
VERSION_NG = "違反あり"
ROSTER_METRIC_OBJECTIVE = "ペナルティ合計"
ROSTER_METRIC_VIOLATIONS = "必須ルール違反"
ROSTER_METRIC_SHIFTS = "勤務数"
ROSTER_METRIC_LIVE = "公開中の版"
ROSTER_NOT_LIVE = "未公開"
ROSTER_UNSAVED = "未保存の手動編集があります（{n}件）。「編集を保存」で新しい版になります。"
ROSTER_TIMELINE = "個人別タイムライン"
ROSTER_PICK_DAY = "表示する日"
ROSTER_COVERAGE = "配置ごとの人数と必要人数（赤: 最少人数未満、橙: 目標未満、緑: 目標どおり、青: 目標超過）"
ROSTER_WEEK_TABLE = "週の一覧（1人1行）"
ROSTER_BREAK = "休憩"
ROSTER_NO_SHIFTS_DAY = "この日は勤務がありません。"
COVERAGE_STATE = {"floor_short": "最少人数未満", "short": "目標未満", "ok": "目標どおり", "over": "目標超過"}
ROSTER_ISSUES = "違反とペナルティ（日付・時間帯・従事者つき）"
ROSTER_ALL_OK = "必須ルール違反はありません。"
ROSTER_VIOLATIONS = "必須ルール違反が {n} 件あります。"
ISSUE_COL_KIND = "区分"
ISSUE_COL_LABEL = "項目"
ISSUE_COL_TEXT = "内容"
ISSUE_COL_PERSON = "従事者"
ISSUE_COL_COST = "点数"
ISSUE_VIOLATION = "必須ルール違反"
ISSUE_PENALTY = "ペナルティ"
ISSUE_POINTS = "（{amount} × {weight}点）"
ROSTER_EDIT_HEADER = "手直し（変更はその場で規則チェック）"
EDIT_KIND = "変更の種類"
EDIT_KINDS = {
    "move": "勤務時間を変える",
    "activity": "担当業務を変える",
    "swap": "2人の勤務を入れ替える",
    "add": "休みの人に勤務を入れる",
    "remove": "勤務を外す（休みにする）",
}
EDIT_PERSON = "従事者"
EDIT_OTHER = "入れ替える相手"
EDIT_DATE = "日付"
EDIT_START = "開始"
EDIT_END = "終了"
EDIT_ACTIVITY = "担当業務"
EDIT_APPLY = "変更して確認"
EDIT_SAVE = "編集を保存（新しい版）"
EDIT_RESET = "編集を取り消す"
EDIT_RESULT = "{what}: ペナルティ {before:,} → {after:,}（{delta:+,}）、必須ルール違反 {v_before} → {v_after} 件。"
EDIT_NEW_VIOLATION = "この変更で増えた違反:"
EDIT_SAVED = "手動編集を版{version}として保存しました。"
EDIT_RESET_DONE = "編集を取り消し、版{version}に戻しました。"
EDIT_REFUSED = "変更できません: {reason}"
EDIT_WHAT_MOVE = "{who} の {date} の勤務を {start}–{end} に変更"
EDIT_WHAT_ADD = "{who} の {date} に勤務 {start}–{end} を追加"
EDIT_WHAT_REMOVE = "{who} の {date} の勤務を外しました"
EDIT_WHAT_ACTIVITY = "{who} の {date} {start}–{end} を「{activity}」に変更"
EDIT_WHAT_SWAP = "{who} と {other} の {date} の勤務を入れ替え"
ROSTER_ABSENCE_HEADER = "欠勤・固定と再作成（変更は最小限）"
ABSENT_PERSON = "欠勤する人"
ABSENT_DATE = "欠勤日"
LOCK_BEFORE = "欠勤日より前の勤務はそのまま固定する"
LOCKS = "そのまま残す勤務（固定）"
REROSTER = "欠勤を登録して再作成"
RESOLVE_LOCKED = "固定して再作成"
ROSTER_CHANGES = "前の版からの変更"
CHANGE_COL_KIND = "変更"
CHANGE_COL_BEFORE = "変更前"
CHANGE_COL_AFTER = "変更後"
CHANGE_KIND = {
    "added": "勤務追加",
    "removed": "休みに変更",
    "moved": "時間変更",
    "break": "休憩変更",
    "activities": "業務変更",
}
ROSTER_NO_CHANGES = "変更はありません。"
CHANGE_SUMMARY = "勤務の追加・休み・時間の変更 {times}件、休憩のみの変更 {breaks}件、担当業務のみの変更 {duties}件"
ROSTER_PUBLISH_HEADER = "公開・版の比較"
ROSTER_PUBLISH = "この版を公開する"
ROSTER_PUBLISH_HELP = "公開した版が予約枠と現況ページの基準になります。前の版も残ります。"
ROSTER_PUBLISHED = "版{version}を公開しました。予約枠と現況ページはこの版を使います。"
ROSTER_REPUBLISHED = "版{version}の内容を版{live}として公開しました（より新しい公開版があったため）。"
ROSTER_PUBLISH_BLOCKED = "未保存の手動編集があります。先に「編集を保存」してください。"
ROSTER_PUBLISH_WARN = "この版には必須ルール違反があります。公開はできますが、内容を確認してください。"
COMPARE_FIRST = "比べる版（前）"
COMPARE_SECOND = "比べる版（後）"
ROSTER_SHARE_HEADER = "共有（PDF・Excel・iCalendar）"
DOWNLOAD_PDF = "PDF（A4横・1人1行）"
DOWNLOAD_ROSTER_XLSX = "Excel"
ICS_PERSON = "個人の予定（iCalendar）"
DOWNLOAD_ICS = "{name} の1週間（.ics）"
SHARE_NOTE = "ダウンロードするのは表示中の版（{version}）です。個人の .ics はカレンダーアプリに取り込めます。"
COPY_BUTTON = "前週の勤務表を写して始める"
COPY_DONE = "前週の勤務表を写して版{version}を作りました。違反と手直しを確認してください。"
COPY_NONE = "前週（{week}）の勤務表がないため、写せません。"
NOTE_COPIED = "前週（版{version}）の写し"
ROSTER_DONE_WHY = (
    "計算中に示した最良のペナルティ {search} は勤務時間と人数の段階の値です。保存した勤務表の {final} は、"
    "その後に担当業務を割り当てた結果（業務の切替など）を規則チェックで数え直した値です。"
)
NOTE_IMPORTED = "Excelから取込"
ROSTER_IMPORT_HEADER = "Excelから取り込む"
ROSTER_IMPORT_HELP = (
    "「Excel」で書き出した勤務表の「明細」シート（1行が1人1日の業務1区切り）を編集して取り込むと、"
    "新しい版（下書き）として保存します。手動編集と同じく必須ルールを確認し、違反があっても保存します。"
    "数式は使えません。5MB・5,000行まで。"
)
ROSTER_IMPORT_FILE = "勤務表のExcelファイル（.xlsx）"
ROSTER_IMPORT_BUTTON = "取り込んで新しい版にする"
ROSTER_IMPORT_REFUSED = "取り込めませんでした（何も保存していません）。"
ROSTER_IMPORTED = (
    "Excelから取り込み、版{version}（下書き）として保存しました: 勤務 {shifts}件、"
    "必須ルール違反 {violations}件、ペナルティ {objective}。"
)
ROSTER_IMPORTED_VIOLATIONS = "必須ルール違反があります。版を選んで内容を確認してください。"

# ==== 勤務表（月） (app_pages/roster_month.py, month_services.py) ====
MONTH_CAPTION = (
    "公開済みの勤務表を月ごとに並べます。1行が1人、1列が1日です。時間外は1日8時間・週40時間（労働基準法第32条）を"
    "超えた分で、週をまたぐ分はその週の日曜日がある月に数えます。"
)
MONTH_PICK = "表示する月"
MONTH_UNKNOWN_SITE = "拠点 {site} はありません。"
MONTH_BAD = "{year}年{month}月は表示できません。"
MONTH_UNPUBLISHED = "公開済みの勤務表がない週：{weeks}"
MONTH_NOTHING = "この月に公開済みの勤務表はありません。"
MONTH_COL_PERSON = "氏名"
MONTH_COL_WEEK = "{day}週（時間）"
MONTH_COL_HOURS = "月の勤務時間"
MONTH_COL_OVERTIME = "時間外"
MONTH_SHEET = "{year}年{month}月"
MONTH_TITLE = "{site}　{year}年{month}月 勤務表（公開版）"
MONTH_DOWNLOAD = "Excel で保存"

# ==== 日報・月報 (app_pages/reports.py, report_services.py) ====
REPORTS_HEADER = "日報・月報（市への報告）"
REPORTS_CAPTION = (
    "各市の仕様書が求める日報・月報の内容を記録から集計します。件数のみで個人情報は含みません。"
    "PDF・CSV・Excel は同じ数値です。"
)
REPORTS_KIND = "報告の種類"
REPORTS_KINDS = {"daily": "日報", "monthly": "月報"}
REPORTS_DATE = "対象日"
REPORTS_MONTH = "対象月"
REPORTS_DUE_HEADER = "提出期限（市の営業日で数えます）"
REPORTS_DUE_CAPTION = (
    "営業日は市役所の開庁日（土日・祝日・12/29〜1/3 を除く）"
    "です。提出の記録は「事故・苦情・改善通知」ページで行います。"
)
REPORTS_NO_DUTY = "この拠点の契約には提出期限のある日報・月報の定めがありません。"
REPORTS_OVERDUE = "提出期限を過ぎた未提出の報告が {n} 件あります。"
REPORTS_DUE_SOON = "提出待ちの報告が {n} 件あります（期限内）。"
REPORTS_ALL_DONE = "期限のある報告はすべて提出済みです。"
REPORTS_COL_REPORT = "報告"
REPORTS_COL_PERIOD = "対象"
REPORTS_COL_DUE = "提出期限"
REPORTS_COL_SUBMITTED = "提出日"
REPORTS_COL_STATUS = "状況"
REPORTS_PREVIEW = "プレビュー"
REPORTS_DOWNLOAD = "ダウンロード"
REPORTS_MAKE_PDF = "PDFを作成"
REPORTS_PDF = "PDF"
REPORTS_CSV = "CSV"
REPORTS_XLSX = "Excel"
REPORTS_JSON = "JSON"
REPORTS_EMPTY_TABLE = "該当なし"
SUBMIT_REPORT = "報告"
SUBMIT_PERIOD_END = "対象期間の末日"
REPORTS_SUBMIT_HEADER = "市への提出を記録する"
REPORTS_SUBMIT_BUTTON = "提出済みにする"
REPORTS_SUBMITTED = "{report}を {on} に提出済みとして記録しました。"
DOCS_HEADER = "提出書類の一覧"
DOCS_CAPTION = "契約が求める書類ごとに、直近の対象期間・提出期限・状況を示します。"

# ==== 事故・苦情・改善通知 and the documents each city asks for (app_pages/incidents.py, report_services.py) ====
DUE_STATUS = {"submitted": "提出済", "late": "提出済（期限後）", "overdue": "期限超過・未提出", "due": "提出待ち"}
INCIDENTS_HEADER = "事故・苦情・業務改善通知の記録"
INCIDENTS_CAPTION = (
    "現場責任者が記録し、原因と改善策まで追跡します。記録は日報・月報に載ります。"
    "氏名など個人を特定できる情報は書かないでください。"
)
TAB_INCIDENTS = "事故・苦情"
TAB_NOTICES = "業務改善事項通知書"
TAB_INPUTS = "申請書枚数・交付前設定"
TAB_SUBMISSIONS = "報告書の提出記録"
INC_NEW = "新しい事故・苦情を記録"
INC_EDIT = "記録の追記・修正（原因・改善策・市への報告）"
INC_PICK = "修正する記録"
INC_KIND = "区分"
INC_CATEGORY = "分類"
INC_OCCURRED = "発生日時"
INC_DATE = "発生日"
INC_TIME = "発生時刻"
INC_DESCRIPTION = "内容"
INC_ACTION = "対応"
INC_CAUSE = "原因"
INC_FIX = "改善策"
INC_REPORTED = "市への報告日時"
INC_REPORTED_DATE = "市への報告日（未報告なら空欄）"
INC_REPORTED_TIME = "市への報告時刻"
INC_SAVE = "記録する"
INC_UPDATE = "更新する"
INC_SAVED = "記録しました。"
INC_UPDATED = "更新しました。"
INC_WHAT = "事故・苦情の記録"
INC_LIST = "最近90日の記録"
INC_OPEN = "原因・改善策・市への報告が未記入の記録が {n} 件あります。"
INC_NONE = "記録はありません。"
NOTICE_NEW = "通知書を記録"
NOTICE_EDIT = "計画書・報告書・完了の記録"
NOTICE_PICK = "通知書"
NOTICE_SUBJECT = "件名"
NOTICE_RECEIVED = "受領日"
NOTICE_PLAN = "業務改善計画書の提出日"
NOTICE_REPORT = "業務改善報告書の提出日"
NOTICE_COMPLETED = "改善完了の確認日（市）"  # issue 16: the city confirms completion (Kawanishi §1.1(1)ウ)
NOTICE_WHAT = "業務改善事項通知書"
NOTICE_NONE = "通知書はありません。"
NOTICE_GRACE = "この契約では受領から{days}日が改善準備期間です。期限までに計画書がないと支払いが停止されます。"
NOTICE_NO_RULE = "この契約には業務改善事項通知書の定めがありません（記録はできます）。"
NOTICE_STOPPED = "支払停止中の通知書があります: {subjects}"
NOTICE_COL_PLAN_DUE = "計画書期限"
NOTICE_COL_STATUS = "状況"
NOTICE_COL_PAYMENT = "支払"
FORMS_HEADER = "申請書の受付枚数（日次）"
FORMS_DATE = "受付日"
FORMS_COUNT = "枚数"
FORMS_SAVE = "枚数を記録"
FORMS_SAVED = "{date} の申請書 {count} 枚を記録しました。"
BATCH_HEADER = "交付前設定（カード到着 → 交付通知書発送）"
BATCH_TARGET = "目標: カード到着から交付通知書の発送まで {days} 日以内"
BATCH_ARRIVED = "カード到着日"
BATCH_CARDS = "枚数"
BATCH_MAILED = "交付通知書の発送日（未発送なら空欄）"
BATCH_SAVE = "到着を記録"
BATCH_PICK = "発送日を記録するカード"
BATCH_OPTION = "{arrived} 到着 {cards}枚（{days}日経過）"
BATCH_MAIL_SAVE = "発送日を記録"
BATCH_SAVED = "記録しました。"
BATCH_WHAT = "カードの到着記録"
BATCH_NONE = "未発送のカードはありません。"
SUBMIT_HEADER = "報告書を市へ提出した日の記録"
SUBMIT_PICK = "提出した報告"
SUBMIT_OPTION = "{label} {start}（期限 {due}・{status}）"
SUBMIT_SAVE = "提出を記録"
SUBMIT_SAVED = "提出を記録しました。"
SUBMIT_NONE = "提出待ちの報告はありません。"
COL_INC_ID = "番号"
INC_KINDS_MORE = {"issue": "課題", "proposal": "改善案", "vacancy": "欠員（市へ報告）"}
INC_PROGRESS = "経過"
INC_DAMAGE = "被害"
INC_ORAL = "市への口頭報告日時"
INC_WRITTEN = "市への書面報告日時"
INC_ORAL_DATE = "市への口頭報告日（未報告なら空欄）"
INC_WRITTEN_DATE = "市への書面報告日（未提出なら空欄）"
INC_REPORT_TIME = "時刻"
INC_OVERDUE = "市への報告が期限を過ぎています: {what}（{occurred} 発生、{limit}）。"
INC_LIMIT_FIRST = "報告は発生から{minutes}分以内"
INC_LIMIT_WRITTEN = "書面は発生から{days}日以内"
INC_KINDS = {"complaint": "苦情", "incident": "事故", **INC_KINDS_MORE}  # the page offers every kind
NOTICE_APPROVED = "業務改善計画書の了承日（市）"
AUDIT_ITEM = "自主監査のチェック項目"
AUDIT_VERDICT = "判定"
AUDIT_NOTE = "所見"
AUDIT_YEAR = "監査年度"
AUDIT_NONE = "この拠点の契約には自主監査の定めがありません。"
ISSUE_WHAT = "定例会議の課題"
ISSUE_RAISED = "提起日"
ISSUE_TITLE = "課題"
ISSUE_DETAIL = "内容"
ISSUE_IMPROVEMENT = "改善策"
ISSUE_CLOSED = "解決日"
EQUIPMENT_WHAT = "点検項目"
EQUIPMENT_DATE = "点検日"
EQUIPMENT_NOTE = "備考・対応"
EQUIPMENT_NONE = "この拠点の契約には機器点検の定めがありません。"
EQUIPMENT_NG_NEEDS_NOTE = "{site}: {item} が不良のときは備考・対応を入力してください。"
DOCS_COL_DOCUMENT = "書類"
DOCS_COL_CLAUSE = "根拠条項"
DOCS_COL_PERIOD = "対象期間"
DOCS_COL_DEADLINE = "提出期限"
DOCS_COL_SUBMITTED = "提出日"
DOCS_COL_STATUS = "状況"
TAB_DOCUMENTS = "書類の記録"
ISSUE_NEW = "定例会議の課題を記録"
ISSUE_CLOSE = "課題の解決を記録"
AUDIT_HEADER = "自主監査の判定と所見（年1回）"
EQUIPMENT_HEADER = "ブース・機器の点検結果（チェックを外すと不良）"
DOC_SUBMIT_HEADER = "書類の提出を記録"

# ==== 受託者情報 (app_pages/contractor.py) ====
CONTRACTOR_CAPTION = "日報・月報などの書類に印刷する受託者の名称・所在地・代表者です。全拠点の管理者が変更できます。"
CONTRACTOR_SAVE = "保存"
CONTRACTOR_SAVED = "受託者情報を保存しました（{name}）。"

# ==== 出勤記録 (app_pages/attendance.py, attendance_services.py) ====
ATT_KIND = {
    "clock_in": "出勤",
    "break_start": "休憩開始",
    "break_end": "休憩終了",
    "clock_out": "退勤",
}
ATT_STATE = {"not_started": "未出勤", "working": "勤務中", "on_break": "休憩中", "finished": "退勤済み"}
ATT_DEVIATION = {
    "late": "遅刻（{minutes}分）",
    "not_arrived": "未出勤（予定開始から{minutes}分）",
    "absent": "欠勤",
    "left_early": "早退（{minutes}分）",
    "unplanned": "予定外の出勤",
}
ATT_REASON = "訂正の理由"
ATT_ERR_KIND = "打刻の種類 {value!r} はありません（出勤・休憩開始・休憩終了・退勤）。"
ATT_ERR_STAFF = "拠点 {site} の従事者に ID {staff!r} はいません。"
ATT_ERR_INACTIVE = "{staff} は在籍していません（従事者ページで在籍に戻してください）。"
ATT_ERR_CONTRACT = "{site}: 日付 {date} は契約期間の外です。"
ATT_ERR_ORDER = "{staff}: いまは「{kind}」を記録できません（状態: {state}）。"
ATT_ERR_CORRECTION_ORDER = "{staff}: 訂正後の打刻の順序が正しくありません（{state}のときに「{kind}」）。"
ATT_ERR_REASON = "訂正の理由を入力してください。"
ATT_ERR_REASON_LONG = "訂正の理由は200字以内で入力してください（{n}字）。"
ATT_ERR_TIME = "時刻 {value} にタイムゾーンがありません（内部エラー）。"
ATT_ERR_TIME_DAY = "時刻 {value} が対象日 {date} の時刻ではありません。"
ATT_ERR_TIME_FUTURE = "時刻 {value} は未来です。"
ATT_ERR_REPLACES = "訂正する打刻（番号 {id}）はこの日のこの方の有効な打刻ではありません。"
ATT_ERR_MONTH = "月 {value} は契約期間の外か、正しい年月ではありません。"
ATT_EXPORT_COLUMNS = (
    "日付",
    "ID",
    "氏名",
    "役割",
    "予定開始",
    "予定終了",
    "出勤",
    "退勤",
    "休憩（分）",
    "実働（分）",
    "勤務表との差",
    "訂正（種類 時刻・記録者・記録日時・理由）",
)
ATT_EXPORT_FIX = "{kind} {at}・{by}・{when}・{reason}"
ATT_HEADER = "出勤記録（出勤・休憩・退勤）"
# Pages name no city: a user of one city must not read another's name (clauses are cited in the code).
ATT_CAPTION = (
    "公開済み勤務表の予定と実際の出勤・休憩・退勤を記録します。求めがあれば出勤記録を市へ直ちに提出できます。"
    "記録は月報の人員配置に使われます。"
)
ATT_DATE = "日付"
ATT_COL_NAME = "氏名"
ATT_COL_ROLE = "役割"
ATT_COL_PLAN = "予定"
ATT_COL_IN = "出勤"
ATT_COL_BREAKS = "休憩"
ATT_COL_OUT = "退勤"
ATT_COL_STATE = "状態"
ATT_COL_DEVIATION = "勤務表との差"
ATT_NO_PLAN = "予定なし"
ATT_STAMPED = "{name}: {kind}を記録しました。"
ATT_CORRECT_HEADER = "打刻の訂正（理由を記録します）"
ATT_CORRECT_PERSON = "従事者"
ATT_CORRECT_TARGET = "訂正する打刻"
ATT_CORRECT_NEW = "（打刻を追加）"
ATT_CORRECT_KIND = "種類"
ATT_CORRECT_TIME = "正しい時刻"
ATT_CORRECT_SAVE = "訂正を記録"
ATT_CORRECTED = "訂正を記録しました。"
ATT_EXPORT_HEADER = "月の出勤記録（市へ提出する形式）"
ATT_EXPORT_MONTH = "対象月"
ATT_EXPORT_BUTTON = "出勤記録をCSVで保存"
ATT_NOT_TODAY = "打刻ボタンは当日のみ表示されます。過去の日は訂正で記録してください。"

# ==== 指定日 (app_pages/designated_days.py, designation_services.py) ====
DES_HEADER = "指定日（休日開庁日など、市が指定する日）"
DES_CAPTION = (
    "市から通知された指定日を追加・取り消しします。カレンダー、予約枠、必要人数、勤務表、報告書にすぐ反映されます。"
    "変更は誰がいつ行ったか記録されます。"
)
DES_KIND = "区分"
DES_DATE = "日付"
DES_ADD = "指定日を追加"
DES_REMOVE = "指定を取り消す"
DES_ADDED = "{date} を指定日に追加しました。"
DES_REMOVED = "{date} の指定を取り消しました。"
DES_COL_DATE = "日付"
DES_COL_WEEKDAY = "曜日"
DES_COL_SOURCE = "出典"
DES_COL_CHANGED = "変更日時・変更者"
DES_SOURCE = {"profile": "拠点設定（契約時の予定）", "added": "画面から追加", "withdrawn": "取り消し"}
DES_WITHDRAWN = "取り消した日"
DES_NONE = "この拠点には市が日付で指定する区分がありません。"
DES_ERR_KIND = "{site}: 区分 {value!r} は指定日の区分ではありません（{kinds}）。"
DES_ERR_DATE = "日付 {value!r} が正しくありません。"
DES_ERR_CONTRACT = "{site}: 日付 {date} が契約期間（{start} 〜 {end}）の外です。"
DES_ERR_PAST = "日付 {date} は今日以前です。過ぎた日の指定は変更できません。"
DES_ERR_ALREADY = "日付 {date} はすでに「{kind}」に指定されています。"
DES_ERR_NOT_DESIGNATED = "日付 {date} は「{kind}」に指定されていません。"
DES_ERR_YEAR_END = "日付 {date} は年末年始の閉庁期間です。"
DES_ERR_BOOKED = "日付 {date} には予約が {n} 件あります。取り消しの前に予約を変更または取消してください。"

# ==== 市の予約取込 (app_pages/city_bookings.py, city_booking_services.py) ====
CB_HEADER = "市の予約システムからの予約取込"
CB_CAPTION = (
    "市の予約システムから出力したCSVを予約に取り込みます。"
    "列: 予約番号・予約日・時刻・手続き（必須）、状態（予約／取消）・代理（はい／いいえ）。"
    "文字コードは UTF-8 または Shift_JIS。同じファイルを2回取り込んでも変わりません。"
    "1行でも誤りがあれば何も取り込みません。氏名などほかの列は読み込まず、保存しません。"
)
CB_FILE = "予約のCSVファイル"
CB_IMPORT = "取り込む"
CB_DONE = (
    "取り込みました: 新規 {added} 件、変更 {changed} 件、取消 {cancelled} 件、"
    "変更なし {unchanged} 件、対象外の取消 {skipped} 件。"
)
CB_REFUSED = "取り込めませんでした（何も保存していません）。次の誤りを直してください。"
CB_IGNORED = "読み込まなかった列（保存していません）: {columns}"
CB_CONFLICTS = "予約枠の定員を超える市の予約があります。窓口の人員を増やすか、市と調整してください。"
CB_COL_DATE = "日付"
CB_COL_TIME = "時刻"
CB_COL_PROCEDURE = "手続き"
CB_COL_CAPACITY = "当初の定員"
CB_COL_BOOKED = "予約数"

# ==== 未受取カード (app_pages/cards.py, card_services.py) ====
CARD_HEADER = "未受取カードの督促"
CARD_CAPTION = (
    "交付通知書を発送したカードを通知書番号で登録し、一定期間来庁のない方を督促の対象として一覧します。"
    "氏名・住所・電話番号は保存しません（督促は市のシステムの情報で行います）。"
)
CARD_NONE_SITE = "未受取カードを管理する拠点がありません。"
CARD_REFS = "通知書番号（1行に1件）"
CARD_MAILED = "交付通知書の発送日"
CARD_REGISTER = "登録"
CARD_REGISTERED = "{n} 件を登録しました。"
CARD_DUE = "督促の対象（通知から {days} 日以上、または前回の督促から {days} 日以上）: {n} 件"
CARD_COL_REF = "通知書番号"
CARD_COL_MAILED = "通知発送日"
CARD_COL_REMINDERS = "督促日"
CARD_COL_WAITED = "経過日数"
CARD_REMIND_PICK = "督促した通知書番号"
CARD_REMIND_DATE = "督促日"
CARD_REMIND_METHOD = "方法"
CARD_METHODS = {"letter": "文書", "phone": "電話"}
CARD_REMIND_SAVE = "督促を記録"
CARD_REMINDED = "{n} 件の督促を記録しました。"
CARD_COLLECT_REF = "受け取りに来た方の通知書番号"
CARD_COLLECT_DATE = "受取日"
CARD_COLLECT_SAVE = "受取を記録"
CARD_COLLECTED = "受取を記録しました。"
CARD_ERR_OFF = "{site}では未受取カードを管理していません（拠点設定 card_collection）。"
CARD_ERR_REF = "{line}行目: 通知書番号は英数字とハイフンの1〜30文字です（値: {value}）。"
CARD_ERR_REF_TWICE = "{line}行目: 通知書番号 {value} が {first} 行目にもあります。"
CARD_ERR_REF_KNOWN = "{line}行目: 通知書番号 {value} はすでに登録されています。"
CARD_ERR_EMPTY = "通知書番号を1件以上入力してください。"
CARD_ERR_DATE_FUTURE = "{field} {value} は未来の日付です。"
CARD_ERR_CONTRACT = "{field} {value} は契約期間（{start} 〜 {end}）の外です。"
CARD_ERR_UNKNOWN = "通知書番号 {value} は登録されていないか、すでに受け取り済みです。"
CARD_ERR_METHOD = "方法 {value!r} はありません（文書・電話）。"
CARD_ERR_BEFORE_NOTICE = "{field} {value} が通知の発送日 {mailed} より前です。"
CARD_ERR_REMINDED = "通知書番号 {value} は {date} にすでに督促を記録しています。"

# ==== 監査ログ (app_pages/audit.py, audit_services.py) ====
AUDIT_LOG_HEADER = "監査ログ"
AUDIT_CAPTION = (
    "ログイン、ダウンロード、個人情報の閲覧、勤務表の公開、従事者の編集、"
    "利用者の管理を記録しています（アプリからは追記のみ）。"
)
AUDIT_FROM = "開始日"
AUDIT_TO = "終了日"
AUDIT_USER = "利用者"
AUDIT_ACTION = "操作"
AUDIT_SITE = "拠点"
AUDIT_ANY = "（すべて）"
AUDIT_NO_SITE = "（拠点なし）"
AUDIT_COUNT = "{n}件"
AUDIT_LOG_NONE = "条件に合う記録はありません。"
AUDIT_CSV = "CSVでダウンロード"
AUDIT_COL_AT = "日時"
AUDIT_COL_USER = "利用者"
AUDIT_COL_ACTION = "操作"
AUDIT_COL_SITE = "拠点"
AUDIT_COL_ENTITY = "対象"
AUDIT_COL_ID = "対象ID"
AUDIT_COL_DETAIL = "詳細"
AUDIT_ACTIONS = {
    "login": "ログイン",
    "login_failed": "ログイン失敗",
    "login_locked": "アカウントロック",
    "logout": "ログアウト",
    "session_expired": "操作なしでログアウト",
    "export": "ダウンロード・書き出し",
    "view_personal_data": "個人情報の閲覧",
    "publish_roster": "勤務表の公開",
    "save_roster": "勤務表の保存",
    "staff_edit": "従事者の追加・編集",
    "staff_import": "従事者の一括取込",
    "staff_active": "従事者の有効・無効",
    "user_add": "利用者の追加",
    "user_password": "パスワードの変更",
    "user_disable": "利用者の無効化",
    "user_enable": "利用者の有効化",
}

# ==== Shared words: activities, weekdays, roles, and the labels several pages use ====
ACTIVITY = {
    "window": "窓口",
    "phone": "電話",
    "back_office": "後方",
    "booth": "オンライン窓口",
    "support_desk": "支援窓口",
    "call_centre": "コールセンター",
    "reception": "案内",
}
WEEKDAYS = WEEKDAY_LABELS
ROLE = {StaffRole.MANAGER: "責任者", StaffRole.DEPUTY: "副責任者", StaffRole.AGENT: "従事者"}
PICK_SITE = "拠点を選ぶ"
PICK_MONTH = "表示する月"
COL_DATE = "日付"
COL_SLOT = "時間帯"
COL_ACTIVITY = "配置"
COL_FLOOR = "最少人数"
COL_CAP = "上限"
COL_ANSWER_RATE = "本日の応答率（目標）"
PICK_PROCEDURE = "手続き"
BRING_DOCUMENTS = "お持ちいただくもの：{docs}"
SUBMIT_ON = "提出日"
CHOOSE = "選んでください"
LIST_SEP = "、"  # between the items of a list in a sentence
ITEM_SEP = "・"  # between short items in one cell
MONTH_LABEL = "{year}年{month}月"
WITH_NOTE = "{text}（{note}）"
TIME_SPAN = "{start}〜{end}"

# ==== Sign-in, users and permissions (signin.py, user_services.py, page_common.py) ====
PAGE_DENIED = "このページを開く権限がありません（{user}・{role}）。左のメニューから使えるページを選んでください。"
LOGIN_HEADER = "ログイン"
LOGIN_CAPTION = (
    "マイナンバーカード窓口 運営コンソールを使うには、割り当てられたログインIDとパスワードを入れてください。"
)
LOGIN_ID = "ログインID"
LOGIN_PASSWORD = "パスワード"
LOGIN_BUTTON = "ログイン"
LOGIN_FAILED = "ログインIDまたはパスワードが違います。"
LOGIN_LOCKED = (
    "失敗が続いたため、このアカウントは {until} までロックされています。時間をおいて試すか、管理者に連絡してください。"
)
LOGIN_NOW_LOCKED = "ログインに{n}回続けて失敗したため、このアカウントを {until} までロックしました。"
LOGIN_DISABLED = "このアカウントは無効です。管理者に連絡してください。"
LOGIN_EXPIRED = "{minutes}分間操作がなかったため、ログアウトしました。もう一度ログインしてください。"
LOGIN_OIDC_BUTTON = "組織のアカウントでログイン"
LOGIN_OIDC_UNKNOWN = "{email} はこのコンソールの利用者として登録されていません。管理者に連絡してください。"
LOGIN_OIDC_NOT_CONFIGURED = (
    "外部認証（OIDC）の設定（.streamlit/secrets.toml の [auth]）がありません。管理者に連絡してください。"
)
SIGNED_IN_AS = "{name}（{role}）"
SIGNED_IN_SITES = "担当拠点: {sites}"
ALL_SITES = "全拠点"
SIGN_OUT = "ログアウト"
SIGNED_OUT = "ログアウトしました。"
NO_SITE_ASSIGNED = "担当する拠点が割り当てられていません。管理者に連絡してください。"
USER_BAD_LOGIN = "ログインID {login!r} は使えません（英小文字・数字・. _ @ - の3〜64文字）。"
USER_EXISTS = "ログインID {login} はすでに登録されています。"
USER_UNKNOWN = "ログインID {login} の利用者はいません。"
USER_BAD_ROLE = "役割 {role!r} はありません（{roles}）。"
USER_BAD_SITE = "拠点 {site!r} はありません（{sites}）。"
USER_NEEDS_SITE = "役割 {role} には担当拠点（--site、複数可）か --all-sites が必要です。"
USER_SHORT_PASSWORD = "パスワードは{n}文字以上にしてください。"
USER_EMPTY_NAME = "表示名を入れてください。"
USER_CONTROL_CHARS = "{field}に制御文字は使えません。"
NO_PAGE_FOR_ROLE = "この役割で使える画面はありません。管理者に確認してください。"

# ==== Errors: refusals of the use cases, the database and uploads ====
DB_MISSING = "データベースが初期化されていません。`madoguchi init` を実行してください。"
ERR_SITE = "拠点 {site!r} はありません。"
ERR_FUTURE = "{site}: {field} が未来の日付です（{value}）。"
ERR_NAIVE = "{site}: {field} にタイムゾーンがありません（{value}）。"
ERR_CHOICE = "{site}: {field} に {value!r} は選べません。"
ERR_EMPTY = "{site}: {field} を入力してください。"
ERR_BEFORE = "{site}: {field}（{value}）が{other}より前です。"
ERR_NEEDS = "{site}: {field} の前に {other} を記録してください。"
ERR_NOT_FOUND = "{what}（番号 {id}）が見つかりません。"
ERR_OUTSIDE = "{site}: {field}（{value}）が契約期間（{start} 〜 {end}）の外です。"
ERR_NEGATIVE = "{site}: {field} は0以上で入力してください（{value}）。"
ERR_POSITIVE = "{site}: {field} は1以上で入力してください（{value}）。"
ERR_TOO_LARGE = "{site}: {field} が大きすぎます（{value}。{limit:,} まで）。"
DB_BUSY = (
    "データベースが他の処理で使用中のため保存できませんでした（{seconds:.0f} 秒待ちました）。"
    "何も保存されていません。少し待ってからもう一度お試しください。"
)
DB_ERROR = "データベースの処理に失敗しました。何も保存されていません（{kind}）。"
NOT_FOUND_AT_SITE = "{what}（{id}）は拠点 {site} にありません。"
STAFF_WHAT = "従事者"
ROSTER_VERSION_WHAT = "勤務表の版"
UNEXPECTED_ERROR = "予期しないエラーが起きました。管理者に連絡するときは、エラー番号 {error_id} を伝えてください。"

# ==== end of the sections by page (blocks added by other branches follow) ====
# ---- added by wt13b (live operations: the 現況 cards and the lobby's voice)
STATUS_PEOPLE = "{n}人"
STATUS_MINUTES = "{n}分"
STATUS_CASES = "{n}件"
STATUS_RATE_TARGET = "{rate}（{target}）"
LOBBY_ANNOUNCEMENT = "受付番号 {number} 番の方、{counter} へお越しください。"

# ---- added by wt13a
ROSTER_JOB_LOST = (
    "{label}（{who}さんが開始）は、計算していたサーバーから応答がなくなりました（再起動など）。"
    "もう一度「勤務表を作成」を押してください。"
)
ROSTER_JOB_LOST_ERROR = "計算していたサーバーから応答がなくなりました"
ROSTER_STARTED_BY = "（{who}さんが開始）"
ROSTER_STOPPED_NOTE = "停止の依頼により、それまでに見つかった最良の勤務表を保存しました。"

"""Every Japanese string the dashboard shows, in one place so the wording can be reviewed."""

APP_TITLE = "マイナンバーカード窓口 運営コンソール"
APP_ICON = "🪪"

PAGE_SITES = "拠点"

ACTIVITY = {
    "window": "窓口",
    "phone": "電話",
    "back_office": "後方",
    "booth": "オンライン窓口",
    "support_desk": "支援窓口",
    "call_centre": "コールセンター",
    "reception": "案内",
}
WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]
ROLE = {"manager": "責任者", "deputy": "副責任者", "agent": "従事者"}

SITES_HEADER = "拠点と契約"
SITES_CAPTION = "各市の仕様書から読み込んだ契約期間・窓口数・開庁日です。"
COL_SITE = "拠点"
COL_PERIOD = "契約期間"
COL_COUNTERS = "配置と席数"
COL_STAFF = "従事者数"
COL_DAYS_OPEN = "今月の開庁日数"
PICK_SITE = "拠点を選ぶ"
PICK_MONTH = "表示する月"
CALENDAR_HEADER = "{site}　{year}年{month}月の開庁日と時間"
CALENDAR_OPEN = "開庁"
CALENDAR_CLOSED = "閉庁"
CALENDAR_PARTIAL = "一部のみ"
DAY_TABLE_DATE = "日付"
DAY_TABLE_WEEKDAY = "曜日"
DAY_TABLE_STATE = "状態"
DAY_TABLE_HOURS = "受付時間"
DAY_TABLE_NOTE = "備考"
NOTE_RESERVATION_ONLY = "完全予約制"
NOTE_PROCEDURES_STOPPED = "停止: {names}"
OUT_OF_CONTRACT = "この月は契約期間外です（{start} 〜 {end}）。"
STAFFING_HEADER = "配置基準"
PRESENCE = {
    "manager_or_deputy": "{manager}または{deputy}が常時在席",
    "manager": "{manager}が常駐",
    "none": "在席要件なし",
}
MIN_HEADCOUNT = "配置人数 {n}名以上"
FLOOR = "{activity}: 席数 {seats}・最少 {min} 名・上限 {cap} 名"
DB_MISSING = "データベースが初期化されていません。`madoguchi init` を実行してください。"

# 需要予測 page
PAGE_FORECAST = "需要予測"
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
COL_DATE = "日付"
COL_SLOT = "時間帯"
COL_ACTIVITY = "配置"
COL_ITEM = "手続き・問合せ"
COL_CASES = "予測件数"
COL_ARRIVALS = "予測到着数"
COL_KIND = "予約"
COL_RESERVED = "うち予約"
COL_NEED = "需要からの必要数"
COL_FLOOR = "最少人数"
COL_CAP = "上限"
COL_REQUIRED = "必要人数"
COL_REASON = "決め手"
COL_UNMET = "不足"
COL_MEASURE = "指標"

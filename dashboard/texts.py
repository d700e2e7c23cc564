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

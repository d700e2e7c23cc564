"""Every Japanese word of the staff table (core/staff/importer.py): the words a cell may say, the
column headers, and the refusals, named by row and column. Core cannot import dashboard.texts, so
the page shows these as they are."""

from __future__ import annotations

from core.vocabulary import StaffRole

# ---- the words of the file format (what a cell may say) ------------------------------------------
ROLE = {StaffRole.MANAGER: "責任者", StaffRole.DEPUTY: "副責任者", StaffRole.AGENT: "従事者"}
QUALIFICATION = {"experience_1y": "経験1年以上", "training": "研修修了", "similar_experience": "類似業務経験"}
SHIFT = {"early": "早番", "late": "遅番", "any": "指定なし"}
ACTIVITY = {
    "window": "窓口",
    "phone": "電話",
    "back_office": "後方",
    "booth": "オンライン窓口",
    "support_desk": "支援窓口",
    "call_centre": "コールセンター",
    "reception": "案内",
}
DAY_OFF = "休"  # how the template writes a weekday the person never works
DAY_OFF_WORDS = {DAY_OFF, "off", "休み", "×"}
WEEKDAY_SUFFIXES = ("曜日", "曜")  # 月曜日, 月曜 and 月 are the same day
LIST_SEP = "・"  # between the items of one cell, as the template writes them
# Separators and dashes a person may type (full-width ones included).
SPLIT_PATTERN = r"[・;；,，、/|\s]+"
RANGE_PATTERN = r"^\s*(\d{1,2}:\d{2})\s*[-–〜~～]\s*(\d{1,2}:\d{2})\s*$"
LEAVE_SPLIT_PATTERN = r"[;；,，、\s]+"
LEAVE_RANGE_PATTERN = r"[~〜～]"

# ---- column headers (key → Japanese header; the weekday columns are WEEKDAY_LABELS) ---------------
HEADERS = {
    "id": "ID",
    "name": "氏名",
    "role": "役割",
    "skills": "担当業務",
    "qualifications": "資格",
    "training_completed": "研修修了日",
    "contract_hours": "契約時間",
    "leave": "休暇",
    "days_off_wish": "休み希望",
    "shift_wish": "勤務帯希望",
}
SHEET_TITLE = "従事者"

# ---- where an error is --------------------------------------------------------------------------
AT_ROW = "{row}行目"
AT_FILE = "ファイル"
AT_CELL = "{where}「{column}」: {message}"
AT_WHOLE = "{where}: {message}"
HEADER_SEP = "、"

# ---- refusals of the whole file -----------------------------------------------------------------
E_TOO_BIG = "ファイルが大きすぎます（{size:,} バイト。{limit:,} バイトまで）"
E_ENCODING = "文字コードを読めません（UTF-8 か Shift_JIS の CSV にしてください）"
E_CSV = "CSV として読めません（{error}）"
E_KIND = "{filename}: CSV（.csv）か Excel（.xlsx）のファイルを選んでください"
E_TOO_MANY_COLUMNS = "列が多すぎます（{limit} 列まで）"
E_TOO_MANY_ROWS = "行が多すぎます（見出しを除いて {limit:,} 行まで）"
E_XLSX = "Excel ファイルとして読めません（{kind}）"
E_EMPTY_FILE = "ファイルが空です（1行目に列名、2行目から1人1行）"
E_UNKNOWN_COLUMN = "知らない列名です（使える列: {known}）"
E_SAME_COLUMN = "列「{other}」と同じ項目です"
E_MISSING_COLUMNS = "必須の列がありません: {columns}"

# ---- refusals of one cell -----------------------------------------------------------------------
E_REQUIRED = "空欄です（必須）"
E_ID = "半角の小文字・数字・-・_ で書いてください（値: {value}）"
E_ID_TWICE = "ID {value} は {first}行目と重複しています"
E_ONE_OF = "{choices} のどれかです（値: {value}）"
CHOICES_ROLE = "責任者・副責任者・従事者"
CHOICES_SHIFT = "早番・遅番・指定なし"
CHOICES_QUALIFICATION = "経験1年以上・研修修了・類似業務経験"
E_ACTIVITY = "知らない業務です（値: {value}）。使える業務: {known}"
E_NOT_RUN = "{site}には「{activity}」の配置がありません"
E_HOURS_NUMBER = "数値で書いてください（値: {value}）"
E_HOURS_RANGE = "0 より大きく 40 以下の時間です（値: {value}）"
E_TIME_RANGE = "「09:00-16:00」の形か「休」で書いてください（値: {value}）"
E_CLOCK = "時刻 {time} は 00:00〜23:59 の範囲にありません（値: {value}）"
E_END_BEFORE_START = "終わり {end} が始まり {start} より後ではありません（値: {value}）"
E_DATE = "日付は YYYY-MM-DD で書いてください（値: {value}）"
E_LEAVE_FORM = "休暇は 2027-01-14 か 2027-01-14~2027-01-15 の形で書いてください（値: {value}）"
E_LEAVE_ORDER = "休暇の終わり {end} が始まり {start} より前です"
E_WEEKDAY = "曜日は 月・火・水・木・金・土・日 で書いてください（値: {value}）"

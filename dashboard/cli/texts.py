"""The Japanese lines of the command line (`madoguchi ...`), one place to review their wording.

Arranged by command. Usage errors stay in English (the CLI's argument errors are English, as
argparse's own); what an operator reads while a command runs is Japanese."""

from __future__ import annotations

# ---- madoguchi demo ------------------------------------------------------------------------------
DEMO_USERS_CREATED = (
    "デモ用のアカウントを作成しました（パスワードはこの一度だけ表示します。"
    "{path} にも保存しました・所有者のみ読み取り可）:"
)
DEMO_USER_LINE = "  {login:<18} {role:<12} {password}"
DEMO_USERS_EXIST = "デモ用のアカウントはすでにあります（パスワードは {path}、新しくするには madoguchi users passwd）"
DEMO_CLOCK = "デモの時計: {start:%Y-%m-%d %H:%M} から {speed:g} 倍速{real}"
DEMO_CLOCK_REAL = "（実時刻）"
DEMO_CLOCK_NOT_REAL = "（実時刻と異なります）"
DEMO_MAKING_HISTORY = "{days} 日分の履歴を作成しています…（一つのトランザクション: 中断しても元のまま）"
DEMO_SUBMITTED = "過去の日報・月報 {count} 件を提出済みにしました"
DEMO_HISTORY_DONE = (
    "履歴を作成しました（受付 {ticket} 件、電話 {call} 件、オンライン窓口 {booth_session} 件、{seconds:.1f} 秒）"
)
DEMO_HISTORY_EXISTS = "履歴はすでにあります（作り直すには --reset）"
DEMO_FEEDING = "本日の来庁・電話・オンライン窓口を流しています（Ctrl+C で停止）"
DEMO_FEED_COUNTS = "{now:%H:%M} 発券 {issued}、呼出 {called}、完了 {finished}、電話 {calls}、ブース {booths}"
DEMO_STOPPED = "停止しました"
# the demo's contract records (dashboard/demo/records.py)
DEMO_SITE_RECORDS = "{site}: 出勤記録 {attendance} 件、架電 {outgoing} 件、研修 {training} 件"
DEMO_RECORDS_SUMMARY = "出勤記録 {attendance} 件、架電 {outgoing} 件、研修 {training} 件、未受取カード {cards} 件"
DEMO_PAST_PLAN_NOTE = "デモの計画（過去の週）"
DEMO_PRIVACY_TRAINING = "個人情報保護研修"
# the demo's data: the names and notes it writes (dashboard/demo/fill.py)
DEMO_SITE_HISTORY = "{site}: 受付 {tickets} 件（予約 {reservations} 件）、電話 {calls} 件、オンライン窓口 {booths} 件"
DEMO_ROSTER_FAILED = "{site}: {seconds:g} 秒では規則を満たす勤務表ができませんでした（公開せず）"
DEMO_ROSTER_PUBLISHED = "{site}: 今週の勤務表を作成して公開しました（{status}、{seconds:.1f} 秒）"
DEMO_ROSTER_NOTE = "デモ自動作成"
DEMO_COUNTER = "窓口{n}"
DEMO_INCIDENT = "デモ記録：{category}に関する申出"
DEMO_INCIDENT_ACTION = "状況を確認し説明した"
DEMO_USER_NAMES = {
    "admin": "管理者（デモ）",
    "supervisor": "現場責任者（デモ）",
    "clerk": "窓口担当（デモ）",
    "scheduler": "勤務表作成者（デモ）",
    "city_viewer": "玉野市職員（デモ）",
}
DEMO_CONTRACTOR = {
    "name": "株式会社まどぐちサービス（デモ）",
    "address": "東京都千代田区丸の内一丁目（デモ）",
    "representative": "代表取締役 窓口 太郎（デモ）",
}
# ---- end of the CLI texts (by command) -----------------------------------------------------------

"""Daily and monthly reports for the city (日報・月報): pure functions over core.report_records.

The path of a report, each layer once (README, "From a fixture to the monthly PDF"):
`periods` validates the period (once) → db.report_queries reads that period's records →
`build` makes one `ReportContext` (catalogue narrowed, site calendar, labels) and asks the table
modules for their tables → `pdf` / `export` print the same tables (PDF asks a chart provider,
`charts`, for the images after each table).

Modules: `model` (Report, Table), `periods`, `context` (ReportContext, shared figures), one module
per group of tables — `overview` (summary, by day, by hour, by place), `counter` (procedures,
hand-offs, waits, booths, bookings), `phones` (calls, topics, answer rate), `staffing`, `cards`
(pre-issuance), `incidents`, `notices` — the payment-stop rule (`payment`), the checklist as a
table of measures (`checklist`), `build` (which tables, in which order), `charts`, `pdf`, `export`.
Every Japanese word is in core.report_texts.

Definitions (also in the README):
- a ticket is received (受付) on its service date; completed when done; waiting time is
  called_at − issued_at; percentiles are nearest-rank (the smallest wait that at least 90 % of
  waits do not exceed);
- calls count on the Tokyo day they were offered; answer rate = answered / inbound calls offered;
- bookings count as made, changed, cancelled on the day that happened, and as no-shows and
  "booked for the day" on their slot's date;
- the place (受付場所) of a ticket is its procedure's activity at the site; booth sessions are the
  online booths; calls are the phone line or call centre that took them;
- staffing comes from the live published roster (highest version per week), by role only, or
  from attendance where it exists.
"""

from core.reports.build import daily_report, monthly_report, monthly_report_and_staffing
from core.reports.context import Labels, ReportContext, nearest_rank, percent, report_context, wait_figures
from core.reports.model import Report, ReportUnavailable, Table, Value
from core.reports.payment import NoticeStatus, notice_status
from core.reports.periods import Period, as_of_period, contract_year_period, daily_period, day_label, monthly_period
from core.reports.staffing import StaffingFigures, presence_who, staffing_figures

__all__ = [
    "Labels",
    "NoticeStatus",
    "Period",
    "Report",
    "ReportContext",
    "ReportUnavailable",
    "StaffingFigures",
    "Table",
    "Value",
    "as_of_period",
    "contract_year_period",
    "daily_period",
    "daily_report",
    "day_label",
    "monthly_period",
    "monthly_report",
    "monthly_report_and_staffing",
    "nearest_rank",
    "notice_status",
    "percent",
    "presence_who",
    "report_context",
    "staffing_figures",
    "wait_figures",
]

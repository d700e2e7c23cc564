"""The pages of the console and the permission each needs (no Streamlit here, so tests read it).

app.py shows only the pages the signed-in role may use; each page checks again on its own
(page_common.require_page), so a page opened by its URL refuses a user without the permission."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import texts
from dashboard.use_cases.access import Actor, Permission


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to dashboard/
    title: str
    icon: str
    url_path: str
    permission: Permission


PAGES = (
    PageSpec("app_pages/status.py", texts.PAGE_STATUS, ":material/dashboard:", "status", Permission.VIEW_LIVE),
    PageSpec(
        "app_pages/reception.py",
        texts.PAGE_RECEPTION,
        ":material/confirmation_number:",
        "reception",
        Permission.OPERATE_COUNTER,
    ),
    PageSpec("app_pages/lobby.py", texts.PAGE_LOBBY, ":material/campaign:", "lobby", Permission.VIEW_LIVE),
    PageSpec("app_pages/kiosk.py", texts.PAGE_KIOSK, ":material/local_activity:", "kiosk", Permission.OPERATE_COUNTER),
    PageSpec(
        "app_pages/reservations.py",
        texts.PAGE_RESERVATIONS,
        ":material/event:",
        "reservations",
        Permission.OPERATE_COUNTER,
    ),
    PageSpec("app_pages/phones.py", texts.PAGE_PHONES, ":material/call:", "phones", Permission.OPERATE_COUNTER),
    PageSpec("app_pages/booths.py", texts.PAGE_BOOTHS, ":material/computer:", "booths", Permission.OPERATE_COUNTER),
    PageSpec("app_pages/sites.py", texts.PAGE_SITES, ":material/apartment:", "sites", Permission.VIEW_SITES),
    PageSpec("app_pages/forecast.py", texts.PAGE_FORECAST, ":material/trending_up:", "forecast", Permission.VIEW_SITES),
    PageSpec("app_pages/staff.py", texts.PAGE_STAFF, ":material/group:", "staff", Permission.VIEW_STAFF),
    PageSpec("app_pages/roster.py", texts.PAGE_ROSTER, ":material/calendar_month:", "roster", Permission.VIEW_ROSTER),
    PageSpec(
        "app_pages/roster_month.py",
        texts.PAGE_ROSTER_MONTH,
        ":material/calendar_view_month:",
        "roster_month",
        Permission.VIEW_ROSTER,
    ),
    PageSpec("app_pages/reports.py", texts.PAGE_REPORTS, ":material/description:", "reports", Permission.VIEW_REPORTS),
    PageSpec(
        "app_pages/incidents.py", texts.PAGE_INCIDENTS, ":material/edit_note:", "incidents", Permission.EDIT_RECORDS
    ),
    PageSpec(
        "app_pages/contractor.py",
        texts.PAGE_CONTRACTOR,
        ":material/business:",
        "contractor",
        Permission.EDIT_SITE_SETTINGS,
    ),
    PageSpec(
        "app_pages/attendance.py", texts.PAGE_ATTENDANCE, ":material/badge:", "attendance", Permission.RECORD_ATTENDANCE
    ),
    PageSpec(
        "app_pages/designated_days.py",
        texts.PAGE_DESIGNATED,
        ":material/event_available:",
        "designated-days",
        Permission.EDIT_SITE_SETTINGS,
    ),
    PageSpec(
        "app_pages/city_bookings.py",
        texts.PAGE_CITY_BOOKINGS,
        ":material/upload_file:",
        "city-bookings",
        Permission.OPERATE_COUNTER,
    ),
    PageSpec("app_pages/cards.py", texts.PAGE_CARDS, ":material/credit_card:", "cards", Permission.EDIT_RECORDS),
    PageSpec("app_pages/audit.py", texts.PAGE_AUDIT, ":material/policy:", "audit", Permission.VIEW_AUDIT),
)


def allowed_pages(actor: Actor | None) -> list[PageSpec]:
    """The pages this actor may open, in menu order (none for nobody)."""
    if actor is None:
        return []
    return [p for p in PAGES if actor.may(p.permission)]

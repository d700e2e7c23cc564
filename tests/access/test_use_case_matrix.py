"""Role × use case × site: every use case in dashboard/*_services.py checks role and site before it
reads or writes, as designed in the tables below (written out here, not read from the code).

- every public function of a *_services module is decorated with @needs, or listed in
  UNDECORATED with the reason it needs no check (it reads nothing stored);
- each decorated use case carries the permission DESIGN gives it;
- each role holds exactly the permissions ROLES gives it;
- for every use case, role and site (an actor scoped to Tamano, asked about Tamano and Seto),
  calling it is refused with AccessDenied before its body runs, or passes the check, as designed.
The row-id use cases, whose site comes from the stored row, are proved on a real database in
test_row_sites.py."""

from __future__ import annotations

import importlib
import inspect
import types
from pathlib import Path

import pytest

from dashboard.use_cases.access import ROLE_PERMISSIONS, AccessDenied, Actor, Permission, Role

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["services", *sorted(p.stem for p in (ROOT / "dashboard" / "use_cases").glob("*_services.py"))]
P = Permission

ROLES = {
    Role.ADMIN: set(Permission),
    Role.SUPERVISOR: {
        P.VIEW_SITES,
        P.VIEW_LIVE,
        P.OPERATE_COUNTER,
        P.RECORD_ATTENDANCE,
        P.VIEW_STAFF,
        P.VIEW_ROSTER,
        P.VIEW_REPORTS,
        P.EXPORT_REPORTS,
        P.EDIT_RECORDS,
    },
    Role.CLERK: {P.VIEW_SITES, P.VIEW_LIVE, P.OPERATE_COUNTER},
    Role.SCHEDULER: {
        P.VIEW_SITES,
        P.VIEW_LIVE,
        P.VIEW_STAFF,
        P.EDIT_STAFF,
        P.VIEW_ROSTER,
        P.EDIT_ROSTER,
        P.PUBLISH_ROSTER,
    },
    Role.CITY_VIEWER: {P.VIEW_SITES, P.VIEW_LIVE, P.VIEW_REPORTS, P.EXPORT_REPORTS},
}

DESIGN = {
    "services.staff_counts": P.VIEW_SITES,
    "live_services.published_shifts": P.VIEW_LIVE,
    "live_services.issue_ticket": P.OPERATE_COUNTER,
    "live_services.wait_estimate": P.VIEW_LIVE,
    "live_services.counters_open": P.VIEW_LIVE,
    "live_services.call_next": P.OPERATE_COUNTER,
    "live_services.ticket_action": P.OPERATE_COUNTER,
    "live_services.planned_slots": P.VIEW_LIVE,
    "live_services.ensure_slots": P.OPERATE_COUNTER,
    "live_services.book": P.OPERATE_COUNTER,
    "live_services.find_reservation": P.OPERATE_COUNTER,
    "live_services.change": P.OPERATE_COUNTER,
    "live_services.cancel": P.OPERATE_COUNTER,
    "live_services.check_in": P.OPERATE_COUNTER,
    "live_services.mark_no_shows": P.OPERATE_COUNTER,
    "live_services.log_call": P.OPERATE_COUNTER,
    "live_services.booth_join": P.OPERATE_COUNTER,
    "live_services.booths_busy": P.VIEW_LIVE,
    "live_services.booth_start": P.OPERATE_COUNTER,
    "live_services.booth_end": P.OPERATE_COUNTER,
    "status_services.site_status": P.VIEW_LIVE,
    "status_services.all_statuses": P.VIEW_LIVE,
    "report_services.build_report": P.VIEW_REPORTS,
    "report_services.export_report": P.EXPORT_REPORTS,
    "report_services.due_list": P.VIEW_REPORTS,
    "report_services.record_incident": P.EDIT_RECORDS,
    "report_services.update_incident": P.EDIT_RECORDS,
    "report_services.incidents": P.VIEW_REPORTS,
    "report_services.record_notice": P.EDIT_RECORDS,
    "report_services.update_notice": P.EDIT_RECORDS,
    "report_services.notices": P.VIEW_REPORTS,
    "report_services.record_form_count": P.EDIT_RECORDS,
    "report_services.record_card_batch": P.EDIT_RECORDS,
    "report_services.card_batches": P.VIEW_REPORTS,
    "report_services.mark_submitted": P.EDIT_RECORDS,
    "report_services.build_document": P.VIEW_REPORTS,
    "report_services.document_schedule": P.VIEW_REPORTS,
    "report_services.open_meeting_issues": P.VIEW_REPORTS,
    "report_services.close_meeting_issue": P.EDIT_RECORDS,
    "report_services.record_meeting_issue": P.EDIT_RECORDS,
    "report_services.record_audit_entry": P.EDIT_RECORDS,
    "report_services.record_equipment_checks": P.EDIT_RECORDS,
    "roster_services.staff_members": P.VIEW_STAFF,
    "roster_services.staff_list_view": P.VIEW_STAFF,
    "roster_services.save_member": P.EDIT_STAFF,
    "roster_services.import_staff": P.EDIT_STAFF,
    "roster_services.set_staff_active": P.EDIT_STAFF,
    "roster_services.staff_exports": P.VIEW_STAFF,
    "roster_services.staff_export_file": P.VIEW_STAFF,
    "roster_services.build_problem": P.VIEW_ROSTER,
    "roster_services.save_version": P.EDIT_ROSTER,
    "roster_services.publish_version": P.PUBLISH_ROSTER,
    "roster_services.version_labels": P.VIEW_ROSTER,
    "roster_services.load_version": P.VIEW_ROSTER,
    "roster_services.export_roster": P.VIEW_ROSTER,
    "roster_services.save_solved": P.EDIT_ROSTER,
    "roster_services.copy_previous_week": P.EDIT_ROSTER,
    "roster_services.import_roster_version": P.EDIT_ROSTER,
    "roster_services.start_solve": P.EDIT_ROSTER,  # issue 13: solve jobs kept in the database
    "roster_services.solve_job": P.VIEW_ROSTER,
    "roster_services.stop_solve": P.EDIT_ROSTER,
    "roster_services.live_version": P.VIEW_ROSTER,
    "roster_services.version_changes": P.VIEW_ROSTER,
    "user_services.add_user": P.MANAGE_USERS,
    "user_services.change_password": P.MANAGE_USERS,
    "user_services.set_disabled": P.MANAGE_USERS,
    "user_services.list_users": P.MANAGE_USERS,
    "audit_services.audit_entries": P.VIEW_AUDIT,
    "audit_services.audit_filters": P.VIEW_AUDIT,
    "audit_services.audit_csv": P.VIEW_AUDIT,
    "live_services.day_tickets": P.VIEW_LIVE,
    "live_services.mark_no_show": P.OPERATE_COUNTER,
    "live_services.day_bookings": P.VIEW_LIVE,
    "live_services.day_slots": P.VIEW_LIVE,
    "live_services.open_booth_visits": P.VIEW_LIVE,
    "lobby_services.lobby_board": P.VIEW_LIVE,
    "lobby_services.kiosk_issue": P.OPERATE_COUNTER,
    "month_services.published_month": P.VIEW_ROSTER,
    "contractor_services.save_contractor": P.EDIT_SITE_SETTINGS,
    "privacy_services.purge_site": P.PURGE_DATA,
    "privacy_services.erase_person": P.PURGE_DATA,
    "privacy_services.purge_status": P.PURGE_DATA,
    "attendance_services.board": P.RECORD_ATTENDANCE,
    "attendance_services.correct": P.RECORD_ATTENDANCE,
    "attendance_services.deviations": P.RECORD_ATTENDANCE,
    "attendance_services.month_rows": P.EXPORT_REPORTS,
    "attendance_services.stamp": P.RECORD_ATTENDANCE,
    "call_services.log_outgoing_call": P.OPERATE_COUNTER,
    "call_services.outgoing_today": P.VIEW_LIVE,
    "card_services.due": P.EDIT_RECORDS,
    "card_services.record_collected": P.OPERATE_COUNTER,
    "card_services.record_reminders": P.EDIT_RECORDS,
    "card_services.register": P.EDIT_RECORDS,
    "city_booking_services.import_city_bookings": P.OPERATE_COUNTER,
    "designation_services.add_day": P.EDIT_SITE_SETTINGS,
    "designation_services.listing": P.EDIT_SITE_SETTINGS,
    "designation_services.remove_day": P.EDIT_SITE_SETTINGS,
    "incident_services.overdue_everywhere": P.VIEW_LIVE,
    "incident_services.overdue_incident_reports": P.EDIT_RECORDS,
    "staff_record_services.list_history_rows": P.VIEW_STAFF,
    "staff_record_services.record_pledge": P.EDIT_RECORDS,
    "staff_record_services.record_training": P.EDIT_RECORDS,
    "staff_record_services.records": P.VIEW_STAFF,
}

# Public functions without @needs, and why none is needed. "Pure" means: computed only from its
# arguments (the site profiles, which are contract data, or records the caller already obtained
# through a checked use case); it opens no session and reads nothing stored.
PURE = "pure: computes from its arguments only, reads and writes nothing stored"
UNDECORATED = {
    **{
        f"services.{n}": PURE
        for n in (
            "site_rows",
            "month_days",
            "staffing_lines",
            "stream_label",
            "month_forecast_rows",
            "open_days",
            "month_daily_rows",
            "default_forecast_date",
            "closed_reason",
            "day_arrival_rows",
            "requirement_rows",
            "capped_messages",
        )
    },
    **{
        f"live_services.{n}": PURE
        for n in (
            "site_profile",
            "site_day",
            "procedure_of",
            "documents_for",
            "counter_names",
            "counter_name",
            "next_service_day",
        )
    },
    **{f"status_services.{n}": PURE for n in ("alerts", "status_cards")},
    "report_services.free_text": PURE,
    "report_services.document_stem": PURE,
    "report_services.schedule_rows": PURE,
    "privacy_services.purge_due": PURE,
    "lobby_services.announcement": PURE,
    "month_services.month_rows": PURE,
    "month_services.month_xlsx": PURE,
    **{f"attendance_services.{n}": PURE for n in ("deviation_text", "grace_minutes", "month_csv")},
    "call_services.purposes": PURE,
    "staff_record_services.csv_bytes": PURE,
    "status_services.booth_waits": PURE,
    "designation_services.missing_sqlite_file": PURE,
    **{
        f"designation_services.{n}": "the calendar as the city announced it (designated days): contract data every "
        "page and command reads, nothing personal"
        for n in ("with_designations", "with_stored_designations", "site_profile")
    },
    "contractor_services.contractor": "the contractor's own company details, printed on every report anyone may "
    "read: nothing personal, nothing bound to a site",
    **{
        f"report_services.{n}": PURE
        for n in (
            "tokyo_today",
            "report_json",
            "report_pdf",
            "report_csv",
            "report_xlsx",
            "file_stem",
            "display_rows",
            "due_rows",
        )
    },
    **{
        f"roster_services.{n}": PURE
        for n in (
            "staff_table_rows",
            "week_options",
            "default_week",
            "week_label",
            "names_of",
            "person_label",
            "requirement_rows",
            "timeline_rows",
            "coverage_rows",
            "week_grid_rows",
            "plain",
            "issue_rows",
            "penalty_summary",
            "apply_edit",
            "compare_rows",
            "change_summary",
            "change_rows",
            "reroster_plan",
            "roster_for_work",
            "sheet_for",
            "export_pdf",
            "export_xlsx",
            "export_ics",
            "file_stem",
            "job_message",
            "roster_changes",
            "unknown_absentees",
        )
    },
    "user_services.sign_in": "the sign-in itself: there is no actor before it (it checks the password)",
    "user_services.sign_in_identity": "OIDC sign-in: the identity provider vouches, no actor before it",
    "user_services.sign_out": "ends the caller's own session; audits it, reads nothing",
    "user_services.hash_password": PURE,
    "user_services.new_password": PURE,
    "user_services.actor_of": PURE,
    "user_services.idle_too_long": PURE,
    "user_services.role_label": PURE,
    "audit_services.note": "writes an audit line inside a use case that has already checked its actor",
    "audit_services.entry_rows": PURE,
}


def _public_functions():
    for name in MODULES:
        module = importlib.import_module(f"dashboard.use_cases.{name}")
        for attr, value in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(value) or value.__module__ != module.__name__:
                continue
            yield f"{name}.{attr}", value


def test_every_public_use_case_is_decorated_or_justified():
    decorated = {k for k, f in _public_functions() if hasattr(f, "permission")}
    plain = {k for k, f in _public_functions() if not hasattr(f, "permission")}
    assert plain == set(UNDECORATED), (
        f"undecorated and not justified: {sorted(plain - set(UNDECORATED))}; "
        f"listed but gone or decorated: {sorted(set(UNDECORATED) - plain)}"
    )
    assert decorated == set(DESIGN), (
        f"decorated but not in DESIGN: {sorted(decorated - set(DESIGN))}; missing: {sorted(set(DESIGN) - decorated)}"
    )


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_each_use_case_needs_its_designed_permission(name):
    module, attr = name.split(".")
    assert getattr(importlib.import_module(f"dashboard.use_cases.{module}"), attr).permission == DESIGN[name]


def test_roles_hold_the_designed_permissions():
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == ROLES


class _Reached(Exception):
    """Raised when a use case's body touches an argument: the access check let it through."""


class _Dummy:
    def __getattr__(self, name):
        raise _Reached(name)

    def __getitem__(self, key):
        raise _Reached(key)

    def __iter__(self):
        raise _Reached("iter")

    def __bool__(self):
        raise _Reached("bool")


def _arguments(func, site_arg: str | None, site_id: str):
    """Positional and keyword arguments that name `site_id` where the use case takes a site and
    are inert dummies elsewhere (the body stops at its first use of one)."""
    args, kwargs = [], {}
    for parameter in inspect.signature(inspect.unwrap(func)).parameters.values():
        if parameter.name == "actor" or parameter.kind is parameter.VAR_KEYWORD:
            continue
        if parameter.name == site_arg:
            value = site_id if site_arg == "site_id" else types.SimpleNamespace(id=site_id)
        elif parameter.default is not parameter.empty:
            continue
        else:
            value = _Dummy()
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    return args, kwargs


CELLS = [(name, role, site) for name in sorted(DESIGN) for role in Role for site in ("tamano", "seto")]
# Use cases that act for every site at once: only an actor of every site may (the actor in the
# matrix is scoped to Tamano, so they are refused to every role there).
ALL_SITES_ONLY = {"contractor_services.save_contractor"}


@pytest.mark.parametrize("name,role,site", CELLS)
def test_role_use_case_site_cell(name, role, site):
    module, attr = name.split(".")
    func = getattr(importlib.import_module(f"dashboard.use_cases.{module}"), attr)
    actor = Actor(f"{role.value}-tamano", role, frozenset({"tamano"}))
    args, kwargs = _arguments(func, func.site_arg, site)
    allowed = DESIGN[name] in ROLES[role] and (func.site_arg is None or site == "tamano") and name not in ALL_SITES_ONLY
    try:
        func(*args, actor=actor, **kwargs)
    except AccessDenied:
        assert not allowed, f"{actor} was refused {name} at {site}"
    except Exception:  # the body ran into a dummy argument: the check let the call through
        assert allowed, f"{actor} got past the check of {name} at {site}"
    else:
        assert allowed, f"{actor} got past the check of {name} at {site}"


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_nobody_signed_in_is_refused_everywhere(name):
    module, attr = name.split(".")
    func = getattr(importlib.import_module(f"dashboard.use_cases.{module}"), attr)
    args, kwargs = _arguments(func, func.site_arg, "tamano")
    with pytest.raises(AccessDenied, match="ログイン"):
        func(*args, actor=None, **kwargs)

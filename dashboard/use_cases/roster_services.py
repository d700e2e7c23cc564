"""Use cases behind the 従事者 and 勤務表 pages. No Streamlit: pages and tests call these.

Functions that write take the session as keyword-only `session`, commit once when everything
succeeded, and leave the database unchanged (rolled back) when they refuse.
Access (issue 14): staff need VIEW_STAFF / EDIT_STAFF, rosters VIEW_ROSTER / EDIT_ROSTER /
PUBLISH_ROSTER; views of the staff list, staff edits, exports and publications are audited."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlmodel import Session

from core.profile.fixtures import Fixtures
from core.profile.site_profile import SiteProfile
from core.roster.diff import changes
from core.roster.edit import EditError, Evaluation, evaluate, with_evaluation
from core.roster.export import Sheet, activity_label, person_ics, roster_pdf, roster_xlsx
from core.roster.model import SLOT, Roster, RosterProblem, hhmm, monday_of
from core.staff.importer import (
    ImportRefused,
    RowError,
    city_list_table,
    parse_rows,
    read_table,
    row_to_member,
    template_table,
)
from core.staff.members import StaffMember
from core.vocabulary import RosterStatus, local
from dashboard import texts
from dashboard.use_cases import solve_jobs
from dashboard.use_cases.access import Actor, Permission, needs, require
from dashboard.use_cases.audit_services import AuditAction, note
from db import roster_store, solve_job_store, staff_records_store, staff_store
from db.solve_job_store import SolveState

# --- staff --------------------------------------------------------------------------------------


@needs(Permission.VIEW_STAFF)
def staff_members(site_id: str, *, session: Session, include_inactive: bool = True) -> list[StaffMember]:
    return staff_store.load_staff(session, site_id, include_inactive=include_inactive)


@needs(Permission.VIEW_STAFF)
def staff_list_view(
    site_id: str, *, session: Session, actor: Actor, audit: bool = True
) -> tuple[list[StaffMember], dict[str, bool]]:
    """What the 従事者 page shows: everyone (active or not) and their active flags. Opening a
    site's list is a view of personal data and is audited (`audit` False for a rerun of the
    same view in the same browser session)."""
    members = staff_store.load_staff(session, site_id, include_inactive=True)
    active = staff_store.active_flags(session, site_id)
    if audit:
        note(session, actor, AuditAction.VIEW_PERSONAL_DATA, "staff", site_id=site_id, people=len(members))
        session.commit()
    return members, active


def staff_table_rows(members: list[StaffMember], active: dict[str, bool]) -> list[dict]:
    """The staff list as shown on the page (no contact details exist to show)."""
    from core.staff.importer import member_row

    rows = []
    for member in members:
        row = member_row(member)
        rows.append(
            {
                texts.STAFF_COL_ID: member.id,
                texts.STAFF_COL_NAME: member.name,
                texts.STAFF_COL_ROLE: row["role"],
                texts.STAFF_COL_SKILLS: row["skills"],
                texts.STAFF_COL_QUALIFICATIONS: row["qualifications"],
                texts.STAFF_COL_TRAINING: row["training_completed"],
                texts.STAFF_COL_HOURS: member.contract_hours_per_week,
                texts.STAFF_COL_AVAILABILITY: " ".join(
                    f"{texts.WEEKDAYS[i]}: {row[d]}"
                    for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                    if row[d]
                ),
                texts.STAFF_COL_LEAVE: row["leave"],
                texts.STAFF_COL_WISHES: " ".join(
                    x
                    for x in (f"休み希望 {row['days_off_wish']}" if row["days_off_wish"] else "", row["shift_wish"])
                    if x
                ),
                texts.STAFF_COL_ACTIVE: texts.STAFF_ACTIVE[active.get(member.id, True)],
            }
        )
    return rows


def _check_ids_against_other_sites(
    members: list[StaffMember], site_id: str, session: Session, rows: dict[str, int] | None = None, column: str = "ID"
) -> list[RowError]:
    errors = []
    for member in members:
        owner = staff_store.site_of(session, member.id)
        if owner is not None and owner != site_id:
            errors.append(
                RowError((rows or {}).get(member.id, 0), column, texts.STAFF_ID_TAKEN.format(id=member.id, site=owner))
            )
    return errors


@needs(Permission.EDIT_STAFF, site_arg="site")
def save_member(
    site: SiteProfile,
    values: dict[str, str],
    *,
    session: Session,
    actor: Actor,
    active: bool = True,
    editing: str | None = None,
) -> str:
    """Add or edit one person from the form (the same columns and checks as an import row).
    Returns a Japanese message saying what was done; ImportRefused on a bad field."""
    member, errors = row_to_member(values, site)
    if member is not None:
        if editing is None and staff_store.site_of(session, member.id) is not None:
            errors.append(RowError(0, "ID", texts.STAFF_ID_EXISTS.format(id=member.id)))
        if editing is not None and member.id != editing:
            errors.append(RowError(0, "ID", texts.STAFF_ID_FIXED.format(id=editing)))
        errors += _check_ids_against_other_sites([member], site.id, session)
    if errors:
        raise ImportRefused(errors)
    try:
        before = staff_records_store.list_entries(session, site.id)  # issue 17: 名簿 history
        outcome = staff_store.upsert_member(session, site.id, member, active=active)
        note(
            session, actor, AuditAction.STAFF_EDIT, "staff", member.id, site_id=site.id, outcome=outcome, active=active
        )
        staff_records_store.note_changes(
            session, site.id, before, staff_records_store.list_entries(session, site.id), changed_by=actor.username
        )
        session.commit()
    except Exception:
        session.rollback()
        raise
    return (texts.STAFF_ADDED if outcome == "inserted" else texts.STAFF_UPDATED).format(id=member.id, name=member.name)


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int

    def message(self) -> str:
        return texts.STAFF_IMPORTED.format(inserted=self.inserted, updated=self.updated)


@needs(Permission.EDIT_STAFF, site_arg="site")
def import_staff(site: SiteProfile, data: bytes, filename: str, *, session: Session, actor: Actor) -> ImportResult:
    """Read a CSV or Excel file and write every person in it, or nobody: every row is checked
    first (cells, IDs given twice, IDs that belong to another site); ImportRefused lists the
    errors by row and column and the database is left as it was."""
    table = read_table(data, filename)
    members = parse_rows(table, site)
    header = [str(c).strip() for c in table[0]]
    id_column = next((h for h in header if h in ("ID", "id")), "ID")
    id_index = header.index(id_column) if id_column in header else 0
    rows = {}
    for number, cells in enumerate((r for r in table if any((c or "").strip() for c in r)), start=1):
        if number > 1 and id_index < len(cells):
            rows.setdefault(cells[id_index].strip(), number)
    errors = _check_ids_against_other_sites(members, site.id, session, rows, id_column)
    if errors:
        raise ImportRefused(errors)
    counts = {"inserted": 0, "updated": 0}
    try:
        before = staff_records_store.list_entries(session, site.id)  # issue 17: 名簿 history
        for member in members:
            counts[staff_store.upsert_member(session, site.id, member)] += 1
        note(session, actor, AuditAction.STAFF_IMPORT, "staff", site_id=site.id, file=filename[:200], **counts)
        staff_records_store.note_changes(
            session, site.id, before, staff_records_store.list_entries(session, site.id), changed_by=actor.username
        )
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ImportResult(**counts)


class UnknownRecord(LookupError):
    """A staff id or roster version that does not exist at the site named; Japanese message."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@needs(Permission.EDIT_STAFF)
def set_staff_active(staff_id: str, active: bool, *, session: Session, actor: Actor, site_id: str | None = None) -> str:
    """`site_id`: the site the caller works on; a person of another site is refused as unknown."""
    owner = staff_store.site_of(session, staff_id)
    if owner is None or (site_id is not None and owner != site_id):
        raise UnknownRecord(texts.NOT_FOUND_AT_SITE.format(what=texts.STAFF_WHAT, id=staff_id, site=site_id or "—"))
    require(actor, Permission.EDIT_STAFF, owner)
    site_id = owner
    try:
        site_id = staff_store.site_of(session, staff_id)
        before = staff_records_store.list_entries(session, site_id) if site_id else {}  # issue 17: 名簿 history
        staff_store.set_active(session, staff_id, active)
        note(session, actor, AuditAction.STAFF_ACTIVE, "staff", staff_id, site_id=site_id, active=active)
        if site_id:
            staff_records_store.note_changes(
                session, site_id, before, staff_records_store.list_entries(session, site_id), changed_by=actor.username
            )
        session.commit()
    except Exception:
        session.rollback()
        raise
    return (texts.STAFF_REACTIVATED if active else texts.STAFF_DEACTIVATED).format(id=staff_id)


@needs(Permission.VIEW_STAFF)
def staff_exports(site_id: str, *, session: Session) -> dict[str, list[list[str]]]:
    """名簿 for the city (active staff) and the import template holding everyone."""
    active = staff_store.load_staff(session, site_id)
    everyone = staff_store.load_staff(session, site_id, include_inactive=True)
    return {"city": city_list_table(active), "template": template_table(everyone)}


@needs(Permission.VIEW_STAFF)
def staff_export_file(site_id: str, which: str, fmt: str, *, session: Session, actor: Actor) -> bytes:
    """One staff file as downloaded (`which` city | template, `fmt` csv | xlsx); audited as an
    export of personal data."""
    from core.staff.importer import csv_bytes, xlsx_bytes

    table = staff_exports(site_id, session=session, actor=actor)[which]
    data = csv_bytes(table) if fmt == "csv" else xlsx_bytes(table)
    note(session, actor, AuditAction.EXPORT, f"staff_{which}", site_id=site_id, format=fmt, rows=len(table) - 1)
    session.commit()
    return data


# --- the week's problem --------------------------------------------------------------------------


def week_options(site: SiteProfile, today: dt.date) -> list[dt.date]:
    """Mondays of the weeks that touch the contract period."""
    first = monday_of(site.contract.start)
    last = monday_of(site.contract.end)
    return [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def default_week(site: SiteProfile, today: dt.date) -> dt.date:
    """Next week (the Monday after today), kept inside the contract."""
    options = week_options(site, today)
    wanted = monday_of(today) + dt.timedelta(weeks=1)
    if wanted in options:
        return wanted
    return options[0] if wanted < options[0] else options[-1]


def week_label(week: dt.date) -> str:
    end = week + dt.timedelta(days=6)
    return texts.ROSTER_WEEK_LABEL.format(start=f"{week:%Y-%m-%d}", end=f"{end:%m-%d}")


class NoStaff(ValueError):
    pass


@needs(Permission.VIEW_ROSTER)
def build_problem(
    fixtures: Fixtures,
    site_id: str,
    week: dt.date,
    absences=frozenset(),
    *,
    session: Session,
    staffing=None,
    previous_week: Roster | None = None,
) -> RosterProblem:
    """The week's problem from the staff stored in the database (active people only): the one way
    to build it, for the 勤務表 page and the `roster solve` / `roster check` commands alike.
    `staffing`: a StaffingModel to reuse (it caches requirements month by month).
    `previous_week`: the roster of the week before to use instead of the published one stored
    (rest and days in a row run across the boundary). Absences of people not in the staff list
    are left out (`unknown_absentees` names them)."""
    from core.records.designated_days import fingerprint
    from dashboard.use_cases.designation_services import with_designations

    fixtures = with_designations(fixtures, session=session)  # designated days stored from the dashboard
    site = fixtures.site(site_id)
    if staffing is not None and staffing.site is not site and fingerprint(staffing.site) != fingerprint(site):
        staffing = None  # built before a designated day changed
    staff = staff_store.load_staff(session, site_id)
    if not staff:
        raise NoStaff(texts.ROSTER_NO_STAFF.format(site=site.name))
    known = {m.id for m in staff}
    absences = {(who, day) for who, day in absences if who in known}
    # the published roster of the week before: rest and days in a row run across the boundary
    before = previous_week or roster_store.published_roster(session, site_id, week - dt.timedelta(days=7))
    return RosterProblem.build(
        site, fixtures.catalogue, staff, week, absences, staffing, previous_week=before.shifts if before else ()
    )


def unknown_absentees(problem: RosterProblem, absences) -> list[str]:
    """Staff ids among `absences` that are not in the problem's staff list (sorted)."""
    known = {m.id for m in problem.staff}
    return sorted({who for who, _ in absences} - known)


def names_of(problem: RosterProblem) -> dict[str, str]:
    return {m.id: m.name for m in problem.staff}


def person_label(problem: RosterProblem, staff_id: str) -> str:
    try:
        member = problem.member(staff_id)
    except KeyError:
        return staff_id
    return f"{member.name}（{texts.ROLE.get(member.role, member.role)}）"


def requirement_rows(problem: RosterProblem) -> list[dict]:
    """Per open day and activity: the service hours and the runs of slots with the same
    floor / target / cap, so the requirement reads next to the hours."""
    rows = []
    by_key: dict[tuple[dt.date, str], list[tuple[int, tuple[int, int, int]]]] = defaultdict(list)
    for (date, minute, activity), need in problem.requirements.items():
        by_key[(date, activity.value)].append((minute, (need.min, need.target, need.max)))
    for date in sorted(problem.days):
        frame = problem.days[date]
        hours = frame.site_day.service_hours()
        for activity in frame.service:
            slots = sorted(by_key.get((date, activity.value), []))
            runs: list[list] = []
            for minute, need in slots:
                if runs and runs[-1][1] == minute and runs[-1][2] == need:
                    runs[-1][1] = minute + SLOT
                else:
                    runs.append([minute, minute + SLOT, need])
            span = hours.get(activity.value) or hours.get(activity)
            for start, end, (low, target, high) in runs:
                rows.append(
                    {
                        texts.COL_DATE: f"{date:%m-%d}（{texts.WEEKDAYS[date.weekday()]}）",
                        texts.COL_ACTIVITY: activity_label(problem, activity.value),
                        texts.ROSTER_COL_OPEN: f"{span[0]}–{span[1]}" if span else "",
                        texts.COL_SLOT: f"{hhmm(start)}–{hhmm(end)}",
                        texts.COL_FLOOR: low,
                        texts.ROSTER_COL_TARGET: target,
                        texts.COL_CAP: high,
                    }
                )
    return rows


# --- what the roster looks like ------------------------------------------------------------------


def timeline_rows(roster: Roster, problem: RosterProblem, date: dt.date) -> list[dict]:
    """One bar per activity block or break of each shift that day, for the timeline chart.
    Hours are decimal (9.5 = 09:30); `who` orders people as the PDF does."""
    rows = []
    for shift in sorted((s for s in roster.shifts if s.date == date), key=lambda s: (s.start, s.staff_id)):
        who = person_label(problem, shift.staff_id)
        for block in shift.activities:
            rows.append(
                {
                    "who": who,
                    "staff_id": shift.staff_id,
                    "start": block.start / 60,
                    "end": block.end / 60,
                    "kind": activity_label(problem, block.activity, short=True),
                    "time": f"{hhmm(block.start)}–{hhmm(block.end)}",
                }
            )
        for start, end in shift.breaks:
            rows.append(
                {
                    "who": who,
                    "staff_id": shift.staff_id,
                    "start": start / 60,
                    "end": end / 60,
                    "kind": texts.ROSTER_BREAK,
                    "time": f"{hhmm(start)}–{hhmm(end)}",
                }
            )
    return rows


COVERAGE_STATES = ("floor_short", "short", "ok", "over")


def coverage_rows(roster: Roster, problem: RosterProblem, date: dt.date) -> list[dict]:
    """Per activity and slot that day: people assigned against floor, target and cap, and the
    state (below the floor, below the target, on target, above it)."""
    assigned: dict[tuple[int, str], int] = defaultdict(int)
    for shift in roster.shifts:
        if shift.date != date:
            continue
        for minute in range(shift.start, shift.end, SLOT):
            activity = shift.activity_at(minute)
            if activity is None or shift.on_break(minute):
                continue
            for part in activity.split("+"):
                assigned[(minute, part)] += 1
    rows = []
    for (day, minute, activity), need in sorted(
        problem.requirements.items(), key=lambda kv: (kv[0][2].value, kv[0][1])
    ):
        if day != date:
            continue
        have = assigned[(minute, activity.value)]
        state = (
            "floor_short"
            if have < need.min
            else "short"
            if have < need.target
            else "over"
            if have > need.target
            else "ok"
        )
        rows.append(
            {
                "activity": activity_label(problem, activity.value, short=True),
                "slot": hhmm(minute),
                "assigned": have,
                "min": need.min,
                "target": need.target,
                "max": need.max,
                "diff": have - need.target,
                "state": texts.COVERAGE_STATE[state],
            }
        )
    return rows


def week_grid_rows(roster: Roster, problem: RosterProblem) -> list[dict]:
    """The week as a table: one line per person, one column per day (as in the PDF)."""
    from core.roster.export import _cell, _people  # the PDF's own wording

    rows = []
    for member in _people(roster, problem):
        row = {texts.STAFF_COL_NAME: member.name, texts.STAFF_COL_ROLE: texts.ROLE.get(member.role, member.role)}
        for date in problem.dates:
            row[f"{date:%m/%d}（{texts.WEEKDAYS[date.weekday()]}）"] = _cell(roster, problem, member, date).replace(
                "\n", " "
            )
        minutes = sum(s.work_minutes for s in roster.shifts if s.staff_id == member.id)
        row[texts.ROSTER_COL_WEEK_HOURS] = round(minutes / 60, 2)
        rows.append(row)
    return rows


def plain(text: str, problem: RosterProblem) -> str:
    """A checker message with staff ids as names and activity ids as the contract's words."""
    import re

    for member in sorted(problem.staff, key=lambda m: -len(m.id)):
        text = text.replace(member.id, member.name)
    for equipment in problem.site.equipment:
        text = text.replace(f" {equipment.id} ", f"「{equipment.label}」")
    known = {a.id.value for a in problem.site.activities} | {"management", "preparation"}

    def word(match: re.Match) -> str:
        token = match.group(1)
        if all(part in known for part in token.split("+")):
            return f"「{activity_label(problem, token)}」"
        return match.group(0)

    return re.sub(r"「([^」]+)」", word, text)


def issue_rows(evaluation: Evaluation, problem: RosterProblem) -> list[dict]:
    """Every violation, then every penalty, in plain Japanese with the day, slot and person."""
    rows = []
    for v in evaluation.violations:
        rows.append(
            {
                texts.ISSUE_COL_KIND: texts.ISSUE_VIOLATION,
                texts.ISSUE_COL_LABEL: v["label"],
                texts.COL_DATE: v.get("date", ""),
                texts.COL_SLOT: f"{v['start']}–{v['end']}" if v.get("start") else "",
                texts.ISSUE_COL_PERSON: person_label(problem, v["staff_id"]) if v.get("staff_id") else "",
                texts.ISSUE_COL_TEXT: plain(
                    v["message"] + (f"　理由: {v['reason']}" if v.get("reason") else ""), problem
                ),
                texts.ISSUE_COL_COST: None,
            }
        )
    for p in sorted(evaluation.penalties, key=lambda p: -p["cost"]):
        slot = f"{p['start']}–{p['end']}" if p.get("start") and p.get("end") else p.get("start", "")
        detail = p["detail"]
        if p.get("staff_id"):
            detail = detail.replace(f"{p['staff_id']}:", f"{person_label(problem, p['staff_id'])}:", 1)
        if p.get("activity"):
            detail = detail.replace(p["activity"], activity_label(problem, p["activity"], short=True))
        rows.append(
            {
                texts.ISSUE_COL_KIND: texts.ISSUE_PENALTY,
                texts.ISSUE_COL_LABEL: p["label"],
                texts.COL_DATE: p.get("date", ""),
                texts.COL_SLOT: slot,
                texts.ISSUE_COL_PERSON: person_label(problem, p["staff_id"]) if p.get("staff_id") else "",
                texts.ISSUE_COL_TEXT: detail + texts.ISSUE_POINTS.format(weight=p["weight"], amount=p["amount"]),
                texts.ISSUE_COL_COST: p["cost"],
            }
        )
    return rows


def penalty_summary(evaluation: Evaluation) -> list[dict]:
    totals: dict[str, int] = defaultdict(int)
    for p in evaluation.penalties:
        totals[p["label"]] += p["cost"]
    return [
        {texts.ISSUE_COL_LABEL: k, texts.ISSUE_COL_COST: v} for k, v in sorted(totals.items(), key=lambda kv: -kv[1])
    ]


# --- edits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EditOutcome:
    roster: Roster
    before: Evaluation
    after: Evaluation
    what: str

    @property
    def delta(self) -> int:
        return self.after.objective - self.before.objective

    def message(self) -> str:
        return texts.EDIT_RESULT.format(
            what=self.what,
            before=self.before.objective,
            after=self.after.objective,
            delta=self.delta,
            v_before=len(self.before.violations),
            v_after=len(self.after.violations),
        )

    def new_violations(self) -> list[dict]:
        old = {(v["rule"], v["message"]) for v in self.before.violations}
        return [v for v in self.after.violations if (v["rule"], v["message"]) not in old]


def apply_edit(roster: Roster, problem: RosterProblem, edit: dict) -> EditOutcome:
    """Apply one manual edit and check the result with the independent rule checker.
    `edit`: {"kind": "move"|"activity"|"swap"|"add"|"remove", "staff_id", "date", ...}."""
    from core.roster import edit as roster_edit

    kind = edit["kind"]
    who, date = edit["staff_id"], edit["date"]
    name = person_label(problem, who)
    if kind == "move":
        new = roster_edit.move_shift(roster, problem, who, date, edit["start"], edit["end"])
        what = texts.EDIT_WHAT_MOVE.format(who=name, date=date, start=hhmm(edit["start"]), end=hhmm(edit["end"]))
    elif kind == "add":
        new = roster_edit.add_shift(roster, problem, who, date, edit["start"], edit["end"])
        what = texts.EDIT_WHAT_ADD.format(who=name, date=date, start=hhmm(edit["start"]), end=hhmm(edit["end"]))
    elif kind == "remove":
        new = roster_edit.remove_shift(roster, who, date)
        what = texts.EDIT_WHAT_REMOVE.format(who=name, date=date)
    elif kind == "activity":
        new = roster_edit.change_activity(roster, who, date, edit["start"], edit["end"], edit["activity"])
        what = texts.EDIT_WHAT_ACTIVITY.format(
            who=name,
            date=date,
            start=hhmm(edit["start"]),
            end=hhmm(edit["end"]),
            activity=activity_label(problem, edit["activity"]),
        )
    elif kind == "swap":
        new = roster_edit.swap(roster, who, edit["other"], date, problem)
        what = texts.EDIT_WHAT_SWAP.format(who=name, other=person_label(problem, edit["other"]), date=date)
    else:
        raise EditError(f"unknown edit {kind!r}")
    before = evaluate(roster, problem)
    new = with_evaluation(new, problem)
    return EditOutcome(new, before, Evaluation(new.objective, new.violations, new.penalties), what)


# --- versions ------------------------------------------------------------------------------------


def _commit(session: Session, action):
    try:
        result = action()
        session.commit()
        return result
    except Exception:
        session.rollback()
        raise


@needs(Permission.EDIT_ROSTER)
def save_version(roster: Roster, problem: RosterProblem, note: str, *, session: Session, actor: Actor) -> int:
    """Store the roster (checked again here) as the week's next draft version."""
    require(actor, Permission.EDIT_ROSTER, problem.site.id)
    checked = with_evaluation(roster, problem) if roster.status == "manual" else roster

    def store() -> int:
        version = roster_store.save_roster(session, checked, problem, note=note)
        _note(
            session,
            actor,
            AuditAction.SAVE_ROSTER,
            "roster",
            f"{problem.week_start}#{version}",
            site_id=problem.site.id,
            note=note,
        )
        return version

    return _commit(session, store)


def _version_exists(session: Session, site_id: str, week: dt.date, version: int) -> None:
    if version not in {v.version for v in roster_store.versions(session, site_id, week)}:
        raise UnknownRecord(
            texts.NOT_FOUND_AT_SITE.format(what=texts.ROSTER_VERSION_WHAT, id=f"{week} 版{version}", site=site_id)
        )


_note = note  # save_version's parameter `note` (the version's note) shadows the audit helper


class CopyRefused(ValueError):
    """Nothing to copy: the week before has no roster. The message is Japanese."""


@needs(Permission.EDIT_ROSTER)
def copy_previous_week(problem: RosterProblem, *, session: Session, actor: Actor) -> int:
    """The week before (its published version, else its newest) moved on by seven days, as a new
    draft of this week: a starting point that the checker judges like any edit. Shifts of people no
    longer active, or on days this week is closed, are left out."""
    site_id = problem.site.id
    before = problem.week_start - dt.timedelta(days=7)
    version = roster_store.live_version(session, site_id, before)
    if version is None:
        stored = roster_store.versions(session, site_id, before)
        if not stored:
            raise CopyRefused(texts.COPY_NONE.format(week=week_label(before)))
        version = max(v.version for v in stored)
    previous = roster_store.load(session, site_id, before, version)
    people, open_days = {m.id for m in problem.staff}, set(problem.days)
    week = dt.timedelta(days=7)
    shifts = [
        replace(s, date=s.date + week) for s in previous.shifts if s.staff_id in people and s.date + week in open_days
    ]
    copy = Roster(site_id=site_id, week_start=problem.week_start, shifts=shifts, status="manual")
    return save_version(copy, problem, texts.NOTE_COPIED.format(version=version), session=session, actor=actor)


@needs(Permission.PUBLISH_ROSTER)
def publish_version(site_id: str, week: dt.date, version: int, *, session: Session, actor: Actor) -> str:
    _version_exists(session, site_id, week, version)

    def publish() -> int:
        live = roster_store.publish(session, site_id, week, version)
        note(session, actor, AuditAction.PUBLISH_ROSTER, "roster", f"{week}#{version}", site_id=site_id, live=live)
        return live

    live = _commit(session, publish)
    if live == version:
        return texts.ROSTER_PUBLISHED.format(version=version)
    return texts.ROSTER_REPUBLISHED.format(version=version, live=live)


@needs(Permission.VIEW_ROSTER)
def version_labels(site_id: str, week: dt.date, *, session: Session) -> dict[int, str]:
    """version → label, newest first: "版3（公開中）手動編集 11/21 21:03 ペナルティ 6,235 違反0"."""
    infos = roster_store.versions(session, site_id, week)
    live = roster_store.live_version(session, site_id, week)
    out = {}
    for info in infos:
        state = (
            texts.VERSION_LIVE
            if info.version == live
            else texts.VERSION_PUBLISHED
            if info.status == RosterStatus.PUBLISHED
            else texts.VERSION_DRAFT
        )
        when = local(info.created_at)
        out[info.version] = texts.VERSION_LABEL.format(
            version=info.version,
            state=state,
            note=info.note,
            when=f"{when:%m/%d %H:%M}",
            objective="–" if info.objective is None else f"{info.objective:,.0f}",
            ok=texts.VERSION_OK if info.acceptable else texts.VERSION_NG,
        )
    return out


@needs(Permission.VIEW_ROSTER)
def load_version(site_id: str, week: dt.date, version: int, *, session: Session) -> Roster:
    _version_exists(session, site_id, week, version)
    return roster_store.load(session, site_id, week, version)


@needs(Permission.VIEW_ROSTER)
def live_version(site_id: str, week: dt.date, *, session: Session) -> int | None:
    """The week's live (highest published) version, None when nothing is published."""
    return roster_store.live_version(session, site_id, week)


@needs(Permission.VIEW_ROSTER)
def version_changes(site_id: str, week: dt.date, version: int, *, session: Session) -> list[dict]:
    """What re-rostering changed in this version against the roster it started from (stored with it)."""
    _version_exists(session, site_id, week, version)
    return list(roster_store.load_data(session, site_id, week, version).get("changes", []))


def roster_changes(first: Roster, second: Roster) -> list[dict]:
    """The plain diff of two rosters (core.roster.diff), for change_summary and change_rows."""
    return changes(first, second)


def compare_rows(first: Roster, second: Roster, problem: RosterProblem) -> list[dict]:
    """What changed from one version to another, person by person and day by day."""
    return change_rows(changes(first, second), problem)


_CHANGE_ORDER = {"removed": 0, "added": 1, "moved": 2, "break": 3, "activities": 4}


def change_summary(items: list[dict]) -> str:
    """ "勤務の追加・削除・時間変更 3件、休憩のみ 1件、業務のみ 12件"."""
    times = sum(1 for c in items if c["kind"] in ("removed", "added", "moved"))
    breaks = sum(1 for c in items if c["kind"] == "break")
    duties = sum(1 for c in items if c["kind"] == "activities")
    return texts.CHANGE_SUMMARY.format(times=times, breaks=breaks, duties=duties)


def change_rows(items: list[dict], problem: RosterProblem) -> list[dict]:
    """Changes, the ones that matter to a person's day first (day off, new shift, new hours)."""
    items = sorted(items, key=lambda c: (_CHANGE_ORDER.get(c["kind"], 9), c["date"], c["staff_id"]))
    return [
        {
            texts.COL_DATE: c["date"],
            texts.ISSUE_COL_PERSON: person_label(problem, c["staff_id"]),
            texts.CHANGE_COL_KIND: texts.CHANGE_KIND.get(c["kind"], c["kind"]),
            texts.CHANGE_COL_BEFORE: c["before"],
            texts.CHANGE_COL_AFTER: c["after"],
        }
        for c in items
    ]


def reroster_plan(
    roster: Roster, staff_id: str, date: dt.date, lock_before: bool, extra_locks: set[tuple[str, dt.date]] = frozenset()
) -> tuple[set, frozenset]:
    """(absences, locked) to re-roster after an absence: the new absence added to the roster's
    own, and the shifts before that day kept exactly when asked (they have been worked)."""
    absences = set(roster.absences) | {(staff_id, date)}
    locked = set(extra_locks)
    if lock_before:
        locked |= {(s.staff_id, s.date) for s in roster.shifts if s.date < date}
    return absences, frozenset(locked)


def roster_for_work(roster: Roster, problem: RosterProblem) -> Roster:
    """A stored roster with its checks recomputed against today's staff and rules."""
    result = evaluate(roster, problem)
    out = Roster(
        roster.site_id,
        roster.week_start,
        list(roster.shifts),
        list(roster.absences),
        roster.status,
        objective=result.objective,
        best_bound=roster.best_bound,
        penalty_total=result.objective,
    )
    out.violations, out.penalties = result.violations, result.penalties
    return out


# --- sharing -------------------------------------------------------------------------------------


def sheet_for(problem: RosterProblem, version_label: str = "") -> Sheet:
    return Sheet(problem.site.name, names_of(problem), version_label)


def export_pdf(roster: Roster, problem: RosterProblem, version_label: str = "") -> bytes:
    return roster_pdf(roster, problem, sheet_for(problem, version_label))


def export_xlsx(roster: Roster, problem: RosterProblem, version_label: str = "") -> bytes:
    return roster_xlsx(roster, problem, sheet_for(problem, version_label))


def export_ics(roster: Roster, problem: RosterProblem, staff_id: str, version_label: str = "") -> bytes:
    return person_ics(roster, problem, staff_id, sheet_for(problem, version_label))


@needs(Permission.VIEW_ROSTER)
def export_roster(
    roster: Roster,
    problem: RosterProblem,
    fmt: str,
    *,
    session: Session,
    actor: Actor,
    version_label: str = "",
    staff_id: str | None = None,
) -> bytes:
    """The roster as shared (pdf, xlsx, or one person's ics); it holds staff names, so the
    download is audited."""
    require(actor, Permission.VIEW_ROSTER, problem.site.id)
    if fmt == "pdf":
        data = export_pdf(roster, problem, version_label)
    elif fmt == "xlsx":
        data = export_xlsx(roster, problem, version_label)
    else:
        data = export_ics(roster, problem, staff_id, version_label)
    note(
        session,
        actor,
        AuditAction.EXPORT,
        f"roster_{fmt}",
        f"{problem.week_start}",
        site_id=problem.site.id,
        version=version_label,
        staff_id=staff_id,
    )
    session.commit()
    return data


def file_stem(problem: RosterProblem, version: int | None) -> str:
    return f"{problem.site.id}_{problem.week_start:%Y%m%d}" + (f"_v{version}" if version else "")


# --- the background solve, as the page shows it ---------------------------------------------------


def job_message(view) -> tuple[str, str]:
    """(level, text) for a solve job: 'info' while running, 'success' when saved, 'error' otherwise.
    The page's polling fragment and the plain page body both show exactly this."""
    if view.state == SolveState.RUNNING:
        return "info", _running_message(view)
    if view.state == SolveState.FAILED:
        if view.lost:
            return "error", texts.ROSTER_JOB_LOST.format(label=view.label, who=view.started_by)
        return "error", texts.ROSTER_FAILED.format(label=view.label, error=view.error)
    result = view.result or {}
    if result.get("objective") is None or view.saved is None:
        return "error", texts.ROSTER_DONE_NOTHING.format(label=view.label, elapsed=view.elapsed)
    objective = result["objective"]
    text = texts.ROSTER_DONE.format(
        label=view.label,
        elapsed=view.elapsed,
        version=view.saved,
        status=texts.ROSTER_STATUS.get(result["status"], result["status"]),
        objective=f"{objective:,}",
    )
    searched = view.history[-1][1] if view.history else None
    if searched is not None and round(searched) != objective:
        # The progress line showed the first stage's figure; say why the saved roster's differs.
        text += "\n\n" + texts.ROSTER_DONE_WHY.format(search=f"{searched:,.0f}", final=f"{objective:,}")
    if view.state == SolveState.STOPPED:
        text += "\n\n" + texts.ROSTER_STOPPED_NOTE
    return ("success" if result.get("acceptable") else "warning"), text


def _running_message(view) -> str:
    text = texts.ROSTER_RUNNING.format(label=view.label, elapsed=view.elapsed, limit=view.time_limit)
    text += texts.ROSTER_STARTED_BY.format(who=view.started_by)
    if view.solutions:
        text += "\n\n" + texts.ROSTER_PROGRESS.format(
            solutions=view.solutions,
            objective=f"{view.objective:,.0f}",
            bound=f"{view.best_bound:,.0f}",
            gap=f"{view.gap * 100:.1f}%",
        )
    else:
        text += "\n\n" + texts.ROSTER_PROGRESS_NONE
    if view.stop_requested:
        text += "\n\n" + texts.ROSTER_STOPPING
    return text


def _open_job(
    problem: RosterProblem, label: str, note: str, time_limit: float, actor: Actor, session: Session
) -> tuple[int, bool]:
    """A new running job row, or (the running one, False). A job whose server died is closed first."""
    from sqlalchemy.exc import IntegrityError

    site_id, week = problem.site.id, problem.week_start
    now = solve_jobs.utc_now()
    cutoff = now - dt.timedelta(seconds=solve_jobs.STALE_SECONDS)
    solve_job_store.fail_stale(
        session=session, site_id=site_id, week_start=week, cutoff=cutoff, error=texts.ROSTER_JOB_LOST_ERROR
    )
    session.commit()
    try:
        job_id = solve_job_store.insert(
            session=session,
            site_id=site_id,
            week_start=week,
            label=label,
            note=note,
            started_by=actor.username,
            time_limit=time_limit,
            now=now,
        )
        session.commit()
    except IntegrityError:  # another replica started this week's solve a moment ago
        session.rollback()
        current = solve_job_store.running(session=session, site_id=site_id, week_start=week)
        if current is None:
            raise
        return current.id, False
    return job_id, True


SHOWN_AFTER_END = dt.timedelta(hours=1)


@needs(Permission.EDIT_ROSTER)
def start_solve(
    problem: RosterProblem,
    *,
    engine,
    runner,
    actor: Actor,
    label: str,
    note: str,
    time_limit: float,
    previous: Roster | None = None,
    locked: frozenset = frozenset(),
) -> tuple[int, bool]:
    """Start the week's solve in the background: (job id, True); when one is running already,
    on this server or another, (its id, False). The job's row shows it on every replica; the
    finished roster is stored as the week's next version by the job itself."""
    require(actor, Permission.EDIT_ROSTER, problem.site.id)
    from db.engine import run_write

    job_id, started = run_write(engine, lambda session: _open_job(problem, label, note, time_limit, actor, session))
    if started:
        runner.run(
            job_id,
            problem,
            time_limit=time_limit,
            previous=previous,
            locked=locked,
            on_done=lambda roster: save_solved(roster, problem, note, engine, actor=actor),
        )
    return job_id, started


@needs(Permission.VIEW_ROSTER)
def solve_job(
    site_id: str, week: dt.date, *, session: Session, now: dt.datetime | None = None
) -> solve_jobs.JobView | None:
    """The week's newest solve as a page shows it (from any replica), or None. A job that ended
    more than SHOWN_AFTER_END ago is no news any more: None."""
    record = solve_job_store.latest(session=session, site_id=site_id, week_start=week)
    now = now or solve_jobs.utc_now()
    if record is None or (record.finished_at is not None and now - record.finished_at > SHOWN_AFTER_END):
        return None
    return solve_jobs.view_of(record, now)


@needs(Permission.EDIT_ROSTER)
def stop_solve(site_id: str, week: dt.date, *, session: Session) -> bool:
    """Ask the week's running solve to stop, wherever it runs; it stores the best roster found so
    far. False when nothing is running."""
    record = solve_job_store.running(session=session, site_id=site_id, week_start=week)
    if record is None:
        return False
    stopped = solve_job_store.request_stop(session=session, job_id=record.id)
    session.commit()
    return stopped


@needs(Permission.EDIT_ROSTER)
def save_solved(roster: Roster, problem: RosterProblem, note: str, engine, *, actor: Actor) -> int | None:
    """What a finished job does, in its own thread and session: store the roster as a new
    version (as the user who started the solve). A run that found no roster stores nothing."""
    require(actor, Permission.EDIT_ROSTER, problem.site.id)
    if roster.objective is None:
        return None
    from db.engine import run_write  # retried while the live counters hold the lock

    return run_write(engine, lambda session: save_version(roster, problem, note, session=session, actor=actor))


# --- re-import of an edited roster workbook (issue 18) --------------------------------------------


@dataclass(frozen=True)
class RosterImportOutcome:
    """What an imported workbook became: the new version and what the checker found in it."""

    version: int
    roster: Roster
    evaluation: Evaluation

    @property
    def violations(self) -> int:
        return len(self.evaluation.violations)

    def message(self) -> str:
        text = texts.ROSTER_IMPORTED.format(
            version=self.version,
            shifts=len(self.roster.shifts),
            violations=self.violations,
            objective=f"{self.evaluation.objective:,}",
        )
        return text + ("" if self.evaluation.acceptable else "\n\n" + texts.ROSTER_IMPORTED_VIOLATIONS)


@needs(Permission.EDIT_ROSTER)
def import_roster_version(
    problem: RosterProblem, data: bytes, filename: str, *, session: Session, actor: Actor
) -> RosterImportOutcome:
    """An edited roster workbook (the 明細 sheet of the Excel export) stored as the week's next
    draft version with the note 「Excelから取込」. It is checked like any manual edit: the file's
    form first (RosterImportError by row and column, nothing stored), then the independent rule
    checker, whose violations are kept with the version as they are for an edit."""
    from core.roster.excel_import import roster_from_xlsx

    require(actor, Permission.EDIT_ROSTER, problem.site.id)
    roster = with_evaluation(roster_from_xlsx(data, problem), problem)

    def store() -> int:  # as save_version does, with the file's name in the audit line
        version = roster_store.save_roster(session, roster, problem, note=texts.NOTE_IMPORTED)
        _note(
            session,
            actor,
            AuditAction.SAVE_ROSTER,
            "roster",
            f"{problem.week_start}#{version}",
            site_id=problem.site.id,
            note=texts.NOTE_IMPORTED,
            file=filename[:200],
        )
        return version

    version = _commit(session, store)
    return RosterImportOutcome(version, roster, Evaluation(roster.objective, roster.violations, roster.penalties))

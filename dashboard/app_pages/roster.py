"""勤務表: pick a site and week, solve in the background, inspect, adjust, re-roster, publish, share."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.demand.requirements import StaffingModel
from core.records.designated_days import fingerprint
from core.roster.edit import EditError
from core.roster.excel_import import RosterImportError
from core.roster.model import SLOT, hhmm
from dashboard import texts
from dashboard.charts import roster as roster_charts
from dashboard.ui import page_common, resources, roster_jobs
from dashboard.ui.resources import DatabaseBusy
from dashboard.use_cases import roster_services
from dashboard.use_cases.access import AccessDenied, Permission


@st.cache_resource
def staffing_model(site_id: str, designations: str = "") -> StaffingModel:
    """Requirements per site are pure and cached month by month inside the model; `designations`
    (the profile's fingerprint) gives a new model once a designated day changes."""
    fixtures = resources.fixtures()
    return StaffingModel(fixtures.site(site_id), fixtures.catalogue)


actor = page_common.require_page(Permission.VIEW_ROSTER)
fixtures = resources.fixtures()
engine = resources.engine()
runner = roster_jobs.runner()
today = page_common.console_today()

st.header(texts.ROSTER_HEADER)
st.caption(texts.ROSTER_CAPTION)

left, right = st.columns(2)
with left:
    site = page_common.pick_site_profile("roster_site")
may_edit = actor.may(Permission.EDIT_ROSTER, site.id)
may_publish = actor.may(Permission.PUBLISH_ROSTER, site.id)
weeks = roster_services.week_options(site, today)
labels = [roster_services.week_label(w) for w in weeks]
if st.session_state.get("roster_week") not in labels:
    st.session_state["roster_week"] = roster_services.week_label(roster_services.default_week(site, today))
week = weeks[labels.index(right.selectbox(texts.PICK_WEEK, labels, key="roster_week"))]
key = (site.id, week)


def flash(level: str, text: str) -> None:
    st.session_state.setdefault("roster_flash", []).append((level, text))


def problem_for(absences=frozenset()):
    with Session(engine) as session:
        return roster_services.build_problem(
            fixtures,
            site.id,
            week,
            absences,
            session=session,
            staffing=staffing_model(site.id, fingerprint(site)),
            actor=actor,
        )


def start_job(label: str, note: str, absences=frozenset(), previous=None, locked=frozenset()) -> None:
    try:
        problem = problem_for(absences)
    except roster_services.NoStaff as exc:
        flash("error", str(exc))
        return
    try:
        _, started = roster_services.start_solve(
            problem,
            engine=engine,
            runner=runner,
            actor=actor,
            label=label,
            note=note,
            previous=previous,
            locked=locked,
            time_limit=float(st.session_state.get("roster_time_limit", 10)),
        )
    except DatabaseBusy as exc:
        flash("error", texts.DB_BUSY.format(seconds=exc.waited))
        return
    if started:
        st.session_state.pop("roster_seen_job", None)
        flash("info", texts.ROSTER_STARTED.format(label=label, limit=st.session_state.get("roster_time_limit", 10)))
    else:
        flash("warning", texts.ROSTER_ALREADY_RUNNING)


# --- the week's requirement -----------------------------------------------------------------------
try:
    base_problem = problem_for()
except roster_services.NoStaff as exc:
    st.error(str(exc))
    st.stop()
with st.expander(texts.ROSTER_REQUIREMENTS):
    closed = [f"{d:%m-%d}（{texts.WEEKDAYS[d.weekday()]}）" for d in base_problem.dates if d not in base_problem.days]
    if closed:
        st.caption(texts.ROSTER_CLOSED_DAYS.format(days="、".join(closed)))
    st.dataframe(
        pd.DataFrame(roster_services.requirement_rows(base_problem)),
        hide_index=True,
        width="stretch",
        key="roster_requirements",
    )

# --- solve --------------------------------------------------------------------------------------
st.subheader(texts.ROSTER_SOLVE_HEADER)
left, right = st.columns([1, 2])
left.selectbox(texts.ROSTER_TIME_LIMIT, [5, 10, 20, 30, 60, 120], index=1, key="roster_time_limit")


def current_job():
    """The week's newest solve, from the database: started here or on another server."""
    with Session(engine) as session:
        return roster_services.solve_job(site.id, week, session=session, actor=actor)


def stop_job() -> None:
    try:
        resources.write(lambda session: roster_services.stop_solve(site.id, week, session=session, actor=actor))
    except DatabaseBusy as exc:
        flash("error", texts.DB_BUSY.format(seconds=exc.waited))


job = current_job()
running = job is not None and job.running
with right:
    st.caption(texts.ROSTER_SOLVE_HELP)
    if st.button(texts.ROSTER_SOLVE, key="roster_solve", type="primary", disabled=running or not may_edit):
        work = st.session_state.get("roster_work")
        absences = set(work["roster"].absences) if work and work["key"][:2] == key else set()
        start_job(texts.ROSTER_LABEL_SOLVE, texts.NOTE_SOLVED, absences)
        st.rerun()
    if st.button(texts.COPY_BUTTON, key="roster_copy", disabled=running or not may_edit):
        try:
            copied = resources.write(
                lambda session: roster_services.copy_previous_week(base_problem, session=session, actor=actor)
            )
        except (roster_services.CopyRefused, DatabaseBusy) as exc:
            st.error(texts.DB_BUSY.format(seconds=exc.waited) if isinstance(exc, DatabaseBusy) else str(exc))
        else:
            flash("success", texts.COPY_DONE.format(version=copied))
            st.session_state["roster_version_next"] = copied
            st.rerun()

for level, text in st.session_state.pop("roster_flash", []):
    getattr(st, level)(text)


def show_job(view) -> None:
    level, text = roster_services.job_message(view)
    getattr(st, level)(text)
    if view.running:
        if view.history:
            st.altair_chart(roster_charts.progress_chart(view.history), width="stretch")
        st.button(texts.ROSTER_STOP, key="roster_stop", on_click=stop_job, disabled=not may_edit or view.stop_requested)


@st.fragment(run_every=1.0)
@page_common.safe
def live_job() -> None:
    """Polls the running job once a second; reruns the whole page when it has finished."""
    page_common.fragment_guard()
    view = current_job()
    if view is None:
        return
    if not view.running:
        st.rerun()
    show_job(view)


if job is not None:
    if running:
        live_job()
    else:
        show_job(job)
        if job.saved is not None and st.session_state.get("roster_seen_job") != job.id:
            st.session_state["roster_seen_job"] = job.id
            st.session_state["roster_version"] = job.saved

# --- versions -----------------------------------------------------------------------------------
with Session(engine) as session:
    version_names = roster_services.version_labels(site.id, week, session=session, actor=actor)
    live = roster_services.live_version(site.id, week, session=session, actor=actor)
if not version_names:
    if not running:
        st.info(texts.ROSTER_NO_VERSION)
    st.stop()
options = list(version_names)
if "roster_version_next" in st.session_state:
    st.session_state["roster_version"] = st.session_state.pop("roster_version_next")
if st.session_state.get("roster_version") not in options:
    st.session_state["roster_version"] = options[0]
version = st.selectbox(texts.ROSTER_PICK_VERSION, options, format_func=version_names.get, key="roster_version")

work = st.session_state.get("roster_work")
if work is None or work["key"] != (site.id, week, version):
    with Session(engine) as session:
        stored = roster_services.load_version(site.id, week, version, session=session, actor=actor)
        stored_changes = roster_services.version_changes(site.id, week, version, session=session, actor=actor)
    problem = problem_for(set(stored.absences))
    work = {
        "key": (site.id, week, version),
        "roster": roster_services.roster_for_work(stored, problem),
        "edits": [],
        "changes": stored_changes,
    }
    st.session_state["roster_work"] = work
roster = work["roster"]
problem = problem_for(set(roster.absences))
evaluation = roster_services.Evaluation(roster.objective, roster.violations, roster.penalties)

figures = st.columns(4)
figures[0].metric(texts.ROSTER_METRIC_OBJECTIVE, f"{roster.objective:,}")
figures[1].metric(texts.ROSTER_METRIC_VIOLATIONS, f"{len(roster.violations)}件")
figures[2].metric(texts.ROSTER_METRIC_SHIFTS, len(roster.shifts))
figures[3].metric(texts.ROSTER_METRIC_LIVE, f"版{live}" if live else texts.ROSTER_NOT_LIVE)
if work["edits"]:
    st.warning(texts.ROSTER_UNSAVED.format(n=len(work["edits"])) + "\n\n" + "\n".join(f"- {e}" for e in work["edits"]))
if work["changes"] and not work["edits"]:
    with st.expander(texts.ROSTER_CHANGES, expanded=True):
        st.markdown(roster_services.change_summary(work["changes"]))
        st.dataframe(
            pd.DataFrame(roster_services.change_rows(work["changes"], problem)),
            hide_index=True,
            width="stretch",
            key="roster_changes",
        )

# --- the roster ---------------------------------------------------------------------------------
open_days = sorted(problem.days)
st.subheader(texts.ROSTER_TIMELINE)
day = st.selectbox(
    texts.ROSTER_PICK_DAY,
    open_days,
    format_func=lambda d: f"{d:%m-%d}（{texts.WEEKDAYS[d.weekday()]}）",
    key="roster_day",
)
rows = roster_services.timeline_rows(roster, problem, day)
if rows:
    st.altair_chart(roster_charts.timeline_chart(rows), width="stretch")
else:
    st.info(texts.ROSTER_NO_SHIFTS_DAY)
st.markdown(f"**{texts.ROSTER_COVERAGE}**")
coverage = roster_services.coverage_rows(roster, problem, day)
activities = list(dict.fromkeys(r["activity"] for r in coverage))
grid = st.columns(2)
for index, activity in enumerate(activities):
    grid[index % 2].altair_chart(
        roster_charts.coverage_chart([r for r in coverage if r["activity"] == activity], activity), width="stretch"
    )
with st.expander(texts.ROSTER_WEEK_TABLE, expanded=False):
    st.dataframe(
        pd.DataFrame(roster_services.week_grid_rows(roster, problem)),
        hide_index=True,
        width="stretch",
        key="roster_week_table",
    )

st.subheader(texts.ROSTER_ISSUES)
if roster.violations:
    st.error(texts.ROSTER_VIOLATIONS.format(n=len(roster.violations)))
else:
    st.success(texts.ROSTER_ALL_OK)
left, right = st.columns([3, 1])
left.dataframe(
    pd.DataFrame(roster_services.issue_rows(evaluation, problem)), hide_index=True, width="stretch", key="roster_issues"
)
right.dataframe(
    pd.DataFrame(roster_services.penalty_summary(evaluation)),
    hide_index=True,
    width="stretch",
    key="roster_penalty_summary",
)

# --- manual edits -------------------------------------------------------------------------------
staff_ids = [m.id for m in problem.staff]


def person(staff_id: str) -> str:
    return roster_services.person_label(problem, staff_id)


def day_name(date: dt.date) -> str:
    return f"{date:%m-%d}（{texts.WEEKDAYS[date.weekday()]}）"


st.subheader(texts.ROSTER_EDIT_HEADER)
kind = st.radio(
    texts.EDIT_KIND, list(texts.EDIT_KINDS), format_func=texts.EDIT_KINDS.get, horizontal=True, key="roster_edit_kind"
)
cols = st.columns(4)
who = cols[0].selectbox(texts.EDIT_PERSON, staff_ids, format_func=person, key="roster_edit_staff")
date = cols[1].selectbox(texts.EDIT_DATE, open_days, format_func=day_name, key="roster_edit_date")
edit: dict = {"kind": kind, "staff_id": who, "date": date}
shift = roster.shift(who, date)
low, high = problem.days[date].work_window
times = list(range(low, high + SLOT, SLOT))
if kind in ("move", "add", "activity"):
    start_default = shift.start if shift and shift.start in times else times[0]
    end_default = shift.end if shift and shift.end in times else times[-1]
    edit["start"] = cols[2].selectbox(
        texts.EDIT_START,
        times,
        index=times.index(start_default),
        format_func=hhmm,
        key=f"roster_edit_start_{who}_{date}",
    )
    edit["end"] = cols[3].selectbox(
        texts.EDIT_END, times, index=times.index(end_default), format_func=hhmm, key=f"roster_edit_end_{who}_{date}"
    )
if kind == "activity":
    choices = [a.id.value for a in site.activities] + ["preparation"]
    edit["activity"] = st.selectbox(
        texts.EDIT_ACTIVITY,
        choices,
        format_func=lambda a: roster_services.activity_label(problem, a),
        key="roster_edit_activity",
    )
if kind == "swap":
    others = [s for s in staff_ids if s != who]
    edit["other"] = cols[2].selectbox(texts.EDIT_OTHER, others, format_func=person, key="roster_edit_other")
buttons = st.columns(3)
if buttons[0].button(texts.EDIT_APPLY, key="roster_edit_apply", type="primary", disabled=not may_edit):
    try:
        outcome = roster_services.apply_edit(roster, problem, edit)
    except (EditError, KeyError) as exc:
        st.error(texts.EDIT_REFUSED.format(reason=exc))
    else:
        work["roster"] = outcome.roster
        work["edits"].append(outcome.what)
        level = "error" if outcome.new_violations() else "success"
        text = outcome.message()
        if outcome.new_violations():
            text += (
                "\n\n"
                + texts.EDIT_NEW_VIOLATION
                + "\n"
                + "\n".join(
                    f"- {v['label']}: {roster_services.plain(v['message'], problem)}" for v in outcome.new_violations()
                )
            )
        flash(level, text)
        st.rerun()
if buttons[1].button(texts.EDIT_SAVE, key="roster_edit_save", disabled=not work["edits"] or not may_edit):
    try:  # a write session, retried while the live counters hold the lock
        saved = resources.write(
            lambda session: roster_services.save_version(
                roster, problem, texts.NOTE_EDITED, session=session, actor=actor
            )
        )
    except DatabaseBusy as exc:
        st.error(texts.DB_BUSY.format(seconds=exc.waited))
    else:
        flash("success", texts.EDIT_SAVED.format(version=saved))
        st.session_state["roster_version_next"] = saved  # the selectbox exists already in this run
        st.session_state.pop("roster_work", None)
        st.rerun()
if buttons[2].button(texts.EDIT_RESET, key="roster_edit_reset", disabled=not work["edits"]):
    st.session_state.pop("roster_work", None)
    flash("info", texts.EDIT_RESET_DONE.format(version=version))
    st.rerun()

# --- absence, locks and re-rostering -----------------------------------------------------------
st.subheader(texts.ROSTER_ABSENCE_HEADER)
cols = st.columns(3)
absent = cols[0].selectbox(texts.ABSENT_PERSON, staff_ids, format_func=person, key="roster_absent_staff")
absent_day = cols[1].selectbox(texts.ABSENT_DATE, open_days, format_func=day_name, key="roster_absent_date")
lock_before = cols[2].checkbox(texts.LOCK_BEFORE, value=True, key="roster_lock_before")
shift_keys = [f"{s.staff_id}|{s.date.isoformat()}" for s in sorted(roster.shifts, key=lambda s: (s.date, s.staff_id))]
locks = st.multiselect(
    texts.LOCKS,
    shift_keys,
    key="roster_locks",
    placeholder=texts.CHOOSE,
    format_func=lambda k: f"{day_name(dt.date.fromisoformat(k.split('|')[1]))} {person(k.split('|')[0])}",
)
locked_pairs = {(k.split("|")[0], dt.date.fromisoformat(k.split("|")[1])) for k in locks}
cols = st.columns(2)
if cols[0].button(texts.REROSTER, key="roster_reroster", type="primary", disabled=running or not may_edit):
    absences, locked = roster_services.reroster_plan(roster, absent, absent_day, lock_before, locked_pairs)
    start_job(
        texts.ROSTER_LABEL_REROSTER,
        texts.NOTE_REROSTER.format(who=person(absent), date=day_name(absent_day)),
        absences,
        previous=roster,
        locked=locked,
    )
    st.rerun()
if cols[1].button(texts.RESOLVE_LOCKED, key="roster_resolve", disabled=running or not locks or not may_edit):
    start_job(
        texts.ROSTER_LABEL_RESOLVE,
        texts.NOTE_RESOLVED.format(n=len(locked_pairs)),
        set(roster.absences),
        previous=roster,
        locked=frozenset(locked_pairs),
    )
    st.rerun()

# --- publish and compare ------------------------------------------------------------------------
st.subheader(texts.ROSTER_PUBLISH_HEADER)
st.caption(texts.ROSTER_PUBLISH_HELP)
if roster.violations:
    st.warning(texts.ROSTER_PUBLISH_WARN)
if st.button(
    texts.ROSTER_PUBLISH, key="roster_publish", type="primary", disabled=bool(work["edits"]) or not may_publish
):
    try:  # a write session, retried while the live counters hold the lock
        flash(
            "success",
            resources.write(
                lambda session: roster_services.publish_version(site.id, week, version, session=session, actor=actor)
            ),
        )
    except DatabaseBusy as exc:
        st.error(texts.DB_BUSY.format(seconds=exc.waited))
    except roster_services.UnknownRecord as exc:
        st.error(str(exc))
    else:
        st.rerun()
if work["edits"]:
    st.caption(texts.ROSTER_PUBLISH_BLOCKED)
if len(options) > 1:
    cols = st.columns(2)
    first = cols[0].selectbox(
        texts.COMPARE_FIRST, options, index=1, format_func=lambda v: f"版{v}", key="roster_compare_a"
    )
    second = cols[1].selectbox(
        texts.COMPARE_SECOND, options, index=0, format_func=lambda v: f"版{v}", key="roster_compare_b"
    )
    with Session(engine) as session:
        a = roster_services.load_version(site.id, week, first, session=session, actor=actor)
        b = roster_services.load_version(site.id, week, second, session=session, actor=actor)
    diff = roster_services.compare_rows(a, b, problem)
    if diff:
        st.markdown(roster_services.change_summary(roster_services.roster_changes(a, b)))
        st.dataframe(pd.DataFrame(diff), hide_index=True, width="stretch", key="roster_compare_table")
    else:
        st.caption(texts.ROSTER_NO_CHANGES)

# --- share --------------------------------------------------------------------------------------
st.subheader(texts.ROSTER_SHARE_HEADER)
state = texts.VERSION_LIVE if version == live else texts.VERSION_DRAFT
version_text = f"版{version}（{state}）" + ("＋未保存の編集" if work["edits"] else "")
st.caption(texts.SHARE_NOTE.format(version=version_text))
stem = roster_services.file_stem(problem, version)


def _roster_file(fmt: str, staff_id: str | None = None) -> bytes:
    """Built when the button is pressed: each download (staff names inside) is audited."""
    with Session(engine) as session:
        return roster_services.export_roster(
            roster, problem, fmt, session=session, version_label=version_text, staff_id=staff_id, actor=actor
        )


cols = st.columns(3)
cols[0].download_button(
    texts.DOWNLOAD_PDF,
    lambda: _roster_file("pdf"),
    file_name=f"{stem}.pdf",
    mime="application/pdf",
    key="roster_dl_pdf",
    on_click="ignore",
)
cols[1].download_button(
    texts.DOWNLOAD_ROSTER_XLSX,
    lambda: _roster_file("xlsx"),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="roster_dl_xlsx",
    on_click="ignore",
)
ics_person = cols[2].selectbox(texts.ICS_PERSON, staff_ids, format_func=person, key="roster_ics_staff")
cols[2].download_button(
    texts.DOWNLOAD_ICS.format(name=problem.member(ics_person).name),
    lambda: _roster_file("ics", ics_person),
    file_name=f"{stem}_{ics_person}.ics",
    mime="text/calendar",
    key="roster_dl_ics",
    on_click="ignore",
)

# --- re-import of an edited workbook (issue 18) -------------------------------------------------
if may_edit:
    with st.expander(texts.ROSTER_IMPORT_HEADER, icon=":material/upload_file:"):
        st.caption(texts.ROSTER_IMPORT_HELP)
        upload = st.file_uploader(texts.ROSTER_IMPORT_FILE, type=["xlsx"], key="roster_import_file")
        if st.button(texts.ROSTER_IMPORT_BUTTON, key="roster_import", disabled=upload is None or running):
            try:  # a write session, retried while the live counters hold the lock
                imported = resources.write(
                    lambda session: roster_services.import_roster_version(
                        problem, upload.getvalue(), upload.name, session=session, actor=actor
                    )
                )
            except RosterImportError as exc:
                st.error(texts.ROSTER_IMPORT_REFUSED + "\n" + "\n".join(f"- {e.text()}" for e in exc.errors))
            except DatabaseBusy as exc:
                st.error(texts.DB_BUSY.format(seconds=exc.waited))
            except AccessDenied as exc:
                st.error(str(exc))
            else:
                flash("success" if imported.evaluation.acceptable else "warning", imported.message())
                st.session_state["roster_version_next"] = imported.version
                st.session_state.pop("roster_work", None)
                st.rerun()

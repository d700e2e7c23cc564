"""従事者: list, add and edit staff; import from CSV or Excel (all or nothing); export the 名簿."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.profile.site_profile import Weekday
from core.staff.importer import (
    ACTIVITY_JA,
    QUALIFICATION_JA,
    ROLE_JA,
    SHIFT_JA,
    WEEKDAY_JA,
    ImportRefused,
    member_row,
)
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.ui.resources import DatabaseBusy
from dashboard.ui.staff_records_ui import staff_records_section
from dashboard.use_cases import roster_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.VIEW_STAFF)
fixtures = resources.fixtures()
engine = resources.engine()

st.header(texts.STAFF_HEADER)
st.caption(texts.STAFF_CAPTION)

site = page_common.pick_site_profile("staff_site")
may_edit = actor.may(Permission.EDIT_STAFF, site.id)

# Messages from the last action survive the rerun that shows its result.
for level, text in st.session_state.pop("staff_flash", []):
    getattr(st, level)(text)

# Opening a site's staff list is a view of personal data: audited once per site and browser session.
viewed = st.session_state.setdefault("staff_viewed", set())
with Session(engine) as session:
    members, active = roster_services.staff_list_view(
        site.id, session=session, audit=site.id not in viewed, actor=actor
    )
viewed.add(site.id)
count_active = sum(1 for m in members if active.get(m.id, True))
if members:
    st.markdown(texts.STAFF_COUNT.format(site=site.name, active=count_active, inactive=len(members) - count_active))
    st.dataframe(
        pd.DataFrame(roster_services.staff_table_rows(members, active)),
        hide_index=True,
        width="stretch",
        key="staff_table",
    )
else:
    st.info(texts.STAFF_NONE.format(site=site.name))


def _refusal(exc: ImportRefused, heading: str) -> None:
    st.error(heading + "\n" + "\n".join(f"- {e.text()}" for e in exc.errors))


if may_edit:
    edit_tab, import_tab, export_tab = st.tabs([texts.STAFF_TAB_EDIT, texts.STAFF_TAB_IMPORT, texts.STAFF_TAB_EXPORT])
else:  # a supervisor reads the list and its exports; only schedulers and admins change it
    (export_tab,) = st.tabs([texts.STAFF_TAB_EXPORT])
    edit_tab = import_tab = None


def edit_form() -> None:
    choices = [texts.STAFF_NEW_PERSON] + [f"{m.id} {m.name}" for m in members]
    picked = st.selectbox(texts.STAFF_PICK_PERSON, choices, key="staff_pick")
    current = None if picked == texts.STAFF_NEW_PERSON else members[choices.index(picked) - 1]
    row = member_row(current) if current else {}
    run = [a.id.value for a in site.activities]
    suffix = current.id if current else "new"  # fresh widgets per person, so defaults follow the pick
    with st.form(key=f"staff_form_{site.id}_{suffix}"):
        left, right = st.columns(2)
        staff_id = left.text_input(
            texts.STAFF_FIELD_ID, value=row.get("id", ""), disabled=current is not None, key=f"staff_id_{suffix}"
        )
        name = right.text_input(texts.STAFF_FIELD_NAME, value=row.get("name", ""), key=f"staff_name_{suffix}")
        roles = list(ROLE_JA.values())
        role = left.selectbox(
            texts.STAFF_FIELD_ROLE, roles, index=roles.index(row.get("role", roles[-1])), key=f"staff_role_{suffix}"
        )
        hours = right.number_input(
            texts.STAFF_FIELD_HOURS,
            min_value=0.0,
            max_value=40.0,
            step=0.5,
            value=float(current.contract_hours_per_week) if current else 40.0,
            key=f"staff_hours_{suffix}",
        )
        skills = left.multiselect(
            texts.STAFF_FIELD_SKILLS,
            [ACTIVITY_JA[a] for a in run],
            default=[ACTIVITY_JA[s.value] for s in current.skills if s.value in run] if current else [],
            key=f"staff_skills_{suffix}",
            placeholder=texts.CHOOSE,
        )
        quals = right.multiselect(
            texts.STAFF_FIELD_QUALIFICATIONS,
            list(QUALIFICATION_JA.values()),
            default=[QUALIFICATION_JA[q] for q in current.qualifications] if current else [],
            key=f"staff_quals_{suffix}",
            placeholder=texts.CHOOSE,
        )
        training = left.text_input(
            texts.STAFF_FIELD_TRAINING, value=row.get("training_completed", ""), key=f"staff_training_{suffix}"
        )
        leave = right.text_input(texts.STAFF_FIELD_LEAVE, value=row.get("leave", ""), key=f"staff_leave_{suffix}")
        st.caption(texts.STAFF_FIELD_DAYS_HELP)
        day_cols = st.columns(7)
        days = {}
        for index, day in enumerate(Weekday):
            days[day.value] = day_cols[index].text_input(
                texts.STAFF_FIELD_DAY.format(day=WEEKDAY_JA[index]),
                value=row.get(day.value, ""),
                key=f"staff_day_{day.value}_{suffix}",
            )
        left, right = st.columns(2)
        days_off = left.multiselect(
            texts.STAFF_FIELD_DAYS_OFF,
            WEEKDAY_JA,
            default=[WEEKDAY_JA[d.index] for d in current.preferences.days_off] if current else [],
            key=f"staff_days_off_{suffix}",
            placeholder=texts.CHOOSE,
        )
        shifts = list(SHIFT_JA.values())
        wish = right.selectbox(
            texts.STAFF_FIELD_SHIFT,
            shifts,
            index=shifts.index(SHIFT_JA[current.preferences.shift]) if current else shifts.index("指定なし"),
            key=f"staff_shift_{suffix}",
        )
        is_active = st.checkbox(
            texts.STAFF_FIELD_ACTIVE,
            value=active.get(current.id, True) if current else True,
            key=f"staff_active_{suffix}",
        )
        submitted = st.form_submit_button(texts.STAFF_SAVE, type="primary")
    if submitted:
        values = {
            "id": current.id if current else staff_id.strip(),
            "name": name,
            "role": role,
            "skills": "・".join(skills),
            "qualifications": "・".join(quals),
            "training_completed": training,
            "contract_hours": f"{hours:g}",
            "leave": leave,
            "days_off_wish": "・".join(days_off),
            "shift_wish": "" if wish == "指定なし" else wish,
            **days,
        }
        try:  # a write session, retried while the live counters hold the lock
            message = resources.write(
                lambda session: roster_services.save_member(
                    site,
                    values,
                    session=session,
                    active=is_active,
                    editing=current.id if current else None,
                    actor=actor,
                )
            )
        except ImportRefused as exc:
            _refusal(exc, texts.STAFF_REFUSED)
        except DatabaseBusy as exc:
            st.error(texts.DB_BUSY.format(seconds=exc.waited))
        except AccessDenied as exc:
            st.error(str(exc))
        else:
            st.session_state["staff_flash"] = [("success", message)]
            st.rerun()


def import_form() -> None:
    st.caption(texts.STAFF_IMPORT_HELP)
    upload = st.file_uploader(texts.STAFF_IMPORT_FILE, type=["csv", "xlsx"], key="staff_upload")
    if st.button(texts.STAFF_IMPORT_BUTTON, key="staff_import", disabled=upload is None, type="primary"):
        try:  # a write session, retried while the live counters hold the lock
            result = resources.write(
                lambda session: roster_services.import_staff(
                    site, upload.getvalue(), upload.name, session=session, actor=actor
                )
            )
        except ImportRefused as exc:
            _refusal(exc, texts.STAFF_IMPORT_REFUSED.format(count=len(exc.errors)))
        except DatabaseBusy as exc:
            st.error(texts.DB_BUSY.format(seconds=exc.waited))
        except AccessDenied as exc:
            st.error(str(exc))
        else:
            st.session_state["staff_flash"] = [("success", result.message())]
            st.rerun()


if edit_tab is not None:
    with edit_tab:
        edit_form()
    with import_tab:
        import_form()


def _staff_file(which: str, fmt: str) -> bytes:
    """Built when the button is pressed, so each download is one audited export."""
    with Session(engine) as session:
        return roster_services.staff_export_file(site.id, which, fmt, session=session, actor=actor)


with export_tab:
    for title, help_text, which, stem in (
        (texts.STAFF_EXPORT_CITY, texts.STAFF_EXPORT_CITY_HELP, "city", f"{site.id}_meibo"),
        (texts.STAFF_EXPORT_TEMPLATE, texts.STAFF_IMPORT_HELP, "template", f"{site.id}_staff"),
    ):
        st.markdown(f"**{title}**")
        st.caption(help_text)
        left, right = st.columns(2)
        left.download_button(
            texts.DOWNLOAD_CSV,
            lambda w=which: _staff_file(w, "csv"),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"staff_dl_{stem}_csv",
            on_click="ignore",
        )
        right.download_button(
            texts.DOWNLOAD_XLSX,
            lambda w=which: _staff_file(w, "xlsx"),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"staff_dl_{stem}_xlsx",
            on_click="ignore",
        )

staff_records_section(site.id)  # issue 17: training, pledges, 名簿 history

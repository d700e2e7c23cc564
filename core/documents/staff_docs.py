"""Documents about the people on the contract, from the staff records: the security-education
report (Seto §9(2)イ), the organisation chart with emergency contacts (Kawanishi §10(1)ア, Tamano
§7 実施体制表), the staff list (Kawanishi §8(2)カ) and the confidentiality pledges (Fujieda §9(1)②).
Names and roles only: never an address or a private phone number (the profile's
`staff_private_phone` is false everywhere, and the records hold none)."""

from __future__ import annotations

from core.documents.records import DocumentData, StaffRecord
from core.profile.catalogue import Catalogue
from core.profile.site_profile import ReportDuty, SiteProfile
from core.reports import Period, Report, Table
from core.reports import texts as T
from core.vocabulary import StaffRole

ROLE_ORDER = {StaffRole.MANAGER: 0, StaffRole.DEPUTY: 1, StaffRole.AGENT: 2}


def _people(data: DocumentData, as_of) -> list[StaffRecord]:
    return sorted((s for s in data.staff if s.active), key=lambda s: (ROLE_ORDER.get(s.role, 3), s.display_name))


def _role(site: SiteProfile, role: str) -> str:
    s = site.staffing
    titles = {StaffRole.MANAGER: s.manager_title, StaffRole.DEPUTY: s.deputy_title or T.ROLE[StaffRole.DEPUTY]}
    return titles.get(role, T.ROLE_TITLE_AGENT)


def _trained(person: StaffRecord, as_of) -> bool:
    return person.training_completed is not None and person.training_completed <= as_of


def _staff_note(site: SiteProfile, report: Report) -> None:
    report.privacy_note = T.DOC_STAFF_NOTE
    chart = site.documents.organisation_chart
    if chart is None or not chart.staff_private_phone:
        report.notes.append(T.DOC_STAFF_PHONE_NOT_HELD)


def security_education(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    _staff_note(site, report)
    as_of = report.period_end
    people = _people(data, as_of)
    managers = [p.display_name for p in people if p.role == StaffRole.MANAGER]
    trained = sum(_trained(p, as_of) for p in people)
    report.tables.append(
        Table(
            "education_summary",
            T.T_EDUCATION_SUMMARY,
            (T.C_ITEM, T.C_VALUE),
            (
                (T.ED_RESPONSIBLE, T.LIST_SEP.join(managers) or T.NOT_RECORDED),
                (T.ED_CONTENT, T.ED_CONTENT_VALUE),
                (T.ED_COUNT, T.ED_COUNT_VALUE.format(n=trained, m=len(people))),
            ),
        )
    )
    rows = tuple(
        (
            p.display_name,
            _role(site, p.role),
            p.training_completed.isoformat() if p.training_completed and _trained(p, as_of) else None,
            T.ED_DONE if _trained(p, as_of) else T.ED_NONE,
        )
        for p in people
    )
    report.tables.append(
        Table("education", T.T_EDUCATION, (T.C_NAME, T.C_ROLE, T.C_TRAINED_ON, T.C_EDUCATION), rows, note=T.ED_NOTE)
    )


def organisation_chart(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    _staff_note(site, report)
    people = _people(data, report.period_end)
    labels = {a.id.value: a.label for a in site.activities}
    rows = tuple(
        (_role(site, p.role), p.display_name, T.LIST_SEP.join(labels.get(s, s) for s in p.skills)) for p in people
    )
    report.tables.append(Table("organisation", T.T_ORGANISATION, (T.C_ROLE, T.C_NAME, T.C_SKILLS), rows))
    chart = site.documents.organisation_chart
    contacts = tuple((c.role, c.name, c.how) for c in (chart.contacts if chart else []))
    report.tables.append(
        Table(
            "contacts",
            T.T_CONTACTS,
            (T.C_ROLE, T.C_WHOM, T.C_HOW),
            contacts,
            note="" if contacts else T.ORG_NO_CONTACTS,
        )
    )


def staff_list(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    _staff_note(site, report)
    as_of = report.period_end
    rows = tuple(
        (
            p.display_name,
            _role(site, p.role),
            p.training_completed.isoformat() if p.training_completed and _trained(p, as_of) else None,
            T.LIST_SEP.join(T.QUALIFICATION.get(q, q) for q in p.qualifications),
        )
        for p in _people(data, as_of)
    )
    report.tables.append(Table("staff", T.T_STAFF_LIST, (T.C_NAME, T.C_ROLE, T.C_TRAINED_ON, T.C_QUALIFICATIONS), rows))


def pledges(
    site: SiteProfile, catalogue: Catalogue, duty: ReportDuty, data: DocumentData, report: Report, period: Period
) -> None:
    _staff_note(site, report)
    rows = tuple((p.display_name, _role(site, p.role), T.NOT_RECORDED) for p in _people(data, report.period_end))
    report.tables.append(Table("pledges", T.T_PLEDGES, (T.C_NAME, T.C_ROLE, T.C_PLEDGE), rows, note=T.PLEDGE_NOTE))

"""The site weeks of `madoguchi bench roster`: four kinds of week per site, chosen by rules that read
the contract calendar and the staff fixture, never a hand-picked date.

Every candidate is a Monday-to-Sunday week lying wholly inside the contract (the first 53 of them).
The kinds are chosen in this order, each taking a week no earlier kind took; on a tie the earlier
week wins. "Load" is the week's required person-slots (StaffingModel).
- `busy`: the week with the most load.
- `weekend`: the busiest week with a weekend session: a Saturday or Sunday on which an activity
  opens under a day type that is not open every day (Tamano's first Sundays, Kawanishi's and Seto's
  designated days as the profile lists them). Decision: the benchmark builds the problem from the
  designated dates the profile carries (the same `dates` the 勤務表 page extends through
  core.records.designated_days), it adds no date of its own. Sites without such a day type (Ageo, whose
  call centre opens every day, so every week of it already has weekend work; Fujieda, closed at
  weekends) have no weekend week, and the report says so.
- `holiday`: the busiest week with a national holiday on a Monday to Friday.
- `leave`: the busiest remaining week, with two people absent two days each, on the days that can
  best spare a person, as a scheduler grants leave: the week's open days ranked by their demand
  target (person-slots, fewest first; earlier first on a tie); the first person is off the two
  lightest, the second the next two, so one person is off a day. The people: in the staff
  fixture's order, the first two agents (else anyone) who could work their two days. The absences
  go into the RosterProblem's `absences`, as the dashboard puts a recorded absence. (Two people
  off on one day, or anyone off on Tamano's Wednesday to 19:00, leaves too few people to meet the
  hard rules: such a week has no acceptable roster, hence no best known.)

The benchmark reads the fixture files only: designated days stored in a database are not laid over,
so that a week's problem (and its best-known figure) does not depend on a database's content."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from core.demand.requirements import StaffingModel
from core.profile.calendar import national_holiday
from core.profile.fixtures import Fixtures
from core.profile.site_profile import SiteProfile
from core.roster.model import RosterProblem, monday_of
from core.staff.members import StaffMember
from core.vocabulary import StaffRole

KINDS = ("busy", "weekend", "holiday", "leave")
KIND_LABELS = {"busy": "繁忙週", "weekend": "休日開庁週", "holiday": "祝日週", "leave": "休暇週"}
MAX_WEEKS = 53
LEAVE_PEOPLE = 2


@dataclass(frozen=True)
class SiteWeek:
    site: str
    week_start: dt.date
    kind: str
    absences: tuple[tuple[str, dt.date], ...] = ()
    why: str = ""

    @property
    def key(self) -> str:
        return f"{self.site}/{self.week_start.isoformat()}/{self.kind}"


@dataclass
class WeekPlan:
    weeks: list[SiteWeek] = field(default_factory=list)
    not_applicable: list[dict] = field(default_factory=list)


def contract_weeks(site: SiteProfile) -> list[dt.date]:
    first = monday_of(site.contract.start)
    if first < site.contract.start:
        first += dt.timedelta(days=7)
    weeks = []
    week = first
    while week + dt.timedelta(days=6) <= site.contract.end and len(weeks) < MAX_WEEKS:
        weeks.append(week)
        week += dt.timedelta(days=7)
    return weeks


def _days(week: dt.date) -> list[dt.date]:
    return [week + dt.timedelta(days=i) for i in range(7)]


def _busiest(
    weeks: list[dt.date], load: dict[dt.date, int], taken: set[dt.date], wanted: Callable[[dt.date], bool]
) -> dt.date | None:
    best = None
    for week in weeks:
        if week in taken or not wanted(week):
            continue
        if best is None or load[week] > load[best]:
            best = week
    return best


def weekend_session_types(site: SiteProfile) -> set[str]:
    """Day types that can open a Saturday or Sunday without opening every day."""
    return {d.id for d in site.day_types if not d.when.every_day}


def has_weekend_session(model: StaffingModel, site: SiteProfile, week: dt.date) -> bool:
    types = weekend_session_types(site)
    calendar = model.demand.calendar
    for day in _days(week)[5:]:
        site_day = calendar.day(day)
        if any(a.day_type in types for a in site_day.activities.values()):
            return True
    return False


def has_weekday_holiday(site: SiteProfile, week: dt.date) -> bool:
    return any(national_holiday(day) for day in _days(week)[:5])


def leave_absences(problem: RosterProblem) -> tuple[tuple[str, dt.date], ...]:
    """The documented leave pattern (module docstring) on a problem built without absences."""
    demand: dict[dt.date, int] = dict.fromkeys(problem.days, 0)
    for (day, _, _), need in problem.requirements.items():
        demand[day] += need.target
    lightest = sorted(problem.days, key=lambda d: (demand[d], d))
    if len(lightest) < 2 * LEAVE_PEOPLE:
        return ()
    patterns = [tuple(sorted(lightest[2 * i : 2 * i + 2])) for i in range(LEAVE_PEOPLE)]
    ordered = [m for m in problem.staff if m.role == StaffRole.AGENT] + [
        m for m in problem.staff if m.role != StaffRole.AGENT
    ]
    chosen: list[tuple[str, dt.date]] = []
    used: set[str] = set()
    for days in patterns:
        person = next(
            (m for m in ordered if m.id not in used and all(problem.shift_window(m, d) is not None for d in days)), None
        )
        if person is None:
            continue
        used.add(person.id)
        chosen += [(person.id, d) for d in days]
    return tuple(chosen)


def plan(fixtures: Fixtures, sites: list[str] | None = None, kinds: list[str] | None = None) -> WeekPlan:
    """The site weeks, site by site in the fixtures' order, kinds in KINDS order."""
    out = WeekPlan()
    for site in fixtures.sites.values():
        if sites and site.id not in sites:
            continue
        model = StaffingModel(site, fixtures.catalogue)
        weeks = contract_weeks(site)
        load = {
            w: sum(r.required for d in model.days(w, w + dt.timedelta(days=6)) for r in d.requirements) for w in weeks
        }
        rules = {
            "busy": (lambda w: True, "契約期間内で必要人員枠の最も多い週"),
            "weekend": (
                lambda w, m=model, s=site: has_weekend_session(m, s, w),
                "土日の休日開庁（毎日開く業務以外）を含む週",
            ),
            "holiday": (lambda w, s=site: has_weekday_holiday(s, w), "平日に国民の祝日を含む週"),
            "leave": (lambda w: True, "残りの週で最も忙しい週、2名が2日ずつ休暇"),
        }
        taken: set[dt.date] = set()
        for kind in KINDS:
            wanted, why = rules[kind]
            week = _busiest(weeks, load, taken, wanted)
            if week is None:
                if not kinds or kind in kinds:
                    out.not_applicable.append({"site": site.id, "kind": kind, "why": _not_applicable(kind)})
                continue
            taken.add(week)
            if kinds and kind not in kinds and week.isoformat() not in kinds:
                continue
            absences: tuple = ()
            if kind == "leave":
                absences = leave_absences(build(fixtures, site.id, week, (), model))
            out.weeks.append(SiteWeek(site.id, week, kind, absences, why))
    return out


def unmatched_dates(chosen: WeekPlan, weeks: list[str] | None) -> list[str]:
    """Dates asked for with --weeks that are no benchmark week of the selected sites."""
    dates = [w for w in weeks or [] if w not in KINDS and w != "scale"]
    return [d for d in dates if d not in {w.week_start.isoformat() for w in chosen.weeks}]


def _not_applicable(kind: str) -> str:
    return {
        "weekend": "no day type opens a Saturday or Sunday without opening every day",
        "holiday": "no contract week has a national holiday on a weekday",
    }.get(kind, "no week left")


def build(
    fixtures: Fixtures,
    site_id: str,
    week: dt.date,
    absences=(),
    staffing: StaffingModel | None = None,
    staff: list[StaffMember] | None = None,
    site: SiteProfile | None = None,
) -> RosterProblem:
    site = site or fixtures.sites[site_id]
    staff = list(fixtures.staff[site_id].staff) if staff is None else staff
    return RosterProblem.build(site, fixtures.catalogue, staff, week, frozenset(absences), staffing)


def problem_of(fixtures: Fixtures, week: SiteWeek) -> RosterProblem:
    return build(fixtures, week.site, week.week_start, week.absences)


# --- the problem's identity ----------------------------------------------------------------


def fingerprint(problem: RosterProblem) -> str:
    """A hash of everything that defines the problem, with the site id and the staff ids and
    names replaced by positions: two problems with the same fingerprint are the same problem up to
    renaming (the scale scenario's copies of one site)."""
    ids = {m.id: f"p{i}" for i, m in enumerate(problem.staff)}
    staff = []
    for member in problem.staff:
        data = member.model_dump(mode="json")
        data["id"], data["name"] = ids[member.id], ""
        staff.append(data)
    site = problem.site.model_dump(mode="json")
    site["id"] = ""
    requirements = sorted(
        [
            d.isoformat(),
            minute,
            str(activity),
            need.min,
            need.target,
            need.max,
            None
            if need.service is None
            else [
                need.service.agents,
                need.service.calls_per_hour,
                need.service.aht_seconds,
                need.service.answer_rate,
                need.service.patience_seconds,
            ],
        ]
        for (d, minute, activity), need in problem.requirements.items()
    )
    document = {
        "site": site,
        "week_start": problem.week_start.isoformat(),
        "staff": staff,
        "requirements": requirements,
        "open_days": sorted(d.isoformat() for d in problem.days),
        "absences": sorted([ids[who], day.isoformat()] for who, day in problem.absences),
        "previous_week": sorted(json.dumps(s.to_json(), sort_keys=True) for s in problem.previous_week),
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]

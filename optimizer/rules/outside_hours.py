"""Work before opening and after closing (staffing.outside_hours): `required` is elastic like the
floors, `priced` costs weights.outside_hours per missing person-slot."""

from __future__ import annotations

from core.roster.rules.ids import RuleId
from core.roster.rules.outside_hours import applies, eligible, margin_slots  # noqa: F401 (applies: the switch)
from optimizer.variables import Term


def build(v) -> list:
    p = v.problem
    spec = p.site.staffing.outside_hours
    terms = []
    for date in p.days:
        for minute in margin_slots(p, date):
            here = v.present(date, minute, lambda member, date=date: eligible(p, member, date))
            short = v.model.new_int_var(0, spec.people, f"outside_short_{p.site.id}_{date:%m%d}_{minute}")
            v.model.add(sum(here) + short >= spec.people)
            if spec.mode == "required":
                terms.append(v.elastic(RuleId.outside_hours, short, max(0, spec.people - len(here))))
            else:
                terms.append(Term(RuleId.outside_hours, p.weights.outside_hours, short))
    return terms

"""Skills and qualification per activity (activities[].requires_qualification with
staffing.agent_qualification; Tamano §5(4)). Enforced through each person's options per slot:
the variables never offer an activity the person may not do, so no count can include them."""

from __future__ import annotations

from core.roster.rules.qualification import applies  # noqa: F401 (the profile switch)


def options(problem, member, date, minute) -> list[str]:
    """What this person may be doing at a working minute (core.roster.RosterProblem.activities_at:
    skill, qualification from the training record, the activity open then)."""
    return problem.activities_at(member, date, minute)


def build(v) -> list:
    return []  # the options above are the whole rule

"""The service-level floor: where a profile makes an answer rate hard (activities[].
service_level_basis with answer_rate_target; Ageo §5(3)⑤: 90 % of calls answered), each slot has
at least the agents that reach it by Erlang A on the chosen month. The violation gives the answer
rate the roster's agents reach."""

from __future__ import annotations

from core.demand import erlang
from core.roster.rules.base import Violation, Week
from core.roster.rules.ids import RuleId


def applies(problem) -> bool:
    return any(a.service_level_basis is not None for a in problem.site.activities)


def answer_rate(need, agents: int) -> float:
    service = need.service
    if service.calls_per_hour <= 0:
        return 1.0
    return erlang.erlang_a(
        service.calls_per_hour, service.aht_seconds, agents, 0.0, service.patience_seconds
    ).answer_rate


def short_slots(week: Week) -> list[tuple]:
    """[(date, minute, activity, agents, floor)] where the roster is under the service floor."""
    out = []
    for (date, minute, activity), need in sorted(
        week.problem.requirements.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
    ):
        if need.service is None or need.service.agents <= 0:
            continue
        agents = week.coverage(date, minute)[activity]
        if agents < need.service.agents:
            out.append((date, minute, activity, agents, need.service.agents))
    return out


def check(week: Week) -> list[Violation]:
    out = []
    for date, minute, activity, agents, floor in short_slots(week):
        need = week.problem.requirements[(date, minute, activity)]
        out.append(
            Violation(
                RuleId.service_level,
                "under_rate",
                date,
                minute,
                minute + 15,
                activity=activity.value,
                figures={
                    "label": week.problem.site.activity(activity).label,
                    "agents": agents,
                    "needed": floor,
                    "target": need.service.answer_rate,
                    "rate": round(answer_rate(need, agents), 4),
                    "calls_per_hour": need.service.calls_per_hour,
                },
            )
        )
    return out

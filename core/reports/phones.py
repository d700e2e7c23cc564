"""The telephone tables: calls per line, calls per topic, and the answer rate against its target."""

from __future__ import annotations

from collections import Counter

from core.profile.catalogue import site_topics
from core.reports import texts as T
from core.reports.context import ReportContext, percent
from core.reports.model import Table


def calls(ctx: ReportContext) -> Table:
    rows = []
    for activity in ctx.call_activities():
        own = [c for c in ctx.data.calls if c.activity == activity]
        inbound = [c for c in own if c.direction == "in"]
        answered = sum(c.answered for c in inbound)
        rows.append(
            (
                ctx.labels.activity(activity),
                len(inbound),
                answered,
                sum(c.abandoned for c in inbound),
                percent(answered, len(inbound)),
                sum(c.direction == "out" for c in own),
            )
        )
    return Table(
        "calls",
        T.T_CALLS,
        (T.C_ACTIVITY, T.C_CALLS_IN, T.C_ANSWERED, T.C_ABANDONED, T.C_ANSWER_RATE, T.C_CALLS_OUT),
        tuple(rows),
    )


def topics(ctx: ReportContext) -> Table:
    """Every topic of the site's list (core.catalogue.for_site), zeros included, so the city's own
    table (Ageo §5(4)②(イ)) can be filled row by row; then anything recorded outside the list."""
    offered: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    listed = [t.id for t in site_topics(ctx.catalogue)]
    order = [t.id for t in ctx.catalogue.call_topics]
    for c in ctx.data.calls:
        if c.direction != "in":
            continue
        key = c.topic or ""
        offered[key] += 1
        answered[key] += c.answered
    keys = (
        listed + [k for k in order if k in offered and k not in listed] + sorted(k for k in offered if k not in order)
    )
    rows = tuple((ctx.labels.topic(k), offered[k], answered[k]) for k in keys)
    return Table("call_topics", T.T_TOPICS, (T.C_TOPIC, T.C_CALLS_IN, T.C_ANSWERED), rows)


def _target(ctx: ReportContext, activity: str) -> tuple[float, str]:
    """(target share, its source): the contract's figure for the line, else the planning default."""
    try:
        contract_target = ctx.site.activity(activity).answer_rate_target
    except KeyError:
        contract_target = None
    if contract_target is not None:
        return contract_target, T.TARGET_CONTRACT
    return ctx.catalogue.targets.phone_answer_rate, T.TARGET_PLANNING


def answer_rate(ctx: ReportContext) -> Table:
    rows = []
    for activity in ctx.call_activities():
        inbound = [c for c in ctx.data.calls if c.activity == activity and c.direction == "in"]
        answered = sum(c.answered for c in inbound)
        rate = percent(answered, len(inbound))
        target, source = _target(ctx, activity)
        goal = round(100 * target, 1)
        verdict = T.NO_DATA if rate is None else (T.MET if rate >= goal else T.NOT_MET)
        # Every verdict states the figures it stands on (issue 16).
        basis = (
            T.BASIS_NO_CALLS
            if rate is None
            else T.BASIS_ANSWER.format(
                answered=answered,
                offered=len(inbound),
                rate=rate,
                op=T.OP_AT_LEAST if rate >= goal else T.OP_BELOW,
                target=goal,
            )
        )
        rows.append((ctx.labels.activity(activity), len(inbound), answered, rate, goal, source, verdict, basis))
    return Table(
        "answer_rate",
        T.T_ANSWER,
        (
            T.C_ACTIVITY,
            T.C_CALLS_IN,
            T.C_ANSWERED,
            T.C_ANSWER_RATE,
            T.C_TARGET,
            T.C_TARGET_SOURCE,
            T.C_VERDICT,
            T.C_BASIS,
        ),
        tuple(rows),
    )

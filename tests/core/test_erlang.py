"""Queueing maths for staffing: published reference values, exact identities, properties, and a
discrete-event simulation of the Erlang A queue."""

from __future__ import annotations

import heapq
import math
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.demand.erlang import (
    QueueFigures,
    TargetUnreachable,
    agents_for_answer_rate,
    agents_for_asa,
    agents_for_service_level,
    erlang_a,
    erlang_b,
    erlang_c,
    offered_load,
)

# ---------------------------------------------------------------------------------------------
# Published reference values


def test_call_centre_helper_worked_example():
    # Source: Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
    # (figures as quoted in issue 3): 100 calls in 30 minutes, 180 s average handling time,
    # 20 s target, 14 agents: traffic intensity 10 Erlangs, probability of waiting 17.4 %,
    # service level 88.8 %, average speed of answer 7.8 s, occupancy 71.4 %.
    # The same example is pinned in pyworkforce 0.5.1, pyworkforce/queuing/tests/test_erlang.py
    # (test_expected_erlangc_results: 14 raw positions, 0.888, 0.714, 0.174, rounded to 3 places).
    assert offered_load(200, 180) == pytest.approx(10.0)
    f = erlang_c(200, 180, 14, 20)
    assert f.agents == 14
    assert f.p_wait == pytest.approx(0.174, abs=5e-4)
    assert f.service_level == pytest.approx(0.888, abs=5e-4)
    assert f.asa_seconds == pytest.approx(7.8, abs=0.05)
    assert f.occupancy == pytest.approx(0.714, abs=5e-4)
    assert f.p_abandon is None and f.answer_rate is None


def test_pyworkforce_over_occupancy_example():
    # Source: pyworkforce 0.5.1, pyworkforce/queuing/tests/test_erlang.py,
    # test_over_occupancy_erlangc: the same traffic on 15 agents with a 0.33-minute (19.8 s)
    # target: service level 0.941, occupancy 0.667, probability of waiting 0.102.
    f = erlang_c(200, 180, 15, 19.8)
    assert round(f.service_level, 3) == 0.941
    assert round(f.occupancy, 3) == 0.667
    assert round(f.p_wait, 3) == 0.102


def test_worked_example_staffing_for_80_20_is_14_and_minimal():
    # Same source: the article steps up the agent count until 80 % within 20 s is met, at 14.
    assert agents_for_service_level(200, 180, 20, 0.80) == 14
    assert erlang_c(200, 180, 14, 20).service_level >= 0.80
    assert erlang_c(200, 180, 13, 20).service_level == pytest.approx(0.7956, abs=1e-4)
    assert erlang_c(200, 180, 13, 20).service_level < 0.80


def test_worked_example_with_300_s_patience_under_erlang_a():
    # The Call Centre Helper example with exponential patience of mean 300 s (Erlang A,
    # Mandelbaum & Zeltyn 2007): about 1.4 % of callers hang up; checked against the
    # simulation in test_erlang_a_matches_simulation below.
    f = erlang_a(200, 180, 14, 20, 300)
    assert f.p_abandon == pytest.approx(0.014, abs=5e-4)
    assert f.answer_rate == pytest.approx(1 - f.p_abandon)
    # Abandonment shortens the queue: everything is better than under Erlang C.
    c = erlang_c(200, 180, 14, 20)
    assert f.p_wait < c.p_wait and f.service_level > c.service_level and f.asa_seconds < c.asa_seconds
    # With abandonment 13 agents reach 80/20 (service level over offered calls), 12 do not.
    assert agents_for_service_level(200, 180, 20, 0.80, patience_seconds=300) == 13
    assert erlang_a(200, 180, 12, 20, 300).service_level < 0.80 <= erlang_a(200, 180, 13, 20, 300).service_level


def test_erlang_c_table_value_10_erlangs_12_agents():
    # Erlang C table value as quoted in issue 3: A = 10 Erlangs, n = 12 -> P(wait) 0.4494.
    # test_erlang_c_equals_exact_rational_closed_form re-derives it independently.
    f = erlang_c(3600, 10, 12, 0)  # 3600 calls/h of 10 s = 10 Erlangs
    assert f.p_wait == pytest.approx(0.4494, abs=5e-5)


def test_erlang_b_table_18_circuits_1_percent():
    # Standard published Erlang B (blocked calls cleared) tables, 1 % grade of service column:
    # 10 circuits carry 4.46 Erlangs and 18 circuits 10.44 Erlangs.
    assert erlang_b(10.44, 18) == pytest.approx(0.010, abs=5e-5)
    assert erlang_b(4.46, 10) == pytest.approx(0.010, abs=5e-5)


def _exact_erlang_c(load: Fraction, n: int) -> Fraction:
    """The textbook closed form with factorials, in exact rational arithmetic (Erlang 1917;
    Kleinrock, Queueing Systems vol. 1, eq. 3.40): an implementation independent of ours."""
    top = load**n / math.factorial(n) * n / (n - load)
    return top / (sum(load**k / math.factorial(k) for k in range(n)) + top)


@pytest.mark.parametrize(
    ("calls", "aht", "n"), [(200, 180, 11), (200, 180, 14), (90, 240, 7), (3600, 60, 75), (1000, 360, 120)]
)
def test_erlang_c_equals_exact_rational_closed_form(calls, aht, n):
    load = Fraction(calls) * aht / 3600
    exact = _exact_erlang_c(load, n)
    f = erlang_c(calls, aht, n, 15)
    assert f.p_wait == pytest.approx(float(exact), rel=1e-12)
    sl = 1 - float(exact) * math.exp(-(n - float(load)) * 15 / aht)
    assert f.service_level == pytest.approx(sl, rel=1e-12)
    assert f.asa_seconds == pytest.approx(float(exact * aht / (n - load)), rel=1e-12)


# ---------------------------------------------------------------------------------------------
# Erlang A: exact identities and limits


@pytest.mark.parametrize(("calls", "aht", "n"), [(200, 180, 12), (200, 180, 14), (600, 300, 40), (600, 300, 55)])
def test_erlang_a_with_patience_equal_to_handling_time_is_poisson(calls, aht, n):
    # With theta = mu every caller in the system leaves at rate mu, whether served or waiting,
    # so the number in system is Poisson(A), as in M/M/infinity (Palm; Mandelbaum & Zeltyn 2007).
    load = calls * aht / 3600
    pmf = [math.exp(-load)]
    for k in range(1, 400):
        pmf.append(pmf[-1] * load / k)
    p_wait = sum(pmf[n:])
    queue = sum((k - n) * p for k, p in enumerate(pmf) if k > n)
    f = erlang_a(calls, aht, n, 20, aht)
    assert f.p_wait == pytest.approx(p_wait, rel=1e-10)
    assert f.p_abandon == pytest.approx(queue / load, rel=1e-10)  # theta E[Q] / lambda


def test_erlang_a_tends_to_erlang_c_as_patience_grows():
    c = erlang_c(200, 180, 14, 20)
    a = erlang_a(200, 180, 14, 20, 1e9)
    for key in ("p_wait", "service_level", "asa_seconds", "occupancy"):
        assert getattr(a, key) == pytest.approx(getattr(c, key), rel=1e-6), key
    assert a.p_abandon < 1e-7


def test_erlang_a_tends_to_erlang_b_as_patience_vanishes():
    # Callers who hang up at once: a loss system, P(abandon) = P(all busy) = Erlang B.
    for n in (8, 12, 14):
        a = erlang_a(200, 180, n, 20, 1e-6)
        assert a.p_abandon == pytest.approx(erlang_b(10.0, n), rel=1e-6)
        assert a.p_wait == pytest.approx(erlang_b(10.0, n), rel=1e-6)
        assert a.asa_seconds < 1e-6
        assert a.service_level == pytest.approx(1 - erlang_b(10.0, n), rel=1e-6)


def test_erlang_a_is_stable_beyond_the_erlang_c_limit():
    c = erlang_c(400, 180, 18, 20)  # 20 Erlangs on 18 agents: Erlang C unstable
    assert (c.p_wait, c.service_level, c.asa_seconds, c.occupancy) == (1.0, 0.0, math.inf, 1.0)
    assert c.to_json()["asa_seconds"] is None
    a = erlang_a(400, 180, 18, 20, 120)
    assert 0 < a.p_abandon < 1 and math.isfinite(a.asa_seconds)
    # At most n agents' worth of work is carried.
    assert a.answer_rate * 20 < 18
    assert a.occupancy < 1


def test_zero_calls_and_zero_agents():
    assert erlang_c(0, 180, 0, 20) == QueueFigures(0, 0.0, 1.0, 0.0, 0.0)
    assert erlang_a(0, 180, 3, 20, 60).to_json() == {
        "agents": 3,
        "p_wait": 0.0,
        "service_level": 1.0,
        "asa_seconds": 0.0,
        "occupancy": 0.0,
        "p_abandon": 0.0,
        "answer_rate": 1.0,
    }
    assert erlang_c(10, 180, 0, 20).p_wait == 1.0
    a = erlang_a(10, 180, 0, 20, 60)
    assert (a.p_wait, a.p_abandon, a.answer_rate, a.service_level, a.asa_seconds) == (1, 1, 0, 0, math.inf)
    assert agents_for_service_level(0, 180, 20, 0.8) == 0
    assert agents_for_service_level(0, 180, 20, 0.8, patience_seconds=60) == 0
    assert agents_for_answer_rate(0, 180, 0.95, 60) == 0
    assert agents_for_asa(0, 180, 10) == 0


def test_to_json_keys():
    assert set(erlang_c(200, 180, 14, 20).to_json()) == {
        "agents",
        "p_wait",
        "service_level",
        "asa_seconds",
        "occupancy",
    }
    assert set(erlang_a(200, 180, 14, 20, 300).to_json()) == {
        "agents",
        "p_wait",
        "service_level",
        "asa_seconds",
        "occupancy",
        "p_abandon",
        "answer_rate",
    }


def test_large_loads_are_finite_and_quick():
    # 500 Erlangs: 10 000 calls/h of 180 s.
    start = time.perf_counter()
    for fn, args in [
        (erlang_c, (10_000, 180, 600, 20)),
        (erlang_a, (10_000, 180, 600, 20, 300)),
        (erlang_a, (10_000, 180, 450, 20, 300)),
        (erlang_c, (10_000, 180, 520, 20)),
        (erlang_c, (36_000, 180, 1850, 20)),
    ]:
        f = fn(*args)
        values = [v for v in f.to_json().values() if v is not None]
        assert all(math.isfinite(v) for v in values), (fn.__name__, args, f)
        assert 0 <= f.p_wait <= 1 and 0 <= f.service_level <= 1
    n = agents_for_service_level(10_000, 180, 20, 0.8)
    assert 500 < n < 530
    assert agents_for_service_level(10_000, 180, 20, 0.8, patience_seconds=300) <= n
    assert time.perf_counter() - start < 5  # generous: a few ms in practice


def test_extreme_patience_stays_finite():
    for n in (5, 10, 12):
        for patience in (1e6, 1e12):
            f = erlang_a(200, 180, n, 20, patience)
            assert all(math.isfinite(v) for v in f.to_json().values() if v is not None)
            assert 0 <= f.p_abandon <= 1


def test_answer_rate_and_asa_targets():
    n = agents_for_answer_rate(400, 180, 0.95, 120)
    assert erlang_a(400, 180, n, 20, 120).answer_rate >= 0.95 > erlang_a(400, 180, n - 1, 20, 120).answer_rate
    n = agents_for_asa(200, 180, 10)
    assert erlang_c(200, 180, n, 0).asa_seconds <= 10 < erlang_c(200, 180, n - 1, 0).asa_seconds
    n = agents_for_asa(200, 180, 10, patience_seconds=300)
    assert erlang_a(200, 180, n, 0, 300).asa_seconds <= 10 < erlang_a(200, 180, n - 1, 0, 300).asa_seconds


def test_unreachable_target_raises_domain_error():
    with pytest.raises(TargetUnreachable, match="max_agents=15"):
        agents_for_service_level(400, 180, 20, 0.8, max_agents=15)
    with pytest.raises(TargetUnreachable):
        agents_for_answer_rate(400, 180, 0.99, 60, max_agents=20)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: erlang_c(-1, 180, 14, 20), "calls_per_hour"),
        (lambda: erlang_c(float("nan"), 180, 14, 20), "calls_per_hour"),
        (lambda: erlang_c(200, 0, 14, 20), "aht_seconds must be a finite number > 0, got 0"),
        (lambda: erlang_c(200, -5, 14, 20), "aht_seconds"),
        (lambda: erlang_c(200, 180, -1, 20), "agents must be a whole number >= 0, got -1"),
        (lambda: erlang_c(200, 180, 2.5, 20), "agents"),
        (lambda: erlang_c(200, 180, 14, -1), "target_seconds must be >= 0 seconds, got -1"),
        (lambda: erlang_a(200, 180, 14, 20, 0), "patience_seconds must be a finite number > 0, got 0"),
        (lambda: erlang_a(200, 180, 14, 20, -3), "patience_seconds"),
        (lambda: erlang_a(200, 180, 14, 20, "300"), "patience_seconds"),
        (lambda: agents_for_service_level(200, 180, 20, 1.5), "target_service_level"),
        (lambda: agents_for_answer_rate(200, 180, 0, 60), "target_answer_rate"),
    ],
)
def test_bad_input_names_the_argument(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


# ---------------------------------------------------------------------------------------------
# Properties

calls_st = st.floats(min_value=0.5, max_value=2000)
aht_st = st.floats(min_value=20, max_value=900)
target_st = st.floats(min_value=0, max_value=120)
patience_st = st.floats(min_value=5, max_value=3600)


def _agents_around(load: float, draw) -> int:
    return draw(st.integers(min_value=0, max_value=int(load * 1.5) + 5))


def _check_figures(f: QueueFigures) -> None:
    for key in ("p_wait", "service_level", "occupancy"):
        v = getattr(f, key)
        assert 0 <= v <= 1, (key, f)
    assert f.asa_seconds >= 0 and not math.isnan(f.asa_seconds)
    if f.p_abandon is not None:
        assert 0 <= f.p_abandon <= 1 and 0 <= f.answer_rate <= 1
        assert f.service_level <= f.answer_rate + 1e-12


@settings(max_examples=150, deadline=None)
@given(st.data(), calls_st, aht_st, target_st)
def test_erlang_c_properties(data, calls, aht, target):
    n = _agents_around(calls * aht / 3600, data.draw)
    f, g = erlang_c(calls, aht, n, target), erlang_c(calls, aht, n + 1, target)
    _check_figures(f)
    _check_figures(g)
    assert g.service_level >= f.service_level - 1e-12
    assert g.p_wait <= f.p_wait + 1e-12
    assert g.asa_seconds <= f.asa_seconds


@settings(max_examples=150, deadline=None)
@given(st.data(), calls_st, aht_st, target_st, patience_st)
def test_erlang_a_properties(data, calls, aht, target, patience):
    n = _agents_around(calls * aht / 3600, data.draw)
    f, g = erlang_a(calls, aht, n, target, patience), erlang_a(calls, aht, n + 1, target, patience)
    _check_figures(f)
    _check_figures(g)
    assert g.service_level >= f.service_level - 1e-12
    assert g.answer_rate >= f.answer_rate - 1e-12
    assert g.p_wait <= f.p_wait + 1e-12
    assert g.asa_seconds <= f.asa_seconds * (1 + 1e-12)  # the agents_for_asa search relies on it
    # Mean wait over all offered calls = p_abandon * patience (Little's law with theta E[Q] =
    # lambda p_abandon); answered calls' share of it cannot exceed it.
    if f.answer_rate > 0:
        assert f.asa_seconds * f.answer_rate <= f.p_abandon * patience * (1 + 1e-9) + 1e-12
    else:
        assert n == 0 and f.asa_seconds == math.inf
    # Erlang A never does worse than Erlang C on the same staff.
    c = erlang_c(calls, aht, n, target)
    assert f.p_wait <= c.p_wait + 1e-12


@settings(max_examples=100, deadline=None)
@given(st.data(), calls_st, aht_st, target_st, patience_st, st.floats(min_value=1.01, max_value=10))
def test_abandonment_falls_as_patience_grows(data, calls, aht, target, patience, factor):
    n = _agents_around(calls * aht / 3600, data.draw)
    short, long_ = erlang_a(calls, aht, n, target, patience), erlang_a(calls, aht, n, target, patience * factor)
    assert long_.p_abandon <= short.p_abandon + 1e-12


@settings(max_examples=100, deadline=None)
@given(calls_st, aht_st, target_st, st.integers(min_value=1, max_value=20))
def test_erlang_a_tends_to_erlang_c_for_any_stable_queue(calls, aht, target, spare):
    load = calls * aht / 3600
    n = math.floor(load) + spare
    c = erlang_c(calls, aht, n, target)
    # The gap to Erlang C is linear in 1 / patience, with a slope that grows with n and near
    # saturation like 1 / (n - A)^2: scale the patience accordingly.
    a = erlang_a(calls, aht, n, target, aht * 1e9 * (n + 1) / (n - load) ** 2)
    assert a.p_wait == pytest.approx(c.p_wait, abs=1e-5)
    assert a.service_level == pytest.approx(c.service_level, abs=1e-5)
    assert a.asa_seconds == pytest.approx(c.asa_seconds, rel=1e-4, abs=1e-6)
    assert a.p_abandon < 1e-5


@settings(max_examples=60, deadline=None)
@given(
    calls_st,
    aht_st,
    st.floats(min_value=5, max_value=60),
    st.floats(min_value=0.5, max_value=0.95),
    st.one_of(st.none(), patience_st),
)
def test_staffing_is_minimal(calls, aht, target, goal, patience):
    n = agents_for_service_level(calls, aht, target, goal, patience_seconds=patience)

    def sl(k):
        if patience is None:
            return erlang_c(calls, aht, k, target).service_level
        return erlang_a(calls, aht, k, target, patience).service_level

    assert sl(n) >= goal
    assert n == 0 or sl(n - 1) < goal


@settings(max_examples=20, deadline=None)
@given(st.floats(min_value=9000, max_value=11000), st.integers(min_value=0, max_value=200))
def test_stable_near_500_erlangs(calls, extra):
    load = calls * 180 / 3600  # 450..550 Erlangs
    n = 450 + extra
    for f in (erlang_c(calls, 180, n, 20), erlang_a(calls, 180, n, 20, 300)):
        _check_figures(f)
        assert all(math.isfinite(v) for v in f.to_json().values() if v is not None) or n <= load


# ---------------------------------------------------------------------------------------------
# Discrete-event simulation of M/M/n+M (FCFS), for the Erlang A cross-check


def simulate(calls_per_hour, aht, n, target, patience, n_calls, seed, batches=30):
    """Simulate n_calls callers; return, per metric, (mean, standard error by batch means).

    FCFS with n agents is the Kiefer-Wolfowitz recursion: callers are taken in arrival order and
    a caller starts at max(arrival, earliest time an agent is free). A caller whose wait would
    exceed its patience hangs up and uses no agent time, so it does not change later callers'
    starts except by leaving the agents to them."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(3600.0 / calls_per_hour, n_calls))
    services = rng.exponential(aht, n_calls)
    patiences = rng.exponential(patience, n_calls)
    free = [0.0] * n
    wait = np.empty(n_calls)
    answered = np.zeros(n_calls, dtype=bool)
    for i, (a, s, p) in enumerate(zip(arrivals.tolist(), services.tolist(), patiences.tolist())):
        w = free[0] - a
        if w < 0:
            w = 0.0
        wait[i] = w
        if w <= p:
            answered[i] = True
            heapq.heapreplace(free, a + w + s)
    warm = n_calls // 20
    idx = np.array_split(np.arange(warm, n_calls), batches)
    per_batch = {k: [] for k in ("p_wait", "p_abandon", "service_level", "asa_seconds", "occupancy")}
    for b in idx:
        ans = answered[b]
        per_batch["p_wait"].append(np.mean(wait[b] > 0))
        per_batch["p_abandon"].append(1 - np.mean(ans))
        per_batch["service_level"].append(np.mean(ans & (wait[b] <= target)))
        per_batch["asa_seconds"].append(wait[b][ans].mean())
        span = arrivals[b[-1]] - arrivals[b[0]]
        per_batch["occupancy"].append(services[b][ans].sum() / (n * span))
    return {k: (float(np.mean(v)), float(np.std(v, ddof=1) / math.sqrt(batches))) for k, v in per_batch.items()}


@pytest.mark.parametrize(
    "case",
    [
        (200, 180, 14, 20, 300),  # the worked example with 300 s patience
        (280, 180, 14, 20, 120),  # 14 Erlangs on 14 agents: only abandonment keeps it stable
        (400, 240, 20, 30, 60),  # 26.7 Erlangs on 20 agents, impatient callers
    ],
)
def test_erlang_a_matches_simulation(case):
    calls, aht, n, target, patience = case
    sim = simulate(calls, aht, n, target, patience, n_calls=1_000_000, seed=20240611)
    f = erlang_a(calls, aht, n, target, patience)
    for key, (mean, se) in sim.items():
        ours = getattr(f, key)
        # within 4.5 standard errors of the simulation, and within a few percent in any case
        assert abs(mean - ours) <= 4.5 * se, (key, mean, se, ours)
        assert abs(mean - ours) <= 0.05 * max(ours, 0.1), (key, mean, ours)

"""Queueing maths for staffing: Erlang C (M/M/n) and Erlang A (M/M/n+M).

Pure Python and `math` only: no factorials, no overflow, fast enough to be called for every
15-minute slot of a week many times over (see bench/erlang_compare.py for measurements).

Units: arrivals in calls per hour, every duration in seconds. "Load" A is the offered load in
Erlangs, A = calls_per_hour * aht_seconds / 3600.

Erlang C (walk-in windows, callers who never give up)
    Erlang B by the stable recursion B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)); then
    C = n B / (n - A (1 - B))                    probability of waiting (Erlang C formula)
    SL(t) = 1 - C exp(-(n - A) t / aht)          P(wait <= t)
    ASA = C aht / (n - A)                        mean wait over all calls
    occupancy = A / n
    (the M/M/c results of any queueing text, e.g. Gross & Harris, "Fundamentals of Queueing
    Theory"; Koole, "Call Center Optimization", 2013.) With A >= n the queue is unstable and grows without bound: the
    figures returned are then p_wait = 1, service_level = 0, asa = inf, occupancy = 1.

Erlang A (phones: callers hang up after an exponential patience with mean 1/theta)
    The number in system is a birth-death chain with birth rate lambda and death rate
    min(k, n) mu + max(k - n, 0) theta (Palm 1943; Garnett, Mandelbaum & Reiman, "Designing a
    call center with impatient customers", M&SOM 4(3), 2002; Mandelbaum & Zeltyn, "The Palm/
    Erlang-A queue, with applications to call centers", 2007). We solve it exactly, without the
    incomplete-gamma functions of the closed form, as follows.

    Below n the chain is that of Erlang B, so sum_{k<n} pi_k = pi_n (1/B - 1). Above n,
    pi_{n+j} = pi_n r_j with r_0 = 1, r_j = r_{j-1} lambda / (n mu + j theta); write S = sum r_j
    (summed until a geometric bound on the remaining tail is below 1e-17 of the sum; terms are rescaled so they never
    overflow). Then pi_n = B / (1 + B (S - 1)) and, by PASTA, an arrival waits with probability
    p_wait = B S / (1 + B (S - 1)) and finds j callers queued ahead with probability
    p_wait r_j / S.

    A caller with j ahead reaches an agent after V = X_0 + ... + X_j, X_m ~ Exp(a_m),
    a_m = n mu + m theta, independent (services, and abandonments of the callers ahead); it is
    answered iff V is below its own patience tau ~ Exp(theta). Hence, with
    b_m = a_m + theta = n mu + (m + 1) theta,
        P(answered | j)           = E[exp(-theta V)] = prod a_m / (a_m + theta) = n mu / b_j
        E[V | answered, j]        = sum_{m=0..j} 1 / b_m
        P(answered by t | j)      = P(answered | j) P(Y_0 + ... + Y_j <= t),  Y_m ~ Exp(b_m)
    and because the b_m are evenly spaced (b_m = theta (kappa + m), kappa = n mu / theta + 1),
    1 - exp(-theta (Y_0 + ... + Y_j)) ~ Beta(j + 1, kappa) (for whole kappa: the time until
    j + 1 of kappa + j independent Exp(theta) lifetimes have ended; differentiating shows the
    same law for any kappa > 0), so
        P(Y_0 + ... + Y_j <= t)   = I_p(j + 1, kappa),  p = 1 - exp(-theta t),
    the regularised incomplete beta, computed along j by the standard recurrence
    I_p(a + 1, b) = I_p(a, b) - p^a (1 - p)^b / (a B(a, b)), from I_p(1, kappa) = 1 - (1-p)^kappa,
    with the decrement carried in logs so it cannot underflow early.
    Mandelbaum & Zeltyn (2007) give closed forms for the same quantities in incomplete gamma
    functions; here each term follows from the previous one instead. tests/core/test_erlang.py
    checks the results against a discrete-event simulation, the theta -> 0 (Erlang C) and
    theta -> inf (Erlang B) limits, and the theta = mu case (Poisson number in system).

Everything here raises ValueError naming the argument for bad input, and TargetUnreachable when a
staffing target cannot be met with at most max_agents agents.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "DEFAULT_MAX_AGENTS",
    "QueueFigures",
    "TargetUnreachable",
    "agents_for_answer_rate",
    "agents_for_asa",
    "agents_for_service_level",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "offered_load",
]

DEFAULT_MAX_AGENTS = 10_000

# Erlang A: the sum over queue lengths stops once the geometric bound on the tail falls below
# _TAIL of the sum. _MAX_TERMS is reached only when patience is many orders of magnitude longer
# than the handling time (the queue then holds hundreds of thousands of callers); the limits used
# there are described in _erlang_a_limit.
_TAIL = 1e-17
_MAX_TERMS = 200_000
_RESCALE_ABOVE = 1e200
_RESCALE_LOG = math.log(1e200)


class TargetUnreachable(Exception):
    """No number of agents up to max_agents meets a staffing target."""

    def __init__(self, message: str, *, target: float, max_agents: int) -> None:
        super().__init__(message)
        self.target = target
        self.max_agents = max_agents


@dataclass(frozen=True)
class QueueFigures:
    """What a queue with `agents` agents is expected to deliver in steady state.

    p_wait         probability that a call has to wait (finds every agent busy)
    service_level  probability that a call is answered within the target time; for Erlang A this
                   is a share of OFFERED calls (see erlang_a)
    asa_seconds    average speed of answer, seconds (inf when no call is ever answered or the
                   Erlang C queue is unstable)
    occupancy      share of agent time spent handling calls
    p_abandon      Erlang A only: probability that a caller hangs up before being answered
    answer_rate    Erlang A only: answered / offered = 1 - p_abandon
    """

    agents: int
    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float
    p_abandon: float | None = None
    answer_rate: float | None = None

    def to_json(self) -> dict:
        """A JSON-safe dict; an infinite ASA becomes None (JSON has no infinity)."""
        out: dict = {
            "agents": self.agents,
            "p_wait": self.p_wait,
            "service_level": self.service_level,
            "asa_seconds": self.asa_seconds if math.isfinite(self.asa_seconds) else None,
            "occupancy": self.occupancy,
        }
        if self.p_abandon is not None:
            out["p_abandon"] = self.p_abandon
            out["answer_rate"] = self.answer_rate
        return out


# --------------------------------------------------------------------------------------------
# validation


def _real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise ValueError(f"{name} must be a number, got {value!r}")
    x = float(value)  # type: ignore[arg-type]
    if math.isnan(x):
        raise ValueError(f"{name} must be a number, got {value!r}")
    return x


def _calls(value: object) -> float:
    x = _real("calls_per_hour", value)
    if x < 0 or math.isinf(x):
        raise ValueError(f"calls_per_hour must be a finite number >= 0, got {value!r}")
    return x


def _positive(name: str, value: object) -> float:
    x = _real(name, value)
    if x <= 0 or math.isinf(x):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return x


def _target_time(name: str, value: object) -> float:
    x = _real(name, value)
    if x < 0:
        raise ValueError(f"{name} must be >= 0 seconds, got {value!r}")
    return x


def _agents(value: object, name: str = "agents") -> int:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    try:
        n = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        if isinstance(value, float) and value.is_integer():
            n = int(value)
        else:
            raise ValueError(f"{name} must be a whole number >= 0, got {value!r}") from None
    if n < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return n


def _share(name: str, value: object) -> float:
    x = _real(name, value)
    if not 0 < x <= 1:
        raise ValueError(f"{name} must be in (0, 1], got {value!r}")
    return x


def _clamp01(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


# --------------------------------------------------------------------------------------------
# Erlang B and C


def offered_load(calls_per_hour: float, aht_seconds: float) -> float:
    """Offered load in Erlangs: calls per hour times handling time in hours."""
    return _calls(calls_per_hour) * _positive("aht_seconds", aht_seconds) / 3600.0


def _erlang_b(load: float, n: int) -> float:
    b = 1.0
    for k in range(1, n + 1):
        ab = load * b
        b = ab / (k + ab)
    return b


def erlang_b(load_erlangs: float, agents: int) -> float:
    """Erlang B blocking probability (M/M/n/n) for `load_erlangs` offered to `agents` servers,
    by the recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1 (no factorials, no overflow)."""
    a = _real("load_erlangs", load_erlangs)
    if a < 0 or math.isinf(a):
        raise ValueError(f"load_erlangs must be a finite number >= 0, got {load_erlangs!r}")
    return _erlang_b(a, _agents(agents))


def _unstable_c(n: int) -> QueueFigures:
    return QueueFigures(agents=n, p_wait=1.0, service_level=0.0, asa_seconds=math.inf, occupancy=1.0)


def _idle(n: int, erlang_a: bool) -> QueueFigures:
    if erlang_a:
        return QueueFigures(n, 0.0, 1.0, 0.0, 0.0, p_abandon=0.0, answer_rate=1.0)
    return QueueFigures(n, 0.0, 1.0, 0.0, 0.0)


def _erlang_c_from_b(load: float, aht: float, n: int, t: float, b: float) -> QueueFigures:
    if load <= 0:
        return _idle(n, False)
    if load >= n:
        return _unstable_c(n)
    slack = n - load
    c = _clamp01(n * b / (slack + load * b))  # = n B / (n - A (1 - B))
    sl = _clamp01(1.0 - c * math.exp(-slack * t / aht))
    return QueueFigures(agents=n, p_wait=c, service_level=sl, asa_seconds=c * aht / slack, occupancy=load / n)


def erlang_c(calls_per_hour: float, aht_seconds: float, agents: int, target_seconds: float) -> QueueFigures:
    """Erlang C (M/M/n, FCFS, nobody hangs up): figures for `agents` agents.

    p_wait = C(n, A); service_level = P(wait <= target_seconds) = 1 - C exp(-(n - A) t / aht);
    asa_seconds = C aht / (n - A), the mean wait over all calls; occupancy = A / n.
    When A >= n the queue is unstable: p_wait 1, service_level 0, asa inf, occupancy 1.
    Zero calls: p_wait 0, service_level 1, asa 0, occupancy 0.
    """
    lam = _calls(calls_per_hour)
    aht = _positive("aht_seconds", aht_seconds)
    n = _agents(agents)
    t = _target_time("target_seconds", target_seconds)
    load = lam * aht / 3600.0
    if load <= 0:
        return _idle(n, False)
    if load >= n:
        return _unstable_c(n)
    return _erlang_c_from_b(load, aht, n, t, _erlang_b(load, n))


# --------------------------------------------------------------------------------------------
# Erlang A


def _erlang_a_from_b(lam: float, mu: float, theta: float, n: int, t: float, b: float) -> QueueFigures:
    """Exact Erlang A figures (rates per second), given Erlang B b = B(n, lam / mu)."""
    load = lam / mu
    if lam <= 0:
        return _idle(n, True)
    nm = n * mu
    kappa = nm / theta + 1.0

    # I = I_p(j + 1, kappa) = P(answered by t | answered, j ahead); logd = log of the decrement
    # d_j = I_p(j+1, kappa) - I_p(j+2, kappa).
    if t == 0:
        inc_beta, logd, logp = 0.0, -math.inf, -math.inf
    elif math.isinf(t):
        inc_beta, logd, logp = 1.0, -math.inf, 0.0
    else:
        p = -math.expm1(-theta * t)
        logp = math.log(p) if p > 0 else -math.inf
        inc_beta = -math.expm1(-(nm + theta) * t)
        logd = math.log(kappa) + logp - (nm + theta) * t

    r = 1.0  # r_j, rescaled
    log_scale = 0.0  # true r_j = r * exp(log_scale)
    s = 0.0  # sum r_j
    ab = 0.0  # sum r_j P(abandon | j)
    ans_t = 0.0  # sum r_j P(answered by t | j)
    wait = 0.0  # sum r_j P(answered | j) E[V | answered, j]
    h = 0.0  # E[V | answered, j]
    j = 0
    while True:
        bj = nm + (j + 1) * theta
        h += 1.0 / bj
        ps = nm / bj
        s += r
        ab += r * ((j + 1) * theta / bj)
        ans_t += r * ps * inc_beta
        wait += r * ps * h
        # step to j + 1
        if inc_beta > 0.0 and logd != -math.inf:
            if logd > -746.0:
                inc_beta -= math.exp(logd)
                if inc_beta < 0.0:
                    inc_beta = 0.0
            logd += math.log((j + 1 + kappa) / (j + 2)) + logp
        q = lam / bj
        r *= q
        j += 1
        if q < 1.0 and r <= _TAIL * s * (1.0 - q):
            break
        if r > _RESCALE_ABOVE:
            r /= _RESCALE_ABOVE
            s /= _RESCALE_ABOVE
            ab /= _RESCALE_ABOVE
            ans_t /= _RESCALE_ABOVE
            wait /= _RESCALE_ABOVE
            log_scale += _RESCALE_LOG
        if j >= _MAX_TERMS:
            return _erlang_a_limit(lam, mu, theta, n, t, b)

    # p_wait = B S / (1 + B (S - 1)) = 1 / (1 + (1 - B) / (B S)), in logs (S may be rescaled)
    if b <= 0.0:
        p_wait = 0.0
    elif b >= 1.0:
        p_wait = 1.0
    else:
        log_q = math.log1p(-b) - math.log(b) - math.log(s) - log_scale
        if log_q > 0:
            e = math.exp(-log_q) if log_q < 746 else 0.0
            p_wait = e / (1.0 + e)
        else:
            p_wait = 1.0 / (1.0 + math.exp(log_q))

    p_abandon = _clamp01(p_wait * ab / s)
    answer_rate = 1.0 - p_abandon
    service_level = _clamp01((1.0 - p_wait) + p_wait * ans_t / s)
    asa = p_wait * (wait / s) / answer_rate if answer_rate > 0 else math.inf
    occupancy = _clamp01(load * answer_rate / n) if n > 0 else 0.0
    return QueueFigures(
        agents=n,
        p_wait=_clamp01(p_wait),
        service_level=service_level,
        asa_seconds=asa,
        occupancy=occupancy,
        p_abandon=p_abandon,
        answer_rate=answer_rate,
    )


def _erlang_a_limit(lam: float, mu: float, theta: float, n: int, t: float, b: float) -> QueueFigures:
    """Figures when the exact sum would need more than _MAX_TERMS queue lengths, which happens
    only when patience is ~10^5 handling times or more (centuries, for phone calls):
    - stable side (A < n) with first-order abandonment theta Lq / lambda below 1e-4: Erlang C,
      with that abandonment (Lq the Erlang C mean queue);
    - deep overload (the queue settles above _MAX_TERMS / 4 callers): the fluid limit (Whitt,
      "Fluid models for multiserver queues with abandonments", Oper. Res. 54(1), 2006):
      everyone waits, answer rate n mu / lambda, answered callers wait ln(lambda / (n mu)) / theta;
    - otherwise (load within a hair of n): the exact figures for a patience 8 times shorter,
      repeated until the sum fits; shorter patience means more abandonment, so this errs
      towards more agents."""
    load = lam / mu
    aht = 1.0 / mu
    if load < n:
        c = _erlang_c_from_b(load, aht, n, t, b)
        lq = c.p_wait * load / (n - load)
        p_abandon = theta * lq / lam
        if p_abandon <= 1e-4:
            answer_rate = 1.0 - p_abandon
            return QueueFigures(
                n,
                c.p_wait,
                _clamp01(c.service_level - p_abandon),
                c.asa_seconds,
                _clamp01(load * answer_rate / n),
                p_abandon,
                answer_rate,
            )
    elif (lam - n * mu) / theta > _MAX_TERMS / 4:
        answer_rate = n * mu / lam
        w = math.log(lam / (n * mu)) / theta if n > 0 else math.inf
        return QueueFigures(
            n, 1.0, answer_rate if t >= w else 0.0, w, 1.0 if n > 0 else 0.0, 1.0 - answer_rate, answer_rate
        )
    return _erlang_a_from_b(lam, mu, theta * 8.0, n, t, b)


def erlang_a(
    calls_per_hour: float, aht_seconds: float, agents: int, target_seconds: float, patience_seconds: float
) -> QueueFigures:
    """Erlang A (M/M/n+M): Poisson calls, exponential handling, FCFS, and callers who hang up
    after an exponential patience with mean `patience_seconds`. Stable for any load.

    Definitions (steady state; derivation in the module docstring, after Mandelbaum & Zeltyn,
    "The Palm/Erlang-A Queue, with Applications to Call Centers", 2007, and Garnett, Mandelbaum
    & Reiman, M&SOM 2002):
      p_wait         P(a call finds every agent busy), which by PASTA is also the share of
                     calls that enter the queue.
      p_abandon      P(a call hangs up before it is answered) = theta E[queue] / lambda.
      answer_rate    answered / offered = 1 - p_abandon.
      service_level  share of OFFERED calls answered within target_seconds:
                     P(answered and wait <= t). Calls that abandon count against it, however
                     early they hang up. Alternatives in use elsewhere: the share of ANSWERED
                     calls answered within t (= service_level / answer_rate), or one that leaves
                     out calls abandoned within t; Mandelbaum & Zeltyn's P(W <= t), over the
                     offered wait W = min(wait to answer, patience), counts a call that hung up
                     within t as having waited at most t.
      asa_seconds    mean wait of ANSWERED calls (those answered at once count as 0). The mean
                     wait over all offered calls, abandoned ones included, is
                     p_abandon * patience_seconds (Little's law).
      occupancy      carried load / agents = A (1 - p_abandon) / n.
    With zero agents every call abandons: p_abandon 1, answer_rate 0, asa inf, occupancy 0.
    """
    lam = _calls(calls_per_hour)
    aht = _positive("aht_seconds", aht_seconds)
    n = _agents(agents)
    t = _target_time("target_seconds", target_seconds)
    patience = _positive("patience_seconds", patience_seconds)
    load = lam * aht / 3600.0
    if load <= 0:
        return _idle(n, True)
    return _erlang_a_from_b(lam / 3600.0, 1.0 / aht, 1.0 / patience, n, t, _erlang_b(load, n))


# --------------------------------------------------------------------------------------------
# staffing: the smallest number of agents that meets a target


class _BCache:
    """Erlang B for one load and growing n, each value from the previous one."""

    def __init__(self, load: float) -> None:
        self.load = load
        self.values = [1.0]

    def __call__(self, n: int) -> float:
        values, load = self.values, self.load
        while len(values) <= n:
            ab = load * values[-1]
            values.append(ab / (len(values) + ab))
        return values[n]


def _smallest(
    meets: Callable[[int], bool], lo: int, max_agents: int, what: str, target: float, guess: int | None = None
) -> int:
    """Smallest n in [lo, max_agents] with meets(n), for meets monotone in n (false below the
    answer, true from it on). Exponential steps from `guess` (default lo) up or down to bracket
    the answer, then bisection: O(log) evaluations. `lo` must be a true lower bound."""

    def unreachable() -> TargetUnreachable:
        return TargetUnreachable(
            f"{what} {target:g} is not met with max_agents={max_agents} agents", target=target, max_agents=max_agents
        )

    if lo > max_agents:
        raise unreachable()
    start = lo if guess is None else min(max(guess, lo), max_agents)
    if meets(start):
        ok, step = start, 1
        while True:  # step down until a miss (or lo, which then is the answer)
            if ok == lo:
                return lo
            cand = max(lo, ok - step)
            if not meets(cand):
                fail = cand
                break
            ok, step = cand, step * 2
    else:
        fail, step = start, 1
        while True:  # step up until a hit
            if fail >= max_agents:
                raise unreachable()
            cand = min(max_agents, fail + step)
            if meets(cand):
                ok = cand
                break
            fail, step = cand, step * 2
    while ok - fail > 1:
        mid = (fail + ok) // 2
        if meets(mid):
            ok = mid
        else:
            fail = mid
    return ok


def _guess(search: Callable[[], int], max_agents: int) -> int:
    """A starting point for an Erlang A search: the Erlang C answer (cheap, and usually within
    a few agents of the Erlang A one)."""
    try:
        return search()
    except TargetUnreachable:
        return max_agents


def _figures_fn(
    calls_per_hour: float, aht_seconds: float, target_seconds: float, patience_seconds: float | None
) -> tuple[float, Callable[[int], QueueFigures]]:
    lam = _calls(calls_per_hour)
    aht = _positive("aht_seconds", aht_seconds)
    t = _target_time("target_seconds", target_seconds)
    load = lam * aht / 3600.0
    bcache = _BCache(load)
    if patience_seconds is None:
        return load, lambda n: _erlang_c_from_b(load, aht, n, t, bcache(n))
    theta = 1.0 / _positive("patience_seconds", patience_seconds)
    return load, lambda n: _erlang_a_from_b(lam / 3600.0, 1.0 / aht, theta, n, t, bcache(n))


def agents_for_service_level(
    calls_per_hour: float,
    aht_seconds: float,
    target_seconds: float,
    target_service_level: float,
    patience_seconds: float | None = None,
    max_agents: int = DEFAULT_MAX_AGENTS,
) -> int:
    """Smallest number of agents whose service level (share of calls answered within
    target_seconds) is at least target_service_level: Erlang C when patience_seconds is None,
    else Erlang A (service level over offered calls, see erlang_a). Zero calls need 0 agents.
    Raises TargetUnreachable if max_agents agents do not suffice."""
    goal = _share("target_service_level", target_service_level)
    max_n = _agents(max_agents, "max_agents")
    load, figures = _figures_fn(calls_per_hour, aht_seconds, target_seconds, patience_seconds)
    if load <= 0:
        return 0
    if patience_seconds is None:  # Erlang C needs n > A
        return _smallest(lambda n: figures(n).service_level >= goal, math.floor(load) + 1, max_n, "service level", goal)
    # Erlang A: SL <= answer rate, and A * answer rate = carried load < n.
    guess = _guess(
        lambda: agents_for_service_level(calls_per_hour, aht_seconds, target_seconds, goal, None, max_n), max_n
    )
    return _smallest(
        lambda n: figures(n).service_level >= goal, math.floor(goal * load), max_n, "service level", goal, guess
    )


def agents_for_answer_rate(
    calls_per_hour: float,
    aht_seconds: float,
    target_answer_rate: float,
    patience_seconds: float,
    target_seconds: float = 0.0,
    max_agents: int = DEFAULT_MAX_AGENTS,
) -> int:
    """Smallest number of agents whose Erlang A answer rate (1 - P(abandon)) is at least
    target_answer_rate. target_seconds does not change the answer rate; it is accepted so the
    call can share its keywords with agents_for_service_level. Zero calls need 0 agents."""
    goal = _share("target_answer_rate", target_answer_rate)
    max_n = _agents(max_agents, "max_agents")
    load, figures = _figures_fn(
        calls_per_hour, aht_seconds, target_seconds, _positive("patience_seconds", patience_seconds)
    )
    if load <= 0:
        return 0
    return _smallest(lambda n: figures(n).answer_rate >= goal, math.floor(goal * load), max_n, "answer rate", goal)


def agents_for_asa(
    calls_per_hour: float,
    aht_seconds: float,
    target_asa_seconds: float,
    patience_seconds: float | None = None,
    max_agents: int = DEFAULT_MAX_AGENTS,
) -> int:
    """Smallest number of agents whose average speed of answer is at most target_asa_seconds
    (Erlang C when patience_seconds is None, else Erlang A's mean wait of answered calls).
    Zero calls need 0 agents. The search assumes the ASA falls as agents are added; for Erlang A
    (answered calls only) that is checked numerically over a wide grid in the tests."""
    goal = _target_time("target_asa_seconds", target_asa_seconds)
    max_n = _agents(max_agents, "max_agents")
    load, figures = _figures_fn(calls_per_hour, aht_seconds, 0.0, patience_seconds)
    if load <= 0:
        return 0
    if patience_seconds is None:  # Erlang C needs n > A
        return _smallest(lambda n: figures(n).asa_seconds <= goal, math.floor(load) + 1, max_n, "ASA (seconds)", goal)
    guess = _guess(lambda: agents_for_asa(calls_per_hour, aht_seconds, goal, None, max_n), max_n)
    return _smallest(lambda n: figures(n).asa_seconds <= goal, 1, max_n, "ASA (seconds)", goal, guess)

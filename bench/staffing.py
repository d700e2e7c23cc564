"""`madoguchi bench staffing`: how long requirements take for every site over a contract year,
Erlang computations per second, and agreement and speed against pyworkforce when available."""

from __future__ import annotations

import datetime as dt
import time

from bench.erlang_compare import compare_with_pyworkforce, our_throughput
from core.demand import requirements
from core.demand.requirements import StaffingModel
from core.profile.fixtures import Fixtures


def _contract_year(site) -> tuple[dt.date, dt.date]:
    end = min(site.contract.end, site.contract.start + dt.timedelta(days=364))
    return site.contract.start, end


def run(fixtures: Fixtures, compare: bool = True) -> dict:
    # Cold caches: the figure must include the Erlang searches, not only look-ups.
    requirements._queue_agents.cache_clear()
    requirements._phone_agents.cache_clear()
    sites = {}
    started = time.perf_counter()
    for site in fixtures.sites.values():
        start, end = _contract_year(site)
        t0 = time.perf_counter()
        days = StaffingModel(site, fixtures.catalogue).days(start, end)
        sites[site.id] = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "open_days": sum(1 for d in days if d.requirements),
            "slot_rows": sum(len(d.requirements) for d in days),
            "capped_slot_rows": sum(len(d.capped()) for d in days),
            "seconds": round(time.perf_counter() - t0, 4),
        }
    total = time.perf_counter() - started
    result = {
        "benchmark": "staffing",
        "requirements": {"sites": sites, "total_seconds": round(total, 4)},
        "erlang_per_second": {
            "erlang_c": round(our_throughput(20000, "erlang_c")),
            "erlang_a": round(our_throughput(5000, "erlang_a")),
        },
    }
    if compare:
        result["pyworkforce"] = compare_with_pyworkforce()
    return result

"""Compare core.demand.erlang with the third-party `pyworkforce` package and measure our throughput.

    python -m bench.erlang_compare            # prints JSON
    python -m bench.erlang_compare --setup    # first creates the side venv with pyworkforce

pyworkforce is never installed into the project's pinned venv. It is looked for, in order:
  1. in this interpreter (`import pyworkforce`);
  2. in the interpreter named by $PYWORKFORCE_PYTHON;
  3. in DEFAULT_SIDE_VENV (/tmp/pwf), which `--setup` creates with
     `python3 -m venv /tmp/pwf && /tmp/pwf/bin/pip install pyworkforce==0.5.1`.
In cases 2 and 3 this file is run again by that interpreter with `--worker`: it reads the grid as
JSON on stdin, times pyworkforce over it and prints JSON. That side never imports core, so the
side venv needs nothing of ours. Both sides are timed over the same grid in the same run.

pyworkforce 0.5.1 (the newest on PyPI) has Erlang C only (pyworkforce.queuing.ErlangC: waiting
probability, service level, occupancy, required positions); it has no Erlang A and no ASA.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

PYWORKFORCE_VERSION = "0.5.1"
DEFAULT_SIDE_VENV = Path("/tmp/pwf")
METRICS = ("p_wait", "service_level", "occupancy")
TOLERANCE = 1e-9
_REPEATS = 5


def default_grid() -> list[dict]:
    """Stable Erlang C cases (agents > load) over the range a counter's phones and windows see,
    plus a few large call centres. pyworkforce has no guard for agents <= load (its formulas then
    return values outside [0, 1]), so unstable cases are not compared."""
    grid = []
    for calls in (6, 20, 60, 120, 200, 400, 1000, 4000):
        for aht in (90, 180, 300, 600):
            load = calls * aht / 3600
            first = math.floor(load) + 1
            for agents in range(first, first + 6):
                for target in (10, 20, 60):
                    grid.append(
                        {"calls_per_hour": calls, "aht_seconds": aht, "agents": agents, "target_seconds": target}
                    )
    return grid


# --------------------------------------------------------------------------------------------
# pyworkforce side (may run in another interpreter: no core imports here)


def _pyworkforce_side(grid: list[dict], service_level_goal: float = 0.8) -> dict:
    import pyworkforce
    from pyworkforce.queuing import ErlangC

    def run() -> list[dict]:
        rows = []
        for case in grid:
            model = ErlangC(
                transactions=case["calls_per_hour"],
                aht=case["aht_seconds"] / 60,
                asa=case["target_seconds"] / 60,
                interval=60,
            )
            n = case["agents"]
            rows.append(
                {
                    "p_wait": model.waiting_probability(n),
                    "service_level": model.service_level(n),
                    "occupancy": model.achieved_occupancy(n),
                }
            )
        return rows

    best = math.inf
    for _ in range(_REPEATS):
        start = time.perf_counter()
        rows = run()
        best = min(best, time.perf_counter() - start)
    staffing = []
    for case in _staffing_cases(grid):
        model = ErlangC(
            transactions=case["calls_per_hour"],
            aht=case["aht_seconds"] / 60,
            asa=case["target_seconds"] / 60,
            interval=60,
        )
        staffing.append(model.required_positions(service_level=service_level_goal)["raw_positions"])
    return {
        "version": getattr(pyworkforce, "__version__", "unknown"),
        "rows": rows,
        "seconds": best,
        "staffing": staffing,
    }


def _staffing_cases(grid: list[dict]) -> list[dict]:
    seen, out = set(), []
    for case in grid:
        key = (case["calls_per_hour"], case["aht_seconds"], case["target_seconds"])
        if key not in seen:
            seen.add(key)
            out.append(case)
    return out


def _worker() -> None:
    grid = json.load(sys.stdin)
    json.dump(_pyworkforce_side(grid), sys.stdout)


# --------------------------------------------------------------------------------------------
# our side and the comparison


def _our_side(grid: list[dict], service_level_goal: float = 0.8) -> dict:
    from core.demand.erlang import agents_for_service_level, erlang_c

    best = math.inf
    rows: list[dict] = []
    for _ in range(_REPEATS):
        start = time.perf_counter()
        rows = []
        for case in grid:
            f = erlang_c(case["calls_per_hour"], case["aht_seconds"], case["agents"], case["target_seconds"])
            rows.append({"p_wait": f.p_wait, "service_level": f.service_level, "occupancy": f.occupancy})
        best = min(best, time.perf_counter() - start)
    staffing = [
        agents_for_service_level(c["calls_per_hour"], c["aht_seconds"], c["target_seconds"], service_level_goal)
        for c in _staffing_cases(grid)
    ]
    return {"rows": rows, "seconds": best, "staffing": staffing}


def _find_side_python() -> str | None:
    candidates = [os.environ.get("PYWORKFORCE_PYTHON"), str(DEFAULT_SIDE_VENV / "bin" / "python")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import pyworkforce"], capture_output=True)
            if probe.returncode == 0:
                return candidate
    return None


def setup_side_venv(path: Path = DEFAULT_SIDE_VENV) -> str:
    """Create a separate venv with pyworkforce (the project's venv is left alone)."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = str(path / "bin" / "python")
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"pyworkforce=={PYWORKFORCE_VERSION}",
        ],
        check=True,
    )
    return python


def compare_with_pyworkforce(grid: list[dict] | None = None, python: str | None = None) -> dict:
    """Erlang C from core.demand.erlang and from pyworkforce over the same grid of
    {calls_per_hour, aht_seconds, agents, target_seconds} (targets > 0, agents > load: what
    pyworkforce accepts). Returns {"pyworkforce": "not installed"} when pyworkforce is found
    neither here nor in a side interpreter (see the module docstring)."""
    grid = default_grid() if grid is None else list(grid)
    try:
        import pyworkforce  # noqa: F401

        theirs = _pyworkforce_side(grid)
        where = "in-process"
    except ImportError:
        python = python or _find_side_python()
        if python is None:
            return {"pyworkforce": "not installed"}
        proc = subprocess.run(
            [python, str(Path(__file__).resolve()), "--worker"],
            input=json.dumps(grid),
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(proc.stdout)
        where = f"subprocess: {python}"
    ours = _our_side(grid)

    max_abs = {m: max(abs(o[m] - t[m]) for o, t in zip(ours["rows"], theirs["rows"])) for m in METRICS}
    staffing_cases = _staffing_cases(grid)
    mismatches = [
        {**{k: c[k] for k in ("calls_per_hour", "aht_seconds", "target_seconds")}, "ours": o, "pyworkforce": t}
        for c, o, t in zip(staffing_cases, ours["staffing"], theirs["staffing"])
        if o != t
    ]
    return {
        "pyworkforce_version": theirs["version"],
        "where": where,
        "cases": len(grid),
        "max_abs_diff": max_abs,
        "tolerance": TOLERANCE,
        "agree": all(v <= TOLERANCE for v in max_abs.values()),
        "ours_seconds": ours["seconds"],
        "theirs_seconds": theirs["seconds"],
        "speed_ratio": theirs["seconds"] / ours["seconds"],
        "staffing_80_percent": {"cases": len(staffing_cases), "mismatches": mismatches},
        "erlang_a": f"not available in pyworkforce {theirs['version']}",
    }


def our_throughput(n_calls: int, model: str = "erlang_c") -> float:
    """Calls per second of core.erlang.erlang_c (or erlang_a with 300 s patience) over the
    default grid, cycled until n_calls calls have been made."""
    from core.demand.erlang import erlang_a, erlang_c

    grid = default_grid()
    args = [(c["calls_per_hour"], c["aht_seconds"], c["agents"], c["target_seconds"]) for c in grid]
    start = time.perf_counter()
    if model == "erlang_c":
        for i in range(n_calls):
            erlang_c(*args[i % len(args)])
    elif model == "erlang_a":
        for i in range(n_calls):
            erlang_a(*args[i % len(args)], 300.0)
    else:
        raise ValueError(f"model must be 'erlang_c' or 'erlang_a', got {model!r}")
    return n_calls / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--worker" in argv:
        _worker()
        return 0
    python = setup_side_venv() if "--setup" in argv else None
    grid = default_grid()
    c_rate = our_throughput(20_000)
    a_rate = our_throughput(5_000, "erlang_a")
    report = {
        "grid_cases": len(grid),
        "throughput_calls_per_second": {"erlang_c": c_rate, "erlang_a": a_rate},
        "microseconds_per_call": {"erlang_c": 1e6 / c_rate, "erlang_a": 1e6 / a_rate},
        "comparison": compare_with_pyworkforce(grid, python),
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

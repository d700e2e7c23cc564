"""Nothing in the solver reads the best-known figures: no module of the product mentions them or
imports `bench` (the `madoguchi bench` commands in dashboard/cli/main.py excepted, inside their own
functions), and a real solve opens no file under bench/ and loads no bench module."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("optimizer", "core", "db", "dashboard")
WORDS = ("best_known", "best-known", "bestknown")


def _product_files():
    for package in PRODUCT:
        yield from sorted((ROOT / package).rglob("*.py"))


def _bench_imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "bench"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "bench":
            found.append((node.lineno, node.module))
    return found


def test_no_product_module_mentions_the_best_known_figures():
    offences = [
        f"{path.relative_to(ROOT)} mentions {word}"
        for path in _product_files()
        for word in WORDS
        if word in path.read_text(encoding="utf-8").lower()
    ]
    assert not offences, "\n".join(offences)


def test_only_the_bench_commands_import_bench():
    offences = []
    for path in _product_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = _bench_imports(tree)
        if not imports:
            continue
        allowed: set[int] = set()
        if path == ROOT / "dashboard" / "cli" / "main.py":
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef) and node.name.startswith("cmd_bench_"):
                    allowed |= {line for line, _ in _bench_imports(node)}
        offences += [f"{path.relative_to(ROOT)}:{line} imports {name}" for line, name in imports if line not in allowed]
    assert not offences, "\n".join(offences)


def test_the_scanner_sees_a_bench_import():
    tree = ast.parse("import bench.best_known\nfrom bench import roster\nfrom benchmarks import x\n")
    assert [name for _, name in _bench_imports(tree)] == ["bench.best_known", "bench"]


SOLVE_AND_WATCH = r"""
import json, sys
from pathlib import Path
bench_dir = str(Path(sys.argv[1]).resolve())
opened = []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        path = str(Path(args[0] if isinstance(args[0], str) else args[0].decode()).resolve())
        if path.startswith(bench_dir):
            opened.append(path)
sys.addaudithook(hook)
from core.profile.fixtures import load_fixtures
from core.roster.model import problem_for
from optimizer.solve import solve
import datetime as dt
fixtures = load_fixtures(Path(sys.argv[2]))
site = fixtures.site("fujieda")
roster = solve(problem_for(fixtures, site, dt.date(2025, 5, 5)), time_limit=1.5)
print(json.dumps({"opened": opened, "bench_modules": sorted(m for m in sys.modules if m.split(".")[0] == "bench"),
                  "shifts": len(roster.shifts), "penalty": roster.penalty_total}))
"""


def test_a_solve_opens_nothing_under_bench_and_loads_no_bench_module():
    env = {**os.environ, "MADOGUCHI_REPRODUCIBLE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", SOLVE_AND_WATCH, str(ROOT / "bench"), str(ROOT / "fixtures")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["shifts"] > 0, "the watched solve found no roster: the check proved nothing"
    assert result["opened"] == []
    assert result["bench_modules"] == []


def test_the_watch_sees_a_read_of_the_best_known_file():
    """The same audit hook does report reading bench/best_known.json (so the test above can fail)."""
    script = SOLVE_AND_WATCH.split("from core.profile.fixtures")[0] + (
        "from bench import best_known\nbest_known.load()\nprint(json.dumps({'opened': opened}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "bench"), str(ROOT / "fixtures")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    opened = json.loads(out.stdout.strip().splitlines()[-1])["opened"]
    assert str((ROOT / "bench" / "best_known.json").resolve()) in opened

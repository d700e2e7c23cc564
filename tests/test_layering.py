"""DESIGN.md's layering, enforced by reading every import statement."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "core": {"streamlit", "sqlmodel", "sqlalchemy", "alembic", "ortools", "db", "optimizer", "dashboard"},
    "optimizer": {"streamlit", "sqlmodel", "sqlalchemy", "alembic", "db", "dashboard"},
    "db": {"streamlit", "ortools", "optimizer", "dashboard"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_design_allows(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path) & FORBIDDEN[package])
    ]
    assert not offences, "\n".join(offences)


def test_only_dashboard_imports_streamlit():
    offences = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and "dashboard" not in path.parts
        and "streamlit" in imported_modules(path)
    ]
    assert not offences


# Rooms of dashboard/ that never import Streamlit: the use cases, charts, the CLI and the demo.
STREAMLIT_FREE_ROOMS = ("use_cases", "charts", "cli", "demo")


@pytest.mark.parametrize("room", STREAMLIT_FREE_ROOMS)
def test_use_cases_charts_cli_and_demo_stay_free_of_streamlit(room):
    files = sorted((ROOT / "dashboard" / room).rglob("*.py"))
    assert files, f"dashboard/{room}/ has no modules"
    offences = [str(f.relative_to(ROOT)) for f in files if "streamlit" in imported_modules(f)]
    assert not offences, offences
    assert "streamlit" not in imported_modules(ROOT / "dashboard" / "ui" / "navigation.py")


def test_the_product_does_not_import_the_benchmarks():
    """bench/ measures the product; only the `madoguchi bench` commands reach it, and lazily."""
    offences = [
        str(path.relative_to(ROOT))
        for package in ("core", "optimizer", "db", "dashboard")
        for path in sorted((ROOT / package).rglob("*.py"))
        if "bench" in imported_modules(path) and path.name != "main.py"
    ]
    assert not offences, offences


def test_the_checker_sees_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlmodel\nfrom db.models import Site\n")
    assert {"sqlmodel", "db"} <= imported_modules(bad)


PAGE_FILES = (
    sorted((ROOT / "dashboard" / "app_pages").glob("*.py"))
    + [ROOT / "dashboard" / "app.py"]
    + [path for path in sorted((ROOT / "dashboard" / "ui").glob("*.py")) if path.name != "resources.py"]
)


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_call_use_cases_only(path):
    """Pages reach data through use cases (dashboard/*_services.py) and dashboard/ui/resources.py, the
    composition root that wires the engine: never the db stores or the optimizer directly."""
    assert not imported_modules(path) & {"db", "optimizer"}, f"{path.relative_to(ROOT)} imports db or optimizer"

"""One-off move of flat modules into rooms by domain (issue 13, item 0).

Run from the repository root: `python scripts/rooms.py [--dry-run]`. It `git mv`s each module named in
MOVES, creates the packages' `__init__.py`, and rewrites every reference (dotted imports, `from pkg
import module` forms, and file paths in text) across the tree. Run it once
on the final tree (a second run would read its own `from core.roster import texts` again)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# old dotted module -> new dotted module. A package old name (roster_rules) moves with its contents.
MOVES: dict[str, str] = {
    # core/profile: what a contract says
    "core.site_profile": "core.profile.site_profile",
    "core.calendar": "core.profile.calendar",
    "core.catalogue": "core.profile.catalogue",
    "core.fixtures": "core.profile.fixtures",
    # core/demand: forecast to requirement
    "core.forecast": "core.demand.forecast",
    "core.erlang": "core.demand.erlang",
    "core.requirements": "core.demand.requirements",
    # core/roster: the week's roster, its rules, edits and exports
    "core.roster": "core.roster.model",
    "core.roster_check": "core.roster.check",
    "core.roster_edit": "core.roster.edit",
    "core.roster_export": "core.roster.export",
    "core.roster_import": "core.roster.excel_import",
    "core.roster_month": "core.roster.month",
    "core.roster_rules": "core.roster.rules",
    "core.roster_texts": "core.roster.texts",
    "core.roster_diff": "core.roster.diff",
    # core/staff: people and their training
    "core.staff": "core.staff.members",
    "core.staff_import": "core.staff.importer",
    "core.staff_training": "core.staff.training",
    "core.staff_texts": "core.staff.texts",
    # core/records: the records contracts require beside the live counters
    "core.attendance": "core.records.attendance",
    "core.designated_days": "core.records.designated_days",
    "core.contractor": "core.records.contractor",
    "core.incident_deadlines": "core.records.incident_deadlines",
    "core.card_collection": "core.records.card_collection",
    "core.city_bookings": "core.records.city_bookings",
    # core/reports: the report modules still outside the package
    "core.report_records": "core.reports.records",
    "core.report_attendance": "core.reports.attendance",
    "core.report_deadlines": "core.reports.deadlines",
    "core.report_texts": "core.reports.texts",
    "core.pdf_base": "core.reports.pdf_base",
    # core/privacy: personal data, input limits, safe exports
    "core.personal_data": "core.privacy.personal_data",
    "core.text_input": "core.privacy.text_input",
    "core.safe_cells": "core.privacy.safe_cells",
    "core.erasure_certificate": "core.privacy.erasure_certificate",
}

# dashboard/: use cases, pages' helpers, charts, the CLI and the demo apart. app.py, texts.py and
# app_pages/ (the Streamlit pages, named by path in navigation.py) stay where they are.
DASHBOARD_MOVES: dict[str, str] = {
    **{
        f"dashboard.{name}": f"dashboard.use_cases.{name}"
        for name in (
            "access",
            "clock",
            "solve_jobs",
            "roster_jobs",
            "services",
            *(p.stem for p in sorted((ROOT / "dashboard").glob("*_services.py"))),
        )
    },
    **{
        f"dashboard.{name}": f"dashboard.ui.{name}"
        for name in (
            "page_common",
            "navigation",
            "signin",
            "resources",
            *(p.stem for p in sorted((ROOT / "dashboard").glob("*_ui.py"))),
        )
    },
    "dashboard.charts": "dashboard.charts.sites",
    "dashboard.report_charts": "dashboard.charts.reports",
    "dashboard.roster_charts": "dashboard.charts.roster",
    "dashboard.cli": "dashboard.cli.main",
    "dashboard.cli_records": "dashboard.cli.records",
    "dashboard.cli_texts": "dashboard.cli.texts",
    "dashboard.demo": "dashboard.demo.fill",
    "dashboard.demo_records": "dashboard.demo.records",
}
MOVES.update(DASHBOARD_MOVES)

# Old names that were packages (their submodules follow a ".").
OLD_PACKAGES = {"core.roster_rules"}

# A module that becomes a package of the same name keeps its content in the package's __init__.
SAME_NAME_PACKAGES = {
    "core.roster": "core.roster.model",
    "core.staff": "core.staff.members",
    "dashboard.charts": "dashboard.charts.sites",
    "dashboard.cli": "dashboard.cli.main",
    "dashboard.demo": "dashboard.demo.fill",
}

PACKAGE_DOCS = {
    "core.profile": "What a contract says: the site profile schema, the calendar and the national catalogue.",
    "core.demand": "From history to requirement: forecast, Erlang C/A and the requirement per slot.",
    "core.roster": "The week's roster: its types (model), the rule catalogue, checks, edits, imports and exports.",
    "core.staff": "Staff members, the staff list importer and training records.",
    "core.records": "The records contracts require beside the counters: attendance, designated days, bookings.",
    "core.privacy": "Personal data: refusals in free text, input limits, formula-safe cells, erasure certificates.",
    "dashboard.use_cases": "Use cases: check who may, validate, call the domain, store, commit. No Streamlit here.",
    "dashboard.ui": "What the Streamlit pages share: sign-in, navigation, refusals shown as messages, resources.",
    "dashboard.charts": "Altair charts, for the pages and (as PNG) for the PDFs.",
    "dashboard.cli": "The `madoguchi` command line.",
    "dashboard.demo": "The demo database: a contractor's year of history, users and records.",
}


def module_path(dotted: str) -> Path:
    return ROOT / Path(*dotted.split("."))


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def move_files(dry: bool) -> dict[str, str]:
    done = {}
    for old, new in MOVES.items():
        src_pkg, src_mod = module_path(old), module_path(old).with_suffix(".py")
        if old in SAME_NAME_PACKAGES:
            # core/roster.py -> core/roster/model.py needs a temporary name: the folder takes the old name.
            if not src_mod.exists():
                continue
            target = module_path(new).with_suffix(".py")
            if not dry:
                tmp = src_mod.with_name(src_mod.stem + "_tmp_move.py")
                git("mv", str(src_mod), str(tmp))
                target.parent.mkdir(parents=True, exist_ok=True)
                git("mv", str(tmp), str(target))
            done[old] = new
            continue
        if src_pkg.is_dir() and (src_pkg / "__init__.py").exists():
            target = module_path(new)
        elif src_mod.exists():
            target = module_path(new).with_suffix(".py")
            src_pkg = src_mod
        else:
            continue
        if not dry:
            target.parent.mkdir(parents=True, exist_ok=True)
            git("mv", str(src_pkg), str(target))
        done[old] = new
    return done


def ensure_packages(dry: bool) -> None:
    for new in MOVES.values():
        parts = new.split(".")
        for i in range(2, len(parts)):
            pkg = ".".join(parts[:i])
            init = module_path(pkg) / "__init__.py"
            if not init.exists() and not dry:
                init.parent.mkdir(parents=True, exist_ok=True)
                doc = PACKAGE_DOCS.get(pkg, "")
                init.write_text(f'"""{doc}"""\n' if doc else "")
                git("add", str(init))


def rewrite_text(text: str, moves: dict[str, str]) -> str:
    # `from core import a as b, c` -> one line per name, from its new package.
    def split_from_import(match: re.Match) -> str:
        indent, package, names, comment = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        lines = []
        for item in [n.strip() for n in names.split(",") if n.strip()]:
            name, _, alias = item.partition(" as ")
            old = f"{package}.{name.strip()}"
            if old in moves:
                new_pkg, _, new_name = moves[old].rpartition(".")
                local = alias.strip() or name.strip()
                tail = f" as {local}" if local != new_name else ""
                lines.append(f"{indent}from {new_pkg} import {new_name}{tail}")
            else:
                lines.append(f"{indent}from {package} import {item}")
        lines = [line + comment for line in lines]
        return "\n".join(lines)

    # Dotted names and file paths in one pass each (longest first), so a replaced name is never
    # matched again (core.roster_check -> core.roster.check must not then become core.roster.model.check).
    olds = sorted(moves, key=len, reverse=True)
    # A module name is never followed by "." in old code (only packages are: roster_rules.ids), so
    # "core.staff.members" is not read again as "core.staff" + ".members" when the script re-runs.
    packages = [o for o in olds if o in OLD_PACKAGES]
    modules = [o for o in olds if o not in OLD_PACKAGES]
    for names, after in ((packages, r"(?![\w])"), (modules, r"(?![\w.])")):
        if names:
            dotted = re.compile(r"(?<![\w.])(" + "|".join(re.escape(o) for o in names) + r")" + after)
            text = dotted.sub(lambda m: moves[m.group(1)], text)
    paths = {o.replace(".", "/"): n.replace(".", "/") for o, n in moves.items()}
    for names, after in (
        ([o.replace(".", "/") for o in packages], r"(?=/)"),
        ([o.replace(".", "/") for o in modules], r"(?=\.py)"),
    ):
        if names:
            slashed = re.compile(r"(?<![\w/])(" + "|".join(re.escape(o) for o in names) + r")" + after)
            text = slashed.sub(lambda m: paths[m.group(1)], text)
    text = re.sub(
        r"^([ \t]*)from (core|dashboard) import ([A-Za-z_][A-Za-z0-9_, ]*(?: as [A-Za-z_]+)?)([ \t]+#.*)?$",
        split_from_import,
        text,
        flags=re.M,
    )
    return text


def rewrite_all(moves: dict[str, str], dry: bool) -> list[Path]:
    changed = []
    files = subprocess.run(
        ["git", "ls-files", "*.py", "*.md", "*.toml", "*.cfg", "*.ini", "dev", ".ci/*"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for name in files:
        path = ROOT / name
        if not path.is_file() or "migrations/versions" in name or name == "scripts/rooms.py":
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite_text(text, moves)
        if new != text:
            changed.append(path)
            if not dry:
                path.write_text(new, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    dry = "--dry-run" in argv
    # Rewrite with every mapping (also ones already moved: harmless, names no longer occur).
    moved = move_files(dry)
    ensure_packages(dry)
    changed = rewrite_all(MOVES, dry)
    print(f"moved {len(moved)} modules, rewrote {len(changed)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

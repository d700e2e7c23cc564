"""Every Japanese sentence of live operations is in one module (core/live/texts.py; the dashboard's
own wording in dashboard/texts.py), so wording can be reviewed in one place (issue 13)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.live import texts as T
from db.settings import PROJECT_ROOT

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
LIVE_CODE = [
    *sorted((PROJECT_ROOT / "core" / "live").glob("*.py")),
    *(
        PROJECT_ROOT / p
        for p in (
            "db/live_store.py",
            "dashboard/use_cases/live_services.py",
            "dashboard/use_cases/status_services.py",
            "dashboard/use_cases/lobby_services.py",
        )
    ),
]


def japanese_literals(path: Path) -> list[tuple[int, str]]:
    """String constants with Japanese in them, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and JAPANESE.search(node.value)
    ]


@pytest.mark.parametrize("path", [p for p in LIVE_CODE if p.name != "texts.py"], ids=lambda p: p.name)
def test_no_japanese_outside_the_text_modules(path):
    assert japanese_literals(path) == []


def test_the_text_module_has_them_and_the_scan_would_see_them():
    found = japanese_literals(PROJECT_ROOT / "core" / "live" / "texts.py")
    assert len(found) > 50 and any("満席" in text for _line, text in found)
    assert "{number}" in T.TICKET_STATE and T.TICKET_STATUS_LABELS["no_show"] == "不在"

#!/usr/bin/env python3
"""Count the Japanese string literals outside the text modules, per file.

Every Japanese word a front end shows belongs in that front end's text module (dashboard/texts.py,
dashboard/cli/texts.py, core/reports/texts.py, core/roster/texts.py: any module named *texts.py), so
the wording can be reviewed in one place. This prints, for every other product module, how many
string pieces hold Japanese (an f-string counts each literal piece; docstrings and comments are not
counted), most first, and the total.

    python scripts/japanese_outside_texts.py            # core, dashboard, db, optimizer, bench
    python scripts/japanese_outside_texts.py dashboard  # one folder (or file)
    python scripts/japanese_outside_texts.py --json     # {"files": {path: count}, "total": n}
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("core", "dashboard", "db", "optimizer", "bench")
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def is_text_module(path: Path) -> bool:
    return path.name.endswith("texts.py")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def count(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and JAPANESE.search(node.value)
    )


def files(targets: list[str]) -> list[Path]:
    out = []
    for target in targets or PRODUCT:
        path = (ROOT / target).resolve()
        out += [path] if path.is_file() else sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
    return [p for p in out if not is_text_module(p)]


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    targets = [a for a in argv if a != "--json"]
    counts = {str(p.relative_to(ROOT)): n for p in files(targets) if (n := count(p))}
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    total = sum(ordered.values())
    if as_json:
        print(json.dumps({"files": ordered, "total": total}, ensure_ascii=False, indent=2))
    else:
        for path, n in ordered.items():
            print(f"{n:5d}  {path}")
        print(f"{total:5d}  total ({len(ordered)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

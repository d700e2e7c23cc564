"""What the `madoguchi bench` tests share."""

from __future__ import annotations

import contextlib
import io

import pytest

from dashboard.cli.main import main


@pytest.fixture(scope="session")
def bench_cli():
    """`madoguchi bench …` run in this process, its standard output captured: (exit code, output).
    Session-scoped so that module-scoped fixtures (one real run per module) can use it, which
    pytest's own `capsys` cannot."""

    def run(argv: list[str]) -> tuple[int, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["bench", *argv])
        return code, out.getvalue()

    return run

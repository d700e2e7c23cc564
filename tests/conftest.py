"""Fixtures every test package shares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Every solve in the suite (in this process, the CLI and the dashboard servers it starts) stops on
# CP-SAT's deterministic time with a fixed seed: verdicts must not depend on the machine's load.
os.environ.setdefault("MADOGUCHI_REPRODUCIBLE", "1")

from core.profile.fixtures import Fixtures, load_fixtures

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Fixtures:
    """The product's own fixtures/ (national catalogue, five site profiles, demo staff)."""
    return load_fixtures(FIXTURES_DIR)

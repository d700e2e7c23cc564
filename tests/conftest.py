"""Fixtures every test package shares."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.fixtures import Fixtures, load_fixtures

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Fixtures:
    """The product's own fixtures/ (national catalogue, five site profiles, demo staff)."""
    return load_fixtures(FIXTURES_DIR)

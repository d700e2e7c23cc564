"""Shared by the page tests: a real SQLite file made by `init_database`, named in DATABASE_URL."""

from __future__ import annotations

import pytest

from db.setup import init_database


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'page.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    init_database(url)
    return url

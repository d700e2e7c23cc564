"""Runtime settings read from the environment (pydantic-settings).

DATABASE_URL          SQLAlchemy URL; default: SQLite file <data_dir>/madoguchi.sqlite3
MADOGUCHI_FIXTURES    folder holding national.toml, sites/ and staff/; default <root>/fixtures
MADOGUCHI_DATA_DIR    folder for the SQLite file and generated output; default <root>/data
MADOGUCHI_CONTRACTOR  the contractor's name on the city reports; default "受託者（デモ）"
MADOGUCHI_LOGIN_MAX_FAILURES  failed sign-ins in a row before an account locks; default 5
MADOGUCHI_LOGIN_LOCK_MINUTES  how long a locked account stays locked; default 15
MADOGUCHI_SESSION_IDLE_MINUTES  a signed-in browser session ends after this long unused; default 30
MADOGUCHI_AUTH        "local" (accounts in app_user, the default) or "oidc" (Streamlit's st.login,
                      the identity's e-mail mapped to a local user's login for role and sites)
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The project root is the folder that holds db/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        validation_alias=AliasChoices("MADOGUCHI_DATA_DIR", "data_dir"),
    )
    fixtures_dir: Path = Field(
        default=PROJECT_ROOT / "fixtures",
        validation_alias=AliasChoices("MADOGUCHI_FIXTURES", "fixtures_dir"),
    )
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("DATABASE_URL", "database_url"),
    )
    contractor_name: str = Field(
        default="受託者（デモ）",
        validation_alias=AliasChoices("MADOGUCHI_CONTRACTOR", "contractor_name"),
        description="the contractor's name printed on the city reports",
    )

    login_max_failures: int = Field(
        default=5,
        ge=1,
        validation_alias=AliasChoices("MADOGUCHI_LOGIN_MAX_FAILURES", "login_max_failures"),
    )
    login_lock_minutes: int = Field(
        default=15,
        ge=1,
        validation_alias=AliasChoices("MADOGUCHI_LOGIN_LOCK_MINUTES", "login_lock_minutes"),
    )
    session_idle_minutes: int = Field(
        default=30,
        ge=1,
        validation_alias=AliasChoices("MADOGUCHI_SESSION_IDLE_MINUTES", "session_idle_minutes"),
    )
    auth: str = Field(
        default="local",
        pattern="^(local|oidc)$",
        validation_alias=AliasChoices("MADOGUCHI_AUTH", "auth"),
    )

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        # Derived here, not as a plain default, so a moved data_dir moves the database too.
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'madoguchi.sqlite3'}"
        return self


def get_settings() -> Settings:
    """Read the environment now. Not cached: tests and the CLI change variables at run time."""
    return Settings()

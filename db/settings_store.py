"""Settings the admin keeps in the database (app_setting rows): the contractor's details.

Functions flush, never commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.records.contractor import ContractorDetails
from db.models import AppSetting

CONTRACTOR_KEY = "contractor"


def contractor(*, session: Session) -> ContractorDetails | None:
    row = session.get(AppSetting, CONTRACTOR_KEY)
    return ContractorDetails.model_validate(row.value) if row is not None else None


def save_contractor(*, session: Session, details: ContractorDetails) -> None:
    row = session.get(AppSetting, CONTRACTOR_KEY) or AppSetting(key=CONTRACTOR_KEY)
    row.value = details.model_dump()
    session.add(row)
    session.flush()

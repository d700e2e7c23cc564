"""受託者情報: the contractor's details every report prints. No Streamlit."""

from __future__ import annotations

from pydantic import ValidationError
from sqlmodel import Session

from core.records.contractor import FIELD_LABELS, ContractorDetails
from dashboard.use_cases.access import AccessDenied, Actor, Permission, needs
from db import audit_store, settings_store
from db.settings import get_settings


class ContractorInputError(ValueError):
    """A refused value; the message is Japanese and names the field."""


def contractor(*, session: Session) -> ContractorDetails:
    """The stored details, else the name from the MADOGUCHI_CONTRACTOR setting."""
    stored = settings_store.contractor(session=session)
    return stored or ContractorDetails(name=get_settings().contractor_name)


@needs(Permission.EDIT_SITE_SETTINGS)
def save_contractor(values: dict[str, str], *, session: Session, actor: Actor) -> ContractorDetails:
    if actor.sites is not None:  # the contractor is one for every site
        raise AccessDenied(f"{actor.username} は全拠点の管理者ではないため、受託者情報を変更できません。")
    try:
        details = ContractorDetails.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = FIELD_LABELS.get(str(first["loc"][0]), str(first["loc"][0])) if first["loc"] else "入力"
        raise ContractorInputError(f"{field}：{_reason(first)}") from None
    settings_store.save_contractor(session=session, details=details)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="contractor_saved",
        entity="app_setting",
        entity_id=settings_store.CONTRACTOR_KEY,
        detail={"name": details.name},
    )
    session.commit()
    return details


def _reason(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "string_too_short":
        return "入力してください。"
    if kind == "string_too_long":
        return f"{error['ctx']['max_length']}文字以内で入力してください。"
    if kind == "string_pattern_mismatch":
        return "数字・ハイフン・括弧だけで入力してください。"
    if kind == "extra_forbidden":
        return "この項目はありません。"
    return "使えない文字が含まれています。"

"""The contractor (受託者) as the city's documents name it: company, address, representative.

Stored by the admin on the 受託者情報 page; every report and document prints it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.privacy.text_input import TextRefused, check_text

FIELD_LABELS = {"name": "受託者名", "address": "所在地", "representative": "代表者", "office_phone": "事務所の電話番号"}


class ContractorDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=100, description="company name as on the contract")
    address: str = Field(default="", max_length=200)
    representative: str = Field(default="", max_length=100, description="代表者の職・氏名")
    office_phone: str = Field(
        default="",
        max_length=20,
        pattern=r"^[0-9０-９\-－() ]*$",
        description="the company's office number (never a person's own)",
    )

    @field_validator("name", "address", "representative")
    @classmethod
    def _printable(cls, value: str, info) -> str:
        # core.privacy.text_input: the one check of control and bidirectional characters for every field
        try:
            return check_text(value, FIELD_LABELS[info.field_name], max_length=len(value) or 1)
        except TextRefused as exc:
            raise ValueError(str(exc)) from None

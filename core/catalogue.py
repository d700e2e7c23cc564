"""National facts shared by every site: the procedure catalogue, who finishes what, the
year-end closure and the card system's maintenance day. Loaded from fixtures/national.toml."""
from __future__ import annotations

from pydantic import Field, model_validator

from core.site_profile import ActivityId, DaySelector, DemandPattern, Strict


class Procedure(Strict):
    """A procedure (手続き) as the national rules define it; sites may override the figures."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    group: str = Field(pattern=r"^[A-Z]$", description="ticket number prefix (受付番号の記号)")
    service_minutes: float = Field(gt=0, description="mean handling time; an assumption, not a contract figure")
    reservable: bool
    needs_card_system: bool = Field(description="stops while the national card system is down")
    activity: ActivityId = ActivityId.window
    handoffs: list[str] = Field(
        default_factory=list, description="cases of this procedure that go to city staff"
    )
    documents: list[str] = Field(default_factory=list, description="what the visitor brings")


class YearEnd(Strict):
    """The municipal year-end closure, 12/29 to 1/3 inclusive."""

    start_month: int = Field(ge=1, le=12)
    start_day: int = Field(ge=1, le=31)
    end_month: int = Field(ge=1, le=12)
    end_day: int = Field(ge=1, le=31)


class CallTopic(Strict):
    id: str
    label: str
    handling_seconds: float = Field(gt=0, description="mean talk + wrap-up; an assumption")


class ServiceTargets(Strict):
    """Planning targets where a contract sets none. Contract figures (e.g. an answer-rate
    target on an activity) override these."""

    counter_service_level: float = Field(gt=0, lt=1)
    counter_target_seconds: float = Field(gt=0)
    phone_answer_rate: float = Field(gt=0, le=1)
    phone_target_seconds: float = Field(gt=0)
    phone_patience_seconds: float = Field(gt=0)
    source: str = ""


class Catalogue(Strict):
    year_end: YearEnd
    card_system_maintenance: DaySelector
    card_system_maintenance_label: str
    handoff_reasons: dict[str, str] = Field(description="reason id → Japanese label")
    incident_categories: dict[str, str] = Field(
        min_length=1, description="事故・苦情の分類: category id → Japanese label"
    )
    procedures: list[Procedure] = Field(min_length=1)
    call_topics: list[CallTopic] = Field(min_length=1)
    demand_patterns: list[DemandPattern] = Field(min_length=1, description="national defaults per channel")
    targets: ServiceTargets

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [p.id for p in self.procedures]
        if len(ids) != len(set(ids)):
            raise ValueError("procedures: a procedure id is listed twice")
        for procedure in self.procedures:
            for reason in procedure.handoffs:
                if reason not in self.handoff_reasons:
                    raise ValueError(
                        f"procedures.{procedure.id}.handoffs: unknown reason {reason!r}"
                    )
        return self

    def procedure(self, procedure_id: str) -> Procedure:
        for procedure in self.procedures:
            if procedure.id == procedure_id:
                return procedure
        raise KeyError(f"unknown procedure {procedure_id!r}")

    def call_topic(self, topic_id: str) -> CallTopic:
        for topic in self.call_topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(f"unknown call topic {topic_id!r}")

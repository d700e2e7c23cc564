"""National facts shared by every site: the procedure catalogue, who finishes what, the
year-end closure and the card system's maintenance day. Loaded from fixtures/national.toml."""

from __future__ import annotations

from pydantic import Field, model_validator

from core.profile.site_profile import ActivityId, DaySelector, DemandPattern, SiteProfile, Strict


class Procedure(Strict):
    """A procedure (手続き) as the national rules define it; sites may override the figures."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    group: str = Field(pattern=r"^[A-Z]$", description="ticket number prefix (受付番号の記号)")
    service_minutes: float = Field(gt=0, description="mean handling time; an assumption, not a contract figure")
    reservable: bool
    needs_card_system: bool = Field(description="stops while the national card system is down")
    activity: ActivityId = ActivityId.window
    handoffs: list[str] = Field(default_factory=list, description="cases of this procedure that go to city staff")
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
    refines: str | None = Field(default=None, description="a site topic: the national topic it details")


class BoothKindEntry(Strict):
    id: str
    label: str
    procedure: str | None = None


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
    booth_kinds: list[BoothKindEntry] = Field(
        default_factory=list, description="site only (for_site): kinds of online-booth service"
    )
    site_id: str | None = Field(default=None, description="set by for_site: the site this catalogue serves")

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [p.id for p in self.procedures]
        if len(ids) != len(set(ids)):
            raise ValueError("procedures: a procedure id is listed twice")
        for procedure in self.procedures:
            for reason in procedure.handoffs:
                if reason not in self.handoff_reasons:
                    raise ValueError(f"procedures.{procedure.id}.handoffs: unknown reason {reason!r}")
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


def for_site(catalogue: Catalogue, site: SiteProfile) -> Catalogue:
    """The national catalogue extended by what the site's profile adds ([catalogue] in its file):
    call topics (a topic that `refines` a national one replaces it in the site's lists and takes
    its handling time), booth kinds (none added: one kind per booth procedure the site offers),
    hand-off reasons, reasons added to a procedure, and the site's own procedures. A site that
    adds nothing gets the national lists. KeyError names what does not resolve."""
    if catalogue.site_id == site.id:
        return catalogue
    if catalogue.site_id is not None:
        raise KeyError(f"catalogue of site {catalogue.site_id!r} given for site {site.id!r}")
    own = site.catalogue
    reasons = {**catalogue.handoff_reasons, **own.handoff_reasons}
    procedures = []
    for procedure in catalogue.procedures:
        extra = [r for r in own.procedure_handoffs.get(procedure.id, []) if r not in procedure.handoffs]
        procedures.append(procedure.model_copy(update={"handoffs": procedure.handoffs + extra}) if extra else procedure)
    known = {p.id for p in procedures}
    for procedure_id in own.procedure_handoffs:
        if procedure_id not in known and procedure_id not in {p.id for p in own.procedures}:
            raise KeyError(f"{site.id}: catalogue.procedure_handoffs names unknown procedure {procedure_id!r}")
    for p in own.procedures:
        if p.id in known:
            raise KeyError(f"{site.id}: catalogue.procedures.{p.id} is already in the national catalogue")
        procedures.append(
            Procedure(
                id=p.id,
                label=p.label,
                group=p.group,
                service_minutes=p.service_minutes,
                reservable=p.reservable,
                needs_card_system=p.needs_card_system,
                activity=p.activity,
                handoffs=p.handoffs + own.procedure_handoffs.get(p.id, []),
                documents=p.documents,
            )
        )
    national = {t.id: t for t in catalogue.call_topics}
    refined = {t.refines for t in own.call_topics if t.refines}
    for parent in refined:
        if parent not in national:
            raise KeyError(f"{site.id}: catalogue.call_topics refines unknown topic {parent!r}")
    topics = [t for t in catalogue.call_topics if t.id not in refined]
    for t in own.call_topics:
        seconds = (
            national[t.refines].handling_seconds
            if t.refines
            else sum(n.handling_seconds for n in national.values()) / len(national)
        )
        topics.append(CallTopic(id=t.id, label=t.label, handling_seconds=seconds, refines=t.refines))
    # Refined topics stay resolvable (forecast streams and old records use them), after the site's own.
    topics += [t for t in catalogue.call_topics if t.id in refined]
    if own.booth_kinds:
        kinds = [BoothKindEntry(id=k.id, label=k.label, procedure=k.procedure) for k in own.booth_kinds]
    else:
        labels = {p.id: p.label for p in procedures}
        kinds = [
            BoothKindEntry(id=o.id, label=labels.get(o.id, o.id), procedure=o.id)
            for o in site.procedures
            if o.activity == ActivityId.booth
        ]
    return catalogue.model_copy(
        update={
            "handoff_reasons": reasons,
            "procedures": procedures,
            "call_topics": topics,
            "booth_kinds": kinds,
            "site_id": site.id,
        }
    )


def site_topics(catalogue: Catalogue) -> list[CallTopic]:
    """The topics a site's breakdown lists (after for_site): refined national topics left out."""
    refined = {t.refines for t in catalogue.call_topics if t.refines}
    return [t for t in catalogue.call_topics if t.id not in refined]


def topics_under(catalogue: Catalogue, topic_id: str) -> list[str]:
    """The site topics a call of a forecast topic may be recorded under (its refinements), or the
    topic itself when the site adds none."""
    refined = [t.id for t in catalogue.call_topics if t.refines == topic_id]
    return refined or [topic_id]


def booth_kinds_for(catalogue: Catalogue, procedure_id: str) -> list[str]:
    """The booth kinds a session of a forecast booth stream may be recorded under: the kinds that
    run that procedure and the kinds tied to none (guidance, bookings), or the procedure itself."""
    kinds = [k.id for k in catalogue.booth_kinds if k.procedure in (procedure_id, None)]
    return kinds or [procedure_id]

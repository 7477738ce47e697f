"""Build a realistic engagement for report tests and the report benchmark.

Deterministic: the same call gives the same answers. Every stakeholder group takes part;
the workshop consensus answers every question under both lenses with evidence on some,
and each stakeholder answers a share of the questions, so alignment and spread have data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scrm_desk.frameworks import FrameworkCatalog
from scrm_desk.records import AnswerKind, Lens
from scrm_desk.workspace import Workspace

PEOPLE = (
    ("Marieke Jansen", "Chief Executive Officer", "executive"),
    ("Stefan Hoffmann", "Chief Marketing Officer", "executive"),
    ("Ana Ribeiro", "Head of Customer Service", "business"),
    ("Lars Nilsson", "E-commerce Manager", "business"),
    ("Priya Raman", "CRM Platform Lead", "it"),
    ("Tom de Vries", "Enterprise Architect", "it"),
    ("Ilse Bakker", "Store Manager, Utrecht", "front_line"),
    ("Jonas Weber", "Agency Account Director", "partner"),
)

EVIDENCE = (
    "The loyalty programme team showed the monthly member survey; it is read but nobody "
    "owns the follow-up actions.",
    "Board minutes from March mention customer centricity twice, without targets.",
    "Service agents cannot see social posts in the CRM; they ask customers to repeat "
    "their problem.",
    "Marketing runs a monitoring tool on a trial licence; reports go to one analyst.",
    "A retention dashboard exists for the web shop only; stores report sales, not customers.",
    "Interviewees disagreed on who may answer customers on the brand's social pages.",
)


@dataclass(frozen=True)
class Populated:
    client_id: str
    engagement_id: str
    assessment_id: str | None
    stakeholder_ids: tuple[str, ...]


def populate(
    ws: Workspace,
    *,
    client_name: str = "Contoso Retail Group",
    engagement_title: str = "Social CRM readiness assessment",
    with_assessment: bool = True,
    seed: int = 7,
    consultant: str = "Claire Dubois",
    assessment_name: str = "Baseline",
    assessed_on: str = "2026-10-14",
    long_evidence: str | None = None,
) -> Populated:
    """Add a client, an engagement, eight stakeholders and (optionally) a scored assessment."""
    client = ws.clients.create(name=client_name, industry="Retail", region="Benelux").record
    engagement = ws.engagements.create(
        client_id=client.id,
        title=engagement_title,
        consultant=consultant,
        start_date="2026-09-28",
        end_date="2026-11-27",
        status="active",
        variant="both",
    ).record
    ids = tuple(
        ws.stakeholders.create(
            engagement_id=engagement.id, name=name, role=role, group=group
        ).record.id
        for name, role, group in PEOPLE
    )
    assessment_id = None
    if with_assessment:
        assessment_id = add_assessment(
            ws,
            engagement.id,
            ids,
            seed=seed,
            name=assessment_name,
            assessed_on=assessed_on,
            long_evidence=long_evidence,
        )
    return Populated(client.id, engagement.id, assessment_id, ids)


def add_assessment(
    ws: Workspace,
    engagement_id: str,
    stakeholder_ids: tuple[str, ...],
    *,
    seed: int = 7,
    name: str = "Baseline",
    assessed_on: str = "2026-10-14",
    long_evidence: str | None = None,
    shift: int = 0,
) -> str:
    framework = FrameworkCatalog.load().building_blocks()
    assessment = ws.assessments.create(
        engagement_id=engagement_id,
        name=name,
        assessed_on=assessed_on,
        framework_id=framework.id,
        framework_version=framework.version,
        variant="both",
        status="complete",
    ).record
    rng = random.Random(seed)
    # Each area gets a base level; IT sees technology higher and vision lower than the
    # business does, so alignment findings appear.
    base = {area.id: rng.choice([1, 2, 2, 3, 3, 4]) for area in framework.areas}
    evidence_left = 1 if long_evidence else 0
    with ws.db.atomic():
        for qi, question in enumerate(framework.questions()):
            level = max(1, min(5, base[question.area_id] + rng.choice([-1, 0, 0, 1]) + shift))
            for lens in (Lens.CLASSIC, Lens.SOCIAL):
                if lens is Lens.SOCIAL and not question.social_text:
                    continue
                social_level = max(1, level - (1 if lens is Lens.SOCIAL else 0))
                evidence = EVIDENCE[qi % len(EVIDENCE)] if qi % 3 == 0 else ""
                if evidence_left and lens is Lens.CLASSIC:
                    evidence = long_evidence or ""
                    evidence_left = 0
                kind = AnswerKind.LEVEL
                current: int | None = social_level
                target: int | None = min(5, social_level + rng.choice([1, 1, 2]))
                if qi % 17 == 5:
                    kind, current, target = AnswerKind.NOT_APPLICABLE, None, None
                ws.responses.save(
                    assessment.id,
                    question.id,
                    lens,
                    None,
                    kind=kind,
                    current_level=current,
                    target_level=target,
                    confidence=rng.choice(["low", "medium", "high"]),
                    evidence=evidence,
                )
                for pi, person in enumerate(stakeholder_ids):
                    if (qi + pi) % 2:
                        continue
                    group = ws.stakeholders.get(person).group.value
                    bias = 0
                    if group == "it" and question.area_id == "technology":
                        bias = 1
                    if group == "it" and question.area_id == "vision":
                        bias = -2
                    mine = max(1, min(5, social_level + bias + rng.choice([-1, 0, 0, 1])))
                    ws.responses.save(
                        assessment.id,
                        question.id,
                        lens,
                        person,
                        current_level=mine,
                        target_level=min(5, mine + 1),
                        confidence="medium",
                        evidence=(EVIDENCE[(qi + pi) % len(EVIDENCE)] if pi == 2 else ""),
                    )
    return assessment.id

"""Planning: from the canvas, the posture and the scores to a roadmap the client can act on.

Pure rules over records (no database, no Qt), each with a small workspace helper:

* :mod:`.gate` — the outside-in gate of the seven-layer canvas ("do not pass go");
* :mod:`.posture` — the posture questionnaire placing a client among the four approaches;
* :mod:`.warnings` — common mistakes of Social CRM plans (tactics only, too many
  starting areas, a single platform, platforms without objective, governance gaps);
* :mod:`.suggestions` — suggested roadmap initiatives, accepted or dismissed by the
  consultant.

Wording lives in ``resources/rules/planning.toml`` and ``resources/rules/posture.toml``.
"""

from scrm_desk.planning.gate import (
    CanvasGates,
    CriterionState,
    GateState,
    evaluate_gate,
    evaluate_gates,
    gate_state,
)
from scrm_desk.planning.posture import (
    AnswerReason,
    ApproachScore,
    PostureQuestionnaire,
    PostureResult,
    PostureView,
    classify,
    load_questionnaire,
    posture_view,
    save_answers,
    set_override,
)
from scrm_desk.planning.rules import (
    PlanningFinding,
    PlanningRules,
    PlanningRulesError,
    load_planning_rules,
)
from scrm_desk.planning.snapshot import PlanSnapshot
from scrm_desk.planning.suggestions import (
    Suggestion,
    accept_suggestion,
    dismiss_suggestion,
    latest_result,
    restore_suggestion,
    suggest,
    suggestions_for,
)
from scrm_desk.planning.warnings import evaluate_warnings, planning_warnings

__all__ = [
    "AnswerReason",
    "ApproachScore",
    "CanvasGates",
    "CriterionState",
    "GateState",
    "PlanSnapshot",
    "PlanningFinding",
    "PlanningRules",
    "PlanningRulesError",
    "PostureQuestionnaire",
    "PostureResult",
    "PostureView",
    "Suggestion",
    "accept_suggestion",
    "classify",
    "dismiss_suggestion",
    "evaluate_gate",
    "evaluate_gates",
    "evaluate_warnings",
    "gate_state",
    "latest_result",
    "load_planning_rules",
    "load_questionnaire",
    "planning_warnings",
    "posture_view",
    "restore_suggestion",
    "save_answers",
    "set_override",
    "suggest",
    "suggestions_for",
]

"""What the consultant chooses before an export: sections, summary text, branding, password."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from scrm_desk.errors import ValidationError

if TYPE_CHECKING:
    from scrm_desk.reports.branding import Branding
    from scrm_desk.workspace import Workspace

#: The longest password accepted (pypdf hashes it; the limit guards against pasted files).
MAX_PASSWORD_LENGTH: Final = 1024
#: The longest executive summary accepted.
MAX_SUMMARY_LENGTH: Final = 50_000


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """Everything about one export that is not in the workspace.

    ``sections`` names the sections to include, by id (see
    :func:`scrm_desk.reports.content.section_specs`); ``None`` means every section that
    has data. Order is always the report's own, whatever order the ids are given in.
    """

    sections: tuple[str, ...] | None = None
    #: Replaces the drafted narrative of the executive summary (blank lines part paragraphs).
    executive_summary: str | None = None
    #: ``None``: the branding saved in the workspace.
    branding: Branding | None = None
    #: Replaces the branding's confidentiality wording for this export only.
    confidentiality: str | None = None
    #: Asked for when opening the PDF; ``None`` or ``""`` for no encryption.
    password: str | None = None
    #: Allows changing the encryption; a random one is made when only ``password`` is given.
    owner_password: str | None = None
    #: ``None``: the engagement's latest assessment.
    assessment_id: str | None = None
    #: ``None``: the assessment before the chosen one, if there is one.
    baseline_assessment_id: str | None = None
    #: The date printed on the cover; ``None``: today.
    report_date: date | None = None
    #: Resolution of the charts in the PDF and DOCX.
    chart_dpi: int = 200

    def validate(self, known_sections: tuple[str, ...]) -> None:
        """Raise :class:`ValidationError` for options no export could honour."""
        if self.sections is not None:
            unknown = [s for s in self.sections if s not in known_sections]
            if unknown:
                raise ValidationError(
                    "sections",
                    f"unknown section {unknown[0]!r}; choose from {', '.join(known_sections)}",
                )
        if self.password is not None and len(self.password) > MAX_PASSWORD_LENGTH:
            raise ValidationError("password", f"is longer than {MAX_PASSWORD_LENGTH} characters")
        if self.owner_password is not None:
            if not self.password:
                raise ValidationError(
                    "owner_password", "needs a password to open the document as well"
                )
            if self.owner_password == self.password:
                raise ValidationError(
                    "owner_password", "must differ from the password that opens the document"
                )
        if self.executive_summary is not None and len(self.executive_summary) > MAX_SUMMARY_LENGTH:
            raise ValidationError(
                "executive_summary", f"is longer than {MAX_SUMMARY_LENGTH} characters"
            )
        if not 72 <= self.chart_dpi <= 600:
            raise ValidationError("chart_dpi", "must be between 72 and 600")

    def includes(self, section_id: str) -> bool:
        return self.sections is None or section_id in self.sections


#: The workspace settings key prefix of an engagement's edited executive summary.
SUMMARY_KEY_PREFIX: Final = "report.executive_summary."


def summary_key(engagement_id: str) -> str:
    """Where the edited executive summary of ``engagement_id`` is kept in the settings."""
    return SUMMARY_KEY_PREFIX + engagement_id


def stored_summary(ws: Workspace, engagement_id: str) -> str | None:
    """The consultant's executive summary for the engagement, or ``None`` (use the draft).

    The app saves it as the consultant types; every export (app or command line) uses it
    unless :attr:`ReportOptions.executive_summary` says otherwise.
    """
    value = ws.settings.get(summary_key(engagement_id))
    return value if isinstance(value, str) else None

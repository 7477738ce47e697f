"""A small white card showing how the report's cover carries the branding: logo, firm
name in the primary colour, a rule and the confidentiality wording.

Shown on the Deliverable page and in the branding dialog. It imports nothing from the
report engine at load time, so the page stays cheap to build at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from scrm_desk.reports import Branding, Logo


def logo_pixmap(logo: Logo, box: QSize) -> QPixmap:
    """The logo scaled to fit ``box``, for previews."""
    image = QImage.fromData(logo.data)
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(image).scaled(
        box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class BrandingPreview(QFrame):
    """A small white card showing how the cover will carry the branding."""

    LOGO_BOX = QSize(220, 80)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        # The report's paper is white whatever the desktop theme is.
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#222222"))
        self.setPalette(palette)
        self.logo_label = QLabel()
        self.logo_label.setMinimumSize(self.LOGO_BOX)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.logo_label.setAccessibleName(self.tr("Logo preview"))
        self.firm_label = QLabel()
        font = QFont(self.firm_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.firm_label.setFont(font)
        self.firm_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rule = QFrame()
        self.rule.setFixedHeight(4)
        self.rule.setAutoFillBackground(True)
        self.confidentiality_label = QLabel()
        self.confidentiality_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.logo_label)
        layout.addWidget(self.firm_label)
        layout.addWidget(self.rule)
        layout.addWidget(self.confidentiality_label)
        self.setAccessibleName(self.tr("Branding preview"))

    def show_branding(self, branding: Branding) -> None:
        if branding.logo is None:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(self.tr("No logo"))
        else:
            self.logo_label.setText("")
            self.logo_label.setPixmap(logo_pixmap(branding.logo, self.LOGO_BOX))
        colour = QColor(branding.primary_colour)
        self.firm_label.setText(branding.firm_name or self.tr("(no firm name)"))
        palette = self.firm_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.firm_label.setPalette(palette)
        rule_palette = self.rule.palette()
        rule_palette.setColor(QPalette.ColorRole.Window, colour)
        self.rule.setPalette(rule_palette)
        self.confidentiality_label.setText(branding.confidentiality)

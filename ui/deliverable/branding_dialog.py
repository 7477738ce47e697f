"""The branding dialog: firm name, logo, primary colour and confidentiality wording.

The dialog never writes. A chosen logo file is checked and cleaned at once (so a bad
file is refused while the consultant is still choosing, not at export time): PNG and
JPEG go straight to the core's :func:`~scrm_desk.reports.clean_logo`; an SVG is first
sanitised by the core and rasterised here with ``QSvgRenderer`` (the core has no SVG
renderer on every machine), then cleaned as a PNG. On Save the dialog hands the
resulting :class:`~scrm_desk.reports.Branding` to the submit handler its opener set
(the page runs the undoable :class:`~ui.commands.deliverable_commands.SaveBranding`);
a refusal is shown beside its field and the dialog stays open.

Run alone (``python -m ui.deliverable.branding_dialog``) to try it on a sample branding.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QStandardPaths, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from scrm_desk.errors import ScrmError, ValidationError
from scrm_desk.reports import Branding, Logo, clean_logo
from scrm_desk.reports.branding import (
    MAX_CONFIDENTIALITY,
    MAX_FIRM_NAME,
    MAX_LOGO_BYTES,
    sanitise_svg,
)
from ui.deliverable.branding_preview import BrandingPreview
from ui.widgets.inline_message import InlineMessage

SubmitHandler = Callable[[Branding], None]

#: Width an SVG logo is rasterised to: sharp at 60 mm wide on a 500 dpi print.
SVG_RASTER_WIDTH = 1200


# --------------------------------------------------------------------------- logos


def is_svg(data: bytes, name: str = "") -> bool:
    """Whether ``data`` (from a file called ``name``) is an SVG image."""
    if name.lower().endswith(".svg"):
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in data[:65536].lower()


def svg_to_png(data: bytes, width: int = SVG_RASTER_WIDTH) -> bytes:
    """PNG bytes of an SVG image ``width`` pixels wide (the longer side when it is tall),
    on a transparent background. Raises :class:`ValidationError` for an unusable SVG."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise ValidationError("logo", "the SVG file cannot be drawn; export it again or use PNG")
    box = renderer.viewBoxF()
    size = renderer.defaultSize()
    natural_w = box.width() if box.width() > 0 else float(size.width())
    natural_h = box.height() if box.height() > 0 else float(size.height())
    if natural_w <= 0 or natural_h <= 0:
        raise ValidationError("logo", "the SVG file has no size; set its width and height")
    scale = width / max(natural_w, natural_h)
    out_w = max(1, round(natural_w * scale))
    out_h = max(1, round(natural_h * scale))
    image = QImage(out_w, out_h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, out_w, out_h))
    painter.end()
    return image_to_png(image)


def image_to_png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(buffer.data().data())


def load_logo_file(path: str | Path) -> Logo:
    """Read, check and clean a logo file (PNG, JPEG or SVG) into a stored :class:`Logo`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            # Let the core word the refusal (it names the limit).
            return clean_logo(path)
        data = path.read_bytes()
    except IsADirectoryError:
        raise ValidationError("logo", f"{path.name} is a folder, not an image") from None
    except OSError as exc:
        raise ValidationError("logo", f"cannot read {path.name}: {exc.strerror or exc}") from None
    if not data:
        raise ValidationError("logo", "the file is empty")
    if is_svg(data, path.name):
        # The core removes scripts and external references; Qt only draws what is left.
        return clean_logo(svg_to_png(sanitise_svg(data)))
    return clean_logo(data)


# --------------------------------------------------------------------------- dialog


class BrandingDialog(QDialog):
    """Edits a :class:`Branding`; :meth:`branding` is the result."""

    def __init__(self, branding: Branding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report Branding"))
        self.setAccessibleName(self.tr("Report branding"))
        self._logo: Logo | None = branding.logo
        self._colour = branding.primary_colour
        self._submit: SubmitHandler | None = None
        self._last_folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )

        self.firm_edit = QLineEdit(branding.firm_name)
        self.firm_edit.setMaxLength(MAX_FIRM_NAME)
        self.firm_edit.setPlaceholderText(self.tr("Your consulting firm"))
        self.firm_edit.setAccessibleName(self.tr("Firm name"))

        self.choose_logo_button = QPushButton(self.tr("Choose &Logo…"))
        self.choose_logo_button.setAccessibleName(self.tr("Choose a logo file"))
        self.choose_logo_button.setToolTip(self.tr("PNG, JPEG or SVG, at most 10 MB"))
        self.remove_logo_button = QPushButton(self.tr("&Remove Logo"))
        self.remove_logo_button.setAccessibleName(self.tr("Remove the logo"))
        self.logo_info = QLabel()
        self.logo_info.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.colour_button = QPushButton()
        self.colour_button.setAccessibleName(self.tr("Primary colour"))
        self.colour_button.setToolTip(self.tr("Headings, rules and chart accents"))
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.confidentiality_edit = QLineEdit(branding.confidentiality)
        self.confidentiality_edit.setMaxLength(MAX_CONFIDENTIALITY)
        self.confidentiality_edit.setAccessibleName(self.tr("Confidentiality wording"))
        self.confidentiality_edit.setToolTip(
            self.tr("Printed on the cover and in every page header")
        )

        self.preview = BrandingPreview()
        self.logo_error = InlineMessage()
        self.general_error = InlineMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._build_layout()
        self._connect_signals()
        self._update_colour_button()
        self._update_logo_state()
        self._update_preview()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        firm_caption = QLabel(self.tr("&Firm name:"))
        firm_caption.setBuddy(self.firm_edit)
        form.addRow(firm_caption, self.firm_edit)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        logo_row.addWidget(self.logo_info, 1)
        logo_caption = QLabel(self.tr("Logo:"))
        logo_caption.setBuddy(self.choose_logo_button)
        form.addRow(logo_caption, logo_row)
        form.addRow("", self.logo_error)
        colour_caption = QLabel(self.tr("Primary &colour:"))
        colour_caption.setBuddy(self.colour_button)
        form.addRow(colour_caption, self.colour_button)
        confidentiality_caption = QLabel(self.tr("C&onfidentiality:"))
        confidentiality_caption.setBuddy(self.confidentiality_edit)
        form.addRow(confidentiality_caption, self.confidentiality_edit)
        preview_caption = QLabel(self.tr("Preview:"))
        form.addRow(preview_caption, self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _connect_signals(self) -> None:
        self.firm_edit.textChanged.connect(self._update_preview)
        self.confidentiality_edit.textChanged.connect(self._update_preview)
        self.choose_logo_button.clicked.connect(self._on_choose_logo_button_clicked)
        self.remove_logo_button.clicked.connect(self._on_remove_logo_button_clicked)
        self.colour_button.clicked.connect(self._on_colour_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- public ---------------------------------------------------------------------------
    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def set_submit_handler(self, handler: SubmitHandler | None) -> None:
        self._submit = handler

    def branding(self) -> Branding:
        """The branding as the dialog shows it now."""
        return Branding(
            firm_name=" ".join(self.firm_edit.text().split()),
            logo=self._logo,
            primary_colour=self._colour,
            confidentiality=" ".join(self.confidentiality_edit.text().split())
            or Branding().confidentiality,
        )

    def choose_logo(self, path: str | Path) -> bool:
        """Use the logo file at ``path``; on refusal say why beside the logo row."""
        try:
            logo = load_logo_file(path)
        except ValidationError as exc:
            self.logo_error.show_message(
                self.tr("Logo not used: {reason}").format(reason=exc.message)
            )
            return False
        except ScrmError as exc:
            self.logo_error.show_message(str(exc))
            return False
        self.logo_error.clear()
        self._logo = logo
        self._last_folder = str(Path(path).parent)
        self._update_logo_state()
        self._update_preview()
        return True

    def set_colour(self, colour: QColor | str) -> None:
        value = QColor(colour)
        if not value.isValid():
            return
        self._colour = value.name(QColor.NameFormat.HexRgb).lower()
        self._update_colour_button()
        self._update_preview()

    # -- slots ----------------------------------------------------------------------------
    def _on_choose_logo_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a Logo"),
            self._last_folder,
            self.tr("Images (*.png *.jpg *.jpeg *.svg);;All files (*)"),
        )
        if path:
            self.choose_logo(path)

    def _on_remove_logo_button_clicked(self) -> None:
        self._logo = None
        self.logo_error.clear()
        self._update_logo_state()
        self._update_preview()
        self.choose_logo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_colour_button_clicked(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour), self, self.tr("Primary Colour"))
        if colour.isValid():
            self.set_colour(colour)

    # -- helpers --------------------------------------------------------------------------
    def _update_colour_button(self) -> None:
        swatch = QPixmap(28, 16)
        swatch.fill(QColor(self._colour))
        self.colour_button.setIcon(swatch)
        self.colour_button.setIconSize(swatch.size())
        self.colour_button.setText(self._colour)

    def _update_logo_state(self) -> None:
        logo = self._logo
        self.remove_logo_button.setEnabled(logo is not None)
        if logo is None:
            self.logo_info.setText(self.tr("No logo"))
        else:
            self.logo_info.setText(
                self.tr("{format}, {width} × {height} px").format(
                    format=logo.format.upper(), width=logo.width, height=logo.height
                )
            )

    def _update_preview(self) -> None:
        self.preview.show_branding(self.branding())

    def _describe(self, exc: ValidationError) -> str:
        labels = {
            "firm_name": self.tr("Firm name"),
            "logo": self.tr("Logo"),
            "primary_colour": self.tr("Primary colour"),
            "confidentiality": self.tr("Confidentiality"),
        }
        label = labels.get(exc.field, exc.field)
        if exc.message.startswith(("is ", "must ")):
            return f"{label} {exc.message}"
        return f"{label}: {exc.message}"

    def accept(self) -> None:
        self.general_error.clear()
        if self._submit is not None:
            try:
                self._submit(self.branding())
            except ValidationError as exc:
                self.general_error.show_message(self._describe(exc))
                return
            except ScrmError as exc:
                self.general_error.show_message(str(exc))
                return
        super().accept()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from ui.refcount_guard import make_singletons_immortal

    make_singletons_immortal()
    app = QApplication(sys.argv)
    dialog = BrandingDialog(
        Branding(firm_name="Morgan & Partners", confidentiality="Confidential — client use only")
    )
    dialog.set_submit_handler(lambda branding: print(branding.firm_name, branding.primary_colour))
    dialog.show()
    sys.exit(app.exec())

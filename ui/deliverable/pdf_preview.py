"""The in-app preview of an exported report, with "Open in system viewer" and "Show in
folder".

Pages are shown by QtPdf (``QPdfView`` from the ``pyside6-pdf`` wheel), which draws each
page on white paper. :meth:`PdfPreview.page_image` renders a page itself for thumbnails
and tests: ``QPdfDocument.render()`` returns a transparent image, so it is painted onto
white first. Without QtPdf (the wheel is missing or its libraries cannot load) the
preview says so plainly; the two buttons still work, so the consultant can always open
the file in their own viewer.

The document is closed (:meth:`clear`) before a new export, so that no open handle keeps
the file from being replaced (Windows locks open files).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QProcess, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def _load_qtpdf() -> tuple[Any, Any, str]:
    """QPdfDocument and QPdfView, or ``(None, None, reason)`` when QtPdf cannot load."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError as exc:  # the wheel is missing, or a library it needs
        return None, None, str(exc)
    return QPdfDocument, QPdfView, ""


def show_in_folder(path: Path) -> bool:
    """Open the file manager on ``path``'s folder, with the file selected where the
    platform allows it."""
    path = Path(path)
    if sys.platform == "win32":  # pragma: no cover - platform specific
        return QProcess.startDetached("explorer.exe", ["/select,", str(path)])[0]
    if sys.platform == "darwin":  # pragma: no cover - platform specific
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class ElidedLabel(QLabel):
    """A one-line label that shortens its text in the middle to fit ("Northwind … .pdf")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, rect.width()
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )


class PdfPreview(QWidget):
    """Shows one exported file: a PDF's pages, or a note for Word and Excel files."""

    #: Opening the file or its folder failed; the text says what to do.
    open_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        # QtPdf loads when the preview is first shown or used, not when the window is
        # built (start-up time).
        self._qtpdf_tried = False
        self.unavailable_reason = ""
        self.document: Any = None
        self.view: Any = None

        self.title = QLabel(self.tr("Preview"))
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        # A long file name must not widen the page: it is shortened, the tooltip has it whole.
        self.file_label = ElidedLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setAccessibleName(self.tr("Previewed file"))
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setAccessibleName(self.tr("Page"))
        self.page_spin.setKeyboardTracking(False)
        self.page_count_label = QLabel()
        self.zoom_combo = QComboBox()
        self.zoom_combo.setAccessibleName(self.tr("Zoom"))
        self.open_button = QPushButton(self.tr("Open in System Viewer"))
        self.open_button.setAccessibleName(self.tr("Open in system viewer"))
        self.open_button.setToolTip(self.tr("Open the file with the program your computer uses"))
        self.folder_button = QPushButton(self.tr("Show in Folder"))
        self.folder_button.setAccessibleName(self.tr("Show in folder"))

        self.placeholder = QLabel(
            self.tr("Export a PDF and its pages appear here, as the client will see them.")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note = QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAccessibleName(self.tr("Preview message"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.note)
        self._build_layout()
        self._connect_signals()
        self.clear()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.file_label, 1)
        header.addWidget(self.page_spin)
        header.addWidget(self.page_count_label)
        header.addWidget(self.zoom_combo)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.folder_button)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(frame, 1)
        layout.addLayout(actions)

    def _connect_signals(self) -> None:
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.zoom_combo.currentIndexChanged.connect(self._on_zoom_combo_changed)
        self.page_spin.valueChanged.connect(self._on_page_spin_changed)

    def _ensure_qtpdf(self) -> bool:
        """Load QtPdf and build the page view once; ``False`` when QtPdf is unavailable."""
        if self._qtpdf_tried:
            return self.document is not None
        self._qtpdf_tried = True
        document_class, view_class, self.unavailable_reason = _load_qtpdf()
        if document_class is None:
            self.placeholder.setText(self._unavailable_text())
            return False
        self.document = document_class(self)
        self.view = view_class()
        self.view.setDocument(self.document)
        self.view.setPageMode(view_class.PageMode.MultiPage)
        self.view.setPageSpacing(12)
        self.view.setAccessibleName(self.tr("Report pages"))
        # A whole page first: the preview is for checking the layout; "Open in System
        # Viewer" is for reading.
        self.view.setZoomMode(view_class.ZoomMode.FitInView)
        self.stack.addWidget(self.view)
        blocked = self.zoom_combo.blockSignals(True)
        self.zoom_combo.addItem(self.tr("Whole page"), view_class.ZoomMode.FitInView)
        self.zoom_combo.addItem(self.tr("Fit width"), view_class.ZoomMode.FitToWidth)
        self.zoom_combo.blockSignals(blocked)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_qtpdf()

    # -- public ---------------------------------------------------------------------------
    @property
    def pdf_available(self) -> bool:
        return self._ensure_qtpdf()

    @property
    def path(self) -> Path | None:
        return self._path

    def page_count(self) -> int:
        """Pages of the PDF shown (0 when none is)."""
        if self.document is None or self.stack.currentWidget() is not self.view:
            return 0
        return int(self.document.pageCount())

    def clear(self) -> None:
        """Show nothing and let go of the file (so a new export may replace it)."""
        self._path = None
        if self.document is not None:
            self.document.close()
        self.stack.setCurrentWidget(self.placeholder)
        self.file_label.clear()
        self.page_count_label.clear()
        self._set_navigation_visible(False)
        self.open_button.setEnabled(False)
        self.folder_button.setEnabled(False)

    def show_pdf(self, path: Path, password: str | None = None) -> bool:
        """Show the PDF at ``path`` (``password`` opens an encrypted one); ``False`` with
        a message in the preview when it cannot be shown (the buttons still work)."""
        self.clear()
        self._set_file(path)
        if not self._ensure_qtpdf():
            self._show_note(self._unavailable_text())
            return False
        self.document.setPassword(password or "")
        error = self.document.load(str(path))
        if error != type(error).None_:
            self.document.close()
            self._show_note(
                self.tr(
                    "The PDF was saved but cannot be shown here ({error}). Open it in your "
                    "system viewer instead."
                ).format(error=error.name)
            )
            return False
        count = int(self.document.pageCount())
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(
            self.tr("of 1 page") if count == 1 else self.tr("of {count} pages").format(count=count)
        )
        self._set_navigation_visible(True)
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        return True

    def show_file(self, path: Path, description: str) -> None:
        """Show a file the preview cannot draw (Word, Excel) with ``description``."""
        self.clear()
        self._set_file(path)
        self._show_note(description)

    def page_image(self, page: int, width: int = 400) -> QImage:
        """Page ``page`` (from 0) rendered ``width`` pixels wide on white paper."""
        if self.document is None or not 0 <= page < int(self.document.pageCount()):
            return QImage()
        size = self.document.pagePointSize(page)
        height = max(1, round(width * size.height() / max(1.0, size.width())))
        rendered = self.document.render(page, QSize(width, height))
        paper = QImage(rendered.size(), QImage.Format.Format_RGB32)
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return paper

    # -- slots ----------------------------------------------------------------------------
    def _on_open_button_clicked(self) -> None:
        if self._path is None:
            return
        if not self._path.exists():
            self.open_failed.emit(
                self.tr("{name} is no longer there; export it again.").format(name=self._path.name)
            )
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path))):
            self.open_failed.emit(
                self.tr("No program is set up to open {name}.").format(name=self._path.name)
            )

    def _on_folder_button_clicked(self) -> None:
        if self._path is None:
            return
        if not show_in_folder(self._path):
            self.open_failed.emit(
                self.tr("Could not open the folder {folder}.").format(folder=self._path.parent)
            )

    def _on_zoom_combo_changed(self, _row: int) -> None:
        if self.view is not None:
            self.view.setZoomMode(self.zoom_combo.currentData())

    def _on_page_spin_changed(self, value: int) -> None:
        if self.view is not None and self.stack.currentWidget() is self.view:
            navigator = self.view.pageNavigator()
            if navigator.currentPage() != value - 1:
                navigator.jump(value - 1, QPointF(), navigator.currentZoom())

    def _on_navigator_page_changed(self, page: int) -> None:
        if self.page_spin.value() != page + 1:
            self.page_spin.blockSignals(True)
            self.page_spin.setValue(page + 1)
            self.page_spin.blockSignals(False)

    # -- helpers --------------------------------------------------------------------------
    def _set_file(self, path: Path) -> None:
        self._path = Path(path)
        self.file_label.setText(self._path.name)
        self.file_label.setToolTip(str(self._path))
        self.open_button.setEnabled(True)
        self.folder_button.setEnabled(True)

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.stack.setCurrentWidget(self.note)

    def _set_navigation_visible(self, visible: bool) -> None:
        available = self.document is not None
        self.page_spin.setVisible(visible and available)
        self.page_count_label.setVisible(visible and available)
        self.zoom_combo.setVisible(visible and available)

    def _unavailable_text(self) -> str:
        return self.tr(
            "The in-app preview needs QtPdf (the pyside6-pdf package), which could not be "
            "loaded here. Use “Open in System Viewer” to read the report.\n\n({reason})"
        ).format(reason=self.unavailable_reason or self.tr("unknown reason"))

"""File names and folders the app suggests when it saves something for the consultant."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_MAX_NAME = 150


def safe_file_name(text: str) -> str:
    """``text`` usable as a file name everywhere: no separators, no reserved characters."""
    name = _UNSAFE_NAME.sub("-", text)
    name = " ".join(name.split()).strip(" .")
    return name[:_MAX_NAME].rstrip(" .")


def default_documents_folder() -> Path:
    """The user's Documents folder, or their home when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()

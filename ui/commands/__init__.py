"""Undoable user actions: each ``QUndoCommand`` calls the core and broadcasts the changes.

See :mod:`ui.commands.base` for how a command is validated before it is pushed. Import
from the submodules; this package imports nothing, so the main window can load the
runner without every command (start-up time).
"""

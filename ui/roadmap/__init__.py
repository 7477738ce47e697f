"""The roadmap page's parts: its table model, the item dialog, the suggestions panel, the
chart view; and the sample plan every planning page runs on when started alone.

Import from the submodules. Only :mod:`.figure_view` imports matplotlib, and only when a
chart is first drawn.
"""

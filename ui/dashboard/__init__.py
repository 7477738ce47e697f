"""The engagement dashboard: the scores of one assessment, as charts and tables.

The charts are ``matplotlib`` figures built by the core (``scrm_desk.charts``), so the
report shows the same ones. Importing :mod:`ui.dashboard.dashboard_view` loads
matplotlib: the Assessment page imports it only when it is first shown, never at start-up.
"""

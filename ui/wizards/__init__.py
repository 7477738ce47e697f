"""Wizards: multi-page flows that gather input and hand it to the core through commands.

Each wizard is a module of its own, built in code, and can be run alone with sample data
(``python -m ui.wizards.assessment_wizard``).
"""

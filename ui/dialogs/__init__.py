"""Dialogs collect values and return them as plain dicts; they never write."""

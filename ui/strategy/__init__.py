"""The Social CRM strategy page's parts: the posture questionnaire and result, and the
tables of initiatives, starting points and platforms, with the governance checklist.

Import from the submodules.
"""

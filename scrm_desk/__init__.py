"""SCRM Desk core: engagements, frameworks, scoring and reports, with no Qt."""

__version__ = "0.1.0"

"""The pages shown on the right of the main window."""

"""SQLite storage: connections, schema migrations and the single-window lock."""

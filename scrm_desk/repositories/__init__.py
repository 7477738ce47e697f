"""One repository per kind of record; every write validates, runs in one transaction and
returns what changed."""

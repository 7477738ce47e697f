"""SCRM Desk's Qt widgets interface. It reads and writes only through ``scrm_desk``."""

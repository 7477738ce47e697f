"""Item models over the core's records; views sort and filter through proxies."""

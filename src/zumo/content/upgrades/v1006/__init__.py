"""Upgrade step 1006 of zumo.content: its ZCML imports the types, the versioning policy and the diff tool."""

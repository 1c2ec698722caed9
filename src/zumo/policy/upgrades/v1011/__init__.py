"""Upgrade step 1011: "send this page" for managers only (an
``upgradeDepends`` in ``configure.zcml``)."""

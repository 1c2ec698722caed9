"""Upgrade step 1008 of zumo.content (issue 29): the programmes' procedures.

Only the ``upgradeDepends`` in ``configure.zcml``: the new types and what a
team space may hold come with the type information.
"""

"""Upgrade step 1008: action plans and Zukunftswerkstätten in team spaces
(an ``upgradeDepends`` in ``configure.zcml``)."""

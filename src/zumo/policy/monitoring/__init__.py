"""Kommunalmonitoring and the Regelkreis of seed 003: a municipality's
indicators over time, its Zielmatrix with evaluation dates that move on by
their interval, the reminders of due evaluations, and the team's
self-assessments beside the panel's released assessment."""

"""Qualification modules: who enrolled in, attended and completed which."""

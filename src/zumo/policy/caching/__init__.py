"""Caching: what a shared cache may keep and what a change purges."""

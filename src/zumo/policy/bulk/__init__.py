"""Bulk import and export of municipalities and practice examples."""

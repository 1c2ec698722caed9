"""Signing up as a member of the network (not registering for a meeting)."""

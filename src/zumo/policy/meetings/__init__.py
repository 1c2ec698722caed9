"""Workshop meetings: registering for a meeting (not signing up as a
member)."""

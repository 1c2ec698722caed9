Logged-in members comment on practice examples; each comment appears once the institute has approved it.

"""Practice examples: proposing them, their contact data only with consent,
who hears of their review."""

"""Team spaces and mentoring groups: their rosters and who hears of what is
added."""

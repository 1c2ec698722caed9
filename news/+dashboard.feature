"Mein Netzwerk": a personal dashboard with one's spaces, open tasks, meeting registrations, upcoming meetings and recent changes in one's spaces.

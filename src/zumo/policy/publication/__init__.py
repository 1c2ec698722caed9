"""When content became public: its effective date ("Veröffentlicht")."""

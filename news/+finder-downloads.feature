„Ergebnisse herunterladen“ in der Suche nach Praxisbeispielen: CSV, JSON, GeoJSON und RSS mit den gesetzten Filtern, dazu der Verweis auf die Seite „Offene Daten“.

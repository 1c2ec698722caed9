"""German full-text search: the catalog's lexicon pipeline and the query
every search form of the site builds from a visitor's words."""

"""search: full-text search over items and documents, with the language's stemming, on SQLite
(FTS5) and PostgreSQL (tsvector) behind one interface; filters and facet counts."""

"""The full-text index: FTS5 tables on SQLite, a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_item USING fts5(body, tokenize="unicode61 remove_diacritics 2")""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_document USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")""",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_item", "DROP TABLE IF EXISTS search_document"]
POSTGRES = [
    "ALTER TABLE corpus_item ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS corpus_item_search_vector ON corpus_item USING gin (search_vector)",
    "ALTER TABLE corpus_document ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS corpus_document_search_vector ON corpus_document USING gin (search_vector)",
]
POSTGRES_DROP = [
    "ALTER TABLE corpus_item DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE corpus_document DROP COLUMN IF EXISTS search_vector",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("corpus", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

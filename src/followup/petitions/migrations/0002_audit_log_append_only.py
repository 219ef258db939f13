"""The audit log refuses changes in the database itself, whatever the code does: UPDATE and
DELETE on PostgreSQL (TRUNCATE, an administrator's operation, stays possible); UPDATE on SQLite,
where Django's test and flush commands empty tables with DELETE (the model and the admin refuse
deletes there)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER petitions_audit_no_update BEFORE UPDATE ON petitions_auditentry
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]
POSTGRES = [
    """CREATE FUNCTION petitions_audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER petitions_audit_no_change BEFORE UPDATE OR DELETE ON petitions_auditentry
       FOR EACH ROW EXECUTE FUNCTION petitions_audit_append_only()""",
]
UNDO = {
    "sqlite": ["DROP TRIGGER petitions_audit_no_update"],
    "postgresql": [
        "DROP TRIGGER petitions_audit_no_change ON petitions_auditentry",
        "DROP FUNCTION petitions_audit_append_only()",
    ],
}


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

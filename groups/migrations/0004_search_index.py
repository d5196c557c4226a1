"""The directory's search index: a GIN index on search_vector (PostgreSQL only, since
SQLite has no such index type), and the search fields filled in for existing groups."""

from django.db import migrations

INDEX = "groups_supportgroup_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON groups_supportgroup USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def fill_search_fields(apps, schema_editor):
    from groups.search import index_groups

    SupportGroup = apps.get_model("groups", "SupportGroup")
    groups = SupportGroup.objects.using(schema_editor.connection.alias).prefetch_related("topics")
    index_groups(groups, model=SupportGroup)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_discovery_requests_invites"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
    ]

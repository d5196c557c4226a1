"""Search that agrees on both databases: every post's analysed text (posts.analysis) is
stored in search_text; PostgreSQL rebuilds its vector from it with the 'simple'
configuration, and SQLite gets an FTS5 table over it.

The FTS5 table reads its text from posts_post (external content) and triggers keep it in
step with every write to search_text, the services' and the account erasure's bulk
update alike, so no writer can forget it.
"""

from django.db import migrations, models

from posts.analysis import document
from posts.migrations import _fts

BATCH = 2000

# Kept literally here, not imported: a migration must keep doing what it did when it ran.
VECTOR_SQL = (
    "setweight(to_tsvector('simple', split_part(search_text, E'\\n', 1)), 'A')"
    " || setweight(to_tsvector('simple', split_part(search_text, E'\\n', 2)), 'C')"
    " || setweight(to_tsvector('simple', split_part(search_text, E'\\n', 3)), 'B')"
)

def backfill(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    posts = (
        Post.objects.exclude(state="erased")
        .select_related("thread")
        .only("pk", "is_opening", "body", "content_warning", "thread__title")
        .order_by("pk")
    )
    last = 0
    while True:
        batch = list(posts.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        for post in batch:
            post.search_text = document(
                title=post.thread.title if post.is_opening else "",
                content_warning=post.content_warning,
                body=post.body,
            )
        Post.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE posts_post SET search_vector = {VECTOR_SQL} WHERE search_text <> ''"
        )


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _fts.CREATE:
            schema_editor.execute(statement)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _fts.DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0004_search_reading_preferences"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_fts, drop_fts, elidable=False),
    ]

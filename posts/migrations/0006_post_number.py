# Per-thread post numbers (issue 16): addresses and anchors stop carrying the global id.

from django.db import migrations, models

# Thread order is (created_at, id) everywhere, so numbering by it keeps every page as it was.
NUMBER_POSTS_SQL = """
    UPDATE posts_post AS p SET number = n.position
    FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY thread_id ORDER BY created_at, id) AS position
        FROM posts_post
    ) AS n
    WHERE p.id = n.id
"""


def number_posts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NUMBER_POSTS_SQL)
        return
    Post = apps.get_model("posts", "Post")
    numbered, thread_id, position = [], None, 0
    for post in Post.objects.order_by("thread_id", "created_at", "id").only("id", "thread_id"):
        position = position + 1 if post.thread_id == thread_id else 1
        thread_id = post.thread_id
        post.number = position
        numbered.append(post)
    Post.objects.bulk_update(numbered, ["number"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0005_post_search_text_fts"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="number",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.RunPython(number_posts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="post",
            name="number",
            field=models.PositiveIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.UniqueConstraint(
                fields=("thread", "number"), name="one_number_per_post"
            ),
        ),
    ]

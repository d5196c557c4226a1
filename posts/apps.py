from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _ensure_sqlite_search_index(sender, using="default", **kwargs):
    """On SQLite, the FTS5 table and the triggers that feed it, after every migrate.

    Django alters a SQLite table by building a new one and renaming it, which drops the
    table's triggers: a later migration touching posts_post would silently stop search
    from seeing new posts. Whatever was lost is put back and the index rebuilt.
    """
    from django.db import connections

    from posts.migrations import _fts

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if "posts_post" not in tables:
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        if "posts_post_fts" in tables and triggers >= _fts.TRIGGERS:
            return
        for statement in _fts.CREATE:
            cursor.execute(statement)


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Threads and posts")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from config.public_ids import ThreadIdConverter

        # <thread:thread_id>: views get the id, members see an opaque one (issue 16).
        register_converter(ThreadIdConverter, "thread")

        post_migrate.connect(_ensure_sqlite_search_index, sender=self, dispatch_uid="posts_fts")

        from config import hooks
        from posts.refusals import on_write_refused

        # A suspended account's post is refused before any view runs: crisis help first.
        hooks.write_refused.connect(on_write_refused, dispatch_uid="posts.refusals")

        from posts import selectors, views

        # The groups app's pages and cards show what posts knows about a group.
        hooks.page_context.connect(views.group_page_context, dispatch_uid="posts.views")
        hooks.group_card_annotations.connect(
            selectors.group_card_annotations, dispatch_uid="posts.selectors"
        )
        from posts import post_cache

        # A renamed persona's posts show its new name: their cached blocks go.
        hooks.persona_renamed.connect(post_cache.on_persona_renamed, dispatch_uid="posts.cache")

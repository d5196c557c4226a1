from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs):
    # SQLite has no full-text configuration for Arabic: the search fallback folds both
    # sides with the same Python normaliser PostgreSQL's vectors are built from.
    if connection.vendor != "sqlite":
        return
    from posts.text import normalize_search_text

    connection.connection.create_function(
        "sanad_normalize",
        1,
        lambda text: normalize_search_text(text) if text is not None else None,
        deterministic=True,
    )


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Threads and posts")

    def ready(self):
        from django.db.backends.signals import connection_created

        connection_created.connect(_register_sqlite_functions, dispatch_uid="sanad_sqlite_fns")

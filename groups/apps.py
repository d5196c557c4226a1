from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _refresh_review_queue_flag(sender, user, **kwargs) -> None:
    from groups.selectors import works_review_queue_refresh

    works_review_queue_refresh(user)


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Support groups")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # Signing in works out whether the header offers the review queue, so that no
        # page pays a query for it: they only read the cache (groups.selectors). A
        # cache warm-up, not a rule: the rules stay in groups.services.
        user_logged_in.connect(_refresh_review_queue_flag, dispatch_uid="groups.review_queue")

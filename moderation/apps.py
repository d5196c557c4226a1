from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation and safety")

    def ready(self):
        from config import hooks
        from moderation import screening, tasks  # noqa: F401 (queued by name)
        from moderation.attempts import on_posting_refused

        # Help before limits: a refused post is screened for crisis language first.
        hooks.posting_refused.connect(on_posting_refused, dispatch_uid="moderation.attempts")
        # Every post and edit is screened inside its own transaction: a hold or a
        # refusal happens before anyone else can see it.
        hooks.post_created.connect(screening.on_post_created, dispatch_uid="moderation.screening")
        hooks.post_edited.connect(screening.on_post_edited, dispatch_uid="moderation.screening")
        hooks.post_sent.connect(screening.on_post_sent, dispatch_uid="moderation.screening")

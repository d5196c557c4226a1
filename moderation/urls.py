from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("moderation/", views.review_queue, name="queue"),
    path("moderation/audit/", views.audit_log, name="audit"),
    path("moderation/posts/<int:post_id>/reveal/", views.reveal_identity, name="reveal"),
    path("posts/<int:post_id>/report/", views.report_post, name="report"),
    path("help/", views.help_page, name="help"),
]

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("moderation/", views.review_queue, name="queue"),
    path("moderation/next/", views.claim_next, name="next"),
    path("moderation/duty/", views.duty, name="duty"),
    path("moderation/items/<int:item_id>/", views.item_detail, name="item"),
    path("moderation/items/<int:item_id>/claim/", views.item_claim, name="claim"),
    path("moderation/items/<int:item_id>/release/", views.item_release, name="release"),
    path("moderation/items/<int:item_id>/<slug:action>/", views.item_act, name="act"),
    # Group moderators are members too: posts are their thread and number here as well.
    path(
        "moderation/threads/<thread:thread_id>/posts/<int:number>/",
        views.post_moderate,
        name="post",
    ),
    path("moderation/posts/<int:post_id>/reveal/", views.reveal_identity, name="reveal"),
    path("moderation/health/", views.queue_health, name="health"),
    path("moderation/training/", views.training_list, name="training"),
    path("moderation/training/<slug:slug>/", views.training_module, name="training_module"),
    path("moderation/audit/", views.audit_log, name="audit"),
    path("threads/<thread:thread_id>/posts/<int:number>/report/", views.report_post, name="report"),
    path("threads/<thread:thread_id>/posts/<int:number>/appeal/", views.appeal_post, name="appeal"),
    path("help/", views.help_page, name="help"),
    path("help/country/", views.help_country, name="help_country"),
]

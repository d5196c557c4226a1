from django.urls import path

from posts import views

app_name = "posts"

urlpatterns = [
    path("threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("threads/<int:thread_id>/unread/", views.thread_unread, name="thread_unread"),
    path(
        "threads/<int:thread_id>/subscription/",
        views.thread_subscription,
        name="thread_subscription",
    ),
    path("threads/<int:thread_id>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("groups/<str:slug>/threads/new/", views.thread_create, name="thread_create"),
    path("groups/<str:slug>/waiting/", views.group_waiting, name="group_waiting"),
    path("posts/<int:post_id>/", views.post_link, name="post"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/revisions/", views.post_revisions, name="post_revisions"),
    path("posts/<int:post_id>/react/", views.post_react, name="post_react"),
    path("posts/<int:post_id>/bookmark/", views.post_bookmark, name="post_bookmark"),
    path("revisions/<int:revision_id>/redact/", views.revision_redact, name="revision_redact"),
    path("preview/", views.preview, name="preview"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("waiting/", views.waiting, name="waiting"),
    path("reading/", views.reader_preferences, name="preferences"),
    path("search/", views.search_view, name="search"),
]

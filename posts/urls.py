from django.urls import path

from posts import views

app_name = "posts"

urlpatterns = [
    path("threads/<thread:thread_id>/", views.thread_detail, name="thread"),
    # Addresses from before issue 16, for the ids given out until then (see settings).
    path("threads/<int:legacy_id>/", views.thread_legacy, name="thread_legacy"),
    path("posts/<int:legacy_id>/", views.post_legacy, name="post_legacy"),
    path("threads/<thread:thread_id>/unread/", views.thread_unread, name="thread_unread"),
    path(
        "threads/<thread:thread_id>/subscription/",
        views.thread_subscription,
        name="thread_subscription",
    ),
    path("threads/<thread:thread_id>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("groups/<str:slug>/threads/new/", views.thread_create, name="thread_create"),
    path("groups/<str:slug>/waiting/", views.group_waiting, name="group_waiting"),
    # A post is its thread and its number there, never the global id (issue 16).
    path("threads/<thread:thread_id>/posts/<int:number>/", views.post_link, name="post"),
    path("threads/<thread:thread_id>/posts/<int:number>/edit/", views.post_edit, name="post_edit"),
    path(
        "threads/<thread:thread_id>/posts/<int:number>/delete/",
        views.post_delete,
        name="post_delete",
    ),
    path(
        "threads/<thread:thread_id>/posts/<int:number>/revisions/",
        views.post_revisions,
        name="post_revisions",
    ),
    path(
        "threads/<thread:thread_id>/posts/<int:number>/react/", views.post_react, name="post_react"
    ),
    path(
        "threads/<thread:thread_id>/posts/<int:number>/bookmark/",
        views.post_bookmark,
        name="post_bookmark",
    ),
    path("revisions/<int:revision_id>/redact/", views.revision_redact, name="revision_redact"),
    path("preview/", views.preview, name="preview"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("waiting/", views.waiting, name="waiting"),
    path("reading/", views.reader_preferences, name="preferences"),
    path("search/", views.search_view, name="search"),
]

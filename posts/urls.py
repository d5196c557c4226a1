from django.urls import path

from posts import views

app_name = "posts"

urlpatterns = [
    path("threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("groups/<str:slug>/threads/new/", views.thread_create, name="thread_create"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
]

from django.urls import path

from posts import views

app_name = "posts"

urlpatterns = [
    path("threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("groups/<str:slug>/threads/new/", views.thread_create, name="thread_create"),
]

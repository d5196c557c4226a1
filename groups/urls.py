from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.home, name="home"),
    path("groups/", views.directory, name="directory"),
    path("groups/<str:slug>/", views.group_detail, name="detail"),
    path("groups/<str:slug>/join/", views.group_join, name="join"),
    path("groups/<str:slug>/persona/", views.group_persona, name="persona"),
]

from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.home, name="home"),
    path("groups/", views.directory, name="directory"),
    path("groups/<str:slug>/", views.group_detail, name="detail"),
    path("groups/<str:slug>/join/", views.group_join, name="join"),
    path("groups/<str:slug>/join/withdraw/", views.join_request_withdraw, name="withdraw"),
    path("groups/<str:slug>/leave/", views.group_leave, name="leave"),
    path("groups/<str:slug>/persona/", views.group_persona, name="persona"),
    path("groups/<str:slug>/manage/", views.group_manage, name="manage"),
    path("groups/<str:slug>/manage/members/", views.group_members, name="members"),
    path(
        "groups/<str:slug>/manage/requests/<int:request_id>/",
        views.join_request_decide,
        name="decide",
    ),
    path("groups/<str:slug>/manage/invites/new/", views.invite_create, name="invite_create"),
    path(
        "groups/<str:slug>/manage/invites/<int:invite_id>/revoke/",
        views.invite_revoke,
        name="invite_revoke",
    ),
    path("groups/<str:slug>/manage/settings/", views.group_settings, name="settings"),
    path("groups/<str:slug>/manage/questions/", views.entry_questions, name="questions"),
]

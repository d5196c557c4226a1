from django.urls import path

from delivery import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<notification:notification_id>/", views.notification_open, name="open"),
    path(
        "notifications/<notification:notification_id>/read/",
        views.notification_mark_read,
        name="mark_read",
    ),
    path("notifications/read/", views.notifications_mark_all_read, name="mark_all_read"),
    path("notifications/preferences/", views.notification_preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="unsubscribe",
    ),
]

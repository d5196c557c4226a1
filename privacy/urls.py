from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_page, name="index"),
    path("export/", views.export_request, name="export"),
    path("export/status/", views.export_status, name="export_status"),
    path("export/<int:export_id>/download/", views.export_download, name="export_download"),
    path("delete/", views.delete_account, name="delete"),
    path("leaving/", views.quick_exit_setting, name="quick_exit"),
    path("leave/", views.leave_quickly, name="leave"),
    path("browsing-safely/", views.browsing_safely, name="browsing_safely"),
]

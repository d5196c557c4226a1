from django.urls import path

from accounts import recovery_views as views

app_name = "recovery"

urlpatterns = [
    path("", views.recovery_codes, name="codes"),
    path("new/", views.recovery_codes_new, name="new"),
    path("download/", views.recovery_codes_download, name="download"),
    path("saved/", views.recovery_codes_saved, name="saved"),
    path("reset/", views.recovery_reset, name="reset"),
]

from django.urls import path

from accounts import views

# Mounted under /accounts/ ahead of allauth's own URLs, keeping allauth's names.
urlpatterns = [
    path("signup/", views.signup, name="account_signup"),
    path("login/", views.login, name="account_login"),
    path("2fa/authenticate/", views.mfa_authenticate, name="mfa_authenticate"),
    path("time-zone/", views.time_zone, name="account_time_zone"),
]

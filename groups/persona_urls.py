from django.urls import path

from groups import persona_views

app_name = "personas"

urlpatterns = [
    path("", persona_views.persona_list, name="list"),
    path("<int:persona_id>/rename/", persona_views.persona_rename, name="rename"),
    path("<int:persona_id>/default/", persona_views.persona_make_default, name="make_default"),
    path("<int:persona_id>/retire/", persona_views.persona_retire, name="retire"),
]

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a local Sanad (`make run`): on the top floor, since it writes
    through every app's services, and imported by none of them."""

    name = "demo"
    verbose_name = "Demo content"

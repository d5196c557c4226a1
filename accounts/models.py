from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Its username and email are private: no page ever shows them.

    What other members see is a Persona.
    """

    # Sanad asks for no names at all.
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.username


class Persona(models.Model):
    """A public pseudonym. Every account has at least one, generated at sign-up."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="personas")
    name = models.CharField(_("name"), max_length=40)
    # The comparison key: case-folded and normalised, so look-alike names collide.
    name_key = models.CharField(max_length=80, unique=True, editable=False)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default=True),
                name="one_default_persona_per_account",
            )
        ]

    def __str__(self) -> str:
        return self.name

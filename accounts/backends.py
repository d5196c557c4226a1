"""How a password sign-in is checked: allauth's backend, and nothing after it.

allauth's backend is Django's ModelBackend plus case-insensitive username lookups, and
it hashes the password once per attempt, against a stand-in when the username is
unknown, so a known and an unknown username cost the same. Django's ModelBackend (and
allauth's own class) stay listed after this one only so that sessions they signed in
keep working; asked as well, they would hash every failed attempt a second time.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from config import rows


class AuthenticationBackend(AllauthBackend):
    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is None and credentials.get("password"):
            # Django stops at PermissionDenied: no later backend hashes the password
            # again. (allauth still finds an inactive account it set aside, and says so.)
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        """The signed-in account, on every request: one row by primary key, written as
        SQL (config.rows) because composing the ORM's get() cost more than the query.
        Exactly ModelBackend.get_user otherwise (inactive accounts are not signed in)."""
        model = get_user_model()
        try:
            user_id = model._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding something that is not an id
            return None
        sql = (
            f"SELECT {rows.columns(model, 'u')} FROM "  # noqa: S608 (names from the model)
            f"{connection.ops.quote_name(model._meta.db_table)} u WHERE u.id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [user_id])
            row = cursor.fetchone()
        user = rows.instance(model, row) if row is not None else None
        return user if user is not None and self.user_can_authenticate(user) else None

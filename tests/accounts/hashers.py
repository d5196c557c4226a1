"""A password hasher that counts its work, for the tests that check sign-in, sign-up
and password resets do the same work whether an account exists."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    # Every hash computed (making a password, checking one, the stand-in allauth hashes
    # for an unknown username) goes through encode().
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)

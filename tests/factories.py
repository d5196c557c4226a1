import factory

from accounts.models import User
from accounts.services import account_set_up
from groups.models import Membership, SupportGroup
from posts.models import Post, Thread
from posts.rendering import render_markdown


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"private-login-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def persona(user, create, extracted, **kwargs):
        if create:
            account_set_up(user=user, language="en")


class SupportGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportGroup

    name = factory.Sequence(lambda n: f"Evening circle {n}")
    slug = factory.Sequence(lambda n: f"evening-circle-{n}")
    summary = "A quiet place to talk about the hard evenings."
    rules = "Be kind. What is shared here stays here."
    language = SupportGroup.Language.ENGLISH
    access = SupportGroup.Access.OPEN
    listing = SupportGroup.Listing.LISTED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(SupportGroupFactory)
    user = factory.SubFactory(UserFactory)
    persona = factory.LazyAttribute(lambda m: m.user.personas.get(is_default=True))


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    group = factory.SubFactory(SupportGroupFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Some days are heavier than others ({n})")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    persona = factory.LazyAttribute(lambda p: p.author.personas.get(is_default=True))
    body = "I hear you. Mornings are hard for me too."
    body_html = factory.LazyAttribute(lambda p: render_markdown(p.body))


def give_mfa(user: User) -> str:
    """Turn on an authenticator app for this account, as moderators and staff must.

    Returns the secret, so a test can compute the codes the app would show.
    """
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret

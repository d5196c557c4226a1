from datetime import timedelta

import factory
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from accounts.services import account_set_up
from config.markdown import render_markdown
from groups.models import Membership, SupportGroup
from posts.models import Post, Thread


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
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Evening circle {n}")
    slug = factory.Sequence(lambda n: f"evening-circle-{n}")
    summary = "A quiet place to talk about the hard evenings."
    rules = "Be kind. What is shared here stays here."
    language = SupportGroup.Language.ENGLISH
    access = SupportGroup.Access.OPEN
    listing = SupportGroup.Listing.LISTED

    @factory.post_generation
    def topics(group, create, extracted, **kwargs):
        if create and extracted:
            group.topics.set(extracted)

    @factory.post_generation
    def search_index(group, create, extracted, **kwargs):
        # What groups.services does after every save that changes what search reads.
        if create:
            from groups.search import index_groups

            index_groups([group])


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
    # The next number in its thread, as services give it.
    number = factory.LazyAttribute(
        lambda p: (p.thread.posts.aggregate(last=Max("number"))["last"] or 0) + 1
    )
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


# --- Groups: discovery, requests and invites (issue 4) -----------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.Topic"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_ar = factory.Sequence(lambda n: f"موضوع {n}")


class EntryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.EntryQuestion"

    group = factory.SubFactory(SupportGroupFactory, access=SupportGroup.Access.REQUEST)
    kind = "short"
    prompt = factory.Sequence(lambda n: f"What brings you here? ({n})")
    position = factory.Sequence(lambda n: n)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.JoinRequest"

    group = factory.SubFactory(SupportGroupFactory, access=SupportGroup.Access.REQUEST)
    user = factory.SubFactory(UserFactory)
    persona = factory.LazyAttribute(lambda r: r.user.personas.get(is_default=True))
    answers = factory.LazyFunction(
        lambda: [{"question": "What brings you here?", "kind": "short", "answer": "Loss."}]
    )


class InviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.Invite"

    group = factory.SubFactory(SupportGroupFactory, access=SupportGroup.Access.INVITE)
    token = factory.Sequence(lambda n: f"invite-token-{n:06d}-abcdefghijklmnop")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    max_uses = 5


# --- Notifications (issue 7) ----------------------------------------------------------------


def give_verified_email(user: User, email: str | None = None) -> str:
    """A verified primary address: the only kind notifications are ever emailed to."""
    from allauth.account.models import EmailAddress

    address = email or user.email or f"{user.username}@example.org"
    EmailAddress.objects.update_or_create(
        user=user, email=address, defaults={"verified": True, "primary": True}
    )
    return address


def want_emails(user: User, *kinds: str, **preferences) -> None:
    """Turn on emails of these kinds for the member, with any other preference given."""
    from notifications.models import KindPreference, NotificationPreference

    NotificationPreference.objects.update_or_create(
        user=user, defaults={"language": "en", **preferences}
    )
    for kind in kinds:
        KindPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": True})


# --- Moderation (issue 6) -------------------------------------------------------------------


def give_training(user: User, *, crisis: bool = True, days_left: int = 365) -> None:
    """Current passes of every active module a moderator needs (the crisis module too,
    unless crisis=False)."""
    from moderation.models import TrainingCompletion, TrainingModule

    now = timezone.now()
    modules = TrainingModule.objects.filter(is_active=True)
    if not crisis:
        modules = modules.exclude(requirement=TrainingModule.Requirement.CRISIS)
    for module in modules:
        TrainingCompletion.objects.create(
            user=user,
            module=module,
            score=100,
            passed=True,
            completed_at=now - timedelta(days=1),
            expires_at=now + timedelta(days=days_left),
        )


def trained_moderator(group: SupportGroup, *, crisis: bool = True, **kwargs) -> User:
    """A moderator of the group with two-factor and current training: ready to act."""
    kwargs.setdefault("role", Membership.Role.MODERATOR)
    user = MembershipFactory(group=group, **kwargs).user
    give_mfa(user)
    give_training(user, crisis=crisis)
    return user

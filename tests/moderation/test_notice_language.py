"""Moderators' notices reach a member in the language they chose for notifications,
and in the group's language when they never chose one."""

import pytest
from django.utils import translation

from delivery.services import preferences_get_or_create
from moderation import services
from notifications.models import Notification
from posts import services as posts
from posts.models import Post
from tests.factories import (
    MembershipFactory,
    PostFactory,
    SupportGroupFactory,
    ThreadFactory,
    UserFactory,
    give_mfa,
    give_training,
    trained_moderator,
)

pytestmark = pytest.mark.django_db


def _reported_item(group, author):
    post = PostFactory(thread=ThreadFactory(group=group), author=author, body="Just get over it.")
    reporter = MembershipFactory(group=group).user
    return services.report_create(reporter=reporter, post=post, reason="harassment").item


def _notice(user, kind=Notification.Kind.SANCTION) -> str:
    return Notification.objects.get(recipient=user, kind=kind).message


def test_a_member_who_chose_arabic_reads_a_warning_in_arabic_in_an_english_group(
    open_group, moderator, author
):
    preferences_get_or_create(user=author, language="ar")
    item = _reported_item(open_group, author)

    services.member_mute(moderator=moderator, item_id=item.pk, duration="24h", reason="تهدئة")

    message = _notice(author)
    assert message.startswith("أنت مكتوم في هذه المجموعة حتى")
    assert "السبب: \u2068تهدئة\u2069" in message
    assert "muted" not in message


def test_a_member_without_a_choice_reads_it_in_the_groups_language(open_group, moderator, author):
    item = _reported_item(open_group, author)

    services.member_mute(
        moderator=moderator, item_id=item.pk, duration="24h", reason="Cooling off."
    )

    assert _notice(author).startswith("You are muted in this group until")


def test_a_member_who_chose_english_reads_a_ban_in_english_in_an_arabic_group():
    group = SupportGroupFactory(name="مساحة الأمل", language="ar")
    moderator = trained_moderator(group)
    author = MembershipFactory(group=group).user
    preferences_get_or_create(user=author, language="en")
    item = _reported_item(group, author)

    services.member_ban(moderator=moderator, item_id=item.pk, reason="Repeated harassment.")

    assert _notice(author) == (
        "You have been removed from the group “\u2068مساحة الأمل\u2069”. "
        "Reason: \u2068Repeated harassment.\u2069"
    )


def test_the_arabic_group_speaks_arabic_to_a_member_without_a_choice():
    group = SupportGroupFactory(name="مساحة الأمل", language="ar")
    moderator = trained_moderator(group)
    author = MembershipFactory(group=group).user
    item = _reported_item(group, author)

    services.member_ban(moderator=moderator, item_id=item.pk, reason="تكرار الإساءة")

    assert (
        _notice(author)
        == "أُزلت من مجموعة «\u2068مساحة الأمل\u2069». السبب: \u2068تكرار الإساءة\u2069"
    )


def test_a_removal_is_told_in_the_members_language_and_kept_in_the_groups(
    open_group, moderator, author
):
    preferences_get_or_create(user=author, language="ar")
    item = _reported_item(open_group, author)

    services.item_remove(
        moderator=moderator, item_id=item.pk, reason="harassment", note="Please be kind."
    )

    assert _notice(author, Notification.Kind.POST_REMOVED) == "تحرش أو هجوم شخصي. Please be kind."
    # What the post keeps is for the moderators who may review an appeal, in the group's
    # language.
    post = Post.objects.get(pk=item.post_id)
    assert post.removal_reason == "Harassment or personal attacks. Please be kind."


def test_a_held_post_is_explained_in_the_members_language(open_group, author, thread):
    preferences_get_or_create(user=author, language="ar")

    posts.post_create(author=author, thread=thread, body="Call me on +44 7700 900123")

    message = _notice(author, Notification.Kind.POST_HELD)
    assert "Your post" not in message
    assert "مشرف" in message


def test_a_suspension_is_worded_for_the_member_not_in_the_staff_members_language(
    open_group, author
):
    staff = UserFactory(is_staff=True)
    give_mfa(staff)
    give_training(staff)
    item = _reported_item(open_group, author)

    # Staff working in Arabic suspend a member of an English group who never chose.
    with translation.override("ar"):
        services.account_suspend(staff=staff, item_id=item.pk, reason="Threats.")

    assert _notice(author) == "Your account has been suspended. Reason: \u2068Threats.\u2069"


def test_an_appeal_decision_reaches_the_author_in_their_language(open_group, moderator, author):
    preferences_get_or_create(user=author, language="ar")
    item = _reported_item(open_group, author)
    services.item_remove(moderator=moderator, item_id=item.pk, reason="harassment")
    post = Post.objects.get(pk=item.post_id)
    appeal = services.appeal_create(author=author, post=post, note="I was only joking.")
    reviewer = trained_moderator(open_group)

    services.appeal_decide(moderator=reviewer, item_id=appeal.item_id, grant=False, note="Sorry.")

    assert _notice(author, Notification.Kind.APPEAL_DECIDED) == (
        "راجع مشرف آخر اعتراضك، ويبقى الحذف قائماً. ملاحظة: Sorry."
    )

"""`python manage.py seed_demo` (run by `make run`): the demo it writes from demo/data/
and the logins it prints, and a second run that creates nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Persona, User
from groups.models import EntryQuestion, Invite, Membership, SupportGroup
from moderation.models import Report
from posts.models import Post, Thread

LOGINS = ("admin", "moderator", "mona", "karim", "layla", "sara", "sam", "omar")


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _holdings() -> dict:
    return {
        "users": User.objects.count(),
        "personas": Persona.objects.count(),
        "groups": SupportGroup.objects.count(),
        "memberships": Membership.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "reports": Report.objects.count(),
        "entry questions": EntryQuestion.objects.count(),
        "invites": Invite.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_is_written_once_and_its_logins_printed(settings):
    settings.DEBUG = True

    first = _seed()
    holdings = _holdings()
    second = _seed()

    # The figures the demo held when its content lived in Python, before demo/data/.
    assert holdings == {
        "users": 8,
        "personas": 8,
        "groups": 6,
        "memberships": 25,
        "threads": 15,
        "posts": 40,
        "reports": 1,
        "entry questions": 3,
        "invites": 1,
    }
    assert "created: 8 accounts, 6 groups, 25 memberships, 15 threads, 25 replies, 1 reports" in (
        first
    )
    for username in LOGINS:
        assert f"  {username}" in first
    assert "/groups/family-carers-ar/join/?invite=demo-invite-family-carers" in first
    assert _holdings() == holdings
    assert "created: 0 accounts, 0 groups, 0 memberships, 0 threads, 0 replies, 0 reports" in (
        second
    )


@pytest.mark.django_db
def test_the_demo_text_reads_as_paragraphs_and_lists(settings):
    settings.DEBUG = True
    _seed()

    group = SupportGroup.objects.get(slug="living-with-depression-ar")
    # Wrapped lines in the data files are joined; a blank line keeps its paragraph break.
    assert group.description.count("\n\n") == 1
    assert "\n" not in group.description.replace("\n\n", "")
    assert group.rules.startswith("- نستمع قبل أن ننصح")
    assert group.rules.count("\n- ") == 4
    options = EntryQuestion.objects.get(kind=EntryQuestion.Kind.CHOICE).options
    assert options.splitlines() == ["نعم", "لا", "أفضّل ألا أجيب"]
    report = Report.objects.get()
    assert report.reporter.username == "sara"
    assert report.item.post.author.username == "omar"


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="published password"):
        _seed()
    assert not User.objects.exists()

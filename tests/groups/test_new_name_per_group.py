"""A new name per group by default: joining (open, by request, by invite) offers a freshly
generated persona for this group, chosen unless the member picks a name they already
hold, with a plain warning about what using one name in two groups means. Nothing is
stored until the member joins; a race for the same name is a message, never an error."""

import re
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from accounts.models import Persona
from accounts.names import persona_name_key
from accounts.services import persona_create
from groups import services
from groups.models import JoinRequest, Membership
from tests.factories import MembershipFactory, SupportGroupFactory, UserFactory
from tests.groups.conftest import answers_for

pytestmark = pytest.mark.django_db

ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")


def _join_url(group):
    return reverse("groups:join", args=[group.slug])


def _suggested(page: str) -> str:
    """The name the page offers, as its hidden field carries it."""
    found = re.search(r'name="new_name" value="([^"]*)"', page)
    assert found, "the page offers no new name"
    return found.group(1)


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def test_the_join_page_offers_a_new_name_first_and_chosen(client, signed_in, open_group):
    page = client.get(_join_url(open_group)).content.decode()

    name = _suggested(page)
    assert re.search(
        r'<input type="radio" name="persona" value="new" id="persona-new" checked>', page
    )
    assert "A new name, only for this group:" in page
    assert name in page
    # The member's own persona is the alternative, with the plain warning.
    assert signed_in.personas.get().name in page
    assert "Or use a name you already have:" in page
    assert "lets anyone who is in both groups see that it is you in both" in page
    # The old promise, untrue when one name is used in two groups, is gone.
    assert "Other groups never learn this name" not in page


def test_looking_at_the_join_page_stores_nothing(client, signed_in, open_group):
    before = Persona.objects.count()

    page = client.get(_join_url(open_group)).content.decode()

    assert Persona.objects.count() == before
    assert not Persona.objects.filter(name_key=persona_name_key(_suggested(page))).exists()


def test_the_new_name_is_in_the_members_language(client, signed_in, open_group):
    client.cookies["django_language"] = "ar"

    page = client.get(_join_url(open_group)).content.decode()

    assert ARABIC_LETTERS.search(_suggested(page))
    assert "اسم جديد لهذه المجموعة وحدها" in page


def test_joining_with_the_new_name_makes_a_persona_only_this_group_knows(
    client, signed_in, open_group
):
    other_group = SupportGroupFactory()
    MembershipFactory(user=signed_in, group=other_group)
    name = _suggested(client.get(_join_url(open_group)).content.decode())

    response = client.post(_join_url(open_group), {"persona": "new", "new_name": name})

    assert response.status_code == 302
    membership = Membership.objects.get(user=signed_in, group=open_group)
    assert membership.persona.name == name
    assert membership.persona.user == signed_in
    assert not membership.persona.is_default
    assert Membership.objects.get(user=signed_in, group=other_group).persona.name != name
    assert (
        f"You appear here as <bdi>{name}</bdi>."
        in client.get(open_group.get_absolute_url()).content.decode()
    )


def test_a_member_may_still_choose_a_name_they_already_hold(client, signed_in, open_group):
    existing = signed_in.personas.get()

    response = client.post(
        _join_url(open_group), {"persona": str(existing.pk), "new_name": "Unused Name 1"}
    )

    assert response.status_code == 302
    assert Membership.objects.get(user=signed_in, group=open_group).persona == existing
    assert signed_in.personas.count() == 1


def test_suggest_another_name_gives_a_fresh_one_and_joins_nothing(client, signed_in, open_group):
    first = _suggested(client.get(_join_url(open_group)).content.decode())

    response = client.post(
        _join_url(open_group), {"persona": "new", "new_name": first, "regenerate": "1"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert _suggested(page) != first
    assert 'value="new" id="persona-new" checked' in page
    assert not Membership.objects.filter(user=signed_in, group=open_group).exists()
    assert signed_in.personas.count() == 1


def test_suggest_another_name_keeps_the_answers_to_the_entry_questions(
    client, signed_in, request_group
):
    data = answers_for(request_group)
    data.update({"persona": "new", "new_name": "Kept For Now 2", "regenerate": "1"})

    response = client.post(_join_url(request_group), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "I lost my father in the spring." in page
    assert "Kept For Now 2" not in page
    assert not JoinRequest.objects.exists()


def test_asking_to_join_under_a_new_name_makes_it_on_sending_and_the_moderator_sees_it(
    client, signed_in, request_group, request_moderator
):
    name = _suggested(client.get(_join_url(request_group)).content.decode())

    response = client.post(
        _join_url(request_group), {"persona": "new", "new_name": name, **answers_for(request_group)}
    )

    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=signed_in)
    assert join_request.persona.name == name
    services.join_request_approve(actor=request_moderator, join_request=join_request)
    assert Membership.objects.get(user=signed_in, group=request_group).persona.name == name


def test_a_refused_request_makes_no_persona(client, signed_in, request_group):
    data = answers_for(request_group)
    data.pop(next(k for k in data if data[k] == "on"))  # the rules left unticked

    response = client.post(
        _join_url(request_group), {"persona": "new", "new_name": "Never Made 3", **data}
    )

    assert response.status_code == 400
    assert "Never Made 3" in response.content.decode()
    assert not Persona.objects.filter(name="Never Made 3").exists()


def test_an_invite_is_redeemed_under_a_new_name(client, signed_in, invite):
    page = client.get(invite.get_absolute_url()).content.decode()
    name = _suggested(page)

    response = client.post(invite.get_absolute_url(), {"persona": "new", "new_name": name})

    assert response.status_code == 302
    assert Membership.objects.get(user=signed_in, group=invite.group).persona.name == name
    invite.refresh_from_db()
    assert invite.use_count == 1


def test_a_banned_member_rejoining_leaves_no_new_persona(client, signed_in, open_group):
    MembershipFactory(user=signed_in, group=open_group, state=Membership.State.BANNED)

    response = client.post(_join_url(open_group), {"persona": "new", "new_name": "Way Back 4"})

    assert response.status_code == 400
    assert not Persona.objects.filter(name="Way Back 4").exists()


def test_a_name_someone_took_meanwhile_is_replaced_by_a_fresh_suggestion(
    client, signed_in, open_group
):
    name = _suggested(client.get(_join_url(open_group)).content.decode())
    persona_create(user=UserFactory(), name=name)

    response = client.post(_join_url(open_group), {"persona": "new", "new_name": name})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else took that name a moment ago. Here is another one." in page
    assert _suggested(page) != name
    assert not Membership.objects.filter(user=signed_in, group=open_group).exists()


def test_a_changed_new_name_is_checked_like_any_other(client, signed_in, open_group):
    response = client.post(_join_url(open_group), {"persona": "new", "new_name": "Site Admin"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "This name is reserved" in page
    assert _suggested(page) != "Site Admin"
    assert signed_in.personas.count() == 1


def test_a_double_click_joins_once_under_one_new_name(client, signed_in, open_group):
    data = {"persona": "new", "new_name": "Double Click 5"}

    first = client.post(_join_url(open_group), data)
    second = client.post(_join_url(open_group), data)

    assert first.status_code == second.status_code == 302
    assert Membership.objects.filter(user=signed_in, group=open_group).count() == 1
    assert signed_in.personas.filter(name="Double Click 5").count() == 1


def test_at_the_limit_no_new_name_is_offered_and_the_member_is_told_why(
    client, signed_in, open_group, settings
):
    settings.SANAD_MAX_PERSONAS = 1

    page = client.get(_join_url(open_group)).content.decode()
    forced = client.post(_join_url(open_group), {"persona": "new", "new_name": "One Too Many 6"})

    assert 'value="new"' not in page
    assert "the most one account can" in page
    assert re.search(rf'value="{signed_in.personas.get().pk}" id="persona-\d+" checked', page)
    assert forced.status_code == 400
    assert "Choose one of your own personas." in forced.content.decode()
    assert signed_in.personas.count() == 1


def test_the_group_persona_page_offers_a_new_name_beside_the_current_one(
    client, signed_in, open_group
):
    membership = MembershipFactory(user=signed_in, group=open_group)

    page = client.get(reverse("groups:persona", args=[open_group.slug])).content.decode()
    name = _suggested(page)
    response = client.post(
        reverse("groups:persona", args=[open_group.slug]), {"persona": "new", "new_name": name}
    )

    assert re.search(rf'value="{membership.persona_id}" id="persona-\d+" checked', page)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.persona.name == name


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_members_racing_for_one_new_name_get_one_persona_and_one_message():
    """The second insert waits on the unique name until the first commits, then meets
    it: the second member is asked to take another name, and no 500 follows."""
    group = SupportGroupFactory()
    first, second = UserFactory(), UserFactory()
    inserted = threading.Event()
    outcome = {}

    def join_first():
        try:
            with transaction.atomic():
                services.membership_join(user=first, group=group, new_persona_name="Same Name 7")
                inserted.set()
                time.sleep(0.5)  # the second join reaches the insert meanwhile
        finally:
            connection.close()

    def join_second():
        inserted.wait(5)
        try:
            services.membership_join(user=second, group=group, new_persona_name="Same Name 7")
        except ValidationError as error:
            outcome["code"] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=join_first), threading.Thread(target=join_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcome == {"code": "name_taken"}
    assert Persona.objects.get(name="Same Name 7").user == first
    assert Membership.objects.filter(group=group).count() == 1

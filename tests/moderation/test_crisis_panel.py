"""Help the author actually sees: after a post that brought up crisis resources the page
opens on the panel (not on the post, which left the panel above the screen), the panel
can be announced, focused and closed without JavaScript, and every number dials one
number."""

import re

import pytest
from django.urls import reverse

from moderation.models import CrisisResource
from posts.models import Post
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CRISIS = "I keep thinking I want to die."


@pytest.fixture
def long_thread(thread, open_group):
    """45 replies already: a new one lands on the second page (30 a page)."""
    other = MembershipFactory(group=open_group).user
    Post.objects.bulk_create(
        Post(
            thread=thread,
            number=n + 2,
            author=other,
            persona=other.personas.get(),
            body=f"Reply {n}",
            body_html=f"<p>Reply {n}</p>",
        )
        for n in range(45)
    )
    return thread


def test_a_crisis_reply_on_a_later_page_lands_on_the_panel(client, author, long_thread):
    client.force_login(author)

    response = client.post(long_thread.get_absolute_url(), {"body": CRISIS})

    assert response.status_code == 302
    # The page the reply is on, opened at the panel rather than at the post.
    assert response["Location"].endswith("?page=2#crisis-panel-heading")
    page = client.get(response["Location"]).content.decode()
    panel = page[page.index('id="crisis-panel"') :]
    assert 'role="region"' in page[page.index("crisis-panel-marker") : page.index("<h2")]
    assert 'aria-labelledby="crisis-panel-heading"' in page
    assert '<h2 id="crisis-panel-heading" tabindex="-1">' in panel
    assert 'href="#crisis-panel-closed"' in panel  # closing works without JavaScript
    anchor = re.search(r'href="#(p\d+)" data-crisis-return', panel).group(1)
    assert f'id="{anchor}"' in page


def test_an_ordinary_reply_still_lands_on_the_post(client, author, long_thread):
    client.force_login(author)

    response = client.post(long_thread.get_absolute_url(), {"body": "Thank you, all of you."})

    landing = client.get(response["Location"])["Location"]  # the post's permanent address
    assert re.search(r"\?page=2#p\d+$", landing)


def test_a_crisis_thread_opens_on_the_panel(client, author, open_group):
    client.force_login(author)

    response = client.post(
        reverse("posts:thread_create", args=[open_group.slug]),
        {"title": "Tonight", "body": CRISIS},
    )

    assert response["Location"].endswith("#crisis-panel-heading")
    assert 'id="crisis-panel"' in client.get(response["Location"]).content.decode()


def test_a_crisis_edit_opens_on_the_panel(client, author, thread, reply):
    own = reply(author, thread, body="Ordinary words.")
    client.force_login(author)

    response = client.post(own.url("posts:post_edit"), {"body": CRISIS})

    assert response["Location"].endswith("#crisis-panel-heading")


@pytest.fixture
def reply():
    from posts import services

    def _reply(author, thread, body):
        return services.post_create(author=author, thread=thread, body=body)

    return _reply


def test_the_panel_shows_once_and_then_is_gone(client, author, thread):
    client.force_login(author)
    landing = client.post(thread.get_absolute_url(), {"body": CRISIS})["Location"]

    first = client.get(landing).content.decode()
    second = client.get(landing).content.decode()

    assert first.count('id="crisis-panel"') == 1
    assert 'id="crisis-panel"' not in second


def test_the_panel_reads_in_arabic(client, author, thread):
    client.cookies["django_language"] = "ar"
    client.force_login(author)
    landing = client.post(thread.get_absolute_url(), {"body": "بدي موت، ما عاد فيني"})["Location"]

    page = client.get(landing).content.decode()

    assert "لست وحدك" in page
    assert "أغلق هذه الرسالة" in page
    assert "رقم الطوارئ 112" in page


# --- One number, one link --------------------------------------------------------------


def _tel_links(page: str) -> list[str]:
    return re.findall(r'href="tel:([^"]*)"', page)


def test_each_emergency_number_dials_one_number(client, author, thread):
    client.force_login(author)
    landing = client.post(thread.get_absolute_url(), {"body": CRISIS})["Location"]

    panel = client.get(landing).content.decode()
    help_page = client.get(reverse("moderation:help")).content.decode()

    for page in (panel, help_page):
        links = _tel_links(page)
        assert "112" in links and "911" in links
        assert "112911999" not in links
        assert all(re.fullmatch(r"\+?[0-9]{2,15}", link) for link in links), links


def test_the_panel_puts_the_members_country_first(client, author, thread):
    client.cookies["sanad_help_country"] = "GB"
    client.force_login(author)
    landing = client.post(thread.get_absolute_url(), {"body": CRISIS})["Location"]

    page = client.get(landing).content.decode()

    links = _tel_links(page)
    assert links[0] == "116123"  # Samaritans, then the UK's emergency number
    assert "999" in links


def test_a_number_written_as_several_is_refused_even_outside_admin():
    from django.db import IntegrityError, transaction

    with transaction.atomic(), pytest.raises(IntegrityError):
        CrisisResource.objects.create(name="Emergency", phone="112 / 911 / 999")

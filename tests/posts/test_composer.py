"""The composer: markdown with a preview, a content warning, the gentle personal-details
check, and everything bad input can throw at it answered clearly, text kept."""

import pytest
from django.urls import reverse

from posts.models import Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client, starter):
    client.force_login(starter)
    return starter


def _new_thread_url(group):
    return reverse("posts:thread_create", args=[group.slug])


def _start(client, group, **data):
    return client.post(
        _new_thread_url(group), {"title": "Mornings", "body": "Hard again today.", **data}
    )


def test_the_composer_shows_the_rules_the_warning_field_and_keeps_a_draft(
    client, writer, open_group
):
    page = client.get(_new_thread_url(open_group)).content.decode()

    assert "Group rules" in page
    assert "Be kind. What is shared here stays here." in page
    assert 'name="content_warning"' in page
    assert 'list="content-warning-suggestions"' in page
    assert f'data-draft-key="thread:{open_group.pk}"' in page
    assert "js/posts.js" in page


def test_a_thread_starts_with_a_content_warning(client, writer, open_group):
    response = _start(client, open_group, content_warning="  mentions self-harm ")

    assert response.status_code == 302
    assert Post.objects.get().content_warning == "mentions self-harm"


def test_a_reply_carries_a_content_warning(client, writer, open_group, start, member_of):
    thread = start(member_of(open_group), open_group)

    client.post(
        thread.get_absolute_url(), {"body": "It was my father.", "content_warning": "abuse"}
    )

    assert Post.objects.get(body="It was my father.").content_warning == "abuse"


def test_an_oversized_content_warning_is_refused_with_the_text_kept(client, writer, open_group):
    response = _start(client, open_group, content_warning="x" * 101)

    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 100 characters" in page
    assert "Hard again today." in page


def test_a_preview_shows_the_rendered_text_and_posts_nothing(client, writer, open_group):
    response = _start(client, open_group, body="**bold** and <script>x</script>", preview="1")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>x" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page  # kept in the textarea, escaped
    assert not Thread.objects.exists()


def test_the_preview_fragment_renders_safely_for_the_browser_script(client, writer):
    response = client.post(
        reverse("posts:preview"), {"body": "[x](https://example.org) <img src=x onerror=y>"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'rel="nofollow ugc noopener"' in html
    assert "<img" not in html


def test_the_preview_is_for_signed_in_members(client):
    response = client.post(reverse("posts:preview"), {"body": "hi"})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_oversized_preview_is_refused_politely(client, writer):
    response = client.post(reverse("posts:preview"), {"body": "x" * 20_001})

    assert response.status_code == 200
    assert "This text is too long to preview." in response.content.decode()


# The gentle check


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Text me on 0551 234 567 any time", "It looks like a phone number."),
        ("رقمي ٠٥٥١٢٣٤٥٦٧ إذا احتجت", "It looks like a phone number."),
        ("Write to sara.k@example.org", "It looks like an email address."),
        ("Find me @quiet_river_22", "It looks like a social media handle or profile link."),
        ("instagram.com/quietriver", "It looks like a social media handle or profile link."),
    ],
)
def test_it_warns_gently_about_contact_details_and_keeps_the_text(
    client, writer, open_group, body, kind
):
    response = _start(client, open_group, body=body)

    assert response.status_code == 400
    page = response.content.decode()
    assert "your text may include contact details" in page
    assert kind in page
    assert 'name="share_anyway"' in page
    assert not Thread.objects.exists()


def test_the_author_may_post_contact_details_anyway(client, writer, open_group):
    response = _start(client, open_group, body="Call me: 0551 234 567", share_anyway="on")

    assert response.status_code == 302
    assert Post.objects.get().body == "Call me: 0551 234 567"


def test_a_date_is_not_mistaken_for_a_phone_number(client, writer, open_group):
    assert _start(client, open_group, body="It started on 2024-01-15.").status_code == 302


# Bad input


@pytest.mark.parametrize(
    "field", ["title", "body", "content_warning"], ids=["title", "body", "warning"]
)
@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_invisible_characters_that_disguise_text_are_taken_out_and_explained(
    client, writer, open_group, field, character
):
    data = {"title": "Mornings", "body": "Hard again today.", "content_warning": "grief"}
    data[field] = f"gr{character}ief {data[field]}"

    response = client.post(_new_thread_url(open_group), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "We removed invisible characters that can disguise how text reads." in page
    assert character not in page
    assert f"grief {data[field].split(' ', 1)[1]}" in page
    assert not Thread.objects.exists()


def test_emoji_sequences_and_arabic_joiners_are_left_alone(client, writer, open_group):
    response = _start(client, open_group, body="عائلتي 👨‍👩‍👧 بعيدة\u200c")

    assert response.status_code == 302


@pytest.mark.parametrize(
    "body",
    [
        ">" * 5000 + " deep",
        "- " * 3000 + "list",
        "[" * 10_000,
        "*a" * 9_000,
        "<div><script>alert(1)</script></div>" * 100,
    ],
    ids=["quotes", "lists", "brackets", "emphasis", "html"],
)
def test_deep_or_enormous_markdown_is_posted_safely_or_refused_never_a_500(
    client, writer, open_group, body
):
    response = _start(client, open_group, body=body)

    assert response.status_code in (302, 400)
    for post in Post.objects.all():
        assert "<script" not in post.body_html
        assert "<div" not in post.body_html


def test_html_is_shown_as_text_not_run(client, writer, open_group, reader):
    client.force_login(writer)
    _start(client, open_group, title="<b>title</b>", body="<b onmouseover=alert(1)>hi</b>")
    thread = Thread.objects.get()
    client.force_login(reader)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "<b onmouseover" not in page
    assert "&lt;b&gt;title&lt;/b&gt;" in page


def test_a_flood_of_posts_is_stopped_with_a_translated_message(
    client, writer, open_group, start, member_of
):
    thread = start(member_of(open_group), open_group)
    client.cookies["django_language"] = "ar"
    for number in range(10):
        client.post(thread.get_absolute_url(), {"body": f"Reply {number}"})

    response = client.post(thread.get_absolute_url(), {"body": "One too many"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "One too many" in page
    assert "لم يضِع شيء مما كتبته." in page
    assert "أنت تكرر هذا كثيراً" in page


# --- The order a member meets on a phone --------------------------------------------------


def test_the_composer_asks_for_the_message_before_the_options(client, writer, open_group):
    page = client.get(_new_thread_url(open_group)).content.decode()

    order = [page.index(f'name="{name}"') for name in ("title", "body", "content_warning")]
    assert order == sorted(order)
    assert page.index('name="content_warning"') < page.index('name="anonymous"')


def test_the_reply_box_comes_right_after_the_posts_with_a_way_to_skip_there(
    client, writer, open_group
):
    from posts import services

    thread = services.thread_create(author=writer, group=open_group, title="T", body="x")

    page = client.get(thread.get_absolute_url()).content.decode()

    reply = page.index('id="reply-heading"')
    assert page.index('href="#reply-heading"') < page.index('id="posts"')
    assert page.index('name="body"') > reply
    # The notification choice for the thread waits below the reply box.
    assert page.index('name="level"') > page.index('name="body"')

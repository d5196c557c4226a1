import pytest
from django.urls import reverse

from posts.models import Post, Thread
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_in_group(client, member, open_group, join):
    join(member, open_group)
    client.force_login(member)
    return member


def _start_thread(client, group, title="Mornings are the hardest", body="Does anyone else?"):
    return client.post(
        reverse("posts:thread_create", args=[group.slug]), {"title": title, "body": body}
    )


def test_a_member_starts_a_thread(client, member_in_group, open_group, persona_of):
    response = _start_thread(client, open_group)

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    opening = thread.posts.get()
    assert opening.is_opening
    assert opening.persona == persona_of(member_in_group)


def test_a_thread_shows_its_authors_persona_and_never_the_username(
    client, member_in_group, open_group, other_member, join, persona_of
):
    _start_thread(client, open_group)
    thread = Thread.objects.get()
    join(other_member, open_group)
    client.force_login(other_member)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert persona_of(member_in_group).name in page
    assert member_in_group.username not in page
    assert member_in_group.email not in page


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "Some text", "This field is required."),
        ("A title", "", "This field is required."),
        ("x" * 151, "Some text", "at most 150 characters"),
        ("A title", "x" * 20_001, "at most 20000 characters"),
    ],
)
def test_a_rejected_thread_comes_back_with_what_was_typed(
    client, member_in_group, open_group, title, body, message
):
    response = _start_thread(client, open_group, title=title, body=body[:100] + body[100:])

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if body:
        assert body[:50] in page
    assert not Thread.objects.exists()


def test_the_message_for_an_empty_title_is_translated(client, member_in_group, open_group):
    client.cookies["django_language"] = "ar"

    response = _start_thread(client, open_group, title="")

    assert response.status_code == 400
    assert "هذا الحقل مطلوب" in response.content.decode()


def test_a_non_member_cannot_post_to_a_group(client, member, open_group):
    client.force_login(member)

    response = _start_thread(client, open_group)

    assert response.status_code == 404
    assert not Thread.objects.exists()


def test_a_non_member_cannot_read_a_thread(client, member, open_group):
    thread = ThreadFactory(group=open_group)
    client.force_login(member)

    assert client.get(thread.get_absolute_url()).status_code == 404


def test_a_visitor_cannot_read_a_thread(client, open_group):
    thread = ThreadFactory(group=open_group)

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_thread_that_does_not_exist_is_404(client, member_in_group):
    assert client.get(reverse("posts:thread", args=[987654])).status_code == 404


def test_a_member_replies(client, member_in_group, open_group):
    thread = ThreadFactory(group=open_group)

    response = client.post(thread.get_absolute_url(), {"body": "You are not alone in this."})

    assert response.status_code == 302
    reply = Post.objects.get(thread=thread)
    assert reply.body_html == "<p>You are not alone in this.</p>\n"
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_an_empty_reply_is_refused_with_a_clear_message(client, member_in_group, open_group):
    thread = ThreadFactory(group=open_group)

    response = client.post(thread.get_absolute_url(), {"body": "   "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_locked_thread_takes_no_replies(client, member_in_group, open_group):
    thread = ThreadFactory(group=open_group, is_locked=True)

    response = client.post(thread.get_absolute_url(), {"body": "Still here."})

    assert response.status_code == 400
    assert not Post.objects.filter(thread=thread).exists()


def test_a_non_member_cannot_reply(client, member, open_group):
    thread = ThreadFactory(group=open_group)
    client.force_login(member)

    response = client.post(thread.get_absolute_url(), {"body": "Hello"})

    assert response.status_code == 404
    assert not Post.objects.filter(thread=thread).exists()


def test_posts_are_rendered_from_markdown_and_sanitised(client, member_in_group, open_group):
    thread = ThreadFactory(group=open_group)
    body = (
        "**hold on**\n\n<script>alert(1)</script>\n\n<b onclick=x>raw</b> "
        "[help](https://example.org) ![tracker](https://evil.example/pixel.png)"
    )

    client.post(thread.get_absolute_url(), {"body": body})

    html = Post.objects.get(thread=thread).body_html
    assert "<strong>hold on</strong>" in html
    assert "<script" not in html
    assert "<b " not in html
    assert "onclick" not in html.replace("&lt;b onclick=x&gt;", "")
    assert "<img" not in html
    assert 'href="https://example.org" rel="nofollow ugc noopener"' in html


def test_javascript_and_data_links_are_refused_and_the_text_kept(
    client, member_in_group, open_group
):
    thread = ThreadFactory(group=open_group)

    for link in ("javascript:alert(1)", "JaVa&#x53;cript:alert(1)", "data:text/html,hi"):
        body = f"Look [here]({link}) please"
        response = client.post(thread.get_absolute_url(), {"body": body})

        assert response.status_code == 400
        page = response.content.decode()
        assert "Links must start with http:// or https://." in page
        assert "Look [here](" in page
    assert not Post.objects.filter(thread=thread).exists()


def test_the_thread_page_runs_a_fixed_number_of_queries(
    client, member_in_group, open_group, django_assert_max_num_queries
):
    thread = ThreadFactory(group=open_group)
    for _ in range(25):
        PostFactory(thread=thread, author=MembershipFactory(group=open_group).user)

    with django_assert_max_num_queries(10):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200


def test_every_post_reads_in_its_own_direction(client, member_in_group, open_group):
    thread = ThreadFactory(group=open_group)
    PostFactory(thread=thread, author=member_in_group, body="أشعر بالوحدة أحياناً")

    page = client.get(thread.get_absolute_url()).content.decode()

    assert 'class="post-body prose" dir="auto"' in page

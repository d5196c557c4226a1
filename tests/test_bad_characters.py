"""Issue 12, item 10: a NUL byte or another control character in a path, a parameter
or a cookie answers 400 or 404, never 500, on every URL pattern."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import PostFactory, ThreadFactory

_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")
_SAMPLE = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}


def _routes() -> list[str]:
    """Every routed path, with a sample value in each converter."""
    routes = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = getattr(pattern.pattern, "_route", None)
            if route is None:  # a regular expression: the admin's catch-alls, static
                continue
            route = _CONVERTER.sub(lambda m: _SAMPLE.get(m.group(1) or "str", "x"), route)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):
                    continue
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                routes.append("/" + prefix + route)

    walk(get_resolver().url_patterns)
    return sorted(set(routes))


def _variants(route: str) -> list[str]:
    with_nul = re.sub(r"/x(/|$)", r"/%00\1", route)
    return [
        route.rstrip("/") + "/%00/",
        with_nul,
        route + "?q=%00&page=%00&next=%00&lang=%00&group=x%00",
        route + "?q=a%01b",
        route.replace("/1/", "/1%00/"),
    ]


@pytest.mark.django_db
def test_no_route_answers_500_to_a_nul_or_a_control_character(member, open_group, join):
    join(member, open_group)
    thread = ThreadFactory(group=open_group)
    PostFactory(thread=thread)
    member_client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    member_client.force_login(member)
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    failures = []
    routes = _routes()
    assert len(routes) > 40
    for route in routes:
        for url in _variants(route):
            for who, client in (("member", member_client), ("visitor", visitor)):
                for method in (client.get, client.post):
                    status = method(url).status_code
                    if status >= 500:
                        failures.append(f"{who} {method.__name__.upper()} {url}: {status}")
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/groups/%00/", "/search/?q=%00", "/notifications/?page=1%00", "/%00", "/a%1fb/"]
)
def test_a_nul_in_a_path_or_a_parameter_is_a_bad_request(client, member, url):
    client.force_login(member)

    assert client.get(url).status_code == 400


@pytest.mark.django_db
def test_a_cookie_with_a_nul_is_ignored_not_an_error(client):
    client.cookies["sessionid"] = "abc\x00def0123456789"
    client.cookies["django_language"] = "en\x00"

    response = client.get("/")

    assert response.status_code in {200, 302}

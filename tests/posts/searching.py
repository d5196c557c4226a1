"""Reading the search page in tests: the request and the parts a member sees."""

import re

from django.urls import reverse


def search_page(client, q, **params):
    return client.get(reverse("posts:search"), {"q": q, **params})


def results_html(response) -> str:
    match = re.search(r'<ol class="search-results">(.*?)</ol>', response.content.decode(), re.S)
    return match.group(1) if match else ""


def result_titles(response) -> list[str]:
    return re.findall(r'class="search-result-title" dir="auto">([^<]*)</a>', results_html(response))

"""PostgreSQL and SQLite search agree: the same corpus and the same queries give the
same posts on both (tests/posts/search_agreement.py): in the same order when newest
come first; when the best match comes first, the same posts (PostgreSQL ranks with
ts_rank and weighs titles, SQLite with bm25, so ties between equally good matches may
fall differently).

The PostgreSQL side runs here; the SQLite side runs the same corpus in a second pytest
process with DATABASE_URL unset (the embedded default, what `make run` uses), whose
answers come back through a file.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.posts import search_agreement

pytestmark = pytest.mark.django_db

ANSWERS_FILE = "SANAD_SEARCH_AGREEMENT_FILE"


def _sqlite_answers(tmp_path: Path) -> dict:
    out = tmp_path / "sqlite-answers.json"
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    environment[ANSWERS_FILE] = str(out)
    finished = subprocess.run(  # noqa: S603 (our own interpreter and test)
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            __file__, "-k", "sqlite_side",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    return json.loads(out.read_text())


@pytest.mark.needs_postgres
def test_postgresql_and_sqlite_find_the_same_posts(tmp_path):
    postgres = search_agreement.run()
    sqlite = _sqlite_answers(tmp_path)

    assert sqlite.keys() == postgres.keys()
    for key, answer in postgres.items():
        if key.endswith("|newest"):
            assert sqlite[key] == answer, key
        else:
            assert sorted(sqlite[key]) == sorted(answer), key
    # And the answers are the ones a member means, not merely the same nothing.
    assert set(postgres["قلقي|relevance"]) == {"worry"}
    assert set(postgres["مدرستي|relevance"]) == {"school", "my-school"}
    assert set(postgres["صديقاتي|relevance"]) == {"friends", "friend", "and-friend"}
    assert postgres['"panic attacks"|newest'] == ["panic"]
    assert postgres["panic -home|newest"] == ["panic"]


def test_the_sqlite_side_answers(settings):
    target = os.environ.get(ANSWERS_FILE)
    if not target:
        pytest.skip("run by test_postgresql_and_sqlite_find_the_same_posts")
    assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    Path(target).write_text(json.dumps(search_agreement.run(), ensure_ascii=False))


def test_the_sqlite_side_puts_back_triggers_a_table_rebuild_dropped(member, open_group, join):
    """Django alters a SQLite table by rebuilding it, which drops its triggers: the next
    migrate puts them back and reindexes what was written meanwhile."""
    if not os.environ.get(ANSWERS_FILE):
        pytest.skip("run by test_postgresql_and_sqlite_find_the_same_posts")
    from django.core.management import call_command
    from django.db import connection

    from posts import services
    from posts.search import search_posts

    join(member, open_group)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER posts_post_fts_insert")
        cursor.execute("DROP TRIGGER posts_post_fts_update")
    services.thread_create(author=member, group=open_group, title="Lost", body="insomnia")
    assert search_posts(user=member, query="insomnia") == ([], False)

    call_command("migrate", verbosity=0)

    services.thread_create(author=member, group=open_group, title="Kept", body="insomnia again")
    found = [r.post.thread.title for r in search_posts(user=member, query="insomnia")[0]]
    assert sorted(found) == ["Kept", "Lost"]

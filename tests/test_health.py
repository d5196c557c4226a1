import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_every_service_it_can_reach(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["channel_layer"] == "ok"
    assert ("broker" in body["checks"]) == bool(settings.REDIS_URL)


def test_health_answers_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: a real, refused connection.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.needs_redis
def test_health_answers_503_when_the_broker_is_down(client, settings):
    from config.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"

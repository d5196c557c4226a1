# Sanad's production image: one image for the page server (gunicorn, WSGI), the
# WebSocket server (uvicorn, ASGI), the Celery worker and beat processes.
#   docker build -t sanad .
# docker-compose.yml builds it and starts PostgreSQL, Redis and every process.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The processes run as an unprivileged user that cannot change the application's files.
RUN groupadd --system sanad \
    && useradd --system --gid sanad --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin sanad

WORKDIR /app

# Dependencies first, so that a change to the code alone reuses this layer.
# --require-hashes: every package must match the hash pinned in requirements.lock.
# Every locked package ships a binary wheel, so the slim image needs no compiler.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

# Only what the application needs, named one by one: a developer's .env, db.sqlite3,
# .venv or .git never reach the image.
COPY manage.py pyproject.toml ./
COPY config ./config
COPY audit ./audit
COPY notifications ./notifications
COPY accounts ./accounts
COPY groups ./groups
COPY posts ./posts
COPY delivery ./delivery
COPY moderation ./moderation
COPY privacy ./privacy
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# With DEBUG off, static files use the manifest storage, so collectstatic must run
# here. SECRET_KEY is a throwaway for the build only (settings refuse to start without
# one when DEBUG is off); the real key comes from the environment at run time.
RUN DEBUG=false \
    SECRET_KEY=build-only-placeholder-key-never-used-to-sign-anything-0123456789 \
    sh -c 'python manage.py compiletranslations && python manage.py crisis_train && python manage.py collectstatic --no-input'

USER sanad

EXPOSE 8000

# /healthz answers 200 when the database, cache, channel layer and broker are reachable.
# There is no curl in the slim image, so Python asks. The Host header must be one of
# ALLOWED_HOSTS (include "localhost"). X-Forwarded-Proto tells Django the request is
# already secure, so SECURE_SSL_REDIRECT does not answer with a redirect (Django reads
# it when BEHIND_TLS_PROXY is set; gunicorn and uvicorn trust it from 127.0.0.1).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost', 'X-Forwarded-Proto': 'https'}), timeout=8)"]

# The page server, as docker-compose's `web` runs it (its `ws` service runs uvicorn with
# config.asgi for /ws/ from the same image). No access log, and every other line passes
# config/logging.json's filter, which removes client addresses: Sanad never stores or
# logs them. X-Forwarded-* headers are trusted only from FORWARDED_ALLOW_IPS.
CMD ["sh", "-c", "exec gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 2 --log-config-json config/logging.json --forwarded-allow-ips \"${FORWARDED_ALLOW_IPS:-127.0.0.1}\""]

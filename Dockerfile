# Sanad's production image: one image for the web (ASGI), Celery worker and beat processes.
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
COPY accounts ./accounts
COPY groups ./groups
COPY posts ./posts
COPY moderation ./moderation
COPY notifications ./notifications
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# With DEBUG off, static files use the manifest storage, so collectstatic must run
# here. SECRET_KEY is a throwaway for the build only (settings refuse to start without
# one when DEBUG is off); the real key comes from the environment at run time.
RUN DEBUG=false \
    SECRET_KEY=build-only-placeholder-key-never-used-to-sign-anything-0123456789 \
    sh -c 'python manage.py compiletranslations && python manage.py collectstatic --no-input'

USER sanad

EXPOSE 8000

# /healthz answers 200 when the database, cache, channel layer and broker are reachable.
# There is no curl in the slim image, so Python asks. The Host header must be one of
# ALLOWED_HOSTS (include "localhost"). X-Forwarded-Proto tells Django the request is
# already secure, so SECURE_SSL_REDIRECT does not answer with a redirect: uvicorn
# (--proxy-headers) trusts that header from 127.0.0.1, where this check connects from.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost', 'X-Forwarded-Proto': 'https'}), timeout=8)"]

# No access log: Sanad never stores or logs client IP addresses.
CMD ["uvicorn", "config.asgi:application", "--host", "0.0.0.0", "--port", "8000", \
     "--workers", "2", "--no-access-log", "--proxy-headers"]

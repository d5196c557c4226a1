"""Sanad's one settings module.

Everything that differs between a newcomer's laptop and production comes from the
environment. With no variables at all Sanad runs embedded: SQLite, in-memory channel
layer, local-memory cache, eager Celery, email to the console. Setting DATABASE_URL and
REDIS_URL switches each piece to its production service.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from config.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

# The embedded default is a developer's laptop, so DEBUG is on unless told otherwise;
# production sets DEBUG=false, and then SECRET_KEY becomes mandatory below.
DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-sanad-local-development-only-never-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

INSTALLED_APPS = [
    # daphne first: it makes `runserver` speak ASGI, so WebSockets work in development.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "channels",
    "csp",
    "django_htmx",
    # Shared ground under the product apps: the audit log and notification records.
    "audit",
    "notifications",
    "accounts",
    "groups",
    "posts",
    "delivery",
    "moderation",
    # The top floor: a member's own data across every app.
    "privacy",
]
# The test bench (`python manage.py benchmark`) and the demo content (`seed_demo`, for
# `make run`) are top-level packages outside the product: installed when the checkout has
# them, absent from the production image, which never copies them.
for _outside_the_product in ("demo", "benchmarks"):
    if (BASE_DIR / _outside_the_product / "__init__.py").is_file():
        INSTALLED_APPS.append(_outside_the_product)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RefuseUnacceptableCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SuspendedAccountMiddleware",
    "accounts.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "groups.mfa.RequireMFAForModeration",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.NoIndexMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.sanad",
            ],
            # |minute: every time a page shows is rounded down to the minute (issue 16).
            "builtins": ["config.minutes"],
            "libraries": {"sanad_text": "config.templatetags.sanad_text"},
        },
    },
]

# --- Data stores -------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # Named explicitly so a live-server process forked from the test run (Channels'
    # ChannelsLiveServerTestCase) finds the same test database instead of deriving
    # "test_test_..." from the already-renamed one.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}"}
    # Under an ASGI server each request runs its database work in a thread of its own,
    # so CONN_MAX_AGE cannot keep a connection between requests: every page would open
    # (and PostgreSQL fork) a new one. A pool hands connections from request to request.
    if env.bool("DATABASE_POOL", default=False):
        if DATABASES["default"]["CONN_MAX_AGE"]:
            raise ImproperlyConfigured("DATABASE_POOL needs CONN_MAX_AGE=0.")
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, answering as an empty cache while Redis is down
            # (config/resilience.py): sessions then come from the database.
            "BACKEND": "config.resilience.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sanad",
            # One attempt per call: redis-py's default retries a refused connection
            # with a back-off of seconds, which every page would wait through.
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 2,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            # channels_redis, degrading instead of raising while Redis is down.
            "BACKEND": "config.resilience.ResilientRedisChannelLayer",
            "CONFIG": {
                # channels_redis waits for messages with a BRPOP of 5 seconds, and
                # redis-py's default read timeout is also 5 seconds: every idle socket
                # then hit "Timeout reading from redis", logged as an error as the
                # connection dropped. The read timeout must outlast the BRPOP.
                "hosts": [
                    {"address": REDIS_URL, "socket_timeout": 15, "socket_connect_timeout": 2}
                ],
                "prefix": "sanad:asgi",
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery ------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Without a broker (the embedded default) tasks run in-process, still after commit.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only once it has finished, so a worker that dies mid-task
# leaves it on the queue for another worker; tasks are written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="sanad")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Privacy: exported copies of a member's data and held persona names go away on time,
    # and a job whose task was lost in a broker outage is scheduled again.
    "privacy-purge-expired-exports": {
        "task": "accounts.tasks.purge_expired_data_exports",
        "schedule": 15 * 60,
    },
    "privacy-purge-retired-personas": {
        "task": "accounts.tasks.purge_retired_personas",
        "schedule": 24 * 60 * 60,
    },
    # A deleted account's kept posts become "Former member" persona by persona, each at
    # its own time within a day; a minute's sweep keeps those times apart.
    "privacy-detach-kept-posts": {
        "task": "accounts.tasks.detach_kept_posts",
        "schedule": 60,
    },
    "privacy-resume-stalled-jobs": {
        "task": "accounts.tasks.resume_stalled_privacy_jobs",
        "schedule": 10 * 60,
    },
    # Moderation: alerts a broker outage lost, overdue items, lapsed claims.
    "moderation-sweep-review-queue": {
        "task": "moderation.tasks.sweep_review_queue",
        "schedule": 60,
    },
    # Notifications: re-queue fan-outs and deliveries left pending (the broker was down
    # at commit, a worker died), batch support reactions, and send digests at each
    # member's local digest hour.
    "notifications-sweep": {
        "task": "notifications.tasks.sweep_notifications",
        "schedule": 60,
    },
    "notifications-reactions": {
        "task": "notifications.tasks.notify_reactions",
        "schedule": 5 * 60,
    },
    "notifications-digests": {
        "task": "notifications.tasks.send_due_digests",
        "schedule": 15 * 60,
    },
}

# --- Accounts ----------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
# A password is checked by one backend, once per attempt, for a known and an unknown
# username alike (accounts/backends.py). The two after it never see a password: they
# are listed so that sessions they signed in before stay signed in.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if DEBUG:
    # Demo data and local runs hash passwords quickly; production keeps the default.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A username and a password are all Sanad asks for: an email is optional and only
# ever used for recovery and opted-in notifications.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
# "strict": signing up with an address another account holds creates the account as
# with a new address (the address stays unverified on it), so the answer is the same
# page, status and work either way; the adapter then tells the address's owner instead
# of sending a confirmation link (accounts/emails.py). With True, allauth would say
# "A user is already registered with this email address."
ACCOUNT_PREVENT_ENUMERATION = "strict"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_SIGNUP_FORM_CLASS = None
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
# Security notices (password changed or reset, address added or removed, two-factor
# turned on or off) go to the member's address, in Sanad's own neutral wording.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# The reset email names no username, so the link signs the member in once the new
# password is set: a forgotten username is no dead end.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
# Moderators and staff read reported posts and can act on accounts: a password alone
# must not open that. Turned off only for a local demo.
SANAD_REQUIRE_MFA_FOR_MODERATION = env.bool("SANAD_REQUIRE_MFA_FOR_MODERATION", default=True)

# --- Internationalisation ----------------------------------------------------------------

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
# Django's Arabic locale has no date formats; Sanad's own are in config/formats.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email -------------------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sanad <no-reply@sanad.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the cache and written through to the database: one query
# less on every page. A deleted or deactivated account cannot ride a cached session,
# because authentication re-reads the account row on each request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Only Sanad's own origin: no CDN, no remote fonts, no analytics. A page that asked a
# third party for anything would tell that party who reads a support group.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: only for the QR code allauth draws when a moderator sets up two-factor.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging -----------------------------------------------------------------------------

# No log line carries a client address: every handler redacts IPv4 and IPv6 addresses
# (config/logs.py). The same file is uvicorn's --log-config in production, and Celery
# uses this configuration too (config/celery.py), so the servers' own lines are covered.
LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"))

# --- Sanad -------------------------------------------------------------------------------

SANAD_SITE_NAME = env.str("SANAD_SITE_NAME", default="Sanad")
# The address emails link to (scheme and host, no trailing slash needed).
SANAD_SITE_URL = env.str("SANAD_SITE_URL", default="http://127.0.0.1:8000")
# Where "Leave quickly" goes: an ordinary, unremarkable site.
SANAD_QUICK_EXIT_URL = env.str("SANAD_QUICK_EXIT_URL", default="https://www.bbc.com/weather")
SANAD_THREAD_TITLE_MAX_LENGTH = 150
SANAD_POST_BODY_MAX_LENGTH = 20_000
SANAD_REPORT_NOTE_MAX_LENGTH = 1_000

# Moderation (issue 6). Response targets per lane of the review queue, in minutes.
SANAD_QUEUE_TARGET_MINUTES = {
    "crisis": env.int("SANAD_QUEUE_TARGET_CRISIS_MINUTES", default=15),
    "high": env.int("SANAD_QUEUE_TARGET_HIGH_MINUTES", default=60),
    "normal": env.int("SANAD_QUEUE_TARGET_NORMAL_MINUTES", default=24 * 60),
}
# A claim nobody has touched for this long lapses, so an item is never stuck.
SANAD_CLAIM_IDLE_MINUTES = env.int("SANAD_CLAIM_IDLE_MINUTES", default=20)
# The queue page shows this many items per lane, oldest first; the rest are counted.
SANAD_QUEUE_LANE_SIZE = env.int("SANAD_QUEUE_LANE_SIZE", default=30)
SANAD_APPEAL_NOTE_MAX_LENGTH = 2_000
SANAD_MODERATION_NOTE_MAX_LENGTH = 2_000
# Out of hours: when no qualified moderator has been seen for this long, a post
# reported by this many different members is hidden until reviewed, and crisis items
# are emailed to staff.
SANAD_OUT_OF_HOURS_AFTER_MINUTES = env.int("SANAD_OUT_OF_HOURS_AFTER_MINUTES", default=30)
SANAD_OUT_OF_HOURS_HIDE_AFTER_REPORTS = env.int("SANAD_OUT_OF_HOURS_HIDE_AFTER_REPORTS", default=3)
# Wellbeing: after this many crisis items in a day the queue suggests a break.
SANAD_CRISIS_ITEMS_BEFORE_BREAK = env.int("SANAD_CRISIS_ITEMS_BEFORE_BREAK", default=5)

# Notifications (issue 7). A reply's watchers are told in batches of this many, each
# batch one transaction and one task.
SANAD_NOTIFICATION_FANOUT_BATCH = env.int("SANAD_NOTIFICATION_FANOUT_BATCH", default=1000)
# The sweeper re-queues work left pending this long (and no older than the window).
SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS = env.int(
    "SANAD_NOTIFICATION_SWEEP_AFTER_SECONDS", default=120
)
SANAD_NOTIFICATION_SWEEP_WINDOW_HOURS = env.int("SANAD_NOTIFICATION_SWEEP_WINDOW_HOURS", default=24)
# At most one "members sent support" notice per post in this many minutes.
SANAD_REACTION_NOTICE_INTERVAL_MINUTES = env.int(
    "SANAD_REACTION_NOTICE_INTERVAL_MINUTES", default=60
)
# Digests go at this hour of the member's own day; weekly ones on this weekday (0 is
# Monday).
SANAD_DIGEST_LOCAL_HOUR = env.int("SANAD_DIGEST_LOCAL_HOUR", default=8)
SANAD_DIGEST_WEEKDAY = env.int("SANAD_DIGEST_WEEKDAY", default=0)
SANAD_UNSUBSCRIBE_LINK_MAX_AGE_DAYS = env.int("SANAD_UNSUBSCRIBE_LINK_MAX_AGE_DAYS", default=90)
if not 0 <= SANAD_DIGEST_LOCAL_HOUR <= 23 or not 0 <= SANAD_DIGEST_WEEKDAY <= 6:
    raise ImproperlyConfigured(
        "SANAD_DIGEST_LOCAL_HOUR must be 0-23 and SANAD_DIGEST_WEEKDAY 0-6 (Monday is 0)."
    )
if SANAD_NOTIFICATION_FANOUT_BATCH < 1:
    raise ImproperlyConfigured("SANAD_NOTIFICATION_FANOUT_BATCH must be at least 1.")

# Identity and privacy
# Personas an account holds at once (retired ones do not count). Joining a group offers a
# new one for that group, so the allowance must cover a member's groups.
SANAD_MAX_PERSONAS = env.int("SANAD_MAX_PERSONAS", default=10)
if SANAD_MAX_PERSONAS < 1:
    raise ImproperlyConfigured("SANAD_MAX_PERSONAS must be at least 1.")
SANAD_PERSONA_NAME_MAX_LENGTH = 40
SANAD_PERSONA_RENAME_COOLDOWN_DAYS = env.int("SANAD_PERSONA_RENAME_COOLDOWN_DAYS", default=7)
# The names of a deleted account's personas, and of personas a member retired, stay taken
# this long (and for as long as a post or a group still shows them), so nobody can
# impersonate their former holder.
SANAD_PERSONA_HOLD_DAYS = env.int("SANAD_PERSONA_HOLD_DAYS", default=180)
SANAD_EXPORT_AVAILABLE_HOURS = 24
# Tell a member when staff reveal the account behind their post (an emergency reason
# may defer the notice).
SANAD_NOTIFY_ON_IDENTITY_REVEAL = env.bool("SANAD_NOTIFY_ON_IDENTITY_REVEAL", default=True)
SANAD_IDENTITY_REVEAL_DEFERRAL_HOURS = env.int("SANAD_IDENTITY_REVEAL_DEFERRAL_HOURS", default=72)
# Each post's block, shared by its readers, kept in the cache (posts.post_cache); off
# only to measure what it saves.
SANAD_POST_BLOCK_CACHE = env.bool("SANAD_POST_BLOCK_CACHE", default=True)
# Rate limits count per account (and, before sign-in, per keyed hash of the address,
# held in the cache only). Format: "count/seconds".
SANAD_RATE_LIMITS = {
    "post": env.str("SANAD_RATE_LIMIT_POST", default="10/300"),
    "thread": env.str("SANAD_RATE_LIMIT_THREAD", default="3/600"),
    "report": env.str("SANAD_RATE_LIMIT_REPORT", default="10/3600"),
    "persona": env.str("SANAD_RATE_LIMIT_PERSONA", default="5/3600"),
    # Support reactions: generous, but a script cannot flood a thread with them.
    "reaction": env.str("SANAD_RATE_LIMIT_REACTION", default="60/300"),
    "join_request": env.str("SANAD_RATE_LIMIT_JOIN_REQUEST", default="5/3600"),
    # Before sign-in, per keyed hash of the address: every sign-up form sent, and every
    # password reset with a recovery code.
    "signup": env.str("SANAD_RATE_LIMIT_SIGNUP", default="20/3600"),
    "recovery_address": env.str("SANAD_RATE_LIMIT_RECOVERY_ADDRESS", default="20/3600"),
    # Per username tried (known or not, counted alike): recovery codes guessed at one
    # account.
    "recovery_account": env.str("SANAD_RATE_LIMIT_RECOVERY", default="5/3600"),
}
# Recovery codes for members without an email address: how many in a set.
SANAD_RECOVERY_CODE_COUNT = 10
# How long fresh codes stay in the member's session to be read and downloaded; after
# that only their hashes remain, and a new set is the way to see codes again.
SANAD_RECOVERY_CODES_SHOWN_MINUTES = 15

# Public ids (config.public_ids, issue 16): thread and notification ids count up across
# every group, so members see a keyed permutation of them instead. Its key (SECRET_KEY
# when empty); changing it changes every address.
SANAD_PUBLIC_ID_KEY = env.str("SANAD_PUBLIC_ID_KEY", default="")
# Addresses from before that change (/threads/<id>/, /posts/<id>/) still lead members to
# the thread or post, but only up to these ids, the last ones given out before it: past
# them, answering would let a member of two groups count the ids up again.
SANAD_LEGACY_THREAD_IDS_UP_TO = env.int("SANAD_LEGACY_THREAD_IDS_UP_TO", default=0)
SANAD_LEGACY_POST_IDS_UP_TO = env.int("SANAD_LEGACY_POST_IDS_UP_TO", default=0)

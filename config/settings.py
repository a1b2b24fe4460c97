"""依法 (yifa) settings: one file, read from the environment.

Settings hold infrastructure only (database, secrets, security switches, limits).
Statutory periods are data in the database and holidays come from the calendar
table; neither belongs here.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("YIFA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL (sqlite:///path or postgres://user:pass@host:port/name) into Django's dict."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:////abs/path is absolute, sqlite:///rel/path is relative to the project.
        path = unquote(parts.path)[1:]
        name = path if path.startswith("/") or path in {"", ":memory:"} else str(BASE_DIR / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name or ":memory:",
            # IMMEDIATE serialises writers up front, so read-then-write sections
            # (audit chain head, number sequences) never interleave on SQLite.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", 0),  # 60 under gunicorn: see docs/deploy.md
            "CONN_HEALTH_CHECKS": True,  # a kept connection the server dropped is replaced, not failed on
        }
    raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


DEBUG = envbool("DEBUG", False)
# Set by the yifa.testenv pytest plugin; never in a deployment.
TESTING = envbool("YIFA_TESTING", False)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] + (["*"] if DEBUG else []))
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# The deployment's public name, e.g. "吴兴区法治政府建设公开平台".
SITE_NAME = os.environ.get("YIFA_SITE_NAME", "湖州市法治政府建设公开平台")
STAFF_SITE_NAME = os.environ.get("YIFA_STAFF_SITE_NAME", "依法 · 法治政府建设工作平台")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "yifa.core",
    "yifa.portal",
    "yifa.loadgen",
    "yifa.indicators",
    "yifa.oversight",
    "yifa.training",
    "yifa.enforcement",
    "yifa.mediation",
    "yifa.petitions",
    "yifa.disclosure",
    "yifa.legal_review",
    "yifa.decisions",
    "yifa.normative_docs",
    # Keep last: its demo drafts the yearly reports from every other module's demo data.
    "yifa.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "yifa.core.middleware.AuthenticationMiddleware",  # Django's, the user read with the session (core/backends.py)
    "yifa.core.middleware.ActiveUnitMiddleware",
    "yifa.core.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yifa.core.context_processors.site",
                "yifa.core.context_processors.portal",
            ],
        },
    }
]

DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'yifa.sqlite3'}")
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, for the test database: threads in concurrency tests then
    # get their own connections, as they would in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    if TESTING:
        # A throw-away test database needs no durability; fsync per transaction is most of its cost.
        DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# ModelBackend that reads the signed-in user's memberships in the same query (yifa/core/backends.py).
AUTHENTICATION_BACKENDS = ["yifa.core.backends.MembershipBackend"]

# Account security (GB/T 22239-2019 三级, 应用身份鉴别): see docs/security.md.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "yifa.core.security.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "yifa.core.security.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "yifa.core.security.NotUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    # Production-strength hashing costs ~0.3 s per password and would dominate the suite.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "login"
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = envint("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Idle sessions end after 30 minutes: yifa.core.middleware renews a signed-in session's expiry when a request
# comes more than a minute after the last renewal (not a write on every page view).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
# Database sessions whose row is read with its user and their 任职 in one query (yifa/core/backends.py).
SESSION_ENGINE = "yifa.core.backends"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# HTTPS hardening is on whenever DEBUG is off (so `check --deploy` is clean);
# a deployment behind a TLS-terminating proxy keeps the defaults and sets BEHIND_TLS_PROXY=1.
# YIFA_HTTPS=0 is for a local demo over plain http (make run).
HTTPS = envbool("YIFA_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if envbool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATE_FORMAT = "Y-m-d"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Attachments (全过程记录, 证据, 协议书扫描件): size cap and accepted types.
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 50 * 1024 * 1024)
ATTACHMENT_EXTENSIONS = envlist(
    "ATTACHMENT_EXTENSIONS",
    ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt", "mp3", "wav", "mp4"],
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

try:
    from config.local_settings import *  # noqa: F401,F403
except ImportError:
    pass

"""Every setting of the OCOP service, read from the environment. Secrets come only from there.

`OCOP_CONFIG` (development | test | production, default development) picks the class that
`create_app()` loads when it is given none.

| setting | environment variable | default | meaning |
|---|---|---|---|
| SECRET_KEY | SECRET_KEY | a fixed development key (none in production) | signs the session cookie |
| SQLALCHEMY_DATABASE_URI | DATABASE_URL | sqlite:///<repo>/instance/ocop.sqlite (none in production) | the database, e.g. postgresql+psycopg://user@host/ocop |
| SQLALCHEMY_ENGINE_OPTIONS | - | pool_pre_ping on | connections are checked before use |
| OCOP_MAX_RETURNS | OCOP_MAX_RETURNS | 5 | how often a step may send a dossier back before the case is rejected (`max_returns`) |
| OCOP_MAX_DEFERRALS | OCOP_MAX_DEFERRALS | 2 | how often a council's chair may defer a product to the next session awaiting test results before the case is rejected (`max_deferrals`) |
| OCOP_REVIEW_SLA | OCOP_REVIEW_SLA | P15D | ISO-8601 duration a reviewer has before the task is escalated (`review_sla`) |
| OCOP_COUNCIL_QUORUM | OCOP_COUNCIL_QUORUM | 0.75 | share of a council's scoring members (the chair among them) whose sheets the result needs (provincial practice, e.g. Tây Ninh) |
| OCOP_COUNCIL_MAX_SPREAD | OCOP_COUNCIL_MAX_SPREAD | 10 | points by which members' totals may differ; beyond, the out-of-line members score again before the chair decides |
| OCOP_COUNCIL_MIN_MEMBERS | OCOP_COUNCIL_MIN_MEMBERS | 3 | fewest scoring members a council may convene with (a smaller council is an incident, never a result) |
| OCOP_ATTACHMENT_FOLDER | OCOP_ATTACHMENT_FOLDER | <repo>/instance/attachments | where dossier files are stored |
| OCOP_MAX_ATTACHMENT_BYTES | OCOP_MAX_ATTACHMENT_BYTES | 26214400 (25 MiB) | largest accepted attachment |
| OCOP_MAX_PHOTO_BYTES | OCOP_MAX_PHOTO_BYTES | 2097152 (2 MiB) | largest accepted product photo for the public catalogue (JPEG, PNG or WebP) |
| MAX_CONTENT_LENGTH | - | OCOP_MAX_ATTACHMENT_BYTES + 1 MiB | largest request body (multipart overhead included); larger answers 413 |
| OCOP_DEMO_MODE | OCOP_DEMO_MODE (1/true/yes) | off; on in development and test; always off in production | demo accounts may sign in and `flask ocop seed-demo` may run |
| OCOP_PASSWORD_HASH | - | scrypt:16384:8:1; cheap pbkdf2 in tests | werkzeug password hashing method for new and changed passwords: scrypt with N=2^14, r=8, p=1 (16 MiB), 40 ms per hash on the 2-core reference machine (werkzeug's default N=2^15 takes 100 ms); older hashes keep verifying and are rehashed at the next sign-in |
| OCOP_SIGN_IN_LIMITS_PER_ACCOUNT | OCOP_SIGN_IN_LIMITS_PER_ACCOUNT | 5 per minute; 20 per hour (10000 per minute in tests) | sign-in attempts per submitted username (lower-cased, known or not), API and page together; more answer 429 with Retry-After |
| OCOP_SIGN_IN_LIMITS_PER_ADDRESS | OCOP_SIGN_IN_LIMITS_PER_ADDRESS | 30 per minute; 200 per hour (10000 per minute in tests) | sign-in attempts per client address, whatever the username |
| OCOP_REDIS_URL | OCOP_REDIS_URL | none | Redis shared by every worker and host, e.g. redis://127.0.0.1:6379/0: the sign-in counts and the job queue live there (without it: counts in each process's memory, jobs in OCOP_JOB_QUEUE_FILE) |
| OCOP_TRUSTED_PROXIES | OCOP_TRUSTED_PROXIES | 0 | how many reverse proxies or load balancers stand in front of the service; their X-Forwarded-For gives the client address that sign-in limits and the audit log use, X-Forwarded-Proto the scheme |
| RATELIMIT_STORAGE_URI | - | OCOP_REDIS_URL, else memory:// | where Flask-Limiter keeps its counts |
| RATELIMIT_STORAGE_OPTIONS | - | 1 s timeouts | options of the Redis connection |
| RATELIMIT_IN_MEMORY_FALLBACK_ENABLED | - | True | while Redis cannot be reached, each process counts in its own memory (and logs a warning) |
| SESSION_COOKIE_HTTPONLY | - | True | scripts cannot read the session cookie |
| SESSION_COOKIE_SAMESITE | - | Lax | the cookie is not sent on cross-site sub-requests |
| SESSION_COOKIE_SECURE | - | True in production only | the cookie travels only over HTTPS |
| OCOP_HSTS | - | True in production only | every response carries Strict-Transport-Security (one year, subdomains included) |
| TESTING | - | True in tests | Flask's test mode |
| BABEL_DEFAULT_LOCALE | - | vi | language of the web pages until a user picks another (`?lang=en`, kept in the session) |
| BABEL_DEFAULT_TIMEZONE | - | Asia/Ho_Chi_Minh | time zone in which the web pages show dates and times |
| BABEL_TRANSLATION_DIRECTORIES | - | <repo>/translations | the compiled message catalogs (`pybabel compile -d translations`, run by `make`) |
| WTF_CSRF_CHECK_DEFAULT | - | False | Flask-WTF's own check is off: service/web checks the CSRF token of every form outside /api/ |
| WTF_CSRF_TIME_LIMIT | - | None | a form's CSRF token is valid as long as the session, not one hour |
| OCOP_NODE_MODULES | OCOP_NODE_MODULES | <repo>/node_modules | where `npm ci` installed the front-end libraries served under /vendor/ |
| OCOP_MAIL_ENABLED | OCOP_MAIL_ENABLED (1/true/yes) | off | notifications are also sent by e-mail to users with an address: one background job per notification, queued when its transaction commits |
| OCOP_MAIL_RETRIES | OCOP_MAIL_RETRIES | 5 | how often a mail the SMTP server refused or could not take is tried again; then it is logged and given up |
| OCOP_MAIL_RETRY_DELAY | OCOP_MAIL_RETRY_DELAY | 60 | seconds between those tries (both travel with the job: the settings of the process that queues it count) |
| OCOP_SMTP_HOST | OCOP_SMTP_HOST | localhost | the SMTP server |
| OCOP_SMTP_PORT | OCOP_SMTP_PORT | 25 | its port (587 with STARTTLS, usually) |
| OCOP_SMTP_USER | OCOP_SMTP_USER | none | user name to log in with; none: no login |
| OCOP_SMTP_PASSWORD | OCOP_SMTP_PASSWORD | none | its password |
| OCOP_SITE_NAME | OCOP_SITE_NAME | OCOP Lai Châu | the deployment's name: the top bar, every page's title, the subject of the e-mails |
| OCOP_SITE_AREA | OCOP_SITE_AREA | tỉnh Lai Châu / Lai Châu province | where the programme runs, "Tiếng Việt / English", in the home page's, the footer's, the catalogue's and the library's text (a national deployment: "Việt Nam / Viet Nam") |
| OCOP_SMTP_SENDER | OCOP_SMTP_SENDER | OCOP Lai Châu <no-reply@localhost> | the From of the e-mails |
| OCOP_SMTP_TLS | OCOP_SMTP_TLS (1/true/yes) | off | STARTTLS before logging in |
| OCOP_BASE_URL | OCOP_BASE_URL | http://127.0.0.1:5000 | the address of the web application, for the links in e-mails and the QR codes of certificates (their public verification pages) |
| OCOP_CERTIFICATE_FONTS | OCOP_CERTIFICATE_FONTS | /usr/share/fonts/truetype/dejavu | the folder of DejaVuSerif.ttf and DejaVuSerif-Bold.ttf (Debian's fonts-dejavu-core, which `make` installs), embedded in certificate PDFs for the Vietnamese letters |
| OCOP_JOB_QUEUE_FILE | OCOP_JOB_QUEUE_FILE | <repo>/instance/jobs.sqlite | the job queue's SQLite file on one machine, when OCOP_REDIS_URL is not set |
| OCOP_REPORT_DIRECT_DAYS | OCOP_REPORT_DIRECT_DAYS | 366 | the longest period (in days) whose report workbook is made while the user waits (`GET /api/v1/reports/<name>.xlsx`); a longer one is built in the background |
| OCOP_JOBS_IMMEDIATE | OCOP_JOBS_IMMEDIATE (1/true/yes) | off; on in tests | background jobs run at once in the process that queues them, in memory, without a worker |
"""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INSTANCE = REPO / "instance"
MIB = 1 << 20


def _flag(name, default=False):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "development key, not secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'ocop.sqlite'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    OCOP_MAX_RETURNS = int(os.environ.get("OCOP_MAX_RETURNS", "5"))
    OCOP_MAX_DEFERRALS = int(os.environ.get("OCOP_MAX_DEFERRALS", "2"))
    OCOP_REVIEW_SLA = os.environ.get("OCOP_REVIEW_SLA", "P15D")
    OCOP_COUNCIL_QUORUM = float(os.environ.get("OCOP_COUNCIL_QUORUM", "0.75"))
    OCOP_COUNCIL_MAX_SPREAD = float(os.environ.get("OCOP_COUNCIL_MAX_SPREAD", "10"))
    OCOP_COUNCIL_MIN_MEMBERS = int(os.environ.get("OCOP_COUNCIL_MIN_MEMBERS", "3"))
    OCOP_ATTACHMENT_FOLDER = os.environ.get("OCOP_ATTACHMENT_FOLDER", str(INSTANCE / "attachments"))
    OCOP_MAX_ATTACHMENT_BYTES = int(os.environ.get("OCOP_MAX_ATTACHMENT_BYTES", str(25 * MIB)))
    OCOP_MAX_PHOTO_BYTES = int(os.environ.get("OCOP_MAX_PHOTO_BYTES", str(2 * MIB)))
    MAX_CONTENT_LENGTH = OCOP_MAX_ATTACHMENT_BYTES + MIB
    OCOP_DEMO_MODE = _flag("OCOP_DEMO_MODE")
    OCOP_PASSWORD_HASH = "scrypt:16384:8:1"
    OCOP_SIGN_IN_LIMITS_PER_ACCOUNT = os.environ.get("OCOP_SIGN_IN_LIMITS_PER_ACCOUNT", "5 per minute; 20 per hour")
    OCOP_SIGN_IN_LIMITS_PER_ADDRESS = os.environ.get("OCOP_SIGN_IN_LIMITS_PER_ADDRESS", "30 per minute; 200 per hour")
    OCOP_REDIS_URL = os.environ.get("OCOP_REDIS_URL") or None
    OCOP_TRUSTED_PROXIES = int(os.environ.get("OCOP_TRUSTED_PROXIES", "0"))
    OCOP_HSTS = False
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = str(REPO / "translations")
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = None
    OCOP_NODE_MODULES = os.environ.get("OCOP_NODE_MODULES", str(REPO / "node_modules"))
    OCOP_MAIL_ENABLED = _flag("OCOP_MAIL_ENABLED")
    OCOP_SMTP_HOST = os.environ.get("OCOP_SMTP_HOST", "localhost")
    OCOP_SMTP_PORT = int(os.environ.get("OCOP_SMTP_PORT", "25"))
    OCOP_SMTP_USER = os.environ.get("OCOP_SMTP_USER")
    OCOP_SMTP_PASSWORD = os.environ.get("OCOP_SMTP_PASSWORD")
    OCOP_SITE_NAME = os.environ.get("OCOP_SITE_NAME", "OCOP Lai Châu")
    OCOP_SITE_AREA = os.environ.get("OCOP_SITE_AREA", "tỉnh Lai Châu / Lai Châu province")
    OCOP_SMTP_SENDER = os.environ.get("OCOP_SMTP_SENDER", "OCOP Lai Châu <no-reply@localhost>")
    OCOP_SMTP_TLS = _flag("OCOP_SMTP_TLS")
    OCOP_BASE_URL = os.environ.get("OCOP_BASE_URL", "http://127.0.0.1:5000")
    OCOP_CERTIFICATE_FONTS = os.environ.get("OCOP_CERTIFICATE_FONTS", "/usr/share/fonts/truetype/dejavu")
    OCOP_MAIL_RETRIES = int(os.environ.get("OCOP_MAIL_RETRIES", "5"))
    OCOP_MAIL_RETRY_DELAY = int(os.environ.get("OCOP_MAIL_RETRY_DELAY", "60"))
    OCOP_JOB_QUEUE_FILE = os.environ.get("OCOP_JOB_QUEUE_FILE", str(INSTANCE / "jobs.sqlite"))
    OCOP_JOBS_IMMEDIATE = _flag("OCOP_JOBS_IMMEDIATE")
    OCOP_REPORT_DIRECT_DAYS = int(os.environ.get("OCOP_REPORT_DIRECT_DAYS", "366"))

    @classmethod
    def check(cls):
        """Refuse to start with settings that are unsafe for this kind of deployment."""


class DevelopmentConfig(Config):
    OCOP_DEMO_MODE = _flag("OCOP_DEMO_MODE", default=True)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    OCOP_DEMO_MODE = True
    OCOP_PASSWORD_HASH = "pbkdf2:sha256:1"
    # Tests sign in many times from one address; the sign-in tests set the real limits again.
    OCOP_SIGN_IN_LIMITS_PER_ACCOUNT = "10000 per minute"
    OCOP_SIGN_IN_LIMITS_PER_ADDRESS = "10000 per minute"
    OCOP_JOBS_IMMEDIATE = _flag("OCOP_JOBS_IMMEDIATE", default=True)


class ProductionConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    OCOP_DEMO_MODE = False
    SESSION_COOKIE_SECURE = True
    OCOP_HSTS = True

    @classmethod
    def check(cls):
        missing = [name for name, value in (("SECRET_KEY", cls.SECRET_KEY),
                                            ("DATABASE_URL", cls.SQLALCHEMY_DATABASE_URI)) if not value]
        if missing:
            raise RuntimeError(f"production configuration: set {' and '.join(missing)} in the environment")


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def from_environment():
    """The configuration class named by OCOP_CONFIG."""
    name = os.environ.get("OCOP_CONFIG", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"OCOP_CONFIG must be one of {', '.join(CONFIGS)}, not {name!r}")
    return CONFIGS[name]

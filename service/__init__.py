"""The OCOP case-management service: a Flask application built by `create_app`."""
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from config import from_environment

from . import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
from . import jobs, notifications
from .admin.pages import bp as admin_bp
from .api.routes import bp as api_bp
from .auth.routes import bp as auth_bp
from .case_file.routes import bp as case_file_bp
from .cases import attachments
from .cases import models as case_models
from .cases.routes import bp as cases_bp
from .catalogue.office import bp as catalogue_office_bp
from .catalogue.pages import bp as catalogue_bp
from .catalogue.routes import bp as catalogue_api_bp
from .certificates.pages import bp as certificate_pages_bp
from .certificates.routes import bp as certificates_bp
from .commands import ocop
from .councils.pages import bp as steering_bp
from .councils.routes import bp as councils_bp
from .dashboard import bp as dashboard_bp
from .criteria.routes import bp as criteria_bp
from .errors import register_errorhandlers
from .extensions import db, limiter, login_manager, migrate
from .routing import DatabaseIdConverter
from .imports import bp as imports_bp
from .imports.routes import bp as imports_api_bp
from .incidents.routes import bp as incidents_bp
from .library.routes import bp as library_bp
from .portal import bp as portal_bp
from .process_models.routes import bp as process_models_bp
from .reports import bp as reports_bp
from .reports.routes import bp as reports_api_bp
from .recognition.pages import bp as recognition_pages_bp
from .recognition.routes import bp as recognition_bp
from .support.routes import bp as support_bp
from .survey.pages import bp as survey_pages_bp
from .survey.routes import bp as survey_bp
from .tasks.routes import bp as tasks_bp
from .training.pages import bp as training_pages_bp
from .training.routes import bp as training_bp
from .web import bp as web_bp
from .web.errors import error_page
from .web import i18n
from .web.security import csrf, security_headers
from .workspace import bp as workspace_bp

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def create_app(config_object=None):
    """The application, configured by `config_object` (a class of config.settings) or by OCOP_CONFIG."""
    config_object = config_object or from_environment()
    config_object.check()
    app = Flask(__name__)
    app.url_map.converters["int"] = DatabaseIdConverter
    app.config.from_object(config_object)
    Path(app.instance_path).mkdir(exist_ok=True)
    if app.config["OCOP_TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["OCOP_TRUSTED_PROXIES"],
                                x_proto=app.config["OCOP_TRUSTED_PROXIES"])

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app, page=error_page)
    register_commands(app)
    return app


def register_extensions(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    login_manager.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["OCOP_REDIS_URL"] or "memory://")
    limiter.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    app.after_request(security_headers)
    notifications.init_app(app)
    attachments.listen()
    case_models.listen()
    jobs.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite enforces foreign keys only when asked; WAL lets readers work while one writer writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def register_blueprints(app):
    app.register_blueprint(api_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(cases_bp)
    app.register_blueprint(case_file_bp)
    app.register_blueprint(certificates_bp)
    app.register_blueprint(certificate_pages_bp)
    app.register_blueprint(councils_bp)
    app.register_blueprint(steering_bp)
    app.register_blueprint(recognition_bp)
    app.register_blueprint(recognition_pages_bp)
    app.register_blueprint(tasks_bp)
    app.register_blueprint(process_models_bp)
    app.register_blueprint(criteria_bp)
    app.register_blueprint(incidents_bp)
    app.register_blueprint(web_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(reports_api_bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(workspace_bp)
    app.register_blueprint(portal_bp)
    app.register_blueprint(catalogue_bp)
    app.register_blueprint(catalogue_office_bp)
    app.register_blueprint(catalogue_api_bp)
    app.register_blueprint(library_bp)
    app.register_blueprint(training_bp)
    app.register_blueprint(training_pages_bp)
    app.register_blueprint(support_bp)
    app.register_blueprint(survey_bp)
    app.register_blueprint(survey_pages_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(imports_api_bp)


def register_commands(app):
    app.cli.add_command(ocop)

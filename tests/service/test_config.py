"""Configuration: production refuses to start without its secrets; the factory reads OCOP_CONFIG."""
import pytest

from config import ProductionConfig, from_environment
from config.settings import DevelopmentConfig, TestConfig


def test_production_refuses_to_start_without_secret_key_and_database():
    settings = type("Settings", (ProductionConfig,), {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": None})

    with pytest.raises(RuntimeError, match="SECRET_KEY and DATABASE_URL"):
        settings.check()


def test_production_turns_demo_mode_off_and_secures_the_cookie():
    assert ProductionConfig.OCOP_DEMO_MODE is False
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.SESSION_COOKIE_HTTPONLY is True
    assert ProductionConfig.SESSION_COOKIE_SAMESITE == "Lax"


def test_ocop_config_picks_the_class(monkeypatch):
    monkeypatch.setenv("OCOP_CONFIG", "test")
    assert from_environment() is TestConfig
    monkeypatch.delenv("OCOP_CONFIG")
    assert from_environment() is DevelopmentConfig
    monkeypatch.setenv("OCOP_CONFIG", "staging")
    with pytest.raises(RuntimeError, match="OCOP_CONFIG"):
        from_environment()


def test_defaults(app):
    assert app.config["OCOP_MAX_RETURNS"] == 5
    assert app.config["OCOP_REVIEW_SLA"] == "P15D"
    assert app.config["OCOP_MAX_ATTACHMENT_BYTES"] == 25 * 1024 * 1024
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["OCOP_MAX_ATTACHMENT_BYTES"]

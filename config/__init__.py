"""Settings of the OCOP service: see `config.settings`."""
from .settings import CONFIGS, Config, DevelopmentConfig, ProductionConfig, TestConfig, from_environment

__all__ = ["CONFIGS", "Config", "DevelopmentConfig", "ProductionConfig", "TestConfig", "from_environment"]

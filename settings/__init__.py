"""The Scrapy settings module named by scrapy.cfg: the base settings plus the environment."""

from settings.base import *  # noqa: F403
from settings.environment import auto_migrate, database_url, log_level, mirror_url

DATABASE_URL = database_url()
LOG_LEVEL = log_level()
INQUIRER_MIRROR = mirror_url()
STORE_AUTO_MIGRATE = auto_migrate()

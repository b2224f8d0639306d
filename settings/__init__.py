"""The Scrapy settings module named by scrapy.cfg: the base settings plus the environment."""

from settings.base import *  # noqa: F403
from settings.environment import (
    alert_command,
    alert_email_from,
    alert_email_to,
    auto_migrate,
    crawl_today,
    database_url,
    log_level,
    mirror_url,
    redis_prefix,
    redis_url,
    smtp_server,
)

DATABASE_URL = database_url()
LOG_LEVEL = log_level()
INQUIRER_MIRROR = mirror_url()
STORE_AUTO_MIGRATE = auto_migrate()
CRAWL_TODAY = crawl_today()  # crawler/clock.py: the one "now" of windows and plausibility

# Distributed mode (docs/scaling.md): REDIS_URL set -> this process is one worker; the
# DistributedMode add-on (settings/base.py) switches the scheduler and dupefilter.
REDIS_URL = redis_url()
DISTRIBUTED_KEY_PREFIX = redis_prefix()

# Monitoring alerts (see docs/monitoring.md)
MONITOR_ALERT_COMMAND = alert_command()
SPIDERMON_EMAIL_TO = alert_email_to()
SPIDERMON_EMAIL_SENDER = alert_email_from()
(
    SPIDERMON_SMTP_HOST,
    SPIDERMON_SMTP_PORT,
    SPIDERMON_SMTP_USER,
    SPIDERMON_SMTP_PASSWORD,
    SPIDERMON_SMTP_ENFORCE_SSL,
) = smtp_server()

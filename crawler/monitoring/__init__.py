"""Run monitoring: pure checks (``checks``), the alert hook (``alert``).

The Spidermon suite that runs them at spider close is ``crawler.monitoring.suite``;
see docs/monitoring.md.
"""

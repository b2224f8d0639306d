"""The crawl health report: queries, the jinja2 template, SVG charts."""

"""Persistence: typed SQLAlchemy models, engine set-up and the article repository.

Nothing here imports Scrapy; ORM objects never leave this package.
"""

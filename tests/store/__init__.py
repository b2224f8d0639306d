"""The store, migrations, queries and export, on SQLite and PostgreSQL."""

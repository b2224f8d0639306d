"""Engines, sessions and the schema check that guards every crawl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from settings.environment import DEFAULT_DATABASE_PATH

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class SchemaNotCurrent(RuntimeError):
    """The database is behind (or ahead of) the migrations this code expects."""


class StoreLocationError(ValueError):
    """A database URL that cannot be right (a SQLite file in a directory that does not exist)."""


# Objects the migrations create by hand (full-text search) that the models do not describe.
HAND_MADE = ("articles_fts", "search_vector", "ix_articles_search_vector")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave the hand-made full-text objects out of autogenerate comparisons."""
    return not (name or "").startswith(HAND_MADE)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout (30 s,
    or ``?timeout=SECONDS`` in the URL: how long a writer waits for another's lock)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            check_sqlite_directory(Path(database))
        busy = float(str(parsed.query.get("timeout", 30)))
        kwargs.setdefault("connect_args", {"timeout": busy})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", lambda conn, _record: _sqlite_pragmas(conn, busy))
        return engine
    return create_engine(url, **kwargs)


def check_sqlite_directory(path: Path) -> None:
    """A typo in a SQLite path must not create directories: only the project's own
    ``data/`` is made on demand; any other directory has to exist."""
    parent = path.parent
    if parent.is_dir():
        return
    if parent.resolve() == DEFAULT_DATABASE_PATH.parent.resolve():
        parent.mkdir(parents=True, exist_ok=True)
        return
    raise StoreLocationError(
        f"the directory of SQLite database {path} does not exist ({parent}); fix DATABASE_URL "
        f"(or --database-url), or create the directory first (mkdir -p {parent})"
    )


def missing_sqlite_file(engine: Engine) -> Path | None:
    """The path of a SQLite database file that does not exist yet (connecting creates it)."""
    url = engine.url
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database)
    return None if path.exists() else path


def _sqlite_pragmas(dbapi_connection: Any, busy_seconds: float = 30.0) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (objects never leave the store)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    """The Alembic configuration of this project, pointed at ``url``."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = url
    return config


def schema_revisions(engine: Engine) -> tuple[str | None, str | None]:
    """``(current revision of the database, head revision of the code)``."""
    script = ScriptDirectory.from_config(alembic_config(engine.url.render_as_string(False)))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, script.get_current_head()


def upgrade_database(url: str, revision: str = "head") -> None:
    """Run ``alembic upgrade`` on ``url``."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def ensure_schema(engine: Engine, migrate: bool = False) -> None:
    """Refuse to go on with an out-of-date database, or migrate it when told to."""
    missing = None if migrate else missing_sqlite_file(engine)
    if missing is not None:
        raise SchemaNotCurrent(
            f"there is no database at {missing} yet: run `crawler db upgrade` to create it, "
            "or fix DATABASE_URL (or --database-url)"
        )
    current, head = schema_revisions(engine)
    if current == head:
        return
    if migrate:
        upgrade_database(engine.url.render_as_string(hide_password=False))
        return
    shown = engine.url.render_as_string(hide_password=True)
    raise SchemaNotCurrent(
        f"database {shown} is at revision {current or '<empty>'} but the code expects {head}. "
        "Run `crawler db upgrade` (or set CRAWLER_AUTO_MIGRATE=1 / -s STORE_AUTO_MIGRATE=1)."
    )

"""Store errors that are about the database, not about an item."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


class StoreUnavailable(RuntimeError):
    """The database cannot take writes now (down, unreachable, locked, full): retry later."""


# SQLSTATE classes/codes of a database that is away, not of a bad row: connection exception,
# insufficient resources, operator intervention (shutdown, crash), system error.
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "53", "57P", "58")
UNAVAILABLE_SQLITE = (
    "database is locked",
    "database table is locked",
    "unable to open database",
    "disk i/o error",
    "database or disk is full",
)


def is_unavailable(exc: BaseException) -> bool:
    """True if ``exc`` says the database is away rather than that an item is bad."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    state = sqlstate(exc)
    if state:
        return state.startswith(UNAVAILABLE_SQLSTATE_PREFIXES)
    if not isinstance(exc, (OperationalError, InterfaceError)):
        return False
    if type(exc.orig).__module__.startswith("sqlite3"):
        return any(text in str(exc.orig).lower() for text in UNAVAILABLE_SQLITE)
    return True  # a driver error without SQLSTATE: no connection (refused, closed, reset)


def raise_if_unavailable(exc: Exception) -> None:
    if is_unavailable(exc):
        orig = getattr(exc, "orig", exc)
        raise StoreUnavailable(f"{type(orig).__name__}: {str(orig).strip()}") from exc


def sqlstate(exc: DBAPIError) -> str | None:
    """The driver's SQLSTATE code of a database error (psycopg: sqlstate, psycopg2: pgcode)."""
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


def about_the_database(exc: BaseException) -> bool:
    """The database is away, refuses this client or cannot be written (not a bad query)."""
    if is_unavailable(exc):
        return True
    said = str(getattr(exc, "orig", exc)).lower()
    return "readonly database" in said or "read-only" in said or "authentication" in said


def unreachable_message(url: str, exc: BaseException) -> str:
    """One line for an operator: which database, what the driver said, what to check."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    orig = getattr(exc, "orig", None) or exc
    said = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if parsed.get_backend_name() == "sqlite":
        check = (
            "that the file and its directory are writable by this user (SQLite writes -wal "
            "and -shm files next to it) and that no other process holds it locked"
        )
    else:
        check = (
            "DATABASE_URL (or --database-url): host, port, role, password and database name, "
            "and that the server is running and accepts connections from this host"
        )
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        path = (parsed.database or "").removeprefix("file:")
        return f"database file {path} cannot be used: {said}; check {check}"
    return f"database unreachable: {shown}: {said}; check {check} (docs/troubleshooting.md)"

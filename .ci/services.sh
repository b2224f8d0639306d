#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers on loopback for the tests.
#
#   bash .ci/services.sh start > services.env && . services.env   # or: eval "$(... start)"
#   bash .ci/services.sh stop                                     # uses CRAWLER_SERVICES_DIR
#
# `start` makes a fresh temporary folder and picks free loopback ports, so two runs on one
# host never share servers, and prints the environment to use them (TEST_POSTGRES_URL with
# a password: the server checks it; TEST_REDIS_URL; CRAWLER_SERVICES_DIR for `stop`).
# It exits non-zero with a message on stderr when either server cannot start: a test run
# without its services must not look like a passing one.
set -euo pipefail

die() {
  echo "services.sh: $*" >&2
  [ -n "${state:-}" ] && CRAWLER_SERVICES_DIR=$state stop >/dev/null 2>&1
  exit 1
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

state=""

start() {
  local bin pg_port redis_port password
  bin=$(pg_bin)
  [ -n "$bin" ] || die "PostgreSQL is not installed (apt-get install postgresql)"
  command -v redis-server >/dev/null 2>&1 || die "redis-server is not installed (apt-get install redis-server)"
  command -v redis-cli >/dev/null 2>&1 || die "redis-cli is not installed (apt-get install redis-tools)"
  [ "$(id -u)" -eq 0 ] || die "must run as root (PostgreSQL runs as the postgres user)"

  state=$(mktemp -d /tmp/crawler-services.XXXXXX)
  chmod 755 "$state"
  pg_port=$(free_port)
  redis_port=$(free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')

  mkdir -p "$state/pg"
  printf '%s\n' "$password" >"$state/pwfile"
  # the server writes its log and socket here; a failed start leaves nothing running behind
  chown -R postgres "$state"
  trap 'CRAWLER_SERVICES_DIR=$state stop >/dev/null 2>&1 || true' ERR
  # local (socket) connections trusted for administration; TCP ones must give the password
  if ! su postgres -s /bin/sh -c "$bin/initdb -D $state/pg -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --pwfile=$state/pwfile" >"$state/initdb.log" 2>&1; then
    cat "$state/initdb.log" >&2
    die "PostgreSQL initdb failed (log above, folder $state)"
  fi
  rm -f "$state/pwfile"
  if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $state/pg -w -t 60 -l $state/pg.log -o \
      \"-p $pg_port -k $state -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" \
      start" >/dev/null 2>&1; then
    cat "$state/pg.log" >&2 2>/dev/null || true
    die "PostgreSQL did not start on 127.0.0.1:$pg_port (log above)"
  fi
  if ! redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
      --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" \
      --dir "$state" >/dev/null 2>&1; then
    die "redis-server did not start on 127.0.0.1:$redis_port (see $state/redis.log)"
  fi
  local deadline=$((SECONDS + 30))
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; do
    [ "$SECONDS" -lt "$deadline" ] || die "Redis on 127.0.0.1:$redis_port did not answer within 30 s"
    sleep 0.2
  done
  echo "$pg_port" >"$state/pg.port"
  echo "$redis_port" >"$state/redis.port"
  echo "export CRAWLER_SERVICES_DIR=$state"
  echo "export TEST_POSTGRES_URL=postgresql+psycopg://postgres:$password@127.0.0.1:$pg_port/postgres"
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$redis_port/0"
}

stop() {
  local state=${CRAWLER_SERVICES_DIR:-}
  [ -n "$state" ] && [ -d "$state" ] || die "CRAWLER_SERVICES_DIR is not set to a started folder"
  local bin; bin=$(pg_bin)
  if [ -n "$bin" ] && [ -d "$state/pg" ]; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $state/pg -m fast -w stop" >/dev/null 2>&1 || true
  fi
  if [ -f "$state/redis.port" ]; then
    redis-cli -h 127.0.0.1 -p "$(cat "$state/redis.port")" shutdown nosave >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

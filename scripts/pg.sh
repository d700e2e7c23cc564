#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (tests/db with the "postgres" marker).
#
#   scripts/pg.sh ensure   install (root + apt only) / initialise / start as needed; prints the URL
#                          as the last line of stdout, e.g.
#                          postgresql://madoguchi@127.0.0.1:55432/madoguchi_test
#   scripts/pg.sh stop     stop the server (the data directory is kept)
#   scripts/pg.sh url      print the URL only
#
#   MADOGUCHI_TEST_POSTGRES_URL=$(scripts/pg.sh ensure | tail -1) python -m pytest tests/db
#
# Environment: MADOGUCHI_PGDATA (default /tmp/madoguchi-pg), MADOGUCHI_PGPORT (default 55432).
# Trust authentication, listening on 127.0.0.1 only, fsync off: for tests, never for real data.
# Progress goes to stderr so stdout carries nothing but the URL.
set -euo pipefail

PGDATA_DIR=${MADOGUCHI_PGDATA:-/tmp/madoguchi-pg}
PORT=${MADOGUCHI_PGPORT:-55432}
SOCKET_DIR=$(dirname "$PGDATA_DIR")
LOG_FILE="$PGDATA_DIR/server.log"
ROLE=madoguchi
DATABASE=madoguchi_test

say() { echo "pg.sh: $*" >&2; }
die() { echo "pg.sh: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

find_bindir() {
    # Debian's postgresql package: /usr/lib/postgresql/<major>/bin; take the newest major.
    local dir best=""
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && best=$dir
    done
    if [ -z "$best" ] && command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        best=$(dirname "$(command -v pg_ctl)")
    fi
    echo "$best"
}

install_postgres() {
    if ! is_root; then
        die "PostgreSQL (pg_ctl, initdb) is not installed and we are not root to install it. Install the 'postgresql' package, or run the tests without MADOGUCHI_TEST_POSTGRES_URL (postgres tests are then skipped)."
    fi
    command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is not available to install it."
    say "PostgreSQL not found: running apt-get update"
    apt-get update >&2
    say "installing the postgresql package (apt-get install -y postgresql)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
}

# Run a command as the owner of the cluster: initdb and pg_ctl refuse to run as root.
as_owner() {
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user to own the cluster"
        if command -v runuser >/dev/null; then
            (cd / && runuser -u postgres -- "$@")
        else
            (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
        fi
    else
        (cd / && "$@")
    fi
}

running() { as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }

actual_port() {
    # Line 4 of postmaster.pid is the port the running server listens on.
    local port
    port=$(sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)
    echo "${port:-$PORT}"
}

url() { echo "postgresql://$ROLE@127.0.0.1:$(actual_port)/$DATABASE"; }

init_cluster() {
    [ -f "$PGDATA_DIR/PG_VERSION" ] && return 0
    say "initialising a cluster in $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    if is_root; then chown postgres:postgres "$PGDATA_DIR"; fi
    chmod 700 "$PGDATA_DIR"
    as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust --no-sync >&2 \
        || die "initdb failed for $PGDATA_DIR"
    # Only the unix socket and 127.0.0.1: trust auth must not reach the network.
    as_owner sh -c "printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' > '$PGDATA_DIR/pg_hba.conf'"
}

start_server() {
    if running; then
        say "server already running on port $(actual_port)"
        return 0
    fi
    say "starting PostgreSQL on 127.0.0.1:$PORT (log: $LOG_FILE)"
    if ! as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$LOG_FILE" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2; then
        tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
        die "the server did not start (is port $PORT taken? set MADOGUCHI_PGPORT)"
    fi
}

psql_admin() {
    "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(actual_port)" -U postgres -d postgres -tA "$@"
}

ensure_role_and_database() {
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
        say "creating role $ROLE"
        psql_admin -c "CREATE ROLE $ROLE LOGIN SUPERUSER" >&2
    fi
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]; then
        say "creating database $DATABASE"
        psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
    fi
}

cmd=${1:-ensure}
BINDIR=$(find_bindir)

case "$cmd" in
    ensure)
        if [ -z "$BINDIR" ]; then
            install_postgres
            BINDIR=$(find_bindir)
            [ -n "$BINDIR" ] || die "postgresql installed but pg_ctl/initdb not found under /usr/lib/postgresql/*/bin"
        fi
        say "using $BINDIR"
        init_cluster
        start_server
        ensure_role_and_database
        url
        ;;
    stop)
        [ -n "$BINDIR" ] || die "PostgreSQL is not installed"
        if [ -f "$PGDATA_DIR/PG_VERSION" ] && running; then
            say "stopping the server in $PGDATA_DIR"
            as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >&2
        else
            say "not running"
        fi
        ;;
    url)
        url
        ;;
    *)
        die "usage: scripts/pg.sh ensure|stop|url"
        ;;
esac

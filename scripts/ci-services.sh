#!/usr/bin/env bash
# Starts the PostgreSQL and Redis that the scale-out tests (issue 13) need, when they are not
# running, and creates the test role and database. Idempotent: run it again and it changes
# nothing. Prints, on stdout, the `export` lines for the test URLs (progress goes to stderr), so
# .ci/run does: eval "$(bash scripts/ci-services.sh)".
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
TEST_ROLE=pairboard_test
TEST_PASSWORD=pairboard_test
TEST_DB=pairboard_test
REDIS_PORT=6379

say() { echo "[ci-services] $*" >&2; }

as_postgres() {
	# Peer authentication: the `postgres` role is the `postgres` system user.
	if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

start_postgres() {
	if ! command -v pg_ctlcluster >/dev/null; then
		say "PostgreSQL is not installed: installing postgresql-$PG_VERSION"
		apt_install "postgresql-$PG_VERSION"
	fi
	if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c && $4=="online"' | grep -q .; then
		say "PostgreSQL $PG_VERSION/$PG_CLUSTER is already running"
	else
		say "Starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
		# After an unclean stop the old postmaster's socket lock can outlive it for a moment.
		for attempt in 1 2 3; do
			pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start && break
			[ "$attempt" = 3 ] && { say "PostgreSQL did not start"; exit 1; }
			sleep 2
		done
	fi
	for _ in $(seq 1 50); do
		pg_isready -q -h 127.0.0.1 -p 5432 && break
		sleep 0.2
	done
	pg_isready -h 127.0.0.1 -p 5432 >&2
}

create_test_database() {
	as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TEST_ROLE') THEN
    CREATE ROLE $TEST_ROLE LOGIN PASSWORD '$TEST_PASSWORD';
  ELSE
    ALTER ROLE $TEST_ROLE LOGIN PASSWORD '$TEST_PASSWORD';
  END IF;
END
\$\$;
SQL
	if ! as_postgres psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$TEST_DB'" | grep -q 1; then
		say "Creating database $TEST_DB"
		as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres -c "CREATE DATABASE $TEST_DB OWNER $TEST_ROLE" >&2
	fi
}

apt_updated=0
apt_install() {
	export DEBIAN_FRONTEND=noninteractive
	if [ "$apt_updated" = 0 ]; then
		apt-get update -q >&2
		apt_updated=1
	fi
	apt-get install -y -q --no-install-recommends "$@" >&2
}

start_redis() {
	if ! command -v redis-server >/dev/null; then
		say "Redis is not installed: installing redis-server"
		apt_install redis-server
	fi
	if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
		say "Redis is already running on 127.0.0.1:$REDIS_PORT"
	else
		say "Starting Redis on 127.0.0.1:$REDIS_PORT"
		redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
			--logfile /tmp/pairboard-ci-redis.log
	fi
	for _ in $(seq 1 50); do
		redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
		sleep 0.2
	done
	redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG || { say "Redis did not start"; exit 1; }
}

# Everything the tools print goes to stderr: pg_ctlcluster, for one, says "Removed stale pid
# file." on stdout after an unclean shutdown, and stdout is eval'd by .ci/run.
{
	start_postgres
	create_test_database
	start_redis
} >&2

echo "export PAIRBOARD_TEST_DATABASE_URL=postgres://$TEST_ROLE:$TEST_PASSWORD@127.0.0.1:5432/$TEST_DB"
echo "export PAIRBOARD_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"

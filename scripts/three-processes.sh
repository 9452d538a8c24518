#!/usr/bin/env bash
# Three Pairboard processes on one PostgreSQL and one Redis, with nginx in front, on one machine
# (README, Scale-out). Needs `npm run build` first and Debian's nginx (`apt-get install -y nginx`).
#
#   PAIRBOARD_DATABASE_URL=postgres://… PAIRBOARD_REDIS_URL=redis://… bash scripts/three-processes.sh
#
# Without the two URLs it starts the local PostgreSQL and Redis with scripts/ci-services.sh and
# uses its test database. nginx listens on NGINX_PORT (8080); the processes on 3001-3003.
# Ctrl-C (or SIGTERM) stops nginx and the three processes.
set -euo pipefail
cd "$(dirname "$0")/.."

NGINX_PORT="${NGINX_PORT:-8080}"
PORTS=(3001 3002 3003)

if [ ! -f build/handler.js ] || [ ! -f build/pairboard/main.js ]; then
	echo "No production build: run npm run build first." >&2
	exit 1
fi
command -v nginx >/dev/null || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
if [ -z "${PAIRBOARD_DATABASE_URL:-}" ] || [ -z "${PAIRBOARD_REDIS_URL:-}" ]; then
	eval "$(bash scripts/ci-services.sh | grep -E '^export PAIRBOARD_TEST_[A-Z_]+=[^ ;&|]+$')"
	export PAIRBOARD_DATABASE_URL="${PAIRBOARD_DATABASE_URL:-$PAIRBOARD_TEST_DATABASE_URL}"
	export PAIRBOARD_REDIS_URL="${PAIRBOARD_REDIS_URL:-$PAIRBOARD_TEST_REDIS_URL}"
fi

RUN_DIR="$(mktemp -d /tmp/pairboard-three.XXXXXX)"
# One admin key for the cluster (each process would otherwise generate its own).
export PAIRBOARD_ADMIN_KEY="${PAIRBOARD_ADMIN_KEY:-$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")}"
# Links in API answers point at nginx, not at one process.
export PAIRBOARD_PUBLIC_URL="${PAIRBOARD_PUBLIC_URL:-http://localhost:$NGINX_PORT}"
# The failed-credential limit counts the client's address, which nginx appends to X-Forwarded-For.
export PAIRBOARD_TRUST_PROXY=1

pids=()
stop() {
	trap - INT TERM EXIT
	nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -s quit 2>/dev/null || true
	for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	wait
	rm -rf "$RUN_DIR"
}
trap stop INT TERM EXIT

for i in "${!PORTS[@]}"; do
	mkdir -p "$RUN_DIR/data-$i"
	PORT="${PORTS[$i]}" HOST=127.0.0.1 PAIRBOARD_DATA="$RUN_DIR/data-$i" \
		node build/pairboard/main.js >"$RUN_DIR/process-$i.log" 2>&1 &
	pids+=("$!")
done

cat >"$RUN_DIR/nginx.conf" <<NGINX
# Run as root from a temporary prefix; workers drop to www-data (Debian's nginx user).
user www-data;
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
	# Which process served each request (and each WebSocket, logged when it closes). \$uri, not
	# \$request: room links carry their token in the query string, and a log must not keep it.
	log_format upstream '\$remote_addr "\$request_method \$uri" \$status upstream=\$upstream_addr';
	access_log $RUN_DIR/nginx-access.log upstream;
	client_body_temp_path $RUN_DIR/client_body;
	proxy_temp_path $RUN_DIR/proxy;
	fastcgi_temp_path $RUN_DIR/fastcgi;
	uwsgi_temp_path $RUN_DIR/uwsgi;
	scgi_temp_path $RUN_DIR/scgi;

	# Round robin is enough: the page's Socket.IO client uses the websocket transport only, and
	# y-websocket is one WebSocket, so no request of a connection ever goes to another process.
	# (With Socket.IO's HTTP long-polling enabled, add ip_hash; here for a single machine.)
	upstream pairboard {
		server 127.0.0.1:${PORTS[0]};
		server 127.0.0.1:${PORTS[1]};
		server 127.0.0.1:${PORTS[2]};
	}
	map \$http_upgrade \$connection_upgrade {
		default upgrade;
		''      close;
	}
	server {
		listen $NGINX_PORT;
		# Interview creation and scorecards are small JSON; Yjs updates travel on the WebSocket.
		client_max_body_size 1m;
		location / {
			proxy_pass http://pairboard;
			proxy_http_version 1.1;
			proxy_set_header Upgrade \$http_upgrade;
			proxy_set_header Connection \$connection_upgrade;
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto \$scheme;
			# A room's sockets stay open for the whole interview; SSE streams must not be buffered.
			proxy_read_timeout 1h;
			proxy_send_timeout 1h;
			proxy_buffering off;
		}
	}
}
NGINX

for i in "${!PORTS[@]}"; do
	for _ in $(seq 1 300); do
		grep -q "running at" "$RUN_DIR/process-$i.log" && break
		kill -0 "${pids[$i]}" 2>/dev/null || { cat "$RUN_DIR/process-$i.log" >&2; exit 1; }
		sleep 0.2
	done
	grep -q "running at" "$RUN_DIR/process-$i.log" || { echo "process $i did not start" >&2; exit 1; }
done
nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf"

echo "Pairboard: three processes behind nginx at http://localhost:$NGINX_PORT"
echo "Admin key: $PAIRBOARD_ADMIN_KEY"
echo "Logs: $RUN_DIR (process-0..2.log, nginx-*.log). Ctrl-C stops everything."
wait "${pids[@]}"

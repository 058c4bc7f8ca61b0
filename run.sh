#!/usr/bin/env bash
# Runs the whole system on embedded defaults: builds what is missing, starts the local stack (a real
# PostgreSQL, a real Kafka broker and a MongoDB-wire server, all from Maven Central, data kept in ./data), then
# command-service, query-service and the web UI. Ctrl-C stops everything.
#
# Environment (all optional):
#   POSTMORTEM_DATA_DIR       where the embedded servers keep their data (default ./data)
#   SPRING_DATASOURCE_URL     use this PostgreSQL instead of the embedded one (also _USERNAME, _PASSWORD)
#   SPRING_KAFKA_BOOTSTRAP_SERVERS   use this Kafka instead of the embedded broker
#   SPRING_DATA_MONGODB_URI   use this MongoDB instead of the embedded MongoDB-wire server
#   SPRING_ELASTICSEARCH_URIS use this Elasticsearch instead of the embedded node
#   WEB_UI_PORT               default 8080 (the web application: the place to start)
#   COMMAND_SERVICE_PORT      default 8081
#   QUERY_SERVICE_PORT        default 8082
#   POSTGRES_PORT, KAFKA_PORT, MONGO_PORT, ELASTICSEARCH_PORT   ports of the embedded servers
#                             (15432, 19092, 17017, 19200; 0 = any free)
#   POSTMORTEM_SECURITY_PASSWORDS_FILE     the local users' passwords, one name:password a line; by default each of
#                             admin, facilitator, author and reader gets one of its own on the first run, kept in
#                             <data dir>/local-passwords (mode 0600)
set -euo pipefail
cd "$(dirname "$0")"

export AXONIQ_UPDATE_CHECKER_DISABLED=true
data_dir=$(mkdir -p "${POSTMORTEM_DATA_DIR:-data}" && cd "${POSTMORTEM_DATA_DIR:-data}" && pwd)
logs="$data_dir/logs"
# The data and the logs are this user's alone: the logs name users, post-mortems and, at debug level, their text.
chmod 700 "$data_dir"
mkdir -p "$logs"
chmod 700 "$logs"
web_port=${WEB_UI_PORT:-8080}
command_port=${COMMAND_SERVICE_PORT:-8081}
query_port=${QUERY_SERVICE_PORT:-8082}

say() { printf '\033[1m%s\033[0m\n' "$*"; }

# ---- build what is missing or stale -------------------------------------------------------------------------
jars=(command-service/target/command-service.jar query-service/target/query-service.jar web-ui/target/web-ui.jar
      local-stack/target/classes/META-INF/postmortem/local-stack.classpath)
needs_build=false
for jar in "${jars[@]}"; do [ -f "$jar" ] || needs_build=true; done
if ! $needs_build && [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.sql' -o -name '*.html' -o -name '*.css' -o -name '*.js' \) \
        -newer command-service/target/command-service.jar -print -quit)" ]; then
  needs_build=true
fi
if $needs_build; then
  say "Building (first run downloads dependencies; this takes a few minutes)..."
  ./mvnw -q -B -DskipTests package
fi

# await NAME PID LOG CHECK...: waits up to 2 minutes until CHECK succeeds; fails early if PID dies.
await() {
  local name=$1 pid=$2 log=$3; shift 3
  for _ in $(seq 1 240); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name failed to start; the end of its log ($log):" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name did not become ready in 2 minutes; see $log" >&2
  exit 1
}

# ---- stop everything on exit --------------------------------------------------------------------------------
pids=()
cleanup() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    say "Stopping..."
    for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# ---- local stack --------------------------------------------------------------------------------------------
without=()
[ -n "${SPRING_DATASOURCE_URL:-}" ] && without+=(postgres)
[ -n "${SPRING_KAFKA_BOOTSTRAP_SERVERS:-}" ] && without+=(kafka)
[ -n "${SPRING_DATA_MONGODB_URI:-}" ] && without+=(mongo)
[ -n "${SPRING_ELASTICSEARCH_URIS:-}" ] && without+=(elasticsearch)
if [ ${#without[@]} -lt 4 ]; then
  ready="$data_dir/local-stack.ready"
  rm -f "$ready"
  say "Starting the local stack (data in $data_dir)..."
  java -Xmx1g -cp "local-stack/target/classes:$(cat local-stack/target/classes/META-INF/postmortem/local-stack.classpath)" \
       dev.postmortem.localstack.LocalStack --data-dir "$data_dir" --ready-file "$ready" \
       --without "$(IFS=,; echo "${without[*]:-none}")" --postgres-port "${POSTGRES_PORT:-15432}" \
       --kafka-port "${KAFKA_PORT:-19092}" --mongo-port "${MONGO_PORT:-17017}" \
       --elasticsearch-port "${ELASTICSEARCH_PORT:-19200}" >"$logs/local-stack.log" 2>&1 &
  pids+=($!)
  await "the local stack" "${pids[-1]}" "$logs/local-stack.log" test -f "$ready"
  prop() { sed -n "s/^$1=//p" "$ready" | sed 's/\\:/:/g; s/\\=/=/g'; }
  if [ -z "${SPRING_DATASOURCE_URL:-}" ]; then
    export SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
    SPRING_DATASOURCE_URL=$(prop 'postgres.jdbc-url')
    SPRING_DATASOURCE_USERNAME=$(prop 'postgres.username')
    SPRING_DATASOURCE_PASSWORD=$(prop 'postgres.password')
  fi
  [ -n "${SPRING_KAFKA_BOOTSTRAP_SERVERS:-}" ] || export SPRING_KAFKA_BOOTSTRAP_SERVERS=$(prop 'kafka.bootstrap-servers')
  [ -n "${SPRING_DATA_MONGODB_URI:-}" ] || export SPRING_DATA_MONGODB_URI=$(prop 'mongodb.uri')
  [ -n "${SPRING_ELASTICSEARCH_URIS:-}" ] || export SPRING_ELASTICSEARCH_URIS=$(prop 'elasticsearch.uris')
fi

# ---- local users: each its own generated password, kept per data directory, never a shipped one -------------------
if [ -z "${POSTMORTEM_SECURITY_PASSWORDS_FILE:-}" ]; then
  POSTMORTEM_SECURITY_PASSWORDS_FILE="$data_dir/local-passwords"
  if [ ! -s "$POSTMORTEM_SECURITY_PASSWORDS_FILE" ]; then
    (umask 077
     for user in admin facilitator author reader; do
       echo "$user:$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
     done > "$POSTMORTEM_SECURITY_PASSWORDS_FILE")
  fi
  chmod 600 "$POSTMORTEM_SECURITY_PASSWORDS_FILE"
  # Before each user had a password of their own, one file held a password for all of them.
  rm -f "$data_dir/local-password"
fi
export POSTMORTEM_SECURITY_PASSWORDS_FILE
# The key with which the web UI signs its short-lived tokens for the person signed in; the services trust it.
if [ -z "${POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE:-}" ]; then
  POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE="$data_dir/web-token-key"
  [ -s "$POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE")
  chmod 600 "$POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE"
fi
export POSTMORTEM_SECURITY_WEB_TOKEN_KEY_FILE
password_of() { sed -n "s/^$1://p" "$POSTMORTEM_SECURITY_PASSWORDS_FILE" | head -n 1; }

# ---- services -----------------------------------------------------------------------------------------------
start_service() { # name port
  say "Starting $1 on port $2..."
  SERVER_PORT=$2 java -Xmx256m -Daxoniq.update-checker.disabled=true -jar "$1/target/$1.jar" >"$logs/$1.log" 2>&1 &
  pids+=($!)
}
start_service command-service "$command_port"; command_pid=${pids[-1]}
start_service query-service "$query_port"; query_pid=${pids[-1]}
export POSTMORTEM_WEB_UI_COMMAND_SERVICE="http://127.0.0.1:$command_port" POSTMORTEM_WEB_UI_QUERY_SERVICE="http://127.0.0.1:$query_port"
start_service web-ui "$web_port"; web_pid=${pids[-1]}
await command-service "$command_pid" "$logs/command-service.log" curl -fsS "http://127.0.0.1:$command_port/actuator/health/readiness"
await query-service "$query_pid" "$logs/query-service.log" curl -fsS "http://127.0.0.1:$query_port/actuator/health/readiness"
await web-ui "$web_pid" "$logs/web-ui.log" curl -fsS "http://127.0.0.1:$web_port/actuator/health/readiness"

cat <<TXT

  Post-mortems are up.  Start here:  http://127.0.0.1:$web_port/   (the web application; sign in with a user below)
    command API   http://127.0.0.1:$command_port/api/postmortems     (writes; see docs/api.md)
    severities    http://127.0.0.1:$command_port/api/severities
    query API     http://127.0.0.1:$query_port/api/postmortems       (views, history, diff, asOf; see docs/api.md)
    countermeasures http://127.0.0.1:$query_port/api/countermeasures?overdue=true
    search        http://127.0.0.1:$query_port/api/search?q=database
    PostgreSQL    ${SPRING_DATASOURCE_URL}
    Kafka         ${SPRING_KAFKA_BOOTSTRAP_SERVERS}   (topic postmortem.events, see docs/event-stream.md)
    MongoDB       ${SPRING_DATA_MONGODB_URI}
    Elasticsearch ${SPRING_ELASTICSEARCH_URIS}   (alias postmortems)
    logs          $logs/
  Sign in (HTTP Basic) as one of these local users (kept in $POSTMORTEM_SECURITY_PASSWORDS_FILE; roles: docs/authentication.md):
$(for user in reader author facilitator admin; do printf '    %-12s %s\n' "$user" "$(password_of $user)"; done)
  Try:  curl -i -u author:$(password_of author) -X POST http://127.0.0.1:$command_port/api/postmortems -H 'Content-Type: application/json' -d '{"title":"Checkout outage"}'
  Then:  curl -u reader:$(password_of reader) http://127.0.0.1:$query_port/api/postmortems/<id>
  Rebuild the views from the topic:  curl -u admin:$(password_of admin) -X POST -H 'X-Requested-With: curl' http://127.0.0.1:$query_port/api/admin/rebuild
  Ctrl-C stops everything; data stays in $data_dir.

TXT
wait -n "${pids[@]}" || true
say "A process stopped; shutting down the rest."

#!/usr/bin/env bash
# Makes sure the services Clientela needs locally are up: PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
#
#   source scripts/services.sh && ensure_services   # from another script (scripts/demo.sh)
#   bash scripts/services.sh                         # the same, standalone
#   bash scripts/services.sh chromium                # ensure_chromium: Debian's chromium at /usr/bin/chromium
#
# For each service that is not reachable on a local host (127.0.0.1, localhost, ::1), in this order:
#   (a) start it if it is installed (pg_ctlcluster / redis-server);
#   (b) else start it with `docker compose up -d <service>` from the repository's docker-compose.yml, when Docker runs;
#   (c) else install it with apt-get when running as root on Debian/Ubuntu, then start it as in (a);
#   (d) else stop with one sentence saying what is missing.
# A service on another host is never started: the script only says it is not reachable.
#
# Environment:
#   DATABASE_URL          default postgresql://postgres@127.0.0.1:5432/clientela (host and port are used)
#   REDIS_URL             default redis://127.0.0.1:6379
#   CLIENTELA_NO_INSTALL  set to 1 to never install packages with apt-get, as if not running as root
#                         (for machines you do not want changed, and to test the failure path).
#   POSTGRES_PASSWORD, APP_DB_PASSWORD
#                         passwords of the docker-compose.yml database (path (b)); when DATABASE_URL and
#                         APP_DATABASE_URL are unset, path (b) exports URLs that use them.
#
# The functions only use `return`, never `exit`, and work under `set -euo pipefail`.

_SVC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_SVC_APT_UPDATED="${_SVC_APT_UPDATED:-}"
_SVC_PG_VERSION=""
_SVC_PG_ETC="${_SVC_PG_ETC:-/etc/postgresql}" # overridable for tests only
_SVC_HOST=""
_SVC_PORT=""

_svc_log() { printf '==> %s\n' "$*"; }
_svc_error() { printf '%s\n' "$*" >&2; }
_svc_has() { command -v "$1" >/dev/null 2>&1; }

# Runs a command with a time limit when coreutils' timeout is available.
_svc_timeout() {
  local seconds=$1
  shift
  if _svc_has timeout; then
    timeout "$seconds" "$@"
  else
    "$@"
  fi
}

# Sets _SVC_HOST and _SVC_PORT from a URL such as postgresql://user:pass@host:5432/db or redis://[::1]:6379/0.
_svc_parse_url() {
  local url=$1 default_port=$2 rest hostport host port=""
  rest=${url#*://}
  rest=${rest%%[/?#]*}
  hostport=${rest##*@}
  if [[ $hostport == \[* ]]; then
    host=${hostport#\[}
    host=${host%%\]*}
    rest=${hostport#*\]}
    [[ $rest == :* ]] && port=${rest#:}
  else
    host=${hostport%%:*}
    [[ $hostport == *:* ]] && port=${hostport#*:}
  fi
  _SVC_HOST=${host:-127.0.0.1}
  _SVC_PORT=${port:-$default_port}
  [[ $_SVC_PORT =~ ^[0-9]+$ ]]
}

_svc_is_local() {
  case $1 in
    127.0.0.1 | localhost | ::1) return 0 ;;
    *) return 1 ;;
  esac
}

# host:port, with brackets for IPv6 addresses.
_svc_where() {
  if [[ $1 == *:* ]]; then printf '[%s]:%s' "$1" "$2"; else printf '%s:%s' "$1" "$2"; fi
}

_svc_tcp_open() {
  _svc_timeout 3 "${BASH:-bash}" -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

_svc_pg_ready() {
  if _svc_has pg_isready; then
    pg_isready -q -h "$1" -p "$2" -t 3
  else
    _svc_tcp_open "$1" "$2"
  fi
}

_svc_redis_ready() {
  local reply
  if _svc_has redis-cli; then
    reply=$(_svc_timeout 3 redis-cli -h "$1" -p "$2" ping 2>&1) || return 1
    # A server that requires a password answers NOAUTH: it is up.
    [[ $reply == PONG || $reply == *NOAUTH* ]]
  else
    _svc_tcp_open "$1" "$2"
  fi
}

# _svc_wait CHECK HOST PORT: polls CHECK for up to ~30 s.
_svc_wait() {
  local check=$1 host=$2 port=$3 i
  for ((i = 0; i < 60; i++)); do
    if "$check" "$host" "$port"; then return 0; fi
    sleep 0.5
  done
  return 1
}

_svc_can_apt() {
  [[ ${CLIENTELA_NO_INSTALL:-} != 1 && $EUID -eq 0 && -f /etc/debian_version ]] && _svc_has apt-get
}

_svc_apt_install() {
  if [[ -z $_SVC_APT_UPDATED ]]; then
    _svc_log "Updating the apt package lists"
    DEBIAN_FRONTEND=noninteractive apt-get update || return 1
    _SVC_APT_UPDATED=1
  fi
  _svc_log "Installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

_svc_docker_ok() {
  _svc_has docker && docker info >/dev/null 2>&1 || return 1
  docker compose version >/dev/null 2>&1 || _svc_has docker-compose
}

_svc_compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f "$_SVC_ROOT/docker-compose.yml" "$@"
  else
    docker-compose -f "$_SVC_ROOT/docker-compose.yml" "$@"
  fi
}

# --- PostgreSQL ---------------------------------------------------------------------------------------------------

# (a) Starts the first local cluster; returns 1 when PostgreSQL (a cluster) is not installed.
_svc_pg_start_installed() {
  _svc_has pg_ctlcluster || return 1
  _SVC_PG_VERSION=$(ls "$_SVC_PG_ETC" 2>/dev/null | head -1) || true
  [[ -n $_SVC_PG_VERSION ]] || return 1
  _svc_log "Starting PostgreSQL $_SVC_PG_VERSION (cluster main)"
  # Fails with "already running" when the cluster is up on another port: waiting then reports the problem.
  pg_ctlcluster --skip-systemctl-redirect "$_SVC_PG_VERSION" main start || true
}

# Prints the port configured for the started cluster (pg_lsclusters), when that can be known.
_svc_pg_cluster_port() {
  local line cport
  _svc_has pg_lsclusters || return 1
  line=$(pg_lsclusters -h "$_SVC_PG_VERSION" main 2>/dev/null) || return 1
  read -r _ _ cport _ <<<"$line"
  [[ $cport =~ ^[0-9]+$ ]] && printf '%s' "$cport"
}

# Fails at once, rather than after 30 s, when the cluster listens on another port than the URL's.
_svc_pg_check_port() {
  local port=$1 cport
  cport=$(_svc_pg_cluster_port) || return 0
  if [[ $cport != "$port" ]]; then
    _svc_error "PostgreSQL $_SVC_PG_VERSION is configured for port $cport, not $port: set DATABASE_URL to port $cport or change the cluster's port."
    return 1
  fi
}

# After a fresh apt install: lets user postgres connect over local TCP without a password.
_svc_pg_trust_local() {
  local host=$1 port=$2 hba tmp
  _svc_has psql || return 0
  if PGCONNECT_TIMEOUT=5 psql -w -h "$host" -p "$port" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  hba=$_SVC_PG_ETC/$_SVC_PG_VERSION/main/pg_hba.conf
  if [[ ! -f $hba ]]; then
    _svc_error "PostgreSQL refuses user postgres over TCP without a password and $hba was not found: allow it in pg_hba.conf or put a password in DATABASE_URL."
    return 1
  fi
  tmp=$(mktemp)
  {
    printf '%s\n' '# Added by Clientela scripts/services.sh: local TCP connections without a password (development only).'
    printf '%s\n' 'host all all 127.0.0.1/32 trust' 'host all all ::1/128 trust'
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba" # keeps the file's owner and mode
  rm -f "$tmp"
  if ! pg_ctlcluster --skip-systemctl-redirect "$_SVC_PG_VERSION" main reload; then
    _svc_error "PostgreSQL $_SVC_PG_VERSION could not be reloaded after editing $hba: reload it and run this script again."
    return 1
  fi
  _svc_log "Set 'host all all 127.0.0.1/32 trust' and 'host all all ::1/128 trust' at the top of $hba and reloaded PostgreSQL"
  sleep 1
  if ! PGCONNECT_TIMEOUT=5 psql -w -h "$host" -p "$port" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    _svc_error "PostgreSQL still refuses user postgres over TCP at $(_svc_where "$host" "$port") after editing $hba: check pg_hba.conf."
    return 1
  fi
}

_svc_ensure_postgres() {
  local url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/clientela} host port where
  if ! _svc_parse_url "$url" 5432; then
    _svc_error "DATABASE_URL has no valid port: use postgresql://user[:password]@host:port/database."
    return 1
  fi
  host=$_SVC_HOST port=$_SVC_PORT where=$(_svc_where "$_SVC_HOST" "$_SVC_PORT")

  if _svc_pg_ready "$host" "$port"; then
    _svc_log "PostgreSQL is reachable at $where"
    return 0
  fi
  if ! _svc_is_local "$host"; then
    _svc_error "PostgreSQL is not reachable at $where, which is not a local host this script can start: start it there or set DATABASE_URL."
    return 1
  fi
  _svc_log "PostgreSQL is not reachable at $where"

  # (a) installed
  if _svc_pg_start_installed; then
    _svc_pg_check_port "$port" || return 1
    if _svc_wait _svc_pg_ready "$host" "$port"; then
      _svc_log "PostgreSQL is ready at $where"
      return 0
    fi
    _svc_error "PostgreSQL $_SVC_PG_VERSION was started but does not accept connections at $where after 30 s: check its port and /var/log/postgresql, or set DATABASE_URL."
    return 1
  fi

  # (b) Docker
  if _svc_docker_ok; then
    _svc_log "Starting PostgreSQL with docker compose (service postgres)"
    if ! POSTGRES_PORT=$port _svc_compose up -d postgres; then
      _svc_error "docker compose could not start the postgres service: see the output above."
      return 1
    fi
    if ! _svc_wait _svc_pg_ready "$host" "$port"; then
      _svc_error "The postgres container does not accept connections at $where after 30 s: see 'docker compose logs postgres'."
      return 1
    fi
    # The container requires passwords (docker-compose.yml): default URLs must carry them.
    if [[ -z ${DATABASE_URL:-} ]]; then
      export DATABASE_URL="postgresql://postgres:${POSTGRES_PASSWORD:-clientela}@127.0.0.1:$port/clientela"
      _svc_log "Using DATABASE_URL=postgresql://postgres:***@127.0.0.1:$port/clientela (docker compose)"
    fi
    if [[ -z ${APP_DATABASE_URL:-} ]]; then
      export APP_DATABASE_URL="postgresql://clientela_app:${APP_DB_PASSWORD:-clientela_app}@127.0.0.1:$port/clientela"
      _svc_log "Using APP_DATABASE_URL=postgresql://clientela_app:***@127.0.0.1:$port/clientela (docker compose)"
    fi
    _svc_log "PostgreSQL is ready at $where"
    return 0
  fi

  # (c) apt-get as root
  if _svc_can_apt; then
    if ! _svc_apt_install postgresql; then
      _svc_error "Installing PostgreSQL with apt-get failed: see the output above."
      return 1
    fi
    if ! _svc_pg_start_installed; then
      _svc_error "PostgreSQL was installed but no cluster was found under $_SVC_PG_ETC: create one with pg_createcluster."
      return 1
    fi
    _svc_pg_check_port "$port" || return 1
    if ! _svc_wait _svc_pg_ready "$host" "$port"; then
      _svc_error "PostgreSQL $_SVC_PG_VERSION was installed but does not accept connections at $where after 30 s: check its port and /var/log/postgresql."
      return 1
    fi
    _svc_pg_trust_local "$host" "$port" || return 1
    _svc_log "PostgreSQL is ready at $where"
    return 0
  fi

  # (d)
  _svc_error "PostgreSQL is not reachable at $where and cannot be started here: install PostgreSQL 15+ (or Docker) or set DATABASE_URL."
  return 1
}

# --- Redis --------------------------------------------------------------------------------------------------------

_svc_redis_start_installed() {
  local port=$1
  _svc_has redis-server || return 1
  _svc_log "Starting redis-server on port $port"
  # "-::1": bind IPv6 loopback only if the machine has it. Fails when the port is taken: waiting reports it.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no || true
}

_svc_ensure_redis() {
  local url=${REDIS_URL:-redis://127.0.0.1:6379} host port where
  if ! _svc_parse_url "$url" 6379; then
    _svc_error "REDIS_URL has no valid port: use redis://[:password@]host:port."
    return 1
  fi
  host=$_SVC_HOST port=$_SVC_PORT where=$(_svc_where "$_SVC_HOST" "$_SVC_PORT")

  if _svc_redis_ready "$host" "$port"; then
    _svc_log "Redis is reachable at $where"
    return 0
  fi
  if ! _svc_is_local "$host"; then
    _svc_error "Redis is not reachable at $where, which is not a local host this script can start: start it there or set REDIS_URL."
    return 1
  fi
  _svc_log "Redis is not reachable at $where"

  # (a) installed
  if _svc_redis_start_installed "$port"; then
    if _svc_wait _svc_redis_ready "$host" "$port"; then
      _svc_log "Redis is ready at $where"
      return 0
    fi
    _svc_error "redis-server was started but does not answer at $where after 30 s: check that port $port is free, or set REDIS_URL."
    return 1
  fi

  # (b) Docker
  if _svc_docker_ok; then
    _svc_log "Starting Redis with docker compose (service redis)"
    if ! REDIS_PORT=$port _svc_compose up -d redis; then
      _svc_error "docker compose could not start the redis service: see the output above."
      return 1
    fi
    if ! _svc_wait _svc_redis_ready "$host" "$port"; then
      _svc_error "The redis container does not answer at $where after 30 s: see 'docker compose logs redis'."
      return 1
    fi
    _svc_log "Redis is ready at $where"
    return 0
  fi

  # (c) apt-get as root
  if _svc_can_apt; then
    if ! _svc_apt_install redis-server; then
      _svc_error "Installing Redis with apt-get failed: see the output above."
      return 1
    fi
    # The package may already have started its own server on 6379; starting again is then a no-op failure.
    if _svc_redis_ready "$host" "$port" || { _svc_redis_start_installed "$port" && _svc_wait _svc_redis_ready "$host" "$port"; }; then
      _svc_log "Redis is ready at $where"
      return 0
    fi
    _svc_error "Redis was installed but does not answer at $where after 30 s: check that port $port is free, or set REDIS_URL."
    return 1
  fi

  # (d)
  _svc_error "Redis is not reachable at $where and cannot be started here: install Redis 7+ (or Docker) or set REDIS_URL."
  return 1
}

# --- public -------------------------------------------------------------------------------------------------------

ensure_services() {
  _svc_ensure_postgres || return 1
  _svc_ensure_redis || return 1
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    _svc_log "Chromium is installed at /usr/bin/chromium"
    return 0
  fi
  if _svc_can_apt; then
    if ! _svc_apt_install chromium || [[ ! -x /usr/bin/chromium ]]; then
      _svc_error "Installing Debian's chromium package with apt-get did not provide /usr/bin/chromium: see the output above."
      return 1
    fi
    _svc_log "Chromium is installed at /usr/bin/chromium"
    return 0
  fi
  _svc_error "Chromium is not installed at /usr/bin/chromium and cannot be installed here: install Debian's chromium package as root (apt-get install chromium)."
  return 1
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-services} in
    services) ensure_services ;;
    chromium) ensure_chromium ;;
    *)
      echo "usage: bash scripts/services.sh [services|chromium]" >&2
      exit 2
      ;;
  esac
fi

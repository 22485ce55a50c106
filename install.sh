#!/usr/bin/env bash
# Installs and starts Harbor (harbor-ts) from harbor.yml, as Harbor's install.sh does:
#   1. checks prerequisites: Node.js 20+, and either a Docker engine with compose or, without
#      Docker, PostgreSQL and Redis reachable where harbor.yml says
#   2. runs ./prepare: validates harbor.yml (stops before touching data_volume when it is wrong)
#      and creates the secrets under data_volume (kept on re-runs)
#   3. starts the stack: `docker compose up -d` when `docker info` works, otherwise the services
#      as local processes in the foreground (what `npm start` runs)
# Usage: ./install.sh [--config harbor.yml] [--compose | --local] [--prepare-only]
#   --compose / --local  choose the path instead of detecting Docker
#   --prepare-only       do everything but start
#   --dist DIR           (local path) run bundles already built in DIR instead of building them
set -euo pipefail
harbor_script=install.sh
. "$(dirname "${BASH_SOURCE[0]}")/deploy/scripts/lib.sh"

config=""
mode=""
prepare_only=false
dist=""
while [ $# -gt 0 ]; do
  case $1 in
    --config) [ $# -ge 2 ] || fail "--config needs a file"; config=$(absolute_path "$2"); shift 2 ;;
    --dist) [ $# -ge 2 ] || fail "--dist needs a directory"; dist=$(absolute_path "$2"); shift 2 ;;
    --compose) mode=compose; shift ;;
    --local) mode=local; shift ;;
    --prepare-only) prepare_only=true; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done
config=${config:-$harbor_root/harbor.yml}
[ -f "$config" ] || fail "$config does not exist: copy harbor.yml.tmpl to harbor.yml and edit it"

# `docker compose` (v2) or docker-compose (v1); empty when neither works.
compose_command() {
  if docker compose version >/dev/null 2>&1; then echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then echo "docker-compose"
  fi
}

docker_engine_works() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

note "[1/3] checking prerequisites"
require_node
ensure_dependencies
if [ -z "$mode" ]; then
  if docker_engine_works && [ -n "$(compose_command)" ]; then mode=compose; else mode=local; fi
fi
if [ "$mode" = compose ] && ! $prepare_only; then
  docker_engine_works || fail "no Docker engine answers \`docker info\`; start it, or use --local"
  [ -n "$(compose_command)" ] || fail "neither \`docker compose\` nor docker-compose is installed"
fi
note "using the $mode path"

note "[2/3] preparing from $config"
cd "$harbor_root"
compose_env="$harbor_root/dist/deploy/compose.env"
case $mode in
  compose) run_prepare --config "$config" --compose-env "$compose_env" ;;
  local) if $prepare_only; then run_prepare --config "$config"; else run_prepare --config "$config" --check-local-services; fi ;;
esac

if $prepare_only; then
  note "prepared; not starting (--prepare-only)"
  exit 0
fi

note "[3/3] starting"
if [ "$mode" = compose ]; then
  set -a
  . "$compose_env"
  set +a
  $(compose_command) up -d --build --remove-orphans
  note "started: Harbor answers on port $HARBOR_HTTP_PORT (admin / harbor_admin_password on first start)"
  exit 0
fi

if [ -z "$dist" ]; then
  npx nx run-many -t build -p 'tag:type:app' --output-style=stream
  dist="$harbor_root/dist"
fi
note "running the services in the foreground; Ctrl-C stops them"
exec node tools/scripts/start.mjs "$config" --dist "$dist"

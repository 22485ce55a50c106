# Shared by ./install.sh and ./prepare (sourced, not run).

harbor_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prepare_bundle="$harbor_root/dist/deploy/prepare/main.js"

fail() {
  printf '%s: %s\n' "$harbor_script" "$*" >&2
  exit 1
}

note() {
  printf '%s: %s\n' "$harbor_script" "$*" >&2
}

# An absolute path for a file named relative to where the script was started.
absolute_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

require_node() {
  command -v node >/dev/null 2>&1 || fail "Node.js is not installed; version 20 or later is required"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "Node.js $(node --version) is too old; version 20 or later is required"
}

# npm dependencies on a fresh clone (a no-op when node_modules matches the lock file).
ensure_dependencies() {
  node "$harbor_root/tools/scripts/ensure-deps.mjs"
}

# The prepare CLI (deploy/src/prepare), bundled from source so it always matches the checkout.
run_prepare() {
  (cd "$harbor_root" && node tools/scripts/bundle.mjs deploy/src/prepare/main.ts "$prepare_bundle") || fail "could not build the prepare tool"
  node "$prepare_bundle" "$@"
}

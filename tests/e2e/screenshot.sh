#!/usr/bin/env bash
# Takes a screenshot of the app on the demo workspace under Xvfb, for the README.
# Usage: tests/e2e/screenshot.sh OUT.png   (after `make app`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

out=${1:?usage: $0 OUT.png}
app=target/debug/terrain-app
[ -x "$app" ] || { echo "$app is missing; run make app" >&2; exit 1; }

# A throw-away data folder, so the app builds the demo as on a first start and the user's own
# workspace is never touched.
data=$(mktemp -d)
# Xvfb picks a free display itself and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$data/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$data/display" ] && break; sleep 0.2; done
display=$(head -n1 "$data/display")
[ -n "$display" ] || { echo "Xvfb did not start" >&2; exit 1; }
cleanup() {
  kill "${app_pid:-}" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

export DISPLAY=":$display" XDG_DATA_HOME="$data" GSETTINGS_BACKEND=memory
env -u TERRAIN_WORKSPACE "$app" >"$data/app.log" 2>&1 &
app_pid=$!

# Wait for the visible window (the app also owns a hidden 10x10 one), then let it draw.
for _ in $(seq 60); do
  xdotool search --onlyvisible --name '^Terrain$' >/dev/null 2>&1 && break
  sleep 0.5
done
sleep "${SETTLE_SECONDS:-8}"
mkdir -p "$(dirname "$out")"
import -window root "$out"
echo "wrote $out"

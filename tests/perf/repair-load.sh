#!/usr/bin/env bash
# Repair submission under load: builds the host in Release, starts it on loopback with a fresh data folder,
# sets up one centre (two property staff on duty around the clock) through the public API, then drives
# POST /api/c/{centre}/repair/requests with wrk and prints throughput and latency, beside a bare endpoint (/health).
# Usage: tests/perf/repair-load.sh [--quick] [--connections N] [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CONNECTIONS=32; SECONDS_=20; WARMUP=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SECONDS_=3; WARMUP=1; shift ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null; }

OUT="$ROOT/artifacts/perf"
rm -rf "$OUT/publish" "$OUT/data"; mkdir -p "$OUT"
dotnet publish host -c Release -o "$OUT/publish" -nologo -v q >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
PASSWORD="Perf-admin-2026"
ASPNETCORE_URLS=$BASE Data__Path="$OUT/data" Plugins__Path="$OUT/publish/plugins" Seed__AdminPassword=$PASSWORD \
  Auth__RateLimitPerMinute=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$OUT/publish/HappyCommunity.Host.dll" >"$OUT/host.log" 2>&1 &
HOST_PID=$!
trap 'kill $HOST_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done

api() { # method path [json] -> body (fails on HTTP >= 400)
  curl -sf -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
TOKEN=$(curl -sf "$BASE/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"admin\",\"password\":\"$PASSWORD\"}" | json 'd["accessToken"]')
CENTRE=xintangpu
api PUT "/api/centres/$CENTRE/modules/repair" '{"enabled":true}' >/dev/null
STAFF=()
for i in 1 2; do
  STAFF+=("$(api POST /api/users "{\"userName\":\"perf-worker-$i\",\"password\":\"Passw0rd-1\",\"displayName\":\"师傅$i\",\"centre\":\"$CENTRE\",\"role\":\"property-staff\"}" | json 'd["id"]')")
done
TEAM=$(api GET "/api/c/$CENTRE/repair/teams" | json 'd[0]["id"]')
api PUT "/api/c/$CENTRE/repair/teams/$TEAM" "{\"name\":\"维修一组\",\"memberIds\":[\"${STAFF[0]}\",\"${STAFF[1]}\"]}" >/dev/null
SLOTS=$(python3 -c 'import json; print(json.dumps({"slots":[{"day":d,"start":s,"end":e} for d in ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"] for s,e in [("00:00","12:00"),("12:00","00:00")]]}))')
for s in "${STAFF[@]}"; do api PUT "/api/c/$CENTRE/repair/staff/$s/roster" "$SLOTS" >/dev/null; done
CATEGORIES=$(api GET "/api/c/$CENTRE/repair/categories" | json '",".join(str(c["id"]) for c in d)')

run() { # label script [env...]
  local label=$1 script=$2; shift 2
  env "$@" HC_TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "tests/perf/$script" "$BASE" >/dev/null
  local line; line=$(env "$@" HC_TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "tests/perf/$script" "$BASE" | grep '^RESULT')
  printf '%-44s %s\n' "$label" "${line#RESULT }"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $CONNECTIONS connections, ${SECONDS_} s each"
run "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
run "module GET /api/c/$CENTRE/repair/categories" get.lua HC_PATH="/api/c/$CENTRE/repair/categories"
run "repair submission POST (dispatch, commit)" submit.lua HC_CENTRE=$CENTRE HC_CATEGORIES="$CATEGORIES"
COUNT=$(api GET "/api/c/$CENTRE/repair/requests?take=1" | json 'd[0]["id"]')
echo "requests stored: $COUNT; host log errors: $(grep -c -i 'fail:' "$OUT/host.log" || true)"

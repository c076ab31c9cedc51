#!/usr/bin/env bash
# Repair submission under load: builds the host in Release, starts it on loopback with a fresh data folder,
# sets up one centre (two property staff on duty around the clock) through the public API, then drives
# POST /api/c/{centre}/repair/requests with wrk and prints throughput and latency, beside a bare endpoint (/health).
# Usage: tests/perf/repair-load.sh [--quick] [--connections N] [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/perf/common.sh
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

machine
run "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
run "module GET /api/c/$CENTRE/repair/categories" get.lua HC_PATH="/api/c/$CENTRE/repair/categories"
run "repair submission POST (dispatch, commit)" submit.lua HC_CENTRE=$CENTRE HC_CATEGORIES="$CATEGORIES"
COUNT=$(api GET "/api/c/$CENTRE/repair/requests?take=1" | json 'd[0]["id"]')
echo "requests stored: $COUNT; host log errors: $(grep -c -i 'fail:' "$OUT/host.log" || true)"

#!/usr/bin/env bash
# Repair submission under load: builds the host in Release, starts it on loopback with a fresh data folder,
# sets up one centre (two property staff on duty around the clock) through the public API, then drives
# POST /api/c/{centre}/repair/requests with wrk and prints throughput and latency, beside a bare endpoint (/health).
# Usage: tests/perf/repair-load.sh [--quick] [--connections N] [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/perf/common.sh
CENTRE=xintangpu
setup_repair $CENTRE

machine
run "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
run "module GET /api/c/$CENTRE/repair/categories" get.lua HC_PATH="/api/c/$CENTRE/repair/categories"
run "repair submission POST (dispatch, commit)" submit.lua HC_CENTRE=$CENTRE HC_CATEGORIES="$CATEGORIES"
COUNT=$(api GET "/api/c/$CENTRE/repair/requests?take=1" | json 'd[0]["id"]')
echo "requests stored: $COUNT; host log errors: $(grep -c -i 'fail:' "$OUT/host.log" || true)"

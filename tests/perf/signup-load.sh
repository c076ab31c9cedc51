#!/usr/bin/env bash
# Volunteer sign-up under load: the capacity check (read and change the place count inside one write transaction)
# with many volunteers signing up for many activities at once. Sets up one centre through the public API:
# Volunteers on, approved volunteers, activities of 10 places tomorrow; then drives
# POST /api/c/{centre}/volunteers/activities/{id}/signups with wrk, every request a new (volunteer, activity) pair,
# beside a bare endpoint, and checks afterwards that no activity passed its capacity.
# Usage: tests/perf/signup-load.sh [--quick] [--connections N] [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/perf/common.sh
CENTRE=xintangpu
VOLUNTEERS=${QUICK:+20}; VOLUNTEERS=${VOLUNTEERS:-100}
ACTIVITIES=${QUICK:+20}; ACTIVITIES=${ACTIVITIES:-600}
setup_volunteers $CENTRE "$VOLUNTEERS" "$ACTIVITIES"

machine
echo "$VOLUNTEERS volunteers, $ACTIVITIES activities of 10 places"
run "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
run "module GET /api/c/$CENTRE/volunteers/activities" get.lua HC_PATH="/api/c/$CENTRE/volunteers/activities" HC_TOKEN="${VOLUNTEER_TOKENS[0]}"
run "volunteer sign-up POST (capacity check, commit)" signup.lua HC_CENTRE=$CENTRE HC_TOKENS="$TOKEN_LIST" HC_ACTIVITIES="$ACTIVITY_LIST"
python3 - "$BASE" "$ADMIN_TOKEN" "$CENTRE" "$ACTIVITY_LIST" <<'PY'
import json, sys, urllib.request
base, token, centre, ids = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
over = confirmed = waitlisted = 0
for i in ids:
    req = urllib.request.Request(f"{base}/api/c/{centre}/volunteers/activities/{i}", headers={"Authorization": f"Bearer {token}"})
    d = json.load(urllib.request.urlopen(req))
    a, roster = d["activity"], d["roster"] or []
    c = sum(1 for r in roster if r["status"] == "confirmed")
    confirmed += c; waitlisted += sum(1 for r in roster if r["status"] == "waitlisted")
    over += (c > a["capacity"]) or (c != a["confirmed"])
print(f"sign-ups stored: {confirmed} confirmed, {waitlisted} waitlisted; activities over capacity or miscounted: {over}")
PY
echo "host log errors: $(grep -c -i 'fail:' "$OUT/host.log" || true)"

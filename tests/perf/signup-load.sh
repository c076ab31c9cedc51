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
ACTIVITIES=${QUICK:+20}; ACTIVITIES=${ACTIVITIES:-400}
api PUT "/api/centres/$CENTRE/modules/volunteers" '{"enabled":true}' >/dev/null
STAFF_ID=$(api POST /api/users "{\"userName\":\"perf-staff\",\"password\":\"Passw0rd-1\",\"displayName\":\"社工\",\"centre\":\"$CENTRE\",\"role\":\"staff\"}" | json 'd["id"]')
TOKENS=()
for i in $(seq 1 "$VOLUNTEERS"); do
  api POST /api/users "{\"userName\":\"perf-vol-$i\",\"password\":\"Passw0rd-1\",\"displayName\":\"志愿者$i\",\"centre\":\"$CENTRE\",\"role\":\"volunteer\"}" >/dev/null
  T=$(login "perf-vol-$i" Passw0rd-1)
  ID=$(TOKEN=$T api POST "/api/c/$CENTRE/volunteers/applications" '{"phone":"13800000000","skills":[],"availability":"weekends"}' | json 'd["id"]')
  api POST "/api/c/$CENTRE/volunteers/applications/$ID/approve" '{}' >/dev/null
  TOKENS+=("$T")
done
START=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(days=1)).isoformat())')
END=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(days=1,hours=2)).isoformat())')
IDS=()
for i in $(seq 1 "$ACTIVITIES"); do
  IDS+=("$(api POST "/api/c/$CENTRE/volunteers/activities" "{\"title\":\"助老活动 $i\",\"place\":\"活动室\",\"startAt\":\"$START\",\"endAt\":\"$END\",\"capacity\":10}" | json 'd["id"]')")
done
ACTIVITY_LIST=$(IFS=,; echo "${IDS[*]}")
TOKEN_LIST=$(IFS=,; echo "${TOKENS[*]}")

machine
echo "$VOLUNTEERS volunteers, $ACTIVITIES activities of 10 places"
run "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
run "module GET /api/c/$CENTRE/volunteers/activities" get.lua HC_PATH="/api/c/$CENTRE/volunteers/activities" HC_TOKEN="${TOKENS[0]}"
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

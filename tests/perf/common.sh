# Shared by the load scripts: options, wrk, a Release host on a free loopback port with a fresh data folder, an admin
# token, and run() which prints one line per figure; start_host/stop_host restart the host on the same data folder.
# Source it from the repository root.
CONNECTIONS=32; SECONDS_=20; WARMUP=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SECONDS_=3; WARMUP=1; QUICK=1; shift ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing wrk from Debian..." >&2
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null || { echo "could not install wrk" >&2; exit 1; }
fi

ROOT=$(pwd)
OUT="$ROOT/artifacts/perf"
rm -rf "$OUT/publish" "$OUT/data"; mkdir -p "$OUT"
# As it would be deployed: for this platform, framework-dependent, precompiled (ReadyToRun, set in the host's project).
case "$(uname -m)" in aarch64|arm64) RID=linux-arm64 ;; *) RID=linux-x64 ;; esac
dotnet publish host -c Release -r "$RID" --self-contained false -o "$OUT/publish" -nologo -v q >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
PASSWORD="Perf-admin-2026"
: >"$OUT/host.log"

start_host() { # starts the host on the same port and data folder; sets HOST_PID, and STARTUP_MS: process start to first 200
  local t0; t0=$(date +%s%N)
  ASPNETCORE_URLS=$BASE Data__Path="$OUT/data" Plugins__Path="$OUT/publish/plugins" Seed__AdminPassword=$PASSWORD \
    Auth__RateLimitPerMinute=1000000 Logging__LogLevel__Default=Warning \
    dotnet "$OUT/publish/HappyCommunity.Host.dll" >>"$OUT/host.log" 2>&1 &
  HOST_PID=$!
  for _ in $(seq 1 3000); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && { STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 )); return 0; }
    kill -0 "$HOST_PID" 2>/dev/null || break
    sleep 0.01
  done
  echo "the host did not start; the end of $OUT/host.log:" >&2; tail -20 "$OUT/host.log" >&2; return 1
}
stop_host() { kill "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; }
host_rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$HOST_PID/status"; }
trap 'kill $HOST_PID 2>/dev/null || true' EXIT
start_host

api() { # method path [json] -> body (fails on HTTP >= 400); as $TOKEN
  curl -sf -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
login() { curl -sf "$BASE/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$2\"}" | json 'd["accessToken"]'; }
TOKEN=$(login admin "$PASSWORD")
ADMIN_TOKEN=$TOKEN

run() { # label script [env...]
  local label=$1 script=$2; shift 2
  env HC_TOKEN="$TOKEN" HC_WARMUP=1 "$@" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "tests/perf/$script" "$BASE" >/dev/null
  local line; line=$(env HC_TOKEN="$TOKEN" "$@" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "tests/perf/$script" "$BASE" | grep '^RESULT')
  printf '%-52s %s\n' "$label" "${line#RESULT }"
}
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $CONNECTIONS connections, ${SECONDS_} s each"; }

setup_repair() { # centre -> Repairs on, two property staff in the first team, on duty around the clock; sets CATEGORIES
  local centre=$1 s team slots staff=()
  api PUT "/api/centres/$centre/modules/repair" '{"enabled":true}' >/dev/null
  for i in 1 2; do
    staff+=("$(api POST /api/users "{\"userName\":\"perf-worker-$centre-$i\",\"password\":\"Passw0rd-1\",\"displayName\":\"师傅$i\",\"centre\":\"$centre\",\"role\":\"property-staff\"}" | json 'd["id"]')")
  done
  team=$(api GET "/api/c/$centre/repair/teams" | json 'd[0]["id"]')
  api PUT "/api/c/$centre/repair/teams/$team" "{\"name\":\"维修一组\",\"memberIds\":[\"${staff[0]}\",\"${staff[1]}\"]}" >/dev/null
  slots=$(python3 -c 'import json; print(json.dumps({"slots":[{"day":d,"start":s,"end":e} for d in ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"] for s,e in [("00:00","12:00"),("12:00","00:00")]]}))')
  for s in "${staff[@]}"; do api PUT "/api/c/$centre/repair/staff/$s/roster" "$slots" >/dev/null; done
  CATEGORIES=$(api GET "/api/c/$centre/repair/categories" | json '",".join(str(c["id"]) for c in d)')
}

setup_volunteers() { # centre volunteers activities -> Volunteers on, approved volunteers signed in, activities of 10 places
  # tomorrow; sets VOLUNTEER_TOKENS, TOKEN_LIST and ACTIVITY_LIST (comma separated)
  local centre=$1 volunteers=$2 activities=$3 t id start end ids=()
  api PUT "/api/centres/$centre/modules/volunteers" '{"enabled":true}' >/dev/null
  api POST /api/users "{\"userName\":\"perf-staff-$centre\",\"password\":\"Passw0rd-1\",\"displayName\":\"社工\",\"centre\":\"$centre\",\"role\":\"staff\"}" >/dev/null
  VOLUNTEER_TOKENS=()
  for i in $(seq 1 "$volunteers"); do
    api POST /api/users "{\"userName\":\"perf-vol-$centre-$i\",\"password\":\"Passw0rd-1\",\"displayName\":\"志愿者$i\",\"centre\":\"$centre\",\"role\":\"volunteer\"}" >/dev/null
    t=$(login "perf-vol-$centre-$i" Passw0rd-1)
    id=$(TOKEN=$t api POST "/api/c/$centre/volunteers/applications" '{"phone":"13800000000","skills":[],"availability":"weekends"}' | json 'd["id"]')
    api POST "/api/c/$centre/volunteers/applications/$id/approve" '{}' >/dev/null
    VOLUNTEER_TOKENS+=("$t")
  done
  start=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(days=1)).isoformat())')
  end=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(days=1,hours=2)).isoformat())')
  for i in $(seq 1 "$activities"); do
    ids+=("$(api POST "/api/c/$centre/volunteers/activities" "{\"title\":\"助老活动 $i\",\"place\":\"活动室\",\"startAt\":\"$start\",\"endAt\":\"$end\",\"capacity\":10}" | json 'd["id"]')")
  done
  ACTIVITY_LIST=$(IFS=,; echo "${ids[*]}")
  TOKEN_LIST=$(IFS=,; echo "${VOLUNTEER_TOKENS[*]}")
}

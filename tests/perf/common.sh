# Shared by the load scripts: options, wrk, a Release host on a free loopback port with a fresh data folder, an admin
# token, and run() which prints one line per figure. Source it from the repository root.
CONNECTIONS=32; SECONDS_=20; WARMUP=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) SECONDS_=3; WARMUP=1; QUICK=1; shift ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null; }

ROOT=$(pwd)
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

api() { # method path [json] -> body (fails on HTTP >= 400); as $TOKEN
  curl -sf -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
login() { curl -sf "$BASE/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$2\"}" | json 'd["accessToken"]'; }
TOKEN=$(login admin "$PASSWORD")
ADMIN_TOKEN=$TOKEN

run() { # label script [env...]
  local label=$1 script=$2; shift 2
  env HC_TOKEN="$TOKEN" "$@" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "tests/perf/$script" "$BASE" >/dev/null
  local line; line=$(env HC_TOKEN="$TOKEN" "$@" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "tests/perf/$script" "$BASE" | grep '^RESULT')
  printf '%-52s %s\n' "$label" "${line#RESULT }"
}
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $CONNECTIONS connections, ${SECONDS_} s each"; }

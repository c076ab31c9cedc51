#!/usr/bin/env bash
# The benchmark harness (issue 6): builds Release, starts the host on loopback with a fresh data folder, seeds a
# realistic district straight into the stores (45 centres with every module on, 50,000 residents, 1,000,000 repair
# requests over three years, 5,000 volunteers), drives it with wrk and prints one table, P1-P7, each figure beside its
# goal and as a ratio to the bare endpoint measured in the same run. Goals are reported, never enforced: the exit code
# says only whether the harness itself worked.
# Usage: tests/perf/run.sh [--quick] [--connections N] [--seconds N]
#   --quick: small data (2,000 requests), 3 s per load figure, no BenchmarkDotNet run: checks the harness still works.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/perf/common.sh

if [ -n "${QUICK:-}" ]; then
  RESIDENTS=2000; REQUESTS=2000; VOLUNTEER_ROWS=200; STARTS=3; DASHBOARD_CALLS=10; SIGNUP_VOLUNTEERS=20; SIGNUP_ACTIVITIES=20
else
  RESIDENTS=50000; REQUESTS=1000000; VOLUNTEER_ROWS=5000; STARTS=5; DASHBOARD_CALLS=40; SIGNUP_VOLUNTEERS=100; SIGNUP_ACTIVITIES=400
fi
CENTRES_MANY=1000
CENTRE=xintangpu
RESULTS="$OUT/results.txt"; : >"$RESULTS"
note() { echo "[+${SECONDS}s] $*" >&2; }
record() { echo "$1=$2" >>"$RESULTS"; }
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<" $1"; } # line name -> value
measure() { # key label script [env...] -> the wrk line on stderr, rps/p99/errors recorded under key
  local key=$1; shift
  local line; line=$(run "$@")
  note "$line"
  record "${key}_rps" "$(field "$line" rps)"; record "${key}_p99" "$(field "$line" p99_ms)"; record "${key}_errors" "$(field "$line" errors)"
}

# 1. The district's shape through the public API: every running module on at every centre, each centre's Repairs
#    defaults created, the load figures' staff and volunteers at Xintangpu.
note "$(machine)"
MODULES=$(api GET /api/plugins | json '" ".join(p["id"] for p in d if p["status"].lower() == "running")')
SLUGS=$(curl -sf "$BASE/api/centres" | json '" ".join(c["slug"] for c in d)')
for c in $SLUGS; do
  for m in $MODULES; do api PUT "/api/centres/$c/modules/$m" '{"enabled":true}' >/dev/null; done
  api GET "/api/c/$c/repair/categories" >/dev/null
done
setup_repair $CENTRE
setup_volunteers $CENTRE "$SIGNUP_VOLUNTEERS" "$SIGNUP_ACTIVITIES"
note "$(wc -w <<<"$SLUGS") centres, modules on everywhere: $MODULES"

# 2. Bulk history, written by the seeder while the host is stopped.
stop_host
dotnet build tests/perf/HappyCommunity.PerfSeed -c Release -nologo -v q -o "$OUT/seed" >/dev/null
dotnet "$OUT/seed/HappyCommunity.PerfSeed.dll" district "$OUT/data" residents=$RESIDENTS requests=$REQUESTS volunteers=$VOLUNTEER_ROWS >&2

# 3. P3 cold start: process start to the first 200 of /health, every plugin loaded (Healthy), over the seeded data.
STARTUPS=()
for i in $(seq 1 "$STARTS"); do
  start_host
  STARTUPS+=("$STARTUP_MS")
  HEALTH=$(curl -s "$BASE/health" | json 'd["status"]')
  [ "$i" -eq "$STARTS" ] || stop_host
done
note "cold starts (ms): ${STARTUPS[*]}; health: $HEALTH"
record p3_ms "$(printf '%s\n' "${STARTUPS[@]}" | sort -n | sed -n "$(( (STARTS + 1) / 2 ))p")"
record p3_health "$HEALTH"

# 4. Load figures at 45 centres. P1: a module GET through centre resolution, gate and auth, beside the bare endpoint.
MODULE_PATH="/api/c/$CENTRE/repair/categories"
measure bare "bare endpoint GET /health/live" get.lua HC_PATH=/health/live
measure p1 "module GET $MODULE_PATH" get.lua HC_PATH="$MODULE_PATH"
record rss45_mb "$(host_rss_mb)"
measure p2 "repair submission POST (dispatch, commit)" submit.lua HC_CENTRE=$CENTRE HC_CATEGORIES="$CATEGORIES"
measure p7 "volunteer sign-up POST (capacity check, commit)" signup.lua HC_CENTRE=$CENTRE HC_TOKENS="$TOKEN_LIST" HC_ACTIVITIES="$ACTIVITY_LIST"

# P5: the district dashboard over every centre, one request at a time (after one warm-up), p95 of the latencies.
python3 - "$BASE" "$TOKEN" "$DASHBOARD_CALLS" >>"$RESULTS" <<'PY'
import sys, time, urllib.request
base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
req = urllib.request.Request(f"{base}/api/district/dashboard", headers={"Authorization": f"Bearer {token}"})
urllib.request.urlopen(req).read()
times = []
for _ in range(n):
    t = time.perf_counter(); urllib.request.urlopen(req).read(); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"p5_p95={times[min(n - 1, int(0.95 * n + 0.5) - 1)]:.1f}")
print(f"p5_p50={times[n // 2]:.1f}")
PY
note "district dashboard: p50 $(sed -n 's/^p5_p50=//p' "$RESULTS") ms, p95 $(sed -n 's/^p5_p95=//p' "$RESULTS") ms over $DASHBOARD_CALLS calls"

# 5. P4: the same P1 pair at 1,000 centres with every module on (centres added by the seeder, host restarted).
stop_host
dotnet "$OUT/seed/HappyCommunity.PerfSeed.dll" centres "$OUT/data" total=$CENTRES_MANY modules="${MODULES// /,}" >&2
start_host
note "centres now: $(curl -sf "$BASE/api/centres" | json 'len(d)')"
measure bare1k "bare endpoint GET /health/live (1,000 centres)" get.lua HC_PATH=/health/live
measure p1k "module GET $MODULE_PATH (1,000 centres)" get.lua HC_PATH="$MODULE_PATH"
record rss1k_mb "$(host_rss_mb)"
record host_errors "$(grep -c -i 'fail:' "$OUT/host.log" || true)"
stop_host

# 6. P6: one dispatch decision, 500 staff and 100,000 open requests (BenchmarkDotNet, short job); skipped by --quick.
if [ -z "${QUICK:-}" ]; then
  rm -rf "$OUT/bdn"
  dotnet run -c Release --project tests/perf/HappyCommunity.Benchmarks -- --filter '*FromStore*' --job short \
    --artifacts "$OUT/bdn" --exporters csv >"$OUT/bdn.log" 2>&1 || { note "BenchmarkDotNet failed; see $OUT/bdn.log"; exit 1; }
  python3 - "$OUT/bdn" >>"$RESULTS" <<'PY'
import csv, glob, sys
row = next(csv.DictReader(open(glob.glob(f"{sys.argv[1]}/results/*-report.csv")[0], encoding="utf-8")))
value, unit = row["Mean"].replace(",", "").split()
scale = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}[unit]
print(f"p6_ms={float(value) * scale:.4f}")
PY
fi

# 7. The table.
python3 - "$RESULTS" "${QUICK:-}" <<'PY'
import sys
r = dict(l.strip().split("=", 1) for l in open(sys.argv[1], encoding="utf-8") if "=" in l)
quick = bool(sys.argv[2])
f = lambda k: float(r[k]) if r.get(k) not in (None, "") else None
bare, bare1k = f("bare_rps"), f("bare1k_rps")
ratio = lambda k, b: f(k) / b if f(k) is not None and b else None
p1, p1k, p2r, p7r = ratio("p1_rps", bare), ratio("p1k_rps", bare1k), ratio("p2_rps", bare), ratio("p7_rps", bare)
growth = f("rss1k_mb") - f("rss45_mb")
change = (p1k - p1) / p1 * 100 if p1 and p1k is not None else None
yes = lambda ok: "yes" if ok else "no"
rows = [
    ("P1 module GET vs bare GET, rps ratio", f"{p1:.2f} ({f('p1_rps'):,.0f} / {bare:,.0f} rps)", "≥ 0.90", yes(p1 >= 0.90)),
    ("P2 repair submission, 32 connections", f"{f('p2_rps'):,.0f} rps, p99 {f('p2_p99'):.1f} ms, ratio {p2r:.3f}",
     "≥ 3,000/s, p99 ≤ 50 ms, ratio ≥ 0.10", yes(f("p2_rps") >= 3000 and f("p2_p99") <= 50 and p2r >= 0.10)),
    ("P3 cold start to first 200, median", f"{f('p3_ms'):,.0f} ms ({r.get('p3_health')})", "≤ 1.5 s", yes(f("p3_ms") <= 1500 and r.get("p3_health") == "Healthy")),
    ("P4 1,000 centres vs 45: RSS growth, P1 change", f"{growth:+.1f} MB ({f('rss45_mb'):.0f} → {f('rss1k_mb'):.0f}), P1 ratio {p1:.2f} → {p1k:.2f} ({change:+.1f} %)",
     "≤ 30 MB, within 5 %", yes(growth <= 30 and abs(change) <= 5)),
    ("P5 district dashboard, p95", f"{f('p5_p95'):,.1f} ms (p50 {f('p5_p50'):,.1f})", "≤ 250 ms", yes(f("p5_p95") <= 250)),
    ("P6 one dispatch decision (BenchmarkDotNet)", "skipped (--quick)" if f("p6_ms") is None else f"{f('p6_ms'):.3f} ms", "≤ 1 ms",
     "-" if f("p6_ms") is None else yes(f("p6_ms") <= 1)),
    ("P7 volunteer sign-up, 32 connections", f"{f('p7_rps'):,.0f} rps, p99 {f('p7_p99'):.1f} ms, ratio {p7r:.3f}", "≥ 2,000/s", yes(f("p7_rps") >= 2000)),
]
print("| figure | measured | goal | met |")
print("| --- | --- | --- | --- |")
for row in rows:
    print("| " + " | ".join(row) + " |")
errors = sum(int(f(k) or 0) for k in r if k.endswith("_errors") and k != "host_errors")
print(f"\nbare endpoint: {bare:,.0f} rps (45 centres), {bare1k:,.0f} rps (1,000 centres); wrk errors: {errors}; host log failures: {r.get('host_errors')}"
      + ("; --quick: small data, figures not comparable" if quick else ""))
PY

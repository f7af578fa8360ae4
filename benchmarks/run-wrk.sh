#!/usr/bin/env bash
# Measures the gateway against a raw Netty handler doing the same work, in the same run, on loopback only.
# Usage: benchmarks/run-wrk.sh [seconds] [connections] [threads] [rounds]   (needs wrk; builds the jar if missing)
# Each round measures raw then gateway back to back; the ratio of each round and their median are printed,
# since single runs on a small machine vary by 10-20 %.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}; conns=${2:-64}; threads=${3:-16}; rounds=${4:-3}
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -Pbenchmarks -DskipTests install
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# Server on CPU 0, load generator on CPU 1 (when there are two), so they do not fight over one core.
pin_server=""; pin_load=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_server="taskset -c 0"; pin_load="taskset -c 1"; fi

measure() { # kind mode port -> requests/s
  local kind=$1 mode=$2 port=$3
  $pin_server java -Xms512m -Xmx512m -jar "$jar" "$kind" "$port" "$threads" "$mode" &
  local pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  $pin_load wrk -t1 -c"$conns" -d5s "http://127.0.0.1:$port/" > /dev/null          # warm-up
  local rps
  rps=$($pin_load wrk -t1 -c"$conns" -d"${secs}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$rps"
}

printf '%-8s %5s %12s %12s %7s\n' mode round raw gateway ratio
for mode in pool inline; do
  ratios=()
  for round in $(seq "$rounds"); do
    raw=$(measure raw "$mode" 18081)
    gw=$(measure gateway "$mode" 18082)
    ratio=$(awk -v g="$gw" -v r="$raw" 'BEGIN { printf "%.2f", g / r }')
    ratios+=("$ratio")
    printf '%-8s %5s %12s %12s %7s\n' "$mode" "$round" "$raw" "$gw" "$ratio"
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf '%-8s median gateway/raw = %s\n' "$mode" "$median"
done

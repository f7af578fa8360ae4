#!/usr/bin/env bash
# Benchmarks anyone can rerun (BENCHMARKS.md, "Rerun it"). From a clean clone, one command:
#
#   benchmarks/run.sh                 # builds once, then the load test: every server, interleaved rounds
#   benchmarks/run.sh memory          # idle keep-alive connections: RSS per connection, raw Netty vs wsgi4j
#   benchmarks/run.sh h2              # h2load: HTTP/2 next to HTTP/1.1, raw Netty and the demo, in one run
#   benchmarks/run.sh python          # Flask on wsgi4j + GraalPy against gunicorn on CPython: cold start, load, RSS
#                                     # (JAVA_HOME on a JDK 21+: the build then includes adapter-graalpy)
#
# Settings, as environment variables or as KEY=value arguments (benchmarks/run.sh ROUNDS=5 DURATION=10):
#   ROUNDS=3 DURATION=8 WARMUP=4      rounds; seconds measured and seconds of warm-up per server and round
#   CONNECTIONS=64 THREADS=1          wrk -c and -t
#   SERVERS="raw-loop demo …"         which servers, in this order; the default is every one that can run here:
#       raw-loop        raw Netty answering on the event loop (NIO, 2 loops): the baseline of every ratio
#       raw-pool        the same handed to the pool wsgi4j uses by default (reads not paused, queued per connection)
#       demo            java -jar sample-apps.jar --port N, GET /hello/x: what a user runs, every default
#       wsgi4j-default  BenchServer's hello on GatewayServer, default executor; -inline; -virtual (Java 21+)
#       jetty           Jetty 12, a blocking Handler        vertx-loop / vertx-blocking   Vert.x 5 (executeBlocking)
#       helidon         Helidon 4 SE (Java 21+, jar built on JDK 21+)
#       gunicorn        Debian's gunicorn, sync worker, benchmarks/hello_wsgi.py
#       KIND@FLAGS      a variant of a JVM server with JVM flags of its own, comma-separated, to compare designs in
#                       one run: demo@-Dwsgi4j.pool=tpe  or  demo@-Dwsgi4j.pool=elastic,-Dwsgi4j.ioThreads=2;
#                       for demo and graalpy-flask, flags that start with -- are the command's options:
#                       demo@--metrics-path=/metrics
#       demo-base       the demo from another build, BASE_DEMO_JAR=path/to/sample-apps.jar: a regression check in one run
#   JAVA=/path/to/bin/java            the JVM for the servers (default: $JAVA_HOME/bin/java, else java);
#                                     the build uses JAVA_HOME, and a build on JDK 21+ adds Helidon
#   JAVA_OPTS="…"                     extra JVM flags for every JVM server (default none: as a user runs them)
#   PIN=1                             server on CPU 0, wrk on CPU 1 (default: unpinned, sharing every core)
#   GUNICORN_WORKERS=N                default 2 × cores + 1, gunicorn's documented starting point: a sync worker
#                                     serves one connection at a time, so with fewer workers than that a core
#                                     would sit idle while the JVM servers use every core
#   CLIENTS=10000 WARM_CLIENTS=100 HEAP=512m HOLD=120   memory mode: connections, warm ones, -Xms/-Xmx, max hold (s)
#   H2_CASES="raw-loop/h1 raw-h2/m1 …" h2 mode: SERVER/CLIENT pairs, CLIENT h1 (h2load --h1) or mN (HTTP/2, N
#                                     streams at once per connection); the default compares raw Netty (raw-loop
#                                     for HTTP/1.1, raw-h2: Netty's frame codec) and demo-h2c (the demo with
#                                     --http2-cleartext prior-knowledge) at h1, m1 and m10
#   python mode: servers gunicorn-flask (Debian's gunicorn, sync worker × 2, CPython, sample-apps/python/flask_app.py)
#                                     and graalpy-flask (adapter-graalpy/target/wsgi4j-python, the optimizing runtime,
#                                     --python-pool 2, a bytecode cache); graalpy-flask@--python-pool=3 and the like
#                                     for variants. Defaults there: WARMUP=120 (GraalPy compiles as it runs: Flask's
#                                     hello reaches its speed after about two minutes of load), DURATION=10,
#                                     PY_SERVERS="gunicorn-flask graalpy-flask graalpy-flask@--python-pool=3" (RSS per
#                                     extra interpreter: pool of 3 less pool of 2), COLD_STARTS=3 cold starts of each
#                                     of COLD_KINDS (the launcher; graalpy-flask-jar: java -jar, interpreted; and the
#                                     jar with a CDS archive) without and with the bytecode cache (0: none);
#                                     PY_SLOW_SERVERS for the blocking route ("": none). graalpy-hello serves
#                                     benchmarks/hello_wsgi.py, to weigh the bridge without Flask against
#                                     gunicorn (GUNICORN_WORKERS=2): PY_SERVERS="gunicorn graalpy-hello"
#   SKIP_BUILD=1                      reuse the jars already in */target
#   PORT_BASE=18400                   servers listen on 127.0.0.1:PORT_BASE+i
#
# Every server runs on 127.0.0.1 only, is started fresh for each measurement and stopped after it; every load
# (wrk, the idle client) is bounded in time. Results: benchmarks/target/results-*.txt (raw) and results-*.md.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=load
for arg in "$@"; do
  case $arg in
    load|memory|h2|python) MODE=$arg ;;
    [A-Z]*=*) export "${arg?}" ;;
    *) echo "unknown argument: $arg (see the top of $0)" >&2; exit 2 ;;
  esac
done
if [ "$MODE" = python ]; then DURATION=${DURATION:-10} WARMUP=${WARMUP:-120}; fi
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-8} WARMUP=${WARMUP:-4}
CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-1} PIN=${PIN:-0} PORT_BASE=${PORT_BASE:-18400}
GUNICORN_WORKERS=${GUNICORN_WORKERS:-$((2 * $(nproc) + 1))}
CLIENTS=${CLIENTS:-10000} WARM_CLIENTS=${WARM_CLIENTS:-100} HEAP=${HEAP:-512m} HOLD=${HOLD:-120}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}; JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
START_LIMIT=300   # tenths of a second a server may take to answer its first request
PY_LAUNCHER=adapter-graalpy/target/wsgi4j-python PY_CACHE=benchmarks/target/pycache
DIST_PACKAGES=/usr/lib/python3/dist-packages FLASK_PATH=${FLASK_PATH:-/hello/bench}
COLD_STARTS=${COLD_STARTS:-3} SLOW_MS=${SLOW_MS:-50}
COLD_KINDS=${COLD_KINDS:-graalpy-flask graalpy-flask-jar graalpy-flask-jar@-XX:+AutoCreateSharedArchive,-XX:SharedArchiveFile=benchmarks/target/wsgi4j-python.jsa}
BENCH_JAR=benchmarks/target/benchmarks.jar DEMO_JAR=sample-apps/target/sample-apps.jar
STAMP=$(date +%Y%m%d-%H%M%S)
BASE=benchmarks/target/results-$MODE-$STAMP
RAW=$BASE.txt LINES=$BASE-lines.txt LOG=$BASE-servers.log TABLE=$BASE.md

die() { echo "run.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is missing: $2"; }

# ---- prerequisites and the one build ---------------------------------------------------------------------
need curl "apt-get install curl"
need "$JAVA" "install a JDK 17+ and set JAVA or JAVA_HOME"
if [ "$MODE" = load ]; then need wrk "apt-get install wrk"; fi
if [ "$MODE" = h2 ]; then need h2load "apt-get install nghttp2-client"; fi
if [ "$PIN" = 1 ]; then need taskset "apt-get install util-linux"; fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  need mvn "apt-get install maven"
  # clean: a jar built before on another JDK must not leave Helidon's class behind without its libraries
  echo "building (mvn -B -q -Pbenchmarks -DskipTests clean package) ..." >&2
  mvn -B -q -Pbenchmarks -DskipTests clean package
fi
[ "$MODE" = python ] || { [ -f "$BENCH_JAR" ] && [ -f "$DEMO_JAR" ]; } || die "jars missing; run without SKIP_BUILD=1"
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ { print $2 }')
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
HAS_HELIDON=0   # compiled (and shaded into the jar) only when Maven ran on JDK 21+
if [ -f benchmarks/target/classes/dev/wsgi4j/bench/HelidonHello.class ]; then HAS_HELIDON=1; fi
PIN_SERVER="" PIN_LOAD=""
if [ "$PIN" = 1 ]; then PIN_SERVER="taskset -c 0" PIN_LOAD="taskset -c 1"; fi
CLK_TCK=$(getconf CLK_TCK)
mkdir -p benchmarks/target

# ---- the servers -------------------------------------------------------------------------------------------
label() {
  case $1 in
    *@*) echo "$(label "${1%%@*}") \`${1#*@}\`" ;;
    raw-loop) echo "raw Netty, on the event loop (NIO, 2 loops): the baseline" ;;
    raw-pool) echo "raw Netty, handed to wsgi4j's default pool (reads not paused)" ;;
    raw-h2) echo "raw Netty HTTP/2 frame codec, on the event loop (h2c)" ;;
    demo-h2c) echo "**wsgi4j demo \`/hello/x\`, \`--http2-cleartext prior-knowledge\`** (no per-connection limit)" ;;
    demo) echo "**wsgi4j demo \`/hello/x\`, default executor**" ;;
    demo-base) echo "wsgi4j demo \`/hello/x\` as built from \`$BASE_DEMO_JAR\` (a regression check)" ;;
    wsgi4j-default) echo "wsgi4j \`BenchServer\`, default executor" ;;
    wsgi4j-inline) echo "wsgi4j \`BenchServer\`, inline" ;;
    wsgi4j-virtual) echo "wsgi4j \`BenchServer\`, virtual threads" ;;
    jetty) echo "Jetty 12, blocking \`Handler\`" ;;
    vertx-loop) echo "Vert.x 5, on the event loop (2 loops)" ;;
    vertx-blocking) echo "Vert.x 5, \`executeBlocking\`" ;;
    helidon) echo "Helidon 4 SE, a virtual thread per connection" ;;
    gunicorn) echo "gunicorn sync worker × $GUNICORN_WORKERS (no keep-alive)" ;;
    gunicorn-flask) echo "Flask on gunicorn, sync worker × 2, CPython $(python3 -c 'import platform; print(platform.python_version())' 2>/dev/null)" ;;
    graalpy-flask) echo "**Flask on wsgi4j + GraalPy, \`--python-pool 2\`, optimizing runtime**" ;;
    graalpy-hello) echo "benchmarks/hello_wsgi.py on wsgi4j + GraalPy, \`--python-pool 2\`, optimizing runtime" ;;
    graalpy-flask-jar) echo "Flask on wsgi4j + GraalPy, \`java -jar wsgi4j-python.jar\` (interpreted), \`--python-pool 2\`" ;;
    graalpy-demo) echo "demo.py on wsgi4j + GraalPy, \`/slow?ms=$SLOW_MS\` (blocks in time.sleep)" ;;
    *) echo "$1" ;;
  esac
}

path_of() { case ${1%%@*} in demo|demo-base|demo-h2c) echo /hello/x ;; *-flask|*-flask-jar) echo "$FLASK_PATH" ;; graalpy-demo) echo "/slow?ms=$SLOW_MS" ;; *) echo / ;; esac; }

# Starts server $1 on port $2 in the background, with extra JVM flags $3; sets SERVER_PID (each branch execs, so
# that PID is the server itself: stopping it stops the server, and /proc/PID/stat counts the server's CPU).
start_server() {
  local kind=$1 port=$2 jvm_flags=${3:-}
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then die "port $port is already in use"; fi
  local demo_args="" flag
  case $kind in *@*)
    local IFS=,
    for flag in ${kind#*@}; do
      case $flag in --*) demo_args="$demo_args $flag" ;; *) jvm_flags="$jvm_flags $flag" ;; esac
    done
    unset IFS
    kind=${kind%%@*} ;;
  esac
  # h2load, unlike wrk, does not reconnect a connection the server ends, and then waits for it to the end of the
  # run: so the demo's 1000-requests-per-connection limit (streams, on HTTP/2) is lifted for the h2load rows.
  case $kind in demo-h2c) kind=demo
    demo_args="$demo_args --http2-cleartext prior-knowledge --max-requests-per-connection 2147483647" ;;
  esac
  case $kind in
    demo|demo-base)
      local jar=$DEMO_JAR
      if [ "$kind" = demo-base ]; then jar=${BASE_DEMO_JAR:?demo-base needs BASE_DEMO_JAR=path/to/sample-apps.jar}; fi
      # shellcheck disable=SC2086
      exec $PIN_SERVER "$JAVA" $JAVA_OPTS $jvm_flags -jar "$jar" --port "$port" $demo_args ;;
    gunicorn)
      exec $PIN_SERVER gunicorn --chdir benchmarks --workers "$GUNICORN_WORKERS" --worker-class sync \
        --bind "127.0.0.1:$port" --backlog 2048 --graceful-timeout 2 --log-level warning hello_wsgi:app ;;
    gunicorn-flask)
      exec $PIN_SERVER gunicorn --chdir sample-apps/python --workers 2 --worker-class sync \
        --bind "127.0.0.1:$port" --backlog 2048 --graceful-timeout 2 --log-level warning flask_app:app ;;
    graalpy-flask|graalpy-demo|graalpy-flask-jar|graalpy-hello)
      local pool="--python-pool 2" app=flask_app:app launcher=$PY_LAUNCHER
      case $demo_args in *--python-pool*) pool="" ;; esac   # a variant's own pool size
      if [ "$kind" = graalpy-demo ]; then app=demo:application; fi
      if [ "$kind" = graalpy-hello ]; then app=hello_wsgi:app pool="$pool --python-path benchmarks"; fi
      # graalpy-flask-jar: the plain jar on $JAVA, interpreted, where JVM flags such as CDS's are not refused
      if [ "$kind" = graalpy-flask-jar ]; then launcher="$JAVA $JAVA_OPTS $jvm_flags -jar ${PY_LAUNCHER}.jar"; fi
      # shellcheck disable=SC2086
      JAVA_OPTS="$JAVA_OPTS $jvm_flags" exec $PIN_SERVER $launcher --bind "127.0.0.1:$port" \
        --python "$app" --python-path "sample-apps/python:$DIST_PACKAGES" $pool \
        --python-bytecode-cache "$PY_CACHE" $demo_args ;;
    *)
      # shellcheck disable=SC2086
      exec $PIN_SERVER "$JAVA" $JAVA_OPTS $jvm_flags -jar "$BENCH_JAR" "$kind" "$port" ;;
  esac >>"$LOG" 2>&1 &
  SERVER_PID=$!
  local url="http://127.0.0.1:$port$(path_of "$kind")" ready_flags=""
  if [ "$kind" = raw-h2 ]; then ready_flags=--http2-prior-knowledge; fi
  for _ in $(seq "$START_LIMIT"); do   # at most START_LIMIT / 10 s
    # shellcheck disable=SC2086
    if curl -sf $ready_flags -o /dev/null --max-time 1 "$url"; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "$kind exited at start; see $LOG"
    sleep 0.1
  done
  stop_server; die "$kind did not answer $url within $((START_LIMIT / 10)) s; see $LOG"
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# CPU time (clock ticks, user + system) of process $1 and its children (gunicorn's workers), from /proc.
cpu_ticks() {
  local total=0 pid ticks
  for pid in "$1" $(pgrep -P "$1" || true); do
    # Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
    ticks=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || ticks=0
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}

# ---- the load test ---------------------------------------------------------------------------------------
wrk_run() { # seconds url -> wrk's report; bounded even if wrk hangs
  timeout $(( $1 + 30 )) $PIN_LOAD wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --latency "$2"
}

# wrk's report on stdin -> "requests req/s p50_us p99_us errors"
parse_wrk() {
  awk '
    function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1e6; return v }
    $1 == "50%" { p50 = us($2) }  $1 == "99%" { p99 = us($2) }
    / requests in / { requests = $1 }
    /^Requests\/sec/ { rps = $2 }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    /Non-2xx/ { errors += $5 }
    END { printf "%d %.0f %.0f %.0f %d\n", requests, rps, p50, p99, errors }'
}

measure() { # kind port -> one line in $LINES
  local kind=$1 port=$2 url before after report rss
  url="http://127.0.0.1:$port$(path_of "$kind")"
  start_server "$kind" "$port"
  wrk_run "$WARMUP" "$url" >/dev/null
  before=$(cpu_ticks "$SERVER_PID")
  report=$(wrk_run "$DURATION" "$url")
  after=$(cpu_ticks "$SERVER_PID")
  rss=$(rss_tree_kib "$SERVER_PID")
  stop_server
  { echo "### round $round, $kind, $url"; echo "$report"; } >>"$RAW"
  local requests rps p50 p99 errors cpu_us
  read -r requests rps p50 p99 errors <<<"$(parse_wrk <<<"$report")"
  cpu_us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }')
  echo "$round $kind $rps $p50 $p99 $cpu_us $requests $errors $rss" | tee -a "$LINES" >&2
}

default_servers() {
  local s="raw-loop raw-pool demo wsgi4j-default wsgi4j-inline"
  if [ "$JAVA_FEATURE" -lt 21 ]; then
    echo "Java $JAVA_FEATURE: virtual threads and Helidon are left out (they need JAVA=a Java 21+)" >&2
  elif [ "$HAS_HELIDON" != 1 ]; then
    echo "Helidon is left out: the jar was built on a JDK before 21 (build with JAVA_HOME on 21+)" >&2
  fi
  if [ "$JAVA_FEATURE" -ge 21 ]; then s="$s wsgi4j-virtual"; fi
  s="$s jetty vertx-loop vertx-blocking"
  if [ "$JAVA_FEATURE" -ge 21 ] && [ "$HAS_HELIDON" = 1 ]; then s="$s helidon"; fi
  # The published run includes gunicorn: its absence is an error, not a shorter table.
  command -v gunicorn >/dev/null \
    || die "gunicorn is missing: apt-get install gunicorn (or leave it out: SERVERS=\"$s\")"
  echo "$s gunicorn"
}

# median("3 1 2") = 2: the middle of a space-separated list (the mean of the two middle ones for an even count).
AWK_MEDIAN='
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }'

# Median over rounds of each server's numbers, each divided by the baseline's median (raw-loop unless given): the
# markdown table.
table() { # [lines file] [servers] [baseline server] [rss: add an RSS column]
  local lines=${1:-$LINES} servers=${2:-$SERVERS} baseline=${3:-raw-loop} rss=${4:-} s
  for s in $servers; do printf '%s\t%s\n' "$s" "$(label "$s")"; done >"$BASE-labels.tsv"
  awk -F'\t' -v base="$baseline" -v rss="$rss" "$AWK_MEDIAN"'
    function ratio(v, base) { return base > 0 ? sprintf("%.2f", v / base) : "-" }
    FNR == NR { order[++n] = $1; name[$1] = $2; next }
    { split($0, f, " "); k = f[2]
      rps[k] = rps[k] " " f[3]; p50[k] = p50[k] " " f[4]; p99[k] = p99[k] " " f[5]; cpu[k] = cpu[k] " " f[6]
      mem[k] = mem[k] " " f[9]; err[k] += f[8]; seen[k] = 1 }
    END {
      b_rps = median(rps[base]); b_p50 = median(p50[base]); b_p99 = median(p99[base]); b_cpu = median(cpu[base])
      print "| server | req/s | ratio | p50 | ratio | p99 | ratio | server CPU per request | ratio |" (rss ? " RSS |" : "") " errors |"
      print "|---|---|---|---|---|---|---|---|---|" (rss ? "---|" : "") "---|"
      for (i = 1; i <= n; i++) {
        k = order[i]; if (!(k in seen)) continue
        r = median(rps[k]); a = median(p50[k]); c = median(p99[k]); u = median(cpu[k])
        printf "| %s | %.0f | %s | %.0f µs | %s | %.0f µs | %s | %.1f µs | %s |%s %d |\n", name[k], r, ratio(r, b_rps),
          a, ratio(a, b_p50), c, ratio(c, b_p99), u, ratio(u, b_cpu),
          (rss ? sprintf(" %.0f MiB |", median(mem[k]) / 1024) : ""), err[k]
      }
    }' "$BASE-labels.tsv" "$lines"
}

# Runs "$1 ITEM PORT" for each item of $2, ROUNDS times, interleaved: every item once per round, each on a port
# of its own. Sets round, which the measure functions write into each line.
interleave() {
  local measure=$1 items=$2 i item
  for round in $(seq "$ROUNDS"); do
    i=0
    for item in $items; do
      i=$((i + 1))
      "$measure" "$item" $((PORT_BASE + i))
    done
  done
}

# What a table was measured on: the build (and whether the tree was modified), the JVM, the cores, the day.
build_line() {
  echo "wsgi4j $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (modified)')," \
    "Java $JAVA_VERSION, $(nproc) cores, $(date -u +%Y-%m-%d)"
}

run_load() {
  SERVERS=${SERVERS:-$(default_servers)}
  case " $SERVERS " in *" helidon "*)
    [ "$HAS_HELIDON" = 1 ] || die "helidon is not in $BENCH_JAR: build with JAVA_HOME on a JDK 21+"
    [ "$JAVA_FEATURE" -ge 21 ] || die "helidon needs Java 21+; set JAVA" ;;
  esac
  : >"$LINES"
  echo "load test: $ROUNDS interleaved rounds of: $SERVERS" >&2
  interleave measure "$SERVERS"
  {
    build_line
    echo "wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1, $ROUNDS interleaved rounds, ${WARMUP} s warm-up +" \
      "${DURATION} s measured per server and round, $([ "$PIN" = 1 ] && echo 'server on CPU 0, wrk on CPU 1' || echo 'unpinned')." \
      "Medians over rounds; ratios to raw Netty on the event loop in this run."
    echo
    table
  } | tee "$TABLE"
}

# ---- HTTP/2 next to HTTP/1.1: h2load ---------------------------------------------------------------------------
h2load_run() { # seconds url client -> h2load's report; bounded even if h2load hangs
  local flags
  case $3 in h1) flags="--h1 -m 1" ;; m[0-9]*) flags="-m ${3#m}" ;; *) die "unknown h2load client: $3 (h1 or mN)" ;; esac
  # shellcheck disable=SC2086
  timeout $(( $1 + 30 )) $PIN_LOAD h2load -t"$THREADS" -c"$CONNECTIONS" -D "$1" $flags "$2"
}

# h2load's report on stdin -> "succeeded req/s mean_us failed": failed counts failed, errored and timed-out
# requests and answers other than 2xx.
parse_h2load() {
  awk '
    function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1e6; return v }
    /^finished in/ { rps = $4 }
    /^requests:/ { ok = $8; failed += $10 + $12 + $14 }
    /^status codes:/ { failed += $5 + $7 + $9 }
    /^time for request:/ { mean = us($6) }
    END { printf "%d %.0f %.0f %d\n", ok, rps, mean, failed }'
}

measure_h2() { # server/client port -> one line in $LINES
  local kind=${1%/*} client=${1##*/} port=$2 url before after report
  url="http://127.0.0.1:$port$(path_of "$kind")"
  start_server "$kind" "$port"
  h2load_run "$WARMUP" "$url" "$client" >/dev/null || echo "warm-up of $1 ended with status $? (see $RAW)" >&2
  before=$(cpu_ticks "$SERVER_PID")
  report=$(h2load_run "$DURATION" "$url" "$client")
  after=$(cpu_ticks "$SERVER_PID")
  stop_server
  { echo "### round $round, $1, $url"; echo "$report"; } >>"$RAW"
  local requests rps mean failed cpu_us
  read -r requests rps mean failed <<<"$(parse_h2load <<<"$report")"
  cpu_us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }')
  echo "$round $1 $rps $mean $cpu_us $requests $failed" | tee -a "$LINES" >&2
}

client_label() { case $1 in h1) echo "HTTP/1.1" ;; m1) echo "HTTP/2, 1 stream a connection" ;; *) echo "HTTP/2, ${1#m} streams a connection" ;; esac; }

run_h2() {
  H2_CASES=${H2_CASES:-raw-loop/h1 raw-h2/m1 raw-h2/m10 demo-h2c/h1 demo-h2c/m1 demo-h2c/m10}
  local first=${H2_CASES%% *}
  : >"$LINES"
  echo "h2load: $ROUNDS interleaved rounds of: $H2_CASES" >&2
  interleave measure_h2 "$H2_CASES"
  local c; for c in $H2_CASES; do printf '%s\t%s, %s\n' "$c" "$(label "${c%/*}")" "$(client_label "${c##*/}")"; done >"$BASE-labels.tsv"
  {
    build_line
    echo "h2load -t$THREADS -c$CONNECTIONS on 127.0.0.1, $ROUNDS interleaved rounds, ${WARMUP} s warm-up +" \
      "${DURATION} s measured per case and round. Medians over rounds; ratios to the first case ($first)."
    echo
    echo "| server, protocol | req/s | ratio | mean latency | server CPU per request | ratio | failed |"
    echo "|---|---|---|---|---|---|---|"
    awk -F'\t' -v base_case="$first" "$AWK_MEDIAN"'
      FNR == NR { order[++n] = $1; name[$1] = $2; next }
      { split($0, f, " "); k = f[2]; rps[k] = rps[k] " " f[3]; mean[k] = mean[k] " " f[4]; cpu[k] = cpu[k] " " f[5]
        failed[k] += f[7]; seen[k] = 1 }
      END {
        b_rps = median(rps[base_case]); b_cpu = median(cpu[base_case])
        for (i = 1; i <= n; i++) {
          k = order[i]; if (!(k in seen)) continue
          r = median(rps[k]); u = median(cpu[k])
          printf "| %s | %.0f | %s | %.0f µs | %.1f µs | %s | %d |\n", name[k], r,
            (b_rps > 0 ? sprintf("%.2f", r / b_rps) : "-"), median(mean[k]), u, (b_cpu > 0 ? sprintf("%.2f", u / b_cpu) : "-"), failed[k]
        }
      }' "$BASE-labels.tsv" "$LINES"
  } | tee "$TABLE"
}

# ---- memory at scale: idle keep-alive connections ------------------------------------------------------------
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
rss_tree_kib() { # RSS of process $1 and its children (gunicorn's workers), KiB
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do total=$((total + $(rss_kib "$pid" 2>/dev/null || echo 0))); done
  echo "$total"
}
heap_used_kib() { "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print v; exit } }'; }

# Opens $3 connections to port $2 in a client of its own, each sends one request and reads the answer; waits until
# all are held (the client then writes the file $4), runs a full GC in server $1 and sets READING="rss_kib heap_kib".
hold_and_read() {
  local server=$1 port=$2 count=$3 ready=$4
  "$JAVA" -Xmx128m -cp "$BENCH_JAR" dev.wsgi4j.bench.IdleClients 127.0.0.1 "$port" "$count" "$HOLD" "$ready" \
    >>"$LOG" 2>&1 &
  CLIENT_PIDS="$CLIENT_PIDS $!"
  for _ in $(seq $((HOLD * 10))); do [ -f "$ready" ] && break; sleep 0.1; done
  [ -f "$ready" ] || die "the idle client did not hold $count connections within $HOLD s; see $LOG"
  sleep 1
  # A full GC first, in both servers alike: each reading then sees what the connections keep alive, not garbage
  # that happens to wait for the next young collection. With -Xms = -Xmx the JVM keeps its heap committed, so the
  # GC does not shrink RSS (pages once touched stay resident); it makes the live-heap column exact.
  "$JCMD" "$server" GC.run >/dev/null
  sleep 1
  READING="$(rss_kib "$server") $(heap_used_kib "$server")"
}

stop_clients() {
  local pid
  for pid in ${CLIENT_PIDS:-}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  CLIENT_PIDS=""
}

measure_memory() { # kind port -> one line in $LINES
  local kind=$1 port=$2 flags="-Xms$HEAP -Xmx$HEAP" warm full rss1 rss2 heap1 heap2
  # wsgi4j: room for every client, and no idle timeout during the measurement (the demo has no flag for these,
  # so the wsgi4j row is BenchServer's hello application with the default executor and these two settings).
  if [ "$kind" != raw-loop ]; then
    flags="$flags -Dbench.maxConnections=$((CLIENTS + 1000)) -Dbench.idleTimeoutSeconds=$((HOLD * 4))"
  fi
  rm -f "$BASE-ready"*
  start_server "$kind" "$port" "$flags"
  hold_and_read "$SERVER_PID" "$port" "$WARM_CLIENTS" "$BASE-ready1"; warm=$READING
  hold_and_read "$SERVER_PID" "$port" $((CLIENTS - WARM_CLIENTS)) "$BASE-ready2"; full=$READING
  stop_clients
  stop_server
  read -r rss1 heap1 <<<"$warm"; read -r rss2 heap2 <<<"$full"
  local n=$((CLIENTS - WARM_CLIENTS))
  echo "$round $kind $rss1 $rss2 $(awk -v a="$rss1" -v b="$rss2" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }') $heap1 $heap2 $(awk -v a="$heap1" -v b="$heap2" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }')" \
    | tee -a "$LINES" >&2
}

run_memory() {
  SERVERS=${SERVERS:-raw-loop wsgi4j-default}
  [ -x "$JCMD" ] || die "jcmd not found beside $JAVA (a JDK, not a JRE, is needed)"
  local need=$((CLIENTS + 1000))
  if [ "$(ulimit -n)" -lt "$need" ]; then
    ulimit -n "$need" 2>/dev/null || die "cannot raise the open-file limit to $need (hard limit $(ulimit -Hn))"
  fi
  : >"$LINES"
  echo "memory: $ROUNDS interleaved rounds of: $SERVERS; $WARM_CLIENTS then $CLIENTS idle connections" >&2
  interleave measure_memory "$SERVERS"
  {
    echo "wsgi4j $(git rev-parse --short HEAD 2>/dev/null || echo '?'), Java $JAVA_VERSION, -Xms$HEAP -Xmx$HEAP," \
      "$(date -u +%Y-%m-%d): RSS after $WARM_CLIENTS and after $CLIENTS idle keep-alive connections (one request" \
      "answered on each), a full GC before each reading; medians over $ROUNDS rounds."
    echo
    echo "| server | RSS at $WARM_CLIENTS | RSS at $CLIENTS | RSS per connection | ratio | live heap per connection |"
    echo "|---|---|---|---|---|---|"
    for s in $SERVERS; do printf '%s\t%s\n' "$s" "$(label "$s")"; done >"$BASE-labels.tsv"
    awk -F'\t' "$AWK_MEDIAN"'
      FNR == NR { order[++n] = $1; name[$1] = $2; next }
      { split($0, f, " "); k = f[2]
        r1[k] = r1[k] " " f[3]; r2[k] = r2[k] " " f[4]; per[k] = per[k] " " f[5]; heap[k] = heap[k] " " f[8]; seen[k] = 1 }
      END {
        base = median(per["raw-loop"])
        for (i = 1; i <= n; i++) {
          k = order[i]; if (!(k in seen)) continue; p = median(per[k])
          printf "| %s | %.1f MiB | %.1f MiB | %.2f KiB | %s | %.2f KiB |\n", name[k], median(r1[k]) / 1024, median(r2[k]) / 1024,
            p, (base > 0 ? sprintf("%.2f", p / base) : "-"), median(heap[k])
        }
      }' "$BASE-labels.tsv" "$LINES"
  } | tee "$TABLE"
}

# ---- Python: Flask on wsgi4j + GraalPy against gunicorn on CPython -------------------------------------------
cold_start() { # kind cache(none|warm) port -> one line in $BASE-cold.txt: milliseconds from exec to the first 200
  local kind=$1 cache=$2 port=$3 begin
  if [ "$cache" = none ]; then rm -rf "$PY_CACHE"; fi
  begin=$(date +%s%N)
  start_server "$kind" "$port"
  echo "$kind $cache $(( ($(date +%s%N) - begin) / 1000000 ))" | tee -a "$BASE-cold.txt" >&2
  stop_server
}

run_python() {
  [ "$JAVA_FEATURE" -ge 21 ] || die "python mode needs Java 21+ (GraalPy): set JAVA_HOME to one and rebuild"
  [ -x "$PY_LAUNCHER" ] || die "$PY_LAUNCHER is missing: build with JAVA_HOME on a JDK 21+ (without SKIP_BUILD=1)"
  need gunicorn "apt-get install gunicorn"
  python3 -c 'import flask' 2>/dev/null || die "CPython has no Flask: apt-get install python3-flask"
  START_LIMIT=1800
  SERVERS=${PY_SERVERS:-gunicorn-flask graalpy-flask graalpy-flask@--python-pool=3}
  : >"$LINES"; : >"$BASE-cold.txt"
  echo "cold starts: $COLD_STARTS of each of $COLD_KINDS without and with the bytecode cache, and of gunicorn-flask" >&2
  local i k
  rm -f benchmarks/target/wsgi4j-python.jsa
  for i in $(seq "$COLD_STARTS"); do
    for k in $COLD_KINDS; do
      cold_start "$k" none $((PORT_BASE + 1))
      cold_start "$k" warm $((PORT_BASE + 1))
    done
    cold_start gunicorn-flask warm $((PORT_BASE + 2))
  done
  echo "load: $ROUNDS interleaved rounds of: $SERVERS" >&2
  interleave measure "$SERVERS"
  # A blocking application: one interpreter with threads (its GIL let go in time.sleep) against interpreters.
  local slow_servers=${PY_SLOW_SERVERS-graalpy-demo@--python-pool=1,--python-threads=16 graalpy-demo@--python-pool=2 graalpy-demo@--python-pool=4}
  local main_lines=$LINES
  LINES=$BASE-slow-lines.txt; : >"$LINES"
  if [ -n "$slow_servers" ]; then
    echo "blocking: $ROUNDS interleaved rounds of: $slow_servers" >&2
    WARMUP=5 CONNECTIONS=16 interleave measure "$slow_servers"
  fi
  LINES=$main_lines
  {
    build_line
    echo "Cold start, exec to the first 200 on $FLASK_PATH, median of $COLD_STARTS (the first of the CDS row also writes" \
      "its archive):"
    echo
    echo "| server | without the bytecode cache | with it |"
    echo "|---|---|---|"
    awk "$AWK_MEDIAN"'{ if (!($1 in seen)) order[++n] = $1; seen[$1] = 1; t[$1 " " $2] = t[$1 " " $2] " " $3 }
      END { for (i = 1; i <= n; i++) { k = order[i]
        printf "| `%s` | %s | %.1f s |\n", k, (k " none") in t ? sprintf("%.1f s", median(t[k " none"]) / 1000) : "-",
          median(t[k " warm"]) / 1000 } }' "$BASE-cold.txt"
    echo
    echo "Load: wrk -t$THREADS -c$CONNECTIONS on 127.0.0.1 GET $FLASK_PATH (hello_wsgi.py: /), $ROUNDS interleaved rounds, ${WARMUP} s warm-up +" \
      "${DURATION} s measured per server and round; medians; ratios to the first row in this run; RSS of the server" \
      "(gunicorn: master and workers) at the end of the measurement."
    echo
    table "$LINES" "$SERVERS" "${SERVERS%% *}" rss
    awk "$AWK_MEDIAN"'{ if ($2 == "graalpy-flask") two = two " " $9; if ($2 == "graalpy-flask@--python-pool=3") three = three " " $9 }
      END { if (two != "" && three != "") printf "\nRSS per extra interpreter: %.0f MiB (pool of 3 less pool of 2, medians).\n",
        (median(three) - median(two)) / 1024 }' "$LINES"
    [ -s "$BASE-slow-lines.txt" ] || exit 0   # the table's subshell: no blocking rows asked for
    echo
    echo "A blocking route, wrk -c16 GET /slow?ms=$SLOW_MS on demo.py (each request sleeps ${SLOW_MS} ms): one interpreter" \
      "with 16 threads against interpreters with one thread each (5 s warm-up; medians; ratios to the first row):"
    echo
    table "$BASE-slow-lines.txt" "$slow_servers" "${slow_servers%% *}" rss
  } | tee "$TABLE"
}

SERVER_PID="" CLIENT_PIDS=""
trap 'stop_clients; stop_server' EXIT
case $MODE in memory) run_memory ;; h2) run_h2 ;; python) run_python ;; *) run_load ;; esac
echo "results: $TABLE (the table), $LINES (one line per measurement)$([ "$MODE" != memory ] && echo ", $RAW (load reports)"), $LOG (server output)" >&2

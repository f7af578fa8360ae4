#!/usr/bin/env bash
# JMH benchmarks of the request hot path, each with bytes allocated per operation (-prof gc):
#   EnvironBenchmark.browserGet    the environ of a typical browser GET (dev.wsgi4j.gateway.EnvironBuilder); .browserGetThroughUrlMap adds a UrlMap hop
#   ResponseDriverBenchmark.hello  the response state machine: ResponseDriver.run, hello app, a consuming transport
#   FullResponseBenchmark.hello    a small full response through NettyTransport on an EmbeddedChannel, encoded
#   PipelineBenchmark.request      one request through a whole connection pipeline, bytes in to bytes out: raw Netty, wsgi4j hello, the demo
#
#   benchmarks/run-jmh.sh [REGEX] [KEY=value ...]     e.g. benchmarks/run-jmh.sh Environ ITERATIONS=10
# Settings (environment or KEY=value): FORKS=1 WARMUP_ITERATIONS=3 ITERATIONS=5 ITERATION_SECONDS=2,
# JAVA (default $JAVA_HOME/bin/java, else java), SKIP_BUILD=1 to reuse benchmarks/target/benchmarks.jar.
# Prints a markdown table; JMH's full output and CSV go to benchmarks/target/jmh-*.txt / .csv.
set -euo pipefail
cd "$(dirname "$0")/.."

REGEX='dev\.wsgi4j\..*Benchmark'
for arg in "$@"; do
  case $arg in
    [A-Z]*=*) export "${arg?}" ;;
    *) REGEX=$arg ;;
  esac
done
FORKS=${FORKS:-1} WARMUP_ITERATIONS=${WARMUP_ITERATIONS:-3} ITERATIONS=${ITERATIONS:-5} ITERATION_SECONDS=${ITERATION_SECONDS:-2}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}; JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/jmh-$(date +%Y%m%d-%H%M%S)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || { echo "mvn is missing: apt-get install maven" >&2; exit 1; }
  echo "building (mvn -B -q -Pbenchmarks -DskipTests -pl benchmarks -am package) ..." >&2
  mvn -B -q -Pbenchmarks -DskipTests -pl benchmarks -am package
fi
[ -f "$JAR" ] || { echo "$JAR is missing; run without SKIP_BUILD=1" >&2; exit 1; }

"$JAVA" -cp "$JAR" org.openjdk.jmh.Main "$REGEX" -prof gc -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "${ITERATION_SECONDS}s" \
  -i "$ITERATIONS" -r "${ITERATION_SECONDS}s" -rf csv -rff "$OUT.csv" >"$OUT.txt" 2>&1 \
  || { tail -40 "$OUT.txt" >&2; exit 1; }

# CSV rows: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"; the gc profiler adds
# secondary rows named BENCHMARK:gc.alloc.rate.norm (bytes per operation).
{
  echo "Java $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ { print $2 }')," \
    "$FORKS fork(s), $WARMUP_ITERATIONS × ${ITERATION_SECONDS} s warm-up, $ITERATIONS × ${ITERATION_SECONDS} s measured"
  echo
  echo "| benchmark | time per operation | bytes allocated per operation |"
  echo "|---|---|---|"
  awk -F',' '
    NR == 1 { next }
    { gsub(/["\r]/, ""); name = $1; sub(/^dev\.wsgi4j\./, "", name) }
    # A benchmark with a @Param has its value in the 8th column: keep each case apart, e.g. request(raw).
    $8 != "" { n8 = split(name, parts, ":"); name = parts[1] "(" $8 ")" (n8 > 1 ? ":" parts[2] : "") }
    name ~ /:gc\.alloc\.rate\.norm$/ { sub(/:.*/, "", name); bytes[name] = $5; next }
    name !~ /:/ { order[++n] = name; score[name] = $5; err[name] = $6; unit[name] = $7 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]
        e = (err[k] == "NaN" || err[k] == "") ? "" : sprintf(" ± %.0f", err[k])
        printf "| `%s` | %.0f%s %s | %.0f B |\n", k, score[k], e, unit[k], bytes[k]
      }
    }' "$OUT.csv"
} | tee "$OUT.md"
echo "JMH output: $OUT.txt, $OUT.csv" >&2

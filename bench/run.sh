#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md): builds the services and the driver, then for each size starts the whole system
# on embedded defaults (as ./run.sh does), writes a generated organisation over HTTP and measures throughput,
# freshness, search latency, memory and a full rebuild. Writes the figures into BENCHMARKS.md.
#
#   bench/run.sh                          # sizes 1,000 and 10,000, 3 runs of 10 s each
#   bench/run.sh --sizes 1000,10000,50000 --runs 5 --seconds 20
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
./mvnw -q -B -ntp -DskipTests package
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.postmortem.bench.Bench "$@"

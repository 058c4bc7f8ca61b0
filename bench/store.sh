#!/usr/bin/env bash
# The embedded read store's own rate (see BENCHMARKS.md, "Embedded read store"): bulk upserts/s into one collection of
# mongo-java-server on an H2 file at growing sizes, the stock H2 backend beside the project's KeyValueH2Backend.
#
#   bench/store.sh                                        # 10,000, 100,000 and 500,000 documents; a few minutes
#   bench/store.sh --sizes 10000,100000 --bulk 500 --window 5000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package -pl bench -am
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.postmortem.bench.StoreBench "$@"

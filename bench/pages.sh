#!/usr/bin/env bash
# The web UI's pages under load (see BENCHMARKS.md, "Web pages"): builds everything, starts the whole system with the
# web UI on embedded defaults, writes an organisation of post-mortems, then times post-mortem and search pages for
# 8 signed-in readers beside the same reads made straight to the services, and weighs each page. Replaces the
# section "Web pages" of BENCHMARKS.md.
#
#   bench/pages.sh                                   # 1,000 post-mortems, 8 clients, 3 runs of 15 s, paced at 500 ms
#   bench/pages.sh --postmortems 5000 --clients 16 --runs 5 --seconds 30
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
./mvnw -q -B -ntp -DskipTests package
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.postmortem.bench.PageBench "$@"

#!/usr/bin/env bash
# The blameless-language check's micro-benchmark (JMH; see BENCHMARKS.md, "Language check"): the check on normal and
# adversarial text of 60,000 characters, and the regular-expression matcher it replaced on 6,000 and 12,000.
#
#   bench/language.sh                       # both, about 5 minutes
#   bench/language.sh LanguageCheckBenchmark -p text=hyphen-runs   # any JMH options
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests package -pl bench -am
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main "${@:-LanguageCheckBenchmark|RegexBaselineBenchmark}"

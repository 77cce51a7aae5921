#!/usr/bin/env bash
# bin/brevrute as the bench runs it: the same commands (up, down, status) and functions, sourced, with
# three replaced so a benchmark never builds anything and runs one consistent set of jars:
#   build            only checks that every service's packaged jar exists (bin/brevrute would run
#                    './mvnw install' over the whole reactor when a source is newer than a jar);
#   infra_classpath  LocalInfra's classpath is bench/target/bench.classpath (BENCH_INFRA_CLASSPATH),
#                    so test-infrastructure/target/local-infra.classpath is not needed;
#   svc_jar          with BENCH_APPS set, the services run from the bench's snapshot of their
#                    quarkus-app folders (BENCH_APPS/<service>/quarkus-app), so a module rebuilt
#                    during a run does not swap jars under a running service.
# Ports, data folder, JVM options and service wiring are bin/brevrute's own.
set -euo pipefail

BENCH_REPO=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd -P)
: "${BENCH_INFRA_CLASSPATH:?set BENCH_INFRA_CLASSPATH to the runtime classpath holding test-infrastructure}"

# Defines bin/brevrute's functions; its main runs 'help', whose output is dropped.
# shellcheck source=../../bin/brevrute
source "$BENCH_REPO/bin/brevrute" help >/dev/null

build() {
  local s name jar
  for s in "${SERVICES[@]}"; do
    name=$(svc_name "$s")
    jar=$(svc_jar "$name")
    [[ -f $jar ]] || die "$name: $jar is missing; package the services first (e.g. ./mvnw -DskipTests package)"
  done
}

infra_classpath() {
  printf '%s' "$BENCH_INFRA_CLASSPATH"
}

if [[ -n ${BENCH_APPS:-} ]]; then
  svc_jar() {
    printf '%s' "$BENCH_APPS/$1/quarkus-app/quarkus-run.jar"
  }
fi

main "$@"

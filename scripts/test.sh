#!/usr/bin/env bash
# Install everything the whole test suite needs, start a real Neo4j 5.26 on
# 127.0.0.1, run pytest (all tests: unit, both engines, app, browser), stop Neo4j.
# Extra arguments go to pytest (e.g. -k store -x).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=no
apt_install() {
  [ "$apt_updated" = yes ] || { as_root apt-get update -qq >/dev/null && apt_updated=yes; } || return 1
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# System packages: Java 17 + Maven for Neo4j, Chromium for the end-to-end test.
command -v java >/dev/null || apt_install openjdk-17-jre-headless || echo "test: could not install Java" >&2
command -v mvn >/dev/null || apt_install maven || echo "test: could not install Maven" >&2
if ! command -v chromium >/dev/null; then
  echo "test: installing Debian's chromium for the browser test" >&2
  apt_install chromium fonts-dejavu-core || echo "test: could not install chromium" >&2
fi

bash scripts/install.sh test

# A Neo4j of its own for the tests (other ports and home than a developer's).
export NEO4J_BOLT_PORT="${ZORGNET_TEST_BOLT_PORT:-17687}" NEO4J_HTTP_PORT="${ZORGNET_TEST_HTTP_PORT:-17474}"
export ZORGNET_NEO4J_HOME="$PWD/.zorgnet-test/neo4j-home" NEO4J_PASSWORD=zorgnet-test
rm -rf "$ZORGNET_NEO4J_HOME"
trap 'bash scripts/neo4j.sh stop || true' EXIT
if bash scripts/neo4j.sh start; then
  export ZORGNET_TEST_NEO4J_URI="bolt://127.0.0.1:$NEO4J_BOLT_PORT"
  export ZORGNET_TEST_NEO4J_USER=neo4j ZORGNET_TEST_NEO4J_PASSWORD="$NEO4J_PASSWORD"
else
  echo "test: Neo4j did not start; Neo4j tests will fail under CI=true and skip otherwise" >&2
fi
unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD

set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
exit $rc

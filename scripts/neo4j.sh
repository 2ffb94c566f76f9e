#!/usr/bin/env bash
# A real Neo4j 5.26 Community server for development and tests, from Maven Central.
#
#   scripts/neo4j.sh fetch    download org.neo4j:neo4j and its dependencies (cached)
#   scripts/neo4j.sh start    write the config, set the password, start, wait for Bolt
#   scripts/neo4j.sh stop     stop the server started by `start`
#   scripts/neo4j.sh status   say whether it runs and where
#   scripts/neo4j.sh env      print the NEO4J_* exports for this server
#
# Settings (environment):
#   ZORGNET_NEO4J_HOME   server home: config, data, logs  (default: ~/.cache/zorgnet/neo4j-home)
#   ZORGNET_NEO4J_LIB    jar cache                        (default: ~/.cache/zorgnet/neo4j-<version>/lib)
#   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1            (default: 7687)
#   NEO4J_HTTP_PORT      HTTP port on 127.0.0.1            (default: 7474)
#   NEO4J_PASSWORD       initial password of user neo4j    (default: zorgnet-dev)
#   ZORGNET_NEO4J_HEAP   max heap                          (default: 768m; never above 1g)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/neo4j/pom.xml")"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/zorgnet"
home="${ZORGNET_NEO4J_HOME:-$cache/neo4j-home}"
lib="${ZORGNET_NEO4J_LIB:-$cache/neo4j-$version/lib}"
bolt="${NEO4J_BOLT_PORT:-7687}"
http="${NEO4J_HTTP_PORT:-7474}"
password="${NEO4J_PASSWORD:-zorgnet-dev}"
heap="${ZORGNET_NEO4J_HEAP:-768m}"
pidfile="$home/run/zorgnet-neo4j.pid"

say() { printf 'neo4j: %s\n' "$*" >&2; }

need_java() {
  command -v java >/dev/null || { say "java not found: Neo4j $version needs Java 17 (apt-get install openjdk-17-jre-headless)"; exit 2; }
  local v; v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [ "${v:-0}" -ge 17 ] || { say "Java 17 or newer needed, found ${v:-none}"; exit 2; }
}

fetch() {
  if [ -f "$lib/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { say "mvn not found: needed once to fetch Neo4j from Maven Central (apt-get install maven)"; exit 2; }
  say "fetching org.neo4j:neo4j:$version and its dependencies from Maven Central into $lib"
  mkdir -p "$lib"
  if ! mvn -q -B -f "$here/neo4j/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$lib" -DincludeScope=runtime; then
    say "Maven could not fetch Neo4j $version (see the output above)"; exit 3
  fi
  touch "$lib/.complete"
  say "$(ls "$lib" | wc -l) jars, $(du -sh "$lib" | cut -f1)"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

bolt_up() { (exec 3<>"/dev/tcp/127.0.0.1/$bolt") 2>/dev/null; }

write_conf() {
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run" "$home/plugins" "$home/import"
  cat > "$home/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j.sh — loopback only, small memory.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$bolt
server.bolt.advertised_address=127.0.0.1:$bolt
server.http.enabled=true
server.http.listen_address=127.0.0.1:$http
server.https.enabled=false
server.memory.heap.initial_size=256m
server.memory.heap.max_size=$heap
server.memory.pagecache.size=128m
dbms.memory.transaction.total.max=256m
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.run=$home/run
server.directories.plugins=$home/plugins
server.directories.import=$home/import
dbms.usage_report.enabled=false
db.transaction.timeout=120s
# The Cypher console is read-only, and neither may a query read files or URLs:
# no LOAD CSV from file:// URLs, and no outgoing URL loads to any address.
dbms.security.allow_csv_import_from_file_urls=false
internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0
# Keep-alive every 10 s while a request runs; a client that hears nothing for 2
# probes gives up (the driver takes this as its read timeout: a hung server stops
# blocking a client after ~20 s instead of 120 s).
server.bolt.connection_keep_alive=10s
server.bolt.connection_keep_alive_probes=2
server.bolt.connection_keep_alive_for_requests=ALL
EOF
}

start() {
  need_java
  fetch
  if running; then say "already running (pid $(cat "$pidfile")) on bolt://127.0.0.1:$bolt"; return 0; fi
  if bolt_up; then say "port $bolt is taken by another process; set NEO4J_BOLT_PORT"; exit 4; fi
  write_conf
  export NEO4J_HOME="$home" NEO4J_CONF="$home/conf"
  if [ ! -d "$home/data/dbms" ]; then
    [ ${#password} -ge 8 ] || { say "NEO4J_PASSWORD must have at least 8 characters (Neo4j's rule)"; exit 2; }
    java -cp "$lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$password" >/dev/null
  fi
  local t0; t0=$(date +%s%N)
  nohup java -Xms256m "-Xmx$heap" -XX:+UseG1GC -Dfile.encoding=UTF-8 \
    -cp "$lib/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$home" --config-dir="$home/conf" \
    > "$home/logs/console.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 240); do
    if bolt_up; then
      say "up on bolt://127.0.0.1:$bolt after $(awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $t0)/1e9}") s (pid $(cat "$pidfile"), home $home)"
      return 0
    fi
    if ! running; then say "server exited during start; last log lines:"; tail -n 30 "$home/logs/console.log" >&2; exit 5; fi
    sleep 0.5
  done
  say "Bolt did not answer within 120 s; see $home/logs/"; exit 6
}

stop() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pidfile"
    say "stopped"
  else
    say "not running"
  fi
}

status() {
  if running && bolt_up; then echo "running: bolt://127.0.0.1:$bolt (pid $(cat "$pidfile"), Neo4j $version, home $home)"
  elif running; then echo "starting (pid $(cat "$pidfile"))"; return 1
  else echo "not running (Neo4j $version, home $home)"; return 3; fi
}

case "${1:-}" in
  fetch) need_java; fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) printf 'export NEO4J_URI=bolt://127.0.0.1:%s NEO4J_USERNAME=neo4j NEO4J_PASSWORD=%s\n' "$bolt" "$password" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

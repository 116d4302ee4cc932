#!/usr/bin/env bash
# sqlmap (Debian's package) against a local API, bounded: one temporary embedded database seeded
# with the demo, the API on a free loopback port, sqlmap on a handful of string arguments passed
# as GraphQL variables in a JSON body (each point marked with *), boolean-blind, error-based,
# UNION and time-based techniques at level 2 / risk 1, at most SQLMAP_TIMEOUT seconds per point.
# Prints one line per point and "sqlmap: N points, N injectable". Exit 1 when any point is injectable.
# Usage: bash apps/api/test/hardening/sqlmap.sh   (installs nothing; needs `sqlmap` on PATH)
set -uo pipefail
cd "$(dirname "$0")/../.."
command -v sqlmap >/dev/null || { echo "sqlmap not installed (apt-get install sqlmap)"; exit 2; }
work=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export PGLITE_DIR="$work/pglite" AUTH_SECRET="sqlmap-secret-sqlmap-secret-sqlmap-0123456789" SENSITIVITY_SAMPLES=5
export NODE_ENV=production PORT="$port" HOST=127.0.0.1
unset DATABASE_URL REDIS_URL
node bin/ranking.js migrate >/dev/null && node bin/ranking.js seed >/dev/null 2>&1 || { echo "seed failed"; exit 2; }
setsid node bin/ranking.js serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

points=(
  'query($s:String){projects(filter:{search:$s}){totalCount}}'
  'query($s:String){organizations(filter:{search:$s,country:$s}){totalCount}}'
  'query($s:String){evidence(filter:{project:$s}){totalCount}}'
  'query($s:String!){project(slug:$s){name}}'
  'query($s:String){edition(year:2026,revision:1){ranking(dimension:"system",filter:{search:$s}){totalCount}}}'
  'query($s:String){indicators(dimension:$s){key}}'
)
total=0; injectable=0
for q in "${points[@]}"; do
  total=$((total + 1))
  out="$work/sqlmap-$total"
  timeout "${SQLMAP_TIMEOUT:-90}" sqlmap -u "http://127.0.0.1:$port/graphql" --method POST \
    --headers 'Content-Type: application/json' \
    --data "{\"query\":\"$q\",\"variables\":{\"s\":\"vllm*\"}}" \
    --batch --level 2 --risk 1 --technique BEUT --time-sec 2 --dbms PostgreSQL \
    --flush-session --output-dir "$out" --disable-coloring >"$out.log" 2>&1
  rc=$?
  if grep -qiE "is vulnerable|sqlmap identified the following injection point" "$out.log"; then
    injectable=$((injectable + 1)); verdict="INJECTABLE"
  elif grep -qiE "all tested parameters do not appear to be injectable|does not seem to be injectable" "$out.log"; then
    verdict="not injectable"
  elif [ "$rc" = 124 ]; then verdict="stopped at the time limit, nothing found"
  else verdict="inconclusive (exit $rc)"; fi
  tests=$(grep -c "testing '" "$out.log")
  echo "$verdict ($tests techniques tried): $q"
done
echo "sqlmap $(sqlmap --version 2>/dev/null | head -1): $total points, $injectable injectable"
[ "$injectable" = 0 ]

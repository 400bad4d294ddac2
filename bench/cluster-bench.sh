#!/usr/bin/env bash
# Cluster benchmark: ingest rate and query latency of a local N-node Starling cluster next to a single node
# of the same jar on the same data, with the harness' generator, schema, query file and clients
# (/work/shared/bench: gen/GenEvents.java, schema/clickhouse.sql, queries/clickhouse.sql, lib/tbload.py, lib/httpq.py).
#
#   bench/cluster-bench.sh [--rows 1m] [--data DIR] [--shards 3] [--replicas 2] [--sharding-key session_id]
#                          [--nodes 3] [--heap 4g] [--single-heap 4g] [--runs 5] [--only 1,5,7] [--cold]
#                          [--load ndjson|csv] [--chunk-mib 8] [--ndjson] [--round-robin] [--no-single]
#                          [--single-port 7199] [--settle 15] [--work /tmp/starling-cluster-bench]
#                          [--pg-port 55439] [--jar cli/target/starling.jar] [--keep]
#                          [--out bench/results/cluster-<rows>-<date>.md]
#
# Builds nothing: it runs the jar bin/starling builds (run `bin/starling --help` once after changing sources),
# or the one --jar names. Every run starts from scratch: a private PostgreSQL journal (bin/pg-local on --pg-port,
# data under --work) is re-created, the cluster (`starling cluster start --dir <work>/cluster`, HTTP 7181..718N)
# and the single node (`starling local --port <single-port>`) get empty data directories, and all of them are
# stopped on exit (--keep leaves them running). See bench/README.md.
#
# Environment: BENCH (harness folder, default /work/shared/bench; only read), JAVA_HOME (else bin/find-java).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${BENCH:-/work/shared/bench}
export BENCH
HERE="$ROOT/bench"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ROWS=1m DATA="" SHARDS=3 REPLICAS=2 SKEY=session_id NODES=3 HEAP=4g SINGLE_HEAP="" RUNS=5 ONLY="" COLD=0
LOAD=ndjson CHUNK=8 NDJSON=0 RR=0 SINGLE=1 SPORT=7199 SETTLE=15 JAR="$ROOT/cli/target/starling.jar" WORK=/tmp/starling-cluster-bench
PGPORT=55439 KEEP=0 OUTMD=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --shards) SHARDS=$2; shift 2 ;;
    --replicas) REPLICAS=$2; shift 2 ;;
    --sharding-key) SKEY=$2; shift 2 ;;
    --nodes) NODES=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --single-heap) SINGLE_HEAP=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --cold) COLD=1; shift ;;
    --load) LOAD=$2; shift 2 ;;
    --chunk-mib) CHUNK=$2; shift 2 ;;
    --ndjson) NDJSON=1; shift ;;
    --round-robin) RR=1; shift ;;
    --no-single) SINGLE=0; shift ;;
    --single-port) SPORT=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --pg-port) PGPORT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --out) OUTMD=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
SINGLE_HEAP=${SINGLE_HEAP:-$HEAP}
DATA=${DATA:-/tmp/bench-$ROWS}
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
WORK=$(mkdir -p "$WORK" && cd "$WORK" && pwd)
CDIR="$WORK/cluster"
SDIR="$WORK/single"
STAMP=$(date -u +%Y-%m-%d)
RAW="$HERE/results/raw/$STAMP-$(date -u +%H%M%S)-$ROWS"
OUTMD=${OUTMD:-$HERE/results/cluster-$ROWS-$STAMP.md}
QUERIES="$BENCH/queries/clickhouse.sql"
SCHEMA="$BENCH/schema/clickhouse.sql"
[ -f "$QUERIES" ] && [ -f "$BENCH/lib/httpq.py" ] || die "no harness at $BENCH (set BENCH)"
[ "$NODES" -ge 1 ] && [ "$NODES" -le 9 ] || die "--nodes must be 1..9"
[ "$REPLICAS" -le "$NODES" ] || die "--replicas $REPLICAS is more than --nodes $NODES"
[ "$LOAD" = csv ] || [ "$LOAD" = ndjson ] || die "--load takes csv or ndjson"
[ "$LOAD" = ndjson ] && NDJSON=0    # the queried table is the NDJSON load already

# ------------------------------------------------------------------ java and the jar (never built here)
if [ -z "${JAVA_HOME:-}" ]; then . "$ROOT/bin/find-java"; fi
JAVA="$JAVA_HOME/bin/java"
JVM_FLAGS=(-XX:+UseG1GC)
major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${major:-0}" -ge 24 ]; then JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED); fi
[ -f "$JAR" ] || die "no jar at $JAR: build it with bin/starling --help (or pass --jar)"
starling() { "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" "$@"; }
starling cluster start --help 2>/dev/null | grep -q -- '--heap' \
  || die "$JAR has no 'cluster start --heap' (older than the cluster bench): rebuild it with bin/starling --help"
if [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  log "WARNING: sources are newer than $JAR; measuring the jar as it is (bin/starling --help rebuilds it)"
fi

for n in $(seq 1 "$NODES"); do port_open $((7180 + n)) && die "port $((7180 + n)) is in use: stop what listens there"; done
[ "$SINGLE" = 1 ] && port_open "$SPORT" && die "port $SPORT is in use: pick another --single-port"

# ------------------------------------------------------------------ data (the harness' generator)
NEED_CSV=0; NEED_ND=0
[ "$LOAD" = csv ] && NEED_CSV=1
{ [ "$LOAD" = ndjson ] || [ "$NDJSON" = 1 ]; } && NEED_ND=1
if [ ! -s "$DATA/tenants.csv" ] || { [ "$NEED_CSV" = 1 ] && [ ! -s "$DATA/events.csv" ]; } \
   || { [ "$NEED_ND" = 1 ] && [ ! -s "$DATA/events.ndjson" ]; }; then
  FMT=csv,ndjson; [ "$NEED_ND" = 0 ] && FMT=csv; [ "$NEED_CSV" = 0 ] && FMT=ndjson
  log "generating $ROWS rows ($FMT) into $DATA"
  "$JAVA" -Xmx2g "$BENCH/gen/GenEvents.java" --rows "$ROWS" --out "$DATA" --formats "$FMT"
fi
NROWS=$(sed -n 's/^rows=//p' "$DATA/MANIFEST")
CSV_BYTES=$(stat -c %s "$DATA/events.csv" 2>/dev/null || echo 0); ND_BYTES=$(stat -c %s "$DATA/events.ndjson" 2>/dev/null || echo 0)

mkdir -p "$RAW/results"
log "raw results in $RAW"
record() { printf '{"key":"%s","value":%s}\n' "$1" "$2" >> "$RAW/facts.jsonl"; }
json_str() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }
CB=(python3 "$HERE/lib/cbtool.py")

# ------------------------------------------------------------------ start from scratch, stop on exit
SINGLE_PID=""
cleanup() {
  local rc=$?
  if [ "$KEEP" = 1 ]; then
    log "--keep: cluster ($CDIR), single node (pid ${SINGLE_PID:-none}) and PostgreSQL (port $PGPORT) left running"
    exit $rc
  fi
  if [ "$rc" != 0 ] && [ -d "${RAW:-}" ]; then    # what the nodes were doing when it failed
    for n in $(seq 1 "$NODES"); do
      pidf="$CDIR/node$n.pid"
      [ -f "$pidf" ] && "$JAVA_HOME/bin/jstack" "$(cat "$pidf")" > "$RAW/node$n-jstack.txt" 2>&1 || true
      [ -f "$CDIR/node$n.log" ] && cp "$CDIR/node$n.log" "$RAW/" || true
    done
    log "failed: node logs and thread dumps in $RAW"
  fi
  log "stopping the cluster, the single node and the journal"
  [ -d "$CDIR" ] && starling cluster stop --dir "$CDIR" >&2 || true
  for n in $(seq 1 "$NODES"); do    # whatever outlived the graceful stop
    pidf="$CDIR/node$n.pid"
    [ -f "$pidf" ] && kill -9 "$(cat "$pidf")" 2>/dev/null && log "node$n killed"
  done
  if [ -n "$SINGLE_PID" ] && kill -0 "$SINGLE_PID" 2>/dev/null; then
    kill "$SINGLE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SINGLE_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SINGLE_PID" 2>/dev/null || true
  fi
  STARLING_PG_PORT=$PGPORT STARLING_PG_DIR="$WORK/pg" "$ROOT/bin/pg-local" stop >&2 || true
  local ports; ports=$(seq 7181 $((7180 + NODES))); [ "$SINGLE" = 1 ] && ports="$ports $SPORT"
  for p in $ports; do
    port_open "$p" && log "WARNING: port $p still in use after the stop"
  done
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "fresh journal: PostgreSQL on port $PGPORT, data in $WORK/pg"
STARLING_PG_PORT=$PGPORT STARLING_PG_DIR="$WORK/pg" "$ROOT/bin/pg-local" destroy >&2 || true
PGURL=$(STARLING_PG_PORT=$PGPORT STARLING_PG_DIR="$WORK/pg" "$ROOT/bin/pg-local" start | tail -1)
[[ "$PGURL" == jdbc:postgresql:* ]] || die "bin/pg-local start did not answer a JDBC URL: $PGURL"
rm -rf "$CDIR" "$SDIR"
mkdir -p "$CDIR" "$SDIR"
TOKEN="p.bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s' "$TOKEN" > "$CDIR/token"      # `cluster start` uses the token file it finds
export PROJECT_TOKEN=$TOKEN                 # tbload.py, httpq.py and cbtool.py send it

await() {  # URL: until /v0/sql answers SELECT 1
  local url=$1
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$url/v0/sql?q=SELECT%201" && return 0
    sleep 0.5
  done
  die "$url did not answer within 300 s"
}

# ------------------------------------------------------------------ loading (the harness' tbload.py)
# load_target LABEL URL EVENTS_SETTINGS TENANTS_SETTINGS: data sources, tenants, timed CSV (and NDJSON) loads
timed() {  # LABEL CMD...: runs CMD, output to $RAW/LABEL.log, prints wall seconds
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$RAW/$label.log" 2>&1 || { log "$label failed:"; tail -5 "$RAW/$label.log" >&2; return 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
count() { "${CB[@]}" count --url "$1" --table "$2"; }
record_load() {  # TARGET FORMAT PATH ROWS SECONDS BYTES [RETRIES]
  record load "{\"target\":\"$1\",\"format\":\"$2\",\"path\":$(json_str "$3"),\"rows\":$4,\"seconds\":$5,\"bytes\":$6,\"retries\":${7:-0}}"
  log "$1 $2: $4 rows in $5 s ($(awk -v r="$4" -v s="$5" 'BEGIN { printf "%.0f", r / s }') rows/s)${7:+, $7 requests sent again}"
}
retries_in() {  # LOG...: requests cbtool.py part sent again
  cat "$@" | python3 -c 'import json,sys; print(sum(json.loads(l).get("retries", 0) for l in sys.stdin if l.startswith("{")))'
}
events_load() {  # LABEL URL TABLE: the NDJSON file through the Events API, timed; a 5xx answer is retried
  local label=$1 url=$2 table=$3 s n
  cat "$DATA/events.ndjson" > /dev/null
  s=$(timed "$label-load-ndjson" "${CB[@]}" part --url "$url" --name "$table" --file "$DATA/events.ndjson" \
        --format ndjson --chunk-mib "$CHUNK" --part 0 --parts 1)
  n=$(count "$url" "$table")
  record_load "$label" NDJSON "POST /v0/events ($CHUNK MiB requests, wait=true)" "$n" "$s" "$ND_BYTES" \
    "$(retries_in "$RAW/$label-load-ndjson.log")"
}
create_sources() {  # URL EVENTS_SETTINGS TENANTS_SETTINGS LABEL
  local url=$1 es=$2 ts=$3 label=$4 jp=()
  [ "$LOAD" = ndjson ] && jp=(--jsonpaths)
  "${CB[@]}" create --url "$url" --name events --table events --schema-file "$SCHEMA" "${jp[@]}" \
    --sorting-key "tenant_id, timestamp" --partition-key "toYYYYMM(timestamp)" --settings "$es" >> "$RAW/$label-create.log"
  "${CB[@]}" create --url "$url" --name tenants --table tenants --schema-file "$SCHEMA" \
    --sorting-key tenant_id --settings "$ts" >> "$RAW/$label-create.log"
  if [ "$NDJSON" = 1 ]; then
    "${CB[@]}" create --url "$url" --name events_ndjson --table events --schema-file "$SCHEMA" --jsonpaths \
      --sorting-key "tenant_id, timestamp" --partition-key "toYYYYMM(timestamp)" --settings "$es" >> "$RAW/$label-create.log"
  fi
}
load_target() {  # LABEL URL
  local label=$1 url=$2 s n
  TB=(python3 "$BENCH/lib/tbload.py" --url "$url")
  "${TB[@]}" csv --name tenants --file "$DATA/tenants.csv" > "$RAW/$label-load-tenants.log"
  if [ "$LOAD" = csv ]; then
    cat "$DATA/events.csv" > /dev/null          # page cache: the engine's figure, not the disk's
    s=$(timed "$label-load-csv" "${TB[@]}" csv --name events --file "$DATA/events.csv")
    n=$(count "$url" events)
    record_load "$label" CSV "POST /v0/datasources?mode=append (one request)" "$n" "$s" "$CSV_BYTES"
  else
    events_load "$label" "$url" events
  fi
  if [ "$NDJSON" = 1 ]; then
    events_load "$label" "$url" events_ndjson
    "${TB[@]}" truncate --name events_ndjson > /dev/null 2>&1 || true    # not queried: free the space
  fi
}

record rows "$(json_str "$ROWS")"; record rows_expected "$NROWS"; record runs "$RUNS"; record cold "$COLD"
record nodes "$NODES"; record heap "$(json_str "$HEAP")"; record single_heap "$(json_str "$SINGLE_HEAP")"
record single_port "$SPORT"; record settle_s "$SETTLE"
record jar "$(json_str "$JAR")"; record jar_time "$(json_str "$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')")"
record machine "$(json_str "$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)")"
record started "$(json_str "$(date -u '+%Y-%m-%d %H:%M UTC')")"
ES="starling_shards=$SHARDS, starling_replicas=$REPLICAS"
[ -n "$SKEY" ] && ES="$ES, starling_sharding_key=$SKEY"
TS="starling_shards=1, starling_replicas=$NODES"     # the dimension on every node: joins read it locally
record events_settings "$(json_str "$ES")"; record tenants_settings "$(json_str "$TS")"

TARGETS=()    # label=url, the single node first
if [ "$SINGLE" = 1 ]; then
  log "single node: port $SPORT, -Xmx$SINGLE_HEAP, data $SDIR"
  "$JAVA" "-Xmx$SINGLE_HEAP" "${JVM_FLAGS[@]}" -jar "$JAR" local --port "$SPORT" --data-dir "$SDIR" \
    --workspace-token "$TOKEN" > "$WORK/single.log" 2>&1 &
  SINGLE_PID=$!
  await "http://127.0.0.1:$SPORT"
  SURL="http://127.0.0.1:$SPORT"
  create_sources "$SURL" "" "" single
  load_target single "$SURL"
  TARGETS+=("single=$SURL")
fi

log "cluster: $NODES nodes, -Xmx$HEAP each, data $CDIR; events: $ES"
starling cluster start --dir "$CDIR" --nodes "$NODES" --heap "$HEAP" --journal-url "$PGURL" --drain-timeout 0 > "$RAW/cluster-start.log" 2>&1 \
  || { cat "$RAW/cluster-start.log" >&2; die "cluster start failed"; }
N1="http://127.0.0.1:7181"
create_sources "$N1" "$ES" "$TS" cluster
if grep -q '"status": [45]' "$RAW/cluster-create.log"; then cat "$RAW/cluster-create.log" >&2; die "creating the data sources failed"; fi
load_target node1 "$N1"
for n in $(seq 1 "$NODES"); do TARGETS+=("node$n=http://127.0.0.1:$((7180 + n))"); done

if [ "$RR" = 1 ] && [ "$NODES" -gt 1 ]; then
  # The same file cut in N line-aligned byte ranges, one concurrent client per node, into a scratch table
  jp=(); [ "$LOAD" = ndjson ] && jp=(--jsonpaths)
  "${CB[@]}" create --url "$N1" --name events_rr --table events --schema-file "$SCHEMA" "${jp[@]}" \
    --sorting-key "tenant_id, timestamp" --partition-key "toYYYYMM(timestamp)" --settings "$ES" >> "$RAW/cluster-create.log"
  RRFILE="$DATA/events.csv"; [ "$LOAD" = ndjson ] && RRFILE="$DATA/events.ndjson"
  cat "$RRFILE" > /dev/null
  t0=$(date +%s.%N)
  pids=()
  for n in $(seq 1 "$NODES"); do
    "${CB[@]}" part --url "http://127.0.0.1:$((7180 + n))" --name events_rr --file "$RRFILE" --format "$LOAD" \
      --chunk-mib "$CHUNK" --part $((n - 1)) --parts "$NODES" > "$RAW/cluster-load-rr-node$n.log" 2>&1 &
    pids+=($!)
  done
  ok=1; for p in "${pids[@]}"; do wait "$p" || ok=0; done
  t1=$(date +%s.%N)
  [ "$ok" = 1 ] || { tail -3 "$RAW"/cluster-load-rr-node*.log >&2; die "round-robin load failed"; }
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }')
  n=$(count "$N1" events_rr)
  if [ "$LOAD" = csv ]; then
    record_load cluster CSV "POST /v0/datasources?mode=append, 1/$NODES of the file to each node at once" "$n" "$s" "$CSV_BYTES"
  else
    record_load cluster NDJSON "POST /v0/events ($CHUNK MiB requests), 1/$NODES of the file to each node at once" "$n" "$s" "$ND_BYTES" \
      "$(retries_in "$RAW"/cluster-load-rr-node*.log)"
  fi
  curl -sS -X DELETE -H "Authorization: Bearer $TOKEN" "$N1/v0/datasources/events_rr" > "$RAW/cluster-drop-rr.log" 2>&1 || true
fi

# every node sees every row before queries start
for t in "${TARGETS[@]}"; do
  n=$(count "${t#*=}" events)
  [ "$n" = "$NROWS" ] || log "WARNING: ${t%%=*} counts $n rows in events, expected $NROWS"
done
log "settling ${SETTLE}s (background merges)"
sleep "$SETTLE"
record targets "$(python3 -c 'import json,sys; print(json.dumps([dict(zip(("label","url"), t.split("=",1))) for t in sys.argv[1:]]))' "${TARGETS[@]}")"

# ------------------------------------------------------------------ queries, targets interleaved (the harness' httpq.py)
QNUMS=$(sed -n 's/^-- Q0*\([0-9][0-9]*\).*/\1/p' "$QUERIES")
[ -n "$ONLY" ] && QNUMS=$(tr ',' '\n' <<< "$ONLY")
COLDFLAG=(); [ "$COLD" = 1 ] && COLDFLAG=(--cold)
log "running $(wc -w <<< "$QNUMS") queries, $RUNS warm runs each, on ${#TARGETS[@]} targets in turn"
for q in $QNUMS; do
  for t in "${TARGETS[@]}"; do
    python3 "$BENCH/lib/httpq.py" --engine tinybird --url "${t#*=}" --queries "$QUERIES" --runs "$RUNS" \
      "${COLDFLAG[@]}" --only "$q" --results "$RAW/results" --label "${t%%=*}" >> "$RAW/${t%%=*}-queries.jsonl"
  done
  printf '.' >&2
done
echo >&2

# node logs next to the figures (warnings and errors only, the full logs stay in the work folder)
for n in $(seq 1 "$NODES"); do grep -E 'WARN|ERROR' "$CDIR/node$n.log" > "$RAW/node$n-warnings.log" 2>/dev/null || true; done
[ "$SINGLE" = 1 ] && { grep -E 'WARN|ERROR' "$WORK/single.log" > "$RAW/single-warnings.log" 2>/dev/null || true; }
record finished "$(json_str "$(date -u '+%Y-%m-%d %H:%M UTC')")"
mkdir -p "$(dirname "$OUTMD")"
"${CB[@]}" report "$RAW" > "$OUTMD"
log "report: $OUTMD"

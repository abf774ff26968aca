#!/usr/bin/env bash
# Runs every engine benchmark and rewrites bench/RESULTS.md. One command, from anywhere in the repository:
#
#   bash bench/run.sh
#   bash bench/run.sh sla-scale [--journal-rows N] [--sqlite-journal-rows N] [--keep]   # only issue 5's SLA scale run
#
# 1. Builds bench/Tongguan.Bench (Release).
# 2. In-memory throughput on bench/five-steps.bpmn: Tongguan and WorkflowCore 3.22 under BenchmarkDotNet, then
#    bpmn-engine (npm ci + node, bench/node) as a child process of the same run.
# 3. Durable load: 8 concurrent clients against WorkflowRuntime on a SQLite file and on PostgreSQL, modes
#    `cycle` (start → complete the user task → end) and `start` (starts only), with pooled DbContexts as the host
#    registers them; on PostgreSQL also both with a plain AddDbContext for comparison.
#    PostgreSQL: the server named by TONGGUAN_TEST_POSTGRES (a superuser connection string) when set, else a
#    throw-away cluster from Debian's postgresql package (installed with apt-get when missing, as root), started
#    with the server's default durability settings (fsync and synchronous_commit on) and deleted afterwards.
#    Then a stopwatch breakdown of one start (1 client, sequential) on PostgreSQL, pooled and plain DbContext.
# 4. Deadlines: 100,000 deadline rows due within one minute fired by the real sweep woken by Hangfire, then by
#    Quartz, over the same PostgreSQL; then 10,000 real instances whose deadlines drive BPMN escalations.
#    Duplicate check: lookup and scoring against 1,000,000 open cases in the in-memory bucket index.
# 5. Cases over HTTP: the real host (Program of src/Cases) on Kestrel at 127.0.0.1, on a fresh SQLite file and a fresh
#    PostgreSQL database: `intake` (BENCH_CLIENTS clients POSTing realistic reports, ~10 % near-duplicates) on both,
#    then on PostgreSQL with 100,000 open cases pre-loaded; `loop` (report → accept → handle → verify → callback as
#    the right users) on both.
# 6. bench/RESULTS.md: machine, command, date, result tables, goals met or not, and bench/METHOD.md.
#
# Knobs (environment): BENCH_CLIENTS (8), BENCH_SECONDS (20, measured seconds per durable run),
# BENCH_WARMUP_SECONDS (5, unmeasured, per durable run),
# BENCH_NODE_SECONDS (5, per bpmn-engine round, 3 rounds),
# BENCH_CASES_SECONDS (20, measured seconds per intake/loop run), BENCH_CASES_WARMUP_SECONDS (10),
# BENCH_CASES_PRELOAD (100000 open cases before the third intake run; 0 skips that run).
# The whole run takes about 17–22 minutes (the cases part about 5).
# Not part of CI: benchmarks measure the machine, tests check behaviour.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

CLIENTS="${BENCH_CLIENTS:-8}"
SECONDS_PER_RUN="${BENCH_SECONDS:-20}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-5}"
NODE_SECONDS="${BENCH_NODE_SECONDS:-5}"
CASES_SECONDS="${BENCH_CASES_SECONDS:-20}"
CASES_WARMUP_SECONDS="${BENCH_CASES_WARMUP_SECONDS:-10}"
CASES_PRELOAD="${BENCH_CASES_PRELOAD:-100000}"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tongguan-bench.XXXXXX")"
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
# shellcheck source=bench/machine.sh
source "$ROOT/bench/machine.sh"

cleanup() {
    local status=$?
    pg_stop
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in dotnet node npm; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not on PATH (needs the .NET 10 SDK and Node.js 20 with npm)."
done

if [[ -n "${TONGGUAN_TEST_POSTGRES:-}" ]]; then
    log "using the PostgreSQL server given by TONGGUAN_TEST_POSTGRES"
else
    # Default durability (fsync, synchronous_commit, full_page_writes on): a durable benchmark must pay for it.
    pg_start_throwaway "$WORK"
fi

log "building bench/Tongguan.Bench (Release)"
dotnet build bench/Tongguan.Bench/Tongguan.Bench.csproj -c Release -nologo -clp:ErrorsOnly >&2
BENCH=(dotnet bench/Tongguan.Bench/bin/Release/net10.0/Tongguan.Bench.dll)

if [[ "${1:-}" == "sla-scale" ]]; then
    shift
    # Issue 5's scale proofs only: 10M journal rows on PostgreSQL (set-based KPIs + recommendations), 1M on SQLite
    # (streaming, peak memory), the XES plan; rewrites only the sla-scale section of bench/RESULTS.md.
    log "sla-scale: load and measure (about 10-15 minutes)"
    "${BENCH[@]}" sla-scale --connection "$TONGGUAN_TEST_POSTGRES" \
        --note "$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), load average before the run $(cut -d' ' -f1-3 /proc/loadavg)" "$@"
    exit 0
fi

ENVIRONMENT="$WORK/environment.md"
{
    machine_table
    echo "| Node.js (\`node --version\`) | $(node --version) |"
    echo "| Load average before the run | $(cut -d' ' -f1-3 /proc/loadavg) |"
} >"$ENVIRONMENT"

log "in-memory: Tongguan and WorkflowCore (BenchmarkDotNet), then bpmn-engine"
"${BENCH[@]}" inmemory --node-seconds "$NODE_SECONDS" --out "$WORK/inmemory.md"

mkdir -p "$WORK/durable"
run=0
durable() {
    local provider=$1 mode=$2 connection=()
    shift 2
    run=$((run + 1))
    [[ $provider == postgresql ]] && connection=(--connection "$TONGGUAN_TEST_POSTGRES")
    log "durable: $provider, $mode $*, $CLIENTS clients, ${SECONDS_PER_RUN}s"
    # Tiered compilation off: on this busy 2-core machine the JIT was still re-compiling (tier-1/PGO) after 40 s of
    # warm-up and took most of the CPU; fully optimised code from the first call measures the steady state.
    # A run with errors still writes its result (errors are reported in RESULTS.md), so carry on.
    DOTNET_TieredCompilation=0 "${BENCH[@]}" durable --provider "$provider" "${connection[@]}" --mode "$mode" \
        --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" --warmup-seconds "$WARMUP_SECONDS" "$@" \
        --out "$WORK/durable/$run-$provider-${mode// /-}.json" || log "durable $provider $mode reported errors"
}
durable sqlite cycle
durable sqlite start
durable sqlite "grouped start"
durable postgresql cycle
durable postgresql start
durable postgresql "grouped start"
durable postgresql cycle --plain-context
durable postgresql start --plain-context

log "durable: stopwatch breakdown of one start on PostgreSQL (1 client), pooled and plain DbContext"
# No thread-pool spinning: with one client, workers spin while each round trip is in flight and that CPU is not work.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
DOTNET_TieredCompilation=0 "${BENCH[@]}" breakdown --provider postgresql --connection "$TONGGUAN_TEST_POSTGRES" \
    --calls 1000 --out "$WORK/breakdown.json" >/dev/null
DOTNET_TieredCompilation=0 "${BENCH[@]}" breakdown --provider postgresql --connection "$TONGGUAN_TEST_POSTGRES" \
    --calls 1000 --plain-context --out "$WORK/breakdown-plain.json" >/dev/null
unset DOTNET_ThreadPool_UnfairSemaphoreSpinLimit

echo "| Load average after the run | $(cut -d' ' -f1-3 /proc/loadavg) |" >>"$ENVIRONMENT"

log "deadlines: 100,000 due within one minute, fired by the sweep (Hangfire, then Quartz); 10,000 driving BPMN escalations"
"${BENCH[@]}" deadlines --connection "$TONGGUAN_TEST_POSTGRES" --deadlines 100000 --window-seconds 60 --scheduler Hangfire \
    --out "$WORK/deadlines-hangfire.md" >/dev/null || log "deadlines (Hangfire) missed its goal"
"${BENCH[@]}" deadlines --connection "$TONGGUAN_TEST_POSTGRES" --deadlines 100000 --window-seconds 60 --scheduler Quartz \
    --out "$WORK/deadlines-quartz.md" >/dev/null || log "deadlines (Quartz) missed its goal"
"${BENCH[@]}" deadlines --connection "$TONGGUAN_TEST_POSTGRES" --deadlines 10000 --alarms \
    --out "$WORK/deadlines-alarms.md" >/dev/null || log "deadlines through the engine missed the 60 s mark"

log "dedup: duplicate lookup against 1,000,000 open cases"
"${BENCH[@]}" dedup --cases 1000000 --intakes 20000 --out "$WORK/dedup.md" >/dev/null

mkdir -p "$WORK/cases"
case_load() {
    local command=$1 provider=$2 connection=()
    shift 2
    [[ $provider == postgresql ]] && connection=(--connection "$TONGGUAN_TEST_POSTGRES")
    log "cases: $command on $provider $*, $CLIENTS clients, ${CASES_SECONDS}s over HTTP (real host, Kestrel, 127.0.0.1)"
    # Tiered compilation off for the same reason as the durable runs; errors are reported in RESULTS.md, so carry on.
    DOTNET_TieredCompilation=0 "${BENCH[@]}" "$command" --provider "$provider" "${connection[@]}" --clients "$CLIENTS" \
        --seconds "$CASES_SECONDS" --warmup-seconds "$CASES_WARMUP_SECONDS" "$@" \
        --out "$WORK/cases/$command-$provider${*:+-preload}.json" >/dev/null || log "cases: $command $provider reported errors"
}
case_load intake sqlite
case_load intake postgresql
if [[ $CASES_PRELOAD -gt 0 ]]; then
    case_load intake postgresql --preload "$CASES_PRELOAD"
fi
case_load loop sqlite
case_load loop postgresql
echo "| Load average after the cases runs | $(cut -d' ' -f1-3 /proc/loadavg) |" >>"$ENVIRONMENT"

"${BENCH[@]}" report --command "bash bench/run.sh" --environment "$ENVIRONMENT" --inmemory "$WORK/inmemory.md" \
    --durable-folder "$WORK/durable" --breakdown "$WORK/breakdown.json,$WORK/breakdown-plain.json" \
    --sections "$WORK/deadlines-hangfire.md,$WORK/deadlines-quartz.md,$WORK/deadlines-alarms.md,$WORK/dedup.md" \
    --cases-folder "$WORK/cases" --notes bench/METHOD.md --out bench/RESULTS.md >/dev/null
log "wrote bench/RESULTS.md"

#!/usr/bin/env bash
# The soak (issue 8): the real host under a steady, realistic mix for one hour, sampled every minute, with a verdict
# on whether memory and latency stayed flat; rewrites only the Soak section of bench/RESULTS.md.
#
#   bash bench/soak.sh [minutes]          # default 60
#
# - Loopback only: the host (Program of src/Cases, Production settings) listens on 127.0.0.1, the clients are in the
#   same process (bench/Tongguan.Bench soak, see bench/Tongguan.Bench/Soak/SoakLoad.cs).
# - PostgreSQL: the server named by TONGGUAN_TEST_POSTGRES (a superuser connection string; a fresh database is created
#   and dropped) when set, else a throw-away cluster with the server's default durability, deleted afterwards.
# - Knobs (environment): SOAK_CLIENTS (4), SOAK_THINK_MS (50, between a client's requests), SOAK_BACKLOG (25, cases
#   per client waiting for verification before the oldest is verified), SOAK_SAMPLE_SECONDS (60).
# - The per-minute samples are also kept as CSV in SOAK_CSV (default: a temp file, printed at the end).
# Not part of CI: it takes an hour and measures the machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

MINUTES="${1:-60}"
CLIENTS="${SOAK_CLIENTS:-4}"
THINK_MS="${SOAK_THINK_MS:-50}"
BACKLOG="${SOAK_BACKLOG:-25}"
SAMPLE_SECONDS="${SOAK_SAMPLE_SECONDS:-60}"

log() { printf '[soak] %s\n' "$*" >&2; }
die() { printf '[soak] ERROR: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tongguan-soak.XXXXXX")"
CSV="${SOAK_CSV:-$WORK/samples.csv}"
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
# shellcheck source=bench/machine.sh
source "$ROOT/bench/machine.sh"

cleanup() {
    local status=$?
    pg_stop
    [[ -f "$CSV" && "$CSV" == "$WORK"/* ]] && cp "$CSV" "${TMPDIR:-/tmp}/tongguan-soak-last.csv" 2>/dev/null || true
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH (needs the .NET 10 SDK)."

if [[ -n "${TONGGUAN_TEST_POSTGRES:-}" ]]; then
    log "using the PostgreSQL server given by TONGGUAN_TEST_POSTGRES"
else
    pg_start_throwaway "$WORK"
fi

log "building bench/Tongguan.Bench (Release)"
dotnet build bench/Tongguan.Bench/Tongguan.Bench.csproj -c Release -nologo -clp:ErrorsOnly >&2

MACHINE="$WORK/machine.md"
{
    machine_table
    echo "| Load average before the run | $(cut -d' ' -f1-3 /proc/loadavg) |"
    if [[ -n "${SOAK_NOTE:-}" ]]; then
        echo "| Note | $SOAK_NOTE |"
    fi
} >"$MACHINE"

log "soak: $MINUTES minutes, $CLIENTS clients, ${THINK_MS} ms think time, a sample every ${SAMPLE_SECONDS} s"
status=0
dotnet bench/Tongguan.Bench/bin/Release/net10.0/Tongguan.Bench.dll soak --provider postgresql --connection "$TONGGUAN_TEST_POSTGRES" \
    --minutes "$MINUTES" --clients "$CLIENTS" --think-ms "$THINK_MS" --backlog "$BACKLOG" --sample-seconds "$SAMPLE_SECONDS" \
    --machine "$MACHINE" --command "bash bench/soak.sh $MINUTES" --csv "$CSV" --results bench/RESULTS.md || status=$?
log "wrote the Soak section of bench/RESULTS.md (exit $status: 0 = flat and no errors); samples in $CSV"
exit "$status"

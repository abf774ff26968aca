#!/usr/bin/env bash
# The project's one test command: builds the solution and runs every test project against a
# throw-away PostgreSQL cluster (DESIGN.md: PostgreSQL tests are never silently skipped).
#
#   bash scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Http]
#
# - Installs Debian's postgresql package when it is missing (needs root and apt-get).
# - Installs Debian's chromium (and a CJK font, for the zh-CN pages) when missing, for the browser tests in
#   tests/Tongguan.Web.Tests (Playwright drives /usr/bin/chromium; TONGGUAN_CHROMIUM names another binary).
# - Starts a private cluster (trust auth, 127.0.0.1 only, a free port, everything in a temp dir)
#   and exports TONGGUAN_TEST_POSTGRES for the integration tests; stops and deletes it on exit.
#   If TONGGUAN_TEST_POSTGRES is already set, that server is used and no cluster is started.
# - Ends with one line "N passed, N failed[, N skipped]" summed over all test projects and
#   exits non-zero when the build or any test failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { printf '[test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tongguan-test.XXXXXX")"
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"

cleanup() {
    local status=$?
    pg_stop
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first."

# Playwright cannot download its own browser here: the browser tests use Debian's.
CHROMIUM="${TONGGUAN_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing Chromium with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >"$WORK/apt-chromium.log" 2>&1 || { cat "$WORK/apt-chromium.log" >&2; die "apt-get update failed"; }
        apt-get install -y -q chromium fonts-wqy-zenhei >>"$WORK/apt-chromium.log" 2>&1 \
            || { cat "$WORK/apt-chromium.log" >&2; die "apt-get install chromium failed"; }
    fi
    [[ -x "$CHROMIUM" ]] || die "Chromium ($CHROMIUM) not found and cannot be installed: run as root on Debian/Ubuntu \
(apt-get install chromium), or set TONGGUAN_CHROMIUM to a Chromium binary."
fi

if [[ -n "${TONGGUAN_TEST_POSTGRES:-}" ]]; then
    log "using the PostgreSQL server given by TONGGUAN_TEST_POSTGRES"
else
    # fsync off: the cluster is deleted after the run, durability buys nothing here.
    pg_start_throwaway "$WORK" -c fsync=off -c synchronous_commit=off -c full_page_writes=off
fi

log "restoring and building Tongguan.slnx"
if ! dotnet restore Tongguan.slnx || ! dotnet build Tongguan.slnx --no-restore -nologo -clp:ErrorsOnly; then
    log "the build failed"
    echo "0 passed, 0 failed"
    exit 1
fi

RESULTS="$WORK/results"
# Every test project of the solution, one after the other: each writes its own trx file
# (parallel runs into one folder can collide on the trx logger's timestamped names).
mapfile -t TEST_PROJECTS < <(grep -o 'Path="tests/[^"]*\.csproj"' Tongguan.slnx | sed 's/^Path="//; s/"$//')
[[ ${#TEST_PROJECTS[@]} -gt 0 ]] || die "no test projects found in Tongguan.slnx"

test_status=0
failed_projects=()
for project in "${TEST_PROJECTS[@]}"; do
    name="$(basename "$project" .csproj)"
    log "running $name"
    # --blame: a test host that crashes is reported with the test it was running. The console output is also kept,
    # so that a project which fails without a failed test (a fixture's clean-up, a crash) is explained at the end.
    project_status=0
    dotnet test "$project" --no-build --nologo --blame --logger "trx;LogFileName=$name.trx" \
        --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@" 2>&1 | tee "$WORK/$name.out" \
        || project_status=$?
    if [[ $project_status -ne 0 ]]; then
        test_status=$project_status
        failed_projects+=("$name")
    fi
done

# Sum the counters of every project's trx file.
counter() { local v; v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"; echo "${v:-0}"; }
passed=0 failed=0 skipped=0 files=0
for trx in "$RESULTS"/*.trx; do
    [[ -f "$trx" ]] || continue
    files=$((files + 1))
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    total=$(counter total "$counters"); executed=$(counter executed "$counters")
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") \
        + $(counter timeout "$counters") + $(counter aborted "$counters")))
    skipped=$((skipped + total - executed))
done

if [[ $files -eq 0 ]]; then
    log "no test results were written"
    [[ $test_status -ne 0 ]] || test_status=1
fi
if [[ $test_status -ne 0 && $failed -eq 0 ]]; then
    log "dotnet test exited with $test_status (a test host crashed or a project failed to run)"
fi
# Repeated last, where a CI log's tail shows it: why each failing project failed, in the runner's own words
# (failed tests, class or collection clean-up failures, catastrophic errors, test host crashes).
for name in "${failed_projects[@]}"; do
    log "$name failed; from its output:"
    grep -n -i -E -A 12 '^[[:space:]]+Failed [^ ]+.*\[[0-9<]|\[FAIL\]|Cleanup Failure|Catastrophic|\[FATAL ERROR\]|host process crashed|aborted|^[[:space:]]*error' \
        "$WORK/$name.out" | head -n 120 >&2 || true
done

summary="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary="$summary, $skipped skipped"
echo "$summary"

if [[ $test_status -ne 0 || $failed -gt 0 ]]; then
    exit 1
fi
exit 0

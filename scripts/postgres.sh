# A throw-away PostgreSQL cluster for tests and benchmarks. Sourced by scripts/test.sh and bench/run.sh, which
# define log() and die() and call pg_start_throwaway WORKDIR [server options...] then pg_stop on exit.
# As root it installs Debian's postgresql when missing; the cluster runs as the postgres user (PostgreSQL refuses
# root), with trust auth, on 127.0.0.1 only, on a free port, everything inside WORKDIR.

PG_STARTED=0

pg_find_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

pg_as_user() {
    if [[ $EUID -eq 0 ]]; then
        (cd "$PG_WORK" && runuser -u postgres -- "$@")
    else
        (cd "$PG_WORK" && "$@")
    fi
}

pg_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pg_start_throwaway WORKDIR [extra server options]: exports TONGGUAN_TEST_POSTGRES.
pg_start_throwaway() {
    PG_WORK="$1"
    shift
    PG_DATA="$PG_WORK/pg/data"
    PG_BIN="$(pg_find_bin)"
    if [[ -z "$PG_BIN" ]]; then
        if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
            log "installing PostgreSQL with apt-get"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -q >"$PG_WORK/apt.log" 2>&1 || { cat "$PG_WORK/apt.log" >&2; die "apt-get update failed"; }
            apt-get install -y -q --no-install-recommends postgresql >>"$PG_WORK/apt.log" 2>&1 \
                || { cat "$PG_WORK/apt.log" >&2; die "apt-get install postgresql failed"; }
            PG_BIN="$(pg_find_bin)"
        fi
        [[ -n "$PG_BIN" ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found and cannot be installed: \
run as root on Debian/Ubuntu (apt-get install postgresql), or set TONGGUAN_TEST_POSTGRES to a server's connection string."
    fi
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist; install Debian's postgresql package."
        command -v runuser >/dev/null 2>&1 || die "runuser is required to start PostgreSQL as the postgres user."
    fi

    mkdir -p "$PG_WORK/pg/sock"
    [[ $EUID -eq 0 ]] && chown -R postgres "$PG_WORK"
    log "creating a throw-away cluster with $PG_BIN/initdb"
    pg_as_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale \
        >"$PG_WORK/pg/initdb.log" 2>&1 || { cat "$PG_WORK/pg/initdb.log" >&2; die "initdb failed"; }

    local attempt port
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        pg_port_in_use "$port" && continue
        if pg_as_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_WORK/pg/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_WORK/pg/sock -c max_connections=200 $*" >/dev/null 2>&1; then
            PG_STARTED=1
            export TONGGUAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
            log "PostgreSQL listening on 127.0.0.1:$port"
            return 0
        fi
        log "could not start PostgreSQL on port $port (attempt $attempt), retrying"
    done
    cat "$PG_WORK/pg/server.log" >&2 || true
    die "PostgreSQL did not start"
}

pg_stop() {
    if [[ $PG_STARTED -eq 1 ]]; then
        pg_as_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED=0
    fi
}

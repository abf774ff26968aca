# Sourced by bench/run.sh and bench/soak.sh: the date, commit and machine rows every results section starts with.
# shellcheck shell=bash

# Prints the date line and the machine table up to the .NET SDK row; callers add their own rows after it.
machine_table() {
    echo "Date (UTC): $(date -u '+%Y-%m-%d %H:%M')  ·  commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo
    echo "| Machine | |"
    echo "| --- | --- |"
    echo "| CPUs (\`nproc\`) | $(nproc) |"
    echo "| CPU model | $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1) |"
    echo "| Memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2/1024/1024}' /proc/meminfo) |"
    echo "| OS | $( . /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
    echo "| .NET SDK (\`dotnet --version\`) | $(dotnet --version) |"
}

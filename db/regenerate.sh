#!/usr/bin/env bash
# Regenerates the EF Core migrations of every database provider (db/Sqlite, db/PostgreSql, db/SqlServer)
# and the SQL script next to each (idempotent for PostgreSQL and SQL Server; SQLite's runs from empty), from the model of src/Cases (TongguanDbContext).
#
#   bash db/regenerate.sh                 # only rewrite the SQL scripts from the existing migrations
#   bash db/regenerate.sh AddCaseTables   # add a migration with that name to every provider, then the scripts
#   bash db/regenerate.sh --initial       # before the first release only: drop all migrations, recreate "Initial"
#
# Uses the dotnet-ef version pinned in .config/dotnet-tools.json (`dotnet tool restore`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PROJECT=src/Cases/Tongguan.Cases.csproj
PROVIDERS=(Sqlite PostgreSql SqlServer)

name="${1:-}"
if [[ "$name" == "--initial" ]]; then
    for provider in "${PROVIDERS[@]}"; do
        rm -f "db/$provider"/*.cs
    done
    name=Initial
fi

dotnet tool restore >/dev/null
ef() { dotnet tool run dotnet-ef "$@" --project "$PROJECT" --startup-project "$PROJECT" --no-build; }

dotnet build "$PROJECT" -nologo -v:q -clp:ErrorsOnly

if [[ -n "$name" ]]; then
    for provider in "${PROVIDERS[@]}"; do
        echo "== adding migration $name for $provider"
        ef migrations add "$name" --context "${provider}TongguanDbContext" \
            --output-dir "../../db/$provider" --namespace "Tongguan.Cases.Persistence.Migrations.$provider"
        # dotnet ef writes a new model snapshot into a namespace-shaped folder of the project; keep it with its migrations.
        while IFS= read -r -d '' snapshot; do
            mv "$snapshot" "db/$provider/"
        done < <(find src/Cases -name "${provider}TongguanDbContextModelSnapshot.cs" -not -path '*/obj/*' -not -path '*/bin/*' -print0)
        find src/Cases -mindepth 1 -type d -empty -not -path '*/obj/*' -not -path '*/bin/*' -delete
    done
    dotnet build "$PROJECT" -nologo -v:q -clp:ErrorsOnly
fi

for provider in "${PROVIDERS[@]}"; do
    echo "== writing db/$provider/$provider.sql"
    # EF Core cannot make SQLite scripts idempotent; that one creates the schema from empty.
    idempotent=--idempotent
    [[ "$provider" == Sqlite ]] && idempotent=
    ef migrations script $idempotent --context "${provider}TongguanDbContext" --output "db/$provider/$provider.sql"
done

using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Tongguan.Cases.Audit;

/// <summary>
/// The database side of "append-only": triggers that refuse DELETE, TRUNCATE and any UPDATE except the sealer's one-time
/// filling in of an unsealed entry's chain position and hash. They are emitted with the <c>CREATE TABLE</c> of
/// <c>audit_entries</c> by the providers' migration SQL generators below, so they are part of every generated
/// migration and script (db/regenerate.sh) without hand edits that a regeneration would lose.
/// </summary>
public static class AppendOnlyTriggers
{
    public const string PostgreSqlFunction = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $audit$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF OLD."Hash" IS NULL AND OLD."ChainPosition" IS NULL AND NEW."Hash" IS NOT NULL AND NEW."ChainPosition" IS NOT NULL
                   AND (to_jsonb(NEW) - 'Hash' - 'ChainPosition') = (to_jsonb(OLD) - 'Hash' - 'ChainPosition') THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'audit_entries is append-only: % refused (only the sealer fills in an unsealed entry''s chain position and hash, once)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $audit$;
        """;

    public const string PostgreSqlRowTrigger =
        "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();";

    public const string PostgreSqlTruncateTrigger =
        "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();";

    public const string SqliteDeleteTrigger =
        "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused'); END;";

    public const string SqliteUpdateTrigger = """
        CREATE TRIGGER audit_entries_seal_once BEFORE UPDATE ON audit_entries
        WHEN OLD."Hash" IS NOT NULL OR OLD."ChainPosition" IS NOT NULL OR NEW."Hash" IS NULL OR NEW."ChainPosition" IS NULL
          OR NEW."Sequence" IS NOT OLD."Sequence" OR NEW."At" IS NOT OLD."At" OR NEW."Actor" IS NOT OLD."Actor"
          OR NEW."Action" IS NOT OLD."Action" OR NEW."SubjectType" IS NOT OLD."SubjectType" OR NEW."SubjectId" IS NOT OLD."SubjectId"
          OR NEW."Before" IS NOT OLD."Before" OR NEW."After" IS NOT OLD."After" OR NEW."CorrelationId" IS NOT OLD."CorrelationId"
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused'); END;
        """;

    internal static bool IsAuditTable(CreateTableOperation operation) =>
        string.Equals(operation.Name, AuditEntryConfiguration.TableName, StringComparison.Ordinal);
}

#pragma warning disable EF1001 // Npgsql's generator takes its singleton options, an internal-namespace type, in its only constructor.
internal sealed class PostgreSqlAuditMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
    Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal.INpgsqlSingletonOptions npgsqlSingletonOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlSingletonOptions)
#pragma warning restore EF1001
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (terminate && AppendOnlyTriggers.IsAuditTable(operation))
        {
            builder.AppendLines(AppendOnlyTriggers.PostgreSqlFunction).EndCommand();
            builder.AppendLine(AppendOnlyTriggers.PostgreSqlRowTrigger).EndCommand();
            builder.AppendLine(AppendOnlyTriggers.PostgreSqlTruncateTrigger).EndCommand();
        }
    }
}

internal sealed class SqliteAuditMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider migrationsAnnotations)
    : SqliteMigrationsSqlGenerator(dependencies, migrationsAnnotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (terminate && AppendOnlyTriggers.IsAuditTable(operation))
        {
            builder.AppendLine(AppendOnlyTriggers.SqliteDeleteTrigger).EndCommand();
            builder.AppendLines(AppendOnlyTriggers.SqliteUpdateTrigger).EndCommand();
        }
    }
}

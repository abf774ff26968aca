using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Tongguan.Cases.Audit;

/// <summary>
/// The database side of "append-only": triggers that refuse DELETE, TRUNCATE and any UPDATE except the sealer's one-time
/// filling in of an unsealed entry's chain position and hash. They are emitted with the <c>CREATE TABLE</c> of
/// <c>audit_entries</c> by the providers' migration SQL generators below, so they are part of every generated
/// migration and script (db/regenerate.sh) without hand edits that a regeneration would lose.
/// </summary>
/// <remarks>
/// SQL Server has no TRUNCATE trigger; there TRUNCATE is kept out by permissions (docs/operators/audit.md). The SQL Server
/// trigger has not been run against a SQL Server by this project's tests, only parsed (SqlServerAppendOnlyTriggerTests).
/// </remarks>
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

    public const string SqlServerTriggerName = "audit_entries_append_only";

    /// <summary>
    /// The SQL Server trigger for <paramref name="table"/>: an <c>AFTER UPDATE, DELETE</c> statement trigger that
    /// compares <c>deleted</c> with <c>inserted</c> on the primary key. Built from the <c>CREATE TABLE</c>'s columns so that
    /// every column there is covered; a later added column needs the trigger recreated.
    /// </summary>
    internal static string SqlServerTrigger(CreateTableOperation table)
    {
        var key = table.PrimaryKey?.Columns is { Length: > 0 } keyColumns
            ? keyColumns
            : throw new InvalidOperationException($"{table.Name} needs a primary key for its append-only trigger.");
        string[] sealedOnce = [nameof(AuditEntry.Hash), nameof(AuditEntry.ChainPosition)];
        var unchanged = table.Columns
            .Where(c => !key.Contains(c.Name, StringComparer.Ordinal) && !sealedOnce.Contains(c.Name, StringComparer.Ordinal))
            .ToList();

        var join = string.Join(" AND ", key.Select(k => $"i.{Bracket(k)} = d.{Bracket(k)}"));
        var newValues = string.Join(", ", unchanged.SelectMany(c => Comparable("i", c)));
        var oldValues = string.Join(", ", unchanged.SelectMany(c => Comparable("d", c)));
        var hash = Bracket(nameof(AuditEntry.Hash));
        var position = Bracket(nameof(AuditEntry.ChainPosition));
        return $"""
            CREATE TRIGGER {Bracket(SqlServerTriggerName)} ON {Bracket(table.Name)} AFTER UPDATE, DELETE
            AS
            BEGIN
                SET NOCOUNT ON;
                IF NOT EXISTS (SELECT 1 FROM deleted)
                    RETURN;
                IF NOT EXISTS (SELECT 1 FROM inserted)
                    THROW 51000, N'{table.Name} is append-only: DELETE refused', 1;
                IF EXISTS (
                    SELECT 1
                    FROM deleted AS d
                    LEFT JOIN inserted AS i ON {join}
                    WHERE i.{Bracket(key[0])} IS NULL
                       OR d.{hash} IS NOT NULL OR d.{position} IS NOT NULL OR i.{hash} IS NULL OR i.{position} IS NULL
                       OR EXISTS (SELECT {newValues}
                                  EXCEPT
                                  SELECT {oldValues}))
                    THROW 51000, N'{table.Name} is append-only: UPDATE refused (only the sealer fills in an unsealed entry''s chain position and hash, once)', 1;
            END;
            """;
    }

    // EXCEPT treats two NULLs as equal, which is the NULL-safe comparison wanted here. It compares strings by the column's
    // collation, though (case-insensitive, trailing spaces ignored by default), so strings are compared as bytes and
    // lengths; datetimeoffset compares instants, so the offset is compared as well.
    private static IEnumerable<string> Comparable(string alias, AddColumnOperation column)
    {
        var name = $"{alias}.{Bracket(column.Name)}";
        if (column.ClrType == typeof(string))
        {
            return [$"CAST({name} AS varbinary(max))", $"DATALENGTH({name})"];
        }

        return column.ClrType == typeof(DateTimeOffset) ? [name, $"DATEPART(TZOFFSET, {name})"] : [name];
    }

    private static string Bracket(string identifier) => $"[{identifier.Replace("]", "]]", StringComparison.Ordinal)}]";

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

internal sealed class SqlServerAuditMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, ICommandBatchPreparer commandBatchPreparer)
    : SqlServerMigrationsSqlGenerator(dependencies, commandBatchPreparer)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (terminate && AppendOnlyTriggers.IsAuditTable(operation))
        {
            var trigger = AppendOnlyTriggers.SqlServerTrigger(operation);
            // CREATE TRIGGER must open its batch, and a script puts this command in one batch with the CREATE TABLE (EF Core
            // writes GO only around the transaction) or, when idempotent, inside IF NOT EXISTS (…) BEGIN … END. EXEC runs it
            // as a batch of its own wherever it stands, the way EF Core itself creates schemas.
            var command = $"EXEC(N'{trigger.Replace("'", "''", StringComparison.Ordinal)}');";
            builder.AppendLines(command).EndCommand();
        }
    }
}

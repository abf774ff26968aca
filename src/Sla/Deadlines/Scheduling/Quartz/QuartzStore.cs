using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// Where Quartz keeps the deadline wake-ups, as <see cref="DeadlineSchedulingOptions"/> says: the ADO.NET driver, the
/// SQL dialect and the table prefix (schema-qualified on PostgreSQL and SQL Server). Resolved from the options when
/// first needed, so the caller may configure them after <c>AddQuartzDeadlineScheduler()</c>.
/// </summary>
internal sealed partial class QuartzStore(IOptions<DeadlineSchedulingOptions> options) : IDisposable
{
    /// <summary>Every node of one cluster shares this name; Quartz keys all its rows by it.</summary>
    public const string SchedulerName = "TongguanDeadlines";

    public const string DefaultSchema = "quartz";

    private const string TableNamePrefix = "qrtz_";

    private const string SingleNodeInstanceId = "single-node";

    private readonly SemaphoreSlim _namespaceGate = new(1, 1);
    private bool _namespaceReady;

    public DeadlineSchedulingOptions Options => options.Value;

    public string ConnectionString => Options.ConnectionString is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{DeadlineSchedulingOptions.SectionName}:{nameof(DeadlineSchedulingOptions.ConnectionString)} is not set; the Quartz deadline scheduler needs the database its tables live in.");

    /// <summary>The database schema the tables live in, or null on SQLite (which has none).</summary>
    public string? Schema => Options.Storage switch
    {
        SchedulerStorage.Sqlite => null,
        _ => ValidSchemaName(Options.Schema ?? DefaultSchema),
    };

    /// <summary>
    /// Whether the nodes form a Quartz cluster: on PostgreSQL and SQL Server. Quartz refuses clustering on SQLite, the
    /// embedded one-node set-up. There a second process on the same file still never takes a trigger another has
    /// taken (acquiring is a compare-and-set on the trigger row), but a dead process's work is recovered only when a
    /// node next starts — which then also frees what the running ones hold, at worst one extra, harmless sweep.
    /// </summary>
    public bool Clustered => Options.Storage != SchedulerStorage.Sqlite;

    public string TablePrefix => Schema is { } schema ? $"{schema}.{TableNamePrefix}" : TableNamePrefix;

    /// <summary>
    /// This node's Quartz instance id. In a cluster, unique per process (a restarted node is a new member; the others
    /// recover what the old one left). On SQLite, one id for every process: Quartz without a cluster recovers at
    /// start only the firings of its own instance id, which must therefore be the id of the process that died.
    /// </summary>
    public string InstanceId => !Clustered
        ? SingleNodeInstanceId
        : Options.NodeName is { Length: > 0 } name
            ? name
            : $"{Environment.MachineName}-{Environment.ProcessId}";

    public IDbProvider CreateConnectionProvider() =>
        // Drivers are resolved by name: the host brings Microsoft.Data.Sqlite, Npgsql or Microsoft.Data.SqlClient,
        // so this library does not reference all three.
        new DbProvider(
            Options.Storage switch
            {
                SchedulerStorage.Sqlite => "SQLite-Microsoft",
                SchedulerStorage.PostgreSql => "Npgsql",
                SchedulerStorage.SqlServer => "SqlServer",
                _ => throw UnknownStorage(),
            },
            ConnectionString);

    public IDriverDelegate CreateDriverDelegate() => Options.Storage switch
    {
        SchedulerStorage.Sqlite => new SQLiteDelegate(),
        SchedulerStorage.PostgreSql => new PostgreSQLDelegate(),
        SchedulerStorage.SqlServer => new SqlServerDelegate(),
        _ => throw UnknownStorage(),
    };

    /// <summary>
    /// Creates the database schema the tables go in when it is missing. Quartz creates its own tables
    /// (<c>ProvisionSchema</c>) but not the schema that qualifies them. Idempotent, and safe when several nodes start
    /// at once: the loser of a creation race sees a duplicate error, which means the schema is there.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _namespaceReady) || Schema is not { } schema)
        {
            return;
        }

        await _namespaceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_namespaceReady)
            {
                return;
            }

            var provider = CreateConnectionProvider();
            var connection = provider.CreateConnection();
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    // The name is checked against IdentifierPattern, so composing it into the statement is safe.
#pragma warning disable CA2100
                    command.CommandText = Options.Storage == SchedulerStorage.SqlServer
                        ? $"""
                           IF SCHEMA_ID(N'{schema}') IS NULL
                           BEGIN TRY EXEC(N'CREATE SCHEMA [{schema}]') END TRY
                           BEGIN CATCH IF ERROR_NUMBER() <> 2714 THROW; END CATCH
                           """
                        : $"CREATE SCHEMA IF NOT EXISTS {schema}";
#pragma warning restore CA2100
                    try
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (DbException e) when (IsDuplicateSchema(e))
                    {
                        // Another node created it between our check and our create.
                    }
                }
            }

            Volatile.Write(ref _namespaceReady, true);
        }
        finally
        {
            _namespaceGate.Release();
        }
    }

    public void Dispose() => _namespaceGate.Dispose();

    // PostgreSQL reports a lost race on IF NOT EXISTS as unique_violation on pg_namespace (or duplicate_schema);
    // SQL Server's statement swallows its own duplicate error (2714).
    private static bool IsDuplicateSchema(DbException e) => e.SqlState is "23505" or "42P06";

    private static string ValidSchemaName(string schema) => IdentifierPattern().IsMatch(schema)
        ? schema
        : throw new InvalidOperationException(
            $"{DeadlineSchedulingOptions.SectionName}:{nameof(DeadlineSchedulingOptions.Schema)} '{schema}' is not a plain identifier (letters, digits, underscores; not starting with a digit).");

    private InvalidOperationException UnknownStorage() =>
        new($"The Quartz deadline scheduler does not know the storage '{Options.Storage}'.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}

using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Persistence;

/// <summary>The database the host keeps cases and workflow state in (section <c>Tongguan:Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Tongguan:Database";

    /// <summary>Default SQLite file, relative to the content root.</summary>
    public const string DefaultSqliteFile = "data/tongguan.db";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. Optional for SQLite (defaults to <see cref="DefaultSqliteFile"/>),
    /// required for PostgreSQL and SQL Server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The longest wait for an unreachable database at start; attempts are repeated with growing pauses
    /// until it is reached or this has passed, then the host exits with a clear message. Zero: one attempt only.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The cap of the pause between two attempts at start (the pauses double from one second up to it).</summary>
    public TimeSpan StartupRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest <see cref="StartupTimeout"/> accepted: a node that waits longer is better restarted by its supervisor.</summary>
    public static readonly TimeSpan MaxStartupTimeout = TimeSpan.FromDays(1);
}

public enum DatabaseProvider
{
    /// <summary>Embedded, zero set-up; one file under <c>data/</c>.</summary>
    Sqlite,
    /// <summary>The production database, shared by several app nodes.</summary>
    PostgreSql,
    SqlServer,
}

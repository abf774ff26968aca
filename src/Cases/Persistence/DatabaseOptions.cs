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
}

public enum DatabaseProvider
{
    /// <summary>Embedded, zero set-up; one file under <c>data/</c>.</summary>
    Sqlite,
    /// <summary>The production database, shared by several app nodes.</summary>
    PostgreSql,
    SqlServer,
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tongguan.Cases.Persistence;

/// <summary>How each provider is configured; shared by the host and the design-time factories so that
/// migrations are generated with exactly the options the app runs with.</summary>
public static class DatabaseProviders
{
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString);
                // The audit table's append-only triggers ride along with its CREATE TABLE (Audit/AppendOnlyMigrations.cs).
                options.ReplaceService<IMigrationsSqlGenerator, Audit.SqliteAuditMigrationsSqlGenerator>();
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(PostgreSqlConnectionString(connectionString));
                options.ReplaceService<IMigrationsSqlGenerator, Audit.PostgreSqlAuditMigrationsSqlGenerator>();
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString);
                options.ReplaceService<IMigrationsSqlGenerator, Audit.SqlServerAuditMigrationsSqlGenerator>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's automatic preparation on unless the operator set it: the engine and
    /// the case handling send the same few dozen statements all day, and a prepared statement skips the server's parsing
    /// and planning of each (bench/RESULTS.md, durable starts). <c>Max Auto Prepare=0</c> turns it off, e.g. behind a
    /// connection pooler in transaction mode that does not keep prepared statements.
    /// </summary>
    public static string PostgreSqlConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection by default (Npgsql prepares one after it has run a few times).</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// Makes a relative SQLite file absolute under <paramref name="contentRoot"/> (SQLite would otherwise
    /// resolve it against whatever the working directory happens to be) and creates its directory.
    /// </summary>
    public static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory ||
                       string.IsNullOrEmpty(dataSource) ||
                       string.Equals(dataSource, ":memory:", StringComparison.Ordinal);
        if (inMemory)
        {
            return connectionString;
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.DataSource = path;
        return builder.ToString();
    }
}

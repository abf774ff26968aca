using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tongguan.Cases.Persistence;

// Used by `dotnet ef` (db/regenerate.sh) only. Generating migrations and scripts never opens these
// connections; they exist because each provider needs a well-formed connection string to build its model.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTongguanDbContext>
{
    public SqliteTongguanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteTongguanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SqliteTongguanDbContext(options.Options);
    }
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlTongguanDbContext>
{
    public PostgreSqlTongguanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlTongguanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=tongguan;Username=tongguan");
        return new PostgreSqlTongguanDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTongguanDbContext>
{
    public SqlServerTongguanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerTongguanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.SqlServer, "Server=127.0.0.1;Database=tongguan;Integrated Security=false;TrustServerCertificate=true");
        return new SqlServerTongguanDbContext(options.Options);
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>A fresh, real database for one test class; the schema is created from the model.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public abstract string ProviderName { get; }

    public abstract void Configure(DbContextOptionsBuilder options);

    public DbContextOptions<TestDbContext> Options
    {
        get
        {
            var builder = new DbContextOptionsBuilder<TestDbContext>();
            Configure(builder);
            return builder.Options;
        }
    }

    public TestDbContext CreateContext() => new(Options);

    public virtual async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.EnsureCreatedAsync();
    }

    public abstract Task DisposeAsync();
}

/// <summary>SQLite in a file of its own temporary folder (a file, not memory, so several connections share it).</summary>
public sealed class SqliteDatabase : DatabaseFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-tests", Guid.NewGuid().ToString("N"));

    public override string ProviderName => "SQLite";

    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_folder, "workflows.db"),
        DefaultTimeout = 30,
        Pooling = false,
    }.ToString();

    public override void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return base.InitializeAsync();
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>TONGGUAN_TEST_POSTGRES</c> (a superuser connection
/// string to a throw-away server). Without it the tests fail: PostgreSQL is the production database and
/// is never skipped silently.
/// </summary>
public sealed class PostgresDatabase : DatabaseFixture
{
    public const string VariableName = ThrowawayPostgresDatabase.VariableName;

    private readonly ThrowawayPostgresDatabase _database = new("tg_test_");

    public override string ProviderName => "PostgreSQL";

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(_database.ConnectionString);

    public override async Task InitializeAsync()
    {
        await _database.CreateAsync();
        await base.InitializeAsync();
    }

    public override Task DisposeAsync() => _database.DropAsync();
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Seed;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Seed;

/// <summary>A fresh, empty database for one seed run, named to the seed command by configuration arguments.</summary>
public interface ISeedDatabase : IAsyncDisposable
{
    DatabaseProvider Provider { get; }

    Task<string> CreateAsync();
}

internal sealed class SeedSqliteDatabase : ISeedDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-seed-tests", Guid.NewGuid().ToString("N"));

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task<string> CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "tongguan.db"), DefaultTimeout = 30 }.ToString());
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);

        return ValueTask.CompletedTask;
    }
}

internal sealed class SeedPostgresDatabase : ISeedDatabase
{
    private readonly ThrowawayPostgresDatabase _database = new("tg_seed_");

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public Task<string> CreateAsync() => _database.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DropAsync();
}

internal static class SeedRuns
{
    /// <summary>Runs the seed command's core on <paramref name="database"/>, as <c>dotnet run -- seed</c> would with these settings.</summary>
    public static async Task<SeedSummary> SeedAsync(ISeedDatabase database, SeedSettings settings)
    {
        var connectionString = await database.CreateAsync();
        string[] configuration =
        [
            $"--Tongguan:Database:Provider={database.Provider}",
            $"--Tongguan:Database:ConnectionString={connectionString}",
            "--Tongguan:Database:MigrateOnStart=true",
        ];
        return await SeedCommand.SeedAsync(settings, configuration, progress: null, CancellationToken.None);
    }

    /// <summary>
    /// A host over a seeded year reads it at the turn of the year, so still-open steps are measured up to the year's
    /// end and not to today; no sweep moves the history while it is read.
    /// </summary>
    public static void ReadAtTurnOfYear(IWebHostBuilder builder)
    {
        builder.UseSetting("Tongguan:Deadlines:RunSweeps", "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(SeedSettings.DefaultYear + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))));
        });
    }

    public static SeedSettings Settings(int cases, int seed = SeedSettings.DefaultSeed) =>
        new(cases, SeedSettings.DefaultYear, seed, new HashSet<string>(StringComparer.Ordinal) { "D02-chengguan", "D01-shuiwu" });
}

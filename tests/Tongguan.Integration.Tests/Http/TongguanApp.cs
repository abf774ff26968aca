using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Tongguan.Cases.Persistence;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Http;

/// <summary>
/// The real host (Program) on a fresh, empty database of one provider: the host itself applies the
/// migrations from db/ and loads definitions/ at start, exactly as <c>dotnet run</c> does.
/// </summary>
public abstract class TongguanApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public abstract DatabaseProvider Provider { get; }

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A client acting as <paramref name="user"/> (the temporary X-Tongguan-User header).</summary>
    public HttpClient CreateClient(string user = "tester")
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tongguan-User", user);
        return client;
    }

    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Lets a fixture change settings or services of the host before it starts.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Tongguan:Database:Provider", Provider.ToString());
            builder.UseSetting("Tongguan:Database:ConnectionString", connectionString);
            builder.UseSetting("Tongguan:Database:MigrateOnStart", "true");
            // Timers are not under test here; a polling worker would only add noise.
            builder.UseSetting("Tongguan:Workflows:Worker:Enabled", "false");
            Configure(builder);
        });

        // Starts the host: migrations and the definitions folder run now.
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DropDatabaseAsync();
    }
}

public class SqliteApp : TongguanApp
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-http-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "tongguan.db"),
            DefaultTimeout = 30,
        }.ToString());
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fresh database on the server named by TONGGUAN_TEST_POSTGRES (see <see cref="PostgresDatabase"/>).</summary>
public class PostgreSqlApp : TongguanApp
{
    private readonly ThrowawayPostgresDatabase _database = new("tg_http_");

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => _database.CreateAsync();

    protected override Task DropDatabaseAsync() => _database.DropAsync();
}

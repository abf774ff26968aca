using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
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

public sealed class SqliteApp : TongguanApp
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
public sealed class PostgreSqlApp : TongguanApp
{
    private readonly string _databaseName = "tg_http_" + Guid.NewGuid().ToString("N");
    private string? _server;

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(PostgresDatabase.VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {PostgresDatabase.VariableName} is not set; run the tests with `bash scripts/test.sh`, which starts a throw-away PostgreSQL.");
        await ExecuteAsync($"CREATE DATABASE \"{_databaseName}\"");
        return new NpgsqlConnectionStringBuilder(_server) { Database = _databaseName }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

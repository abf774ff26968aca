using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
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
    /// <summary>The initial password every reference data user's account gets in the test hosts.</summary>
    public const string Password = "Tongguan-Test-2026";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);
    private WebApplicationFactory<Program>? _factory;

    public abstract DatabaseProvider Provider { get; }

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>
    /// A client signed in as reference data user <paramref name="user"/>: its first request signs in at
    /// <c>POST /api/account/login</c> with <see cref="Password"/> and every request carries the bearer token, which
    /// is fetched once per user and app.
    /// </summary>
    public HttpClient CreateClient(string user = "admin") =>
        Factory.CreateDefaultClient(new BearerTokenHandler(ct => TokenAsync(user, ct)), new RedirectHandler(), new CookieContainerHandler());

    /// <summary>A client nobody signed in for, as a citizen's app or an attacker calls.</summary>
    public HttpClient CreateAnonymousClient() => Factory.CreateClient();

    /// <summary>The bearer token of <paramref name="user"/>, signing in on first use.</summary>
    public Task<string> TokenAsync(string user, CancellationToken cancellationToken = default) =>
        _tokens.GetOrAdd(user, u => new Lazy<Task<string>>(() => SignInAsync(CreateAnonymousClient(), u, CancellationToken.None))).Value
            .WaitAsync(cancellationToken);

    /// <summary>Signs in over HTTP and returns the access token; fails the test with the server's answer otherwise.</summary>
    public static async Task<string> SignInAsync(HttpClient client, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/account/login", new { userName = user, password = Password }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in of '{user}' failed: {(int)response.StatusCode} {body}");
        }

        return (string)JsonNode.Parse(body)!["accessToken"]!;
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
            builder.UseSetting("Tongguan:Auth:InitialPassword", Password);

            // Thousands of hash iterations instead of 100,000: provisioning hashes 33 passwords per host start.
            // Tokens live on the wall clock: fixtures that move the app's clock by days must not expire their callers.
            builder.ConfigureServices(services => services
                .Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000)
                .Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.TimeProvider = TimeProvider.System));
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

/// <summary>Puts the caller's bearer token on every request.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
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
        TempFolder.Delete(_folder);

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
